"""A bench-only bulk loader: a generated HSDS 3.1 directory into an empty database, fast and deterministic.

The project's record writer (directory/listings/records.py) validates and upserts through the ORM's unit of work,
about 120 services a second; loading 100,000 services that way takes a quarter of an hour. This loader maps the
same nested JSON records to the same rows by reusing the writer's own tables (the catalogue's `MODELS`,
`CHILDREN`, `READ_ONLY_KEYS`, and validation's `convert`), then writes them with SQLAlchemy Core `insert(table)`
executemany, parents before children, a chunk of top-level records at a time, all inside one transaction.
`bench/check_bulk_load.py` shows that the rows equal what `importing.import_directory` writes.

How nested records become rows, as `RecordWriter._upsert` / `_child` do it:

- a relationship child (a service's phones) gets its key to the parent from the relationship's
  `local_remote_pairs`; an attribute gets `link_id` / `link_entity`; a `link_column` child (a capacity's unit) is a
  single nested object the parent points at; an organization's locations get the owner column `organization_id`;
- a column the record leaves out takes the column's default exactly as the ORM would insert it: a scalar default,
  a callable default called (`new_id`, `utcnow`, `list`), else NULL. A null given for a column with a callable
  default takes the default too, except for JSON columns, where the ORM writes JSON `null`;
- links of a table to itself (a broader taxonomy term, a parent organization) are written NULL and set once every
  row is in, when the row they point at exists (the importer's deferred self-links);
- a record met again (a unit shared by many capacities) updates the columns it names, as an upsert would.

Besides the rows, the importer's flushes write the listing change log (`listing_changes`) that every search index
follows; this writes one change per loaded service. Rebuild the index afterwards (`following.rebuild`).

It refuses what it does not reproduce rather than loading something different: a database that already holds
services, a record that fails the importer's conversions, and a collection (a service's phones) given twice
with different members.

Usage::

    .venv/bin/python bench/bulk_load.py FOLDER --database sqlite:///path.sqlite3   # migrates, loads, indexes
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Column, Table, bindparam, func, insert, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Connection, Engine

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from directory.db import Base  # noqa: E402
from directory.listings import catalogue  # noqa: E402
from directory.listings import models as m  # noqa: E402
from directory.listings.validation import convert, parse_uuid  # noqa: E402

#: Top-level records written per round of inserts (bounds memory; parents of later rounds are already in).
CHUNK_RECORDS = 2000
#: Rows per executemany call.
INSERT_BATCH = 5000
_JSON_SUFFIX = "__json"
_MISSING = object()


@dataclass
class LoadStats:
    rows: dict[str, int] = field(default_factory=dict)
    records: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def services(self) -> int:
        return self.records.get("service", 0)


class BulkLoadError(ValueError):
    """The data has something this loader does not reproduce exactly, or fails the importer's conversions."""


def read_folder(folder: Path) -> dict[str, list[Any]]:
    """The generator's output as written by `seed_data.generate.write_directory`: {file stem: records}."""
    data: dict[str, list[Any]] = {}
    for name, _kind in catalogue.DIRECTORY_FILES:
        path = folder / name
        if path.is_file():
            with path.open(encoding="utf-8") as handle:
                data[path.stem] = json.load(handle)
    return data


def _callable_or_plain_default(column: Column[Any]) -> Any:
    default = column.default
    if default is None:
        return None
    if getattr(default, "is_callable", False):
        return default.arg(None)  # type: ignore[attr-defined]  # SQLAlchemy wraps callables to take a context
    if getattr(default, "is_scalar", False):
        return default.arg  # type: ignore[attr-defined]
    raise BulkLoadError(f"{column.table.name}.{column.key}: a default this loader cannot compute ({default!r})")


def _is_json(column: Column[Any]) -> bool:
    return isinstance(column.type, JSON)


@functools.cache
def _self_link(column: Column[Any]) -> bool:
    return any(fk.column.table.name == column.table.name for fk in column.foreign_keys)


