"""The in-memory twin of WhooshIndex, for tests: the same interface, filters, facets and ranking, simple word
scoring.

It lays its documents out as the same columns the Whoosh index reads (`directory.search.columns`), so every
filter, facet and ranking signal is worked out by the very code that works it out for Whoosh; only finding and
scoring words is its own, and simpler.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import cachetools
import numpy

from directory.listings.hours import ScheduleRow
from directory.search import columns, ranking
from directory.search.interface import SearchHit, SearchRequest, SearchResults, ServiceDocument
from directory.search.query import UnderstoodQuery, fold

T = TypeVar("T")


class DocumentColumns:
    """Documents laid out as `columns.Columns`, numbered in the order given."""

    KEPT = 512  # bitsets and arrays remembered for these documents

    def __init__(self, documents: Sequence[ServiceDocument]) -> None:
        self.documents = documents
        self.size = len(documents)
        postings: dict[tuple[str, str], list[int]] = {}
        self._numbers = {
            field: numpy.full(self.size, unset, dtype=numpy.int64) for field, unset in columns.NUMBER_DEFAULTS.items()
        }
        self._hours = numpy.zeros((self.size, 2 * columns.HOUR_BYTES), dtype=numpy.uint8)
        self._schedule_numbers = numpy.full(self.size, -1, dtype=numpy.int32)
        distinct: dict[tuple[tuple[Any, ...], ...], int] = {}
        for docnum, doc in enumerate(documents):
            for field, values in columns.keywords(doc).items():
                for value in values:
                    postings.setdefault((field, value), []).append(docnum)
            for field, number in columns.numbers(doc).items():
                self._numbers[field][docnum] = number
            self._hours[docnum] = numpy.frombuffer(columns.hours_row(doc), dtype=numpy.uint8)
            if doc.schedule:
                self._schedule_numbers[docnum] = distinct.setdefault(doc.schedule, len(distinct))
        self._terms = {key: columns.to_bits(docnums, self.size) for key, docnums in postings.items()}
        self._schedules = list(distinct)
        self._kept: cachetools.LRUCache[Hashable, Any] = cachetools.LRUCache(self.KEPT)
        self._lock = threading.Lock()

    def every(self) -> int:
        return (1 << self.size) - 1

    def term(self, field: str, value: str) -> int:
        return self._terms.get((field, value), 0)

    def values(self, field: str) -> list[str]:
        return [value for (named, value) in self._terms if named == field]

    def numbers(self, field: str) -> Any:
        return self._numbers[field]

    def hours(self) -> Any:
        return self._hours

    def schedule_numbers(self) -> Any:
        return self._schedule_numbers

    def schedule(self, number: int) -> list[ScheduleRow]:
        return [ScheduleRow(*row) for row in self._schedules[number]]

    def coordinates(self) -> tuple[Any, Any, Any]:
        def read() -> tuple[Any, Any, Any]:
            sites = [(docnum, point) for docnum, doc in enumerate(self.documents) for point in doc.coordinates]
            points = numpy.array([point for _, point in sites], dtype=numpy.float64).reshape(-1, 2)
            return numpy.array([docnum for docnum, _ in sites], dtype=numpy.int64), points[:, 0], points[:, 1]

        return self.kept("coordinates", read)

    def uids(self) -> Any:
        def read() -> Any:
            ids = b"".join(doc.id.bytes for doc in self.documents)
            return numpy.frombuffer(ids, dtype=numpy.uint8).reshape(-1, 16)

        return self.kept("uids", read)

    def names(self) -> list[bytes]:
        return self.kept("names", lambda: [doc.name.casefold().encode("utf-8") for doc in self.documents])

    def assured_days(self) -> Any:
        def read() -> Any:
            days = [numpy.nan if doc.assured_day is None else doc.assured_day for doc in self.documents]
            return numpy.array(days, dtype=numpy.float64)

        return self.kept("assured", read)

    def kept(self, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:  # a least-recently-used cache reorders itself on every read
            found = self._kept.get(key)
        if found is None:
            found = make()
            with self._lock:
                self._kept[key] = found
        return found


class InMemoryIndex:
    """A dictionary-backed twin of WhooshIndex for tests: same interface, filters, facets and ranking."""

    def __init__(self) -> None:
        self._documents: dict[uuid.UUID, ServiceDocument] = {}
        self._position: int | None = None
        self._columns: DocumentColumns | None = None

    @property
    def documents(self) -> Mapping[uuid.UUID, ServiceDocument]:
        return self._documents

    def rebuild(self, documents: Iterable[ServiceDocument], *, position: int) -> int:
        self._documents = {doc.id: doc for doc in documents}
        self._columns = None
        self._position = position
        return len(self._documents)

    def update(
        self,
        upserts: Sequence[ServiceDocument],
        removals: Sequence[uuid.UUID],
        *,
        position: int,
        blocking: bool = True,
    ) -> bool:
        for doc_id in removals:
            self._documents.pop(doc_id, None)
        for doc in upserts:
            self._documents[doc.id] = doc
        self._columns = None
        self._position = max(position, self._position or 0)
        return True

    def position(self) -> int | None:
        return self._position

    def search(self, request: SearchRequest) -> SearchResults:
        laid_out = self._columns = self._columns or DocumentColumns(list(self._documents.values()))
        found: list[tuple[int, float, int]] = []  # (tier: strong evidence first, as WhooshIndex ranks; score; docnum)
        for docnum in columns.docnums(columns.filter_bits(laid_out, request.filters)):
            doc = laid_out.documents[docnum]
            strong, score = _score(doc, request.query) if request.query and not request.query.is_empty else (True, 1.0)
            if score > 0:
                found.append((0 if strong else 1, score, docnum))
        found.sort(key=lambda hit: (hit[0], -hit[1], str(laid_out.documents[hit[2]].id)))
        matched = columns.to_bits([docnum for _, _, docnum in found], laid_out.size)
        facets = columns.facet_counts(laid_out, matched, request.filters.stale_before) if request.facets else {}
        if request.ranking is None:
            hits = [SearchHit(laid_out.documents[docnum].id, score) for _, score, docnum in found[: request.limit]]
        else:
            hits = self._ranked(laid_out, found, request, request.ranking)
        return SearchResults(hits, len(found), facets)

    @staticmethod
    def _ranked(
        laid_out: DocumentColumns, found: list[tuple[int, float, int]], request: SearchRequest, order: ranking.Ranking
    ) -> list[SearchHit]:
        """The best by words blended (every match for another order), as WhooshIndex ranks them."""
        words = request.query is not None and not request.query.is_empty
        if words and order.sort == "relevance" and request.limit is not None:
            found = found[: max(ranking.RERANK_POOL, request.limit)]
        docs = numpy.array([docnum for _, _, docnum in found], dtype=numpy.int64)
        text = numpy.array([score for _, score, _ in found], dtype=numpy.float64) if words else None
        return columns.rank(laid_out, docs, text, order, request.filters.stale_before, request.limit)

    def count(self) -> int:
        return len(self._documents)

    def word_frequencies(self) -> Mapping[str, int]:
        frequencies: dict[str, int] = {}
        for doc in self._documents.values():
            for word in set(fold(" ".join(doc.text_fields().values())).split()):
                frequencies[word] = frequencies.get(word, 0) + 1
        return frequencies

    def clear(self) -> None:
        self._documents.clear()
        self._columns = None
        self._position = None


def _score(doc: ServiceDocument, query: UnderstoodQuery) -> tuple[bool, float]:
    """Whether the document has strong evidence (a word in what it is called or what it is, a service type or
    payer the words name), and a simple word score."""
    steered = query.payer_words if query.steer_payers else frozenset()
    words = {query.corrections.get(w, w) for w in query.meaningful_words} - steered
    name_words = set(fold(doc.name).split())
    what_words = set(fold(f"{doc.name} {doc.alternate_name} {doc.taxonomy_text}").split())
    all_words = set(fold(" ".join(doc.text_fields().values())).split())
    expanded = [weight for code, weight in query.expansions.items() if code in doc.taxonomy_codes]
    payers = [category for category in query.payers if category in doc.insurance]
    score = 3.0 * len(words & name_words) + float(len(words & all_words))
    score += sum(5.0 * weight for weight in expanded) + 3.0 * len(payers)
    return bool(words & what_words or expanded or payers), score
