"""What a search reads from an index's columns: each filter, the facet counts and the ranking, defined once.

Both indexes number their documents 0..size-1 and answer a few plain questions about them (`Columns`): which
documents hold a keyword value, a numeric column, the hours of the week, the located sites, the ids and names.
Everything a search means by a filter, a facet or a ranking signal is worked out here from those answers, as
bitsets (a Python int, bit n for document n) and numpy arrays: `WhooshIndex` answers from its segments'
columns, the in-memory twin from its documents. Both put a document into columns the same way (`keywords`,
`numbers`, `hour_bits`), so the twin cannot drift from the index it stands in for.
"""

from __future__ import annotations

import functools
import math
import uuid
from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import datetime
from typing import Any, Protocol, TypeVar

import numpy

from directory import geo
from directory.listings import hours
from directory.listings.hours import WEEKDAYS, ScheduleRow
from directory.search import ranking
from directory.search.interface import (
    FACET_FIELDS,
    SearchFilters,
    SearchHit,
    ServiceDocument,
    accepting_label,
)

T = TypeVar("T")

UNSET_INT, UNSET_LONG = -(2**31), -(2**63)  # a number a document does not state
#: The numeric columns filters compare, each with what it holds where a document does not state it: the ages
#: served, last modified (epoch seconds), capacity stated (epoch microseconds).
NUMBER_DEFAULTS = {"min_age": UNSET_INT, "max_age": UNSET_INT, "modified": 0, "capacity_updated": UNSET_LONG}
HOUR_BYTES = 21  # 168 hours of the week, a bit each
#: The keyword field each facet counts (FACET_FIELDS but the last, which counts "accepting" as of the request).
FACET_KEYWORDS = dict(zip(FACET_FIELDS[:-1], ("own_taxonomy_id", "language", "insurance"), strict=True))


# -- a document as column values --------------------------------------------------------------------------------


def status_token(status: str) -> str:
    return status.replace(" ", "_")


def keywords(doc: ServiceDocument) -> dict[str, tuple[str, ...]]:
    """The keyword values a document holds, by field, as filters and facets look them up (languages and
    payers in lower case: they match whatever case they are asked in)."""
    return {
        "id": (str(doc.id),),
        "status": (status_token(doc.status),),
        "taxonomy_id": doc.taxonomy_ids,
        "own_taxonomy_id": doc.own_taxonomy_ids,
        "language": tuple(value.lower() for value in doc.languages),
        "insurance": tuple(value.lower() for value in doc.insurance),
        "accepting": (accepting_label(doc.accepting_new_clients),),  # as stated; `accepting_now` ages it
        "organization_id": (doc.organization_id,) if doc.organization_id else (),
        "cell": doc.cells,
        "area": doc.areas,
    }


def numbers(doc: ServiceDocument) -> dict[str, int]:
    """The numeric columns (NUMBER_DEFAULTS) a document states; ages in whole years."""
    stated = {"modified": doc.modified}
    if doc.min_age is not None:
        stated["min_age"] = int(doc.min_age)
    if doc.max_age is not None:
        stated["max_age"] = int(doc.max_age)
    if doc.capacity_updated is not None:
        stated["capacity_updated"] = doc.capacity_updated
    return stated


def hour_number(token: str) -> int:
    """The hour of the week of a weekday-hour token ("TU14": 24 + 14)."""
    return WEEKDAYS.index(token[:2]) * 24 + int(token[2:])


@functools.lru_cache(maxsize=4096)
def hour_bits(tokens: tuple[str, ...]) -> bytes:
    bits = 0
    for token in tokens:
        bits |= 1 << hour_number(token)
    return bits.to_bytes(HOUR_BYTES, "little")


def hours_row(doc: ServiceDocument) -> bytes:
    """The hours of the week (Monday 00-01 first) it may be open in, then those it is surely open throughout."""
    return hour_bits(doc.open_hours) + hour_bits(doc.open_hours_sure)


# -- what an index answers --------------------------------------------------------------------------------------


