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

import bisect
import contextlib
import dataclasses
import fcntl
import functools
import itertools
import json
import logging
import math
import os
import shutil
import struct
import threading
import time
import uuid
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import numpy
from whoosh import index as whoosh_index
from whoosh.analysis import Composable, StandardAnalyzer, StemmingAnalyzer, Token
from whoosh.analysis.filters import STOP_WORDS
from whoosh.analysis.tokenizers import default_pattern
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
from whoosh.columns import FixedBytesColumn, NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema
from whoosh.filedb.structfile import BufferFile
from whoosh.index import LockError
from whoosh.lang.porter import stem as porter_stem
from whoosh.query import Phrase, Query
from whoosh.util.numeric import byte_to_length

from directory import geo
from directory.listings import hours
from directory.listings.hours import WEEKDAYS, ScheduleRow
from directory.search import (
    FACET_FIELDS,
    SearchFilters,
    SearchHit,
    SearchRequest,
    SearchResults,
    ServiceDocument,
    ranked_hits,
    ranking,
)
from directory.search.query import UnderstoodQuery

log = logging.getLogger(__name__)

#: What each stored length byte means (Whoosh keeps a field's length per document in one byte).
_BYTE_LENGTHS = numpy.array([float(byte_to_length(byte)) for byte in range(256)], dtype=numpy.float64)
BM25_B, BM25_K1 = 0.75, 1.2  # Whoosh's BM25F defaults


def _remember_missing_length_columns() -> None:
    """Make whoosh-reloaded 2.7.5 remember that a field has no length column.

    It asks the file system whether the column exists for every posting of a field without lengths (keywords,
    ids) and never caches the answer: at 2,000 services that was 176,000 `stat` calls, a quarter of a rebuild.
    A segment's files never change once written, so the answer can be kept with the segment's reader.
    """
    original = W3PerDocReader._cached_reader
    if getattr(original, "remembers_missing", False):
        return

    def cached_reader(self: Any, fieldname: str, column: Any) -> Any:
        readers = self._readers
        if fieldname not in readers:
            readers[fieldname] = original(self, fieldname, column)
        return readers[fieldname]

    cached_reader.remembers_missing = True  # type: ignore[attr-defined]
    W3PerDocReader._cached_reader = cached_reader


_remember_missing_length_columns()

_LENGTH_OF_BYTE = [byte_to_length(byte) for byte in range(256)]
_NO_LENGTHS = object()  # a field without a length column


def _read_length_columns_whole() -> None:
    """Make whoosh-reloaded 2.7.5 read a field's length column once, whole, instead of a value at a time.

    Writing a segment asks the length of its field in its document for every posting (at 5,000 services,
    550,000 reads through the column reader, a tenth of the writing); searching asks it for every match scored.
    """
    original = W3PerDocReader.doc_field_length
    if getattr(original, "reads_whole", False):
        return

    def doc_field_length(self: Any, docnum: int, fieldname: str, default: int = 0) -> int | None:
        tables = self.__dict__.setdefault("_whole_lengths", {})
        lengths = tables.get(fieldname)
        if lengths is None:
            column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if column is not None and not hasattr(column, "_dbfile"):  # another kind of column: as Whoosh does
                return cast(int | None, original(self, docnum, fieldname, default))
            lengths = tables[fieldname] = (
                _NO_LENGTHS if column is None else column._dbfile.get(column._basepos, column._count)
            )
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        if lengths is _NO_LENGTHS:
            return default
        byte = lengths[docnum] if docnum < len(lengths) else 0
        return _LENGTH_OF_BYTE[byte] if byte else None

    doc_field_length.reads_whole = True  # type: ignore[attr-defined]
    W3PerDocReader.doc_field_length = doc_field_length


_read_length_columns_whole()


