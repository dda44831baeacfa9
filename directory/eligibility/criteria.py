"""The eligibility criteria tree (docs/eligibility.md): structure checks with a path for every problem.

Groups: {"all": [...]}, {"any": [...]}, {"not": {...}}. Leaves carry a "type" and may carry "hard": false.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

STATUS_FIELDS = frozenset({"veteran", "pregnant", "disability", "housing_status"})
HOUSING_STATUSES = frozenset({"homeless", "at_risk", "housed"})
GENDERS = frozenset({"female", "male", "nonbinary"})
IMMIGRATION_STATUSES = frozenset({"citizen", "lpr", "refugee_asylee", "other_lawful", "undocumented", "prefer_not"})

#: For each leaf type: its allowed keys (besides "type" and "hard").
LEAF_KEYS: dict[str, frozenset[str]] = {
    "age": frozenset({"min", "max"}),
    "gender": frozenset({"in", "note"}),
    "residency": frozenset({"postcodes", "counties", "states"}),
    "income": frozenset({"max_percent_fpl", "fpg_year", "count_unborn"}),
    "household_size": frozenset({"min", "max"}),
    "status": frozenset({"field", "in"}),
    "diagnosis": frozenset({"any_of"}),
    "immigration": frozenset({"in"}),
    "enrolled_in": frozenset({"any_of"}),
    "custom": frozenset({"text"}),
}


def criteria_problems(tree: Any, path: str = "eligibility_criteria") -> dict[str, str]:
    """Every structural problem of a criteria tree as {path: message}; empty when the tree is valid.

    `None` (no restrictions recorded) is valid.
    """
    if tree is None:
        return {}
    problems: dict[str, str] = {}
    _check(tree, path, problems)
    return problems


def _check(node: Any, path: str, problems: dict[str, str]) -> None:
    if not isinstance(node, Mapping):
        problems[path] = "must be an object: a group (all / any / not) or a leaf with a type"
        return
    groups = [key for key in ("all", "any", "not") if key in node]
    if groups:
        if len(node) != 1:
            problems[path] = f"a group has exactly one key ({groups[0]}); found {', '.join(sorted(node))}"
            return
        key = groups[0]
        value = node[key]
        if key == "not":
            _check(value, f"{path}.not", problems)
        elif not isinstance(value, list) or not value:
            problems[f"{path}.{key}"] = "must be a non-empty list of criteria"
        else:
            for i, child in enumerate(value):
                _check(child, f"{path}.{key}[{i}]", problems)
        return
    leaf_type = node.get("type")
    if leaf_type not in LEAF_KEYS:
        known = ", ".join(sorted(LEAF_KEYS))
        problems[f"{path}.type"] = f"unknown criterion type {leaf_type!r}; expected one of {known}"
        return
    extra = set(node) - LEAF_KEYS[leaf_type] - {"type", "hard"}
    if extra:
        problems[path] = f"unknown key(s) for a {leaf_type} criterion: {', '.join(sorted(extra))}"
    if "hard" in node and not isinstance(node["hard"], bool):
        problems[f"{path}.hard"] = "must be true or false"
    LEAF_CHECKS[leaf_type](node, path, problems)


def _number(node: Mapping[str, Any], key: str, path: str, problems: dict[str, str], *, minimum: float) -> None:
    if key in node:
        value = node[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
            problems[f"{path}.{key}"] = f"must be a number >= {minimum:g}"


def _strings(
    node: Mapping[str, Any],
    key: str,
    path: str,
    problems: dict[str, str],
    *,
    required: bool = True,
    allowed: frozenset[str] | None = None,
) -> None:
    if key not in node:
        if required:
            problems[f"{path}.{key}"] = "is required"
        return
    value = node[key]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        problems[f"{path}.{key}"] = "must be a non-empty list of strings"
    elif allowed is not None and not set(value) <= allowed:
        bad = ", ".join(sorted(set(value) - allowed))
        problems[f"{path}.{key}"] = f"unknown value(s) {bad}; expected any of {', '.join(sorted(allowed))}"


def _check_range(leaf_type: str, node: Mapping[str, Any], path: str, problems: dict[str, str], *, minimum: int) -> None:
    _number(node, "min", path, problems, minimum=minimum)
    _number(node, "max", path, problems, minimum=minimum)
    if "min" not in node and "max" not in node:
        problems[path] = f"a {leaf_type} criterion needs min, max or both"
    elif (
        f"{path}.min" not in problems
        and f"{path}.max" not in problems
        and "min" in node
        and "max" in node
        and node["min"] > node["max"]
    ):
        problems[path] = f"min ({node['min']}) is greater than max ({node['max']})"


def _check_age(node: Mapping[str, Any], path: str, problems: dict[str, str]) -> None:
    _check_range("age", node, path, problems, minimum=0)


def _check_household_size(node: Mapping[str, Any], path: str, problems: dict[str, str]) -> None:
    _check_range("household_size", node, path, problems, minimum=1)


def _check_gender(node: Mapping[str, Any], path: str, problems: dict[str, str]) -> None:
    _strings(node, "in", path, problems, allowed=GENDERS)


def _check_residency(node: Mapping[str, Any], path: str, problems: dict[str, str]) -> None:
    if not any(key in node for key in ("postcodes", "counties", "states")):
        problems[path] = "a residency criterion needs postcodes, counties or states"
    for key in ("postcodes", "counties", "states"):
        _strings(node, key, path, problems, required=False)


def _check_income(node: Mapping[str, Any], path: str, problems: dict[str, str]) -> None:
    if "max_percent_fpl" not in node:
        problems[f"{path}.max_percent_fpl"] = "is required"
    else:
        _number(node, "max_percent_fpl", path, problems, minimum=1)
    year = node.get("fpg_year")
    if year is not None and year != "prior" and not (isinstance(year, int) and 2000 <= year <= 2100):
        problems[f"{path}.fpg_year"] = "must be a year such as 2026, or 'prior'"
    if "count_unborn" in node and not isinstance(node["count_unborn"], bool):
        problems[f"{path}.count_unborn"] = "must be true or false"


def _check_status(node: Mapping[str, Any], path: str, problems: dict[str, str]) -> None:
    status_field = node.get("field")
    if status_field not in STATUS_FIELDS:
        problems[f"{path}.field"] = f"must be one of {', '.join(sorted(STATUS_FIELDS))}"
    value = node.get("in")
    if status_field == "housing_status":
        _strings(node, "in", path, problems, allowed=HOUSING_STATUSES)
    elif not isinstance(value, list) or not value or not all(isinstance(v, bool) for v in value):
        problems[f"{path}.in"] = "must be a non-empty list of true/false"


def _check_immigration(node: Mapping[str, Any], path: str, problems: dict[str, str]) -> None:
    _strings(node, "in", path, problems, allowed=IMMIGRATION_STATUSES)


def _check_any_of(node: Mapping[str, Any], path: str, problems: dict[str, str]) -> None:
    _strings(node, "any_of", path, problems)


def _check_custom(node: Mapping[str, Any], path: str, problems: dict[str, str]) -> None:
    if not isinstance(node.get("text"), str) or not node["text"].strip():
        problems[f"{path}.text"] = "is required: the sentence a person reads"


#: For each leaf type: the check of its values (after its keys are checked against LEAF_KEYS).
LEAF_CHECKS: dict[str, Callable[[Mapping[str, Any], str, dict[str, str]], None]] = {
    "age": _check_age,
    "gender": _check_gender,
    "residency": _check_residency,
    "income": _check_income,
    "household_size": _check_household_size,
    "status": _check_status,
    "diagnosis": _check_any_of,
    "immigration": _check_immigration,
    "enrolled_in": _check_any_of,
    "custom": _check_custom,
}
