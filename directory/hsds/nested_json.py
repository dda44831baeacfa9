"""Reading HSDS 3 nested JSON: the folder layout (taxonomies, terms, organizations, services), or single files of
one object, a list, or an API page, each named for the kind of record it holds.

A JSON array is read an object at a time (ijson), and the record writer writes a batch at a time, so memory stays
bounded however many services a file holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import ijson

from directory.hsds.reading import Meter, size_of
from directory.listings.catalogue import DIRECTORY_FILES
from directory.listings.records import RecordWriter
from directory.listings.validation import Problem

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


def is_json_folder(folder: Path) -> bool:
    """A folder in the JSON layout: it holds one of its files."""
    return any((folder / name).is_file() for name, _ in DIRECTORY_FILES)


def read_json_folder(writer: RecordWriter, folder: Path, meter: Meter | None = None) -> None:
    """The JSON folder layout (taxonomies, terms, organizations, services) into the writer, in that order, each
    file streamed. Organizations come from their own file, so those nested in services for reading stay there."""
    meter = meter or Meter(size_of(folder), None)
    for name, kind in DIRECTORY_FILES:
        if (folder / name).is_file():
            read_json_file(writer, folder / name, meter, kind=kind, bring_along=False)


def listing_files(folder: Path) -> list[Path]:
    """The JSON files of a folder that may hold listings, by name."""
    return sorted(p for p in folder.glob("*.json") if p.name not in NOT_LISTINGS)


def _kind_of(path: Path) -> str | None:
    stem = path.stem.lower()
    for suffix in ("_full", "_list", "_page"):
        stem = stem.removesuffix(suffix)
    return FILE_KINDS.get(stem)


def read_json_file(
    writer: RecordWriter, path: Path, meter: Meter, *, kind: str | None = None, bring_along: bool = True
) -> None:
    """One JSON file into the writer: an array streamed, or one object (an API page's `contents` are its records)."""
    kind = kind or _kind_of(path)
    if kind is None:
        names = ", ".join(sorted({f"{name}.json" for name in FILE_KINDS if name.endswith("s")}))
        writer.problems.append(
            Problem(path.name, None, None, "(file)", f"cannot tell what it holds: name it one of {names}")
        )
        return
    with meter.open_binary(path) as handle:
        first = _first_character(handle)
    if first not in ("[", "{"):
        writer.problems.append(Problem(path.name, None, None, "(file)", "is not JSON (an array or an object)"))
        return
    try:
        if first == "[":  # a stream of objects, read one at a time
            with meter.open_binary(path) as handle:
                stream = ijson.items(handle, "item", use_float=True)
                writer.import_kinds(_unnested(kind, stream, bring_along), path.name)
                writer.run_pending()
            return
        with meter.open(path) as text:
            document = json.load(text)
    except (ijson.JSONError, json.JSONDecodeError, UnicodeDecodeError) as error:
        writer.problems.append(Problem(path.name, None, None, "(file)", f"not valid JSON: {error}"))
        return
    if isinstance(document, Mapping) and isinstance(document.get("contents"), list):  # an HSDS API page
        records: list[Any] = document["contents"]
    else:
        records = [document]
    writer.import_kinds(_unnested(kind, iter(records), bring_along), path.name)
    writer.run_pending()


def _first_character(handle: IO[bytes]) -> str:
    chunk = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return chr(chunk[0]) if chunk else ""


def _unnested(kind: str, records: Iterator[Any], bring_along: bool) -> Iterator[tuple[int, str, Any]]:
    """(index in the file, kind, record) as the writer takes them. A service served with its organization
    (and program) nested, or a service at location with its service, brings those along under the same index:
    they are imported first, so the links hold. (The read API nests them for reading; the writer would
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
