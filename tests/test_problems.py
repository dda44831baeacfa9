"""Validation problems as a page says them: the validator's English kept as it is, other languages translated with
the same values, a form's problems rewritten to say what to enter."""

from __future__ import annotations

import pytest

from directory.problems import FORM_PROBLEMS, readable, readable_all
from tests.eligibility.test_wording import Marked


@pytest.mark.parametrize(
    "message",
    [
        "is too long (60 characters; at most 50)",
        "must be a whole number, not 'ten'",
        "must be a number, not 'x'",
        "must be a date as YYYY-MM-DD, not '2026-13-01'",
        "must be a UUID, not 'abc'",
        "must be one of active, inactive",
        "must be a date-time such as 2026-11-23T09:30:00+00:00, not 'soon'",
        "is not a field of an HSDS service",
        "must be a list of phone objects",
        "must be an object (phone)",
    ],
)
def test_the_validators_words_stay_in_english_and_translate_with_their_values(message: str) -> None:
    assert readable(message) == message
    assert readable(message, Marked()) == f"⟦{message}⟧"


def test_a_problem_no_pattern_knows_is_looked_up_as_written() -> None:
    assert readable("is required", Marked()) == "⟦is required⟧"
    assert readable_all({"name": "is required", "phones": ["must be text"]}, Marked()) == {
        "name": "⟦is required⟧",
        "phones": ["⟦must be text⟧"],
    }


def test_a_forms_problems_say_what_to_enter() -> None:
    said = "Must be greater than or equal to 0 and less than or equal to 130."
    assert readable(said, problems=FORM_PROBLEMS) == "Enter a number from 0 to 130."
    assert readable("Not a valid integer.", problems=FORM_PROBLEMS) == "Enter a whole number, in digits."