class _Chunk:
    """Rows of one round: by table, by id, holding only the columns the records named (or parents filled in)."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[uuid.UUID, dict[str, Any]]] = {}
        self.collections: dict[tuple[str, uuid.UUID, str], frozenset[uuid.UUID]] = {}


class BulkLoader:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.stats = LoadStats()
        self._inserted: dict[str, set[int]] = {}  # table -> uuid ints written in earlier rounds
        self._updates: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}  # rows of earlier rounds named again
        self._deferred: list[tuple[str, uuid.UUID, str, uuid.UUID]] = []  # (table, id, column, target id)
        self._services: list[uuid.UUID] = []
        self._tables = {table.name: table for table in Base.metadata.sorted_tables}
        self._order = [table.name for table in Base.metadata.sorted_tables]
        self._statements: dict[str, Any] = {}

    # -- records -> rows --------------------------------------------------------------------------------

    def load(self, data: Mapping[str, Sequence[Any]], *, chunk_records: int = CHUNK_RECORDS) -> LoadStats:
        started = time.perf_counter()
        existing = self.connection.scalar(select(func.count()).select_from(m.Service.__table__))
        if existing:
            raise BulkLoadError(f"the database already holds {existing} services; bulk loading needs an empty one")
        for name, kind in catalogue.DIRECTORY_FILES:
            records = data.get(Path(name).stem) or []
            for start in range(0, len(records), chunk_records):
                chunk = _Chunk()
                for record in records[start : start + chunk_records]:
                    self._upsert(chunk, kind, record, None)
                    self.stats.records[kind] = self.stats.records.get(kind, 0) + 1
                self._write(chunk)
        self._apply_updates()
        self._apply_deferred()
        self._write_changes()
        self.stats.seconds = time.perf_counter() - started
        return self.stats

    def _row(self, chunk: _Chunk, table: str, record_id: uuid.UUID) -> tuple[dict[str, Any], bool]:
        """The row being built for (table, id) and whether it was written in an earlier round."""
        if record_id.int in self._inserted.get(table, ()):
            return self._updates.setdefault((table, record_id), {}), True
        rows = chunk.rows.setdefault(table, {})
        row = rows.get(record_id)
        if row is None:
            row = rows[record_id] = {"id": record_id}
        return row, False

    def _upsert(self, chunk: _Chunk, kind: str, data: Any, parent_table: str | None) -> uuid.UUID:
        if not isinstance(data, Mapping):
            raise BulkLoadError(f"a {kind} must be an object, not {type(data).__name__}")
        model = catalogue.MODELS[kind]
        table: Table = model.__table__  # type: ignore[assignment]
        record_id = parse_uuid(data.get("id"))
        if record_id is None:
            raise BulkLoadError(f"a {kind} without a UUID id: {str(data)[:120]}")
        row, earlier = self._row(chunk, table.name, record_id)
        columns = _columns(table)
        children = _children(kind)
        ignored = catalogue.READ_ONLY_KEYS.get(kind, catalogue.COMMON_READ_ONLY)
        for name, value in data.items():
            if name == "id" or name in ignored:
                continue
            if name in children:
                self._child(chunk, kind, table, record_id, row, children[name], value, earlier)
            elif name in columns:
                self._column(kind, table, record_id, row, columns[name], value)
            else:  # the importer's `ignore_unknown_fields`: passed over, with a warning
                warning = f"{kind}.{name}: not an HSDS 3.1 field; not loaded"
                if warning not in self.stats.warnings:
                    self.stats.warnings.append(warning)
        return record_id

    def _column(
        self, kind: str, table: Table, record_id: uuid.UUID, row: dict[str, Any], column: Any, value: Any
    ) -> None:
        converted, error = convert(column, value)
        if error:
            raise BulkLoadError(f"{kind} {record_id}, field {column.key}: {error}")
        if not _self_link(column):
            row[column.key] = converted
        elif converted is not None:  # written NULL, set once every row is in
            self._deferred.append((table.name, record_id, column.key, converted))

    def _child(
        self,
        chunk: _Chunk,
        kind: str,
        table: Table,
        parent_id: uuid.UUID,
        parent_row: dict[str, Any],
        child: catalogue.Child,
        value: Any,
        parent_earlier: bool,
    ) -> None:
        if child.link_column:  # a single nested object the parent points at
            if value is not None:
                parent_row[child.link_column] = self._upsert(chunk, child.kind, value, None)
            return
        if value is None:
            value = []
        if not isinstance(value, list):
            raise BulkLoadError(f"{kind} {parent_id}, field {child.key}: must be a list of {child.kind} objects")
        child_table: Table = catalogue.MODELS[child.kind].__table__  # type: ignore[assignment]
        ids = [self._upsert(chunk, child.kind, item, table.name) for item in value]
        members = (table.name, parent_id, child.key)
        if child.relationship:
            self._owned(chunk, kind, child.relationship, members, ids, parent_row, parent_earlier, child_table)
        elif child.attribute_entity:
            self._attributes(chunk, child.attribute_entity, members, ids, parent_earlier, child_table)
        else:  # linked, not owned (an organization's locations): the owner column, as the importer names it
            owner_column = f"{table.name.rstrip('s')}_id"
            for child_id in ids:
                child_row, _ = self._row(chunk, child_table.name, child_id)
                child_row[owner_column] = parent_id

    def _owned(
        self,
        chunk: _Chunk,
        kind: str,
        relationship: str,
        members: tuple[str, uuid.UUID, str],
        ids: list[uuid.UUID],
        parent_row: dict[str, Any],
        parent_earlier: bool,
        child_table: Table,
    ) -> None:
        parent_id = members[1]
        pairs = _pairs(kind, relationship)
        remote_column = pairs[0][1]

        def where() -> list[Any]:
            return [remote_column == parent_id]

        self._same_members(chunk, members, ids, parent_earlier, child_table, where)
        for child_id in ids:
            child_row, _ = self._row(chunk, child_table.name, child_id)
            for local, remote in pairs:
                child_row[remote.key] = parent_row.get(local.key, parent_id)

    def _attributes(
        self,
        chunk: _Chunk,
        entity: str,
        members: tuple[str, uuid.UUID, str],
        ids: list[uuid.UUID],
        parent_earlier: bool,
        child_table: Table,
    ) -> None:
        parent_id = members[1]
        attributes = m.Attribute.__table__.c

        def where() -> list[Any]:
            return [attributes.link_id == parent_id, attributes.link_entity == entity]

        self._same_members(chunk, members, ids, parent_earlier, child_table, where)
        for child_id in ids:
            child_row, _ = self._row(chunk, child_table.name, child_id)
            child_row["link_id"] = parent_id
            child_row["link_entity"] = entity

    def _same_members(
        self,
        chunk: _Chunk,
        key: tuple[str, uuid.UUID, str],
        ids: list[uuid.UUID],
        parent_earlier: bool,
        child_table: Table,
        where: Callable[[], list[Any]],
    ) -> None:
        """A collection given again must hold the same members: replacing one would delete rows (delete-orphan),
        which this loader does not do."""
        members = frozenset(ids)
        if parent_earlier:
            before = frozenset(self.connection.scalars(select(child_table.c.id).where(*where())))
        else:
            before = chunk.collections.get(key, members)
        if before != members:
            raise BulkLoadError(f"{key[0]} {key[1]}: {key[2]} given twice with different members")
        chunk.collections[key] = members

    # -- rows -> database ----------------------------------------------------------------------------------

    def _statement(self, table: Table) -> Any:
        """INSERT of every column; JSON columns bound so that None is SQL NULL and `JSON.NULL` is JSON null."""
        statement = self._statements.get(table.name)
        if statement is None:
            json_binds = {
                column.key: bindparam(column.key + _JSON_SUFFIX, type_=JSON(none_as_null=True))
                for column in table.columns
                if _is_json(column)
            }
            statement = insert(table).values(json_binds) if json_binds else insert(table)
            self._statements[table.name] = statement
        return statement

    def _complete(self, table: Table, row: dict[str, Any]) -> dict[str, Any]:
        """Every column of the row, as the ORM would INSERT it (see the module docstring)."""
        full: dict[str, Any] = {}
        for key, column, is_json, has_default in _column_specs(table):
            value = row.get(key, _MISSING)
            if is_json:
                if value is None:
                    value = JSON.NULL  # the ORM writes an explicit None of a JSON column as JSON null
                elif value is _MISSING:
                    value = _callable_or_plain_default(column)
                full[key + _JSON_SUFFIX] = value
            elif value is None or value is _MISSING:
                full[key] = _callable_or_plain_default(column) if has_default else None
            else:
                full[key] = value
        return full

    def _write(self, chunk: _Chunk) -> None:
        for name in self._order:
            rows = chunk.rows.get(name)
            if not rows:
                continue
            table = self._tables[name]
            statement = self._statement(table)
            values = [self._complete(table, row) for row in rows.values()]
            for start in range(0, len(values), INSERT_BATCH):
                self.connection.execute(statement, values[start : start + INSERT_BATCH])
            self._inserted.setdefault(name, set()).update(row_id.int for row_id in rows)
            if table is m.Service.__table__:
                self._services.extend(sorted(rows, key=str))  # as the importer's flushes log them
            self.stats.rows[name] = self.stats.rows.get(name, 0) + len(values)

    def _apply_updates(self) -> None:
        """Rows named again in a later round: the columns that differ from what is stored, as an upsert would."""
        for (name, row_id), named in self._updates.items():
            if not named:
                continue
            table = self._tables[name]
            stored = self.connection.execute(select(table).where(table.c.id == row_id)).mappings().one()
            changed = {key: value for key, value in named.items() if not _same(stored[key], value)}
            if changed:
                self.connection.execute(update(table).where(table.c.id == row_id).values(changed))

    def _apply_deferred(self) -> None:
        """Links of a table to itself, where the row linked to exists (else left out with a warning, as imports do)."""
        by_column: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for name, row_id, column, target in self._deferred:
            if target.int in self._inserted.get(name, ()) and target != row_id:
                by_column.setdefault((name, column), []).append({"row_id": row_id, "target": target})
            else:
                self.stats.warnings.append(f"{name} {row_id}, field {column}: no row with id {target}; left out")
        for (name, column), params in by_column.items():
            table = self._tables[name]
            statement = update(table).where(table.c.id == bindparam("row_id")).values({column: bindparam("target")})
            for start in range(0, len(params), INSERT_BATCH):
                self.connection.execute(statement, params[start : start + INSERT_BATCH])

    def _write_changes(self) -> None:
        """The listing change log the indexes follow: one change for each service loaded."""
        table: Table = m.ListingChange.__table__  # type: ignore[assignment]
        columns = [column for column in table.columns if not column.primary_key]
        rows: Iterator[dict[str, Any]] = (
            {
                "service_id": service_id,
                **{c.key: _callable_or_plain_default(c) for c in columns if c.key != "service_id"},
            }
            for service_id in self._services
        )
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= INSERT_BATCH:
                self.connection.execute(insert(table), batch)
                batch = []
        if batch:
            self.connection.execute(insert(table), batch)
        self.stats.rows[table.name] = len(self._services)


@functools.cache
def _pairs(kind: str, relationship: str) -> tuple[tuple[Column[Any], Column[Any]], ...]:
    """(parent column, child column) of a relationship: how the ORM fills in a child's key to its parent."""
    return tuple(sa_inspect(catalogue.MODELS[kind]).relationships[relationship].local_remote_pairs)


