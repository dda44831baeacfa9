"""Check that bench/bulk_load.py writes exactly the rows the project's importer writes.

For each size, generates the seeded directory once (seed 2026), loads it into one fresh SQLite database with
`importing.import_directory` (the real import, through the ORM) and into another with `bulk_load`, then compares
every table: row count and a full dump of its rows as SQLite stores them, ordered by primary key.

One table is compared differently, on purpose: `listing_changes`, the change log the indexes follow. Its ids and
times come from the load itself, and the importer writes a row per service for every flush that touches it (a
batch of services, a location shared with services of an earlier batch, the broader terms set at the end), so its
multiplicity depends on batching. What the app relies on is that every service loaded has a change (and the index
is rebuilt after a load), so that table is compared as the set of its service ids.

Usage::

    .venv/bin/python bench/check_bulk_load.py [--sizes 300,2000] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bulk_load import bulk_load, read_folder  # noqa: E402

#: Columns written from the clock or a counter at load time, not from the data.
LOAD_COLUMNS = {"listing_changes": {"id", "changed_at"}}
AS_SET = {"listing_changes": "service_id"}


def _import(folder: Path, database: Path) -> float:
    from directory import create_app, migrations
    from directory.db import Session
    from directory.hsds import importing

    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "INDEX_BACKEND": "memory"})
    with app.app_context():
        migrations.upgrade(app.extensions["directory.engine"])
        started = time.perf_counter()
        importing.import_directory(Session(), folder, who="bench")
        seconds = time.perf_counter() - started
        Session.remove()
    app.extensions["directory.engine"].dispose()
    return seconds


def _bulk(folder: Path, database: Path) -> float:
    from directory import create_app, migrations

    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "INDEX_BACKEND": "memory"})
    with app.app_context():
        engine = app.extensions["directory.engine"]
        migrations.upgrade(engine)
        started = time.perf_counter()
        bulk_load(engine, read_folder(folder))
        seconds = time.perf_counter() - started
    app.extensions["directory.engine"].dispose()
    return seconds


def _dump(database: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    connection = sqlite3.connect(database)
    try:
        tables = [row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")]
        dump = {}
        for table in sorted(tables):
            cursor = connection.execute(f'select * from "{table}"')  # noqa: S608 - names from sqlite_master
            columns = [d[0] for d in cursor.description]
            dump[table] = (columns, sorted(cursor.fetchall(), key=repr))
        return dump
    finally:
        connection.close()


def compare(imported: Path, bulk: Path) -> list[str]:
    """Differences between two databases, in words (empty when they hold the same rows)."""
    left, right = _dump(imported), _dump(bulk)
    problems = []
    if set(left) != set(right):
        problems.append(f"tables differ: {sorted(set(left) ^ set(right))}")
    for table in sorted(set(left) & set(right)):
        (columns, rows_a), (columns_b, rows_b) = left[table], right[table]
        if columns != columns_b:
            problems.append(f"{table}: columns differ")
            continue
        if table in AS_SET:
            at = columns.index(AS_SET[table])
            a, b = {row[at] for row in rows_a}, {row[at] for row in rows_b}
            if a != b:
                problems.append(f"{table}: {len(a ^ b)} {AS_SET[table]} values in one load only")
            continue
        if len(rows_a) != len(rows_b):
            problems.append(f"{table}: {len(rows_a)} rows imported, {len(rows_b)} bulk loaded")
        keep = [i for i, column in enumerate(columns) if column not in LOAD_COLUMNS.get(table, ())]
        a_rows = sorted((tuple(row[i] for i in keep) for row in rows_a), key=repr)
        b_rows = sorted((tuple(row[i] for i in keep) for row in rows_b), key=repr)
        if a_rows != b_rows:
            only_a = set(a_rows) - set(b_rows)
            only_b = set(b_rows) - set(a_rows)
            sample_a = next(iter(only_a), None)
            sample_b = next(iter(only_b), None)
            problems.append(
                f"{table}: {len(only_a)} rows only imported, {len(only_b)} only bulk loaded; "
                f"e.g. {dict(zip([columns[i] for i in keep], sample_a or (), strict=False))} vs "
                f"{dict(zip([columns[i] for i in keep], sample_b or (), strict=False))}"
            )
    return problems


def row_counts(database: Path) -> dict[str, int]:
    return {table: len(rows) for table, (_, rows) in _dump(database).items()}


def check(services: int, workdir: Path, seed: int = 2026) -> bool:
    from seed_data.generate import generate, write_directory

    folder = workdir / f"check-{services}-{seed}"
    write_directory(generate(services, seed), folder)
    imported, bulk = workdir / f"imported-{services}.sqlite3", workdir / f"bulk-{services}.sqlite3"
    for database in (imported, bulk):
        database.unlink(missing_ok=True)
    import_s = _import(folder, imported)
    bulk_s = _bulk(folder, bulk)
    problems = compare(imported, bulk)
    counts = row_counts(bulk)
    listed = ", ".join(f"{table} {count}" for table, count in counts.items() if count)
    print(f"{services} services: import {import_s:.1f} s, bulk load {bulk_s:.2f} s; rows: {listed}")
    for problem in problems:
        print(f"  DIFFERENT {problem}")
    if not problems:
        total = sum(count for table, count in counts.items() if table not in AS_SET)
        print(f"  identical: {len(counts)} tables, {total} rows (listing_changes as a set of service ids)")
    return not problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare bench/bulk_load.py with the importer, table by table.")
    parser.add_argument("--sizes", default="300,2000")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        results = [check(int(size), workdir) for size in args.sizes.split(",")]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
