"""The workspace's profile form <-> the match body. Every field is optional; blank means unknown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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


def form_to_body(form: Mapping[str, Any]) -> dict[str, Any]:
    """A flat form (werkzeug MultiDict as a dict of lists) -> the /api/match body the schemas validate."""

    def one(name: str) -> str | None:
        values = form.get(name)
        if isinstance(values, list):
            values = values[0] if values else None
        value = str(values or "").strip()
        return value or None

    def many(name: str) -> list[str]:
        values = form.get(name) or []
        return [v for v in (values if isinstance(values, list) else [values]) if v.strip()]

    def number(name: str) -> Any:
        value = one(name)
        if value is None:
            return None
        try:
            return int(value) if value.lstrip("-").isdigit() else float(value.replace(",", "").replace("$", ""))
        except ValueError:
            return value  # the schema names it

    profile: dict[str, Any] = {
        "age": number("age"),
        "birth_date": one("birth_date"),
        "gender": one("gender"),
        "household_size": number("household_size"),
        "postcode": one("postcode"),
        "county": one("county"),
        "state": one("state"),
        "housing_status": one("housing_status"),
        "immigration_status": one("immigration_status"),
    }
    amount = number("income_amount")
    if amount is not None:
        profile["income"] = {"amount": amount, "period": one("income_period") or "month"}
    for flag in ("veteran", "pregnant", "disability"):
        choice = one(flag)
        profile[flag] = TRISTATE.get(choice) if choice else None
    coverage = one("insurance")
    if coverage == "none":
        profile["insurance"] = []
    elif coverage:
        profile["insurance"] = [{"category": coverage, "plan": one("insurance_plan")}]
    diagnoses = {code: one(f"dx_{code}") for code in DIAGNOSES if one(f"dx_{code}")}
    if diagnoses:
        profile["diagnoses"] = diagnoses
    programs = many("enrolled_in")
    if "none" in programs:
        profile["enrolled_in"] = []
    elif programs:
        profile["enrolled_in"] = programs
    language = one("language")
    if language:
        profile["languages"] = [language]
    body: dict[str, Any] = {"profile": {k: v for k, v in profile.items() if v is not None}, "needs": many("needs")}
    near = one("near") or profile.get("postcode")
    if near:
        body["near"] = {"postcode": near}
        radius = number("radius_miles")
        if radius is not None:
            body["radius_miles"] = radius
    query = one("query")
    if query:
        body["query"] = query
    return body


def field_errors(messages: Mapping[str, Any], prefix: str = "", words: Words = ENGLISH) -> dict[str, str]:
    """Marshmallow's nested messages -> {form field: what to fix, in `words`}."""
    flat: dict[str, str] = {}
    for key, value in messages.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(field_errors(value, f"{name}.", words))
        else:
            problems = value if isinstance(value, list) else [value]
            flat[name] = "; ".join(readable(str(v), words, FORM_PROBLEMS) for v in problems)
    return {
        k.removeprefix("profile.").replace("income.amount", "income_amount").replace("near.postcode", "near"): v
        for k, v in flat.items()
    }
