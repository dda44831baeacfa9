"""What is wrong with a record, said with its file, record and field; and each JSON value checked against the column
it is written to, converted to the column's Python type.

The record writer (`directory.listings.records`) collects these problems for every write: the write API, the
editor and every import, so they all agree on what a valid listing is.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Float, Integer, String, Uuid
from sqlalchemy.sql.sqltypes import JSON

from directory.errors import InvalidInput


@dataclass(frozen=True)
class Problem:
    file: str
    record: int | None
    record_id: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record is not None:
            where += f", record {self.record + 1}"
        if self.record_id:
            where += f" (id {self.record_id})"
        return f"{where}, field {self.field}: {self.message}"


class ImportFailed(InvalidInput):
    """A write refused, with every problem found; nothing of it was kept."""

    def __init__(self, problems: Sequence[Problem], *, stopped: bool = False) -> None:
        self.problems = list(problems)
        errors: dict[str, list[str]] = {}
        for problem in self.problems:
            key = f"{problem.file}[{problem.record}].{problem.field}" if problem.record is not None else problem.file
            errors.setdefault(key, []).append(problem.message)
        count = len(self.problems)
        found = f"{count} problem{'s' if count != 1 else ''} found"
        if stopped:
            found += " (checking stopped there)"
        super().__init__(f"{found}; nothing was imported.", errors)

    def by_field(self) -> dict[str, list[str]]:
        """What is wrong with each field (of a single record, as a write sends)."""
        errors: dict[str, list[str]] = {}
        for problem in self.problems:
            errors.setdefault(problem.field, []).append(problem.message)
        return errors


#: Extension fields that must be JSON lists.
JSON_LISTS = frozenset({"insurance_accepted", "payment_options"})


def parse_uuid(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def plain_default(column: Any) -> Any:
    """The column's default when it is a plain value (not one worked out when the row is written), else None."""
    default = column.default
    return default.arg if default is not None and not callable(default.arg) else None


#: What a converter answers: the converted value, or None and what is wrong with the value.
Converted = tuple[Any, str | None]


def convert(column: Any, value: Any) -> Converted:
    """Convert a JSON value to the column's Python type, or explain what is wrong with it."""
    if value is None or value == "":
        if not column.nullable and column.default is None:
            return None, "is required"
        return plain_default(column), None
    for column_type, converter in _CONVERTERS:
        if isinstance(column.type, column_type):
            return converter(column, value)
    return value, None


def _uuid(column: Any, value: Any) -> Converted:
    parsed = parse_uuid(value)
    return (parsed, None) if parsed else (None, f"must be a UUID, not {value!r}")


def _boolean(column: Any, value: Any) -> Converted:
    return (value, None) if isinstance(value, bool) else (None, "must be true or false")


def _integer(column: Any, value: Any) -> Converted:
    if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
        return None, f"must be a whole number, not {value!r}"
    return int(value), None


def _float(column: Any, value: Any) -> Converted:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, f"must be a number, not {value!r}"
    return float(value), None


def _datetime(column: Any, value: Any) -> Converted:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None, f"must be a date-time such as 2026-11-23T09:30:00+00:00, not {value!r}"
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)), None


def _date(column: Any, value: Any) -> Converted:
    try:
        return date.fromisoformat(str(value)[:10]), None
    except ValueError:
        return None, f"must be a date as YYYY-MM-DD, not {value!r}"


def _enum(column: Any, value: Any) -> Converted:
    kind = column.type
    allowed = list(kind.enums)
    if value not in allowed:
        return None, f"must be one of {', '.join(allowed)}"
    return (kind.enum_class(value) if kind.enum_class else value), None


def _json(column: Any, value: Any) -> Converted:
    if column.key in JSON_LISTS and not isinstance(value, list):
        return None, "must be a list"
    return value, None


_CLOCK_SECONDS = re.compile(r"^(\d{2}:\d{2}):00(?:\.0+)?(?=$|[Z+-])")


def _text(column: Any, value: Any) -> Converted:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None, "must be text"
    text = str(value).strip()
    if column.key in ("opens_at", "closes_at"):
        text = _CLOCK_SECONDS.sub(r"\1", text)  # 09:00:00 is 09:00, as the directory writes it
    length = column.type.length
    if length and len(text) > length:
        return None, f"is too long ({len(text)} characters; at most {length})"
    return text, None


#: By column type, the first that matches: an Enum is also a String, so it comes before.
_CONVERTERS: tuple[tuple[type[Any], Callable[[Any, Any], Converted]], ...] = (
    (Uuid, _uuid),
    (Boolean, _boolean),
    (Integer, _integer),
    (Float, _float),
    (DateTime, _datetime),
    (Date, _date),
    (Enum, _enum),
    (JSON, _json),
    (String, _text),
)
