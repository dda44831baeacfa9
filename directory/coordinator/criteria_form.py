"""The eligibility criteria builder: a plain form (no JSON typing, no JavaScript) <-> the criteria tree.

The form covers the shape most listings need: every requirement must hold (`all`), with income optionally met by
enrollment in a benefit instead (`any` of income and enrolled_in), and any requirement advisory (`hard: false`).
A tree of another shape is shown read-only, and saving from the builder replaces it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, cast

from werkzeug.datastructures import MultiDict
from wtforms import Field, Form, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import StopValidation, ValidationError

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


def _stripped(value: Any) -> str:
    return str(value or "").strip()


def _number(text: str) -> float | None:
    """A non-negative number as the tree holds it (18, not 18.0); None when blank or not a number."""
    try:
        number = float(text) if text else None
    except ValueError:
        return None
    return int(number) if number is not None and number.is_integer() else number


def _a_number(form: Form, field: Field) -> None:
    if not field.data:
        return
    try:
        number = float(field.data)
    except ValueError:
        raise StopValidation(_("must be a number")) from None
    if number < 0:
        raise ValidationError(_("must not be negative"))


def _places(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _chosen(*allowed: str) -> SelectMultipleField:
    """Ticked boxes, each one of `allowed` (anything else sent is ignored, as a page never sends it)."""
    return SelectMultipleField(
        validate_choice=False, filters=[lambda ticked: [v for v in ticked or () if v in allowed]]
    )


class CriteriaForm(Form):
    """The builder's fields; `tree()` is the criteria tree they describe."""

    age_min = StringField(filters=[_stripped], validators=[_a_number])
    age_max = StringField(filters=[_stripped], validators=[_a_number])
    gender = _chosen(*GENDERS)
    counties = StringField(filters=[_stripped])
    states = StringField(filters=[_stripped])
    postcodes = StringField(filters=[_stripped])
    income_max_fpl = StringField(filters=[_stripped], validators=[_a_number])
    income_or_enrolled = _chosen(*PROGRAMS)
    status_veteran = StringField(filters=[_stripped])
    status_pregnant = StringField(filters=[_stripped])
    status_disability = StringField(filters=[_stripped])
    housing = _chosen(*HOUSING)
    housing_advisory = StringField(filters=[_stripped])
    diagnosis = _chosen(*DIAGNOSES)
    immigration = _chosen(*IMMIGRATION)
    custom = TextAreaField(filters=[_stripped])
    action = StringField(filters=[_stripped])

    def validate_age_max(self, field: Field) -> None:
        low, high = _number(self.age_min.data or ""), _number(field.data or "")
        if low is not None and high is not None and low > high:
            cast(list[str], field.errors).clear()  # the one problem to fix
            raise ValidationError(_("is below the minimum age"))

    @property
    def saving(self) -> bool:
        """Save (rather than only preview)."""
        return self.action.data == "save"

    @property
    def problems(self) -> dict[str, list[str]]:
        return {name: list(field.errors) for name, field in self._fields.items() if field.errors}

    def tree(self) -> dict[str, Any] | None:
        """The criteria tree the form describes (None: no restrictions)."""
        leaves = [*self._age(), *self._places(), *self._income(), *self._statuses(), *self._others()]
        return {"all": leaves} if leaves else None

    def _age(self) -> list[dict[str, Any]]:
        low, high = _number(self.age_min.data or ""), _number(self.age_max.data or "")
        if low is None and high is None:
            return []
        return [
            {"type": "age", **({"min": low} if low is not None else {}), **({"max": high} if high is not None else {})}
        ]

    def _places(self) -> list[dict[str, Any]]:
        leaves: list[dict[str, Any]] = [{"type": "gender", "in": self.gender.data}] if self.gender.data else []
        residency = {key: _places(self[key].data or "") for key in ("counties", "states", "postcodes")}
        if any(residency.values()):
            leaves.append({"type": "residency", **{k: v for k, v in residency.items() if v}})
        return leaves

    def _income(self) -> list[dict[str, Any]]:
        percent, programs = _number(self.income_max_fpl.data or ""), self.income_or_enrolled.data
        if percent is not None:
            income = {"type": "income", "max_percent_fpl": percent}
            return [{"any": [income, {"type": "enrolled_in", "any_of": programs}]} if programs else income]
        return [{"type": "enrolled_in", "any_of": programs}] if programs else []

    def _statuses(self) -> list[dict[str, Any]]:
        leaves: list[dict[str, Any]] = []
        for name in STATUS_FIELDS:
            choice = self[f"status_{name}"].data
            if choice in ("required", "advisory"):
                leaf: dict[str, Any] = {"type": "status", "field": name, "in": [True]}
                leaves.append({**leaf, "hard": False} if choice == "advisory" else leaf)
        if self.housing.data:
            leaf = {"type": "status", "field": "housing_status", "in": self.housing.data}
            leaves.append({**leaf, "hard": False} if self.housing_advisory.data else leaf)
        return leaves

    def _others(self) -> list[dict[str, Any]]:
        leaves: list[dict[str, Any]] = []
        if self.diagnosis.data:
            leaves.append({"type": "diagnosis", "any_of": self.diagnosis.data})
        if self.immigration.data:
            leaves.append({"type": "immigration", "in": self.immigration.data})
        leaves += [
            {"type": "custom", "text": line.strip()} for line in (self.custom.data or "").splitlines() if line.strip()
        ]
        return leaves

    def shown(self) -> dict[str, Any]:
        """What the page shows again: each field as sent (a list where several values came)."""
        return {
            name: field.raw_data if name in LISTS or len(field.raw_data) > 1 else field.raw_data[0]
            for name, field in self._fields.items()
            if field.raw_data
        }


