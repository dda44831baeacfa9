"""Export the whole directory as Open Referral HSDS 3.1: a tabular datapackage (CSV) or the JSON import layout.

CSV: a folder with `datapackage.json` and one CSV per HSDS table, each with the HSDS field order, that passes
`frictionless validate`. The directory's own service fields (eligibility criteria, insurance, payment options,
capacity) are not HSDS columns; they go to one extra resource, `service_extensions.csv`, described in the same
datapackage, so the HSDS resources stay exactly HSDS.

JSON: a folder with `taxonomies.json`, `taxonomy_terms.json`, `organizations.json` and `services.json` as the
read API serves them: the layout `importing.import_directory_folder` reads, so an export imports back as it was.

The CSV package's description (its resources and their fields) is `datapackage`.

A target ending in `.zip` gets the same files in a zip. Rows stream from the database in batches, so memory stays
bounded however large the directory is.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import math
import os
import re
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal, Protocol, cast, get_args

import click
from flask.cli import with_appcontext
from sqlalchemy import Column, ColumnElement, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.sql.base import ExecutableOption

from directory.db import Base
from directory.db import Session as ScopedSession
from directory.errors import InvalidInput
from directory.hsds.datapackage import EXTENSIONS_TABLE, HSDS_TABLES, Table, datapackage_descriptor
from directory.listings import models as m
from directory.listings.catalogue import DIRECTORY_FILES
from directory.listings.schemas import OrganizationSchema, ServiceSchema, TaxonomySchema, TaxonomyTermSchema

Format = Literal["csv", "json"]
FORMATS: tuple[str, ...] = get_args(Format)

#: Objects loaded (with everything nested) per query in a JSON export; rows fetched per round trip in a CSV one.
BATCH_SIZE = 200
ROW_CHUNK = 1000
#: A progress report every this many records of one table.
PROGRESS_EVERY = 5000

#: Called as (table, records written so far) every PROGRESS_EVERY records.
Progress = Callable[[str, int], None]


class ExportFailed(InvalidInput):
    """The target cannot be written (it is a file, or its folder is missing)."""


# -- where files go ----------------------------------------------------------------------------------------


class _Sink(Protocol):
    def open(self, name: str) -> contextlib.AbstractContextManager[IO[str]]: ...


@dataclass
class _FolderSink:
    folder: Path

    def open(self, name: str) -> contextlib.AbstractContextManager[IO[str]]:
        return (self.folder / name).open("w", encoding="utf-8", newline="")


@dataclass
class _ZipSink:
    archive: zipfile.ZipFile

    @contextlib.contextmanager
    def open(self, name: str) -> Iterator[IO[str]]:
        entry = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16  # rw-r--r-- when unpacked
        with (
            self.archive.open(entry, "w", force_zip64=True) as raw,
            io.TextIOWrapper(raw, encoding="utf-8", newline="") as text,
        ):
            yield text


@contextlib.contextmanager
def _sink_for(target: Path) -> Iterator[_Sink]:
    """A folder (created if missing) or, for a `.zip` target, a zip written beside it and moved into place whole."""
    if target.suffix.lower() != ".zip":
        if target.exists() and not target.is_dir():
            raise ExportFailed(f"{target} is a file: export to a folder, or to a path ending in .zip")
        target.mkdir(parents=True, exist_ok=True)
        yield _FolderSink(target)
        return
    if target.is_dir():
        raise ExportFailed(f"{target} is a folder: a zip export needs a file path")
    if not target.parent.is_dir():
        raise ExportFailed(f"{target.parent} does not exist")
    scratch = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        with zipfile.ZipFile(scratch, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            yield _ZipSink(archive)
        os.replace(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)


# -- the export --------------------------------------------------------------------------------------------


def export_directory(
    session: Session,
    target: Path,
    fmt: Format,
    *,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> dict[str, int]:
    """Write the whole directory to `target` (a folder, or a `.zip`) as HSDS 3.1 CSV or JSON.

    Returns the number of records written per table: every database table for CSV (plus `service_extensions`),
    the four top-level files for JSON. Reads only; never commits.
    """
    if fmt not in FORMATS:
        raise ExportFailed(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    with _sink_for(Path(target)) as sink:
        if fmt == "csv":
            return _export_csv(session, sink, progress)
        return _export_json(session, sink, progress, batch_size)


#: Archives up to this size (bytes) are read into memory; bigger ones are handed over as their open file.
KEEP_IN_MEMORY = 16 * 1024 * 1024


def export_archive(session: Session, fmt: Format, today: date) -> tuple[str, IO[bytes]]:
    """The whole directory as one HSDS 3.1 `.zip` to send: its file name and its bytes, readable once.

    Nothing is left on disk: a big archive is handed over as its open file, which stays readable (POSIX) after
    its scratch folder is gone and is closed by whoever reads it."""
    name = f"hsds-3.1-{fmt}-{today.isoformat()}.zip"
    scratch = Path(tempfile.mkdtemp(prefix="directory-export-"))
    try:
        target = scratch / name
        export_directory(session, target, fmt)
        if target.stat().st_size <= KEEP_IN_MEMORY:
            return name, io.BytesIO(target.read_bytes())
        return name, target.open("rb")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _counter(table: str, progress: Progress | None) -> Callable[[int], None]:
    def tick(written: int) -> None:
        if progress is not None and written % PROGRESS_EVERY == 0:
            progress(table, written)

    return tick


# -- CSV ---------------------------------------------------------------------------------------------------


def _export_csv(session: Session, sink: _Sink, progress: Progress | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in HSDS_TABLES:
        columns = [table.model.__table__.c[f.name] for f in table.fields]
        counts[table.count_key] = _write_csv(session, sink, table, columns, progress)
    services = m.Service.__table__.c
    extension_columns = [
        services.id,
        services.id.label("service_id"),
        *(services[f.name] for f in EXTENSIONS_TABLE.fields[2:]),
    ]
    counts[EXTENSIONS_TABLE.count_key] = _write_csv(session, sink, EXTENSIONS_TABLE, extension_columns, progress)
    with sink.open("datapackage.json") as out:
        json.dump(datapackage_descriptor(), out, indent=2, ensure_ascii=False)
        out.write("\n")
    return counts


def _write_csv(
    session: Session,
    sink: _Sink,
    table: Table,
    columns: Sequence[Column[Any] | ColumnElement[Any]],
    progress: Progress | None,
) -> int:
    writers = [_CELL_WRITERS[f.type] for f in table.fields]
    id_column = table.model.__table__.c.id
    query = select(*columns).order_by(id_column).execution_options(yield_per=ROW_CHUNK)
    tick = _counter(table.count_key, progress)
    written = 0
    with sink.open(table.path) as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([f.name for f in table.fields])
        for row in session.execute(query):
            writer.writerow(
                [write(value) if value is not None else "" for write, value in zip(writers, row, strict=True)]
            )
            written += 1
            tick(written)
    return written


def _text(value: Any) -> str:
    if isinstance(value, m.ServiceStatus):
        return value.value
    return str(value)


def _number(value: Any) -> str:
    """A plain decimal number: 18 (not 18.0), 0.00001 (not 1e-05); NaN and infinities as Table Schema spells them."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "INF" if number > 0 else "-INF"
    if number.is_integer():
        return str(int(number))
    text = repr(number)
    return format(Decimal(text), "f") if "e" in text else text


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)  # SQLite hands back naive UTC


