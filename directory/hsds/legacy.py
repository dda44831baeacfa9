"""Import of HSDS 1.x tabular datapackages (a folder of CSV files, or a .zip of one), mapped onto HSDS 3.1.

Each 1.x row becomes part of a nested HSDS 3.1 object, which the record writer then validates and upserts, so
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
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from directory.hsds.reading import ImportResult
from directory.listings.records import RecordWriter
from directory.listings.validation import ImportFailed, Problem

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


Row = dict[str, str]


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

    def uid(self, table: str, legacy: str, row: Row | None = None) -> str:
        """The stable UUID of a legacy id (itself when it already is a UUID); rows without an id hash their content."""
        if not legacy and row is not None:
            legacy = "row:" + hashlib.sha256(json.dumps(row, sort_keys=True).encode()).hexdigest()[:24]
        try:
            return str(uuid.UUID(legacy))
        except ValueError:
            return str(uuid.uuid5(NAMESPACE, f"{self.source}:{table}:{legacy}"))

    def problem(self, file: str, line: int, r: Row, column: str, message: str) -> None:
        """A problem with the row on this line of the file (records count from the first row after the header)."""
        self.problems.append(Problem(file, line - 2, r.get("id"), column, message))

    def organization(self, legacy: str, file: str, line: int) -> dict[str, Any]:
        """The organization with this legacy id; a placeholder, with a warning, when organizations.csv lacks it."""
        key = self.uid("organization", legacy)
        if key not in self.organizations:
            self.warnings.append(
                f"{file}, row {line}: organization {legacy} is not in organizations.csv; a placeholder was made"
            )
            self.organizations[key] = {
                "id": key, "name": f"Organization {legacy}", "locations": [],
                "description": "Placeholder: the imported data named this organization but did not describe it.",
            }  # fmt: skip
        return self.organizations[key]

    def owner_of(self, r: Row, file: str, line: int, *, organization: bool = False) -> dict[str, Any] | None:
        """The 3.1 object a 1.x child row belongs to: a service at a location, a service, a location."""
        for column, registry, table in (
            ("service_at_location_id", self.sals, "service_at_location"),
            ("service_id", self.services, "service"),
            ("location_id", self.locations, "location"),
        ):
            if r.get(column):
                found = registry.get(self.uid(table, r[column]))
                if found is None:
                    self.problem(file, line, r, column, f"no {table.replace('_', ' ')} {r[column]}")
                return found
        if organization and r.get("organization_id"):
            return self.organization(r["organization_id"], file, line)
        self.problem(file, line, r, "service_id", "names no service or location")
        return None

    def service_of(self, r: Row, file: str, line: int) -> dict[str, Any] | None:
        """The service a row names in `service_id`; a problem when there is none."""
        found = self.services.get(self.uid("service", r.get("service_id", "")))
        if found is None:
            self.problem(file, line, r, "service_id", "no such service")
        return found


def _time(value: str) -> str | None:
    match = re.match(r"^(\d{1,2}):(\d{2})", value)
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else None


def _set(target: dict[str, Any], **values: Any) -> None:
    for key, value in values.items():
        if value not in (None, ""):
            target[key] = value


# -- organizations, places and services ------------------------------------------------------------------------


def _organizations(rows: _Rows, out: LegacyImport) -> None:
    for _line, r in rows.read("organizations.csv"):
        key = out.uid("organization", r.get("id", ""), r)
        item: dict[str, Any] = {"id": key, "description": r.get("description", ""), "locations": []}
        _set(item, name=r.get("name"), alternate_name=r.get("alternate_name"), email=r.get("email"),
             website=r.get("url") or r.get("website"), tax_status=r.get("tax_status"), tax_id=r.get("tax_id"),
             legal_status=r.get("legal_status"))  # fmt: skip
        if r.get("year_incorporated", "").isdigit():
            item["year_incorporated"] = int(r["year_incorporated"])
        out.organizations[key] = item


def _programs(rows: _Rows, out: LegacyImport) -> None:
    for line, r in rows.read("programs.csv"):
        owner = out.organization(r.get("organization_id", ""), "programs.csv", line)
        program: dict[str, Any] = {"id": out.uid("program", r.get("id", ""), r), "description": ""}
        _set(program, name=r.get("name"), alternate_name=r.get("alternate_name"))
        owner.setdefault("programs", []).append(program)


def _locations(rows: _Rows, out: LegacyImport) -> None:
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
                out.problem("locations.csv", line, r, coordinate, "must be a number")
        out.locations[key] = place
        if r.get("organization_id"):
            out.organization(r["organization_id"], "locations.csv", line)["locations"].append(place)


def _services(rows: _Rows, out: LegacyImport) -> None:
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
            service["organization_id"] = out.organization(r["organization_id"], "services.csv", line)["id"]
        if r.get("program_id"):
            service["program_id"] = out.uid("program", r["program_id"])
        out.services[key] = service


def _services_at_location(rows: _Rows, out: LegacyImport) -> None:
    for line, r in rows.read("services_at_location.csv"):
        key = out.uid("service_at_location", r.get("id", ""), r)
        sal: dict[str, Any] = {"id": key, "location_id": out.uid("location", r.get("location_id", ""))}
        _set(sal, description=r.get("description"))
        service = out.service_of(r, "services_at_location.csv", line)
        if service is None:
            continue
        service.setdefault("service_at_locations", []).append(sal)
        out.sals[key] = sal


# -- what describes them -----------------------------------------------------------------------------------------


def _phones(rows: _Rows, out: LegacyImport) -> None:
    for line, r in rows.read("phones.csv"):
        if not r.get("number"):
            out.warnings.append(f"phones.csv, row {line}: no number; skipped")
            continue
        target = out.owner_of(r, "phones.csv", line, organization=True)
        if target is None:
            continue
        phone: dict[str, Any] = {"id": out.uid("phone", r.get("id", ""), r)}
        _set(phone, number=r.get("number"), type=r.get("type"), description=r.get("description") or r.get("language"))
        if r.get("extension", "").isdigit():
            phone["extension"] = int(r["extension"])
        target.setdefault("phones", []).append(phone)


def _addresses(rows: _Rows, out: LegacyImport) -> None:
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
            location = _address_location(out, r, name, line)
            if location is None:
                out.problem(name, line, r, "location_id", "no such location")
                continue
            location.setdefault("addresses", []).append(address)


def _address_location(out: LegacyImport, r: Row, name: str, line: int) -> dict[str, Any] | None:
    """The location an address belongs to: its `location_id`'s, or its organization's mailing location."""
    location = out.locations.get(out.uid("location", r.get("location_id", ""))) if r.get("location_id") else None
    if location is None and r.get("organization_id"):  # 1.x allowed an organization's mailing address
        owner = out.organization(r["organization_id"], name, line)
        location = {"id": out.uid("mailing_location", r["organization_id"]), "location_type": "postal",
                    "name": f"{owner.get('name', '')} (mailing address)"}  # fmt: skip
        owner["locations"].append(location)
        out.locations[location["id"]] = location
    return location


def _regular_schedules(rows: _Rows, out: LegacyImport) -> None:
    for line, r in rows.read("regular_schedules.csv"):
        target = out.owner_of(r, "regular_schedules.csv", line)
        day = WEEKDAYS.get(r.get("weekday", "").lower())
        if target is None:
            continue
        if day is None:
            out.problem("regular_schedules.csv", line, r, "weekday", "is not a day of the week")
            continue
        schedule = {"id": out.uid("regular_schedule", r.get("id", ""), r), "freq": "WEEKLY", "byday": day}
        _set(schedule, opens_at=_time(r.get("opens_at", "")), closes_at=_time(r.get("closes_at", "")))
        target.setdefault("schedules", []).append(schedule)


def _holiday_schedules(rows: _Rows, out: LegacyImport) -> None:
    for line, r in rows.read("holiday_schedules.csv"):
        target = out.owner_of(r, "holiday_schedules.csv", line)
        if target is None:
            continue
        exception: dict[str, Any] = {"id": out.uid("holiday_schedule", r.get("id", ""), r)}
        _set(exception, valid_from=r.get("start_date"), valid_to=r.get("end_date"))
        if r.get("closed", "").lower() not in ("true", "1", "yes"):
            _set(exception, opens_at=_time(r.get("opens_at", "")), closes_at=_time(r.get("closes_at", "")))
        exception["description"] = "Closed" if "opens_at" not in exception else "Special hours"
        target.setdefault("schedules", []).append(exception)


def _eligibility_and_payments(rows: _Rows, out: LegacyImport) -> None:
    """1.x keeps eligibility and accepted payments in tables of their own; 3.1 in the service's descriptions."""
    texts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, column, into in (("eligibility.csv", "eligibility", "eligibility_description"),
                               ("payments_accepted.csv", "payment", "payments")):  # fmt: skip
        for line, r in rows.read(name):
            key = out.uid("service", r.get("service_id", ""))
            if key not in out.services:
                out.problem(name, line, r, "service_id", "no such service")
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


