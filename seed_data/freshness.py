"""How well kept the seeded listings are: when each was last verified and modified, and the few that are closed,
inactive or carry an alert."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Final

from seed_data.files import JSON, read
from seed_data.ids import term_id

AS_OF: Final = date(2026, 11, 23)  # the directory's "today"
_DETAILS = read("listing_details")
ASSURERS: Final[tuple[str, ...]] = tuple(_DETAILS["assurers"])
ALERTS: Final[tuple[str, ...]] = tuple(_DETAILS["alerts"])
CLOSED_ALERTS: Final[tuple[str, ...]] = tuple(_DETAILS["closed_alerts"])
INACTIVE_ALERTS: Final[tuple[str, ...]] = tuple(_DETAILS["inactive_alerts"])


def random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def timestamp(day: date, rng: random.Random) -> str:
    moment = datetime(
        day.year, day.month, day.day, rng.randrange(15, 24), rng.choice((0, 5, 12, 20, 30, 41, 47)), tzinfo=UTC
    )
    return moment.isoformat()


def assign_dates(rng: random.Random, services: list[JSON]) -> None:
    """Verification dates by quota: 3% never verified, 20% over a year old, 23% six to
    twelve months old and the rest verified in the last six months; ``last_modified``
    follows the verification by up to three weeks."""
    n = len(services)
    year_ago = AS_OF - timedelta(days=365)
    half_year_ago = AS_OF - timedelta(days=184)
    buckets = (
        (round(n * 0.03), None),
        (round(n * 0.20), (date(2024, 6, 1), year_ago - timedelta(days=1))),
        (round(n * 0.23), (year_ago, half_year_ago - timedelta(days=1))),
        (n, (half_year_ago, AS_OF - timedelta(days=3))),
    )
    order = list(range(n))
    rng.shuffle(order)
    start = 0
    for size, span in buckets:
        for k in order[start : start + size]:
            service = services[k]
            if span is None:
                modified = random_date(rng, date(2024, 6, 1), AS_OF - timedelta(days=1))
            else:
                assured = random_date(rng, *span)
                service["assured_date"] = assured.isoformat()
                service["assurer_email"] = rng.choice(ASSURERS)
                modified = min(assured + timedelta(days=rng.randrange(21)), AS_OF - timedelta(days=1))
            service["last_modified"] = timestamp(modified, rng)
        start += size


def assign_statuses(rng: random.Random, services: list[JSON]) -> None:
    """A handful of listings are temporarily closed or inactive; a few carry alerts."""
    n = len(services)
    counts = Counter(s["attributes"][0]["taxonomy_term_id"] for s in services)
    candidates = [
        k
        for k, s in enumerate(services)
        if counts[s["attributes"][0]["taxonomy_term_id"]] > 3
        and s["attributes"][0]["taxonomy_term_id"] != term_id("crisis_line")
    ]
    closed_count = round(n * 0.015)
    inactive_count = round(n * 0.008)
    picked = rng.sample(candidates, min(len(candidates), closed_count + inactive_count))
    for rank, k in enumerate(picked):
        service = services[k]
        closed = rank < closed_count
        service["status"] = "temporarily closed" if closed else "inactive"
        service["alert"] = rng.choice(CLOSED_ALERTS if closed else INACTIVE_ALERTS)
        service["accepting_new_clients"] = False
        service["wait_weeks"] = None
        service.pop("wait_time", None)
        for capacity in service["capacities"]:
            capacity["available"] = 0
    chosen = set(picked)
    for k in rng.sample(range(n), min(n, max(1, round(n * 0.03)))):
        if k not in chosen:
            services[k]["alert"] = rng.choice(ALERTS)
