"""The listing editor's forms: the rows of a plain HTML form in, an HSDS body for `editing` out, and every
problem (the form's own and the importer's) back beside the field it is about.

A list (phones, languages, documents, hours) is rendered as numbered rows (`phones-0-number`,
`phones-1-number`, ...): a hidden id for each existing item, a "remove" checkbox, and one blank row to add an
item, so no JavaScript is needed. Problems are keyed by the row a person sees (`phones[1].number`), whatever
rows were removed or left blank before the body went to the importer.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from directory import geo, locales
from directory.eligibility.insurance import INSURANCE_CATEGORIES, PAYMENT_OPTIONS, PLAN_NAMES
from directory.listings import presentation
from directory.listings.models import Location, Organization, Schedule, Service, ServiceAtLocation
from directory.wording import N_

Errors = dict[str, list[str]]
Row = dict[str, Any]


FormData = MultiDict[str, str]  # what a form gives


def _(text: str, **values: Any) -> str:
    """`text` in the language of the request being answered (English outside one), `%(name)s` filled in."""
    return locales.translated().gettext(text, **values)


#: RFC 6350 phone types (as HSDS says), and the directory's crisis lines.
#: Their names (and the days') are translated by the pages (`N_` marks them for the catalogs).
PHONE_TYPES = {
    "voice": N_("Voice"),
    "text": N_("Text (SMS)"),
    "hotline": N_("Hotline"),
    "fax": N_("Fax"),
    "cell": N_("Cell"),
    "video": N_("Video"),
    "pager": N_("Pager"),
    "textphone": N_("Textphone (TTY)"),
}
DAYS = {
    "MO": N_("Mon"),
    "TU": N_("Tue"),
    "WE": N_("Wed"),
    "TH": N_("Thu"),
    "FR": N_("Fri"),
    "SA": N_("Sat"),
    "SU": N_("Sun"),
}
#: Client-side coverage values a service does not "accept": `unknown` (the client is not sure) and `dual`
#: (derived from Medicare and Medicaid both being present).
NOT_OFFERED = frozenset({"unknown", "dual"})
#: Kinds of coverage sold as plans with their own networks: the form asks which plans are taken.
PLAN_CATEGORIES = frozenset({"medicaid_mco", "medicare_advantage", "marketplace", "private", "state_plan"})

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PATH = re.compile(r"^(?P<key>[a-z_]+)\[(?P<index>\d+)\](?P<rest>.*)$")


@dataclass(frozen=True)
class Parsed:
    """A form read: the body to write (when there were no problems), the rows to show again, the problems."""

    body: dict[str, Any]
    rows: dict[str, Any]
    errors: Errors
    #: For each list, the form row of each item in the body (the importer names items by body position).
    positions: dict[str, list[int]] = field(default_factory=dict)

    def place(self, importer_errors: Mapping[str, list[str]]) -> Errors:
        """The importer's problems, renamed from body positions to the rows a person sees."""
        return place_errors(importer_errors, self.positions)


def place_errors(importer_errors: Mapping[str, list[str]], positions: Mapping[str, Sequence[int]]) -> Errors:
    placed: Errors = {}
    for path, messages in importer_errors.items():
        match = _PATH.match(path)
        if match and match["key"] in positions and int(match["index"]) < len(positions[match["key"]]):
            path = f"{match['key']}[{positions[match['key']][int(match['index'])]}]{match['rest']}"
        placed.setdefault(path, []).extend(messages)
    return placed