# -- taxonomy ------------------------------------------------------------------------------------------------------


def _vocabulary(out: LegacyImport, vocabulary: str) -> str:
    """The id of the taxonomy a vocabulary names, made when first met."""
    taxonomy_id = out.uid("taxonomy", vocabulary)
    out.taxonomies.setdefault(
        taxonomy_id, {"id": taxonomy_id, "name": vocabulary, "description": f"{vocabulary} (imported)"}
    )
    return taxonomy_id


def _taxonomy(rows: _Rows, out: LegacyImport) -> None:
    for _line, r in rows.read("taxonomy.csv"):
        vocabulary = r.get("vocabulary") or "Imported taxonomy"
        term: dict[str, Any] = {
            "id": out.uid("taxonomy_term", r.get("id", ""), r), "code": r.get("id") or None,
            "description": r.get("name", ""), "taxonomy_id": _vocabulary(out, vocabulary), "taxonomy": vocabulary,
        }  # fmt: skip
        _set(term, name=r.get("name"))
        if r.get("parent_id"):
            term["parent_id"] = out.uid("taxonomy_term", r["parent_id"])
            term["parent_name"] = r.get("parent_name") or ""
        out.terms[term["id"]] = term


def _taxonomy_terms(rows: _Rows, out: LegacyImport) -> None:
    for _line, r in rows.read("taxonomy_terms.csv"):  # HSDS 2.0: `term` and a vocabulary named in `taxonomy`
        vocabulary = r.get("taxonomy") or "Imported taxonomy"
        name = r.get("term") or r.get("name") or ""
        term: dict[str, Any] = {
            "id": out.uid("taxonomy_term", r.get("id", ""), r), "code": r.get("code") or r.get("id") or None,
            "description": r.get("description") or name, "taxonomy_id": _vocabulary(out, vocabulary),
            "taxonomy": vocabulary,
        }  # fmt: skip
        _set(term, name=name, language=r.get("language"))
        if r.get("parent_id"):
            term["parent_id"] = out.uid("taxonomy_term", r["parent_id"])
        out.terms[term["id"]] = term


