"""Every filter, alone and combined, finds and counts the same services in Whoosh and in the in-memory twin.

Both evaluate one definition of each filter (directory.search.columns) over their own columns: Whoosh over what
it wrote to its segments, the twin over its documents. Random documents and random filters check that the two
lay a document out alike, including where the twin once had its own reading (languages asked in another case,
a fractional age bound, a service with grid cells but no coordinates serving the person's area).
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from directory import geo
from directory.listings.hours import SCHEDULE_FIELDS, ScheduleRow
from directory.search import InMemoryIndex, SearchFilters, SearchIndex, SearchRequest, ServiceDocument, documents
from directory.search.whoosh import WhooshIndex

PORTLAND = (45.5152, -122.6784)
STATUSES = ("active", "temporarily closed", "inactive")
TERMS = ("t-food", "t-pantry", "t-shelter", "t-legal")
LANGUAGES = ("en", "es", "vi", "ru")
PAYERS = ("medicaid", "medicare", "private")
AREAS = ("county:OR:Multnomah", "county:OR:Clackamas", "state:OR")
NOW_STATED = 1_764_000_000_000_000  # epoch microseconds
DAYS = (date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 7))  # Mondays either side of a season, a Tuesday


def _weekly(byday: str, opens: str, closes: str, **dates: date) -> ScheduleRow:
    return ScheduleRow(**{**dict.fromkeys(SCHEDULE_FIELDS), "freq": "WEEKLY", "byday": byday, "opens_at": opens,
                          "closes_at": closes, **dates})  # fmt: skip


def _hours(rng: random.Random) -> dict[str, Any]:
    rows = rng.choice(
        [
            (),
            (_weekly("MO", "09:00", "12:00"),),
            (_weekly("MO", "09:30", "12:00"),),
            (_weekly("MO,TU", "13:00", "17:30", valid_from=date(2026, 12, 1)),),
        ]
    )
    may, sure = documents.open_hours(rows), documents.open_hours_sure(rows)
    schedule = tuple(tuple(getattr(row, f) for f in SCHEDULE_FIELDS) for row in rows) if may != sure else ()
    return {"open_hours": may, "open_hours_sure": sure, "schedule": schedule}


def _place(rng: random.Random) -> dict[str, Any]:
    kind = rng.choice(("located", "located", "area", "cells only", "nowhere"))
    if kind == "nowhere":
        return {}
    point = (PORTLAND[0] + rng.uniform(-0.15, 0.15), PORTLAND[1] + rng.uniform(-0.2, 0.2))
    cells = tuple(geo.cell_tokens(*point))
    areas = tuple(rng.sample(AREAS, rng.randint(1, 2)))
    if kind == "located":
        return {"cells": cells, "coordinates": (point,)}
    if kind == "cells only":  # as a service whose sites have no coordinates stored
        return {"cells": cells, "areas": areas}
    return {"areas": areas}


def _document(rng: random.Random, number: int) -> ServiceDocument:
    terms = tuple(rng.sample(TERMS, rng.randint(0, 2)))
    return ServiceDocument(
        id=uuid.UUID(int=rng.getrandbits(128)),
        name=f"Service {number}",
        organization_id=rng.choice(("org-1", "org-2", "")),
        taxonomy_ids=terms,
        own_taxonomy_ids=terms[:1],
        languages=tuple(
            code.upper() if rng.random() < 0.2 else code for code in rng.sample(LANGUAGES, rng.randint(0, 2))
        ),
        insurance=tuple(rng.sample(PAYERS, rng.randint(0, 2))),
        status=rng.choice(STATUSES),
        min_age=rng.choice((None, 12, 17.5, 18)),
        max_age=rng.choice((None, 17, 64)),
        accepting_new_clients=rng.choice((True, False, None)),
        capacity_updated=rng.choice((None, NOW_STATED - 10, NOW_STATED + 10)),
        modified=rng.randrange(1_700_000_000, 1_800_000_000),
        **_place(rng),
        **_hours(rng),
    )


def _near(rng: random.Random) -> dict[str, Any]:
    latitude, longitude = PORTLAND[0] + rng.uniform(-0.1, 0.1), PORTLAND[1] + rng.uniform(-0.1, 0.1)
    miles = rng.choice((2.0, 5.0, 10.0))
    cells = geo.covering_cells(latitude, longitude, miles)
    return {
        "cells": tuple(cells),
        "inner_cells": tuple(geo.inner_cells(latitude, longitude, miles, cells)),
        "areas": tuple(rng.sample(AREAS, rng.randint(0, 1))),
        "near": (latitude, longitude, miles),
    }


def _filters(rng: random.Random, docs: list[ServiceDocument]) -> SearchFilters:
    choices: dict[str, Any] = {
        "taxonomy_ids": lambda: tuple(rng.sample(TERMS, rng.randint(1, 2))),
        "languages": lambda: tuple(
            value.upper() if rng.random() < 0.3 else value for value in rng.sample(LANGUAGES, 2)
        ),
        "insurance": lambda: (rng.choice(PAYERS),),
        "statuses": lambda: tuple(rng.sample(STATUSES, rng.randint(1, 2))),
        "age": lambda: rng.choice((10, 17, 18, 30, 70)),
        "accepting_new_clients": lambda: rng.choice((True, False)),
        "stale_before": lambda: NOW_STATED,
        "organization_id": lambda: rng.choice(("org-1", "org-2")),
        "modified_after": lambda: rng.randrange(1_700_000_000, 1_800_000_000),
        "open_at": lambda: datetime.combine(rng.choice(DAYS), time(rng.choice((9, 11, 13, 17)), rng.choice((0, 45)))),
        "service_ids": lambda: tuple(doc.id for doc in rng.sample(docs, 5)),
    }
    chosen = {name: make() for name, make in choices.items() if rng.random() < 0.2}
    if rng.random() < 0.4:
        chosen |= _near(rng)
    return SearchFilters(**chosen)


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[ServiceDocument], SearchIndex, SearchIndex]:
    rng = random.Random(17)  # noqa: S311 - repeatable documents, not a secret
    docs = [_document(rng, number) for number in range(160)]
    twin, whoosh = InMemoryIndex(), WhooshIndex(tmp_path_factory.mktemp("filters") / "services")
    twin.rebuild(docs, position=1)
    whoosh.rebuild(docs[:120], position=1)
    whoosh.update(docs[120:], [docs[5].id], position=2)  # a second segment, and a deletion
    twin.update([], [docs[5].id], position=2)
    return docs, twin, whoosh


@pytest.mark.parametrize("seed", range(40))
def test_random_filters_find_and_count_the_same_services_in_both_indexes(
    both: tuple[list[ServiceDocument], SearchIndex, SearchIndex], seed: int
) -> None:
    docs, twin, whoosh = both
    rng = random.Random(seed)  # noqa: S311
    for _ in range(10):
        filters = _filters(rng, docs)
        request = SearchRequest(None, filters, limit=None, facets=True)
        mine, theirs = twin.search(request), whoosh.search(request)
        assert {hit.id for hit in mine.hits} == {hit.id for hit in theirs.hits}, filters
        assert mine.total == theirs.total == len(mine.hits), filters
        assert mine.facets == theirs.facets, filters


def test_the_readings_the_twin_once_had_its_own_of_are_whooshs_now(tmp_path: Path) -> None:
    pantry = ServiceDocument(id=uuid.uuid4(), name="Pantry", languages=("es",), min_age=17.5)
    # Grid cells but no coordinates, serving the county: near anyone asking from that county.
    line = ServiceDocument(id=uuid.uuid4(), name="Line", cells=("0.25:0:0",), areas=("county:OR:Multnomah",))

    def found(index: SearchIndex, **filters: Any) -> set[uuid.UUID]:
        return {hit.id for hit in index.search(SearchRequest(None, SearchFilters(**filters), limit=None)).hits}

    for index in (InMemoryIndex(), WhooshIndex(tmp_path / "services")):
        index.rebuild([pantry, line], position=1)
        assert found(index, languages=("ES",)) == {pantry.id}  # a language in any case
        assert found(index, age=17) == {pantry.id, line.id}  # ages in whole years
        assert found(index, cells=("0.25:9:9",), areas=("county:OR:Multnomah",)) == {line.id}
