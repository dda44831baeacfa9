"""Whoosh index life: generations swapped atomically, a rebuild killed half-way, a corrupt index."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import textwrap
import uuid
import warnings
from pathlib import Path

import pytest

from directory.search import SearchFilters, SearchRequest, ServiceDocument
from directory.search.query import understand
from directory.search.whoosh import WhooshIndex

ROOT = Path(__file__).resolve().parents[2]


def doc(name: str) -> ServiceDocument:
    return ServiceDocument(id=uuid.uuid4(), name=name, description=f"{name} for everyone.")


def names(index: WhooshIndex, text: str) -> int:
    return len(index.search(SearchRequest(understand(text), SearchFilters(), limit=10)).hits)


def test_rebuild_swaps_in_a_new_generation_while_an_open_searcher_keeps_working(tmp_path: Path) -> None:
    index = WhooshIndex(tmp_path / "services")
    index.rebuild([doc("Pantry")], position=1)
    assert names(index, "pantry") == 1  # a searcher is open on generation 1
    first = os.readlink(tmp_path / "services")
    index.rebuild([doc("Pantry"), doc("Shelter")], position=2)
    assert os.readlink(tmp_path / "services") != first
    assert names(index, "shelter") == 1
    assert index.position() == 2
    assert not list(tmp_path.glob("*.tmp"))


def test_old_generations_are_cleaned_up_but_the_previous_one_is_kept(tmp_path: Path) -> None:
    index = WhooshIndex(tmp_path / "services")
    for position in range(4):
        index.rebuild([doc("Pantry")], position=position)
    assert len(list(tmp_path.glob("services.g*"))) == 2


def test_another_process_sees_a_rebuild_and_an_update(tmp_path: Path) -> None:
    writer = WhooshIndex(tmp_path / "services")
    reader = WhooshIndex(tmp_path / "services")
    writer.rebuild([doc("Pantry")], position=1)
    assert names(reader, "pantry") == 1
    writer.update([doc("Shelter")], [], position=2)
    assert names(reader, "shelter") == 1
    writer.rebuild([doc("Clinic")], position=3)
    assert names(reader, "clinic") == 1
    assert names(reader, "pantry") == 0
    assert reader.position() == 3


def test_update_without_waiting_gives_way_to_another_writer(tmp_path: Path) -> None:
    index = WhooshIndex(tmp_path / "services")
    index.rebuild([doc("Pantry")], position=1)
    holder = WhooshIndex(tmp_path / "services")._open().writer()
    try:
        assert index.update([doc("Shelter")], [], position=2, blocking=False) is False
    finally:
        holder.cancel()
    assert index.update([doc("Shelter")], [], position=2, blocking=False) is True


def test_killing_a_rebuild_half_way_leaves_the_old_index_serving(tmp_path: Path) -> None:
    index = WhooshIndex(tmp_path / "services")
    index.rebuild([doc("Pantry"), doc("Shelter")], position=5)
    script = textwrap.dedent(
        f"""
        import sys, time, uuid
        from directory.search import ServiceDocument
        from directory.search.whoosh import WhooshIndex

        def documents():
            for i in range(50):
                yield ServiceDocument(id=uuid.uuid4(), name=f"Clinic {{i}}")
            print("building", flush=True)
            time.sleep(60)  # killed here, half-way through the rebuild
            yield ServiceDocument(id=uuid.uuid4(), name="never")

        WhooshIndex({str(tmp_path / "services")!r}).rebuild(documents(), position=9)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "building"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    process.stdout.close()

    survivor = WhooshIndex(tmp_path / "services")
    assert survivor.position() == 5
    assert names(survivor, "shelter") == 1
    assert names(survivor, "clinic") == 0
    assert list(tmp_path.glob("services.g*.tmp"))  # the dead rebuild's leftovers ...
    survivor.rebuild([doc("Clinic")], position=10)
    assert not list(tmp_path.glob("services.g*.tmp"))  # ... are cleared by the next rebuild
    assert names(survivor, "clinic") == 1


def test_a_corrupt_or_missing_index_reports_no_position(tmp_path: Path) -> None:
    assert WhooshIndex(tmp_path / "nothing").position() is None
    index = WhooshIndex(tmp_path / "services")
    index.rebuild([doc("Pantry")], position=3)
    live = (tmp_path / "services").resolve()
    for table_of_contents in live.glob("_services_*.toc"):
        table_of_contents.write_bytes(b"garbage")
    with warnings.catch_warnings():  # Whoosh leaves the unreadable file open when it gives up on it
        warnings.simplefilter("ignore", ResourceWarning)
        assert WhooshIndex(tmp_path / "services").position() is None
        gc.collect()
    index.close()