#: The builder's fields that can hold several values.
LISTS = frozenset({"gender", "income_or_enrolled", "housing", "diagnosis", "immigration"})


def tree_from_form(form: Mapping[str, Any]) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    """The criteria tree a form's values describe (None: no restrictions), and what is wrong with them."""
    read = CriteriaForm(
        MultiDict([(k, v) for k, values in form.items() for v in (values if isinstance(values, list) else [values])])
    )
    read.validate()
    return read.tree(), read.problems


def form_from_tree(tree: Mapping[str, Any] | None) -> tuple[dict[str, Any], bool]:
    """The form showing a tree, and whether the builder can show all of it."""
    form: dict[str, Any] = {}
    if not tree:
        return form, True
    leaves = list(tree.get("all", [])) if set(tree) == {"all"} else [tree]
    shown = [_show(leaf, form) for leaf in leaves]
    return form, all(shown)


Shown = dict[str, Any]


def _show(leaf: Mapping[str, Any], form: Shown) -> bool:
    """Put one requirement on the form; False when the builder cannot show it."""
    if "any" in leaf:
        return _show_income_or_enrolled(leaf["any"], form)
    show = _SHOW.get(str(leaf.get("type")))
    return show is not None and show(leaf, form)


def _show_income_or_enrolled(either: list[Mapping[str, Any]], form: Shown) -> bool:
    if len(either) != 2 or {c.get("type") for c in either} != {"income", "enrolled_in"}:
        return False
    income = next(c for c in either if c.get("type") == "income")
    enrolled = next(c for c in either if c.get("type") == "enrolled_in")
    form["income_max_fpl"] = str(income["max_percent_fpl"])
    form["income_or_enrolled"] = list(enrolled.get("any_of", []))
    return True


def _show_age(leaf: Mapping[str, Any], form: Shown) -> bool:
    form.update({k: str(leaf[v]) for k, v in (("age_min", "min"), ("age_max", "max")) if v in leaf})
    return True


def _show_residency(leaf: Mapping[str, Any], form: Shown) -> bool:
    form.update({k: ", ".join(leaf[k]) for k in ("counties", "states", "postcodes") if k in leaf})
    return True


def _show_income(leaf: Mapping[str, Any], form: Shown) -> bool:
    if "fpg_year" in leaf or "count_unborn" in leaf:
        return False
    form["income_max_fpl"] = str(leaf["max_percent_fpl"])
    return True


def _show_status(leaf: Mapping[str, Any], form: Shown) -> bool:
    if leaf.get("field") in STATUS_FIELDS and leaf.get("in") == [True]:
        form[f"status_{leaf['field']}"] = "advisory" if leaf.get("hard") is False else "required"
        return True
    if leaf.get("field") == "housing_status":
        form["housing"] = list(leaf["in"])
        if leaf.get("hard") is False:
            form["housing_advisory"] = "1"
        return True
    return False


def _show_custom(leaf: Mapping[str, Any], form: Shown) -> bool:
    form["custom"] = "\n".join(filter(None, [form.get("custom", ""), leaf["text"]]))
    return True


def _show_list(name: str, key: str) -> Callable[[Mapping[str, Any], Shown], bool]:
    def show(leaf: Mapping[str, Any], form: Shown) -> bool:
        form[name] = list(leaf[key])
        return True

    return show


_SHOW: dict[str, Callable[[Mapping[str, Any], Shown], bool]] = {
    "age": _show_age,
    "gender": _show_list("gender", "in"),
    "residency": _show_residency,
    "income": _show_income,
    "enrolled_in": _show_list("income_or_enrolled", "any_of"),
    "status": _show_status,
    "diagnosis": _show_list("diagnosis", "any_of"),
    "immigration": _show_list("immigration", "in"),
    "custom": _show_custom,
}


def preview(tree: Mapping[str, Any] | None) -> list[tuple[str, Verdict]]:
    """How the three sample clients would be judged."""
    return [(label, match(profile, tree)) for label, profile in SAMPLE_CLIENTS]