class Columns(Protocol):
    """An index's documents, numbered 0..size-1 (deleted ones included: `every` leaves them out)."""

    size: int

    def every(self) -> int:
        """Every document not deleted."""
        ...

    def term(self, field: str, value: str) -> int:
        """The documents holding a keyword value (`keywords`)."""
        ...

    def values(self, field: str) -> list[str]:
        """Every value of a keyword field (a deleted document's values may be among them)."""
        ...

    def numbers(self, field: str) -> Any:
        """A numeric column (`numbers`) of every document, int64, its NUMBER_DEFAULTS value where unset."""
        ...

    def hours(self) -> Any:
        """Every document's `hours_row`, a (documents, 2 x HOUR_BYTES) uint8 array."""
        ...

    def schedule_numbers(self) -> Any:
        """Each document's schedule number (int32; -1: it stores none): documents with equal rows share one."""
        ...

    def schedule(self, number: int) -> list[ScheduleRow]:
        """The schedule rows numbered so (ServiceDocument.schedule)."""
        ...

    def coordinates(self) -> tuple[Any, Any, Any]:
        """(document, latitude, longitude) of every located site, as three arrays."""
        ...

    def uids(self) -> Any:
        """Every document's id as 16 bytes (a (documents, 16) uint8 array)."""
        ...

    def names(self) -> list[bytes]:
        """Every document's case-folded name (UTF-8, so bytes sort as the names do)."""
        ...

    def assured_days(self) -> Any:
        """Every document's day last verified (ranking.day_number; NaN: never), as floats."""
        ...

    def kept(self, key: Hashable, make: Callable[[], T]) -> T:
        """`make()`, remembered by `key` for as long as these documents stay as they are (bounded)."""
        ...


# -- bitsets --------------------------------------------------------------------------------------------------


def to_bits(docnums: Any, size: int) -> int:
    mask = numpy.zeros(size, dtype=bool)
    mask[docnums] = True
    return int.from_bytes(numpy.packbits(mask, bitorder="little").tobytes(), "little")


