"""The SearchIndex contract, run against both implementations: the in-memory twin and Whoosh on disk."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from directory.search import InMemoryIndex, SearchFilters, SearchIndex, SearchRequest, ServiceDocument
from directory.search.query import understand
from directory.search.whoosh_index import WhooshIndex

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
    open_hours=("TU13", "TU14", "TU15", "TU16"),
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
        ({"open_hour": "TU14"}, {"pantry"}),
        ({"open_hour": "WE14"}, set()),
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


def test_near_and_open_tokens_split_the_sure_from_those_needing_an_exact_look(index: SearchIndex) -> None:
    inner = ServiceDocument(
        id=uuid.uuid4(), name="Inner pantry", cells=("c:1",), open_hours=("MO09",), open_hours_sure=("MO09",)
    )
    edge = ServiceDocument(
        id=uuid.uuid4(), name="Edge pantry", cells=("c:2",), open_hours=("MO09",), open_hours_sure=("MO09",)
    )
    half = ServiceDocument(id=uuid.uuid4(), name="Half-hour pantry", cells=("c:1",), open_hours=("MO09",))
    away = ServiceDocument(
        id=uuid.uuid4(), name="Far pantry", cells=("c:3",), open_hours=("MO09",), open_hours_sure=("MO09",)
    )
    index.rebuild([inner, edge, half, away], position=8)
    near_open = SearchFilters(cells=("c:1", "c:2"), inner_cells=("c:1",), open_hour="MO09")

    def found(filters: SearchFilters, *, unsure: bool = False) -> set[uuid.UUID]:
        request = SearchRequest(understand("pantry"), filters, limit=None, unsure=unsure)
        return {hit.id for hit in index.search(request).hits}

    assert found(near_open) == {inner.id, edge.id, half.id}  # as the tokens say
    assert found(near_open, unsure=True) == {edge.id, half.id}  # a cell the circle cuts, a partial hour
    confirmed = dataclasses.replace(near_open, confirmed=(half.id,))  # the edge one turned out too far
    assert found(confirmed) == {inner.id, half.id}
    results = index.search(SearchRequest(understand("pantry"), confirmed, limit=1, facets=True))
    assert results.total == 2
    assert sum(results.facets["accepting"].values()) == 2
