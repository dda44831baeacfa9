"""The workspace's profile form <-> the match body. Every field is optional; blank means unknown."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Container, Mapping
from typing import Any

from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectMultipleField, StringField

from directory.eligibility.insurance import INSURANCE_CATEGORIES
from directory.errors import flat_messages
from directory.matching.operations import MatchRequest
from directory.matching.schemas import MatchRequestSchema, match_request
from directory.problems import FORM_PROBLEMS, readable
from directory.wording import ENGLISH, N_, Words

#: Diagnoses as the workspace names them (in the reader's language: `N_` marks them for the catalogs).
DIAGNOSES = {
    "smi": N_("Serious mental illness (SMI)"),
    "sed": N_("Serious emotional disturbance (child)"),
    "sud": N_("Substance use disorder"),
    "oud": N_("Opioid use disorder"),
    "co_occurring": N_("Co-occurring MH and SUD"),
    "hiv": N_("HIV"),
}
#: Programs go by their own names, in either language.
PROGRAMS = {"medicaid": "Medicaid / OHP", "snap": "SNAP", "ssi": "SSI", "ssdi": "SSDI", "tanf": "TANF", "wic": "WIC"}
TRISTATE = {"yes": True, "no": False}


def _stripped(value: Any) -> str:
    return str(value or "").strip()


def _given(values: list[str] | None) -> list[str]:
    return [value for value in values or () if value.strip()]


def _number(text: str) -> Any:
    if not text:
        return None
    try:
        return int(text) if text.lstrip("-").isdigit() else float(text.replace(",", "").replace("$", ""))
    except ValueError:
        return text  # the schema names it


class ProfileForm(Form):
    """The profile, needs and place (and the workspace's filters); the match schema judges what `body()` says."""

    age = StringField(filters=[_stripped])
    birth_date = StringField(filters=[_stripped])
    gender = StringField(filters=[_stripped])
    household_size = StringField(filters=[_stripped])
    postcode = StringField(filters=[_stripped])
    county = StringField(filters=[_stripped])
    state = StringField(filters=[_stripped])
    housing_status = StringField(filters=[_stripped])
    immigration_status = StringField(filters=[_stripped])
    income_amount = StringField(filters=[_stripped])
    income_period = StringField(filters=[_stripped])
    veteran = StringField(filters=[_stripped])
    pregnant = StringField(filters=[_stripped])
    disability = StringField(filters=[_stripped])
    insurance = StringField(filters=[_stripped])
    insurance_plan = StringField(filters=[_stripped])
    enrolled_in = SelectMultipleField(validate_choice=False, filters=[_given])
    language = StringField(filters=[_stripped])
    needs = SelectMultipleField(validate_choice=False, filters=[_given])
    near = StringField(filters=[_stripped])
    radius_miles = StringField(filters=[_stripped])
    query = StringField(filters=[_stripped])
    # Not `filter_language`: WTForms would take a `filter_<field>` attribute for a filter of that field.
    spoken = StringField(name="filter_language", filters=[_stripped])
    accepted = StringField(name="filter_insurance", filters=[_stripped])
    open_now = StringField(filters=[_stripped])
    accepting_new_clients = StringField(filters=[_stripped])

    @classmethod
    def kept(cls, values: Mapping[str, list[str]]) -> ProfileForm:
        """The form as `values()` kept it (in the workspace's session)."""
        return cls(MultiDict([(name, value) for name, listed in values.items() for value in listed]))

    def values(self) -> dict[str, list[str]]:
        """Every answer as sent (lists of text): what the session keeps and the page shows again."""
        return {field.name: list(field.raw_data) for field in self if field.raw_data}

    def text(self, name: str) -> str | None:
        return str(self[name].data or "") or None

    def body(self) -> dict[str, Any]:
        """The /api/match body the schemas validate (blank means unknown)."""
        profile = self._profile()
        body: dict[str, Any] = {
            "profile": {k: v for k, v in profile.items() if v is not None},
            "needs": self.needs.data,
        }
        near = self.text("near") or profile.get("postcode")
        if near:
            body["near"] = {"postcode": near}
            radius = _number(self.radius_miles.data or "")
            if radius is not None:
                body["radius_miles"] = radius
        if self.query.data:
            body["query"] = self.query.data
        return body

    def _profile(self) -> dict[str, Any]:
        one = self.text
        profile: dict[str, Any] = {
            name: _number(one(name) or "") if name in ("age", "household_size") else one(name) for name in _PROFILE
        }
        amount = _number(one("income_amount") or "")
        if amount is not None:
            profile["income"] = {"amount": amount, "period": one("income_period") or "month"}
        for flag in ("veteran", "pregnant", "disability"):
            choice = one(flag)
            profile[flag] = TRISTATE.get(choice) if choice else None
        coverage = one("insurance")
        if coverage:
            profile["insurance"] = [] if coverage == "none" else [{"category": coverage, "plan": one("insurance_plan")}]
        diagnoses = {code: one(f"dx_{code}") for code in DIAGNOSES if one(f"dx_{code}")}
        if diagnoses:
            profile["diagnoses"] = diagnoses
        programs = self.enrolled_in.data or []
        if programs:
            profile["enrolled_in"] = [] if "none" in programs else programs
        if one("language"):
            profile["languages"] = [one("language")]
        return profile

    def filters(self, languages: Container[str]) -> dict[str, Any]:
        """The workspace's filters: language spoken (one of `languages`), insurance accepted, open now, taking
        new clients."""
        language, insurance = self.spoken.data or "", self.accepted.data or ""
        return {
            "languages": (language,) if language in languages else (),
            "insurance_categories": (insurance,) if insurance in INSURANCE_CATEGORIES else (),
            "open_now": self.open_now.data == "true",
            "accepting_new_clients": True if self.accepting_new_clients.data == "true" else None,
        }

    def wanted(self, today: dt.date, words: Words, **extra: Any) -> tuple[MatchRequest | None, dict[str, str]]:
        """The match the form asks for (with `extra`, e.g. a limit), as the schema reads it; or what to fix,
        in `words`."""
        try:
            data = MatchRequestSchema().load({**self.body(), **extra})
        except ValidationError as error:
            return None, field_errors(error.messages, words=words)  # type: ignore[arg-type]
        return match_request(data, today), {}


#: The profile's fields as the form has them (numbers read as numbers), in the schema's order.
_PROFILE = (
    "age",
    "birth_date",
    "gender",
    "household_size",
    "postcode",
    "county",
    "state",
    "housing_status",
    "immigration_status",
)
for _code in DIAGNOSES:  # one field per diagnosis: dx_smi, dx_sud, ...
    setattr(ProfileForm, f"dx_{_code}", StringField(filters=[_stripped]))


def form_to_body(form: Mapping[str, Any]) -> dict[str, Any]:
    """A flat form (werkzeug MultiDict as a dict of lists) -> the /api/match body the schemas validate."""
    return ProfileForm.kept({k: v if isinstance(v, list) else [v] for k, v in form.items()}).body()


def field_errors(messages: Mapping[str, Any], words: Words = ENGLISH) -> dict[str, str]:
    """Marshmallow's nested messages -> {form field: what to fix, in `words`}."""
    return {
        _form_field(path): "; ".join(readable(said, words, FORM_PROBLEMS) for said in problems)
        for path, problems in flat_messages(messages).items()
    }


def _form_field(path: str) -> str:
    """The form's name for a field of the match body ("profile.income.amount" -> "income_amount")."""
    return path.removeprefix("profile.").replace("income.amount", "income_amount").replace("near.postcode", "near")


def refused(errors: Mapping[str, list[str]]) -> dict[str, str]:
    """What the matcher refused (e.g. a ZIP code it does not know), one line per field as the forms show it."""
    return {field: "; ".join(said) for field, said in errors.items()}


def _ids(values: list[str] | None) -> list[str]:
    """Only ids (anything else sent is ignored)."""
    return [value for value in values or () if _is_uuid(value)]


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


class HandoutForm(Form):
    """The services ticked in the workspace's results, and the note for a printed handout."""

    service_id = SelectMultipleField(validate_choice=False, filters=[_ids])
    note = StringField(filters=[_stripped])

    @property
    def chosen(self) -> list[str]:
        return list(self.service_id.data or [])
