"""A listing's recorded changes as a coordinator reads them: the service's own and its organization's, newest
first, with each value in words ("503-555-0100 ext. 12 (voice)", "Mon-Fri 9am-5pm") rather than JSON, and for
a list only the items that changed."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from directory import wording
from directory.eligibility.insurance import INSURANCE_CATEGORIES, PAYMENT_OPTIONS
from directory.listings import presentation
from directory.listings.editor_forms import plan_text
from directory.listings.models import Metadata, Schedule, Service

#: Field names as the history page shows them (the rest read well once underscores are spaces).
LABELS = {
    "schedules": "hours",
    "service_at_locations": "locations",
    "required_documents": "documents to bring",
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


def service_changes(session: Session, service: Service) -> list[ChangeLine]:
    """The service's changes and its organization's (named "organization ..."), newest first."""
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
    return [_line(row) for row in rows]


def organization_changes(session: Session, organization_id: uuid.UUID) -> list[ChangeLine]:
    rows = session.scalars(
        select(Metadata)
        .where(Metadata.resource_id == organization_id, Metadata.resource_type == "organization")
        .order_by(Metadata.last_action_date.desc(), Metadata.field_name)
    )
    return [_line(row, prefix="") for row in rows]


def _line(row: Metadata, prefix: str | None = None) -> ChangeLine:
    old, new = describe_change(row.field_name, row.previous_value, row.replacement_value)
    label = LABELS.get(row.field_name, row.field_name)
    if prefix is None:
        prefix = "organization " if row.resource_type == "organization" else ""
    return ChangeLine(
        row.id, row.last_action_date, row.last_action_type, prefix + label, Words(old), Words(new), row.updated_by
    )


# -- values in words ---------------------------------------------------------------------------------------------


def _load(raw: str) -> Any:
    if not raw or raw[0] not in "[{":
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def describe_change(field: str, old_raw: str, new_raw: str) -> tuple[str, str]:
    """(was, became) in words. For a list of items with ids, only what was removed, added or changed."""
    old, new = _load(old_raw), _load(new_raw)
    if field in ("insurance_accepted", "payment_options") or not (isinstance(old, list) or isinstance(new, list)):
        return words(field, old_raw), words(field, new_raw)
    before = {str(item.get("id")): item for item in old or [] if isinstance(item, dict)}
    after = {str(item.get("id")): item for item in new or [] if isinstance(item, dict)}
    if not before and not after:
        return words(field, old_raw), words(field, new_raw)
    was: list[str] = []
    became: list[str] = []
    for key, item in before.items():
        if key not in after:
            was.append(f"removed: {item_words(field, item)}")
        elif after[key] != item:
            old_text, new_text = item_words(field, item), item_words(field, after[key])
            if old_text == new_text:  # what differs is not in the summary: name it
                old_text += _differences(item, after[key])
                new_text += _differences(after[key], item)
            was.append(old_text)
            became.append(new_text)
    became.extend(f"added: {item_words(field, item)}" for key, item in after.items() if key not in before)
    if not was and not became:  # only the order changed
        return words(field, old_raw), words(field, new_raw)
    return "; ".join(was) or "—", "; ".join(became) or "—"


def words(field: str, raw: str) -> str:
    """One recorded value in words."""
    value = _load(raw)
    if field == "insurance_accepted" and isinstance(value, list):
        return "; ".join(insurance_words(value)) or "(none)"
    if field == "payment_options" and isinstance(value, list):
        return "; ".join(PAYMENT_OPTIONS.get(str(o), str(o).replace("_", " ")) for o in value) or "(none)"
    if isinstance(value, list) and field in _ITEM_WORDS:
        return "; ".join(item_words(field, item) for item in value if isinstance(item, dict)) or "(none)"
    return presentation.history_value(field, raw)


def insurance_words(rows: Any, words: wording.Words = wording.ENGLISH) -> list[str]:
    """Accepted insurance as people read it: "Medicaid managed care plan (only CareOregon, Trillium)"."""
    return [_insurance(row, words) for row in rows if isinstance(row, dict)]


def _insurance(row: dict[str, Any], words: wording.Words = wording.ENGLISH) -> str:
    code = str(row.get("category", ""))
    known = INSURANCE_CATEGORIES.get(code)
    label = words.gettext(known) if known else code.replace("_", " ")
    plans = row.get("plans") or []
    return words.gettext("%(label)s (only %(plans)s)", label=label, plans=plan_text(plans)) if plans else label


def _phone(item: dict[str, Any]) -> str:
    text = str(item.get("number") or "")
    if item.get("extension"):
        text += f" ext. {item['extension']}"
    extra = [str(item[key]) for key in ("type", "description") if item.get(key)]
    return f"{text} ({'; '.join(extra)})" if extra else text


def _language(item: dict[str, Any]) -> str:
    name, code = item.get("name") or "", item.get("code") or ""
    return f"{name} ({code})" if name and code else str(name or code)


def _schedule(item: dict[str, Any]) -> str:
    hours = presentation.describe_schedule(
        Schedule(byday=item.get("byday"), opens_at=item.get("opens_at"), closes_at=item.get("closes_at"))
    )
    note = item.get("description")
    if note and hours:
        return f"{hours} (shown as “{note}”)"
    return str(note or hours or "(no days or times)")


def _address(address: dict[str, Any]) -> str:
    parts = [address.get("address_1"), address.get("address_2"), address.get("city")]
    place = ", ".join(str(part) for part in parts if part)
    tail = " ".join(str(part) for part in (address.get("state_province"), address.get("postal_code")) if part)
    return ", ".join(part for part in (place, tail) if part)


def _location(item: dict[str, Any]) -> str:
    location = item.get("location") or {}
    name = str(location.get("name") or item.get("location_id") or "a place")
    addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
    return f"{name}, {_address(addresses[0])}" if addresses else name


_ITEM_WORDS = {
    "phones": _phone,
    "languages": _language,
    "required_documents": lambda item: str(item.get("document") or ""),
    "schedules": _schedule,
    "service_at_locations": _location,
}


def item_words(field: str, item: dict[str, Any]) -> str:
    describe = _ITEM_WORDS.get(field)
    if describe is not None:
        return describe(item)
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