class _ViewFile:
    """A read-only file over a buffer that reads it in place.

    Whoosh reads an index's files through `BufferFile`, which wraps each one (a view into the memory-mapped
    segment file) in `BytesIO`, and `BytesIO` copies what it is given: every process serving searches held a
    private copy of every segment's postings and term table (at 100,000 services, 128 MB of the 136 MB index).
    Reading the mapped pages in place keeps them in the page cache, shared by every worker.
    """

    def __init__(self, buffer: Any) -> None:
        self._view = memoryview(buffer).cast("B")
        self._position = 0

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view), self._position + size)
        data = self._view[self._position : end].tobytes()
        self._position = max(self._position, end)
        return data

    def readinto(self, target: Any) -> int:
        data = self._view[self._position : self._position + len(target)]
        target[: len(data)] = data
        self._position += len(data)
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        rest = self._view[self._position :].tobytes()
        end = rest.find(b"\n") + 1 or len(rest)
        if size is not None and size >= 0:
            end = min(end, size)
        self._position += end
        return rest[:end]

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._position, 2: len(self._view)}[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        self._position = 0


def _read_buffers_in_place() -> None:
    """Make whoosh-reloaded 2.7.5's `BufferFile` read its buffer in place instead of copying it (`_ViewFile`)."""
    if getattr(BufferFile.__init__, "reads_in_place", False):
        return

    def init(self: Any, buf: Any, name: str | None = None, onclose: Any = None) -> None:
        self._buf = buf
        self._name = name
        self.file = _ViewFile(buf)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    init.reads_in_place = True  # type: ignore[attr-defined]
    BufferFile.__init__ = init


_read_buffers_in_place()


class _FusedStemmingAnalyzer(Composable):  # type: ignore[misc]
    """Whoosh's `StemmingAnalyzer()` (regex words, lower case, stop words and one-letter words out, Porter
    stems) in one loop instead of four chained generators: the same tokens, half the work a token.

    Analysing text was some two fifths of writing an index. Anything but the plain case (stop words kept,
    character offsets, original text, a value not to be split) goes to `StemmingAnalyzer` itself.
    """

    is_morph = True
    CACHE = 50_000  # stems remembered (StemFilter's own bound)

    def __init__(self) -> None:
        self._plain = StemmingAnalyzer()
        self._stems: dict[str, str] = {}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __getstate__(self) -> dict[str, Any]:
        return {"_plain": self._plain, "_stems": {}}

    def has_morph(self) -> bool:
        return True

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        if chars or keeporiginal or not removestops or not tokenize or not isinstance(value, str):
            yield from self._plain(
                value,
                positions=positions,
                chars=chars,
                keeporiginal=keeporiginal,
                removestops=removestops,
                start_pos=start_pos,
                start_char=start_char,
                tokenize=tokenize,
                mode=mode,
                **kwargs,
            )
            return
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stems = self._stems
        position = None  # as StopFilter renumbers: the first word kept keeps its place, the rest follow on
        for number, match in enumerate(default_pattern.finditer(value)):
            word = match.group(0).lower()
            if len(word) < 2 or word in STOP_WORDS:
                continue
            stemmed = stems.get(word)
            if stemmed is None:
                if len(stems) >= self.CACHE:
                    stems.clear()
                stemmed = stems[word] = porter_stem(word)
            token.text = stemmed
            token.boost = 1.0
            token.stopped = False
            if positions:
                position = start_pos + number if position is None else position + 1
                token.pos = position
            yield token


INDEX_NAME = "services"
PARALLEL_REBUILD_AT = 2000  # documents
#: Documents one parallel round of a rebuild writes (a segment per process). A writer process whose postings no
#: longer sort in memory writes half as fast: at 100,000 services in one round, ~1,060 documents a second in all
#: against ~1,900 at 10,000.
ROUND_DOCS = 25_000
REBUILD_PROCS = 4
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
#: Fields whose words say what a service is (the rest only mention things).
STRONG_FIELDS = frozenset({"name", "alternate_name", "taxonomy"})
PHRASE_BOOST = 3.0  # the words of the query together in a name: in order, each next to the one before
EXPANSION_BOOST = 6.0  # a synonym that names a service type ("food stamps") weighs like several matched words
KEYWORD_TEXT_BOOST = 1.5  # "medicaid" alone: services accepting Medicaid rank a little higher
PAYER_BOOST = 4.0  # "a shrink that takes medicaid": accepting Medicaid matters nearly as much as the need


NO_DAY = -(2**31)  # `assured` of a service never verified
UNSET_INT, UNSET_LONG = -(2**31), -(2**63)  # a number a document does not state
HOUR_BYTES = 21  # 168 hours of the week, a bit each


def _hour_number(token: str) -> int:
    """The hour of the week of a weekday-hour token ("TU14": 24 + 14)."""
    return WEEKDAYS.index(token[:2]) * 24 + int(token[2:])


@functools.lru_cache(maxsize=4096)
def _hour_bits(tokens: tuple[str, ...]) -> bytes:
    bits = 0
    for token in tokens:
        bits |= 1 << _hour_number(token)
    return bits.to_bytes(HOUR_BYTES, "little")


_NAME_WORDS = _FusedStemmingAnalyzer()  # the name field's analyzer (build_schema)


def build_schema() -> Schema:
    stem = _FusedStemmingAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        name=TEXT(analyzer=stem, field_boost=TEXT_FIELDS["name"]),
        alternate_name=TEXT(analyzer=stem, phrase=False, field_boost=TEXT_FIELDS["alternate_name"]),
        taxonomy=TEXT(analyzer=stem, phrase=False, field_boost=TEXT_FIELDS["taxonomy"]),
        organization=TEXT(analyzer=stem, phrase=False, field_boost=TEXT_FIELDS["organization"]),
        description=TEXT(analyzer=stem, phrase=False, field_boost=TEXT_FIELDS["description"]),
        eligibility=TEXT(analyzer=stem, phrase=False, field_boost=TEXT_FIELDS["eligibility"]),
        places=TEXT(analyzer=stem, phrase=False, field_boost=TEXT_FIELDS["places"]),
        # Not searched: the unstemmed words of names and service types, for spelling correction.
        words=TEXT(analyzer=StandardAnalyzer(stoplist=None), phrase=False),
        taxonomy_code=KEYWORD(commas=True),
        taxonomy_id=KEYWORD(commas=True),
        own_taxonomy_id=KEYWORD(commas=True),
        language=KEYWORD(commas=True, lowercase=True),
        insurance=KEYWORD(commas=True, lowercase=True),
        status=ID(),
        accepting=ID(),
        organization_id=ID(),
        cell=KEYWORD(commas=True),
        area=KEYWORD(commas=True),
        # Columns only (a value per document, read whole into arrays): what ranks every match without the
        # database. The id's 16 bytes, the case-folded name, the name's stemmed words (space-separated), each
        # located site's (latitude, longitude) as little-endian doubles, the day last verified.
        uid=COLUMN(FixedBytesColumn(16)),
        name_key=COLUMN(VarBytesColumn()),
        name_words=COLUMN(VarBytesColumn()),  # the name field's words in order, for phrases in a name
        coords=COLUMN(VarBytesColumn()),
        assured=COLUMN(NumericColumn("i", default=NO_DAY)),
        # The hours of the week (Monday 00-01 first) it may be open in, then those it is surely open throughout,
        # a bit each: 2 x 21 bytes.
        hours=COLUMN(FixedBytesColumn(2 * HOUR_BYTES)),
        # Where some hour needs an exact look (ServiceDocument.schedule), the schedule rows themselves (JSON).
        schedule=COLUMN(VarBytesColumn()),
        # Numbers filtered on, compared over the whole column at once (a numeric field's terms cost some 48
        # postings a document): ages served, last modified (epoch seconds), capacity stated (epoch microseconds).
        min_age=COLUMN(NumericColumn("i", default=UNSET_INT)),
        max_age=COLUMN(NumericColumn("i", default=UNSET_INT)),
        modified=COLUMN(NumericColumn("q", default=0)),
        capacity_updated=COLUMN(NumericColumn("q", default=UNSET_LONG)),
    )