def _parent_terms(rows: _Rows, out: LegacyImport) -> None:
    """1.x often names a parent term only by name: such a parent is made from the name."""
    for term in list(out.terms.values()):
        parent = term.get("parent_id")
        if parent and parent not in out.terms:
            name = term.pop("parent_name", "") or "Parent term"
            out.terms[parent] = {"id": parent, "name": name, "description": f"{name} (named as a parent)",
                                 "taxonomy_id": term["taxonomy_id"], "taxonomy": term["taxonomy"]}  # fmt: skip
    for term in out.terms.values():
        term.pop("parent_name", None)


def _services_taxonomy(rows: _Rows, out: LegacyImport) -> None:
    for line, r in rows.read("services_taxonomy.csv"):
        service = out.service_of(r, "services_taxonomy.csv", line)
        if service is None:
            continue
        attribute = {"id": out.uid("service_taxonomy", r.get("id", ""), r), "link_type": "service_taxonomy",
                     "taxonomy_term_id": out.uid("taxonomy_term", r.get("taxonomy_id", ""))}  # fmt: skip
        service.setdefault("attributes", []).append(attribute)


def _tagged(out: LegacyImport, legacy_id: str) -> tuple[str | None, dict[str, Any] | None]:
    """(kind, object) of whatever a 2.0 attribute row's id names: a service, organization, location or service at
    location."""
    for kind, registry in (
        ("service", out.services),
        ("organization", out.organizations),
        ("location", out.locations),
        ("service_at_location", out.sals),
    ):
        found = registry.get(out.uid(kind, legacy_id))
        if found is not None:
            return kind, found
    return None, None


def _attributes(rows: _Rows, out: LegacyImport) -> None:
    for name, link_column in (("service_attributes.csv", "service_id"), ("other_attributes.csv", "link_id")):
        for line, r in rows.read(name):  # HSDS 2.0: taxonomy terms attached to services and to anything else
            legacy_id = r.get(link_column, "")
            owner_kind, target = _tagged(out, legacy_id)
            if target is None:
                out.problem(name, line, r, link_column, f"names nothing in the package ({legacy_id})")
                continue
            tag: dict[str, Any] = {
                "id": out.uid(name.removesuffix(".csv"), r.get("id", ""), r), "link_type": owner_kind,
                "taxonomy_term_id": out.uid("taxonomy_term", r.get("taxonomy_term_id", "")),
            }  # fmt: skip
            target.setdefault("attributes", []).append(tag)


