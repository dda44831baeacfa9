"""What an import path holds, and reading it: HSDS 1.x / 2.0 CSV packages, HSDS 3.x CSV packages (or
`tabular.json`), HSDS 3 JSON folders, single HSDS 3 JSON files (one object, a list, or an API page), and SAMHSA
FindTreatment listings, each as a folder, a `.zip` of one, or a file.

Large files stream: JSON arrays are read an object at a time (ijson), CSV a row at a time, and the importer
writes a batch at a time, so memory stays bounded however many services a file holds. `progress` hears how
many bytes of the input have been read, out of how many.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import ijson
from sqlalchemy.orm import Session

from directory.hsds import legacy, samhsa, tabular
from directory.hsds.json_import import DIRECTORY_FILES, ImportFailed, JsonImporter, Problem

#: Called with (bytes read so far, bytes in all).
Progress = Callable[[int, int], None]

#: A single JSON file's kind, from its name (HSDS's examples: service_full.json, organization_list.json, ...).
FILE_KINDS = {
    "services": "service", "service": "service",
    "organizations": "organization", "organization": "organization",
    "locations": "location", "location": "location",
    "service_at_locations": "service_at_location", "service_at_location": "service_at_location",
    "taxonomies": "taxonomy", "taxonomy": "taxonomy",
    "taxonomy_terms": "taxonomy_term", "taxonomy_term": "taxonomy_term",
}  # fmt: skip
#: Files that describe an API or a package rather than hold listings.
NOT_LISTINGS = frozenset({"base.json", "datapackage.json", "datapackage.generated.json", "openapi.json"})


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


@dataclass(frozen=True)
class Imported:
    counts: dict[str, int]
    warnings: list[str]
    kind: str  # what the path held, in words


class _Meter:
    """Counts the bytes read from the input's files, for a progress bar."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def open(self, path: Path) -> IO[str]:
        raw = path.open("rb")
        return io.TextIOWrapper(io.BufferedReader(_Counted(raw, self)), encoding="utf-8-sig", newline="")

    def open_binary(self, path: Path) -> IO[bytes]:
        return io.BufferedReader(_Counted(path.open("rb"), self))

    def read(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


class _Counted(io.RawIOBase):
    def __init__(self, raw: IO[bytes], meter: _Meter) -> None:
        self.raw, self.meter = raw, meter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.meter.read(count or 0)
        return int(count or 0)

    def close(self) -> None:
        self.raw.close()
        super().close()


def import_path(
    session: Session, path: Path, *, skip_invalid: bool = False, progress: Progress | None = None
) -> Imported:
    """Import whatever HSDS `path` holds into the session (the caller commits, or rolls back on ImportFailed)."""
    path = Path(path)
    if not path.exists():
        raise ImportFailed([Problem(str(path), None, None, "(path)", "does not exist")])
    with tempfile.TemporaryDirectory() as scratch:
        source = path.resolve().name  # what legacy ids are made stable within
        if path.is_file() and path.suffix.lower() == ".zip":
            try:
                unpacked = legacy.unpack_zip(path, Path(scratch))
            except zipfile.BadZipFile:
                raise ImportFailed([Problem(str(path), None, None, "(file)", "is not a readable zip file")]) from None
            # A folder inside the zip names the package; files at its root are named by the zip (never by the
            # scratch folder, whose name changes each time), so importing the same zip again updates.
            source = unpacked.name if unpacked.resolve() != Path(scratch).resolve() else path.stem
            path = unpacked
        try:
            return _import(session, path, skip_invalid, progress, source)
        except UnicodeDecodeError as error:
            message = f"is not UTF-8 text (byte {error.start}); save it as UTF-8 and import again"
            raise ImportFailed([Problem(str(path), None, None, "(file)", message)]) from None
        except csv.Error as error:
            raise ImportFailed([Problem(str(path), None, None, "(file)", f"is not readable CSV: {error}")]) from None


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".csv", ".json"))


def _import(session: Session, path: Path, skip_invalid: bool, progress: Progress | None, source: str) -> Imported:
    meter = _Meter(_size(path), progress)
    if samhsa.is_samhsa(path):
        result = samhsa.import_samhsa(session, path, skip_invalid=skip_invalid)
        meter.read(meter.total)
        return Imported(result.counts, result.warnings, "SAMHSA treatment facility listing")
    if path.is_file():
        if path.suffix.lower() != ".json":
            raise ImportFailed(
                [Problem(str(path), None, None, "(file)", "is not an HSDS file: import a folder, a .zip or a .json")]
            )
        importer = _importer(session, skip_invalid)
        if path.name == "tabular.json":
            tabular.import_tabular_folder(importer, path.parent, meter.open)
            return Imported(importer.finish(), importer.warnings, "HSDS 3 tabular JSON")
        _import_json_file(importer, path, meter)
        return Imported(importer.finish(), importer.warnings, "HSDS 3 JSON")
    if legacy.is_legacy(path):
        legacy_result = legacy.import_legacy_folder(session, path, source=source, skip_invalid=skip_invalid)
        meter.read(meter.total)
        return Imported(legacy_result.counts, legacy_result.warnings, "HSDS 1.x/2.0 CSV datapackage")
    importer = _importer(session, skip_invalid)
    if any((path / name).is_file() for name, _ in DIRECTORY_FILES):
        read_json_folder(importer, path, meter)
        return Imported(importer.finish(), importer.warnings, "HSDS 3 JSON")
    if tabular.is_tabular(path):
        tabular.import_tabular_folder(importer, path, meter.open)
        return Imported(importer.finish(), importer.warnings, "HSDS 3 CSV datapackage")
    files = sorted(p for p in path.glob("*.json") if p.name not in NOT_LISTINGS)
    if not files:
        message = "holds no HSDS data (CSV tables, services.json / organizations.json, or HSDS JSON files)"
        raise ImportFailed([Problem(str(path), None, None, "(folder)", message)])
    for file in files:
        _import_json_file(importer, file, meter)
    return Imported(importer.finish(), importer.warnings, "HSDS 3 JSON")