def schema_signature(schema: Schema) -> list[tuple[str, ...]]:
    """What a schema's segments are written with: each field's name, kind, posting format and column."""
    return [
        (
            name,
            type(field).__name__,
            type(field.format).__name__ if field.format else "",
            type(field.column_type).__name__ if field.column_type else "",
        )
        for name, field in sorted(schema.items())
    ]


SCHEMA_SIGNATURE = schema_signature(build_schema())


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
        "own_taxonomy_id": ",".join(doc.own_taxonomy_ids),
        "language": ",".join(doc.languages),
        "insurance": ",".join(doc.insurance),
        "status": _status_token(doc.status),
        "accepting": {True: "yes", False: "no", None: "unknown"}[doc.accepting_new_clients],
        "organization_id": doc.organization_id,
        "modified": doc.modified,
        "cell": ",".join(doc.cells),
        "area": ",".join(doc.areas),
        "hours": _hour_bits(doc.open_hours) + _hour_bits(doc.open_hours_sure),
    }
    fields["uid"] = doc.id.bytes
    fields["name_key"] = doc.name.casefold().encode("utf-8")
    fields["name_words"] = " ".join(token.text for token in _NAME_WORDS(doc.name)).encode("utf-8")
    if doc.coordinates:
        fields["coords"] = struct.pack(f"<{2 * len(doc.coordinates)}d", *itertools.chain(*doc.coordinates))
    if doc.schedule:
        fields["schedule"] = _schedule_bytes(doc.schedule)
    if doc.assured_day is not None:
        fields["assured"] = doc.assured_day
    if doc.capacity_updated is not None:
        fields["capacity_updated"] = doc.capacity_updated
    if doc.min_age is not None:
        fields["min_age"] = int(doc.min_age)
    if doc.max_age is not None:
        fields["max_age"] = int(doc.max_age)
    return fields


_DATE_FIELDS = 4  # valid_from, valid_to, dtstart, until: the first of hours.SCHEDULE_FIELDS


def _schedule_bytes(rows: Sequence[tuple[Any, ...]]) -> bytes:
    """Schedule rows (the fields of hours.ScheduleRow) as compact JSON, dates as ISO strings."""
    plain = [
        [value.isoformat() if value and i < _DATE_FIELDS else value for i, value in enumerate(row)] for row in rows
    ]
    return json.dumps(plain, separators=(",", ":")).encode("utf-8")


def _schedule_rows(data: bytes) -> list[ScheduleRow]:
    """`_schedule_bytes` read back."""
    rows = []
    for row in json.loads(data):
        values: list[Any] = [
            date.fromisoformat(v) if v is not None and i < _DATE_FIELDS else v for i, v in enumerate(row)
        ]
        rows.append(ScheduleRow(*values))
    return rows