# -- languages, access and the rest of a service ---------------------------------------------------------------


def _languages(rows: _Rows, out: LegacyImport) -> None:
    for line, r in rows.read("languages.csv"):
        target = out.owner_of(r, "languages.csv", line)
        if target is not None and r.get("language"):
            language = {"id": out.uid("language", r.get("id", ""), r), "name": r["language"]}
            _set(language, code=LANGUAGE_CODES.get(r["language"].lower()))
            target.setdefault("languages", []).append(language)


def _accessibility(rows: _Rows, out: LegacyImport) -> None:
    for line, r in rows.read("accessibility_for_disabilities.csv"):
        site = out.locations.get(out.uid("location", r.get("location_id", "")))
        if site is None:
            out.problem("accessibility_for_disabilities.csv", line, r, "location_id", "no such location")
            continue
        entry: dict[str, Any] = {"id": out.uid("accessibility", r.get("id", ""), r)}
        _set(entry, description=(r.get("accessibility") or "").replace("_", " "), details=r.get("details"))
        site.setdefault("accessibility", []).append(entry)


#: Tables of a service's (or an organization's) details: (file, 3.1 list, the entry's fields from the row's).
_DETAILS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("service_areas.csv", "service_areas", {"name": "service_area", "description": "description"}),
    ("required_documents.csv", "required_documents", {"document": "document"}),
    ("funding.csv", "funding", {"source": "source"}),
    ("contacts.csv", "contacts", {"name": "name", "title": "title", "department": "department", "email": "email"}),
)


def _details(rows: _Rows, out: LegacyImport) -> None:
    for name, kind, fields in _DETAILS:
        for line, r in rows.read(name):
            target = out.services.get(out.uid("service", r.get("service_id", ""))) if r.get("service_id") else None
            if target is None and r.get("organization_id"):
                target = out.organization(r["organization_id"], name, line)
            if target is None:
                out.problem(name, line, r, "service_id", "no such service")
                continue
            entry: dict[str, Any] = {"id": out.uid(kind, r.get("id", ""), r)}
            _set(entry, **{field_name: r.get(column) for field_name, column in fields.items()})
            target.setdefault(kind, []).append(entry)


def _extension_lists(rows: _Rows, out: LegacyImport) -> None:
    """The directory's list fields, which 1.x does not have, as empty lists."""
    for service in out.services.values():
        service.setdefault("insurance_accepted", [])
        service.setdefault("payment_options", [])


#: In this order: owners before what belongs to them, services before what is said about them.
_STEPS: tuple[Callable[[_Rows, LegacyImport], None], ...] = (
    _organizations, _programs, _locations, _services, _services_at_location,
    _phones, _addresses, _regular_schedules, _holiday_schedules, _eligibility_and_payments,
    _taxonomy, _taxonomy_terms, _parent_terms, _services_taxonomy, _attributes,
    _languages, _accessibility, _details, _extension_lists,
)  # fmt: skip


def convert(folder: Path, source: str) -> LegacyImport:
    """Read a 1.x folder into nested 3.1 objects (not yet validated or stored)."""
    rows = _Rows(folder)
    out = LegacyImport(source)
    for step in _STEPS:
        step(rows, out)
    return out


def import_legacy_folder(
    session: Session, folder: Path, *, source: str | None = None, skip_invalid: bool = False
) -> ImportResult:
    """Convert and import a 1.x folder in the session (the caller commits). Raises ImportFailed on problems,
    unless `skip_invalid`, which keeps the valid records and reports the others as warnings."""
    converted = convert(folder, source or folder.resolve().name)
    if converted.problems and not skip_invalid:
        raise ImportFailed(converted.problems)
    writer = RecordWriter(session, skip_invalid=skip_invalid)
    writer.import_records("taxonomy", list(converted.taxonomies.values()), "taxonomy.csv")
    writer.import_records("taxonomy_term", list(converted.terms.values()), "taxonomy.csv")  # parents: set last
    writer.import_records("organization", list(converted.organizations.values()), "organizations.csv")
    writer.import_records("service", list(converted.services.values()), "services.csv")
    counts = writer.finish()
    converted.warnings.extend(writer.warnings)
    warnings = converted.warnings + [str(p) for p in converted.problems]
    return ImportResult(counts, warnings, "HSDS 1.x/2.0 CSV datapackage")
