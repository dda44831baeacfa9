"""Reasons in the reader's language: every sentence screening writes, every amount and number in it, every document
it asks for and every payment verdict goes through `wording.Words`, so a page can show it in Spanish. Pure: a
marking `Words` stands in for a language, and English (`ENGLISH`) stays exactly as the other tests pin it."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest

from directory.eligibility.evaluation import EVIDENCE, Outcome, match, question, topic
from directory.eligibility.insurance import insurance_verdict
from directory.eligibility.profile import ClientProfile, Coverage, Income, Period
from directory.wording import ENGLISH


class Marked:
    """A stand-in language: each phrase in ⟦ ⟧, amounts as ¤n, numbers as #n, dates as @dd.mm.yyyy. Text not
    marked was not translated."""

    def gettext(self, text: str, **values: Any) -> str:
        return "⟦" + (text % values if values else text) + "⟧"

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str:
        return "⟦" + ((singular if num == 1 else plural) % {"num": num, **values}) + "⟧"

    def money(self, amount: float, *, cents: bool = False) -> str:
        return f"¤{amount:.2f}" if cents else f"¤{amount:.0f}"

    def number(self, value: float, digits: int | None = None) -> str:
        return f"#{value:g}" if digits is None else f"#{value:.{digits}f}"

    def day(self, value: date) -> str:
        return f"@{value:%d.%m.%Y}"


MARKED = Marked()
AS_OF = date(2026, 11, 23)
ZIPS = {"97205": ("Multnomah", "OR"), "97035": ("Clackamas", "OR"), "99501": ("Anchorage", "AK")}

LEAVES: list[dict[str, Any]] = [
    {"type": "age", "min": 18},
    {"type": "age", "max": 17},
    {"type": "age", "min": 60, "max": 64},
    {"type": "gender", "in": ["female", "nonbinary"]},
    {"type": "residency", "counties": ["Multnomah"], "states": ["WA"], "postcodes": ["97035"]},
    {"type": "residency", "counties": ["Multnomah"]},
    {"type": "residency", "states": ["OR"]},
    {"type": "income", "max_percent_fpl": 200},
    {"type": "income", "max_percent_fpl": 185, "count_unborn": True},
    {"type": "income", "max_percent_fpl": 138, "fpg_year": 2019},
    {"type": "household_size", "min": 2, "max": 4},
    {"type": "household_size", "max": 1},
    {"type": "household_size", "min": 3},
    {"type": "status", "field": "veteran", "in": [True]},
    {"type": "status", "field": "pregnant", "in": [False]},
    {"type": "status", "field": "disability", "in": [True, False]},
    {"type": "status", "field": "housing_status", "in": ["homeless", "at_risk"]},
    {"type": "diagnosis", "any_of": ["smi", "sud"]},
    {"type": "immigration", "in": ["citizen", "lpr"]},
    {"type": "enrolled_in", "any_of": ["medicaid", "snap"]},
    {"type": "custom", "text": ""},
    {"type": "age", "min": 18, "hard": False},
    {"not": {"type": "status", "field": "veteran", "in": [True]}},
]

PROFILES: list[ClientProfile] = [
    ClientProfile(as_of=AS_OF),
    ClientProfile(
        as_of=AS_OF,
        age=30,
        gender="female",
        household_size=3,
        income=Income(2100.5, Period.MONTH),
        postcode="97205",
        county="Multnomah",
        state="OR",
        veteran=True,
        pregnant=False,
        disability=True,
        housing_status="homeless",
        diagnoses={"smi": "yes"},
        immigration_status="citizen",
        enrolled_in=("medicaid",),
    ),
    ClientProfile(
        as_of=AS_OF,
        age=17,
        gender="male",
        household_size=6,
        income=Income(5200, Period.BIWEEK),
        postcode="99501",
        veteran=False,
        pregnant=None,
        disability=False,
        housing_status="housed",
        diagnoses={"smi": "no", "sud": "suspected"},
        immigration_status="undocumented",
        enrolled_in=(),
    ),
    ClientProfile(as_of=AS_OF, age=64, household_size=1, income=Income(900, Period.WEEK), postcode="97035"),
    ClientProfile(as_of=AS_OF, household_size=2, income=Income(3400, Period.MONTH), state="OR", pregnant=None),
]


def places(code: str) -> tuple[str, str] | None:
    return ZIPS.get(code)


def marked(text: str) -> bool:
    return text.startswith("⟦") and text.endswith("⟧") and "$" not in text


@pytest.mark.parametrize(("node", "profile"), list(itertools.product(LEAVES, PROFILES)))
def test_every_reason_is_written_in_the_readers_words(node: dict[str, Any], profile: ClientProfile) -> None:
    verdict = match(profile, {"all": [node, {"type": "age", "min": 0}]}, places=places, words=MARKED)
    english = match(profile, {"all": [node, {"type": "age", "min": 0}]}, places=places)
    assert verdict.status is english.status  # the words change, never the verdict
    for reason in (*verdict.reasons, *verdict.notes):
        assert marked(reason.message), reason.message
        if reason.near_miss:
            assert marked(reason.near_miss), reason.near_miss
    ours = {MARKED.gettext(text) for text in EVIDENCE.values()}
    assert set(verdict.documents) <= ours


def test_amounts_and_numbers_are_the_readers_too() -> None:
    profile = ClientProfile(as_of=AS_OF, household_size=3, income=Income(2100.5, Period.MONTH), state="OR")
    (reason,) = match(profile, {"type": "income", "max_percent_fpl": 200}, words=MARKED).reasons
    assert "¤2100.50" in reason.message  # the client's income, with its cents
    assert "#200" in reason.message  # the limit's percentage
    assert "⟦/mo⟧" in reason.message  # per month
    english = match(profile, {"type": "income", "max_percent_fpl": 200}).reasons[0].message
    assert english.startswith("Income $2,100.50/mo is ")


def test_a_services_own_documents_stay_as_entered() -> None:
    verdict = match(
        ClientProfile(as_of=AS_OF),
        {"type": "age", "min": 18},
        documents=["Photo ID (preferred)", "Lease"],
        words=MARKED,
    )
    # The service's wording wins over our "Photo ID or birth certificate" and is shown as the service wrote it.
    assert verdict.documents == ("Photo ID (preferred)", "Lease")


def test_no_restrictions_in_the_readers_words() -> None:
    (reason,) = match(ClientProfile(as_of=AS_OF), None, verified_on=date(2026, 10, 1), words=MARKED).reasons
    assert reason.message == "⟦No restrictions recorded; last verified @01.10.2026⟧"


@pytest.mark.parametrize(
    ("accepted", "options", "coverage"),
    [
        ([], ["free"], None),
        ([], [], None),
        ([{"category": "medicaid"}], [], None),
        ([], ["sliding_fee"], ()),
        ([], ["free"], ()),
        ([{"category": "self_pay"}], [], ()),
        ([], ["donation"], ()),
        ([{"category": "private"}], [], ()),
        ([{"category": "medicaid"}], [], (Coverage("unknown"),)),
        ([{"category": "medicaid"}], [], (Coverage("medicaid"),)),
        ([{"category": "medicaid_mco", "plans": ["trillium"]}], [], (Coverage("medicaid_mco", "trillium"),)),
        ([{"category": "medicaid_mco", "plans": ["trillium"]}], [], (Coverage("medicaid_mco", "careoregon"),)),
        ([{"category": "medicaid_mco", "plans": ["trillium"]}], [], (Coverage("medicaid_mco"),)),
        ([{"category": "private"}], ["sliding_fee"], (Coverage("medicare"),)),
        ([], ["donation"], (Coverage("medicare"),)),
        ([{"category": "private"}], [], (Coverage("medicare"),)),
    ],
)
def test_every_payment_verdict_is_written_in_the_readers_words(
    accepted: list[dict[str, Any]], options: list[str], coverage: tuple[Coverage, ...] | None
) -> None:
    verdict = insurance_verdict(accepted, options, coverage, MARKED)
    assert marked(verdict.message), verdict.message
    assert verdict.status is insurance_verdict(accepted, options, coverage).status


def test_payment_and_insurance_names_inside_a_verdict_are_translated() -> None:
    verdict = insurance_verdict([{"category": "private"}], ["donation"], (Coverage("medicare"),), MARKED)
    assert "⟦Medicare⟧" in verdict.message
    verdict = insurance_verdict([], ["donation"], (Coverage("medicare"),), MARKED)
    assert "⟦Donation welcome, not required⟧" in verdict.message


@pytest.mark.parametrize("field", ["age", "household_size", "diagnoses", "enrolled_in", "something_new"])
def test_questions_and_topics_in_the_readers_words(field: str) -> None:
    assert marked(question(field, MARKED))
    if field == "something_new":  # a field we have no words for is shown by its name
        assert topic(field, MARKED) == "something new"
    else:
        assert marked(topic(field, MARKED))
    assert question("household_size", ENGLISH) == "How many people are in the household?"


def test_outcomes_do_not_depend_on_the_language() -> None:
    profile = PROFILES[2]
    node = {"any": [{"type": "age", "min": 18}, {"not": {"type": "status", "field": "veteran", "in": [True]}}]}
    outcomes = [r.outcome for r in match(profile, node, words=MARKED).reasons]
    assert outcomes == [r.outcome for r in match(profile, node).reasons] == [Outcome.MEETS]
