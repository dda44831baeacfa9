"""The listing editor's details form (phones, languages, documents, insurance and payment, hours) as a WTForms
form: the rows of a plain HTML form in, an HSDS body for `editing` out, and every problem (the form's own and the
importer's) back beside the field it is about. The rows themselves are in `editor_rows`, the places and the
organization in `place_forms`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from werkzeug.datastructures import MultiDict
from wtforms import FieldList, Form, FormField, SelectMultipleField, StringField
from wtforms.fields.core import UnboundField
from wtforms.form import BaseForm

from directory.coordinator.editor_rows import (
    DAYS,
    PHONE_TYPES,
    DocumentRow,
    EditorForm,
    Errors,
    LanguageRow,
    PhoneRow,
    Row,
    ScheduleRow,
    _,
    read_rows,
    rows_field,
    rows_of,
    schedule_rows,
    stale_description,
    stripped,
    ticked,
)
from directory.eligibility.insurance import INSURANCE_CATEGORIES, PAYMENT_OPTIONS, PLAN_NAMES
from directory.listings import presentation
from directory.listings.models import Service
from directory.wording import N_

__all__ = ["DAYS", "PHONE_TYPES", "Parsed", "details_rows", "error_label", "field_id", "read_details"]

FormData = MultiDict[str, str]  # what a form gives

#: Client-side coverage values a service does not "accept": `unknown` (the client is not sure) and `dual`
#: (derived from Medicare and Medicaid both being present).
NOT_OFFERED = frozenset({"unknown", "dual"})
#: Kinds of coverage sold as plans with their own networks: the form asks which plans are taken.
PLAN_CATEGORIES = frozenset({"medicaid_mco", "medicare_advantage", "marketplace", "private", "state_plan"})

_PATH = re.compile(r"^(?P<key>[a-z_]+)\[(?P<index>\d+)\](?P<rest>.*)$")


@dataclass(frozen=True)
class Parsed:
    """A form read: the body to write (when there were no problems), the rows to show again, the problems."""

    body: dict[str, Any]
    rows: dict[str, Any]
    errors: Errors
    #: For each list, the form row of each item in the body (the importer names items by body position).
    positions: dict[str, list[int]] = field(default_factory=dict)
    #: The ETag the form was read with (a save over someone else's is refused).
    if_match: str | None = None

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


# -- insurance and payment -------------------------------------------------------------------------------------


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
            "plans": presentation.plan_text(held[code].get("plans") or []) if code in held else "",
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


def _read_insurance(
    form: DetailsForm, formdata: FormData, service: Service, errors: Errors
) -> tuple[list[Row], list[dict[str, Any]]]:
    ticked: list[str] = form.insurance.data or []
    existing = [row for row in service.insurance_accepted if isinstance(row, Mapping)]
    known = set(INSURANCE_CATEGORIES) | {str(row.get("category")) for row in existing}
    for code in ticked:
        if code not in known:
            errors.setdefault("insurance_accepted", []).append(
                _("%(code)s is not an insurance category of the directory", code=code)
            )
    plans = plans_given(formdata, sorted(known))
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


def _read_payment(ticked: list[str], service: Service, errors: Errors) -> tuple[list[Row], list[str]]:
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


class DetailsForm(EditorForm):
    phones = rows_field(PhoneRow)
    languages = rows_field(LanguageRow)
    required_documents = rows_field(DocumentRow)
    schedules = rows_field(ScheduleRow)
    insurance = SelectMultipleField(validate_choice=False, filters=[ticked])
    payment_options = SelectMultipleField(validate_choice=False, filters=[ticked])


class PlansRow(Form):
    plans = StringField(filters=[stripped])


def plans_given(formdata: FormData, codes: Sequence[str]) -> dict[str, str]:
    """The "only these plans" fields, one field per insurance category: `insurance_accepted-medicaid_mco-plans`."""
    plans = BaseForm(
        [(code, cast("UnboundField[Any]", FormField(PlansRow))) for code in codes], prefix="insurance_accepted-"
    )
    plans.process(formdata)
    return {code: str(cast("FormField[PlansRow]", plans[code]).form.plans.data or "") for code in codes}


def details_rows(service: Service) -> dict[str, Any]:
    return {
        "phones": rows_of(PhoneRow, service.phones),
        "languages": rows_of(LanguageRow, service.languages),
        "required_documents": rows_of(DocumentRow, service.required_documents),
        "schedules": schedule_rows(service.schedules),
        "insurance": insurance_rows(service.insurance_accepted),
        "payment_options": payment_rows(service.payment_options),
    }


def read_details(formdata: FormData, service: Service) -> Parsed:
    form = DetailsForm(formdata)
    form.validate()
    errors: Errors = {}
    rows: dict[str, Any] = {}
    body: dict[str, Any] = {}
    positions: dict[str, list[int]] = {}
    lists: dict[str, FieldList[Any]] = {
        "phones": form.phones,
        "languages": form.languages,
        "required_documents": form.required_documents,
    }
    for key, given in lists.items():
        read = read_rows(key, given, errors, (str(item.id) for item in getattr(service, key)))
        rows[key], body[key], positions[key] = read.rows, read.items, read.positions
    current = {str(schedule.id): schedule for schedule in service.schedules}
    read = read_rows("schedules", form.schedules, errors, current, stale_description(current))
    rows["schedules"], body["schedules"], positions["schedules"] = read.rows, read.items, read.positions
    rows["insurance"], body["insurance_accepted"] = _read_insurance(form, formdata, service, errors)
    rows["payment_options"], body["payment_options"] = _read_payment(form.payment_options.data or [], service, errors)
    return Parsed(body, rows, errors, positions, form.if_match)


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