def read_json_folder(importer: JsonImporter, folder: Path, meter: _Meter | None = None) -> None:
    """The JSON folder layout (taxonomies, terms, organizations, services) into the importer, in that order, each
    file streamed. Organizations come from their own file, so those nested in services for reading stay there."""
    meter = meter or _Meter(_size(folder), None)
    for name, kind in DIRECTORY_FILES:
        if (folder / name).is_file():
            _import_json_file(importer, folder / name, meter, kind=kind, bring_along=False)


def _importer(session: Session, skip_invalid: bool) -> JsonImporter:
    """An importer tolerant of what other systems publish: profile fields and links to records a file never
    describes are reported as warnings; everything else that is wrong is a problem."""
    return JsonImporter(session, skip_invalid=skip_invalid, drop_dangling_links=True, ignore_unknown_fields=True)


def _kind_of(path: Path) -> str | None:
    stem = path.stem.lower()
    for suffix in ("_full", "_list", "_page"):
        stem = stem.removesuffix(suffix)
    return FILE_KINDS.get(stem)


def _import_json_file(
    importer: JsonImporter, path: Path, meter: _Meter, *, kind: str | None = None, bring_along: bool = True
) -> None:
    kind = kind or _kind_of(path)
    if kind is None:
        names = ", ".join(sorted({f"{name}.json" for name in FILE_KINDS if name.endswith("s")}))
        importer.problems.append(
            Problem(path.name, None, None, "(file)", f"cannot tell what it holds: name it one of {names}")
        )
        return
    with meter.open_binary(path) as handle:
        first = _first_character(handle)
    if first not in ("[", "{"):
        importer.problems.append(Problem(path.name, None, None, "(file)", "is not JSON (an array or an object)"))
        return
    try:
        if first == "[":  # a stream of objects, read one at a time
            with meter.open_binary(path) as handle:
                stream = ijson.items(handle, "item", use_float=True)
                importer.import_kinds(_unnested(kind, stream, bring_along), path.name)
                importer.run_pending()
            return
        with meter.open(path) as text:
            document = json.load(text)
    except (ijson.JSONError, json.JSONDecodeError, UnicodeDecodeError) as error:
        importer.problems.append(Problem(path.name, None, None, "(file)", f"not valid JSON: {error}"))
        return
    if isinstance(document, Mapping) and isinstance(document.get("contents"), list):  # an HSDS API page
        records: list[Any] = document["contents"]
    else:
        records = [document]
    importer.import_kinds(_unnested(kind, iter(records), bring_along), path.name)
    importer.run_pending()


def _first_character(handle: IO[bytes]) -> str:
    chunk = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return chr(chunk[0]) if chunk else ""


def _unnested(kind: str, records: Iterator[Any], bring_along: bool) -> Iterator[tuple[int, str, Any]]:
    """(index in the file, kind, record) as the importer takes them. A service served with its organization
    (and program) nested, or a service at location with its service, brings those along under the same index:
    they are imported first, so the links hold. (The read API nests them for reading; the importer would
    otherwise pass over them.)"""
    for index, record in enumerate(records):
        if not bring_along:
            yield index, kind, record
            continue
        for along_kind, along in _brought_along(kind, record):
            yield index, along_kind, along


def _brought_along(kind: str, record: Any) -> Iterator[tuple[str, Any]]:
    if not isinstance(record, Mapping):
        yield kind, record
        return
    record = dict(record)
    if kind == "service_at_location" and isinstance(record.get("service"), Mapping):
        service = record.pop("service")
        yield from _brought_along("service", service)
        record.setdefault("service_id", service.get("id"))
    if kind == "service":
        organization = record.get("organization")
        if isinstance(organization, Mapping) and organization.get("id"):
            yield "organization", {k: v for k, v in organization.items() if k != "services"}
            record.setdefault("organization_id", organization["id"])
        program = record.get("program")
        if isinstance(program, Mapping) and program.get("id"):
            yield "program", {"organization_id": record.get("organization_id"), **program}
            record.setdefault("program_id", program["id"])
    yield kind, record
