"""Import orchestration: what a path holds, the reader for it, and the one transaction an import is.

A path may hold an HSDS 1.x / 2.0 CSV package (`legacy`), an HSDS 3.x CSV package or `tabular.json`
(`tabular`), an HSDS 3 JSON folder or single JSON files (`nested_json`), or SAMHSA FindTreatment listings
(`samhsa_listings`), each as a folder, a `.zip` of one, or a file. Every reader hands its records to the core's
record writer, which checks and upserts them a batch at a time. `progress` hears how many bytes of the input have
been read, out of how many.
"""

from __future__ import annotations

import csv
import tempfile
import zipfile
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from directory.db import refresh_statistics, writing
from directory.hsds import legacy, nested_json, samhsa_listings, tabular
from directory.hsds.reading import ImportResult, Meter, Progress, size_of
from directory.listings.catalogue import DIRECTORY_FILES
from directory.listings.models import Service
from directory.listings.recording import record_as
from directory.listings.records import RecordWriter
from directory.listings.validation import ImportFailed, Problem

#: Words that stay as they are when counted (and the already plural name of the extension rows).
_UNCOUNTED = frozenset({"accessibility", "metadata", "funding", "service_extensions"})


def plural(kind: str) -> str:
    """The plural of a kind of HSDS record, as its table would name it: addresses, service capacities."""
    if kind in _UNCOUNTED:
        return kind
    if kind == "service_at_location":
        return "services_at_locations"
    if kind.endswith("s"):
        return kind + "es"  # address -> addresses
    if kind.endswith("y") and kind[-2:-1] not in "aeiou":
        return kind[:-1] + "ies"  # capacity -> capacities, taxonomy -> taxonomies
    return kind + "s"


# -- what a path holds ---------------------------------------------------------------------------------------