def field_id(path: str) -> str:
    """The HTML id of the input a problem is about: `phones[1].number` -> `phones-1-number`."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", path.replace("[", "-").replace("].", "-").replace("]", "")).strip("-")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _blank(row: Mapping[str, Any], names: Iterable[str]) -> bool:
    return not any(row.get(name) for name in names)


def _submitted_indices(form: FormData, key: str) -> list[int]:
    pattern = re.compile(rf"^{re.escape(key)}-(\d+)-")
    return sorted({int(match[1]) for name in form if (match := pattern.match(name))})


# -- simple lists: phones, languages, documents --------------------------------------------------------------


@dataclass(frozen=True)
class RowList:
    key: str  # the HSDS key, and the prefix of the form's names
    noun: str  # "Phone": rows read "Phone 1", "Phone 2"
    fields: tuple[str, ...]  # what a row edits (besides its id and "remove")
    required: tuple[str, ...] = ()  # what a person must give (the importer checks HSDS's own requirements)


PHONES = RowList("phones", "Phone", ("number", "extension", "type", "description"))
LANGUAGES = RowList("languages", "Language", ("name", "code"), required=("name",))
DOCUMENTS = RowList("required_documents", "Document", ("document",), required=("document",))


def rows_of(spec: RowList, items: Iterable[Any]) -> list[Row]:
    """Rows for a page: one per item, then a blank one to add an item."""
    rows: list[Row] = [
        {"id": str(item.id), **{name: _text(getattr(item, name)) for name in spec.fields}} for item in items
    ]
    rows.append(blank_row(spec.fields))
    return rows


def blank_row(names: Iterable[str]) -> Row:
    return {"id": "", "new": True, "remove": False, **dict.fromkeys(names, "")}


def _read_rows(form: FormData, spec: RowList) -> list[Row]:
    rows: list[Row] = []
    for i in _submitted_indices(form, spec.key):
        prefix = f"{spec.key}-{i}-"
        row: Row = {name: form.get(prefix + name, "").strip() for name in spec.fields}
        row["id"] = form.get(prefix + "id", "").strip()
        row["new"] = not row["id"]
        row["remove"] = bool(form.get(prefix + "remove"))
        rows.append(row)
    if not rows or not _blank(rows[-1], spec.fields):
        rows.append(blank_row(spec.fields))
    return rows


def _row_id(row: Row, path: str, errors: Errors, known: Iterable[str]) -> str:
    """A new row's fresh id, or an existing row's, which must be one of the listing's own (an id from
    elsewhere would move another listing's item here)."""
    if not row["id"]:
        return str(uuid.uuid4())
    if row["id"] not in set(known):
        errors.setdefault(f"{path}.id", []).append(
            _("is not one of this listing's (was it removed meanwhile?); reload the page")
        )
    return str(row["id"])


def _read_list(
    form: FormData, spec: RowList, errors: Errors, items_now: Iterable[Any]
) -> tuple[list[Row], list[dict[str, Any]], list[int]]:
    known = {str(item.id) for item in items_now}
    rows = _read_rows(form, spec)
    items: list[dict[str, Any]] = []
    positions: list[int] = []
    for i, row in enumerate(rows):
        if row.get("remove") or (row["new"] and _blank(row, spec.fields)):
            continue
        path = f"{spec.key}[{i}]"
        item: dict[str, Any] = {"id": _row_id(row, path, errors, known)}
        for name in spec.fields:
            item[name] = _value(spec.key, name, row[name], f"{path}.{name}", errors)
            if name in spec.required and not row[name]:
                errors.setdefault(f"{path}.{name}", []).append(_("is required (or tick “remove”)"))
        items.append(item)
        positions.append(i)
    return rows, items, positions


def _value(key: str, name: str, text: str, path: str, errors: Errors) -> Any:
    """A form's text as the JSON value the importer expects (it judges everything HSDS defines)."""
    if text == "":
        return None
    if key == "phones" and name == "extension":
        return int(text) if text.isdigit() else text  # the importer names anything else
    if key == "languages" and name == "code":
        code = text.lower()
        if not _LANGUAGE_CODE.match(code):
            errors.setdefault(path, []).append(_("must be an ISO 639 code of 2 or 3 letters, such as es or spa"))
        return code
    return text


# -- hours -------------------------------------------------------------------------------------------------

SCHEDULE_FIELDS = ("opens_at", "closes_at", "description")


def _is_weekly(schedule: Schedule) -> bool:
    days = [part.strip().upper() for part in (schedule.byday or "").split(",") if part.strip()]
    return (schedule.freq or "WEEKLY").upper() == "WEEKLY" and all(day in DAYS for day in days)


def schedule_rows(schedules: Iterable[Schedule]) -> list[Row]:
    rows: list[Row] = []
    for schedule in schedules:
        row: Row = {"id": str(schedule.id), **{name: _text(getattr(schedule, name)) for name in SCHEDULE_FIELDS}}
        row["opens_at"], row["closes_at"] = row["opens_at"][:5], row["closes_at"][:5]
        if _is_weekly(schedule):
            row["days"] = [d.strip().upper() for d in (schedule.byday or "").split(",") if d.strip()]
        else:  # a monthly or dated rule: its days are kept as they are
            row["days"] = []
            row["repeats"] = (
                presentation.describe_schedule(
                    Schedule(byday=schedule.byday, opens_at=None, closes_at=None, description=None)
                )
                or (schedule.freq or "").lower()
            )
        rows.append(row)
    rows.append({**blank_row(SCHEDULE_FIELDS), "days": []})
    return rows


