"""How search results are ordered: one blended score over text, distance, availability and freshness.

Pure numpy over arrays aligned with the matches, so every index ranks the same way and a search ranks every
match without loading any of them: `WhooshIndex` reads the signals from its columns, the in-memory twin from
its documents. No Flask, no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy

Sort = Literal["relevance", "distance", "name"]

#: How the blended score weighs its parts (renormalised over the parts that apply to a request).
WEIGHTS: Mapping[str, float] = {"text": 0.65, "distance": 0.2, "availability": 0.1, "freshness": 0.05}
#: Ranked on text, the best this many by words are blended; the rest keep their text order behind them.
RERANK_POOL = 200
FRESH_DAYS = 180  # verified within this many days: fully fresh
STALE_OVER_DAYS = 550  # ... then losing freshness evenly over this many days
DISTANCE_HALF_MILES = 3.0  # the distance part is 1/2 at this many miles
UNKNOWN_DISTANCE = 0.5  # no place to measure from (a service area, a phone line)
#: Availability by taking new clients: yes, unknown (or a stale update), no; a temporarily closed service 0.
AVAILABILITY = {1: 1.0, -1: 0.6, 0: 0.2}
_EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """A date as days since 1970-01-01 (how the indexes keep verification dates)."""
    return (day - _EPOCH).days


@dataclass(frozen=True)
class Ranking:
    """How a search wants its matches ordered.

    `origin` (latitude, longitude) makes distance count (and lets "distance" sort); `today` is the day
    freshness is measured on. Scores need `stale_before` from the filters (a lapsed capacity update counts as
    unknown).
    """

    today: date
    origin: tuple[float, float] | None = None
    sort: Sort = "relevance"
    explain: bool = False  # give each hit its parts (for `debug`)


@dataclass(frozen=True)
class Signals:
    """What ranks each match, one entry per match (numpy arrays of equal length).

    `text` is None when the search has no words; `distance` (miles, NaN where there is no place to measure)
    None without an origin. `accepting` is 1 yes, 0 no, -1 unknown, as of the request; `assured` the day number
    of the last verification, NaN when never verified. `name_order(positions)` ranks the matches at these
    positions by name (case-folded), then id; `id_order(positions)` by id alone: asked only of the matches that
    need it (a tie at the edge of the page, a sort by name).
    """

    text: Any
    distance: Any
    closed: Any
    accepting: Any
    assured: Any
    name_order: Callable[[Any], Any]
    id_order: Callable[[Any], Any]


def freshness(assured: Any, today: date) -> Any:
    age = day_number(today) - assured
    fading = numpy.maximum(0.0, 1.0 - (age - FRESH_DAYS) / STALE_OVER_DAYS)
    with numpy.errstate(invalid="ignore"):
        fresh = numpy.where(age <= FRESH_DAYS, 1.0, fading)
    return numpy.where(numpy.isnan(assured), 0.0, fresh)


def availability(closed: Any, accepting: Any) -> Any:
    by_intake = numpy.select(
        [accepting == 1, accepting == 0], [AVAILABILITY[1], AVAILABILITY[0]], default=AVAILABILITY[-1]
    )
    return numpy.where(closed, 0.0, by_intake)


def nearness(distance: Any) -> Any:
    return numpy.where(numpy.isnan(distance), UNKNOWN_DISTANCE, 1.0 / (1.0 + distance / DISTANCE_HALF_MILES))


def blend(signals: Signals, ranking: Ranking) -> tuple[Any, dict[str, Any]]:
    """Every match's blended score and its parts (each in [0, 1]): the weighted mean of the parts that apply
    (text only with words, distance only from an origin); text is relative to the best text score here."""
    count = len(signals.closed)
    weights = dict(WEIGHTS)
    if signals.text is None:
        weights["text"] = 0.0
        text = numpy.zeros(count)
    else:
        best = float(signals.text.max()) if count else 0.0
        text = signals.text / (best or 1.0)
    if signals.distance is None or ranking.origin is None:
        weights["distance"] = 0.0
        near = numpy.zeros(count)
    else:
        near = nearness(signals.distance)
    parts = {
        "text": text,
        "distance": near,
        "availability": availability(signals.closed, signals.accepting),
        "freshness": freshness(signals.assured, ranking.today),
    }
    total = sum(weights.values()) or 1.0
    score = weights["text"] * parts["text"]
    for name in ("distance", "availability", "freshness"):
        score = score + weights[name] * parts[name]
    return score / total, parts


def order(signals: Signals, score: Any, sort: Sort, limit: int | None = None) -> Any:
    """Positions of the first `limit` matches in the order shown: by score (ties by name, then id); by distance
    (those without a place last; ties by score, then id); or by name."""
    everything = numpy.arange(len(score))
    if sort == "name":
        return everything[numpy.argsort(signals.name_order(everything), kind="stable")][:limit]
    if sort == "distance" and signals.distance is not None:
        nearness_key = numpy.where(numpy.isnan(signals.distance), numpy.inf, signals.distance)
        chosen = _best(nearness_key, limit)
        keys = (signals.id_order(chosen), -score[chosen], nearness_key[chosen])
        return chosen[numpy.lexsort(keys)][:limit]
    chosen = _best(-score, limit)
    return chosen[numpy.lexsort((signals.name_order(chosen), -score[chosen]))][:limit]


def _best(key: Any, limit: int | None) -> Any:
    """Positions whose key is among the `limit` smallest, every tie at the edge included, in position order."""
    if limit is None or limit >= len(key):
        return numpy.arange(len(key))
    if limit <= 0:
        return numpy.zeros(0, dtype=numpy.int64)
    edge = numpy.partition(key, limit - 1)[limit - 1]
    return numpy.flatnonzero(key <= edge)


def rank(signals: Signals, ranking: Ranking, limit: int | None) -> tuple[Any, Any, dict[str, Any]]:
    """(positions of the best `limit` matches in order, every match's score, every match's parts)."""
    score, parts = blend(signals, ranking)
    return order(signals, score, ranking.sort, limit), score, parts


def ranks_of(keys: list[Any]) -> Any:
    """Each key's position in sorted order (equal keys by their own order), as an int64 array."""
    positions = sorted(range(len(keys)), key=keys.__getitem__)
    ranks = numpy.empty(len(keys), dtype=numpy.int64)
    ranks[positions] = numpy.arange(len(keys))
    return ranks
