"""The SearchIndex contract, run against both implementations: the in-memory twin and Whoosh on disk."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from directory.search import InMemoryIndex, SearchIndex, ServiceDocument
from directory.search.whoosh_index import WhooshIndex

PANTRY = ServiceDocument(
    id=uuid.uuid4(),
    name="Tuesday Food Boxes",
    organization="Eastside Community Food Network",
    description="Choose produce, dairy and shelf-stable staples once a week.",
    taxonomy_codes=("food_pantry",),
    taxonomy_text="Food pantry",
    languages=("en", "es"),
    places="Portland 97220",
    postcodes=("97220",),
)
DETOX = ServiceDocument(
    id=uuid.uuid4(),
    name="Walk-In Detox Center",
    organization="Rose City Recovery Collective",
    description="Medically monitored withdrawal management, open around the clock.",
    taxonomy_codes=("detox",),
    taxonomy_text="Withdrawal management",
    insurance=("medicaid",),
    places="Gresham 97030",
    postcodes=("97030",),
)


def memory(_: Path) -> SearchIndex:
    return InMemoryIndex()


def whoosh(tmp_path: Path) -> SearchIndex:
    return WhooshIndex(tmp_path / "index")


@pytest.fixture(params=[memory, whoosh], ids=["memory", "whoosh"])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> SearchIndex:
    make: Callable[[Path], SearchIndex] = request.param
    return make(tmp_path)


def ids(index: SearchIndex, query: str) -> list[uuid.UUID]:
    return [hit.id for hit in index.search(query, limit=10)]


def test_rebuild_indexes_every_document(index: SearchIndex) -> None:
    assert index.rebuild([PANTRY, DETOX]) == 2
    assert index.count() == 2
    assert ids(index, "detox") == [DETOX.id]
    assert ids(index, "produce") == [PANTRY.id]


def test_search_finds_organization_names_and_places(index: SearchIndex) -> None:
    index.rebuild([PANTRY, DETOX])
    assert ids(index, "Rose City Recovery") == [DETOX.id]
    assert ids(index, "Gresham") == [DETOX.id]


def test_upsert_replaces_a_document(index: SearchIndex) -> None:
    index.rebuild([PANTRY, DETOX])
    renamed = ServiceDocument(id=PANTRY.id, name="Thursday Grocery Market", description="Fresh vegetables.")
    index.upsert([renamed])
    assert index.count() == 2
    assert ids(index, "grocery") == [PANTRY.id]
    assert ids(index, "produce") == []


def test_remove_drops_a_document(index: SearchIndex) -> None:
    index.rebuild([PANTRY, DETOX])
    index.remove([DETOX.id])
    assert index.count() == 1
    assert ids(index, "detox") == []


def test_rebuild_replaces_everything_that_was_there(index: SearchIndex) -> None:
    index.rebuild([PANTRY, DETOX])
    index.rebuild([DETOX])
    assert index.count() == 1
    assert ids(index, "produce") == []


def test_whoosh_stems_words(tmp_path: Path) -> None:
    index = WhooshIndex(tmp_path / "index")
    index.rebuild([PANTRY, DETOX])
    assert ids(index, "staple") == [PANTRY.id]
    assert ids(index, "withdraw") == [DETOX.id]


def test_whoosh_rebuild_swaps_in_while_an_open_searcher_keeps_working(tmp_path: Path) -> None:
    index = WhooshIndex(tmp_path / "index")
    index.rebuild([PANTRY])
    assert ids(index, "produce") == [PANTRY.id]  # opens a searcher
    index.rebuild([PANTRY, DETOX])
    assert ids(index, "detox") == [DETOX.id]
    assert not (tmp_path / "index.new").exists()
    assert not (tmp_path / "index.old").exists()


def test_whoosh_index_is_shared_by_two_handles_on_one_directory(tmp_path: Path) -> None:
    writer = WhooshIndex(tmp_path / "index")
    reader = WhooshIndex(tmp_path / "index")
    writer.rebuild([PANTRY])
    assert ids(reader, "produce") == [PANTRY.id]
    writer.upsert([DETOX])
    assert ids(reader, "detox") == [DETOX.id]