def as_mask(bits: int, size: int) -> Any:
    """A bitset as a numpy array of booleans, one per document."""
    raw = numpy.frombuffer(bits.to_bytes((size + 7) // 8 or 1, "little"), dtype=numpy.uint8)
    return numpy.unpackbits(raw, bitorder="little")[:size].astype(bool)


def docnums(bits: int) -> Iterator[int]:
    """The docnums set in a bitset, in order."""
    table = bits.to_bytes((bits.bit_length() + 7) // 8 or 1, "little")
    for byte_number, byte in enumerate(table):
        while byte:
            low = byte & -byte
            yield byte_number * 8 + low.bit_length() - 1
            byte ^= low


def any_of(columns: Columns, field: str, values: Iterable[str]) -> int:
    bits = 0
    for value in values:
        bits |= columns.term(field, value)
    return bits


def where(columns: Columns, key: Hashable, condition: Callable[[], Any]) -> int:
    """The documents where a condition on columns holds (`condition()` gives a boolean array), kept by key."""
    return columns.kept(("where", key), lambda: to_bits(numpy.flatnonzero(condition()), columns.size))


# -- filters --------------------------------------------------------------------------------------------------


def filter_bits(columns: Columns, filters: SearchFilters) -> int:
    """The documents passing the filters (all clauses ANDed): what every index means by each filter."""
    bits = columns.every() & _keyword_clauses(columns, filters)
    if filters.age is not None and bits:
        bits &= _serves_age(columns, filters.age)
    if filters.accepting_new_clients is not None:
        yes, no = accepting_now(columns, filters.stale_before)
        bits &= yes if filters.accepting_new_clients else no
    if filters.modified_after is not None and bits:
        after = filters.modified_after
        bits &= where(columns, ("modified>", after), lambda: columns.numbers("modified") > after)
    if filters.cells or filters.areas:
        bits &= _near(columns, filters, bits)
    if filters.open_at is not None and bits:
        bits &= open_at(columns, filters.open_at)
    return bits


def _keyword_clauses(columns: Columns, filters: SearchFilters) -> int:
    """The clauses that are "any of these values" of a keyword field (-1, every bit, when none is asked)."""
    clauses = [
        ("status", [status_token(status) for status in filters.statuses]),
        ("taxonomy_id", list(filters.taxonomy_ids)),
        ("language", [value.lower() for value in filters.languages]),
        ("insurance", [value.lower() for value in filters.insurance]),
        ("organization_id", [filters.organization_id] if filters.organization_id else []),
    ]
    bits = -1
    for field, values in clauses:
        if values:
            bits &= any_of(columns, field, values)
    if filters.service_ids is not None:  # none at all: nothing passes
        bits &= any_of(columns, "id", [str(service_id) for service_id in filters.service_ids])
    return bits


def _serves_age(columns: Columns, age: int) -> int:
    """The documents serving this age: a bound a service does not state does not exclude anyone."""
    too_young = where(columns, ("min_age>", age), lambda: columns.numbers("min_age") > age)
    too_old = where(columns, ("max_age<", age), lambda: _stated_below(columns.numbers("max_age"), age))
    return ~too_young & ~too_old


def _stated_below(values: Any, bound: int) -> Any:
    return (values != UNSET_INT) & (values < bound)


def _near(columns: Columns, filters: SearchFilters, bits: int) -> int:
    """Within the distance asked for: in a cell wholly inside it, or measured exactly in a cell it cuts (one
    without coordinates counts as near), or, without a location of its own, serving the person's area."""
    by_area = 0
    if filters.areas:  # nothing to measure
        by_area = any_of(columns, "area", filters.areas) & ~located(columns)
    inner = any_of(columns, "cell", filters.inner_cells) | by_area
    cut = any_of(columns, "cell", filters.cells) & ~inner
    if filters.near is not None and bits & cut:
        latitude, longitude, miles = filters.near
        measured = numpy.flatnonzero(as_mask(bits & cut, columns.size))
        distance = distances(columns, measured, latitude, longitude)
        cut = to_bits(measured[(distance <= miles) | numpy.isnan(distance)], columns.size)
    return inner | cut


# -- whether a service takes new clients, now -----------------------------------------------------------------


def _stamps(columns: Columns) -> Any:
    """Every capacity statement's moment, sorted."""

    def read() -> Any:
        stamps = columns.numbers("capacity_updated")
        return numpy.sort(stamps[stamps != UNSET_LONG])

    return columns.kept("stamps", read)


def stale_key(columns: Columns, before: int | None) -> int | None:
    """Equal for two moments that find the same documents stale: how many statements are older."""
    return None if before is None else int(numpy.searchsorted(_stamps(columns), before))


def stale(columns: Columns, before: int) -> int:
    """Documents whose capacity was stated before `before` (epoch microseconds), exactly."""
    stamps = columns.numbers("capacity_updated")
    return where(columns, ("stale", stale_key(columns, before)), lambda: (stamps != UNSET_LONG) & (stamps < before))


def accepting_now(columns: Columns, stale_before: int | None) -> tuple[int, int]:
    """(the documents taking new clients, those not), as of the request: an update stated before
    `stale_before` no longer says either."""
    lapsed = stale(columns, stale_before) if stale_before is not None else 0
    return columns.term("accepting", "yes") & ~lapsed, columns.term("accepting", "no") & ~lapsed


# -- where and when ---------------------------------------------------------------------------------------------


def located(columns: Columns) -> int:
    """The documents with a located site."""
    return columns.kept("located", lambda: to_bits(numpy.unique(columns.coordinates()[0]), columns.size))


def distances(columns: Columns, docs: Any, latitude: float, longitude: float) -> Any:
    """Miles from a point to each of these documents' nearest located site (NaN: none located)."""
    sites, lats, lons = columns.coordinates()
    member = numpy.zeros(columns.size, dtype=bool)
    member[docs] = True
    chosen = member[sites]
    miles = geo.distance_miles_array(latitude, longitude, lats[chosen], lons[chosen])
    nearest = numpy.full(columns.size, math.inf)
    numpy.minimum.at(nearest, sites[chosen], miles)
    found = nearest[docs]
    found[numpy.isinf(found)] = math.nan
    return found


def open_in(columns: Columns, hour: str) -> tuple[int, int]:
    """(the documents that may be open in this weekday-hour, those surely open throughout it) as bitsets."""

    def read() -> tuple[int, int]:
        table = columns.hours()
        number = hour_number(hour)
        byte, bit = number >> 3, number & 7
        may = numpy.flatnonzero(table[:, byte] >> bit & 1)
        sure = numpy.flatnonzero(table[:, HOUR_BYTES + byte] >> bit & 1)
        return to_bits(may, columns.size), to_bits(sure, columns.size)

    return columns.kept(("open", hour), read)


def open_at(columns: Columns, at: datetime) -> int:
    """The documents open at this local time: open throughout its hour, or by their schedule exactly (each
    distinct schedule worked out once)."""

    def read() -> int:
        may, sure = open_in(columns, hours.hour_token(at))
        maybe = numpy.flatnonzero(as_mask(may & ~sure, columns.size))
        numbers = columns.schedule_numbers()
        wanted = numbers[maybe]
        opened = numpy.zeros(int(numbers.max(initial=-1)) + 2, dtype=bool)  # the last: none stored (never open)
        for number in numpy.unique(wanted[wanted >= 0]).tolist():
            opened[number] = hours.is_open(columns.schedule(number), at) is True
        return sure | to_bits(maybe[opened[wanted]], columns.size)

    return columns.kept(("open at", at), read)


# -- facets -----------------------------------------------------------------------------------------------------


def facet_counts(columns: Columns, matched: int, stale_before: int | None) -> dict[str, dict[str, int]]:
    """How many matched documents carry each value of each facet (FACET_FIELDS)."""
    counts: dict[str, dict[str, int]] = {}
    for name, field in FACET_KEYWORDS.items():
        values = {}
        for value in columns.values(field):
            count = (matched & columns.term(field, value)).bit_count()
            if count:
                values[value] = count
        counts[name] = values
    yes, no = ((matched & bits).bit_count() for bits in accepting_now(columns, stale_before))
    accepting = {"yes": yes, "no": no, "unknown": matched.bit_count() - yes - no}
    counts[FACET_FIELDS[-1]] = {label: count for label, count in accepting.items() if count}
    return counts


# -- ranking ----------------------------------------------------------------------------------------------------


def uid(columns: Columns, docnum: int) -> uuid.UUID:
    return uuid.UUID(bytes=columns.uids()[docnum].tobytes())


def name_order(columns: Columns, docs: Any) -> Any:
    """These documents' places in order of case-folded name, then id."""
    names, ids = columns.names(), columns.uids()
    return ranking.ranks_of([(names[docnum], ids[docnum].tobytes()) for docnum in docs.tolist()])


def id_order(columns: Columns, docs: Any) -> Any:
    """These documents' places in order of id."""
    halves = numpy.ascontiguousarray(columns.uids()[docs]).view(">u8").reshape(len(docs), 2)
    positions = numpy.lexsort((halves[:, 1], halves[:, 0]))
    ranks = numpy.empty(len(docs), dtype=numpy.int64)
    ranks[positions] = numpy.arange(len(docs))
    return ranks


def signals(
    columns: Columns, docs: Any, text: Any, order: ranking.Ranking, stale_before: int | None
) -> ranking.Signals:
    """What ranks these documents (an int64 array of docnums; `text` their text scores, or None)."""
    yes, no = (as_mask(bits, columns.size)[docs] for bits in accepting_now(columns, stale_before))
    closed = columns.term("status", status_token("temporarily closed"))
    return ranking.Signals(
        text=text,
        distance=distances(columns, docs, *order.origin) if order.origin is not None else None,
        closed=as_mask(closed, columns.size)[docs],
        accepting=numpy.where(yes, 1, numpy.where(no, 0, -1)).astype(numpy.int8),
        assured=columns.assured_days()[docs],
        name_order=lambda at: name_order(columns, docs[at]),
        id_order=lambda at: id_order(columns, docs[at]),
    )


def rank(
    columns: Columns, docs: Any, text: Any, order: ranking.Ranking, stale_before: int | None, limit: int | None
) -> list[SearchHit]:
    """These documents (with their text scores, or None) ranked as `order` asks (`ranking.rank`)."""
    found = signals(columns, docs, text, order, stale_before)
    positions, score, parts = ranking.rank(found, order, limit)
    hits = []
    for position in positions.tolist():
        distance = float(found.distance[position]) if found.distance is not None else math.nan
        hits.append(
            SearchHit(
                uid(columns, int(docs[position])),
                float(score[position]),
                float(found.text[position]) if found.text is not None else None,
                None if math.isnan(distance) else distance,
                {name: float(values[position]) for name, values in parts.items()} if order.explain else None,
            )
        )
    return hits