def _date(value: Any) -> str:
    if isinstance(value, datetime):  # metadata.last_action_date: HSDS keeps only the day
        return _aware(value).astimezone(UTC).date().isoformat()
    return cast(date, value).isoformat()


def _datetime(value: Any) -> str:
    if isinstance(value, datetime):
        return _aware(value).isoformat()
    return str(value)


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?(.*)$")


def _time(value: Any) -> str:
    """HH:MM:SS with any offset kept ("09:00" becomes "09:00:00"; "09:00-05:00" becomes "09:00:00-05:00")."""
    text = str(value).strip()
    match = _CLOCK.match(text)
    if match is None:
        return text
    hours, minutes, seconds, fraction, zone = match.groups()
    return f"{int(hours):02d}:{minutes}:{seconds or '00'}{fraction or ''}{zone}"


def _boolean(value: Any) -> str:
    return "true" if value else "false"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_CELL_WRITERS: dict[str, Callable[[Any], str]] = {
    "string": _text,
    "number": _number,
    "date": _date,
    "datetime": _datetime,
    "time": _time,
    "boolean": _boolean,
    "object": _json,
    "array": _json,
}


# -- JSON --------------------------------------------------------------------------------------------------


def _contacts(path: Any) -> list[ExecutableOption]:
    return [path.selectinload(m.Contact.phones).selectinload(m.Phone.languages)]


