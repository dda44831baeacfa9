"""Structure checks of eligibility criteria trees: every problem named by its path."""

from __future__ import annotations

from typing import Any

import pytest

from directory.eligibility.criteria import criteria_problems

VALID: list[Any] = [
    None,
    {"type": "age", "min": 18},
    {"type": "age", "max": 17},
    {
        "all": [
            {"type": "age", "min": 18},
            {
                "any": [
                    {"type": "income", "max_percent_fpl": 200},
                    {"type": "enrolled_in", "any_of": ["medicaid", "snap"]},
                ]
            },
        ]
    },
    {"not": {"type": "status", "field": "veteran", "in": [True]}},
    {"type": "status", "field": "housing_status", "in": ["homeless", "at_risk"], "hard": False},
    {"type": "residency", "counties": ["Multnomah", "Washington"], "states": ["OR"]},
    {"type": "income", "max_percent_fpl": 185, "fpg_year": "prior"},
    {"type": "income", "max_percent_fpl": 138, "fpg_year": 2025, "count_unborn": True},
    {"type": "gender", "in": ["female"]},
    {"type": "diagnosis", "any_of": ["smi", "sud"]},
    {"type": "immigration", "in": ["citizen", "lpr"]},
    {"type": "household_size", "min": 2},
    {"type": "custom", "text": "Must be referred by a case manager"},
]


@pytest.mark.parametrize("tree", VALID)
def test_valid_trees_have_no_problems(tree: Any) -> None:
    assert criteria_problems(tree) == {}


@pytest.mark.parametrize(
    ("tree", "path", "words"),
    [
        ([], "eligibility_criteria", "must be an object"),
        ({"all": []}, "eligibility_criteria.all", "non-empty list"),
        ({"all": [{"type": "age", "min": 18}], "any": []}, "eligibility_criteria", "exactly one key"),
        ({"type": "zodiac"}, "eligibility_criteria.type", "unknown criterion type"),
        ({"type": "age"}, "eligibility_criteria", "needs min, max or both"),
        ({"type": "age", "min": -1}, "eligibility_criteria.min", ">= 0"),
        ({"type": "age", "min": "18"}, "eligibility_criteria.min", "must be a number"),
        ({"type": "age", "min": 30, "max": 20}, "eligibility_criteria", "greater than max"),
        ({"type": "age", "min": 18, "colour": "blue"}, "eligibility_criteria", "colour"),
        ({"type": "household_size", "min": 0}, "eligibility_criteria.min", ">= 1"),
        ({"type": "income"}, "eligibility_criteria.max_percent_fpl", "is required"),
        ({"type": "income", "max_percent_fpl": 200, "fpg_year": "next"}, "eligibility_criteria.fpg_year", "prior"),
        ({"type": "gender", "in": ["woman"]}, "eligibility_criteria.in", "unknown value(s) woman"),
        ({"type": "status", "field": "age", "in": [True]}, "eligibility_criteria.field", "must be one of"),
        ({"type": "status", "field": "veteran", "in": ["yes"]}, "eligibility_criteria.in", "true/false"),
        ({"type": "status", "field": "housing_status", "in": ["couch"]}, "eligibility_criteria.in", "couch"),
        ({"type": "residency"}, "eligibility_criteria", "postcodes, counties or states"),
        ({"type": "immigration", "in": ["martian"]}, "eligibility_criteria.in", "martian"),
        ({"type": "diagnosis", "any_of": []}, "eligibility_criteria.any_of", "non-empty list"),
        ({"type": "custom", "text": "  "}, "eligibility_criteria.text", "is required"),
        ({"type": "age", "min": 18, "hard": "no"}, "eligibility_criteria.hard", "true or false"),
        (
            {"all": [{"type": "age", "min": 18}, {"not": {"type": "?"}}]},
            "eligibility_criteria.all[1].not.type",
            "unknown",
        ),
    ],
)
def test_invalid_trees_name_the_path_and_the_problem(tree: Any, path: str, words: str) -> None:
    problems = criteria_problems(tree)
    assert path in problems, problems
    assert words in problems[path]