def _read_schedules(
    form: FormData, current: Mapping[str, Schedule], errors: Errors
) -> tuple[list[Row], list[dict[str, Any]], list[int]]:
    rows: list[Row] = []
    for i in _submitted_indices(form, "schedules"):
        prefix = f"schedules-{i}-"
        row: Row = {name: form.get(prefix + name, "").strip() for name in SCHEDULE_FIELDS}
        row["id"] = form.get(prefix + "id", "").strip()
        row["new"] = not row["id"]
        row["remove"] = bool(form.get(prefix + "remove"))
        row["days"] = [day for day in form.getlist(prefix + "days") if day]
        if form.get(prefix + "repeats"):
            row["repeats"] = form.get(prefix + "repeats")
        rows.append(row)
    if not rows or not _blank(rows[-1], (*SCHEDULE_FIELDS, "days")):
        rows.append({**blank_row(SCHEDULE_FIELDS), "days": []})
    items: list[dict[str, Any]] = []
    positions: list[int] = []
    for i, row in enumerate(rows):
        if row.get("remove") or (row["new"] and _blank(row, (*SCHEDULE_FIELDS, "days"))):
            continue
        path = f"schedules[{i}]"
        item: dict[str, Any] = {"id": _row_id(row, path, errors, current)}
        unknown = [day for day in row["days"] if day not in DAYS]
        if unknown:
            errors.setdefault(f"{path}.days", []).append(
                _("%(days)s is not a day of the week", days=", ".join(unknown))
            )
        if not row.get("repeats"):
            if not row["days"] and (row["opens_at"] or row["closes_at"]):
                errors.setdefault(f"{path}.days", []).append(_("tick the days these hours are for"))
            item["freq"] = "WEEKLY"
            item["byday"] = ",".join(day for day in DAYS if day in row["days"]) or None
        for name in ("opens_at", "closes_at"):
            if row[name] and not _TIME.match(row[name]):
                errors.setdefault(f"{path}.{name}", []).append(_("must be a time such as 09:00 or 17:30"))
            item[name] = _clock(row[name])
        if bool(row["opens_at"]) != bool(row["closes_at"]):
            missing = "closes_at" if row["opens_at"] else "opens_at"
            errors.setdefault(f"{path}.{missing}", []).append(_("give both the opening and closing time, or neither"))
        item["description"] = row["description"] or None
        stored = current.get(item["id"])
        if stored is not None and stored.description and row["description"] == stored.description.strip():
            moved = (item.get("byday", stored.byday), item["opens_at"], item["closes_at"]) != (
                stored.byday,
                (stored.opens_at or "")[:5] or None,
                (stored.closes_at or "")[:5] or None,
            )
            if moved:
                errors.setdefault(f"{path}.description", []).append(
                    _(
                        "still reads “%(description)s”, which the public sees instead of the days and times: "
                        "change it to match the new hours, or clear it",
                        description=stored.description,
                    )
                )
        items.append(item)
        positions.append(i)
    return rows, items, positions


def _clock(text: str) -> str | None:
    """'9:00' -> '09:00' (HSDS times are HH:MM); anything else is left for the problem already named."""
    match = _TIME.match(text)
    return f"{int(match[1]):02d}:{match[2]}" if match else text or None


# -- insurance and payment -------------------------------------------------------------------------------------


def plan_text(plans: Iterable[Any]) -> str:
    return ", ".join(PLAN_NAMES.get(str(plan), str(plan)) for plan in plans)


def _plan_codes(text: str) -> list[str]:
    by_name = {name.casefold(): code for code, name in PLAN_NAMES.items()}
    codes = []
    for part in text.split(","):
        name = part.strip()
        if name:
            code = by_name.get(name.casefold()) or re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")
            if code and code not in codes:
                codes.append(code)
    return codes


def insurance_rows(accepted: Sequence[Mapping[str, Any]]) -> list[Row]:
    """One checkbox per category of the directory's vocabulary (and any other category the listing has)."""
    held = {str(row.get("category")): row for row in accepted if isinstance(row, Mapping)}
    codes = [code for code in INSURANCE_CATEGORIES if code not in NOT_OFFERED or code in held]
    codes += [code for code in held if code not in codes]
    return [
        {
            "code": code,
            "label": _(INSURANCE_CATEGORIES[code])
            if code in INSURANCE_CATEGORIES
            else code.replace("_", " ").capitalize(),
            "checked": code in held,
            "plans": plan_text(held[code].get("plans") or []) if code in held else "",
            "has_plans": code in PLAN_CATEGORIES or bool(code in held and held[code].get("plans")),
        }
        for code in codes
    ]


