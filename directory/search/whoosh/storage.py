"""Where the Whoosh index lives on disk, and writing it.

Layout on disk, for an index at `indexes/services`:
    indexes/services            a symlink to the live generation (swapped atomically by a rebuild)
    indexes/services.g<N>/      one generation: Whoosh's files plus POSITION (the change-log position)
    indexes/services.g<N>.tmp/  a rebuild in progress (left behind if the rebuild dies; removed by the next)
    indexes/services.lock       held by a rebuild so only one runs at a time
Readers never wait: a process reopens its searcher when the live generation changes and refreshes it when the
generation has new segments. Writers take Whoosh's lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import LockError

from directory.search.interface import ServiceDocument
from directory.search.whoosh.schema import INDEX_NAME, SCHEMA_SIGNATURE, build_schema, document_fields, schema_signature

log = logging.getLogger(__name__)

PARALLEL_REBUILD_AT = 2000  # documents
#: Documents one parallel round of a rebuild writes (a segment per process): a writer process whose postings no
#: longer sort in memory writes much more slowly, so a big rebuild writes round after round.
ROUND_DOCS = 25_000
REBUILD_PROCS = 4
POSITION_FILE = "POSITION"


# -- generations ----------------------------------------------------------------------------------------------------


def live_generation(path: Path) -> Path | None:
    """The live generation directory of the index at `path`, or None when there is none."""
    try:
        if path.is_symlink():
            return (path.parent / os.readlink(path)).resolve()
    except OSError:
        return None
    return path if path.is_dir() else None


def open_generation(generation: Path) -> Any:
    return whoosh_index.open_dir(str(generation), indexname=INDEX_NAME)


def _generations(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".g*"))


@contextlib.contextmanager
def _rebuild_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _swap_to(path: Path, generation: Path) -> None:
    if path.exists() and not path.is_symlink():  # an index from before generations existed
        shutil.rmtree(path)
    link = path.with_name(f"{path.name}.link-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    link.symlink_to(generation.name)
    os.replace(link, path)
    # Keep the generation before this one: other processes may still be reading it until they notice.
    for old in _generations(path)[:-2]:
        if old != generation and old.suffix != ".tmp":
            shutil.rmtree(old, ignore_errors=True)


# -- position -------------------------------------------------------------------------------------------------------


def read_position(generation: Path) -> int | None:
    try:
        return int((generation / POSITION_FILE).read_text().strip())
    except (OSError, ValueError):
        return None


def write_position(generation: Path, position: int) -> None:
    temporary = generation / f"{POSITION_FILE}.{os.getpid()}.tmp"
    temporary.write_text(f"{position}\n")
    os.replace(temporary, generation / POSITION_FILE)


def usable_position(generation: Path, open_index: Callable[[], Any]) -> int | None:
    """The position of a generation whose index opens and has this version's fields; else None (the follower
    then rebuilds it)."""
    try:
        position = int((generation / POSITION_FILE).read_text().strip())
        schema = open_index().schema
    except (OSError, ValueError, whoosh_index.EmptyIndexError):
        return None
    except Exception as error:  # a corrupt index: report it unusable (its text only: a log record keeping the
        # error would keep its traceback alive, and the file Whoosh left open with it)
        log.warning("The search index at %s cannot be opened (%s: %s)", generation, type(error).__name__, str(error))
        return None
    if schema_signature(schema) != SCHEMA_SIGNATURE:  # built by an older version
        log.warning("The search index at %s has other fields than this version indexes", generation)
        return None
    return position


# -- writing --------------------------------------------------------------------------------------------------------


def rebuild(path: Path, documents: Iterable[ServiceDocument], position: int) -> int:
    """Build a complete new generation beside the live one, then swap the symlink to it; returns the count."""
    with _rebuild_lock(path):
        for leftover in path.parent.glob(path.name + ".g*.tmp"):
            shutil.rmtree(leftover, ignore_errors=True)  # a rebuild that died: nobody else holds the lock
        name = f"{path.name}.g{time.time_ns()}"
        building = path.with_name(name + ".tmp")
        building.mkdir(parents=True)
        try:
            count = _write_rounds(
                whoosh_index.create_in(str(building), build_schema(), indexname=INDEX_NAME), documents
            )
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        write_position(building, position)
        final = building.with_name(name)
        building.rename(final)
        _swap_to(path, final)
    return count


def _write_rounds(new_index: Any, documents: Iterable[ServiceDocument]) -> int:
    """Write every document into a new index. A big rebuild writes a segment per core at once (each its own
    process), ROUND_DOCS documents a round; a small one is not worth starting processes for."""
    stream = iter(documents)
    first = list(itertools.islice(stream, PARALLEL_REBUILD_AT))
    procs = min(REBUILD_PROCS, os.cpu_count() or 1) if len(first) >= PARALLEL_REBUILD_AT else 1
    documents_left = itertools.chain(first, stream)
    count = 0
    while True:
        writer = new_index.writer(limitmb=256, procs=procs, multisegment=procs > 1)
        written = 0
        try:
            for doc in itertools.islice(documents_left, ROUND_DOCS if procs > 1 else None):
                writer.add_document(**document_fields(doc))
                written += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit(merge=False)
        count += written
        if procs == 1 or written < ROUND_DOCS:
            return count


def update(
    index: Any,
    generation: Path | None,
    changes: tuple[Sequence[ServiceDocument], Sequence[uuid.UUID]],
    position: int,
    blocking: bool,
) -> bool:
    """Apply (upserts, removals) to an open index; False when another writer holds it and not `blocking`."""
    upserts, removals = changes
    try:
        writer = index.writer(timeout=10.0 if blocking else 0.0)
    except LockError:
        return False
    try:
        for doc_id in removals:
            writer.delete_by_term("id", str(doc_id))
        for doc in upserts:
            writer.update_document(**document_fields(doc))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    if generation is not None:  # a lower position never overwrites a higher one (re-applying is harmless)
        current = read_position(generation)
        if current is None or position > current:
            write_position(generation, position)
    return True
