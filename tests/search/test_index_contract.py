"""The SearchIndex contract, run against both implementations: the in-memory twin and Whoosh on disk."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from directory import geo
from directory.listings.hours import SCHEDULE_FIELDS, ScheduleRow
from directory.search import (
    InMemoryIndex,
    SearchFilters,
    SearchHit,
    SearchIndex,
    SearchRequest,
    ServiceDocument,
    documents,
    ranking,
)
from directory.search.query import understand
from directory.search.ranking import Ranking
from directory.search.whoosh import WhooshIndex

PANTRY = ServiceDocument(
    id=uuid.uuid4(),
    name="Tuesday Food Boxes",
    organization="Eastside Community Food Network",
    organization_id="org-1",
    description="Choose produce, dairy and shelf-stable staples once a week.",
    taxonomy_codes=("food", "food_pantry"),
    taxonomy_ids=("t-food", "t-pantry"),
    taxonomy_text="Food Food pantry",
    languages=("en", "es"),
    places="Portland 97220",
    cells=("0.05:913:-2452", "0.25:182:-491", "1:45:-123"),
    open_hours=("TU13", "TU14", "TU15", "TU16"),  # Tuesdays 13:00-17:00
    open_hours_sure=("TU13", "TU14", "TU15", "TU16"),
    accepting_new_clients=True,
    modified=1_700_000_000,
)
DETOX = ServiceDocument(
    id=uuid.uuid4(),
    name="Walk-In Detox Center",
    organization="Rose City Recovery Collective",
    organization_id="org-2",
    description="Medically monitored withdrawal management, open around the clock.",
    taxonomy_codes=("substance_use", "detox"),
    taxonomy_ids=("t-sud", "t-detox"),
    taxonomy_text="Substance use Withdrawal management",
    insurance=("medicaid", "private"),
    places="Gresham 97030",
    min_age=18,
    accepting_new_clients=False,
    status="temporarily closed",
    modified=1_800_000_000,
)
LINE = ServiceDocument(
    id=uuid.uuid4(),
    name="Crisis Line",
    organization="County Crisis Services",
    description="Call or text any time.",
    taxonomy_codes=("crisis", "crisis_line"),
    taxonomy_ids=("t-crisis", "t-line"),
    areas=("county:OR:Multnomah",),
    max_age=17,
)
ALL = [PANTRY, DETOX, LINE]


def memory(_: Path) -> SearchIndex:
    return InMemoryIndex()


def whoosh(tmp_path: Path) -> SearchIndex:
    return WhooshIndex(tmp_path / "index")


@pytest.fixture(params=[memory, whoosh], ids=["memory", "whoosh"])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> SearchIndex:
    make: Callable[[Path], SearchIndex] = request.param
    built = make(tmp_path)
    built.rebuild(ALL, position=7)
    return built


def ids(index: SearchIndex, text: str = "", **filters: object) -> list[uuid.UUID]:
    query = understand(text) if text else None
    request = SearchRequest(query, SearchFilters(**filters), limit=10)  # type: ignore[arg-type]
    return [hit.id for hit in index.search(request).hits]


def test_rebuild_indexes_every_document_and_records_the_position(index: SearchIndex) -> None:
    assert index.count() == 3
    assert index.position() == 7
    assert ids(index, "detox") == [DETOX.id]
    assert ids(index, "produce") == [PANTRY.id]


def test_a_fresh_index_has_no_position() -> None:
    assert InMemoryIndex().position() is None


def test_search_finds_organization_names_and_places(index: SearchIndex) -> None:
    assert ids(index, "Rose City Recovery") == [DETOX.id]
    assert ids(index, "Gresham") == [DETOX.id]


def test_synonyms_expand_to_service_types(index: SearchIndex) -> None:
    assert ids(index, "food stamps")[:1] == [PANTRY.id]  # "food" is a weak food-pantry word
    assert ids(index, "dope sick") == [DETOX.id]
    assert ids(index, "988") == [LINE.id]


def test_update_replaces_removes_and_advances_the_position(index: SearchIndex) -> None:
    renamed = ServiceDocument(id=PANTRY.id, name="Thursday Grocery Market", description="Fresh vegetables.")
    assert index.update([renamed], [DETOX.id], position=9)
    assert index.count() == 2
    assert ids(index, "grocery") == [PANTRY.id]
    assert ids(index, "produce") == []
    assert ids(index, "detox") == []
    assert index.position() == 9


def test_update_never_moves_the_position_back(index: SearchIndex) -> None:
    index.update([], [], position=3)
    assert index.position() == 7


def test_rebuild_replaces_everything_that_was_there(index: SearchIndex) -> None:
    index.rebuild([DETOX], position=12)
    assert index.count() == 1
    assert ids(index, "produce") == []
    assert index.position() == 12


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"pantry", "detox", "line"}),
        ({"statuses": ("active",)}, {"pantry", "line"}),
        ({"taxonomy_ids": ("t-pantry",)}, {"pantry"}),
        ({"taxonomy_ids": ("t-food", "t-sud")}, {"pantry", "detox"}),
        ({"languages": ("es",)}, {"pantry"}),
        ({"insurance": ("medicaid",)}, {"detox"}),
        ({"age": 16}, {"pantry", "line"}),
        ({"age": 30}, {"pantry", "detox"}),
        ({"accepting_new_clients": True}, {"pantry"}),
        ({"accepting_new_clients": False}, {"detox"}),
        ({"organization_id": "org-2"}, {"detox"}),
        ({"modified_after": 1_750_000_000}, {"detox"}),
        ({"cells": ("0.25:182:-491",)}, {"pantry"}),
        ({"cells": ("0.25:0:0",), "areas": ("county:OR:Multnomah",)}, {"line"}),
        ({"open_at": datetime(2026, 12, 1, 14, 0)}, {"pantry"}),  # a Tuesday
        ({"open_at": datetime(2026, 12, 2, 14, 0)}, set()),
        ({"service_ids": (DETOX.id, LINE.id)}, {"detox", "line"}),
        ({"service_ids": ()}, set()),
        ({"languages": ("es",), "insurance": ("medicaid",)}, set()),
    ],
)
def test_filters_combine_with_and(index: SearchIndex, filters: dict[str, object], expected: set[str]) -> None:
    names = {PANTRY.id: "pantry", DETOX.id: "detox", LINE.id: "line"}
    if "statuses" not in filters:
        filters = {"statuses": ("active", "temporarily closed"), **filters}
    assert {names[i] for i in ids(index, **filters)} == expected


def test_filters_apply_to_text_searches_too(index: SearchIndex) -> None:
    assert ids(index, "detox", statuses=("active",)) == []


def test_totals_count_every_match_not_just_the_page(index: SearchIndex) -> None:
    results = index.search(SearchRequest(None, SearchFilters(), limit=1))
    assert len(results.hits) == 1
    assert results.total == 3


def test_word_frequencies_list_indexed_words(index: SearchIndex) -> None:
    words = index.word_frequencies()
    assert {"detox", "pantry", "crisis"} <= set(words)  # whole words, as typed, for spelling correction


@pytest.mark.parametrize(
    "text",
    ['"unclosed', "(((", "AND OR NOT", "*", "name:detox", "🙂🙂", "x" * 2000, "  ", "ü ß 東京", "detox^5 ~2"],
)
def test_any_text_is_safe(index: SearchIndex, text: str) -> None:
    index.search(SearchRequest(understand(text), SearchFilters(), limit=10))


def test_facets_count_every_match_by_own_service_type_language_insurance_and_intake(index: SearchIndex) -> None:
    tagged = [
        ServiceDocument(
            id=uuid.uuid4(),
            name=f"Pantry {n}",
            taxonomy_ids=("t-food", "t-pantry"),
            own_taxonomy_ids=("t-pantry",),
            languages=("en", "es") if n % 2 else ("en",),
            insurance=("medicaid",) if n == 0 else (),
            accepting_new_clients=(True, False, None)[n % 3],
        )
        for n in range(5)
    ]
    index.rebuild([*tagged, DETOX], position=8)
    results = index.search(SearchRequest(understand("pantry"), SearchFilters(), limit=2, facets=True))
    assert len(results.hits) == 2
    assert results.total == 5
    assert results.facets == {
        "own_taxonomy_ids": {"t-pantry": 5},  # a parent the service does not carry itself is not counted
        "languages": {"en": 5, "es": 2},
        "insurance": {"medicaid": 1},
        "accepting": {"yes": 2, "no": 2, "unknown": 1},
    }
    plain = index.search(SearchRequest(understand("pantry"), SearchFilters(), limit=2))
    assert plain.facets == {}
    assert plain.total == 5


def test_a_capacity_update_lapses_at_the_exact_moment_it_goes_stale(index: SearchIndex) -> None:
    stated = 1_764_000_000_123_456  # microseconds since the epoch, part-way through an hour
    doc = ServiceDocument(id=uuid.uuid4(), name="Shelter beds", accepting_new_clients=True, capacity_updated=stated)
    unstamped = ServiceDocument(id=uuid.uuid4(), name="Shelter cots", accepting_new_clients=True)
    index.rebuild([doc, unstamped], position=8)

    def accepting(stale_before: int) -> tuple[set[uuid.UUID], dict[str, int]]:
        filters = SearchFilters(accepting_new_clients=True, stale_before=stale_before)
        found = {hit.id for hit in index.search(SearchRequest(understand("shelter"), filters, limit=10)).hits}
        everything = SearchFilters(stale_before=stale_before)
        facets = index.search(SearchRequest(understand("shelter"), everything, limit=10, facets=True)).facets
        return found, dict(facets["accepting"])

    assert accepting(stated) == ({doc.id, unstamped.id}, {"yes": 2})  # stated at the moment: still current
    assert accepting(stated + 1) == ({unstamped.id}, {"yes": 1, "unknown": 1})  # a microsecond later: lapsed
    assert accepting(stated + 3_600_000_000) == ({unstamped.id}, {"yes": 1, "unknown": 1})  # the next hour
    assert accepting(stated - 3_600_000_000) == ({doc.id, unstamped.id}, {"yes": 2})  # the hour before


def test_a_search_repeated_after_a_change_sees_the_change(index: SearchIndex) -> None:
    request = SearchRequest(understand("produce"), SearchFilters(), limit=10, facets=True)
    assert [hit.id for hit in index.search(request).hits] == [PANTRY.id]
    assert [hit.id for hit in index.search(request).hits] == [PANTRY.id]  # the same search again
    index.update([ServiceDocument(id=DETOX.id, name="Produce market")], [PANTRY.id], position=9)
    again = index.search(request)
    assert [hit.id for hit in again.hits] == [DETOX.id]
    assert again.total == 1


def _open_doc(name: str, *rows: ScheduleRow) -> ServiceDocument:
    """A pantry open by these schedule rows, its hours as `documents.build_document` derives them."""
    may, sure = documents.open_hours(rows), documents.open_hours_sure(rows)
    schedule = tuple(tuple(getattr(row, f) for f in SCHEDULE_FIELDS) for row in rows) if may != sure else ()
    return ServiceDocument(id=uuid.uuid4(), name=name, open_hours=may, open_hours_sure=sure, schedule=schedule)


def _weekly(byday: str, opens: str, closes: str, **dates: date) -> ScheduleRow:
    return ScheduleRow(**{**dict.fromkeys(SCHEDULE_FIELDS), "freq": "WEEKLY", "byday": byday, "opens_at": opens,
                          "closes_at": closes, **dates})  # fmt: skip


def test_open_now_is_exact_where_the_hour_or_the_date_decides(index: SearchIndex) -> None:
    whole = _open_doc("Whole-hours pantry", _weekly("MO", "09:00", "12:00"))
    half = _open_doc("Half-hour pantry", _weekly("MO", "09:30", "12:00"))
    winter = _open_doc("Winter pantry", _weekly("MO", "09:00", "12:00", valid_from=date(2026, 12, 1)))
    holiday = _open_doc(
        "Holiday-closed pantry",
        _weekly("MO", "09:00", "12:00"),
        ScheduleRow(**{**dict.fromkeys(SCHEDULE_FIELDS), "valid_from": date(2026, 12, 7)}),  # closed that day
    )
    assert not whole.schedule  # every hour it opens in, it is open throughout
    assert all(doc.schedule for doc in (half, winter, holiday))
    index.rebuild([whole, half, winter, holiday], position=8)

    def open_at(moment: datetime) -> set[str]:
        request = SearchRequest(understand("pantry"), SearchFilters(open_at=moment), limit=None, facets=True)
        results = index.search(request)
        assert results.total == len(results.hits) == sum(results.facets["accepting"].values())
        found = {hit.id for hit in results.hits}
        return {doc.name.removesuffix(" pantry") for doc in (whole, half, winter, holiday) if doc.id in found}

    assert open_at(datetime(2026, 11, 30, 9, 15)) == {"Whole-hours", "Holiday-closed"}  # a Monday in November
    assert open_at(datetime(2026, 11, 30, 9, 45)) == {"Whole-hours", "Half-hour", "Holiday-closed"}
    assert open_at(datetime(2026, 12, 7, 9, 45)) == {"Whole-hours", "Half-hour", "Winter"}  # the holiday
    assert open_at(datetime(2026, 12, 14, 9, 15)) == {"Whole-hours", "Winter", "Holiday-closed"}
    assert open_at(datetime(2026, 12, 14, 12, 0)) == set()  # closing time
    assert open_at(datetime(2026, 12, 15, 9, 45)) == set()  # a Tuesday


def test_near_is_any_of_the_cells_without_a_point_to_measure_from(index: SearchIndex) -> None:
    inner = ServiceDocument(id=uuid.uuid4(), name="Inner pantry", cells=("c:1",))
    edge = ServiceDocument(id=uuid.uuid4(), name="Edge pantry", cells=("c:2",))
    away = ServiceDocument(id=uuid.uuid4(), name="Far pantry", cells=("c:3",))
    index.rebuild([inner, edge, away], position=8)

    assert set(ids(index, "pantry", cells=("c:1", "c:2"), inner_cells=("c:1",))) == {inner.id, edge.id}


# -- ranking every match from the index (SearchRequest.ranking) ----------------------------------------------

PORTLAND = (45.5152, -122.6784)
TODAY = date(2026, 12, 1)


#: The name of every document the ranking tests made, to read their hits by.
NAMES: dict[uuid.UUID, str] = {}


def _named(doc: ServiceDocument) -> ServiceDocument:
    NAMES[doc.id] = doc.name
    return doc


def _place(name: str, miles_east: float, **fields: object) -> ServiceDocument:
    """A pantry `miles_east` of downtown Portland (a degree of longitude there is about 48.5 miles)."""
    latitude, longitude = PORTLAND
    point = (latitude, longitude + miles_east / 48.5)
    values: dict[str, object] = {"taxonomy_codes": ("food_pantry",), "coordinates": (point,), **fields}
    cells = tuple(geo.cell_tokens(*point))
    return _named(ServiceDocument(id=uuid.uuid4(), name=name, cells=cells, **values))  # type: ignore[arg-type]


def ranked(index: SearchIndex, text: str = "", limit: int | None = 10, **order: object) -> list[SearchHit]:
    query = understand(text) if text else None
    request = SearchRequest(query, SearchFilters(), limit=limit, ranking=Ranking(today=TODAY, **order))  # type: ignore[arg-type]
    return index.search(request).hits


def names(hits: list[SearchHit]) -> list[str]:
    return [NAMES[hit.id] for hit in hits]


@pytest.fixture
def pantries(index: SearchIndex) -> list[ServiceDocument]:
    docs = [
        _place("Far Pantry", 30, accepting_new_clients=True),
        _place("Near Pantry", 1, accepting_new_clients=True),
        _place("Middle Pantry", 8, accepting_new_clients=True),
        _named(ServiceDocument(id=uuid.uuid4(), name="Phone Pantry Line", taxonomy_codes=("food_pantry",))),
    ]
    index.rebuild(docs, position=20)
    return docs


def test_a_ranked_browse_puts_the_nearest_first_and_tells_each_distance(
    index: SearchIndex, pantries: list[ServiceDocument]
) -> None:
    hits = ranked(index, origin=PORTLAND)
    assert names(hits) == ["Near Pantry", "Phone Pantry Line", "Middle Pantry", "Far Pantry"]
    distances = [hit.distance for hit in hits]
    assert distances[0] == pytest.approx(1.0, abs=0.05)
    assert distances[1] is None  # nothing to measure from: counted as halfway near
    assert distances[2:] == [pytest.approx(8.0, abs=0.2), pytest.approx(30.0, abs=0.5)]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_sorting_by_distance_puts_services_without_a_place_last(
    index: SearchIndex, pantries: list[ServiceDocument]
) -> None:
    hits = ranked(index, origin=PORTLAND, sort="distance")
    assert names(hits) == ["Near Pantry", "Middle Pantry", "Far Pantry", "Phone Pantry Line"]


def test_sorting_by_name_ignores_case_and_the_limit_cuts_after_ordering(
    index: SearchIndex, pantries: list[ServiceDocument]
) -> None:
    index.update([_place("apple pantry", 50)], [], position=21)
    hits = ranked(index, limit=3, sort="name")
    assert [name.casefold() for name in names(hits)] == ["apple pantry", "far pantry", "middle pantry"]


def test_without_a_place_availability_then_freshness_decide(index: SearchIndex) -> None:
    fresh_day = ranking.day_number(TODAY) - 10
    docs = {
        "closed": ServiceDocument(
            id=uuid.uuid4(), name="Closed", status="temporarily closed", accepting_new_clients=True
        ),
        "full": ServiceDocument(id=uuid.uuid4(), name="Full", accepting_new_clients=False),
        "unknown": ServiceDocument(id=uuid.uuid4(), name="Unknown"),
        "open": ServiceDocument(id=uuid.uuid4(), name="Open", accepting_new_clients=True),
        "open and verified": ServiceDocument(
            id=uuid.uuid4(), name="Verified", accepting_new_clients=True, assured_day=fresh_day
        ),
    }
    index.rebuild(docs.values(), position=30)
    by_id = {doc.id: label for label, doc in docs.items()}
    hits = ranked(index)
    assert [by_id[hit.id] for hit in hits] == ["open and verified", "open", "unknown", "full", "closed"]
    explained = ranked(index, explain=True)
    assert explained[0].parts == {"text": 0.0, "distance": 0.0, "availability": 1.0, "freshness": 1.0}
    assert explained[-1].parts is not None
    assert explained[-1].parts["availability"] == 0.0


def test_a_stale_capacity_update_ranks_as_unknown(index: SearchIndex) -> None:
    stale = ServiceDocument(id=uuid.uuid4(), name="Said yes long ago", accepting_new_clients=True, capacity_updated=5)
    unknown = ServiceDocument(id=uuid.uuid4(), name="Never said")  # ties with the stale one: by name
    index.rebuild([stale, unknown], position=31)
    request = SearchRequest(None, SearchFilters(stale_before=10), limit=5, ranking=Ranking(today=TODAY))
    hits = index.search(request).hits
    assert [hit.id for hit in hits] == [unknown.id, stale.id]
    assert hits[0].score == hits[1].score


def test_ranked_words_blend_the_text_score_with_the_rest(index: SearchIndex, pantries: list[ServiceDocument]) -> None:
    hits = ranked(index, "pantry", origin=PORTLAND, explain=True)
    assert len(hits) == 4
    assert all(hit.text_score is not None and hit.text_score > 0 for hit in hits)
    assert max(hit.parts["text"] for hit in hits if hit.parts) == 1.0  # relative to the best text score
    assert names(hits)[0] == "Near Pantry"


def test_a_distance_is_measured_exactly_where_the_circle_cuts_a_cell(index: SearchIndex) -> None:
    inside, outside = _place("Four miles", 4), _place("Six miles", 6)
    index.rebuild([inside, outside], position=40)
    latitude, longitude = PORTLAND
    covering = geo.covering_cells(latitude, longitude, 5)
    filters = SearchFilters(
        cells=tuple(covering),
        inner_cells=tuple(geo.inner_cells(latitude, longitude, 5, covering)),
        near=(latitude, longitude, 5.0),
    )
    assert set(outside.cells) & set(filters.cells) - set(filters.inner_cells)  # its cell is cut: only measuring tells
    results = index.search(SearchRequest(None, filters, limit=None))
    assert [hit.id for hit in results.hits] == [inside.id]
    assert results.total == 1