def payment_rows(options: Sequence[Any]) -> list[Row]:
    codes = list(PAYMENT_OPTIONS) + [str(option) for option in options if option not in PAYMENT_OPTIONS]
    return [
        {
            "code": code,
            "label": _(PAYMENT_OPTIONS[code]) if code in PAYMENT_OPTIONS else code.replace("_", " ").capitalize(),
            "checked": code in options,
        }
        for code in codes
    ]


def _read_insurance(form: FormData, service: Service, errors: Errors) -> tuple[list[Row], list[dict[str, Any]]]:
    ticked = [code for code in form.getlist("insurance") if code]
    existing = [row for row in service.insurance_accepted if isinstance(row, Mapping)]
    known = set(INSURANCE_CATEGORIES) | {str(row.get("category")) for row in existing}
    for code in ticked:
        if code not in known:
            errors.setdefault("insurance_accepted", []).append(
                _("%(code)s is not an insurance category of the directory", code=code)
            )
    plans = {code: form.get(f"insurance_accepted-{code}-plans", "").strip() for code in known}
    for code, text in plans.items():
        if text and code not in ticked:
            label = _(INSURANCE_CATEGORIES[code]) if code in INSURANCE_CATEGORIES else code
            errors.setdefault(f"insurance_accepted.{code}.plans", []).append(
                _("tick “%(label)s” to list its plans, or clear them", label=label)
            )
    accepted: list[dict[str, Any]] = []
    for row in existing:  # in their order, keeping what else a row says (notes, when it was checked)
        code = str(row.get("category"))
        if code in ticked:
            kept = {key: value for key, value in row.items() if key != "plans"}
            codes = _plan_codes(plans.get(code, ""))
            accepted.append({**kept, "plans": codes} if codes else kept)
    for code in INSURANCE_CATEGORIES:
        if code in ticked and not any(r.get("category") == code for r in accepted):
            codes = _plan_codes(plans.get(code, ""))
            accepted.append({"category": code, "plans": codes} if codes else {"category": code})
    shown = [
        {**row, "checked": row["code"] in ticked, "plans": plans.get(row["code"], "")}
        for row in insurance_rows(existing)
    ]
    return shown, accepted


def _read_payment(form: FormData, service: Service, errors: Errors) -> tuple[list[Row], list[str]]:
    ticked = [code for code in form.getlist("payment_options") if code]
    known = set(PAYMENT_OPTIONS) | {str(option) for option in service.payment_options}
    for code in ticked:
        if code not in known:
            errors.setdefault("payment_options", []).append(
                _("%(code)s is not a payment option of the directory", code=code)
            )
    options = [str(o) for o in service.payment_options if o in ticked]
    options += [code for code in PAYMENT_OPTIONS if code in ticked and code not in options]
    return [{**row, "checked": row["code"] in ticked} for row in payment_rows(service.payment_options)], options


# -- the details page: phones, languages, documents, insurance and payment, hours -------------------------------


def details_rows(service: Service) -> dict[str, Any]:
    return {
        "phones": rows_of(PHONES, service.phones),
        "languages": rows_of(LANGUAGES, service.languages),
        "required_documents": rows_of(DOCUMENTS, service.required_documents),
        "schedules": schedule_rows(service.schedules),
        "insurance": insurance_rows(service.insurance_accepted),
        "payment_options": payment_rows(service.payment_options),
    }


def read_details(form: FormData, service: Service) -> Parsed:
    errors: Errors = {}
    rows: dict[str, Any] = {}
    body: dict[str, Any] = {}
    positions: dict[str, list[int]] = {}
    for spec in (PHONES, LANGUAGES, DOCUMENTS):
        rows[spec.key], body[spec.key], positions[spec.key] = _read_list(form, spec, errors, getattr(service, spec.key))
    current = {str(schedule.id): schedule for schedule in service.schedules}
    rows["schedules"], body["schedules"], positions["schedules"] = _read_schedules(form, current, errors)
    rows["insurance"], body["insurance_accepted"] = _read_insurance(form, service, errors)
    rows["payment_options"], body["payment_options"] = _read_payment(form, service, errors)
    return Parsed(body, rows, errors, positions)


