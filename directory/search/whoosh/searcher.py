"""One Whoosh searcher's documents as columns (`directory.search.columns.Columns`), and what is kept for it.

Columns are read whole per segment into numpy arrays; terms become bitsets over the searcher's documents. A
searcher lives until the index changes, so everything kept for it is exact for as long as it is kept: term
bitsets, posting arrays, columns and filter bitsets, and whole search results for repeats. Each kind is a
bounded least-recently-used cache.
"""

from __future__ import annotations

import contextlib
import math
import threading
import uuid
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, TypeVar

import cachetools
import numpy
from whoosh.util.numeric import byte_to_length

from directory.listings.hours import ScheduleRow
from directory.search import columns
from directory.search.whoosh import internals
from directory.search.whoosh.schema import NO_DAY, NUMBER_TYPECODES, schedule_rows

T = TypeVar("T")

#: What each stored length byte means (Whoosh keeps a field's length per document in one byte).
_BYTE_LENGTHS = numpy.array([float(byte_to_length(byte)) for byte in range(256)], dtype=numpy.float64)


class SearcherColumns:
    """Bitsets, arrays and results over one searcher's documents, kept as long as the searcher."""

    MAX_TERMS = 4096  # at 100,000 documents a bitset is 12.5 KB: 50 MB at most
    MAX_ENTRIES = 512
    MAX_POSTINGS = 4_000_000  # postings held in arrays (16 bytes each: 64 MB)

    def __init__(self, searcher: Any, results: int = 256) -> None:
        """`results`: how many search results to keep for repeats (0: none)."""
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = int(self.reader.doc_count_all())
        self._lock = threading.Lock()
        self._terms: cachetools.LRUCache[tuple[str, str], int] = cachetools.LRUCache(self.MAX_TERMS)
        self._postings: cachetools.LRUCache[tuple[str, str], tuple[Any, Any]] = cachetools.LRUCache(
            self.MAX_POSTINGS, getsizeof=lambda found: len(found[0]) + 1
        )
        self._entries: cachetools.LRUCache[Hashable, Any] = cachetools.LRUCache(self.MAX_ENTRIES)
        self._results: cachetools.LRUCache[Hashable, Any] | None = None
        self.keep_results(results)

    def _get(self, store: cachetools.Cache[Any, Any], key: Hashable) -> Any:
        with self._lock:  # a least-recently-used cache reorders itself on every read
            return store.get(key)

    def _put(self, store: cachetools.Cache[Any, Any], key: Hashable, value: T) -> T:
        # A value bigger than the whole cache (a term in millions of documents) is not kept: cachetools refuses it.
        with self._lock, contextlib.suppress(ValueError):
            store[key] = value
        return value

    # -- search results, for repeats ----------------------------------------------------------------------------

    def keep_results(self, count: int) -> None:
        """Keep up to `count` search results from now on (0: none), forgetting those kept."""
        with self._lock:
            self._results = cachetools.LRUCache(count) if count > 0 else None

    def result(self, key: Hashable) -> Any:
        results = self._results
        return None if results is None else self._get(results, key)

    def put_result(self, key: Hashable, value: T) -> T:
        results = self._results
        return value if results is None else self._put(results, key, value)

    # -- terms ----------------------------------------------------------------------------------------------------

    def postings(self, field: str, text: str) -> tuple[Any, Any]:
        """The documents holding a term and the term's weight in each (numpy arrays), within MAX_POSTINGS."""
        key = (field, text)
        found = self._get(self._postings, key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        ids_parts, weight_parts = [numpy.zeros(0, dtype=numpy.int64)], [numpy.zeros(0)]
        for segment, offset in self.reader.leaf_readers():
            if key not in segment:
                continue
            ids, weights = internals.segment_postings(segment, field, text)
            deleted = segment.deleted_docs_set
            if deleted:
                kept = ~numpy.isin(ids, numpy.fromiter(deleted, dtype=numpy.int64, count=len(deleted)))
                ids, weights = ids[kept], weights[kept]
            ids_parts.append(ids + offset)
            weight_parts.append(weights)
        return self._put(self._postings, key, (numpy.concatenate(ids_parts), numpy.concatenate(weight_parts)))

    def term(self, field: str, value: str) -> int:
        key = (field, value)
        found = self._get(self._terms, key)
        if found is None:
            found = self._put(self._terms, key, columns.to_bits(self.postings(field, value)[0], self.size))
        return int(found)

    def mask(self, bits: int) -> Any:
        """A bitset as a numpy array of booleans, one per document."""
        return columns.as_mask(bits, self.size)

    def uid(self, docnum: int) -> uuid.UUID:
        return columns.uid(self, docnum)

    def any_of_terms(self, terms: Iterable[tuple[str, str]]) -> int:
        bits = 0
        for field, text in terms:
            bits |= self.term(field, text)
        return bits

    def values(self, field: str) -> list[str]:
        def read() -> list[str]:
            if field not in self.reader.schema:
                return []
            return [t.decode("utf-8") if isinstance(t, bytes) else str(t) for t in self.reader.field_terms(field)]

        return list(self.kept(("values", field), read))

    def every(self) -> int:
        def read() -> int:
            alive = numpy.ones(self.size, dtype=bool)
            for segment, offset in self.reader.leaf_readers():
                deleted = segment.deleted_docs_set
                if deleted:
                    alive[numpy.fromiter(deleted, dtype=numpy.int64, count=len(deleted)) + offset] = False
            return columns.to_bits(numpy.flatnonzero(alive), self.size)

        return self.kept("every", read)

    def lengths(self, field: str) -> Any:
        """Every document's length of a field as BM25 reads it (Whoosh keeps each in one byte)."""
        return self.kept(("lengths", field), lambda: self._read_lengths(field))

    def _read_lengths(self, field: str) -> Any:
        lengths = numpy.ones(self.size, dtype=numpy.float64)
        for segment, offset in self.reader.leaf_readers():
            count = segment.doc_count_all()
            raw = internals.length_bytes(segment, field)
            if raw is None:  # another codec: ask document by document
                for docnum in range(count):
                    lengths[offset + docnum] = segment.doc_field_length(docnum, field, 1) or 1
                continue
            stored = numpy.frombuffer(raw, dtype=numpy.uint8)[:count]
            values = _BYTE_LENGTHS[stored]
            lengths[offset : offset + len(values)] = numpy.where(stored > 0, values, 1.0)
        return lengths

    # -- columns, read whole per segment ------------------------------------------------------------------------

    def kept(self, key: Hashable, make: Callable[[], T]) -> T:
        found = self._get(self._entries, key)
        if found is None:
            found = self._put(self._entries, key, make())
        return found  # type: ignore[no-any-return]

    def _columns(self, field: str) -> Iterator[tuple[int, Any]]:
        """(offset of the segment's first document, its raw column reader) per segment with the column."""
        for segment, offset in self.reader.leaf_readers():
            if field in segment.schema and segment.has_column(field):
                yield offset, segment.column_reader(field, translate=False)

    def _bytes_table(self, field: str, width: int) -> Any:
        """A fixed-width column of every document, as a (documents, width) uint8 array (zeros where unset)."""
        table = numpy.zeros((self.size, width), dtype=numpy.uint8)
        for offset, column in self._columns(field):
            stored = numpy.frombuffer(internals.fixed_bytes(column, width), dtype=numpy.uint8).reshape(-1, width)
            table[offset : offset + len(stored)] = stored
        return table

    def _number_column(self, field: str, typecode: str, unset: int) -> Any:
        """A numeric column of every document (stored big-endian), as int64 (`unset` where unset)."""
        values = numpy.full(self.size, unset, dtype=numpy.int64)
        dtype = numpy.dtype(f">{typecode}")
        for offset, column in self._columns(field):
            stored = numpy.frombuffer(internals.fixed_bytes(column, dtype.itemsize), dtype=dtype)
            values[offset : offset + len(stored)] = stored
        return values

    def _var_bytes(self, field: str) -> Iterator[tuple[int, bytes, Any]]:
        """(segment offset, the column's bytes, each document's length in them) per segment with the column."""
        for offset, column in self._columns(field):
            data, lengths = internals.var_bytes(column)
            yield offset, data, lengths

    def uids(self) -> Any:
        return self.kept("uids", lambda: self._bytes_table("uid", 16))

    def assured_days(self) -> Any:
        def read() -> Any:
            days = self._number_column("assured", "i", NO_DAY)
            return numpy.where(days == NO_DAY, math.nan, days.astype(numpy.float64))

        return self.kept("assured", read)

    def numbers(self, field: str) -> Any:
        unset = columns.NUMBER_DEFAULTS[field]
        return self.kept(("numbers", field), lambda: self._number_column(field, NUMBER_TYPECODES[field], unset))

    def hours(self) -> Any:
        return self.kept("hours", lambda: self._bytes_table("hours", 2 * columns.HOUR_BYTES))

    def coordinates(self) -> tuple[Any, Any, Any]:
        def read() -> tuple[Any, Any, Any]:
            docs, points = [numpy.zeros(0, dtype=numpy.int64)], [numpy.zeros((0, 2))]
            for offset, data, lengths in self._var_bytes("coords"):
                points.append(numpy.frombuffer(data, dtype="<f8").reshape(-1, 2))
                docs.append(numpy.repeat(numpy.arange(len(lengths), dtype=numpy.int64) + offset, lengths // 16))
            flat = numpy.concatenate(points)
            return numpy.concatenate(docs), flat[:, 0].copy(), flat[:, 1].copy()

        return self.kept("coordinates", read)

    def _schedules(self) -> tuple[Any, list[bytes]]:
        """(each document's schedule number, -1 for none; the distinct schedules by number, as stored)."""

        def read() -> tuple[Any, list[bytes]]:
            numbers = numpy.full(self.size, -1, dtype=numpy.int32)
            distinct: dict[bytes, int] = {}
            for offset, data, lengths in self._var_bytes("schedule"):
                ends = numpy.cumsum(lengths).tolist()
                for docnum in numpy.flatnonzero(lengths).tolist():
                    value = data[ends[docnum] - int(lengths[docnum]) : ends[docnum]]
                    numbers[offset + docnum] = distinct.setdefault(value, len(distinct))
            return numbers, list(distinct)

        return self.kept("schedules", read)

    def schedule_numbers(self) -> Any:
        return self._schedules()[0]

    def schedule(self, number: int) -> list[ScheduleRow]:
        return schedule_rows(self._schedules()[1][number])

    def names(self) -> list[bytes]:
        def read() -> list[bytes]:
            names = [b""] * self.size
            for offset, data, lengths in self._var_bytes("name_key"):
                ends = numpy.cumsum(lengths).tolist()
                starts = [0, *ends[:-1]]
                names[offset : offset + len(ends)] = [data[a:b] for a, b in zip(starts, ends, strict=True)]
            return names

        return self.kept("names", read)

    def name_words(self, docs: Any) -> list[list[str]]:
        """These documents' names as the name field's words, in order."""

        def read() -> tuple[bytes, Any]:
            bounds = numpy.zeros((self.size, 2), dtype=numpy.int64)
            chunks, at = [], 0
            for offset, data, lengths in self._var_bytes("name_words"):
                ends = numpy.cumsum(lengths) + at
                bounds[offset : offset + len(lengths), 0] = ends - lengths
                bounds[offset : offset + len(lengths), 1] = ends
                chunks.append(data)
                at += len(data)
            return b"".join(chunks), bounds

        data, bounds = self.kept("name words", read)
        return [data[a:b].decode("utf-8").split() for a, b in bounds[docs].tolist()]