def _docnums(bits: int) -> Iterator[int]:
    """The docnums set in a bitset, in order."""
    table = bits.to_bytes((bits.bit_length() + 7) // 8 or 1, "little")
    for byte_number, byte in enumerate(table):
        while byte:
            low = byte & -byte
            yield byte_number * 8 + low.bit_length() - 1
            byte ^= low


def _segment_postings(segment: Any, field: str, text: str) -> tuple[Any, Any]:
    """A term's postings in one segment, deleted documents included: (docnums, weights) as numpy arrays.

    Read a block at a time (each block decoded whole, as Whoosh decodes it) rather than posting by posting
    through a matcher; another codec's matcher is read posting by posting.
    """
    matcher = segment._terms.matcher(field, segment._text_to_bytes(field, text), segment.schema[field].format)
    ids_parts, weight_parts = [], []
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids_parts.append(numpy.asarray(matcher._ids, dtype=numpy.int64))
            weight_parts.append(numpy.asarray(matcher._weights, dtype=numpy.float64))
            matcher._next_block()
    else:
        docnums: array[int] = array("q")
        weights: array[float] = array("d")
        while matcher.is_active():
            docnums.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        ids_parts.append(numpy.frombuffer(docnums, dtype=numpy.int64))
        weight_parts.append(numpy.frombuffer(weights, dtype=numpy.float64))
    if not ids_parts:
        return numpy.zeros(0, dtype=numpy.int64), numpy.zeros(0)
    return numpy.concatenate(ids_parts), numpy.concatenate(weight_parts)


class _SearcherCache:
    """Bitsets over one searcher's documents: per term, per filter, per result, kept as long as the searcher.

    A searcher lives until the index changes, so every entry is exact for as long as it is kept. Each kind of
    entry is bounded; a full kind is emptied and refilled by the queries that follow.
    """

    MAX_TERMS = 4096  # at 100,000 documents a bitset is 12.5 KB: 50 MB at most
    MAX_ENTRIES = 512
    MAX_POSTINGS = 4_000_000  # 64 MB of posting arrays

    def __init__(self, searcher: Any, results: int = 256) -> None:
        self.searcher = searcher
        self.max_results = results  # a repeated search (the same words, filters, moment's staleness) costs nothing
        self.reader = searcher.reader()
        self.size = int(self.reader.doc_count_all())
        self.terms: dict[tuple[str, str], int] = {}
        self.arrays: dict[tuple[str, str], tuple[Any, Any]] = {}
        self.postings_held = 0
        self.entries: dict[Any, Any] = {}
        self.results: dict[Any, Any] = {}
        self._lock = threading.Lock()

    def _put(self, store: dict[Any, Any], key: Any, value: Any, bound: int) -> Any:
        with self._lock:
            if len(store) >= bound:
                store.clear()
            store[key] = value
        return value

    def postings(self, field: str, text: str) -> tuple[Any, Any]:
        """The documents holding a term and the term's weight in each (numpy arrays), kept within MAX_POSTINGS."""
        key = (field, text)
        found = self.arrays.get(key)
        if found is not None:
            return found
        ids_parts, weight_parts = [numpy.zeros(0, dtype=numpy.int64)], [numpy.zeros(0)]
        for segment, offset in self.reader.leaf_readers():
            if (field, text) not in segment:
                continue
            ids, weights = _segment_postings(segment, field, text)
            deleted = segment.deleted_docs_set
            if deleted:
                kept = ~numpy.isin(ids, numpy.fromiter(deleted, dtype=numpy.int64, count=len(deleted)))
                ids, weights = ids[kept], weights[kept]
            ids_parts.append(ids + offset)
            weight_parts.append(weights)
        docnums = numpy.concatenate(ids_parts)
        found = (docnums, numpy.concatenate(weight_parts))
        with self._lock:
            self.postings_held += len(docnums)
            if self.postings_held > self.MAX_POSTINGS:
                self.arrays.clear()
                self.postings_held = len(docnums)
            self.arrays[key] = found
        return found

    def term(self, field: str, text: str) -> int:
        key = (field, text)
        found = self.terms.get(key)
        if found is not None:
            return found
        return int(self._put(self.terms, key, self.to_bits(self.postings(field, text)[0]), self.MAX_TERMS))

    def to_bits(self, docnums: Any) -> int:
        mask = numpy.zeros(self.size, dtype=bool)
        mask[docnums] = True
        return int.from_bytes(numpy.packbits(mask, bitorder="little").tobytes(), "little")

    def mask(self, bits: int) -> Any:
        """A bitset as a numpy array of booleans, one per document."""
        raw = numpy.frombuffer(bits.to_bytes((self.size + 7) // 8 or 1, "little"), dtype=numpy.uint8)
        return numpy.unpackbits(raw, bitorder="little")[: self.size].astype(bool)

    def lengths(self, field: str) -> Any:
        """Every document's length of a field as BM25 reads it (Whoosh keeps each in one byte)."""
        found = self.entries.get(("lengths", field))
        if found is None:
            found = self._put(self.entries, ("lengths", field), self._read_lengths(field), self.MAX_ENTRIES)
        return found

    def _read_lengths(self, field: str) -> Any:
        lengths = numpy.ones(self.size, dtype=numpy.float64)
        for segment, offset in self.reader.leaf_readers():
            count = segment.doc_count_all()
            try:  # the segment's length column, read whole
                column = segment._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
                raw = b"" if column is None else column._dbfile.get(column._basepos, column._count)
                stored = numpy.frombuffer(raw, dtype=numpy.uint8)[:count]
                values = _BYTE_LENGTHS[stored]
                lengths[offset : offset + len(values)] = numpy.where(stored > 0, values, 1.0)
            except AttributeError:  # another codec: ask document by document
                for docnum in range(count):
                    lengths[offset + docnum] = segment.doc_field_length(docnum, field, 1) or 1
        return lengths

    # -- columns, read whole per segment ------------------------------------------------------------------

    def _columns(self, field: str) -> Iterator[tuple[int, Any]]:
        """(offset of the segment's first document, its raw column reader or None) per segment."""
        for segment, offset in self.reader.leaf_readers():
            has = field in segment.schema and segment.has_column(field)
            yield offset, segment.column_reader(field, translate=False) if has else None

    def _kept(self, key: Any, make: Any) -> Any:
        found = self.entries.get(key)
        if found is None:
            found = self._put(self.entries, key, make(), self.MAX_ENTRIES)
        return found

    def _fixed(self, field: str, width: int) -> Any:
        """A fixed-width column of every document, as a (documents, width) uint8 array (zeros where unset)."""
        table = numpy.zeros((self.size, width), dtype=numpy.uint8)
        for offset, column in self._columns(field):
            if column is not None and column._count:
                raw = column._dbfile.get(column._basepos, column._count * width)
                table[offset : offset + column._count] = numpy.frombuffer(raw, dtype=numpy.uint8).reshape(-1, width)
        return table

    def uids(self) -> Any:
        """Every document's id as 16 bytes (a (documents, 16) uint8 array)."""
        return self._kept("uids", lambda: self._fixed("uid", 16))

    def uid(self, docnum: int) -> uuid.UUID:
        return uuid.UUID(bytes=self.uids()[docnum].tobytes())

    def assured_days(self) -> Any:
        """Every document's day last verified (NaN: never), as floats."""

        def read() -> Any:
            days = numpy.full(self.size, math.nan)
            for offset, column in self._columns("assured"):
                if column is not None and column._count:
                    raw = column._dbfile.get(column._basepos, column._count * 4)
                    stored = numpy.frombuffer(raw, dtype=">i4").astype(numpy.float64)
                    days[offset : offset + len(stored)] = numpy.where(stored == NO_DAY, math.nan, stored)
            return days

        return self._kept("assured", read)

    def _var_bytes(self, field: str) -> Iterator[tuple[int, bytes, Any]]:
        """(segment offset, the column's bytes, each document's length in them) per segment with the column."""
        for offset, column in self._columns(field):
            if column is None:
                continue
            lengths = numpy.array(column._lengths, dtype=numpy.int64)
            yield offset, column._dbfile.get(column._basepos, int(lengths.sum())), lengths

    def coordinates(self) -> tuple[Any, Any, Any]:
        """(document, latitude, longitude) of every located site, as three arrays."""

        def read() -> Any:
            docs, points = [numpy.zeros(0, dtype=numpy.int64)], [numpy.zeros((0, 2))]
            for offset, data, lengths in self._var_bytes("coords"):
                points.append(numpy.frombuffer(data, dtype="<f8").reshape(-1, 2))
                docs.append(numpy.repeat(numpy.arange(len(lengths), dtype=numpy.int64) + offset, lengths // 16))
            flat = numpy.concatenate(points)
            return numpy.concatenate(docs), flat[:, 0].copy(), flat[:, 1].copy()

        return cast(tuple[Any, Any, Any], self._kept("coordinates", read))

    def located(self) -> int:
        """The documents with a located site (those with grid cells)."""
        return int(self._kept("located", lambda: self.to_bits(numpy.unique(self.coordinates()[0]))))

    def distances(self, docs: Any, latitude: float, longitude: float) -> Any:
        """Miles from a point to each of these documents' nearest located site (NaN: none located)."""
        located, lats, lons = self.coordinates()
        member = numpy.zeros(self.size, dtype=bool)
        member[docs] = True
        chosen = member[located]
        miles = geo.distance_miles_array(latitude, longitude, lats[chosen], lons[chosen])
        nearest = numpy.full(self.size, math.inf)
        numpy.minimum.at(nearest, located[chosen], miles)
        found = nearest[docs]
        found[numpy.isinf(found)] = math.nan
        return found

    def open_in(self, hour: str) -> tuple[int, int]:
        """(the documents that may be open in this weekday-hour, those surely open throughout it) as bitsets."""

        def read() -> tuple[int, int]:
            table = self._kept("hours", lambda: self._fixed("hours", 2 * HOUR_BYTES))
            number = _hour_number(hour)
            byte, bit = number >> 3, number & 7
            may = numpy.flatnonzero(table[:, byte] >> bit & 1)
            sure = numpy.flatnonzero(table[:, HOUR_BYTES + byte] >> bit & 1)
            return self.to_bits(may), self.to_bits(sure)

        return cast(tuple[int, int], self._kept(("open", hour), read))

    def schedules(self) -> tuple[Any, list[bytes]]:
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

        return cast(tuple[Any, list[bytes]], self._kept("schedules", read))

    def open_at(self, at: datetime) -> int:
        """The documents open at this local time: open throughout its hour, or by their schedule exactly (each
        distinct schedule worked out once)."""

        def read() -> int:
            may, sure = self.open_in(hours.hour_token(at))
            maybe = numpy.flatnonzero(self.mask(may & ~sure))
            numbers, distinct = self.schedules()
            wanted = numbers[maybe]
            kinds = numpy.unique(wanted[wanted >= 0])
            opened = numpy.zeros(len(distinct) + 1, dtype=bool)  # the last: no schedule stored (never open)
            for number in kinds.tolist():
                opened[number] = hours.is_open(_schedule_rows(distinct[number]), at) is True
            return sure | self.to_bits(maybe[opened[wanted]])

        return int(self._kept(("open at", at), read))

    def names(self) -> list[bytes]:
        """Every document's case-folded name (UTF-8, so bytes sort as the names do)."""

        def read() -> list[bytes]:
            names = [b""] * self.size
            for offset, data, lengths in self._var_bytes("name_key"):
                ends = numpy.cumsum(lengths).tolist()
                starts = [0, *ends[:-1]]
                names[offset : offset + len(ends)] = [data[a:b] for a, b in zip(starts, ends, strict=True)]
            return names

        return cast(list[bytes], self._kept("names", read))

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

        data, bounds = self._kept("name words", read)
        return [data[a:b].decode("utf-8").split() for a, b in bounds[docs].tolist()]

    def name_order(self, docs: Any) -> Any:
        """These documents' places in order of case-folded name, then id."""
        names, ids = self.names(), self.uids()
        return ranking.ranks_of([(names[docnum], ids[docnum].tobytes()) for docnum in docs.tolist()])

    def id_order(self, docs: Any) -> Any:
        """These documents' places in order of id."""
        halves = numpy.ascontiguousarray(self.uids()[docs]).view(">u8").reshape(len(docs), 2)
        positions = numpy.lexsort((halves[:, 1], halves[:, 0]))
        ranks = numpy.empty(len(docs), dtype=numpy.int64)
        ranks[positions] = numpy.arange(len(docs))
        return ranks

    def any_of(self, field: str, texts: Iterable[str]) -> int:
        return self.any_of_terms((field, text) for text in texts)

    def any_of_terms(self, terms: Iterable[tuple[str, str]]) -> int:
        bits = 0
        for field, text in terms:
            bits |= self.term(field, text)
        return bits

    def put_result(self, key: Any, value: Any) -> Any:
        return self._put(self.results, key, value, self.max_results) if self.max_results > 0 else value

    def every(self) -> int:
        """Every document not deleted."""

        def read() -> int:
            alive = numpy.ones(self.size, dtype=bool)
            for segment, offset in self.reader.leaf_readers():
                deleted = segment.deleted_docs_set
                if deleted:
                    alive[numpy.fromiter(deleted, dtype=numpy.int64, count=len(deleted)) + offset] = False
            return self.to_bits(numpy.flatnonzero(alive))

        return int(self._kept("every", read))

    def values(self, field: str) -> list[str]:
        found = self.entries.get(("values", field))
        if found is None:
            values = (
                [
                    term.decode("utf-8") if isinstance(term, bytes) else str(term)
                    for term in self.reader.field_terms(field)
                ]
                if field in self.reader.schema
                else []
            )
            found = self._put(self.entries, ("values", field), values, self.MAX_ENTRIES)
        return list(found)

    def numbers(self, field: str, typecode: str, default: int) -> Any:
        """A numeric column of every document as an int64 array (`default` where unset)."""

        def read() -> Any:
            values = numpy.full(self.size, default, dtype=numpy.int64)
            width = 4 if typecode == "i" else 8
            for offset, column in self._columns(field):
                if column is not None and column._count:
                    raw = column._dbfile.get(column._basepos, column._count * width)
                    values[offset : offset + column._count] = numpy.frombuffer(raw, dtype=f">{typecode}")
            return values

        return self._kept(("numbers", field), read)

    def where(self, key: Any, condition: Any) -> int:
        """The documents where a condition on columns holds (`condition()` gives a boolean array), kept by key."""
        return int(self._kept(("where", key), lambda: self.to_bits(numpy.flatnonzero(condition()))))

    def _stamps(self) -> Any:
        """Every capacity statement's moment, sorted (for `stale_key`)."""

        def read() -> Any:
            stamps = self.numbers("capacity_updated", "q", UNSET_LONG)
            return numpy.sort(stamps[stamps != UNSET_LONG])

        return self._kept("stamps", read)

    def stale_key(self, before: int | None) -> int | None:
        """Equal for two moments that find the same documents stale: how many statements are older."""
        return None if before is None else int(numpy.searchsorted(self._stamps(), before))

    def stale(self, before: int) -> int:
        """Documents whose capacity was stated before `before` (epoch microseconds), exactly."""
        stamps = self.numbers("capacity_updated", "q", UNSET_LONG)
        return self.where(("stale", self.stale_key(before)), lambda: (stamps != UNSET_LONG) & (stamps < before))


def filter_bits(cache: _SearcherCache, filters: SearchFilters) -> int:
    """The documents passing the filters (all clauses ANDed), as a bitset over the searcher's documents."""
    bits = cache.every()
    if filters.statuses:
        bits &= cache.any_of("status", [_status_token(s) for s in filters.statuses])
    if filters.taxonomy_ids:
        bits &= cache.any_of("taxonomy_id", filters.taxonomy_ids)
    if filters.languages:
        bits &= cache.any_of("language", [v.lower() for v in filters.languages])
    if filters.insurance:
        bits &= cache.any_of("insurance", [v.lower() for v in filters.insurance])
    if filters.age is not None and bits:
        # A bound a service does not state does not exclude anyone.
        age = filters.age
        low, high = cache.numbers("min_age", "i", UNSET_INT), cache.numbers("max_age", "i", UNSET_INT)
        bits &= ~cache.where(("min_age>", age), lambda: low > age)
        bits &= ~cache.where(("max_age<", age), lambda: (high != UNSET_INT) & (high < age))
    if filters.accepting_new_clients is not None:
        bits &= cache.term("accepting", "yes" if filters.accepting_new_clients else "no")
        if filters.stale_before is not None and bits:
            bits &= ~cache.stale(filters.stale_before)
    if filters.organization_id:
        bits &= cache.term("organization_id", filters.organization_id)
    if filters.modified_after is not None and bits:
        after = filters.modified_after
        modified = cache.numbers("modified", "q", 0)
        bits &= cache.where(("modified>", after), lambda: modified > after)
    if filters.service_ids is not None:
        bits &= cache.any_of("id", [str(i) for i in filters.service_ids])
    if filters.cells or filters.areas:
        by_area = 0
        if filters.areas:  # services with no location of their own, serving the person's area: nothing to measure
            by_area = cache.any_of("area", filters.areas) & ~cache.located()
        inner = cache.any_of("cell", filters.inner_cells) | by_area
        cut = cache.any_of("cell", filters.cells) & ~inner  # in a cell the circle cuts
        if filters.near is not None and bits & cut:  # measured exactly where the index has the coordinates
            latitude, longitude, miles = filters.near
            docs = numpy.flatnonzero(cache.mask(bits & cut))
            distance = cache.distances(docs, latitude, longitude)
            cut = cache.to_bits(docs[(distance <= miles) | numpy.isnan(distance)])
        bits &= inner | cut
    if filters.open_at is not None and bits:
        bits &= cache.open_at(filters.open_at)
    return bits


def facet_counts(cache: _SearcherCache, matched: int, stale_before: int | None) -> dict[str, dict[str, int]]:
    """How many matched documents carry each value of each facet (FACET_FIELDS)."""
    counts: dict[str, dict[str, int]] = {}
    for name, field in zip(FACET_FIELDS[:-1], ("own_taxonomy_id", "language", "insurance"), strict=True):
        values = {}
        for value in cache.values(field):
            count = (matched & cache.term(field, value)).bit_count()
            if count:
                values[value] = count
        counts[name] = values
    stale = cache.stale(stale_before) if stale_before is not None else 0
    yes = (matched & cache.term("accepting", "yes") & ~stale).bit_count()
    no = (matched & cache.term("accepting", "no") & ~stale).bit_count()
    accepting = {"yes": yes, "no": no, "unknown": matched.bit_count() - yes - no}
    counts[FACET_FIELDS[-1]] = {label: count for label, count in accepting.items() if count}
    return counts


@dataclass(frozen=True)
class TextQuery:
    """A typed query as weighted index terms, split by the strength of the evidence, and phrases.

    `strong` terms match what a service is (its name, service types, the service types the words point at, a
    payer named); `weak` terms what is merely mentioned (description, organization, eligibility, places).
    Documents with strong evidence rank before those with only weak evidence. A document's score is BM25F over
    all its terms, as Whoosh scores an Or of them, plus a phrase bonus where its name keeps the words together.
    """

    strong: tuple[tuple[str, str, float], ...]  # (field, token, query boost)
    weak: tuple[tuple[str, str, float], ...]
    phrase: Query | None

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.strong, self.weak, repr(self.phrase))


def build_text_query(query: UnderstoodQuery, schema: Schema) -> TextQuery | None:
    """Words in every text field (stemmed, weighted), synonym expansions, payers, and a boost for words kept
    together in a name."""
    analyzer = schema["name"].analyzer
    steered = query.payer_words if query.steer_payers else frozenset()
    strong: list[tuple[str, str, float]] = []
    weak: list[tuple[str, str, float]] = []
    stems: list[str] = []
    for word in query.meaningful_words:
        typed = query.corrections.get(word, word)
        if typed in steered:
            continue  # "... that takes medicaid": a payer to prefer, not words to find
        tokens = [token.text for phrase in typed.split() for token in analyzer(phrase)]
        if not tokens:
            continue
        stems.extend(tokens)
        for field in TEXT_FIELDS:
            (strong if field in STRONG_FIELDS else weak).extend((field, token, 1.0) for token in tokens)
    for code, weight in query.expansions.items():
        strong.append(("taxonomy_code", code, EXPANSION_BOOST * weight))
    for category in query.payers:
        strong.append(("insurance", category, PAYER_BOOST if query.steer_payers else KEYWORD_TEXT_BOOST))
    if not strong and not weak:
        return None
    phrase = Phrase("name", stems, slop=1, boost=PHRASE_BOOST) if len(stems) >= 2 else None
    return TextQuery(tuple(dict.fromkeys(strong)), tuple(dict.fromkeys(weak)), phrase)


def _bm25(searcher: Any, cache: _SearcherCache, field: str, token: str, docnums: Any, weights: Any) -> Any:
    """A term's BM25F score in each document of its postings, as Whoosh's scorer computes it."""
    idf = math.log(searcher.doc_count_all() / (searcher.doc_frequency(field, token) + 1)) + 1
    average = searcher.avg_field_length(field) or 1
    lengths = cache.lengths(field)[docnums]
    norm = BM25_K1 * ((1 - BM25_B) + BM25_B * lengths / average)
    return idf * (weights * (BM25_K1 + 1)) / (weights + norm)


def term_scores(searcher: Any, cache: _SearcherCache, terms: Iterable[tuple[str, str, float]]) -> Any:
    """Every document's score for an Or of these terms: BM25F as Whoosh computes it, summed over the terms,
    but over whole posting arrays at once instead of a tree of matchers document by document."""
    scores = numpy.zeros(cache.size, dtype=numpy.float64)
    schema = searcher.schema
    for field, token, boost in terms:
        docnums, weights = cache.postings(field, token)
        if not len(docnums):
            continue
        if schema[field].scorable:
            scores[docnums] += boost * _bm25(searcher, cache, field, token, docnums, weights)
        else:
            scores[docnums] += boost * weights
    return scores


def _follows_on(words: Sequence[str], name: Sequence[str], slop: int = 1) -> bool:
    """Whether a name holds the words in order, each within `slop` positions of the one before (and not at the
    same one): Whoosh's SpanNear2 (ordered, mindist 1), span for span."""
    places: dict[str, list[int]] = {}
    for position, word in enumerate(name):
        places.setdefault(word, []).append(position)
    spans = {(position, position) for position in places.get(words[0], ())}
    for word in words[1:]:
        if not spans:
            return False
        after = places.get(word, [])
        joined = set()
        for start, end in spans:
            for position in after[bisect.bisect_left(after, start) :]:
                if position > end + slop:
                    break
                if start <= position <= end:
                    continue  # overlapping: distance 0
                if position - end <= slop:
                    joined.add((start, position))
        spans = joined
    return bool(spans)


def phrase_bonus(searcher: Any, cache: _SearcherCache, phrase: Phrase, candidates: Any) -> Any:
    """Each candidate's score for a phrase in its name (0 where the name does not keep the words together), as
    Whoosh scores the phrase (the boost times the sum of its words' scores), from the names' words column."""
    bonus = numpy.zeros(len(candidates), dtype=numpy.float64)
    words = list(phrase.words)
    score = numpy.zeros(len(candidates), dtype=numpy.float64)
    holding = numpy.ones(len(candidates), dtype=bool)
    for word in words:
        docnums, weights = cache.postings(phrase.fieldname, word)
        if not len(docnums):
            return bonus
        at = numpy.minimum(numpy.searchsorted(docnums, candidates), len(docnums) - 1)
        holds = docnums[at] == candidates
        holding &= holds
        term = _bm25(searcher, cache, phrase.fieldname, word, docnums[at], weights[at])
        score += numpy.where(holds, term, 0.0)
    chosen = numpy.flatnonzero(holding)
    if not len(chosen):
        return bonus
    names = cache.name_words(candidates[chosen])
    kept = numpy.array([_follows_on(words, name, phrase.slop) for name in names], dtype=bool)
    bonus[chosen[kept]] = phrase.boost * score[chosen[kept]]
    return bonus


#: How many of the best by words are looked at again for a phrase in their name, beyond those asked for.
PHRASE_POOL = 200


def _ranked(
    searcher: Any, cache: _SearcherCache, text: TextQuery, matched: int, strong: int, limit: int | None
) -> list[SearchHit]:
    """The matched documents, best first: strong evidence before weak, then by score, then index order."""
    docnums, scores = _text_order(searcher, cache, text, matched, strong, limit)
    return [SearchHit(cache.uid(docnum), float(scores[docnum])) for docnum in docnums.tolist()]


def _text_order(
    searcher: Any, cache: _SearcherCache, text: TextQuery, matched: int, strong: int, limit: int | None
) -> tuple[Any, Any]:
    """(the best `limit` matched documents in order of the words, every document's text score)."""
    if not matched or limit == 0:
        return numpy.zeros(0, dtype=numpy.int64), numpy.zeros(cache.size)
    scores = term_scores(searcher, cache, (*text.strong, *text.weak))
    candidates = numpy.flatnonzero(cache.mask(matched))
    tier = cache.mask(strong)[candidates]
    keys = scores[candidates] + numpy.where(tier, 1e9, 0.0)
    wanted = len(candidates) if limit is None else min(len(candidates), limit + PHRASE_POOL)
    if wanted < len(candidates):
        best = numpy.argpartition(-keys, wanted - 1)[:wanted]
        candidates, keys = candidates[best], keys[best]
    if text.phrase is not None:  # the pool again, with a bonus where the name keeps the words together
        extra = phrase_bonus(searcher, cache, text.phrase, candidates)
        keys = keys + extra
        scores[candidates] += extra
    order = numpy.lexsort((candidates, -keys))
    if limit is not None:
        order = order[:limit]
    return candidates[order], scores


def _rank(
    cache: _SearcherCache, docs: Any, text: Any, order: ranking.Ranking, filters: SearchFilters, limit: int | None
) -> list[SearchHit]:
    """These documents (with their text scores, or None) ranked as `order` asks, from the index's columns."""
    stale = cache.stale(filters.stale_before) if filters.stale_before is not None else 0
    yes = cache.mask(cache.term("accepting", "yes") & ~stale)[docs]
    no = cache.mask(cache.term("accepting", "no") & ~stale)[docs]
    signals = ranking.Signals(
        text=text,
        distance=cache.distances(docs, *order.origin) if order.origin is not None else None,
        closed=cache.mask(cache.term("status", _status_token("temporarily closed")))[docs],
        accepting=numpy.where(yes, 1, numpy.where(no, 0, -1)).astype(numpy.int8),
        assured=cache.assured_days()[docs],
        name_order=lambda at: cache.name_order(docs[at]),
        id_order=lambda at: cache.id_order(docs[at]),
    )
    return ranked_hits(lambda position: cache.uid(int(docs[position])), signals, order, limit)


class WhooshIndex:
    """A Whoosh index at `path` (a symlink to the live generation); see the module docstring for the layout."""

    def __init__(self, path: str | os.PathLike[str], *, results_cache: int = 256) -> None:
        """`results_cache`: how many search results each searcher keeps for repeats (0: none)."""
        self.path = Path(path)
        self.results_cache = results_cache
        self._lock = threading.Lock()
        self._target: Path | None = None
        self._index: Any = None
        self._searcher: Any = None
        self._frequencies: tuple[Any, Mapping[str, int]] | None = None
        self._cache: _SearcherCache | None = None

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

    def _reader_and_cache(self) -> tuple[Any, _SearcherCache]:
        """The searcher and the bitsets kept for it (started afresh with each new searcher)."""
        searcher = self._reader()
        cache = self._cache
        if cache is None or cache.searcher is not searcher:
            cache = self._cache = _SearcherCache(searcher, self.results_cache)
        return searcher, cache

    def keep_results(self, count: int) -> None:
        """Keep up to `count` search results per searcher for repeats from now on (0: none, and forget those kept)."""
        with self._lock:
            self.results_cache = count
            if self._cache is not None:
                self._cache.max_results = count
                self._cache.results.clear()

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
            schema = self._open().schema
        except (OSError, ValueError, whoosh_index.EmptyIndexError):
            return None
        except Exception as error:  # a corrupt index: report it unusable, the follower rebuilds it
            log.warning("The search index at %s cannot be opened (%s: %s)", live, type(error).__name__, str(error))
            return None
        if schema_signature(schema) != SCHEMA_SIGNATURE:  # built by an older version: the follower rebuilds it
            log.warning("The search index at %s has other fields than this version indexes", live)
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
            stream = iter(documents)
            first = list(itertools.islice(stream, PARALLEL_REBUILD_AT))
            # A big rebuild writes a segment per core at once (each its own process), ROUND_DOCS documents a
            # round; a small one is not worth starting processes for.
            procs = min(REBUILD_PROCS, os.cpu_count() or 1) if len(first) >= PARALLEL_REBUILD_AT else 1
            documents_left = itertools.chain(first, stream)
            count = 0
            while True:
                writer = new_index.writer(limitmb=256, procs=procs, multisegment=procs > 1)
                written = 0
                try:
                    for doc in itertools.islice(documents_left, ROUND_DOCS if procs > 1 else None):
                        writer.add_document(**_fields(doc))
                        written += 1
                except BaseException:
                    writer.cancel()
                    shutil.rmtree(building, ignore_errors=True)
                    raise
                writer.commit(merge=False)
                count += written
                if procs == 1 or written < ROUND_DOCS:
                    break
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
        searcher, cache = self._reader_and_cache()
        text = build_text_query(request.query, searcher.schema) if request.query else None
        filters = request.filters
        staleness = cache.stale_key(filters.stale_before)
        key = (
            text.key if text else None,
            dataclasses.replace(filters, stale_before=None),
            staleness,
            request.limit,
            request.facets,
            request.ranking,
        )
        cached = cache.results.get(key)
        if cached is not None:
            return cast(SearchResults, cached)
        allowed = filter_bits(cache, filters)
        order = request.ranking
        if text is None:
            matched = allowed
            if order is None:
                hits = self._unscored(cache, matched, request.limit)
            else:
                hits = _rank(cache, numpy.flatnonzero(cache.mask(matched)), None, order, filters, request.limit)
        else:
            strong = allowed & cache.any_of_terms((field, token) for field, token, _ in text.strong)
            matched = strong | (allowed & cache.any_of_terms((field, token) for field, token, _ in text.weak))
            if order is None:
                hits = _ranked(searcher, cache, text, matched, strong, request.limit)
            else:  # the best by words blended (every match for another order)
                pool = None
                if order.sort == "relevance" and request.limit is not None:
                    pool = max(ranking.RERANK_POOL, request.limit)
                docs, scores = _text_order(searcher, cache, text, matched, strong, pool)
                hits = _rank(cache, docs, scores[docs], order, filters, request.limit)
        facets = facet_counts(cache, matched, filters.stale_before) if request.facets else {}
        found = SearchResults(hits, matched.bit_count(), facets)
        return cast(SearchResults, cache.put_result(key, found))

    @staticmethod
    def _unscored(cache: _SearcherCache, matched: int, limit: int | None) -> list[SearchHit]:
        """Every document passing the filters, equal, in index order."""
        hits: list[SearchHit] = []
        if limit == 0:
            return hits
        for docnum in _docnums(matched):
            hits.append(SearchHit(cache.uid(docnum), 1.0))
            if limit is not None and len(hits) >= limit:
                break
        return hits

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
            self._cache = None
            self._index = None
            self._target = None
