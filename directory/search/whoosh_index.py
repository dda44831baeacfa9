"""The Whoosh index: the only module of the directory that imports whoosh.

Layout on disk, for an index at `indexes/services`:
    indexes/services            a symlink to the live generation (swapped atomically by a rebuild)
    indexes/services.g<N>/      one generation: Whoosh's files plus POSITION (the change-log position)
    indexes/services.g<N>.tmp/  a rebuild in progress (left behind if the rebuild dies; removed by the next)
    indexes/services.lock       held by a rebuild so only one runs at a time
Stored fields are ids only. Readers never wait: a process reopens its searcher when the live generation
changes and refreshes it when the generation has new segments. Writers take Whoosh's lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.index import LockError
from whoosh.query import And, Every, Not, NumericRange, Or, Phrase, Query, Term

from directory.search import SearchFilters, SearchHit, SearchRequest, SearchResults, ServiceDocument
from directory.search.query import UnderstoodQuery

log = logging.getLogger(__name__)

INDEX_NAME = "services"
POSITION_FILE = "POSITION"

#: Field weights: the name is the strongest evidence, then what the service is (taxonomy), then the rest.
TEXT_FIELDS: dict[str, float] = {
    "name": 4.0,
    "alternate_name": 2.5,
    "taxonomy": 2.5,
    "organization": 1.5,
    "description": 1.0,
    "eligibility": 0.6,
    "places": 0.8,
}
EXPANSION_BOOST = 6.0  # a synonym that names a service type ("food stamps") weighs like several matched words
KEYWORD_TEXT_BOOST = 1.5  # "medicaid" alone: services accepting Medicaid rank a little higher
PAYER_BOOST = 4.0  # "a shrink that takes medicaid": accepting Medicaid matters nearly as much as the need


def build_schema() -> Schema:
    stem = StemmingAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        name=TEXT(analyzer=stem, field_boost=TEXT_FIELDS["name"]),
        alternate_name=TEXT(analyzer=stem, phrase=False, field_boost=TEXT_FIELDS["alternate_name"]),
        taxonomy=TEXT(analyzer=stem, phrase=False, field_boost=TEXT_FIELDS["taxonomy"]),
        organization=TEXT(analyzer=stem, phrase=False, field_boost=TEXT_FIELDS["organization"]),
        description=TEXT(analyzer=stem, field_boost=TEXT_FIELDS["description"]),
        eligibility=TEXT(analyzer=stem, phrase=False, field_boost=TEXT_FIELDS["eligibility"]),
        places=TEXT(analyzer=stem, phrase=False, field_boost=TEXT_FIELDS["places"]),
        # Not searched: the unstemmed words of names and service types, for spelling correction.
        words=TEXT(analyzer=StandardAnalyzer(stoplist=None), phrase=False),
        taxonomy_code=KEYWORD(commas=True),
        taxonomy_id=KEYWORD(commas=True),
        language=KEYWORD(commas=True, lowercase=True),
        insurance=KEYWORD(commas=True, lowercase=True),
        status=ID(),
        accepting=ID(),
        organization_id=ID(),
        min_age=NUMERIC(int, bits=32, signed=True),
        max_age=NUMERIC(int, bits=32, signed=True),
        modified=NUMERIC(int, bits=64, signed=True),
        cell=KEYWORD(commas=True),
        area=KEYWORD(commas=True),
        open_hour=KEYWORD(commas=True),
    )


def _status_token(status: str) -> str:
    return status.replace(" ", "_")


def _fields(doc: ServiceDocument) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": str(doc.id),
        "name": doc.name,
        "alternate_name": doc.alternate_name,
        "taxonomy": doc.taxonomy_text,
        "organization": doc.organization,
        "description": doc.description,
        "eligibility": doc.eligibility,
        "places": doc.places,
        "words": f"{doc.name} {doc.alternate_name} {doc.taxonomy_text} {doc.organization}",
        "taxonomy_code": ",".join(doc.taxonomy_codes),
        "taxonomy_id": ",".join(doc.taxonomy_ids),
        "language": ",".join(doc.languages),
        "insurance": ",".join(doc.insurance),
        "status": _status_token(doc.status),
        "accepting": {True: "yes", False: "no", None: "unknown"}[doc.accepting_new_clients],
        "organization_id": doc.organization_id,
        "modified": doc.modified,
        "cell": ",".join(doc.cells),
        "area": ",".join(doc.areas),
        "open_hour": ",".join(doc.open_hours),
    }
    if doc.min_age is not None:
        fields["min_age"] = int(doc.min_age)
    if doc.max_age is not None:
        fields["max_age"] = int(doc.max_age)
    return fields


def _any(field: str, values: Iterable[str]) -> Query:
    terms = [Term(field, value) for value in values]
    return terms[0] if len(terms) == 1 else Or(terms)


def build_filter(filters: SearchFilters) -> Query | None:
    """The filters as one Whoosh query (all clauses ANDed), or None when nothing is filtered."""
    clauses: list[Query] = []
    if filters.statuses:
        clauses.append(_any("status", [_status_token(s) for s in filters.statuses]))
    if filters.taxonomy_ids:
        clauses.append(_any("taxonomy_id", filters.taxonomy_ids))
    if filters.languages:
        clauses.append(_any("language", [v.lower() for v in filters.languages]))
    if filters.insurance:
        clauses.append(_any("insurance", [v.lower() for v in filters.insurance]))
    if filters.age is not None:
        # A bound a service does not state does not exclude anyone.
        clauses.append(Not(NumericRange("min_age", filters.age + 1, None)))
        clauses.append(Not(NumericRange("max_age", None, filters.age - 1)))
    if filters.accepting_new_clients is not None:
        clauses.append(Term("accepting", "yes" if filters.accepting_new_clients else "no"))
    if filters.organization_id:
        clauses.append(Term("organization_id", filters.organization_id))
    if filters.modified_after is not None:
        clauses.append(NumericRange("modified", filters.modified_after + 1, None))
    if filters.cells or filters.areas:
        near: list[Query] = [Term("cell", cell) for cell in filters.cells]
        if filters.areas:  # services with no location of their own, serving the person's area
            near.append(And([_any("area", filters.areas), Not(Every("cell"))]))
        clauses.append(Or(near))
    if filters.open_hour:
        clauses.append(Term("open_hour", filters.open_hour))
    if filters.service_ids is not None:
        clauses.append(_any("id", [str(i) for i in filters.service_ids]) if filters.service_ids else Term("id", ""))
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else And(clauses)


def build_text_query(query: UnderstoodQuery, schema: Schema) -> Query | None:
    """Words in every text field (stemmed, weighted), synonym expansions, payers, and a boost for words kept
    together."""
    analyzer = schema["name"].analyzer
    steered = query.payer_words if query.steer_payers else frozenset()
    per_word: list[Query] = []
    stems: list[str] = []
    for word in query.meaningful_words:
        typed = query.corrections.get(word, word)
        if typed in steered:
            continue  # "... that takes medicaid": a payer to prefer, not words to find
        tokens = [token.text for phrase in typed.split() for token in analyzer(phrase)]
        if not tokens:
            continue
        stems.extend(tokens)
        per_word.append(Or([Term(field, token) for token in tokens for field in TEXT_FIELDS]))
    parts: list[Query] = []
    if per_word:
        parts.append(Or(per_word, scale=0.9) if len(per_word) > 1 else per_word[0])
    if len(stems) >= 2:
        parts.append(Phrase("name", stems, slop=1, boost=3.0))
        parts.append(Phrase("description", stems, slop=3, boost=1.5))
    for code, weight in query.expansions.items():
        parts.append(Term("taxonomy_code", code, boost=EXPANSION_BOOST * weight))
    for category in query.payers:
        parts.append(Term("insurance", category, boost=PAYER_BOOST if query.steer_payers else KEYWORD_TEXT_BOOST))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Or(parts)


class WhooshIndex:
    """A Whoosh index at `path` (a symlink to the live generation); see the module docstring for the layout."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._target: Path | None = None
        self._index: Any = None
        self._searcher: Any = None
        self._frequencies: tuple[Any, Mapping[str, int]] | None = None

    # -- generations --------------------------------------------------------------------------------

    def _live(self) -> Path | None:
        """The live generation directory, or None when there is none."""
        try:
            if self.path.is_symlink():
                return (self.path.parent / os.readlink(self.path)).resolve()
        except OSError:
            return None
        return self.path if self.path.is_dir() else None

    def _open(self) -> Any:
        """The Whoosh index of the live generation (reopened when a rebuild swapped generations)."""
        live = self._live()
        if live is None:
            raise FileNotFoundError(f"no search index at {self.path}")
        if self._index is None or live != self._target:
            index = whoosh_index.open_dir(str(live), indexname=INDEX_NAME)
            old = self._searcher
            self._index, self._target, self._searcher = index, live, None
            if old is not None:
                old.close()
        return self._index

    def _reader(self) -> Any:
        """This process's searcher, reopened when the index has a new generation.

        Whoosh's `Searcher.refresh()` reuses segment readers and so keeps documents that another writer deleted
        from an existing segment (a retired listing would still match); a new searcher reads deletions afresh.
        Checking the generation costs a directory listing, so an unchanged index costs next to nothing.
        """
        with self._lock:
            index = self._open()
            if self._searcher is not None and index.latest_generation() != self._searcher.reader().generation():
                self._searcher.close()
                self._searcher = None
            if self._searcher is None:
                self._searcher = index.searcher()
            return self._searcher

    @contextlib.contextmanager
    def _rebuild_lock(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(self.path.name + ".lock"), "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _generations(self) -> list[Path]:
        return sorted(self.path.parent.glob(self.path.name + ".g*"))

    # -- position -----------------------------------------------------------------------------------

    def position(self) -> int | None:
        live = self._live()
        if live is None:
            return None
        try:
            position = int((live / POSITION_FILE).read_text().strip())
            self._open()
        except (OSError, ValueError, whoosh_index.EmptyIndexError):
            return None
        except Exception as error:  # a corrupt index: report it unusable, the follower rebuilds it
            log.warning("The search index at %s cannot be opened (%s: %s)", live, type(error).__name__, str(error))
            return None
        return position

    @staticmethod
    def _write_position(directory: Path, position: int) -> None:
        temporary = directory / f"{POSITION_FILE}.{os.getpid()}.tmp"
        temporary.write_text(f"{position}\n")
        os.replace(temporary, directory / POSITION_FILE)

    # -- writing --------------------------------------------------------------------------------------

    def rebuild(self, documents: Iterable[ServiceDocument], *, position: int) -> int:
        """Build a complete new generation beside the live one, then swap the symlink to it."""
        with self._rebuild_lock():
            for leftover in self.path.parent.glob(self.path.name + ".g*.tmp"):
                shutil.rmtree(leftover, ignore_errors=True)  # a rebuild that died: nobody else holds the lock
            name = f"{self.path.name}.g{time.time_ns()}"
            building = self.path.with_name(name + ".tmp")
            building.mkdir(parents=True)
            new_index = whoosh_index.create_in(str(building), build_schema(), indexname=INDEX_NAME)
            writer = new_index.writer(limitmb=256)
            count = 0
            try:
                for doc in documents:
                    writer.add_document(**_fields(doc))
                    count += 1
            except BaseException:
                writer.cancel()
                shutil.rmtree(building, ignore_errors=True)
                raise
            writer.commit()
            self._write_position(building, position)
            final = building.with_name(name)
            building.rename(final)
            self._swap_to(final)
        return count

    def _swap_to(self, generation: Path) -> None:
        if self.path.exists() and not self.path.is_symlink():  # an index from before generations existed
            shutil.rmtree(self.path)
        link = self.path.with_name(f"{self.path.name}.link-{os.getpid()}")
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        link.symlink_to(generation.name)
        os.replace(link, self.path)
        # Keep the generation before this one: other processes may still be reading it until they notice.
        for old in self._generations()[:-2]:
            if old != generation and old.suffix != ".tmp":
                shutil.rmtree(old, ignore_errors=True)

    def update(
        self,
        upserts: Sequence[ServiceDocument],
        removals: Sequence[uuid.UUID],
        *,
        position: int,
        blocking: bool = True,
    ) -> bool:
        with self._lock:
            index = self._open()
            target = self._target
        try:
            writer = index.writer(timeout=10.0 if blocking else 0.0)
        except LockError:
            return False
        try:
            for doc_id in removals:
                writer.delete_by_term("id", str(doc_id))
            for doc in upserts:
                writer.update_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        if target is not None:  # a lower position never overwrites a higher one (re-applying is harmless)
            current = self._read_position(target)
            if current is None or position > current:
                self._write_position(target, position)
        return True

    @staticmethod
    def _read_position(directory: Path) -> int | None:
        try:
            return int((directory / POSITION_FILE).read_text().strip())
        except (OSError, ValueError):
            return None

    # -- reading --------------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResults:
        searcher = self._reader()
        text = build_text_query(request.query, searcher.schema) if request.query else None
        query = text if text is not None else Every()
        results = searcher.search(query, filter=build_filter(request.filters), limit=request.limit)
        hits = [SearchHit(uuid.UUID(hit["id"]), float(hit.score or 0.0)) for hit in results]
        total = len(results) if request.limit is None else results.estimated_length()
        if results.has_exact_length() or len(hits) < (request.limit or 0):
            total = len(results) if results.has_exact_length() else len(hits)
        return SearchResults(hits, total)

    def count(self) -> int:
        if self._live() is None:
            return 0
        return int(self._reader().doc_count())

    def word_frequencies(self) -> Mapping[str, int]:
        """Unstemmed words of names and service types with their document counts (cached per index state)."""
        searcher = self._reader()
        key = (self._target, id(searcher))
        if self._frequencies is not None and self._frequencies[0] == key:
            return self._frequencies[1]
        frequencies: dict[str, int] = {}
        for term, info in searcher.reader().iter_field("words"):
            word = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            frequencies[word] = int(info.doc_frequency())
        self._frequencies = (key, frequencies)
        return frequencies

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._index = None
            self._target = None