@functools.cache
def _column_specs(table: Table) -> tuple[tuple[str, Column[Any], bool, bool], ...]:
    """(key, column, is JSON, has a default) of each column, in the table's order."""
    return tuple((c.key, c, _is_json(c), c.default is not None) for c in table.columns)


@functools.cache
def _columns(table: Table) -> dict[str, Column[Any]]:
    return {column.key: column for column in table.columns}


@functools.cache
def _children(kind: str) -> dict[str, catalogue.Child]:
    return {child.key: child for child in catalogue.CHILDREN.get(kind, ())}


def _same(stored: Any, value: Any) -> bool:
    if isinstance(stored, datetime) and isinstance(value, datetime):
        return stored.replace(tzinfo=None) == value.replace(tzinfo=None)
    return bool(stored == value)


def bulk_load(engine: Engine, data: Mapping[str, Sequence[Any]], *, chunk_records: int = CHUNK_RECORDS) -> LoadStats:
    """Load the generator's output (`generate()` or `read_folder`) into an empty, migrated database: one
    transaction, committed at the end (nothing of a failed load stays)."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MiB of page cache for this load
        return BulkLoader(connection).load(data, chunk_records=chunk_records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bulk-load a generated HSDS 3.1 JSON folder into an empty database.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--database", required=True, help="SQLAlchemy URL, e.g. sqlite:///bench/.work/x.sqlite3")
    parser.add_argument("--index-dir", type=Path, default=None, help="also rebuild the Whoosh index here")
    parser.add_argument("--json", action="store_true", help="end with the figures as one line of JSON")
    args = parser.parse_args(argv)

    from directory import create_app, migrations
    from directory.db import Session
    from directory.search import following

    config: dict[str, Any] = {"DATABASE_URL": args.database, "INDEX_BACKEND": "memory"}
    if args.index_dir:
        config.update(INDEX_BACKEND="whoosh", INDEX_DIR=str(args.index_dir))
    app = create_app(config)
    with app.app_context():
        engine = app.extensions["directory.engine"]
        migrations.upgrade(engine)
        started = time.perf_counter()
        data = read_folder(args.folder)
        read_s = time.perf_counter() - started
        stats = bulk_load(engine, data)
        del data
        print(
            f"read {read_s:.1f} s, loaded {stats.services} services in {stats.seconds:.1f} s "
            f"({stats.services / stats.seconds:.0f} services/s, {sum(stats.rows.values())} rows)",
            file=sys.stderr if args.json else sys.stdout,
        )
        for warning in stats.warnings[:20]:
            print(f"warning: {warning}", file=sys.stderr)
        if args.index_dir:
            started = time.perf_counter()
            indexed = following.rebuild(Session(), app.extensions["directory.index"])
            print(f"indexed {indexed} services in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if args.json:
        figures = {
            "services": stats.services,
            "seconds": round(stats.seconds, 2),
            "services_per_s": round(stats.services / stats.seconds, 1),
            "rows": sum(stats.rows.values()),
            "read_s": round(read_s, 2),
            "warnings": len(stats.warnings),
        }
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