def _location_options(location: Any) -> list[ExecutableOption]:
    return [
        location.selectinload(m.Location.addresses),
        location.selectinload(m.Location.phones).selectinload(m.Phone.languages),
        location.selectinload(m.Location.schedules),
        location.selectinload(m.Location.languages),
        location.selectinload(m.Location.accessibility),
        *_contacts(location.selectinload(m.Location.contacts)),
        location.selectinload(m.Location.attributes),
    ]


def _service_options() -> list[ExecutableOption]:
    sal = selectinload(m.Service.service_at_locations)
    return [
        joinedload(m.Service.organization),
        joinedload(m.Service.program),
        selectinload(m.Service.phones).selectinload(m.Phone.languages),
        selectinload(m.Service.schedules),
        selectinload(m.Service.service_areas),
        selectinload(m.Service.languages),
        selectinload(m.Service.funding),
        selectinload(m.Service.cost_options),
        selectinload(m.Service.required_documents),
        *_contacts(selectinload(m.Service.contacts)),
        selectinload(m.Service.capacities),
        selectinload(m.Service.attributes),
        sal.selectinload(m.ServiceAtLocation.phones).selectinload(m.Phone.languages),
        sal.selectinload(m.ServiceAtLocation.schedules),
        sal.selectinload(m.ServiceAtLocation.service_areas),
        *_contacts(sal.selectinload(m.ServiceAtLocation.contacts)),
        sal.selectinload(m.ServiceAtLocation.attributes),
        *_location_options(sal.joinedload(m.ServiceAtLocation.location)),
    ]


def _organization_options() -> list[ExecutableOption]:
    return [
        selectinload(m.Organization.funding),
        *_contacts(selectinload(m.Organization.contacts)),
        selectinload(m.Organization.phones).selectinload(m.Phone.languages),
        selectinload(m.Organization.programs),
        selectinload(m.Organization.attributes),
        *_location_options(selectinload(m.Organization.locations)),
    ]


