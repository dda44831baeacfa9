"""The eligibility criteria builder: a plain form (no JSON typing, no JavaScript) <-> the criteria tree.

The form covers the shape most listings need: every requirement must hold (`all`), with income optionally met by
enrollment in a benefit instead (`any` of income and enrolled_in), and any requirement advisory (`hard: false`).
A tree of another shape is shown read-only, and saving from the builder replaces it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from directory.eligibility.evaluation import Verdict, match
from directory.eligibility.profile import ClientProfile, Coverage, Income, Period
from directory.locales import translated
from directory.wording import N_

STATUS_FIELDS = ("veteran", "pregnant", "disability")
HOUSING = ("homeless", "at_risk", "housed")
DIAGNOSES = ("smi", "sed", "sud", "oud", "co_occurring", "hiv")
PROGRAMS = ("medicaid", "snap", "ssi", "ssdi", "tanf", "wic")
IMMIGRATION = ("citizen", "lpr", "refugee_asylee", "other_lawful", "undocumented")
GENDERS = ("female", "male", "nonbinary")

#: Three clients every preview judges, chosen to exercise ages, income, benefits and statuses (the page translates
#: their descriptions).
SAMPLE_CLIENTS: tuple[tuple[str, ClientProfile], ...] = (
    (
        N_("Young adult, working, no benefits recorded"),
        ClientProfile(as_of=date(2026, 11, 23), age=22, household_size=1, income=Income(1900, Period.MONTH),
                      county="Multnomah", state="OR", insurance=(), enrolled_in=()),
    ),
    (
        N_("Parent of three on SNAP and Medicaid, homeless"),
        ClientProfile(as_of=date(2026, 11, 23), age=34, household_size=4, income=Income(2600, Period.MONTH),
                      county="Washington", state="OR", insurance=(Coverage("medicaid_mco", "careoregon"),),
                      enrolled_in=("snap", "medicaid"), housing_status="homeless", pregnant=False),
    ),
    (
        N_("Older veteran on Medicare, little else recorded"),
        ClientProfile(as_of=date(2026, 11, 23), age=71, veteran=True, state="WA",
                      insurance=(Coverage("medicare"),)),
    ),
)  # fmt: skip


def _(text: str) -> str:
    """`text` in the language of the request being answered (English outside one)."""
    return translated().gettext(text)


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip()


def _many(form: Mapping[str, Any], name: str) -> list[str]:
    value = form.get(name, [])
    return [v for v in (value if isinstance(value, list) else [value]) if str(v).strip()]


def _number(form: Mapping[str, Any], name: str, errors: dict[str, list[str]]) -> float | None:
    text = _text(form, name)
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        errors[name] = [_("must be a number")]
        return None
    if number < 0:
        errors[name] = [_("must not be negative")]
    return int(number) if number.is_integer() else number


def _places(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def tree_from_form(form: Mapping[str, Any]) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    """The criteria tree the form describes (None: no restrictions), and what is wrong with the form."""
    errors: dict[str, list[str]] = {}
    leaves: list[dict[str, Any]] = []
    low, high = _number(form, "age_min", errors), _number(form, "age_max", errors)
    if low is not None or high is not None:
        leaves.append(
            {"type": "age", **({"min": low} if low is not None else {}), **({"max": high} if high is not None else {})}
        )
    genders = [g for g in _many(form, "gender") if g in GENDERS]
    if genders:
        leaves.append({"type": "gender", "in": genders})
    residency = {key: _places(_text(form, key)) for key in ("counties", "states", "postcodes")}
    if any(residency.values()):
        leaves.append({"type": "residency", **{k: v for k, v in residency.items() if v}})
    percent = _number(form, "income_max_fpl", errors)
    programs = [p for p in _many(form, "income_or_enrolled") if p in PROGRAMS]
    if percent is not None:
        income = {"type": "income", "max_percent_fpl": percent}
        leaves.append({"any": [income, {"type": "enrolled_in", "any_of": programs}]} if programs else income)
    elif programs:
        leaves.append({"type": "enrolled_in", "any_of": programs})
    for name in STATUS_FIELDS:
        choice = _text(form, f"status_{name}")
        if choice in ("required", "advisory"):
            leaf: dict[str, Any] = {"type": "status", "field": name, "in": [True]}
            if choice == "advisory":
                leaf["hard"] = False
            leaves.append(leaf)
    housing = [h for h in _many(form, "housing") if h in HOUSING]
    if housing:
        leaf = {"type": "status", "field": "housing_status", "in": housing}
        if _text(form, "housing_advisory"):
            leaf["hard"] = False
        leaves.append(leaf)
    diagnoses = [d for d in _many(form, "diagnosis") if d in DIAGNOSES]
    if diagnoses:
        leaves.append({"type": "diagnosis", "any_of": diagnoses})
    immigration = [s for s in _many(form, "immigration") if s in IMMIGRATION]
    if immigration:
        leaves.append({"type": "immigration", "in": immigration})
    for line in _text(form, "custom").splitlines():
        if line.strip():
            leaves.append({"type": "custom", "text": line.strip()})
    if low is not None and high is not None and low > high:
        errors["age_max"] = [_("is below the minimum age")]
    return ({"all": leaves} if leaves else None), errors


def form_from_tree(tree: Mapping[str, Any] | None) -> tuple[dict[str, Any], bool]:
    """The form showing a tree, and whether the builder can show all of it."""
    form: dict[str, Any] = {}
    if not tree:
        return form, True
    leaves = list(tree.get("all", [])) if set(tree) == {"all"} else [tree]
    shown = True
    for leaf in leaves:
        if (
            "any" in leaf
            and len(leaf["any"]) == 2
            and {c.get("type") for c in leaf["any"]} == {"income", "enrolled_in"}
        ):
            income = next(c for c in leaf["any"] if c.get("type") == "income")
            enrolled = next(c for c in leaf["any"] if c.get("type") == "enrolled_in")
            form["income_max_fpl"] = str(income["max_percent_fpl"])
            form["income_or_enrolled"] = list(enrolled.get("any_of", []))
            continue
        kind = leaf.get("type")
        if kind == "age":
            form.update({k: str(leaf[v]) for k, v in (("age_min", "min"), ("age_max", "max")) if v in leaf})
        elif kind == "gender":
            form["gender"] = list(leaf["in"])
        elif kind == "residency":
            form.update({k: ", ".join(leaf[k]) for k in ("counties", "states", "postcodes") if k in leaf})
        elif kind == "income" and "fpg_year" not in leaf and "count_unborn" not in leaf:
            form["income_max_fpl"] = str(leaf["max_percent_fpl"])
        elif kind == "enrolled_in":
            form["income_or_enrolled"] = list(leaf["any_of"])
        elif kind == "status" and leaf.get("field") in STATUS_FIELDS and leaf.get("in") == [True]:
            form[f"status_{leaf['field']}"] = "advisory" if leaf.get("hard") is False else "required"
        elif kind == "status" and leaf.get("field") == "housing_status":
            form["housing"] = list(leaf["in"])
            if leaf.get("hard") is False:
                form["housing_advisory"] = "1"
        elif kind == "diagnosis":
            form["diagnosis"] = list(leaf["any_of"])
        elif kind == "immigration":
            form["immigration"] = list(leaf["in"])
        elif kind == "custom":
            form["custom"] = "\n".join(filter(None, [form.get("custom", ""), leaf["text"]]))
        else:
            shown = False
    return form, shown


def preview(tree: Mapping[str, Any] | None) -> list[tuple[str, Verdict]]:
    """How the three sample clients would be judged."""
    return [(label, match(profile, tree)) for label, profile in SAMPLE_CLIENTS]
