"""The Whoosh index and its in-memory twin find, count and rank the seeded county alike.

Without words a ranking reads only the signals (distance, intake, verification, name), so both indexes must give
the very same services in the very same order, with the same distances and scores: this checks the columns Whoosh
ranks from against the documents the twin reads. With words the twin scores text more simply, so only what
matches is compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.db import Session as ScopedSession
from directory.listings import hours
from directory.listings.models import VISIBLE_STATUSES, Service
from directory.search import InMemoryIndex, SearchIndex, following
from directory.search.documents import service_schedules
from directory.search.following import IndexFollower
from directory.search.operations import Found, ServiceSearch, find_services
from directory.search.whoosh import WhooshIndex
from tests.conftest import seeded_county

NOW = datetime(2026, 12, 1, 10, 30).astimezone()  # a Tuesday morning


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, Path]]:
    folder = tmp_path_factory.mktemp("parity")
    with seeded_county(folder, INDEX_BACKEND="memory") as app:
        yield app, folder


@pytest.fixture(scope="module")
def indexes(county: tuple[Flask, Path]) -> tuple[SearchIndex, SearchIndex]:
    _, folder = county
    twin, whoosh = InMemoryIndex(), WhooshIndex(folder / "index" / "services")
    session = ScopedSession()
    for index in (twin, whoosh):
        assert following.rebuild(session, index) > 100
    ScopedSession.remove()
    return twin, whoosh


def both(indexes: tuple[SearchIndex, SearchIndex], search: ServiceSearch, wanted: int = 50) -> tuple[Found, Found]:
    session: Session = ScopedSession()
    try:
        return tuple(  # type: ignore[return-value]
            find_services(session, search, now=NOW, wanted=wanted, follower=IndexFollower(index)) for index in indexes
        )
    finally:
        ScopedSession.remove()


BROWSES = [
    ServiceSearch(),
    ServiceSearch(taxonomy_codes=("food",), postcode="97214"),
    ServiceSearch(taxonomy_codes=("mental_health",), postcode="97030", radius_miles=5),
    ServiceSearch(postcode="97205", radius_miles=3, sort="distance"),
    ServiceSearch(sort="name"),
    ServiceSearch(languages=("es",), postcode="97266", accepting_new_clients=True),
    ServiceSearch(insurance=("medicaid",), latitude=45.52, longitude=-122.68, radius_miles=10),
    ServiceSearch(open_now=True, postcode="97220", radius_miles=8),
    ServiceSearch(age=16, postcode="97201", sort="distance"),
]


def label(search: ServiceSearch) -> str:
    default = ServiceSearch()
    return ",".join(f"{k}={v}" for k, v in vars(search).items() if v != getattr(default, k)) or "everything"


@pytest.mark.parametrize("search", BROWSES, ids=label)
def test_a_browse_finds_and_ranks_the_same_services_in_both(
    indexes: tuple[SearchIndex, SearchIndex], search: ServiceSearch
) -> None:
    twin, whoosh = both(indexes, search)
    assert whoosh.total == twin.total
    assert whoosh.total > 0
    assert [c.id for c in whoosh.candidates] == [c.id for c in twin.candidates]
    assert [c.distance for c in whoosh.candidates] == pytest.approx([c.distance for c in twin.candidates])
    assert [c.score for c in whoosh.candidates] == pytest.approx([c.score for c in twin.candidates])
    if search.radius_miles is not None:
        assert all(c.distance is None or c.distance <= search.radius_miles for c in whoosh.candidates)


@pytest.mark.parametrize(
    "search",
    [
        ServiceSearch(text="food", postcode="97214", radius_miles=6),
        ServiceSearch(text="counseling", open_now=True),
        ServiceSearch(text="rent help", insurance=("medicaid",)),
    ],
)
def test_words_match_the_same_services_in_both(indexes: tuple[SearchIndex, SearchIndex], search: ServiceSearch) -> None:
    twin, whoosh = both(indexes, search, wanted=10_000)
    assert whoosh.total == twin.total
    assert {c.id for c in whoosh.candidates} == {c.id for c in twin.candidates}


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 1, 10, 30),  # a Tuesday morning
        datetime(2026, 12, 1, 12, 15),  # within an hour some open or close in
        datetime(2026, 12, 5, 10, 45),  # the first Saturday of the month
        datetime(2026, 12, 12, 10, 45),  # the second
        datetime(2026, 12, 4, 19, 30),  # a Friday evening: winter shelters
        datetime(2026, 7, 3, 19, 30),  # ... out of season
        datetime(2026, 12, 6, 23, 45),  # late on a Sunday
    ],
)
def test_open_now_finds_exactly_the_services_their_hours_say_are_open(
    indexes: tuple[SearchIndex, SearchIndex], moment: datetime
) -> None:
    local = moment.astimezone()
    session: Session = ScopedSession()
    try:
        services = session.scalars(select(Service).where(Service.status.in_(VISIBLE_STATUSES))).all()
        expected = {s.id for s in services if hours.is_open(service_schedules(s), local) is True}
        found = [
            find_services(
                session, ServiceSearch(open_now=True), now=local, wanted=10_000, follower=IndexFollower(index)
            )
            for index in indexes
        ]
    finally:
        ScopedSession.remove()
    assert expected  # some are open at each of these moments
    for result in found:
        assert {c.id for c in result.candidates} == expected
        assert result.total == len(expected)