def _export_json(session: Session, sink: _Sink, progress: Progress | None, batch_size: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name, kind in DIRECTORY_FILES:
        stem = name.removesuffix(".json")
        counts[stem] = _write_json(sink, name, stem, progress, _json_documents(session, kind, batch_size))
    return counts


def _json_documents(session: Session, kind: str, batch_size: int) -> Iterator[dict[str, Any]]:
    """Every record of a kind that stands at the top of the JSON layout, as the read API serves it; a parent
    (organization, broader term) before its children, as an import writes them in file order."""
    if kind == "taxonomy":
        rows = _in_batches(session, m.Taxonomy, _ids(session, m.Taxonomy), batch_size)
        return map(TaxonomySchema().dump, rows)
    if kind == "taxonomy_term":
        rows = _in_batches(session, m.TaxonomyTerm, _parents_first(session, m.TaxonomyTerm.parent_id), batch_size)
        return map(TaxonomyTermSchema(exclude=("taxonomy_detail",)).dump, rows)
    if kind == "organization":
        ids = _parents_first(session, m.Organization.parent_organization_id)
        rows = _in_batches(session, m.Organization, ids, batch_size, _organization_options())
        return map(OrganizationSchema().dump, rows)
    if kind == "service":
        rows = _in_batches(session, m.Service, _ids(session, m.Service), batch_size, _service_options())
        return map(functools.partial(_service_document, ServiceSchema()), rows)
    raise ValueError(f"{kind} records are not written at the top of the JSON layout")


def _service_document(schema: ServiceSchema, service: m.Service) -> dict[str, Any]:
    document: dict[str, Any] = schema.dump(service)
    # The stored capacity, not today's reading of it (ServiceSchema shows a stale one as unknown): with
    # capacity_updated_at beside it, an import restores exactly what was there, and it still reads as stale.
    document["accepting_new_clients"] = service.accepting_new_clients
    document["wait_weeks"] = None if service.wait_weeks is None else json.loads(_number(service.wait_weeks))
    return document


def _ids(session: Session, model: type[Base]) -> Iterator[uuid.UUID]:
    id_column = model.__table__.c.id
    yield from session.scalars(select(id_column).order_by(id_column).execution_options(yield_per=ROW_CHUNK * 10))


def _parents_first(session: Session, parent_column: Any) -> list[uuid.UUID]:
    """Ids ordered so that a parent comes before its children (an import inserts in file order)."""
    table = parent_column.table
    pairs = session.execute(select(table.c.id, parent_column).order_by(table.c.id)).all()
    known = {row_id for row_id, _ in pairs}
    children: dict[uuid.UUID, list[uuid.UUID]] = {}
    roots = []
    for row_id, parent in pairs:
        if parent is None or parent not in known or parent == row_id:
            roots.append(row_id)
        else:
            children.setdefault(parent, []).append(row_id)
    ordered: list[uuid.UUID] = []
    seen: set[uuid.UUID] = set()
    stack = list(reversed(roots))
    while stack:
        row_id = stack.pop()
        if row_id in seen:
            continue
        seen.add(row_id)
        ordered.append(row_id)
        stack.extend(reversed(children.get(row_id, [])))
    ordered.extend(row_id for row_id, _ in pairs if row_id not in seen)  # a cycle of parents: any order will do
    return ordered


def _in_batches(
    session: Session,
    model: type[Base],
    ids: Iterable[uuid.UUID],
    batch_size: int,
    options: Sequence[ExecutableOption] = (),
) -> Iterator[Any]:
    """The objects with these ids, in this order, loaded `batch_size` at a time with `options`.

    Only one batch is referenced at a time; the session's identity map holds the rest weakly, so they are freed.
    """
    id_column = model.__table__.c.id
    batch: list[uuid.UUID] = []

    def load(chunk: list[uuid.UUID]) -> list[Any]:
        loaded: Iterable[Any] = session.scalars(select(model).where(id_column.in_(chunk)).options(*options))
        found = {obj.id: obj for obj in loaded}
        return [found[i] for i in chunk if i in found]

    for row_id in ids:
        batch.append(row_id)
        if len(batch) >= batch_size:
            yield from load(batch)
            batch = []
    if batch:
        yield from load(batch)


def _write_json(
    sink: _Sink, name: str, table: str, progress: Progress | None, documents: Iterable[dict[str, Any]]
) -> int:
    """A JSON array, one document a line, written as the documents come."""
    tick = _counter(table, progress)
    written = 0
    with sink.open(name) as out:
        out.write("[")
        for document in documents:
            out.write(",\n" if written else "\n")
            out.write(json.dumps(document, ensure_ascii=False, sort_keys=True))
            written += 1
            tick(written)
        out.write("\n]\n" if written else "]\n")
    return written


# -- command line ------------------------------------------------------------------------------------------


@click.command("export")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="csv: an HSDS 3.1 tabular datapackage; json: the nested HSDS 3.1 objects that `import` reads.",
)
@with_appcontext
def export_command(path: Path, fmt: str) -> None:
    """Write the whole directory as HSDS 3.1 to PATH (a folder, or a file ending in .zip)."""

    def report(table: str, written: int) -> None:
        click.echo(f"  {table.replace('_', ' ')}: {written:,} written…", err=True)

    try:
        counts = export_directory(ScopedSession(), path, cast(Format, fmt), progress=report)
    except ExportFailed as failure:
        raise click.ClickException(failure.message) from None
    click.echo(
        f"Exported {path} ({fmt}): "
        + ", ".join(f"{count} {table.replace('_', ' ')}" for table, count in counts.items())
        + "."
    )