# -- a location the service is offered at -------------------------------------------------------------------

LOCATION_FIELDS = ("name", "description", "transportation")
ADDRESS_FIELDS = ("address_1", "address_2", "city", "state_province", "postal_code")


def location_row(sal: ServiceAtLocation | None) -> Row:
    """The place's fields, and `service_note`: what is particular to this service there (HSDS
    service_at_location.description, e.g. "Tuesdays only; call ahead")."""
    location = sal.location if sal is not None else None
    address = location.physical_address if location is not None else None
    row: Row = {name: _text(getattr(location, name, None)) for name in LOCATION_FIELDS}
    row.update({name: _text(getattr(address, name, None)) for name in ADDRESS_FIELDS})
    row["service_note"] = _text(sal.description if sal is not None else None)
    return row


def _read_location_fields(form: FormData, errors: Errors) -> Row:
    row: Row = {name: form.get(name, "").strip() for name in (*LOCATION_FIELDS, *ADDRESS_FIELDS, "service_note")}
    if not row["name"]:
        errors.setdefault("name", []).append(_("is required: the name people see for this place"))
    if any(row[name] for name in ADDRESS_FIELDS):  # an address is whole or absent (HSDS requires these four)
        for name in ("address_1", "city", "state_province", "postal_code"):
            if not row[name]:
                errors.setdefault(name, []).append(_("is required"))
    if row["state_province"]:
        state = geo.state_code(row["state_province"])
        if state is None:
            errors.setdefault("state_province", []).append(_("must be a US state, such as OR or WA"))
        else:
            row["state_province"] = state
    if row["postal_code"] and not geo.is_postcode(row["postal_code"]):
        errors.setdefault("postal_code", []).append(_("must be a 5-digit ZIP code, such as 97205"))
    return row


def _location_body(row: Row, location: Location | None, organization_id: uuid.UUID) -> dict[str, Any]:
    body: dict[str, Any] = {"id": str(location.id) if location else str(uuid.uuid4())}
    if location is None:
        body["organization_id"] = str(organization_id)
        body["location_type"] = "physical"
    body.update({name: row[name] or None for name in LOCATION_FIELDS})
    address = location.physical_address if location is not None else None
    given = any(row[name] for name in ADDRESS_FIELDS)
    if address is not None or given:
        edited: dict[str, Any] = {"id": str(address.id) if address else str(uuid.uuid4())}
        edited.update({name: row[name] or None for name in ADDRESS_FIELDS})
        if address is None:
            edited.update({"country": "US", "address_type": "physical"})
        others = [{"id": str(a.id)} for a in (location.addresses if location else []) if a is not address]
        body["addresses"] = [edited, *others]
        old_postcode = address.postal_code if address is not None else None
        if row["postal_code"] and row["postal_code"] != old_postcode:  # the map position follows a new ZIP code
            place = geo.find_zip(row["postal_code"])
            if place is not None:
                body["latitude"], body["longitude"] = place.latitude, place.longitude
    return body


_LOCATION_PATH = re.compile(r"^service_at_locations\[\d+\]\.location\.(?:addresses\[0\]\.)?(?P<field>[a-z_0-9]+)$")
_NOTE_PATH = re.compile(r"^service_at_locations\[\d+\]\.description$")


def place_location_errors(importer_errors: Mapping[str, list[str]]) -> Errors:
    """The importer's problems about the edited location, named by the page's fields."""
    placed: Errors = {}
    for path, messages in importer_errors.items():
        match = _LOCATION_PATH.match(path)
        field = match["field"] if match else "service_note" if _NOTE_PATH.match(path) else path
        placed.setdefault(field, []).extend(messages)
    return placed


