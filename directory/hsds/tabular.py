"""Import of HSDS 3.x tabular data: a datapackage of one CSV per table (what `export` writes, and what other
HSDS 3 systems publish), or the same tables as one JSON object keyed by file name (HSDS's `tabular.json`).

Each row is a flat record of its table, validated and upserted by the same writer as nested JSON, so a
listing is judged by one set of rules. Tables are read in an order where everything a row points at comes
first. What the directory does not keep (organization identifiers, table descriptions) and columns HSDS 3.1
does not define are reported as warnings. An attribute whose `link_entity` is not a table the directory
knows is linked to whichever service, organization, location or service at location its `link_id` names.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Boolean, Float, Integer, select
from sqlalchemy.sql.sqltypes import JSON

from directory.listings.catalogue import MODELS, TABLES
from directory.listings.records import RecordWriter
from directory.listings.validation import Problem

#: The directory's own service fields, as `export` writes them (one row per service, `id` is the service's).
EXTENSIONS = ("service_extensions", "service_extensions.csv")
#: HSDS tables the directory has no place for.
NOT_KEPT = {
    "organization_identifiers.csv": "organization identifiers",
    "meta_table_descriptions.csv": "table descriptions",
    "url.csv": "additional URLs",
}
#: Where an attribute's `link_id` may point when its `link_entity` does not say.
LINKABLE = ("service", "organization", "location", "service_at_location")

Opener = Callable[[Path], IO[str]]

#: (kind, its file names) in load order: the HSDS tables, then the directory's own service fields.
_LOAD_ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    *((table.kind, table.files) for table in TABLES),
    (EXTENSIONS[0], (EXTENSIONS[1],)),
)


def is_tabular(folder: Path) -> bool:
    """A folder holding HSDS 3.x tables (or `tabular.json`)."""
    names = {name for table in TABLES for name in table.files} | {EXTENSIONS[1]}
    return (folder / "tabular.json").is_file() or any((folder / name).is_file() for name in names)


@dataclass
class _Table:
    kind: str
    file: str
    rows: Iterable[Mapping[str, Any]]


def _resources(folder: Path) -> dict[str, str]:
    """Resource name -> file from a datapackage.json, when the package has one."""
    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        return {}
    try:
        resources = json.loads(descriptor.read_text(encoding="utf-8")).get("resources", [])
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
        return {}
    return {
        str(r["name"]): str(r["path"])
        for r in resources
        if isinstance(r, Mapping) and isinstance(r.get("name"), str) and isinstance(r.get("path"), str)
    }


def _csv_rows(handle: IO[str]) -> Iterator[dict[str, str]]:
    for row in csv.DictReader(handle):
        yield {(key or "").strip().lstrip("\ufeff"): (value or "") for key, value in row.items() if key}


def import_tabular_folder(writer: RecordWriter, folder: Path, opener: Opener) -> None:
    """Read every table of the package into the writer, in load order (the caller finishes and commits)."""
    if (folder / "tabular.json").is_file() and not any(folder.glob("*.csv")):
        with opener(folder / "tabular.json") as handle:
            tables = json.load(handle)
        if not isinstance(tables, Mapping):
            writer.problems.append(Problem("tabular.json", None, None, "(top level)", "must be an object of tables"))
            return
        _import_tables(writer, _tables_of_json(writer, tables))
        return
    _import_tables(writer, _tables_of_folder(writer, folder, opener))


def _tables_of_folder(writer: RecordWriter, folder: Path, opener: Opener) -> Iterator[_Table]:
    described = _resources(folder)
    used: set[str] = {"datapackage.json"}
    for kind, files in _LOAD_ORDER:
        candidates = [described[kind]] if kind in described else []
        candidates += [name for name in files if name not in candidates]
        present = [name for name in candidates if (folder / name).is_file()]
        if not present:
            continue
        name = present[0]
        used.update(present)
        for other in present[1:]:
            writer.warnings.append(f"{other}: {kind.replace('_', ' ')} rows were read from {name}; {other} ignored")
        with opener(folder / name) as handle:
            yield _Table(kind, name, _csv_rows(handle))
    for path in sorted(folder.glob("*.csv")):
        if path.name in used:
            continue
        what = NOT_KEPT.get(path.name)
        reason = f"the directory does not keep {what}" if what else "not an HSDS 3 table"
        writer.warnings.append(f"{path.name}: {reason}; not imported")


def _tables_of_json(writer: RecordWriter, tables: Mapping[str, Any]) -> Iterator[_Table]:
    used: set[str] = set()
    for kind, files in _LOAD_ORDER:
        name = next((name for name in files if name in tables), None)
        if name is None:
            continue
        used.update(n for n in files if n in tables)
        rows = tables[name]
        if not isinstance(rows, list):
            writer.problems.append(Problem("tabular.json", None, None, name, "must be a list of rows"))
            continue
        yield _Table(kind, f"tabular.json: {name}", rows)
    for name in sorted(set(tables) - used):
        what = NOT_KEPT.get(name)
        reason = f"the directory does not keep {what}" if what else "not an HSDS 3 table"
        writer.warnings.append(f"tabular.json: {name}: {reason}; not imported")


def _import_tables(writer: RecordWriter, tables: Iterable[_Table]) -> None:
    for table in tables:
        kind = "service" if table.kind == EXTENSIONS[0] else table.kind
        columns = {c.key: c for c in MODELS[kind].__table__.columns}
        unknown: set[str] = set()

        writer.import_records(
            kind,
            _records(writer, table, kind, columns, unknown),
            table.file,
            numbered=True,
            count_as=table.kind if table.kind == EXTENSIONS[0] else None,
            touch=table.kind != EXTENSIONS[0],
        )
        writer.run_pending()  # the next table may point at these rows
        for name in sorted(unknown):
            writer.warnings.append(f"{table.file}: column {name} is not an HSDS 3.1 field of {kind}; not imported")


def _records(
    writer: RecordWriter, table: _Table, kind: str, columns: dict[str, Any], unknown: set[str]
) -> Iterator[tuple[int, Any]]:
    """(index in the table, record) for each row that holds anything; columns HSDS does not define are noted."""
    for index, row in enumerate(table.rows):
        if not isinstance(row, Mapping):
            yield index, row  # the writer says it must be an object
            continue
        if not any(value not in (None, "") for value in row.values()):
            continue  # a blank line is not a record
        record: dict[str, Any] = {}
        for name, value in row.items():
            if table.kind == EXTENSIONS[0] and name == "service_id":
                continue  # the same as `id`
            if name not in columns:
                unknown.add(name)
                continue
            record[name] = _cell(columns[name], value)
        if kind == "attribute" and not _link_attribute(writer, record, table.file, index):
            continue
        yield index, record


def _cell(column: Any, value: Any) -> Any:
    """A CSV cell as the JSON value the writer expects (numbers, booleans, JSON); bad text is left for it to
    refuse with a message naming the field."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text == "":
        return None
    kind = column.type
    try:
        if isinstance(kind, Boolean):
            lowered = text.lower()
            if lowered in ("true", "1", "yes", "y", "t"):
                return True
            if lowered in ("false", "0", "no", "n", "f"):
                return False
            return text
        if isinstance(kind, Integer):
            number = float(text)
            return int(number) if number.is_integer() else number
        if isinstance(kind, Float):
            return float(text)
        if isinstance(kind, JSON):
            return json.loads(text)
    except ValueError:  # json.JSONDecodeError is a ValueError
        return text
    return text


def _link_attribute(writer: RecordWriter, record: dict[str, Any], file: str, index: int) -> bool:
    """Name the table an attribute's `link_id` is in when `link_entity` does not (or names no table the directory
    keeps). False, with the problem reported, when it names nothing at all."""
    entity, link_id = record.get("link_entity"), record.get("link_id")
    if entity in LINKABLE or not isinstance(link_id, str):
        return True
    try:
        target = uuid.UUID(link_id)
    except ValueError:
        return True  # the writer says it must be a UUID
    for name in LINKABLE:
        id_column = MODELS[name].__table__.c.id
        if writer.session.scalar(select(id_column).where(id_column == target)) is not None:
            record["link_entity"] = name
            return True
    tables = ", ".join(name.replace("_", " ") for name in LINKABLE)
    problem = Problem(file, index, str(record.get("id") or "") or None, "link_id", f"names no {tables} ({link_id})")
    writer.report(problem)
    return False