def test_an_index_directory_from_before_generations_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "stale-file").write_text("old layout")
    index = WhooshIndex(tmp_path / "services")
    index.rebuild([doc("Pantry")], position=1)
    assert (tmp_path / "services").is_symlink()
    assert names(index, "pantry") == 1
    index.close()


def test_a_reader_that_already_searched_sees_a_later_deletion_and_replacement(tmp_path: Path) -> None:
    writer = WhooshIndex(tmp_path / "services")
    reader = WhooshIndex(tmp_path / "services")
    pantry = doc("Pantry")
    writer.rebuild([pantry, doc("Shelter")], position=1)
    assert names(reader, "pantry") == 1  # the reader has a searcher open on this generation
    writer.update([ServiceDocument(id=pantry.id, name="Market")], [], position=2)
    assert names(reader, "pantry") == 0
    assert names(reader, "market") == 1
    writer.update([], [pantry.id], position=3)
    assert names(reader, "market") == 0
    assert reader.count() == 1


def test_an_index_built_with_other_fields_reports_no_position_so_it_is_rebuilt(tmp_path: Path) -> None:
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, TEXT, Schema

    index = WhooshIndex(tmp_path / "services")
    index.rebuild([doc("Pantry")], position=3)
    live = (tmp_path / "services").resolve()
    for leftover in live.iterdir():
        if leftover.name != "POSITION":
            leftover.unlink()
    older = whoosh_index.create_in(str(live), Schema(id=ID(stored=True, unique=True), name=TEXT()), "services")
    writer = older.writer()
    writer.add_document(id=str(uuid.uuid4()), name="pantry")
    writer.commit()
    assert WhooshIndex(tmp_path / "services").position() is None
    index.close()


def test_a_big_rebuild_writes_with_several_processes_and_finds_every_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from directory.search.whoosh import storage

    monkeypatch.setattr(storage, "PARALLEL_REBUILD_AT", 40)
    monkeypatch.setattr(storage.os, "cpu_count", lambda: 2)
    index = WhooshIndex(tmp_path / "services")
    documents = [doc(f"Pantry {n}") for n in range(120)] + [doc("Shelter")]
    assert index.rebuild(iter(documents), position=4) == 121
    assert index.count() == 121
    assert index.position() == 4
    assert names(index, "shelter") == 1
    assert len(index.search(SearchRequest(understand("pantry"), SearchFilters(), limit=None)).hits) == 120
    segments = list((tmp_path / "services").resolve().glob("*.seg"))
    assert len(segments) == 2  # one per writing process
    index.close()


@pytest.mark.parametrize(("documents", "segments"), [(400, 4), (450, 5)])
def test_a_rebuild_bigger_than_a_round_writes_round_after_round(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: int, segments: int
) -> None:
    from directory.search.whoosh import storage

    monkeypatch.setattr(storage, "PARALLEL_REBUILD_AT", 40)
    monkeypatch.setattr(storage, "ROUND_DOCS", 200)  # two of Whoosh's batches of 100: one for each process
    monkeypatch.setattr(storage.os, "cpu_count", lambda: 2)
    index = WhooshIndex(tmp_path / "services")
    docs = [doc(f"Pantry {n}") for n in range(documents - 1)] + [doc("Shelter")]
    assert index.rebuild(iter(docs), position=6) == documents
    assert index.count() == documents
    assert names(index, "shelter") == 1  # from the last round
    assert len(index.search(SearchRequest(understand("pantry"), SearchFilters(), limit=None)).hits) == documents - 1
    assert len(list((tmp_path / "services").resolve().glob("*.seg"))) == segments  # a round's, none merged
    index.close()


def test_an_index_written_with_other_field_formats_counts_as_unusable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import TEXT

    from directory.search.whoosh import storage

    current = storage.build_schema

    def older_schema() -> object:
        schema = current()
        schema.remove("description")
        schema.add("description", TEXT(analyzer=StemmingAnalyzer()))  # positions kept, as an earlier version did
        return schema

    index = WhooshIndex(tmp_path / "services")
    monkeypatch.setattr(storage, "build_schema", older_schema)
    index.rebuild([doc("Pantry")], position=4)
    monkeypatch.undo()
    assert sorted(index._open().schema.names()) == sorted(storage.build_schema().names())  # same names
    assert index.position() is None  # ... but not the same postings: the follower rebuilds it
    index.rebuild([doc("Pantry")], position=5)
    assert index.position() == 5
