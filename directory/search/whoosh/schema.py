"""What the Whoosh index holds: its fields and analyzers, and a service document as those fields.

Stored fields are ids only; everything a search filters, counts or ranks by is a keyword field or a column,
put there the way `directory.search.columns` lays a document out for both indexes.
"""

from __future__ import annotations

import functools
import itertools
import json
import struct
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from whoosh.analysis import Composable, StandardAnalyzer, StemmingAnalyzer, Token
from whoosh.analysis.filters import STOP_WORDS
from whoosh.analysis.tokenizers import default_pattern
from whoosh.columns import FixedBytesColumn, NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema
from whoosh.lang.porter import stem as porter_stem

from directory.listings.hours import ScheduleRow
from directory.search import columns
from directory.search.interface import ServiceDocument

INDEX_NAME = "services"

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
NO_DAY = -(2**31)  # `assured` of a service never verified
#: How each numeric column filters compare (columns.NUMBER_DEFAULTS) is stored: "i" in 4 bytes, "q" in 8.
NUMBER_TYPECODES = {"min_age": "i", "max_age": "i", "modified": "q", "capacity_updated": "q"}

#: Stems remembered across documents (StemFilter's own bound); stemming is a pure function of the word.
_stem = functools.lru_cache(maxsize=50_000)(porter_stem)


class FusedStemmingAnalyzer(Composable):  # type: ignore[misc]
    """Whoosh's `StemmingAnalyzer()` (regex words, lower case, stop words and one-letter words out, Porter
    stems) in one loop instead of four chained generators: the same tokens, for less work a token (analysing
    text is much of the cost of writing an index).

    Anything but the plain case (stop words kept, character offsets, original text, a value not to be split)
    goes to `StemmingAnalyzer` itself. The schema, and so this analyzer, is pickled into the index's table of
    contents: an index written before a rename or move of this class cannot be opened, and is rebuilt.
    """

    is_morph = True

    def __init__(self) -> None:
        self._plain = StemmingAnalyzer()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

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
        position = None  # as StopFilter renumbers: the first word kept keeps its place, the rest follow on
        for number, match in enumerate(default_pattern.finditer(value)):
            word = match.group(0).lower()
            if len(word) < 2 or word in STOP_WORDS:
                continue
            token.text = _stem(word)
            token.boost = 1.0
            token.stopped = False
            if positions:
                position = start_pos + number if position is None else position + 1
                token.pos = position
            yield token


def build_schema() -> Schema:
    stem = FusedStemmingAnalyzer()
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
        hours=COLUMN(FixedBytesColumn(2 * columns.HOUR_BYTES)),
        # Where some hour needs an exact look (ServiceDocument.schedule), the schedule rows themselves (JSON).
        schedule=COLUMN(VarBytesColumn()),
        # Numbers filtered on, compared over the whole column at once (a numeric field would index many terms a
        # value): ages served, last modified (epoch seconds), capacity stated (epoch microseconds).
        **{
            field: COLUMN(NumericColumn(typecode, default=columns.NUMBER_DEFAULTS[field]))
            for field, typecode in NUMBER_TYPECODES.items()
        },
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
_NAME_WORDS = FusedStemmingAnalyzer()  # the name field's analyzer (build_schema)


def document_fields(doc: ServiceDocument) -> dict[str, Any]:
    """A document as the index's fields (`build_schema`)."""
    fields: dict[str, Any] = {name: ",".join(values) for name, values in columns.keywords(doc).items()}
    fields.update(columns.numbers(doc))
    fields |= {
        "name": doc.name,
        "alternate_name": doc.alternate_name,
        "taxonomy": doc.taxonomy_text,
        "organization": doc.organization,
        "description": doc.description,
        "eligibility": doc.eligibility,
        "places": doc.places,
        "words": f"{doc.name} {doc.alternate_name} {doc.taxonomy_text} {doc.organization}",
        "taxonomy_code": ",".join(doc.taxonomy_codes),
        "hours": columns.hours_row(doc),
    }
    fields["uid"] = doc.id.bytes
    fields["name_key"] = doc.name.casefold().encode("utf-8")
    fields["name_words"] = " ".join(token.text for token in _NAME_WORDS(doc.name)).encode("utf-8")
    if doc.coordinates:
        fields["coords"] = struct.pack(f"<{2 * len(doc.coordinates)}d", *itertools.chain(*doc.coordinates))
    if doc.schedule:
        fields["schedule"] = schedule_bytes(doc.schedule)
    if doc.assured_day is not None:
        fields["assured"] = doc.assured_day
    return fields


_DATE_FIELDS = 4  # valid_from, valid_to, dtstart, until: the first of hours.SCHEDULE_FIELDS


def schedule_bytes(rows: Sequence[tuple[Any, ...]]) -> bytes:
    """Schedule rows (the fields of hours.ScheduleRow) as compact JSON, dates as ISO strings."""
    plain = [
        [value.isoformat() if value and i < _DATE_FIELDS else value for i, value in enumerate(row)] for row in rows
    ]
    return json.dumps(plain, separators=(",", ":")).encode("utf-8")


def schedule_rows(data: bytes) -> list[ScheduleRow]:
    """`schedule_bytes` read back."""
    rows = []
    for row in json.loads(data):
        values: list[Any] = [
            date.fromisoformat(v) if v is not None and i < _DATE_FIELDS else v for i, v in enumerate(row)
        ]
        rows.append(ScheduleRow(*values))
    return rows
