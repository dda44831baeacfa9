"""Import of HSDS 1.x tabular datapackages (a folder of CSV files, or a .zip of one), mapped onto HSDS 3.1.

Each 1.x row becomes part of a nested HSDS 3.1 object, which the JSON importer then validates and upserts, so
the rules of what a valid listing is live in one place. Legacy ids become stable UUIDs (uuid5 of the source,
the table and the id), so importing the same file again updates what it imported and never duplicates it.
What 1.x spreads over several tables lands where 3.1 keeps it: `regular_schedules` and `holiday_schedules`
become RRULE schedules and exceptions, `physical_addresses`/`postal_addresses` typed addresses, `eligibility`
the eligibility description, `services_taxonomy` attributes with taxonomy terms, `payments_accepted` the fee
description.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from directory.hsds.json_import import ImportFailed, JsonImporter, Problem

NAMESPACE = uuid.UUID("7f3c2a1e-4b5d-4e8f-9a0b-1c2d3e4f5a6b")
WEEKDAYS = {
    "monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR", "saturday": "SA",
    "sunday": "SU", "1": "MO", "2": "TU", "3": "WE", "4": "TH", "5": "FR", "6": "SA", "7": "SU", "0": "SU",
}  # fmt: skip
LANGUAGE_CODES = {
    "english": "en", "spanish": "es", "russian": "ru", "vietnamese": "vi", "chinese": "zh", "mandarin": "zh",
    "cantonese": "zh", "korean": "ko", "arabic": "ar", "ukrainian": "uk", "somali": "so", "romanian": "ro",
    "french": "fr", "polish": "pl", "tagalog": "tl", "hindi": "hi", "portuguese": "pt", "german": "de",
}  # fmt: skip
LEGACY_MARKERS = (
    "physical_addresses.csv", "postal_addresses.csv", "regular_schedules.csv", "services_at_location.csv",
    "service_attributes.csv", "other_attributes.csv",  # HSDS 2.0
)  # fmt: skip


def is_legacy(folder: Path) -> bool:
    return any((folder / name).exists() for name in LEGACY_MARKERS)


@dataclass
class _Rows:
    folder: Path

    def read(self, name: str) -> Iterator[tuple[int, dict[str, str]]]:
        path = self.folder / name
        if not path.exists():
            return
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                values = {k.strip(): (v or "").strip() for k, v in row.items() if k}
                if any(values.values()):  # a blank line is not a record
                    yield line, values


@dataclass
class LegacyImport:
    source: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    organizations: dict[str, dict[str, Any]] = field(default_factory=dict)
    services: dict[str, dict[str, Any]] = field(default_factory=dict)
    locations: dict[str, dict[str, Any]] = field(default_factory=dict)
    sals: dict[str, dict[str, Any]] = field(default_factory=dict)
    taxonomies: dict[str, dict[str, Any]] = field(default_factory=dict)
    terms: dict[str, dict[str, Any]] = field(default_factory=dict)

    def uid(self, table: str, legacy: str, row: dict[str, str] | None = None) -> str:
        """The stable UUID of a legacy id (itself when it already is a UUID); rows without an id hash their content."""
        if not legacy and row is not None:
            legacy = "row:" + hashlib.sha256(json.dumps(row, sort_keys=True).encode()).hexdigest()[:24]
        try:
            return str(uuid.UUID(legacy))
        except ValueError:
            return str(uuid.uuid5(NAMESPACE, f"{self.source}:{table}:{legacy}"))


def _time(value: str) -> str | None:
    match = re.match(r"^(\d{1,2}):(\d{2})", value)
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else None


def _set(target: dict[str, Any], **values: Any) -> None:
    for key, value in values.items():
        if value not in (None, ""):
            target[key] = value


def convert(folder: Path, source: str) -> LegacyImport:
    """Read a 1.x folder into nested 3.1 objects (not yet validated or stored)."""
    rows = _Rows(folder)
    out = LegacyImport(source)

    def org(legacy: str, file: str, line: int) -> dict[str, Any]:
        key = out.uid("organization", legacy)
        if key not in out.organizations:
            out.warnings.append(
                f"{file}, row {line}: organization {legacy} is not in organizations.csv; a placeholder was made"
            )
            out.organizations[key] = {
                "id": key, "name": f"Organization {legacy}", "locations": [],
                "description": "Placeholder: the imported data named this organization but did not describe it.",
            }  # fmt: skip
        return out.organizations[key]

    for _line, r in rows.read("organizations.csv"):
        key = out.uid("organization", r.get("id", ""), r)
        item: dict[str, Any] = {"id": key, "description": r.get("description", ""), "locations": []}
        _set(item, name=r.get("name"), alternate_name=r.get("alternate_name"), email=r.get("email"),
             website=r.get("url") or r.get("website"), tax_status=r.get("tax_status"), tax_id=r.get("tax_id"),
             legal_status=r.get("legal_status"))  # fmt: skip
        if r.get("year_incorporated", "").isdigit():
            item["year_incorporated"] = int(r["year_incorporated"])
        out.organizations[key] = item
    for _line, r in rows.read("programs.csv"):
        owner = org(r.get("organization_id", ""), "programs.csv", _line)
        program: dict[str, Any] = {"id": out.uid("program", r.get("id", ""), r), "description": ""}
        _set(program, name=r.get("name"), alternate_name=r.get("alternate_name"))
        owner.setdefault("programs", []).append(program)
    for line, r in rows.read("locations.csv"):
        key = out.uid("location", r.get("id", ""), r)
        place: dict[str, Any] = {"id": key, "location_type": "physical"}
        _set(place, name=r.get("name"), alternate_name=r.get("alternate_name"), description=r.get("description"),
             transportation=r.get("transportation"))  # fmt: skip
        for coordinate in ("latitude", "longitude"):
            try:
                if r.get(coordinate):
                    place[coordinate] = float(r[coordinate])
            except ValueError:
                out.problems.append(Problem("locations.csv", line - 2, r.get("id"), coordinate, "must be a number"))
        out.locations[key] = place
        if r.get("organization_id"):
            org(r["organization_id"], "locations.csv", line)["locations"].append(place)
    for line, r in rows.read("services.csv"):
        if not r.get("id") and not r.get("name"):
            out.warnings.append(f"services.csv, row {line}: neither an id nor a name; not a service, skipped")
            continue
        key = out.uid("service", r.get("id", ""), r)
        status = (r.get("status") or "active").lower()
        service: dict[str, Any] = {"id": key, "status": status}
        _set(service, name=r.get("name"), alternate_name=r.get("alternate_name"), description=r.get("description"),
             url=r.get("url"), email=r.get("email"), interpretation_services=r.get("interpretation_services"),
             application_process=r.get("application_process"), wait_time=r.get("wait_time"),
             fees_description=r.get("fees"), accreditations=r.get("accreditations"),
             licenses=r.get("licenses"))  # fmt: skip
        if r.get("organization_id"):
            service["organization_id"] = org(r["organization_id"], "services.csv", line)["id"]
        if r.get("program_id"):
            service["program_id"] = out.uid("program", r["program_id"])
        out.services[key] = service
    for line, r in rows.read("services_at_location.csv"):
        key = out.uid("service_at_location", r.get("id", ""), r)
        sal: dict[str, Any] = {"id": key, "location_id": out.uid("location", r.get("location_id", ""))}
        _set(sal, description=r.get("description"))
        service_key = out.uid("service", r.get("service_id", ""))
        if service_key not in out.services:
            out.problems.append(
                Problem("services_at_location.csv", line - 2, r.get("id"), "service_id", "no such service")
            )
            continue
        out.services[service_key].setdefault("service_at_locations", []).append(sal)
        out.sals[key] = sal

    def owner_of(r: dict[str, str], file: str, line: int, *, organization: bool = False) -> dict[str, Any] | None:
        """The 3.1 object a 1.x child row belongs to: a service at a location, a service, a location."""
        for column, registry, table in (
            ("service_at_location_id", out.sals, "service_at_location"),
            ("service_id", out.services, "service"),
            ("location_id", out.locations, "location"),
        ):
            if r.get(column):
                found = registry.get(out.uid(table, r[column]))
                if found is None:
                    out.problems.append(
                        Problem(file, line - 2, r.get("id"), column, f"no {table.replace('_', ' ')} {r[column]}")
                    )
                return found
        if organization and r.get("organization_id"):
            return org(r["organization_id"], file, line)
        out.problems.append(Problem(file, line - 2, r.get("id"), "service_id", "names no service or location"))
        return None

    for line, r in rows.read("phones.csv"):
        if not r.get("number"):
            out.warnings.append(f"phones.csv, row {line}: no number; skipped")
            continue
        target = owner_of(r, "phones.csv", line, organization=True)
        if target is not None:
            phone: dict[str, Any] = {"id": out.uid("phone", r.get("id", ""), r)}
            _set(
                phone, number=r.get("number"), type=r.get("type"), description=r.get("description") or r.get("language")
            )
            if r.get("extension", "").isdigit():
                phone["extension"] = int(r["extension"])
            target.setdefault("phones", []).append(phone)
    for name, kind in (("physical_addresses.csv", "physical"), ("postal_addresses.csv", "postal")):
        for line, r in rows.read(name):
            lacking = [column for column in ("address_1", "city", "state_province", "postal_code") if not r.get(column)]
            if lacking:
                out.warnings.append(f"{name}, row {line}: no {', '.join(lacking)} (HSDS 3.1 requires them); skipped")
                continue
            address: dict[str, Any] = {"id": out.uid(f"{kind}_address", r.get("id", ""), r), "address_type": kind,
                                       "country": (r.get("country") or "US")[:2].upper()}  # fmt: skip
            street = ", ".join(p for p in (r.get("address_2"), r.get("address_3"), r.get("address_4")) if p)
            _set(address, attention=r.get("attention"), address_1=r.get("address_1"), address_2=street,
                 city=r.get("city"), region=r.get("region"), state_province=r.get("state_province"),
                 postal_code=r.get("postal_code"))  # fmt: skip
            location = (
                out.locations.get(out.uid("location", r.get("location_id", ""))) if r.get("location_id") else None
            )
            if location is None and r.get("organization_id"):  # 1.x allowed an organization's mailing address
                owner = org(r["organization_id"], name, line)
                location = {"id": out.uid("mailing_location", r["organization_id"]), "location_type": "postal",
                            "name": f"{owner.get('name', '')} (mailing address)"}  # fmt: skip
                owner["locations"].append(location)
                out.locations[location["id"]] = location
            if location is None:
                out.problems.append(Problem(name, line - 2, r.get("id"), "location_id", "no such location"))
                continue
            location.setdefault("addresses", []).append(address)
    for line, r in rows.read("regular_schedules.csv"):
        target = owner_of(r, "regular_schedules.csv", line)
        day = WEEKDAYS.get(r.get("weekday", "").lower())
        if target is None:
            continue
        if day is None:
            out.problems.append(
                Problem("regular_schedules.csv", line - 2, r.get("id"), "weekday", "is not a day of the week")
            )
            continue
        schedule = {"id": out.uid("regular_schedule", r.get("id", ""), r), "freq": "WEEKLY", "byday": day}
        _set(schedule, opens_at=_time(r.get("opens_at", "")), closes_at=_time(r.get("closes_at", "")))
        target.setdefault("schedules", []).append(schedule)
    for line, r in rows.read("holiday_schedules.csv"):
        target = owner_of(r, "holiday_schedules.csv", line)
        if target is None:
            continue
        exception: dict[str, Any] = {"id": out.uid("holiday_schedule", r.get("id", ""), r)}
        _set(exception, valid_from=r.get("start_date"), valid_to=r.get("end_date"))
        if r.get("closed", "").lower() not in ("true", "1", "yes"):
            _set(exception, opens_at=_time(r.get("opens_at", "")), closes_at=_time(r.get("closes_at", "")))
        exception["description"] = "Closed" if "opens_at" not in exception else "Special hours"
        target.setdefault("schedules", []).append(exception)
    texts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, column, into in (("eligibility.csv", "eligibility", "eligibility_description"),
                               ("payments_accepted.csv", "payment", "payments")):  # fmt: skip
        for line, r in rows.read(name):
            key = out.uid("service", r.get("service_id", ""))
            if key not in out.services:
                out.problems.append(Problem(name, line - 2, r.get("id"), "service_id", "no such service"))
            elif r.get(column):
                texts[key][into].append(r[column])
    for key, collected in texts.items():
        service = out.services[key]
        if collected.get("eligibility_description"):
            service["eligibility_description"] = "; ".join(collected["eligibility_description"])
        if collected.get("payments"):
            accepted = "Payments accepted: " + ", ".join(collected["payments"])
            service["fees_description"] = (
                f"{service['fees_description']}. {accepted}" if service.get("fees_description") else accepted
            )
    for _line, r in rows.read("taxonomy.csv"):
        vocabulary = r.get("vocabulary") or "Imported taxonomy"
        taxonomy_id = out.uid("taxonomy", vocabulary)
        out.taxonomies.setdefault(
            taxonomy_id, {"id": taxonomy_id, "name": vocabulary, "description": f"{vocabulary} (imported)"}
        )
        term: dict[str, Any] = {
            "id": out.uid("taxonomy_term", r.get("id", ""), r), "code": r.get("id") or None,
            "description": r.get("name", ""), "taxonomy_id": taxonomy_id, "taxonomy": vocabulary,
        }  # fmt: skip
        _set(term, name=r.get("name"))
        if r.get("parent_id"):
            term["parent_id"] = out.uid("taxonomy_term", r["parent_id"])
            term["parent_name"] = r.get("parent_name") or ""
        out.terms[term["id"]] = term
    for _line, r in rows.read("taxonomy_terms.csv"):  # HSDS 2.0: `term` and a vocabulary named in `taxonomy`
        vocabulary = r.get("taxonomy") or "Imported taxonomy"
        taxonomy_id = out.uid("taxonomy", vocabulary)
        out.taxonomies.setdefault(
            taxonomy_id, {"id": taxonomy_id, "name": vocabulary, "description": f"{vocabulary} (imported)"}
        )
        name = r.get("term") or r.get("name") or ""
        term = {
            "id": out.uid("taxonomy_term", r.get("id", ""), r), "code": r.get("code") or r.get("id") or None,
            "description": r.get("description") or name, "taxonomy_id": taxonomy_id, "taxonomy": vocabulary,
        }  # fmt: skip
        _set(term, name=name, language=r.get("language"))
        if r.get("parent_id"):
            term["parent_id"] = out.uid("taxonomy_term", r["parent_id"])
        out.terms[term["id"]] = term
    for term in list(out.terms.values()):  # 1.x often names a parent only by name
        parent = term.get("parent_id")
        if parent and parent not in out.terms:
            name = term.pop("parent_name", "") or "Parent term"
            out.terms[parent] = {"id": parent, "name": name, "description": f"{name} (named as a parent)",
                                 "taxonomy_id": term["taxonomy_id"], "taxonomy": term["taxonomy"]}  # fmt: skip
    for term in out.terms.values():
        term.pop("parent_name", None)
    for line, r in rows.read("services_taxonomy.csv"):
        key = out.uid("service", r.get("service_id", ""))
        if key not in out.services:
            out.problems.append(
                Problem("services_taxonomy.csv", line - 2, r.get("id"), "service_id", "no such service")
            )
            continue
        attribute = {"id": out.uid("service_taxonomy", r.get("id", ""), r), "link_type": "service_taxonomy",
                     "taxonomy_term_id": out.uid("taxonomy_term", r.get("taxonomy_id", ""))}  # fmt: skip
        out.services[key].setdefault("attributes", []).append(attribute)
    for name, link_column in (("service_attributes.csv", "service_id"), ("other_attributes.csv", "link_id")):
        for line, r in rows.read(name):  # HSDS 2.0: taxonomy terms attached to services and to anything else
            legacy_id = r.get(link_column, "")
            owner_kind, target = next(
                (
                    (kind, registry[out.uid(table, legacy_id)])
                    for kind, table, registry in (
                        ("service", "service", out.services),
                        ("organization", "organization", out.organizations),
                        ("location", "location", out.locations),
                        ("service_at_location", "service_at_location", out.sals),
                    )
                    if out.uid(table, legacy_id) in registry
                ),
                (None, None),
            )
            if target is None:
                out.problems.append(
                    Problem(name, line - 2, r.get("id"), link_column, f"names nothing in the package ({legacy_id})")
                )
                continue
            tag: dict[str, Any] = {
                "id": out.uid(name.removesuffix(".csv"), r.get("id", ""), r), "link_type": owner_kind,
                "taxonomy_term_id": out.uid("taxonomy_term", r.get("taxonomy_term_id", "")),
            }  # fmt: skip
            target.setdefault("attributes", []).append(tag)
    for line, r in rows.read("languages.csv"):
        target = owner_of(r, "languages.csv", line)
        if target is not None and r.get("language"):
            language = {"id": out.uid("language", r.get("id", ""), r), "name": r["language"]}
            _set(language, code=LANGUAGE_CODES.get(r["language"].lower()))
            target.setdefault("languages", []).append(language)
    for line, r in rows.read("accessibility_for_disabilities.csv"):
        site = out.locations.get(out.uid("location", r.get("location_id", "")))
        if site is None:
            out.problems.append(
                Problem("accessibility_for_disabilities.csv", line - 2, r.get("id"), "location_id", "no such location")
            )
            continue
        entry: dict[str, Any] = {"id": out.uid("accessibility", r.get("id", ""), r)}
        _set(entry, description=(r.get("accessibility") or "").replace("_", " "), details=r.get("details"))
        site.setdefault("accessibility", []).append(entry)
    for name, kind, column, extra in (
        ("service_areas.csv", "service_areas", "service_area", "description"),
        ("required_documents.csv", "required_documents", "document", None),
        ("funding.csv", "funding", "source", None),
        ("contacts.csv", "contacts", "name", None),
    ):
        for line, r in rows.read(name):
            target = out.services.get(out.uid("service", r.get("service_id", ""))) if r.get("service_id") else None
            if target is None and r.get("organization_id"):
                target = org(r["organization_id"], name, line)
            if target is None:
                out.problems.append(Problem(name, line - 2, r.get("id"), "service_id", "no such service"))
                continue
            entry = {"id": out.uid(kind, r.get("id", ""), r)}
            if kind == "service_areas":
                _set(entry, name=r.get(column), description=r.get(extra or ""))
            elif kind == "required_documents":
                _set(entry, document=r.get(column))
            elif kind == "funding":
                _set(entry, source=r.get(column))
            else:
                _set(
                    entry,
                    name=r.get("name"),
                    title=r.get("title"),
                    department=r.get("department"),
                    email=r.get("email"),
                )
            target.setdefault(kind, []).append(entry)
    for service in out.services.values():
        service.setdefault("insurance_accepted", [])
        service.setdefault("payment_options", [])
    return out


@dataclass(frozen=True)
class LegacyResult:
    counts: dict[str, int]
    warnings: list[str]


def import_legacy_folder(
    session: Session, folder: Path, *, source: str | None = None, skip_invalid: bool = False
) -> LegacyResult:
    """Convert and import a 1.x folder in the session (the caller commits). Raises ImportFailed on problems,
    unless `skip_invalid`, which keeps the valid records and reports the others as warnings."""
    converted = convert(folder, source or folder.resolve().name)
    if converted.problems and not skip_invalid:
        raise ImportFailed(converted.problems)
    importer = JsonImporter(session, skip_invalid=skip_invalid)
    importer.import_records("taxonomy", list(converted.taxonomies.values()), "taxonomy.csv")
    importer.import_records("taxonomy_term", list(converted.terms.values()), "taxonomy.csv")  # parents: set last
    importer.import_records("organization", list(converted.organizations.values()), "organizations.csv")
    importer.import_records("service", list(converted.services.values()), "services.csv")
    counts = importer.finish()
    converted.warnings.extend(importer.warnings)
    warnings = converted.warnings + [str(p) for p in converted.problems]
    return LegacyResult(counts, warnings)


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


__all__ = ["LegacyResult", "convert", "import_legacy_folder", "io", "is_legacy", "unpack_zip"]