def read_location(form: FormData, service: Service, edited: ServiceAtLocation | None) -> Parsed:
    """The service's `service_at_locations`, with one location edited (or, with no `edited`, one added).

    Adding either links a place the organization already has (`existing`) or describes a new one."""
    errors: Errors = {}
    links: list[dict[str, Any]] = [{"id": str(sal.id)} for sal in service.service_at_locations]
    existing = form.get("existing", "").strip() if edited is None else ""
    if existing:
        place_ids = {str(location.id) for location in service.organization.locations}
        linked = {str(sal.location_id) for sal in service.service_at_locations}
        if existing not in place_ids:
            errors.setdefault("existing", []).append(_("is not a place of this organization"))
        elif existing in linked:
            errors.setdefault("existing", []).append(_("the service is already offered there"))
        links.append({"id": str(uuid.uuid4()), "location_id": existing})
        return Parsed({"service_at_locations": links}, {"location": location_row(None), "existing": existing}, errors)
    row = _read_location_fields(form, errors)
    location = edited.location if edited is not None else None
    body = _location_body(row, location, service.organization_id)
    note = row["service_note"] or None
    if edited is None:
        links.append({"id": str(uuid.uuid4()), "description": note, "location": body})
    else:
        links = [
            {"id": str(sal.id), "description": note, "location": body} if sal is edited else link
            for sal, link in zip(service.service_at_locations, links, strict=True)
        ]
    return Parsed({"service_at_locations": links}, {"location": row, "existing": ""}, errors)


def unlink_location(service: Service, edited: ServiceAtLocation) -> dict[str, Any]:
    """The body that stops offering the service at one place (the place itself stays, for other services)."""
    return {"service_at_locations": [{"id": str(sal.id)} for sal in service.service_at_locations if sal is not edited]}


# -- the organization page -----------------------------------------------------------------------------------

ORGANIZATION_FIELDS = ("name", "description", "email", "website")


def organization_rows(organization: Organization) -> dict[str, Any]:
    return {
        "organization": {name: _text(getattr(organization, name)) for name in ORGANIZATION_FIELDS},
        "phones": rows_of(PHONES, organization.phones),
    }


def read_organization(form: FormData, organization: Organization) -> Parsed:
    errors: Errors = {}
    row = {name: form.get(name, "").strip() for name in ORGANIZATION_FIELDS}
    if not row["name"]:
        errors.setdefault("name", []).append(_("is required"))
    if row["email"] and not _EMAIL.match(row["email"]):
        errors.setdefault("email", []).append(_("must be an email address, such as info@example.org"))
    if row["website"] and not re.match(r"^https?://[^\s/]+\.[^\s]+$", row["website"]):
        errors.setdefault("website", []).append(_("must be a web address starting with https://"))
    phone_rows, phones, positions = _read_list(form, PHONES, errors, organization.phones)
    body: dict[str, Any] = {name: row[name] or None for name in ORGANIZATION_FIELDS}
    body["description"] = row["description"]  # HSDS: an organization always has a description, maybe empty
    body["phones"] = phones
    return Parsed(body, {"organization": row, "phones": phone_rows}, errors, {"phones": positions})


# -- naming a problem for a person ---------------------------------------------------------------------------

_NOUNS = {
    "phones": N_("Phone %(num)d"),
    "languages": N_("Language %(num)d"),
    "required_documents": N_("Document %(num)d"),
    "schedules": N_("Hours %(num)d"),
}
_FIELD_WORDS = {
    "number": N_("number"),
    "extension": N_("extension"),
    "type": N_("type"),
    "description": N_("description"),
    "name": N_("name"),
    "code": N_("code"),
    "document": N_("document"),
    "days": N_("days"),
    "opens_at": N_("opens"),
    "closes_at": N_("closes"),
    "byday": N_("days"),
    "email": N_("email"),
    "website": N_("website"),
    "address_1": N_("address line 1"),
    "address_2": N_("address line 2"),
    "city": N_("city"),
    "state_province": N_("state"),
    "postal_code": N_("ZIP code"),
    "transportation": N_("transportation"),
    "existing": N_("place"),
    "service_note": N_("note for this service"),
    "insurance_accepted": N_("insurance accepted"),
    "payment_options": N_("payment options"),
}


def _field_words(name: str) -> str:
    return _(_FIELD_WORDS[name]) if name in _FIELD_WORDS else name.replace("_", " ")


def error_label(path: str) -> str:
    """`phones[1].number` -> "Phone 2, number"; `postal_code` -> "ZIP code" (in the reader's language)."""
    match = _PATH.match(path)
    if match and match["key"] in _NOUNS:
        rest = match["rest"].lstrip(".")
        item = _(_NOUNS[match["key"]], num=int(match["index"]) + 1)
        return _("%(item)s, %(field)s", item=item, field=_field_words(rest)) if rest else item
    if path.startswith("insurance_accepted."):
        code = path.split(".")[1]
        category = _(INSURANCE_CATEGORIES[code]) if code in INSURANCE_CATEGORIES else code
        return _("%(category)s plans", category=category)
    words = _field_words(path)
    return words[:1].upper() + words[1:]