def import_path(
    session: Session, path: Path, *, skip_invalid: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Import whatever HSDS `path` holds into the session (the caller commits, or rolls back on ImportFailed)."""
    path = Path(path)
    if not path.exists():
        raise ImportFailed([Problem(str(path), None, None, "(path)", "does not exist")])
    with tempfile.TemporaryDirectory() as scratch:
        source = path.resolve().name  # what legacy ids are made stable within
        if path.is_file() and path.suffix.lower() == ".zip":
            try:
                unpacked = unpack_zip(path, Path(scratch))
            except zipfile.BadZipFile:
                raise ImportFailed([Problem(str(path), None, None, "(file)", "is not a readable zip file")]) from None
            # A folder inside the zip names the package; files at its root are named by the zip (never by the
            # scratch folder, whose name changes each time), so importing the same zip again updates.
            source = unpacked.name if unpacked.resolve() != Path(scratch).resolve() else path.stem
            path = unpacked
        try:
            return _import(session, path, skip_invalid, Meter(size_of(path), progress), source)
        except UnicodeDecodeError as error:
            message = f"is not UTF-8 text (byte {error.start}); save it as UTF-8 and import again"
            raise ImportFailed([Problem(str(path), None, None, "(file)", message)]) from None
        except csv.Error as error:
            raise ImportFailed([Problem(str(path), None, None, "(file)", f"is not readable CSV: {error}")]) from None


def unpack_zip(path: Path, into: Path) -> Path:
    """Extract a zipped datapackage safely (no paths outside `into`); returns the folder holding the CSVs."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            target = (into / member.filename).resolve()
            if not str(target).startswith(str(into.resolve())):
                raise ImportFailed([Problem(str(path), None, None, member.filename, "points outside the archive")])
        archive.extractall(into)
    found = [p.parent for p in into.rglob("*.csv")] + [p.parent for p in into.rglob("*.json")]
    return min(found, key=lambda p: len(p.parts)) if found else into


def _import(session: Session, path: Path, skip_invalid: bool, meter: Meter, source: str) -> ImportResult:
    if samhsa_listings.is_samhsa(path):
        result = samhsa_listings.import_samhsa(session, path, skip_invalid=skip_invalid)
        meter.read(meter.total)
        return result
    if path.is_file():
        return _import_json_file(_writer(session, skip_invalid), path, meter)
    if legacy.is_legacy(path):
        result = legacy.import_legacy_folder(session, path, source=source, skip_invalid=skip_invalid)
        meter.read(meter.total)
        return result
    writer = _writer(session, skip_invalid)
    if nested_json.is_json_folder(path):
        nested_json.read_json_folder(writer, path, meter)
        return ImportResult(writer.finish(), writer.warnings, "HSDS 3 JSON")
    if tabular.is_tabular(path):
        tabular.import_tabular_folder(writer, path, meter.open)
        return ImportResult(writer.finish(), writer.warnings, "HSDS 3 CSV datapackage")
    files = nested_json.listing_files(path)
    if not files:
        message = "holds no HSDS data (CSV tables, services.json / organizations.json, or HSDS JSON files)"
        raise ImportFailed([Problem(str(path), None, None, "(folder)", message)])
    for file in files:
        nested_json.read_json_file(writer, file, meter)
    return ImportResult(writer.finish(), writer.warnings, "HSDS 3 JSON")


def _import_json_file(writer: RecordWriter, path: Path, meter: Meter) -> ImportResult:
    if path.suffix.lower() != ".json":
        message = "is not an HSDS file: import a folder, a .zip or a .json"
        raise ImportFailed([Problem(str(path), None, None, "(file)", message)])
    if path.name == "tabular.json":
        tabular.import_tabular_folder(writer, path.parent, meter.open)
        return ImportResult(writer.finish(), writer.warnings, "HSDS 3 tabular JSON")
    nested_json.read_json_file(writer, path, meter)
    return ImportResult(writer.finish(), writer.warnings, "HSDS 3 JSON")


def _writer(session: Session, skip_invalid: bool) -> RecordWriter:
    """A writer tolerant of what other systems publish: profile fields and links to records a file never
    describes are reported as warnings; everything else that is wrong is a problem."""
    return RecordWriter(session, skip_invalid=skip_invalid, drop_dangling_links=True, ignore_unknown_fields=True)


def import_directory_folder(session: Session, folder: Path) -> dict[str, int]:
    """Load an HSDS 3.1 JSON folder (taxonomies, terms, organizations, services) into the session, streamed.

    Does not commit; raises ImportFailed (and adds nothing usable) when any record is wrong.
    """
    if not any((folder / name).exists() for name, _ in DIRECTORY_FILES):
        expected = ", ".join(name for name, _ in DIRECTORY_FILES)
        raise ImportFailed([Problem(str(folder), None, None, "(folder)", f"holds none of {expected}")])
    writer = RecordWriter(session)  # strict: every field must be HSDS's, every link must hold
    nested_json.read_json_folder(writer, folder)
    return writer.finish()


# -- the transaction ---------------------------------------------------------------------------------------------


#: An import that writes this share of the directory's size in records has the database's planner statistics
#: gathered again at once (autovacuum's own rule: `autovacuum_analyze_scale_factor` is 0.1).
ANALYZE_AFTER_SHARE = 0.1


def import_directory(
    session: Session,
    path: Path,
    *,
    who: str,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import an HSDS datapackage (1.x, 2.0 or 3.x CSV; folder or .zip), an HSDS 3 JSON folder or file, or a
    SAMHSA facility listing, in one unit of work, recorded in each listing's history as `who`'s.

    With problems, nothing is imported (unless `skip_invalid` keeps the good records). The search index follows
    the commit by itself. `progress` hears (bytes read, bytes in all).
    """
    try:
        with writing(session):
            record_as(session, who)
            imported = import_path(session, path, skip_invalid=skip_invalid, progress=progress)
            session.flush()
            services = session.scalar(select(func.count()).select_from(Service)) or 0
            if sum(imported.counts.values()) >= ANALYZE_AFTER_SHARE * services:
                refresh_statistics(session)  # in the transaction: PostgreSQL's ANALYZE counts its own new rows
    except IntegrityError as error:
        message = f"conflicts with data already in the directory ({error.orig})"
        raise ImportFailed([Problem(str(path), None, None, "(database)", message)]) from None
    return imported


def seed_directory(session: Session, folder: Path) -> dict[str, int]:
    """Load the seeded county (HSDS 3.1 JSON) in one unit of work; loading it twice changes nothing."""
    with writing(session):
        record_as(session, f"seed: {folder.name}")
        return import_directory_folder(session, folder)
