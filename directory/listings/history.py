"""A listing's recorded changes as a coordinator reads them: the service's own and its organization's, newest
first, with each value in words ("503-555-0100 ext. 12 (voice)", "Mon-Fri 9am-5pm") rather than JSON, and for
a list only the items that changed."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from directory import wording
from directory.eligibility.insurance import INSURANCE_CATEGORIES, PAYMENT_OPTIONS
from directory.listings import presentation
from directory.listings.models import Metadata, Schedule, Service
from directory.wording import N_

#: Field names as the history page shows them, in the reader's language (others: underscores as spaces).
LABELS = {
    "accepting_new_clients": N_("accepting new clients"),
    "accreditations": N_("accreditations"),
    "alert": N_("alert"),
    "alternate_name": N_("alternate name"),
    "application_process": N_("application process"),
    "assured_date": N_("assured date"),
    "assurer_email": N_("assurer email"),
    "attributes": N_("categories"),
    "capacity_updated_at": N_("capacity updated"),
    "contacts": N_("contacts"),
    "cost_options": N_("cost options"),
    "description": N_("description"),
    "eligibility_criteria": N_("eligibility criteria"),
    "eligibility_description": N_("eligibility description"),
    "email": N_("email"),
    "fees_description": N_("fees description"),
    "insurance_accepted": N_("insurance accepted"),
    "interpretation_services": N_("interpretation services"),
    "languages": N_("languages"),
    "licenses": N_("licenses"),
    "maximum_age": N_("maximum age"),
    "minimum_age": N_("minimum age"),
    "name": N_("name"),
    "payment_options": N_("payment options"),
    "phones": N_("phones"),
    "required_documents": N_("documents to bring"),
    "schedules": N_("hours"),
    "service_areas": N_("service areas"),
    "service_at_locations": N_("locations"),
    "status": N_("status"),
    "url": N_("website"),
    "wait_time": N_("wait time"),
    "wait_weeks": N_("wait weeks"),
    "website": N_("website"),
}


class Words(str):
    """A value already put into words (the page's filter leaves it as it is)."""

    __slots__ = ()


@dataclass(frozen=True)
class ChangeLine:
    """One recorded change, shaped as the history page reads a `Metadata` row."""

    id: uuid.UUID
    last_action_date: datetime
    last_action_type: str
    field_name: str
    previous_value: Words
    replacement_value: Words
    updated_by: str


def service_changes(session: Session, service: Service, language: wording.Words = wording.ENGLISH) -> list[ChangeLine]:
    """The service's changes and its organization's (named "organization ..."), newest first, in `language`."""
    rows = session.scalars(
        select(Metadata)
        .where(
            or_(
                (Metadata.resource_id == service.id) & (Metadata.resource_type == "service"),
                (Metadata.resource_id == service.organization_id) & (Metadata.resource_type == "organization"),
            )
        )
        .order_by(Metadata.last_action_date.desc(), Metadata.field_name)
    )
    return [_line(row, language) for row in rows]


def organization_changes(
    session: Session, organization_id: uuid.UUID, language: wording.Words = wording.ENGLISH
) -> list[ChangeLine]:
    rows = session.scalars(
        select(Metadata)
        .where(Metadata.resource_id == organization_id, Metadata.resource_type == "organization")
        .order_by(Metadata.last_action_date.desc(), Metadata.field_name)
    )
    return [_line(row, language, organization_named=False) for row in rows]


def _line(row: Metadata, language: wording.Words, *, organization_named: bool = True) -> ChangeLine:
    old, new = describe_change(row.field_name, row.previous_value, row.replacement_value, language)
    known = LABELS.get(row.field_name)
    label = language.gettext(known) if known else row.field_name.replace("_", " ")
    if organization_named and row.resource_type == "organization":
        label = language.gettext("organization %(field)s", field=label)
    return ChangeLine(row.id, row.last_action_date, row.last_action_type, label, Words(old), Words(new), row.updated_by)


# -- values in words ---------------------------------------------------------------------------------------------


def _load(raw: str) -> Any:
    if not raw or raw[0] not in "[{":
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def describe_change(
    field: str, old_raw: str, new_raw: str, language: wording.Words = wording.ENGLISH
) -> tuple[str, str]:
    """(was, became) in words. For a list of items with ids, only what was removed, added or changed."""
    old, new = _load(old_raw), _load(new_raw)
    if field in ("insurance_accepted", "payment_options") or not (isinstance(old, list) or isinstance(new, list)):
        return words(field, old_raw, language), words(field, new_raw, language)
    before = {str(item.get("id")): item for item in old or [] if isinstance(item, dict)}
    after = {str(item.get("id")): item for item in new or [] if isinstance(item, dict)}
    if not before and not after:
        return words(field, old_raw, language), words(field, new_raw, language)
    was: list[str] = []
    became: list[str] = []
    for key, item in before.items():
        if key not in after:
            was.append(language.gettext("removed: %(item)s", item=item_words(field, item, language)))
        elif after[key] != item:
            old_text, new_text = item_words(field, item, language), item_words(field, after[key], language)
            if old_text == new_text:  # what differs is not in the summary: name it
                old_text += _differences(item, after[key])
                new_text += _differences(after[key], item)
            was.append(old_text)
            became.append(new_text)
    became.extend(
        language.gettext("added: %(item)s", item=item_words(field, item, language))
        for key, item in after.items()
        if key not in before
    )
    if not was and not became:  # only the order changed
        return words(field, old_raw, language), words(field, new_raw, language)
    return "; ".join(was) or "—", "; ".join(became) or "—"


def words(field: str, raw: str, language: wording.Words = wording.ENGLISH) -> str:
    """One recorded value in words."""
    value = _load(raw)
    none = language.gettext("(none)")
    if field == "insurance_accepted" and isinstance(value, list):
        return "; ".join(insurance_words(value, language)) or none
    if field == "payment_options" and isinstance(value, list):
        named = (
            language.gettext(PAYMENT_OPTIONS[str(o)]) if str(o) in PAYMENT_OPTIONS else str(o).replace("_", " ")
            for o in value
        )
        return "; ".join(named) or none
    if isinstance(value, list) and field in _ITEM_WORDS:
        return "; ".join(item_words(field, item, language) for item in value if isinstance(item, dict)) or none
    shown = presentation.history_value(field, raw)
    return none if shown == "(none)" else shown


def insurance_words(rows: Any, words: wording.Words = wording.ENGLISH) -> list[str]:
    """Accepted insurance as people read it: "Medicaid managed care plan (only CareOregon, Trillium)"."""
    return [_insurance(row, words) for row in rows if isinstance(row, dict)]


def _insurance(row: dict[str, Any], words: wording.Words = wording.ENGLISH) -> str:
    code = str(row.get("category", ""))
    known = INSURANCE_CATEGORIES.get(code)
    label = words.gettext(known) if known else code.replace("_", " ")
    plans = row.get("plans") or []
    return (
        words.gettext("%(label)s (only %(plans)s)", label=label, plans=presentation.plan_text(plans))
        if plans
        else label
    )


def _phone(item: dict[str, Any], _language: wording.Words) -> str:
    text = str(item.get("number") or "")
    if item.get("extension"):
        text += f" ext. {item['extension']}"
    extra = [str(item[key]) for key in ("type", "description") if item.get(key)]
    return f"{text} ({'; '.join(extra)})" if extra else text


def _language(item: dict[str, Any], _language: wording.Words) -> str:
    name, code = item.get("name") or "", item.get("code") or ""
    return f"{name} ({code})" if name and code else str(name or code)


def _schedule(item: dict[str, Any], language: wording.Words) -> str:
    hours = presentation.describe_schedule(
        Schedule(byday=item.get("byday"), opens_at=item.get("opens_at"), closes_at=item.get("closes_at")), language
    )
    note = item.get("description")
    if note and hours:
        return language.gettext("%(hours)s (shown as “%(note)s”)", hours=hours, note=note)
    return str(note or hours or language.gettext("(no days or times)"))


def _address(address: dict[str, Any]) -> str:
    parts = [address.get("address_1"), address.get("address_2"), address.get("city")]
    place = ", ".join(str(part) for part in parts if part)
    tail = " ".join(str(part) for part in (address.get("state_province"), address.get("postal_code")) if part)
    return ", ".join(part for part in (place, tail) if part)


def _location(item: dict[str, Any], _language: wording.Words) -> str:
    location = item.get("location") or {}
    name = str(location.get("name") or item.get("location_id") or "a place")
    addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
    return f"{name}, {_address(addresses[0])}" if addresses else name


_ITEM_WORDS: dict[str, Callable[[dict[str, Any], wording.Words], str]] = {
    "phones": _phone,
    "languages": _language,
    "required_documents": lambda item, _language: str(item.get("document") or ""),
    "schedules": _schedule,
    "service_at_locations": _location,
}


def item_words(field: str, item: dict[str, Any], language: wording.Words = wording.ENGLISH) -> str:
    describe = _ITEM_WORDS.get(field)
    if describe is not None:
        return describe(item, language)
    key = {"service_areas": "name", "cost_options": "option", "contacts": "name"}.get(field, "name")
    return str(item.get(key) or item.get("id") or "")


_SKIPPED = frozenset({"id", "service_id", "location_id", "organization_id", "latitude", "longitude", "addresses"})


def _flat(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        elif key not in _SKIPPED:
            flat[f"{prefix}{key}"] = value
    return flat


_DIFFERENCE_LABELS = {"description": "note for this service", "location.description": "about the place"}


def _differences(item: dict[str, Any], other: dict[str, Any]) -> str:
    mine, theirs = _flat(item), _flat(other)
    changed = [key for key in sorted(set(mine) | set(theirs)) if mine.get(key) != theirs.get(key)]
    shown = []
    for key in changed:
        label = _DIFFERENCE_LABELS.get(key, key.removeprefix("location.").replace("_", " "))
        value = mine.get(key)
        shown.append(f"{label}: {'—' if value in (None, '', []) else value}")
    return f" ({'; '.join(shown)})" if shown else ""
