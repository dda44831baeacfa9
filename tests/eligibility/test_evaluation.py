"""Three-valued screening (criteria-model.md §4.3-4.6): every leaf and outcome, Kleene groups, the §4.5 edge cases,
near misses and documents to bring. Pure: no Flask, no database, no network; ZIP codes resolve through a dict.

Income amounts are computed from the published HHS tables (eligibility-facts.md §1.1), written out here by hand.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from directory.eligibility.criteria import HOUSING_STATUSES, IMMIGRATION_STATUSES, criteria_problems
from directory.eligibility.evaluation import QUESTIONS, Outcome, Reason, Status, Verdict, evaluate_leaf, match
from directory.eligibility.profile import PER_YEAR, ClientProfile, Income, Period

M, U, F = Outcome.MEETS, Outcome.UNKNOWN, Outcome.FAILS
ELIGIBLE, POSSIBLY, INELIGIBLE = Status.ELIGIBLE, Status.POSSIBLY, Status.INELIGIBLE
STATUS_OF = {M: ELIGIBLE, U: POSSIBLY, F: INELIGIBLE}

AS_OF = date(2026, 11, 23)

# ZIP code -> (county, state): what `places` answers. 12345 is a ZIP code it does not know.
ZIPS: dict[str, tuple[str, str]] = {
    "97205": ("Multnomah", "OR"),
    "97035": ("Clackamas", "OR"),
    "97006": ("Washington", "OR"),
    "98660": ("Clark", "WA"),
    "99501": ("Anchorage", "AK"),
    "96813": ("Honolulu", "HI"),
    "20001": ("District of Columbia", "DC"),
    "00901": ("San Juan", "PR"),
}


def places(postcode: str) -> tuple[str, str] | None:
    return ZIPS.get(postcode)


def person(**fields: Any) -> ClientProfile:
    fields.setdefault("as_of", AS_OF)
    return ClientProfile(**fields)


def monthly(amount: float) -> Income:
    return Income(amount, Period.MONTH)


def yearly(amount: float) -> Income:
    return Income(amount, Period.YEAR)


def leaf(node: dict[str, Any], **fields: Any) -> Reason:
    return evaluate_leaf(node, person(**fields), places)


def has_words(text: str, words: list[str]) -> bool:
    return all(word.casefold() in text.casefold() for word in words)


# Words that name each kind of evidence (criteria-model.md §4.6).
DOC = {
    "age": "Photo ID",
    "residency": "lease, utility bill or mail",
    "income": "pay stubs",
    "veteran": "DD-214",
    "pregnant": "Pregnancy verification",
    "disability": "SSI/SSDI",
    "homeless": "HMIS",
    "diagnosis": "Diagnosis records",
    "immigration": "Immigration documents",
    "enrolled_in": "benefits card",
}

# -- every leaf type x every outcome -------------------------------------------------------------------------

AGE_18 = {"type": "age", "min": 18}
UNDER_18 = {"type": "age", "max": 17}
YOUTH = {"type": "age", "min": 12, "max": 24}
SENIOR = {"type": "age", "min": 65}
WOMEN = {"type": "gender", "in": ["female"]}
COUNTIES = {"type": "residency", "counties": ["Multnomah", "Washington"]}
OREGON = {"type": "residency", "states": ["OR"]}
ZIP_LIST = {"type": "residency", "postcodes": ["97205", "97209"]}
INCOME_200 = {"type": "income", "max_percent_fpl": 200}
HOUSEHOLD_2 = {"type": "household_size", "min": 2}
HOUSEHOLD_2_5 = {"type": "household_size", "min": 2, "max": 5}
HOUSEHOLD_UP_TO_4 = {"type": "household_size", "max": 4}
VETERANS = {"type": "status", "field": "veteran", "in": [True]}
NOT_VETERANS = {"type": "status", "field": "veteran", "in": [False]}
PREGNANT = {"type": "status", "field": "pregnant", "in": [True]}
DISABILITY = {"type": "status", "field": "disability", "in": [True]}
HOMELESS = {"type": "status", "field": "housing_status", "in": ["homeless", "at_risk"]}
HOUSED = {"type": "status", "field": "housing_status", "in": ["housed"]}
SMI = {"type": "diagnosis", "any_of": ["smi"]}
SMI_OR_SUD = {"type": "diagnosis", "any_of": ["smi", "sud"]}
HIV = {"type": "diagnosis", "any_of": ["hiv"]}
CITIZEN_OR_LPR = {"type": "immigration", "in": ["citizen", "lpr"]}
MEDICAID_OR_SNAP = {"type": "enrolled_in", "any_of": ["medicaid", "snap"]}
REFERRAL = {"type": "custom", "text": "Must be referred by a case manager"}

# (id, criterion, profile fields, outcome, words in the reason, missing fields, evidence kinds)
LEAF_CASES: list[tuple[str, dict[str, Any], dict[str, Any], Outcome, list[str], tuple[str, ...], list[str]]] = [
    # age
    ("age-meets", AGE_18, {"age": 34}, M, ["Age 34", "within 18+"], (), ["age"]),
    ("age-fails", AGE_18, {"age": 17}, F, ["Age 17", "below the minimum age of 18"], (), []),
    ("age-unknown", AGE_18, {}, U, ["Age not provided", "ages 18+"], ("age",), ["age"]),
    ("under-18-meets", UNDER_18, {"age": 17}, M, ["Age 17", "under 18"], (), ["age"]),
    ("under-18-fails", UNDER_18, {"age": 18}, F, ["Age 18", "above the maximum age of 17"], (), []),
    ("under-18-unknown", UNDER_18, {}, U, ["Age not provided", "ages under 18"], ("age",), ["age"]),
    ("youth-meets-24", YOUTH, {"age": 24}, M, ["Age 24", "12–24"], (), ["age"]),
    ("youth-meets-12", YOUTH, {"age": 12}, M, ["Age 12", "12–24"], (), ["age"]),
    ("youth-fails-25", YOUTH, {"age": 25}, F, ["Age 25", "above the maximum age of 24"], (), []),
    ("youth-fails-11", YOUTH, {"age": 11}, F, ["Age 11", "below the minimum age of 12"], (), []),
    ("youth-unknown", YOUTH, {}, U, ["Age not provided", "ages 12–24"], ("age",), ["age"]),
    ("senior-meets", SENIOR, {"age": 65}, M, ["Age 65", "65+"], (), ["age"]),
    ("senior-fails", SENIOR, {"age": 64}, F, ["Age 64", "below the minimum age of 65"], (), []),
    # gender
    ("gender-meets", WOMEN, {"gender": "female"}, M, ["Serves women"], (), []),
    ("gender-fails", WOMEN, {"gender": "male"}, F, ["Serves women only"], (), []),
    ("gender-unknown", WOMEN, {}, U, ["Gender not recorded", "for women"], ("gender",), []),
    (
        "gender-two-allowed",
        {"type": "gender", "in": ["female", "nonbinary"]},
        {"gender": "nonbinary"},
        M,
        ["women or nonbinary people"],
        (),
        [],
    ),
    # residency by county, by state and by ZIP code
    ("county-meets", COUNTIES, {"county": "Multnomah"}, M, ["Lives in Multnomah County (served)"], (), ["residency"]),
    (
        "county-normalised",
        COUNTIES,
        {"county": "washington county"},
        M,
        ["Washington County (served)"],
        (),
        ["residency"],
    ),
    (
        "county-fails",
        COUNTIES,
        {"county": "Clackamas"},
        F,
        ["Serves Multnomah County and Washington County", "client lives in Clackamas County"],
        (),
        [],
    ),
    ("county-unknown", COUNTIES, {}, U, ["not recorded", "Multnomah County"], ("county",), ["residency"]),
    ("zip-served-county", COUNTIES, {"postcode": "97205"}, M, ["ZIP 97205 is in Multnomah County"], (), ["residency"]),
    (
        "zip-unserved-county",
        COUNTIES,
        {"postcode": "97035"},
        U,
        ["ZIP 97035", "Clackamas", "confirm the county"],
        ("county",),
        ["residency"],
    ),
    ("zip-unknown-to-places", COUNTIES, {"postcode": "12345"}, U, ["not recorded"], ("county",), ["residency"]),
    (
        "given-county-beats-zip-fails",
        COUNTIES,
        {"postcode": "97205", "county": "Clackamas"},
        F,
        ["client lives in Clackamas County"],
        (),
        [],
    ),
    (
        "given-county-beats-zip-meets",
        COUNTIES,
        {"postcode": "97035", "county": "Multnomah"},
        M,
        ["Lives in Multnomah County (served)"],
        (),
        ["residency"],
    ),
    ("state-meets", OREGON, {"state": "OR"}, M, ["Lives in OR (served)"], (), ["residency"]),
    ("state-lowercase", OREGON, {"state": "or"}, M, ["Lives in OR"], (), ["residency"]),
    ("state-fails", OREGON, {"state": "WA"}, F, ["Serves OR", "client lives in WA"], (), []),
    ("state-from-zip", OREGON, {"postcode": "97035"}, M, ["Lives in OR (served)"], (), ["residency"]),
    ("state-from-zip-fails", OREGON, {"postcode": "98660"}, F, ["client lives in ZIP 98660"], (), []),
    ("state-unknown", OREGON, {"county": "Multnomah"}, U, ["not recorded", "serves OR"], ("state",), ["residency"]),
    ("zip-meets", ZIP_LIST, {"postcode": "97205"}, M, ["Lives in ZIP 97205 (served)"], (), ["residency"]),
    ("zip-plus-four", ZIP_LIST, {"postcode": "97205-1234"}, M, ["ZIP 97205"], (), ["residency"]),
    ("zip-fails", ZIP_LIST, {"postcode": "97035"}, F, ["ZIP 97205 and ZIP 97209", "client lives in ZIP 97035"], (), []),
    ("zip-unknown", ZIP_LIST, {"state": "OR"}, U, ["not recorded"], ("postcode",), ["residency"]),
    # income: 2026, 48 states, household of 3 -> 200% is $54,640 a year ($4,553/mo)
    (
        "income-meets",
        INCOME_200,
        {"household_size": 3, "income": monthly(2100), "state": "OR"},
        M,
        ["Income $2,100/mo", "92%", "2026", "3 people", "limit is 200% ($4,553/mo)"],
        (),
        ["income"],
    ),
    (
        "income-fails",
        INCOME_200,
        {"household_size": 3, "income": monthly(5000), "state": "OR"},
        F,
        ["Income $5,000/mo", "220%", "2026", "3 people", "$4,553/mo"],
        (),
        [],
    ),
    (
        "income-unknown-income",
        INCOME_200,
        {"household_size": 3, "state": "OR"},
        U,
        ["Income not recorded", "limit for 3 people is $4,553/mo", "2026"],
        ("income",),
        ["income"],
    ),
    (
        "income-unknown-size",
        INCOME_200,
        {"income": monthly(2100)},
        U,
        ["Household size not recorded", "200%", "2026"],
        ("household_size",),
        ["income"],
    ),
    (
        "income-unknown-both",
        INCOME_200,
        {},
        U,
        ["Income and household size not recorded"],
        ("income", "household_size"),
        ["income"],
    ),
    # household size
    ("household-meets", HOUSEHOLD_2, {"household_size": 3}, M, ["Household of 3", "2+"], (), []),
    ("household-fails", HOUSEHOLD_2, {"household_size": 1}, F, ["Household of 1", "households of 2+"], (), []),
    ("household-unknown", HOUSEHOLD_2, {}, U, ["Household size not recorded", "2+"], ("household_size",), []),
    ("household-range-meets", HOUSEHOLD_2_5, {"household_size": 5}, M, ["Household of 5", "2–5"], (), []),
    ("household-range-fails", HOUSEHOLD_2_5, {"household_size": 6}, F, ["Household of 6", "2–5"], (), []),
    ("household-max-meets", HOUSEHOLD_UP_TO_4, {"household_size": 4}, M, ["up to 4"], (), []),
    ("household-max-fails", HOUSEHOLD_UP_TO_4, {"household_size": 5}, F, ["Household of 5", "up to 4"], (), []),
    # status: veteran, pregnant, disability, housing status
    ("veteran-meets", VETERANS, {"veteran": True}, M, ["Veteran: yes"], (), ["veteran"]),
    ("veteran-fails", VETERANS, {"veteran": False}, F, ["Serves veterans only"], (), []),
    ("veteran-unknown", VETERANS, {}, U, ["Veteran status not recorded", "for veterans"], ("veteran",), ["veteran"]),
    ("not-veteran-meets", NOT_VETERANS, {"veteran": False}, M, ["Veteran: no"], (), []),
    ("not-veteran-fails", NOT_VETERANS, {"veteran": True}, F, ["Not for veterans"], (), []),
    ("not-veteran-unknown", NOT_VETERANS, {}, U, ["Veteran status not recorded"], ("veteran",), []),
    ("pregnant-meets", PREGNANT, {"pregnant": True}, M, ["Pregnant: yes"], (), ["pregnant"]),
    ("pregnant-fails", PREGNANT, {"pregnant": False}, F, ["Serves pregnant people only"], (), []),
    ("pregnant-unknown", PREGNANT, {}, U, ["Pregnant status not recorded"], ("pregnant",), ["pregnant"]),
    ("disability-meets", DISABILITY, {"disability": True}, M, ["Disability: yes"], (), ["disability"]),
    ("disability-fails", DISABILITY, {"disability": False}, F, ["Serves people with a disability only"], (), []),
    ("disability-unknown", DISABILITY, {}, U, ["Disability status not recorded"], ("disability",), ["disability"]),
    ("homeless-meets", HOMELESS, {"housing_status": "homeless"}, M, ["Housing: homeless"], (), ["homeless"]),
    ("at-risk-meets", HOMELESS, {"housing_status": "at_risk"}, M, ["Housing: at risk of homelessness"], (), []),
    (
        "housed-fails",
        HOMELESS,
        {"housing_status": "housed"},
        F,
        ["Serves people who are homeless or at risk of homelessness", "client is housed"],
        (),
        [],
    ),
    (
        "housing-unknown",
        HOMELESS,
        {},
        U,
        ["Housing status not recorded", "homeless or at risk"],
        ("housing_status",),
        ["homeless"],
    ),
    ("housed-meets", HOUSED, {"housing_status": "housed"}, M, ["Housing: housed"], (), []),
    ("housed-unknown", HOUSED, {}, U, ["Housing status not recorded"], ("housing_status",), []),
    # diagnosis: yes meets, all "no" fails, suspected or absent is unknown
    ("smi-meets", SMI, {"diagnoses": {"smi": "yes"}}, M, ["Diagnosis recorded", "(SMI)"], (), ["diagnosis"]),
    (
        "smi-fails",
        SMI,
        {"diagnoses": {"smi": "no"}},
        F,
        ["Requires a diagnosis of serious mental illness (SMI)"],
        (),
        [],
    ),
    (
        "smi-suspected",
        SMI,
        {"diagnoses": {"smi": "suspected"}},
        U,
        ["Serious mental illness (SMI) suspected, not diagnosed", "intake assessment will decide"],
        ("diagnoses",),
        ["diagnosis"],
    ),
    (
        "smi-absent",
        SMI,
        {"diagnoses": {"sud": "yes"}},
        U,
        ["Diagnosis not recorded", "serious mental illness (SMI)"],
        ("diagnoses",),
        ["diagnosis"],
    ),
    ("hiv-suspected", HIV, {"diagnoses": {"hiv": "suspected"}}, U, ["HIV suspected"], ("diagnoses",), ["diagnosis"]),
    (
        "either-meets",
        SMI_OR_SUD,
        {"diagnoses": {"smi": "no", "sud": "yes"}},
        M,
        ["substance use disorder"],
        (),
        ["diagnosis"],
    ),
    (
        "either-all-no-fails",
        SMI_OR_SUD,
        {"diagnoses": {"smi": "no", "sud": "no"}},
        F,
        ["serious mental illness (SMI) or substance use disorder"],
        (),
        [],
    ),
    (
        "either-one-absent",
        SMI_OR_SUD,
        {"diagnoses": {"smi": "no"}},
        U,
        ["Diagnosis not recorded"],
        ("diagnoses",),
        ["diagnosis"],
    ),
    (
        "either-one-suspected",
        SMI_OR_SUD,
        {"diagnoses": {"smi": "no", "sud": "suspected"}},
        U,
        ["Substance use disorder suspected"],
        ("diagnoses",),
        ["diagnosis"],
    ),
    # immigration: prefer_not is unknown
    (
        "immigration-meets",
        CITIZEN_OR_LPR,
        {"immigration_status": "lpr"},
        M,
        ["Immigration status meets"],
        (),
        ["immigration"],
    ),
    (
        "immigration-fails",
        CITIZEN_OR_LPR,
        {"immigration_status": "undocumented"},
        F,
        ["open to: US citizen or lawful permanent resident"],
        (),
        [],
    ),
    (
        "immigration-unknown",
        CITIZEN_OR_LPR,
        {},
        U,
        ["asks about immigration status"],
        ("immigration_status",),
        ["immigration"],
    ),
    (
        "immigration-prefer-not",
        CITIZEN_OR_LPR,
        {"immigration_status": "prefer_not"},
        U,
        ["asks about immigration status", "US citizen"],
        ("immigration_status",),
        ["immigration"],
    ),
    # enrolled_in: () is enrolled in nothing, None is unknown
    (
        "enrolled-meets",
        MEDICAID_OR_SNAP,
        {"enrolled_in": ("snap",)},
        M,
        ["Enrolled in SNAP (qualifies automatically)"],
        (),
        ["enrolled_in"],
    ),
    ("enrolled-fails", MEDICAID_OR_SNAP, {"enrolled_in": ()}, F, ["Not enrolled in Medicaid or SNAP"], (), []),
    ("enrolled-other", MEDICAID_OR_SNAP, {"enrolled_in": ("tanf",)}, F, ["Not enrolled in Medicaid or SNAP"], (), []),
    (
        "enrolled-unknown",
        MEDICAID_OR_SNAP,
        {},
        U,
        ["Enrollment in Medicaid or SNAP not recorded"],
        ("enrolled_in",),
        ["enrolled_in"],
    ),
    # custom: always unknown, its text the reason
    ("custom-unknown", REFERRAL, {}, U, ["Must be referred by a case manager"], (), []),
    (
        "custom-unknown-whatever-is-known",
        REFERRAL,
        {"age": 30, "veteran": True, "enrolled_in": ("snap",), "state": "OR"},
        U,
        ["Must be referred by a case manager"],
        (),
        [],
    ),
]


@pytest.mark.parametrize(
    ("node", "fields", "outcome", "words", "missing"),
    [pytest.param(*case[1:6], id=case[0]) for case in LEAF_CASES],
)
def test_leaf_outcome_reason_and_missing(
    node: dict[str, Any], fields: dict[str, Any], outcome: Outcome, words: list[str], missing: tuple[str, ...]
) -> None:
    reason = leaf(node, **fields)
    assert reason.outcome is outcome, reason.message
    assert has_words(reason.message, words), reason.message
    assert reason.criterion == (node["field"] if node["type"] == "status" else node["type"])
    assert reason.missing == missing
    assert not reason.advisory


@pytest.mark.parametrize(
    ("node", "fields", "outcome", "missing", "evidence"),
    [pytest.param(*case[1:4], *case[5:7], id=case[0]) for case in LEAF_CASES],
)
def test_leaf_as_the_whole_criteria_gives_status_missing_and_documents(
    node: dict[str, Any], fields: dict[str, Any], outcome: Outcome, missing: tuple[str, ...], evidence: list[str]
) -> None:
    verdict = match(person(**fields), node, places=places)
    assert verdict.status is STATUS_OF[outcome]
    assert verdict.missing == (missing if outcome is U else ())
    assert len(verdict.documents) == len(evidence), verdict.documents
    for kind in evidence:
        assert sum(DOC[kind] in document for document in verdict.documents) == 1, (kind, verdict.documents)
    assert [r.outcome for r in verdict.reasons] == [outcome]


def test_leaf_cases_cover_every_type_and_outcome() -> None:
    seen = {
        (node["field"] if node["type"] == "status" else node["type"], outcome) for _, node, _, outcome, *_ in LEAF_CASES
    }
    kinds = ["age", "gender", "residency", "income", "household_size", "veteran", "pregnant", "disability"]
    kinds += ["housing_status", "diagnosis", "immigration", "enrolled_in"]
    assert {(kind, outcome) for kind in kinds for outcome in (M, U, F)} <= seen
    assert ("custom", U) in seen


@pytest.mark.parametrize("field", sorted({f for case in LEAF_CASES for f in case[5]} | {"pregnant"}), ids=str)
def test_every_missing_field_has_a_follow_up_question(field: str) -> None:
    assert QUESTIONS[field].endswith("?")


# -- Kleene logic ------------------------------------------------------------------------------------------

# Two independent leaves whose outcome is set by one profile field each.
VALUE_FOR = {M: True, U: None, F: False}
ALL_TABLE = {
    (M, M): M, (M, U): U, (M, F): F,
    (U, M): U, (U, U): U, (U, F): F,
    (F, M): F, (F, U): F, (F, F): F,
}  # fmt: skip
ANY_TABLE = {
    (M, M): M, (M, U): M, (M, F): M,
    (U, M): M, (U, U): U, (U, F): U,
    (F, M): M, (F, U): U, (F, F): F,
}  # fmt: skip
NOT_TABLE = {M: F, U: U, F: M}


def two_facts(a: Outcome, b: Outcome) -> ClientProfile:
    return person(veteran=VALUE_FOR[a], disability=VALUE_FOR[b])


@pytest.mark.parametrize(("a", "b"), list(ALL_TABLE), ids=lambda o: o.value)
def test_all_follows_the_kleene_table(a: Outcome, b: Outcome) -> None:
    verdict = match(two_facts(a, b), {"all": [VETERANS, DISABILITY]})
    assert verdict.status is STATUS_OF[ALL_TABLE[(a, b)]]
    assert sorted(r.criterion for r in verdict.reasons) == ["disability", "veteran"]


@pytest.mark.parametrize(("a", "b"), list(ANY_TABLE), ids=lambda o: o.value)
def test_any_follows_the_kleene_table(a: Outcome, b: Outcome) -> None:
    verdict = match(two_facts(a, b), {"any": [VETERANS, DISABILITY]})
    assert verdict.status is STATUS_OF[ANY_TABLE[(a, b)]]
    if ANY_TABLE[(a, b)] is M:  # only the branch that met is shown, the first one when both do
        assert [r.criterion for r in verdict.reasons] == ["veteran" if a is M else "disability"]
    else:
        assert sorted(r.criterion for r in verdict.reasons) == ["disability", "veteran"]


@pytest.mark.parametrize("a", list(NOT_TABLE), ids=lambda o: o.value)
def test_not_swaps_meets_and_fails_and_keeps_unknown(a: Outcome) -> None:
    verdict = match(person(veteran=VALUE_FOR[a]), {"not": VETERANS})
    assert verdict.status is STATUS_OF[NOT_TABLE[a]]
    assert [r.outcome for r in verdict.reasons] == [NOT_TABLE[a]]
    assert verdict.reasons[0].message.startswith("Not for: ")
    assert verdict.missing == (("veteran",) if a is U else ())


@pytest.mark.parametrize(("a", "b"), list(ALL_TABLE), ids=lambda o: o.value)
def test_three_children_follow_the_tables_pairwise(a: Outcome, b: Outcome) -> None:
    profile = person(veteran=VALUE_FOR[a], disability=VALUE_FOR[b], pregnant=True)
    assert match(profile, {"all": [VETERANS, DISABILITY, PREGNANT]}).status is STATUS_OF[ALL_TABLE[(a, b)]]
    profile = person(veteran=VALUE_FOR[a], disability=VALUE_FOR[b], pregnant=False)
    assert match(profile, {"any": [VETERANS, DISABILITY, PREGNANT]}).status is STATUS_OF[ANY_TABLE[(a, b)]]


@pytest.mark.parametrize(
    ("tree", "facts", "status"),
    [
        # all(any(U, F), M) = all(U, M) = U
        ({"all": [{"any": [VETERANS, DISABILITY]}, PREGNANT]}, (U, F, M), POSSIBLY),
        # any(all(M, F), not(F)) = any(F, M) = M
        ({"any": [{"all": [VETERANS, DISABILITY]}, {"not": PREGNANT}]}, (M, F, F), ELIGIBLE),
        # not(any(F, F)) = M ; not(all(M, U)) = U
        ({"not": {"any": [VETERANS, DISABILITY]}}, (F, F, M), ELIGIBLE),
        ({"not": {"all": [VETERANS, DISABILITY]}}, (M, U, M), POSSIBLY),
        # all(M, not(not(F))) = F
        ({"all": [VETERANS, {"not": {"not": DISABILITY}}]}, (M, F, M), INELIGIBLE),
        # any(all(U, M), all(F, M)) = any(U, F) = U
        ({"any": [{"all": [VETERANS, PREGNANT]}, {"all": [DISABILITY, PREGNANT]}]}, (U, F, M), POSSIBLY),
        # all(any(F, all(M, M)), not(M)) = all(M, F) = F
        ({"all": [{"any": [DISABILITY, {"all": [VETERANS, PREGNANT]}]}, {"not": VETERANS}]}, (M, F, M), INELIGIBLE),
    ],
)
def test_nested_groups(tree: dict[str, Any], facts: tuple[Outcome, Outcome, Outcome], status: Status) -> None:
    veteran, disability, pregnant = facts
    profile = person(veteran=VALUE_FOR[veteran], disability=VALUE_FOR[disability], pregnant=VALUE_FOR[pregnant])
    assert match(profile, tree).status is status


def test_any_that_meets_shows_only_the_branch_that_met() -> None:
    tree = {"any": [{"all": [INCOME_200, AGE_18]}, MEDICAID_OR_SNAP]}
    profile = person(household_size=3, income=monthly(9000), state="OR", enrolled_in=("snap",))
    verdict = match(profile, tree, places=places)
    assert verdict.status is ELIGIBLE
    assert [r.criterion for r in verdict.reasons] == ["enrolled_in"]
    assert verdict.missing == ()
    assert len(verdict.documents) == 1
    assert DOC["enrolled_in"] in verdict.documents[0]


def test_any_that_meets_hides_the_unknown_branch_and_its_documents() -> None:
    profile = person(household_size=3, income=monthly(2100), state="OR")
    verdict = match(profile, {"any": [MEDICAID_OR_SNAP, INCOME_200]})
    assert verdict.status is ELIGIBLE
    assert [r.criterion for r in verdict.reasons] == ["income"]
    assert verdict.missing == ()
    assert not any(DOC["enrolled_in"] in d for d in verdict.documents)


def test_decided_not_shows_only_what_decided_it() -> None:
    # "Not for older veterans": a 30-year-old veteran is eligible because of the age alone.
    tree = {"not": {"all": [VETERANS, {"type": "age", "min": 65}]}}
    verdict = match(person(veteran=True, age=30), tree)
    assert verdict.status is ELIGIBLE
    assert [(r.criterion, r.outcome) for r in verdict.reasons] == [("age", M)]
    assert has_words(verdict.reasons[0].message, ["Not for", "age 30"])
    failing = match(person(veteran=True, age=70), tree)
    assert failing.status is INELIGIBLE
    assert {r.outcome for r in failing.reasons} == {F}


def test_reasons_are_ordered_fails_then_unknown_then_meets() -> None:
    tree = {"all": [AGE_18, VETERANS, WOMEN]}
    verdict = match(person(age=30, veteran=None, gender="male"), tree)
    assert [r.outcome for r in verdict.reasons] == [F, U, M]
    assert verdict.missing == ()  # missing is only for possibly eligible


# -- advisory criteria -------------------------------------------------------------------------------------

SOFT_HOMELESS = {**HOMELESS, "hard": False}
SOFT_VETERAN = {**VETERANS, "hard": False}
HOUSING_FOR = {M: "homeless", U: None, F: "housed"}
AGE_FOR = {M: 30, U: None, F: 10}


@pytest.mark.parametrize("group", ["all", "any"])
@pytest.mark.parametrize("soft", [M, U, F], ids=lambda o: f"soft-{o.value}")
@pytest.mark.parametrize("hard", [M, U, F], ids=lambda o: f"hard-{o.value}")
def test_advisory_leaf_never_changes_the_status(group: str, soft: Outcome, hard: Outcome) -> None:
    profile = person(age=AGE_FOR[hard], housing_status=HOUSING_FOR[soft])
    verdict = match(profile, {group: [AGE_18, SOFT_HOMELESS]})
    assert verdict.status is STATUS_OF[hard]
    assert [r.criterion for r in verdict.reasons] == ["age"]
    assert [(n.criterion, n.outcome, n.advisory) for n in verdict.notes] == [("housing_status", soft, True)]
    assert verdict.missing == (("age",) if hard is U else ())


@pytest.mark.parametrize("soft", [M, U, F], ids=lambda o: o.value)
def test_advisory_leaf_alone_or_negated_restricts_nothing(soft: Outcome) -> None:
    profile = person(housing_status=HOUSING_FOR[soft])
    for tree in (SOFT_HOMELESS, {"not": SOFT_HOMELESS}, {"any": [SOFT_HOMELESS]}, {"all": [{"not": SOFT_HOMELESS}]}):
        verdict = match(profile, tree)
        assert verdict.status is ELIGIBLE, tree
        assert verdict.reasons == ()
        assert [n.outcome for n in verdict.notes] == [soft]


def test_advisory_leaf_in_a_failing_any_does_not_rescue_it() -> None:
    profile = person(household_size=3, income=monthly(9000), state="OR", housing_status="homeless")
    verdict = match(profile, {"any": [INCOME_200, SOFT_HOMELESS]})
    assert verdict.status is INELIGIBLE
    assert [r.criterion for r in verdict.reasons] == ["income"]
    assert [n.message for n in verdict.notes] == ["Housing: homeless"]


def test_advisory_note_keeps_its_reason_but_is_never_a_near_miss() -> None:
    soft_income = {**INCOME_200, "hard": False}
    verdict = match(person(household_size=3, income=monthly(4600), state="OR"), {"all": [AGE_18, soft_income]})
    assert verdict.status is POSSIBLY
    assert verdict.missing == ("age",)
    assert verdict.notes[0].outcome is F
    assert verdict.notes[0].near_miss is None
    assert has_words(verdict.notes[0].message, ["202%"])
    assert verdict.near_miss is False


def test_advisory_reason_from_evaluate_leaf_is_marked() -> None:
    reason = leaf(SOFT_VETERAN, veteran=False)
    assert reason.advisory
    assert reason.outcome is F


# -- no criteria -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("criteria", [None, {}])
def test_no_criteria_is_eligible_with_no_restrictions_recorded(criteria: dict[str, Any] | None) -> None:
    verdict = match(person(), criteria)
    assert verdict.status is ELIGIBLE
    assert [r.message for r in verdict.reasons] == ["No restrictions recorded"]
    assert verdict.missing == ()
    assert verdict.documents == ()


def test_no_criteria_names_when_it_was_last_verified_and_keeps_service_documents() -> None:
    verdict = match(person(), None, documents=["Photo ID (preferred, not required)"], verified_on="2026-10-01")
    assert verdict.reasons[0].message == "No restrictions recorded; last verified 2026-10-01"
    assert verdict.documents == ("Photo ID (preferred, not required)",)


# -- §4.5 edge cases ---------------------------------------------------------------------------------------


def test_income_zero_is_a_real_value_and_meets() -> None:
    reason = leaf(INCOME_200, household_size=1, income=monthly(0), state="OR")
    assert reason.outcome is M
    assert has_words(reason.message, ["Income $0/mo", "0%"])
    assert leaf({"type": "income", "max_percent_fpl": 1}, household_size=1, income=yearly(0)).outcome is M


def test_income_null_is_unknown() -> None:
    reason = leaf(INCOME_200, household_size=1, income=None, state="OR")
    assert reason.outcome is U
    assert reason.missing == ("income",)


# 2026, 48 states, household of 3, 200%: $54,640 a year. Each period converts straight to annual dollars.
@pytest.mark.parametrize(
    ("amount", "period", "outcome", "suffix"),
    [
        (1_050, Period.WEEK, M, "/wk"),  # 54,600
        (1_051, Period.WEEK, F, "/wk"),  # 54,652
        (2_101, Period.BIWEEK, M, " every two weeks"),  # 54,626
        (2_102, Period.BIWEEK, F, " every two weeks"),  # 54,652
        (4_553, Period.MONTH, M, "/mo"),  # 54,636
        (4_554, Period.MONTH, F, "/mo"),  # 54,648
        (54_640, Period.YEAR, M, "/yr"),
        (54_641, Period.YEAR, F, "/yr"),
    ],
)
def test_income_periods_compare_in_annual_dollars(amount: int, period: Period, outcome: Outcome, suffix: str) -> None:
    reason = leaf(INCOME_200, household_size=3, income=Income(amount, period), state="OR")
    assert reason.outcome is outcome
    assert f"Income ${amount:,}{suffix} is" in reason.message
    assert f"{suffix})" in reason.message  # the limit is shown in the client's period


def test_monthly_income_is_not_compared_with_the_annual_limit_directly() -> None:
    # $2,300/mo is below "$27,320" but is $27,600 a year: above 100% for a household of 3 in 2026.
    assert leaf({"type": "income", "max_percent_fpl": 100}, household_size=3, income=monthly(2300)).outcome is F
    assert leaf({"type": "income", "max_percent_fpl": 100}, household_size=3, income=monthly(2276)).outcome is M


def share_shown(message: str) -> str:
    found = re.search(r" is (just over [\d.]+%|[\d.]+%) of the", message)
    assert found, message
    return found.group(1)


@pytest.mark.parametrize(
    ("income", "outcome", "shown"),
    [
        (yearly(54_640), M, "200%"),  # exactly 200.0%
        (monthly(4_553.33), M, "200%"),  # $54,639.96
        (yearly(54_640.01), F, "just over 200%"),  # a cent above
        (monthly(4_553.34), F, "just over 200%"),  # $54,640.08
        (yearly(54_641), F, "just over 200%"),  # 200.004%
        (yearly(54_645), F, "200.02%"),
        (yearly(54_700), F, "200.2%"),
        (yearly(55_000), F, "201%"),
    ],
)
def test_limit_is_inclusive_and_the_share_never_hides_the_side(income: Income, outcome: Outcome, shown: str) -> None:
    reason = leaf(INCOME_200, household_size=3, income=income, state="OR")
    assert reason.outcome is outcome
    assert share_shown(reason.message) == shown
    if income.amount != int(income.amount):
        assert f"${income.amount:,.2f}" in reason.message  # cents are shown when there are cents


@pytest.mark.parametrize(
    ("pregnant", "count_unborn", "amount", "outcome", "words", "missing"),
    [
        # 200% for 3 is $54,640 a year; for 4 it is $66,000 ($5,500/mo).
        (True, True, 5_000, M, ["4 people (counting the expected baby)", "$5,500/mo"], ()),
        (True, False, 5_000, F, ["3 people", "$4,553/mo"], ()),
        (False, True, 5_000, F, ["3 people", "$4,553/mo"], ()),
        (None, True, 5_000, U, ["If the client is pregnant", "limit for 4 people is $5,500/mo"], ("pregnant",)),
        (None, True, 6_000, F, ["3 people"], ()),  # $72,000 fails even for 4
        (None, True, 4_000, M, ["3 people"], ()),
        (None, False, 5_000, F, ["3 people"], ()),
    ],
)
def test_count_unborn_adds_the_expected_baby(
    pregnant: bool | None, count_unborn: bool, amount: int, outcome: Outcome, words: list[str], missing: tuple[str, ...]
) -> None:
    node = {**INCOME_200, "count_unborn": count_unborn}
    reason = leaf(node, household_size=3, income=monthly(amount), state="OR", pregnant=pregnant)
    assert reason.outcome is outcome
    assert has_words(reason.message, words), reason.message
    assert reason.missing == missing


def test_household_size_missing_with_income_present_is_unknown_even_when_pregnant() -> None:
    node = {**INCOME_200, "count_unborn": True}
    reason = leaf(node, household_size=None, income=monthly(100), pregnant=True)
    assert reason.outcome is U
    assert reason.missing == ("household_size",)


@pytest.mark.parametrize(
    ("node", "birth_date", "as_of", "outcome", "age"),
    [
        # Youth 12-24 includes 24 until the 25th birthday.
        (YOUTH, date(2001, 11, 24), date(2026, 11, 23), M, 24),
        (YOUTH, date(2001, 11, 24), date(2026, 11, 24), F, 25),
        (YOUTH, date(2014, 11, 24), date(2026, 11, 23), F, 11),
        (YOUTH, date(2014, 11, 24), date(2026, 11, 24), M, 12),
        # "Under 18" is max 17.
        (UNDER_18, date(2008, 11, 24), date(2026, 11, 23), M, 17),
        (UNDER_18, date(2008, 11, 24), date(2026, 11, 24), F, 18),
        # "65+" is min 65.
        (SENIOR, date(1961, 11, 24), date(2026, 11, 23), F, 64),
        (SENIOR, date(1961, 11, 24), date(2026, 11, 24), M, 65),
        # A leap-day birthday counts from 1 March in other years.
        (UNDER_18, date(2008, 2, 29), date(2026, 2, 28), M, 17),
        (UNDER_18, date(2008, 2, 29), date(2026, 3, 1), F, 18),
    ],
)
def test_age_from_birth_date_on_as_of(
    node: dict[str, Any], birth_date: date, as_of: date, outcome: Outcome, age: int
) -> None:
    reason = leaf(node, birth_date=birth_date, as_of=as_of)
    assert reason.outcome is outcome
    assert f"Age {age} " in reason.message
    assert "birth date" not in reason.message  # it is exact


@pytest.mark.parametrize(
    ("stated", "birth_date", "outcome", "age"),
    [(40, date(2002, 1, 1), M, 24), (20, date(1996, 1, 1), F, 30), (None, date(2010, 6, 1), M, 16)],
)
def test_birth_date_wins_over_a_stated_age(stated: int | None, birth_date: date, outcome: Outcome, age: int) -> None:
    reason = leaf(YOUTH, age=stated, birth_date=birth_date)
    assert reason.outcome is outcome
    assert f"Age {age} " in reason.message


@pytest.mark.parametrize(("node", "age"), [(YOUTH, 24), (YOUTH, 12), (UNDER_18, 17), (SENIOR, 65)])
def test_bare_age_on_a_boundary_meets_and_asks_for_a_birth_date(node: dict[str, Any], age: int) -> None:
    reason = leaf(node, age=age)
    assert reason.outcome is M
    assert "a birth date would confirm it" in reason.message


# 2026, household of 3 at 200%: 48 states $54,640; Alaska $68,300; Hawaii $62,840.
@pytest.mark.parametrize(
    ("where", "amount", "outcome", "words"),
    [
        ({"state": "AK"}, 68_300, M, ["(Alaska)", "$68,300/yr"]),
        ({"state": "AK"}, 68_301, F, ["(Alaska)"]),
        ({"state": "ak"}, 68_300, M, ["(Alaska)"]),
        ({"state": "HI"}, 62_840, M, ["(Hawaii)", "$62,840/yr"]),
        ({"state": "HI"}, 62_841, F, ["(Hawaii)"]),
        ({"state": "DC"}, 54_640, M, ["$54,640/yr"]),
        ({"state": "DC"}, 54_641, F, ["$54,640/yr"]),
        ({"state": "OR"}, 62_840, F, ["$54,640/yr"]),
        ({}, 54_640, M, ["$54,640/yr"]),  # no state: the 48-state table
        ({"postcode": "99501"}, 68_300, M, ["(Alaska)"]),  # the state from the ZIP code
        ({"postcode": "96813"}, 62_840, M, ["(Hawaii)"]),
        ({"postcode": "20001"}, 54_641, F, ["$54,640/yr"]),
        ({"postcode": "99501", "state": "OR"}, 68_300, F, ["$54,640/yr"]),  # a given state wins
    ],
)
def test_region_tables(where: dict[str, Any], amount: int, outcome: Outcome, words: list[str]) -> None:
    reason = leaf(INCOME_200, household_size=3, income=yearly(amount), **where)
    assert reason.outcome is outcome
    assert has_words(reason.message, words), reason.message
    if "(" not in "".join(words):
        assert "Alaska" not in reason.message
        assert "Hawaii" not in reason.message


@pytest.mark.parametrize("where", [{"state": "PR"}, {"state": "GU"}, {"state": "VI"}, {"postcode": "00901"}])
@pytest.mark.parametrize("amount", [0, 10_000, 1_000_000])
def test_territories_without_a_guideline_are_unknown(where: dict[str, Any], amount: int) -> None:
    reason = leaf(INCOME_200, household_size=3, income=yearly(amount), **where)
    assert reason.outcome is U
    assert has_words(reason.message, ["no HHS poverty guideline", "200%"])
    assert match(person(household_size=3, income=yearly(amount), **where), INCOME_200, places=places).status is POSSIBLY


def test_a_territory_turns_a_48_state_meet_into_unknown() -> None:
    # Known limitation: an unknown state is screened with the 48-state table; learning it is PR makes it unknown.
    assert leaf(INCOME_200, household_size=3, income=yearly(30_000)).outcome is M
    assert leaf(INCOME_200, household_size=3, income=yearly(30_000), state="PR").outcome is U


# One person, 100%: 2024 $15,060, 2025 $15,650, 2026 $15,960. $15,800 a year tells the years apart.
@pytest.mark.parametrize(
    ("as_of", "fpg_year", "outcome", "year"),
    [
        (date(2026, 1, 12), None, F, "2025"),
        (date(2026, 1, 13), None, M, "2026"),
        (date(2026, 11, 23), None, M, "2026"),
        (date(2026, 11, 23), "prior", F, "2025"),
        (date(2026, 1, 12), "prior", F, "2024"),
        (date(2026, 11, 23), 2024, F, "2024"),
        (date(2025, 6, 1), 2026, M, "2026"),
        (date(2025, 1, 14), None, F, "2024"),
        (date(2025, 1, 15), None, F, "2025"),
    ],
)
def test_guideline_year(as_of: date, fpg_year: int | str | None, outcome: Outcome, year: str) -> None:
    node: dict[str, Any] = {"type": "income", "max_percent_fpl": 100}
    if fpg_year is not None:
        node["fpg_year"] = fpg_year
    reason = leaf(node, household_size=1, income=yearly(15_800), state="OR", as_of=as_of)
    assert reason.outcome is outcome
    assert f"the {year} poverty guideline" in reason.message


@pytest.mark.parametrize(
    ("as_of", "fpg_year", "year"),
    [
        (date(2026, 11, 23), 2023, "2023"),
        (date(2024, 1, 16), None, "2023"),  # the 2024 guidelines were not yet in force
        (date(2025, 1, 14), "prior", "2023"),
    ],
)
def test_guideline_year_without_a_table_is_unknown(as_of: date, fpg_year: int | str | None, year: str) -> None:
    node: dict[str, Any] = {"type": "income", "max_percent_fpl": 100}
    if fpg_year is not None:
        node["fpg_year"] = fpg_year
    reason = leaf(node, household_size=1, income=yearly(1_000), as_of=as_of)
    assert reason.outcome is U
    assert f"No {year} poverty guideline on file" in reason.message


@pytest.mark.parametrize(
    ("tree", "facts", "all_status", "any_status"),
    [
        # "Income at or below 200% OR enrolled in SNAP/Medicaid" (categorical eligibility).
        ((INCOME_200, MEDICAID_OR_SNAP), {"income": monthly(9000), "enrolled_in": ("snap",)}, F, M),
        ((INCOME_200, MEDICAID_OR_SNAP), {"income": monthly(2000), "enrolled_in": ()}, F, M),
        ((INCOME_200, MEDICAID_OR_SNAP), {"income": monthly(2000), "enrolled_in": ("medicaid",)}, M, M),
        ((INCOME_200, MEDICAID_OR_SNAP), {"income": monthly(9000), "enrolled_in": None}, F, U),
        ((INCOME_200, MEDICAID_OR_SNAP), {"income": None, "enrolled_in": ("snap",)}, U, M),
        # "Homeless OR at risk", "veteran OR disabled".
        (
            ({**HOMELESS, "in": ["homeless"]}, {**HOMELESS, "in": ["at_risk"]}),
            {"housing_status": "at_risk"},
            F,
            M,
        ),
        ((VETERANS, DISABILITY), {"veteran": False, "disability": None}, F, U),
    ],
)
def test_any_versus_all(
    tree: tuple[dict[str, Any], ...], facts: dict[str, Any], all_status: Outcome, any_status: Outcome
) -> None:
    profile = person(household_size=3, state="OR", **facts)
    assert match(profile, {"all": list(tree)}).status is STATUS_OF[all_status]
    assert match(profile, {"any": list(tree)}).status is STATUS_OF[any_status]


# -- boundaries: exactly 100% / 138% / 200% meets, a dollar or a cent a year above fails -----------------------

# 100% guideline for households of 1, 4 and 9 (hand-computed: size 9 = size 8 + increment).
GUIDELINES: dict[tuple[int, str], dict[int, int]] = {
    (2024, "OR"): {1: 15_060, 4: 31_200, 9: 58_100},
    (2024, "AK"): {1: 18_810, 4: 39_000, 9: 72_650},
    (2024, "HI"): {1: 17_310, 4: 35_880, 9: 66_830},
    (2025, "OR"): {1: 15_650, 4: 32_150, 9: 59_650},
    (2025, "AK"): {1: 19_550, 4: 40_190, 9: 74_590},
    (2025, "HI"): {1: 17_990, 4: 36_980, 9: 68_630},
    (2026, "OR"): {1: 15_960, 4: 33_000, 9: 61_400},
    (2026, "AK"): {1: 19_950, 4: 41_250, 9: 76_750},
    (2026, "HI"): {1: 18_360, 4: 37_950, 9: 70_600},
}
BOUNDARIES = [
    pytest.param(year, state, size, percent, id=f"{year}-{state}-{size}-{percent}")
    for (year, state), sizes in GUIDELINES.items()
    for size in sizes
    for percent in (100, 138, 200)
]


def exact_limit(year: int, state: str, size: int, percent: int) -> Decimal:
    return Decimal(percent) * GUIDELINES[(year, state)][size] / 100


@pytest.mark.parametrize(("year", "state", "size", "percent"), BOUNDARIES)
def test_exactly_at_the_limit_meets(year: int, state: str, size: int, percent: int) -> None:
    limit = exact_limit(year, state, size, percent)
    node = {"type": "income", "max_percent_fpl": percent}
    reason = leaf(node, household_size=size, income=yearly(float(limit)), state=state, as_of=date(year, 6, 1))
    assert reason.outcome is M, reason.message
    assert share_shown(reason.message) == f"{percent}%"
    assert f"the {year} poverty guideline" in reason.message


@pytest.mark.parametrize(("year", "state", "size", "percent"), BOUNDARIES)
@pytest.mark.parametrize("above", [Decimal("1"), Decimal("0.01")], ids=["dollar", "cent"])
def test_just_above_the_limit_fails(year: int, state: str, size: int, percent: int, above: Decimal) -> None:
    limit = exact_limit(year, state, size, percent)
    node = {"type": "income", "max_percent_fpl": percent}
    income = yearly(float(limit + above))
    reason = leaf(node, household_size=size, income=income, state=state, as_of=date(year, 6, 1))
    assert reason.outcome is F, reason.message
    shown = share_shown(reason.message)
    assert shown.startswith("just over") or float(shown.rstrip("%")) > percent
    assert reason.near_miss is not None  # a dollar over is well within 10%


def test_boundaries_cover_three_years_regions_sizes_and_percents() -> None:
    assert len(BOUNDARIES) == 3 * 3 * 3 * 3


@pytest.mark.parametrize(("year", "state", "size", "percent"), BOUNDARIES)
def test_monthly_income_just_under_the_limit_meets(year: int, state: str, size: int, percent: int) -> None:
    limit = exact_limit(year, state, size, percent)
    cents_a_month = (limit * 100 / 12).to_integral_value(rounding="ROUND_FLOOR") / 100
    node = {"type": "income", "max_percent_fpl": percent}
    as_of = date(year, 6, 1)
    assert leaf(node, household_size=size, income=monthly(float(cents_a_month)), state=state, as_of=as_of).outcome is M
    over = monthly(float(cents_a_month + Decimal("0.01")))
    assert leaf(node, household_size=size, income=over, state=state, as_of=as_of).outcome is F


# -- near misses ---------------------------------------------------------------------------------------------


def test_spec_example_reason_and_near_miss() -> None:
    profile = person(household_size=3, income=monthly(4600), state="OR", as_of=date(2026, 11, 23))
    verdict = match(profile, INCOME_200)
    assert verdict.status is INELIGIBLE
    message = verdict.reasons[0].message
    for words in ("202%", "2026", "3 people", "$4,553/mo"):
        assert words in message, message
    assert verdict.near_miss is True
    assert verdict.what_would_change == (
        "Income is $47/mo over the limit; a change in income or household size could qualify",
    )


@pytest.mark.parametrize(
    ("annual", "near"),
    [
        (54_641, True),
        (60_104, True),  # exactly 10% over $54,640
        (60_104.01, False),
        (60_650, False),  # 11% over
        (80_000, False),
    ],
)
def test_income_near_miss_is_within_ten_percent(annual: float, near: bool) -> None:
    verdict = match(person(household_size=3, income=yearly(annual), state="OR"), INCOME_200)
    assert verdict.status is INELIGIBLE
    assert verdict.near_miss is near
    if near:
        assert "over the limit" in verdict.what_would_change[0]
    else:
        assert verdict.what_would_change == ()


@pytest.mark.parametrize(
    ("node", "fields", "near", "words"),
    [
        (AGE_18, {"age": 17}, True, "Turns 18 within a year"),
        (AGE_18, {"birth_date": date(2009, 1, 1)}, True, "Turns 18 within a year"),  # 17 on 2026-11-23
        (AGE_18, {"age": 16}, False, ""),
        (UNDER_18, {"age": 18}, True, "Confirm the date of birth"),
        (UNDER_18, {"birth_date": date(2008, 1, 1)}, False, ""),  # exactly 18: no doubt
        (UNDER_18, {"age": 19}, False, ""),
    ],
)
def test_age_near_miss(node: dict[str, Any], fields: dict[str, Any], near: bool, words: str) -> None:
    verdict = match(person(**fields), node)
    assert verdict.status is INELIGIBLE
    assert verdict.near_miss is near
    assert (words in verdict.what_would_change[0]) if near else verdict.what_would_change == ()


def test_near_miss_needs_every_failing_criterion_to_be_near() -> None:
    near_income = {"household_size": 3, "income": monthly(4600), "state": "OR"}
    assert match(person(age=17, **near_income), {"all": [AGE_18, INCOME_200]}).near_miss is True
    assert match(person(age=16, **near_income), {"all": [AGE_18, INCOME_200]}).near_miss is False
    assert match(person(age=17, veteran=False), {"all": [AGE_18, VETERANS]}).near_miss is False
    assert match(person(age=17, **near_income), {"any": [AGE_18, INCOME_200]}).near_miss is True


@pytest.mark.parametrize(
    ("fields", "tree"),
    [
        ({"age": 30}, AGE_18),
        ({"age": None}, AGE_18),
        ({"age": 17}, {"not": AGE_18}),  # a fail inside `not` becomes a meet and is no near miss
    ],
)
def test_no_near_miss_unless_ineligible(fields: dict[str, Any], tree: dict[str, Any]) -> None:
    verdict = match(person(**fields), tree)
    assert verdict.status is not INELIGIBLE
    assert verdict.near_miss is False


def test_negated_near_miss_is_dropped() -> None:
    verdict = match(person(age=19), {"not": AGE_18})
    assert verdict.status is INELIGIBLE
    assert verdict.near_miss is False
    assert verdict.reasons[0].near_miss is None


# -- documents to bring --------------------------------------------------------------------------------------


def test_service_documents_merge_with_criterion_evidence_without_duplicates() -> None:
    tree = {"all": [AGE_18, INCOME_200, {"type": "age", "max": 64}]}
    profile = person(age=30, household_size=2, income=monthly(1000), state="OR")
    documents = ["photo id or birth certificate", "Referral letter", " REFERRAL LETTER ", ""]
    verdict = match(profile, tree, documents=documents)
    assert verdict.status is ELIGIBLE
    assert verdict.documents == (
        "photo id or birth certificate",
        "Referral letter",
        "Proof of income (last 30 days of pay stubs, award letters or a self-declaration form)",
    )


def test_failing_criteria_add_no_evidence_but_unknown_ones_do() -> None:
    tree = {"all": [AGE_18, VETERANS, HOMELESS, {"type": "immigration", "in": ["citizen"]}]}
    profile = person(age=12, veteran=None, housing_status="homeless", immigration_status="lpr")
    verdict = match(profile, tree, documents=["Referral"])
    assert verdict.status is INELIGIBLE
    joined = " | ".join(verdict.documents)
    assert verdict.documents[0] == "Referral"
    assert DOC["age"] not in joined
    assert DOC["immigration"] not in joined
    assert DOC["veteran"] in joined  # unknown: bring it in case
    assert DOC["homeless"] in joined
    assert len(verdict.documents) == 3


def test_spec_example_profile_against_spec_example_criteria() -> None:
    tree = {
        "all": [
            AGE_18,
            {"type": "residency", "counties": ["Multnomah", "Washington"], "states": ["OR"]},
            SMI,
            {"any": [INCOME_200, {"type": "enrolled_in", "any_of": ["medicaid", "ssi"]}]},
            {**HOMELESS, "hard": False},
        ]
    }
    profile = person(
        age=34,
        gender="female",
        household_size=3,
        income=monthly(2100),
        postcode="97205",
        county="Multnomah",
        state="OR",
        disability=True,
        housing_status="homeless",
        diagnoses={"smi": "suspected", "sud": "yes"},
        enrolled_in=("snap",),
    )
    verdict = match(profile, tree, documents=["Photo ID (preferred, not required)"], places=places)
    assert verdict.status is POSSIBLY
    assert verdict.missing == ("diagnoses",)
    assert [(r.criterion, r.outcome) for r in verdict.reasons] == [
        ("diagnosis", U),
        ("age", M),
        ("residency", M),
        ("income", M),
    ]
    assert [n.message for n in verdict.notes] == ["Housing: homeless"]
    joined = " | ".join(verdict.documents)
    for kind in ("age", "residency", "diagnosis", "income", "homeless"):
        assert DOC[kind] in joined, kind
    assert verdict.documents[0] == "Photo ID (preferred, not required)"
    confirmed = match(replace(profile, diagnoses={"smi": "yes"}), tree, places=places)
    assert confirmed.status is ELIGIBLE
    assert confirmed.missing == ()


# -- properties ----------------------------------------------------------------------------------------------

RANK = {F: 0, U: 1, M: 2}
PERIODS = list(Period)
STATES_48 = ["OR", "WA", "CA", "DC", "NY", "TX"]


@st.composite
def incomes(draw: st.DrawFn) -> Income:
    cents = draw(st.integers(min_value=0, max_value=30_000_000))
    return Income(float(Decimal(cents) / 100), draw(st.sampled_from(PERIODS)))


def annual(income: Income) -> Decimal:
    return Decimal(str(income.amount)) * PER_YEAR[income.period]


@settings(deadline=None, database=None, max_examples=200)
@given(
    first=incomes(),
    second=incomes(),
    percent=st.one_of(st.integers(min_value=1, max_value=500), st.sampled_from([137.5, 138.5, 133.3])),
    size=st.integers(min_value=1, max_value=14),
    state=st.sampled_from([*STATES_48, "AK", "HI", None]),
    as_of=st.dates(min_value=date(2024, 1, 17), max_value=date(2027, 12, 31)),
    count_unborn=st.booleans(),
    pregnant=st.sampled_from([True, False, None]),
    fpg_year=st.sampled_from([None, "prior", 2024, 2025, 2026]),
)
def test_lower_income_never_does_worse(
    first: Income,
    second: Income,
    percent: float,
    size: int,
    state: str | None,
    as_of: date,
    count_unborn: bool,
    pregnant: bool | None,
    fpg_year: str | int | None,
) -> None:
    lower, higher = sorted([first, second], key=annual)
    node: dict[str, Any] = {"type": "income", "max_percent_fpl": percent, "count_unborn": count_unborn}
    if fpg_year is not None:
        node["fpg_year"] = fpg_year
    common = {"household_size": size, "state": state, "pregnant": pregnant, "as_of": as_of}
    low, high = leaf(node, income=lower, **common), leaf(node, income=higher, **common)
    assert RANK[low.outcome] >= RANK[high.outcome], (low.message, high.message)


# A truthful client; the profile reveals some of its facts. Places: a consistent (ZIP, county, state).
LOCATIONS = [("97205", "Multnomah", "OR"), ("97035", "Clackamas", "OR"), ("97006", "Washington", "OR")]
LOCATIONS += [("98660", "Clark", "WA"), ("20001", "District of Columbia", "DC"), ("12345", "Nowhere", "NY")]
LOCATIONS += [("99501", "Anchorage", "AK"), ("96813", "Honolulu", "HI")]
FACTS = [
    "age",
    "birth_date",
    "gender",
    "household_size",
    "income",
    "postcode",
    "county",
    "state",
    "veteran",
    "pregnant",
    "disability",
    "housing_status",
    "diagnoses",
    "immigration_status",
    "enrolled_in",
]
DIAGNOSES = ["smi", "sud", "oud", "hiv"]
PROGRAMS = ["medicaid", "snap", "ssi", "tanf"]


@st.composite
def truths(draw: st.DrawFn) -> dict[str, Any]:
    as_of = draw(st.dates(min_value=date(2024, 1, 17), max_value=date(2026, 12, 31)))
    birth_date = draw(st.dates(min_value=date(1930, 1, 1), max_value=as_of))
    age = as_of.year - birth_date.year - ((as_of.month, as_of.day) < (birth_date.month, birth_date.day))
    postcode, county, state = draw(st.sampled_from(LOCATIONS))
    return {
        "as_of": as_of,
        "age": age,
        "birth_date": birth_date,
        "gender": draw(st.sampled_from(["female", "male", "nonbinary"])),
        "household_size": draw(st.integers(min_value=1, max_value=10)),
        "income": draw(incomes()),
        "postcode": postcode,
        "county": county,
        "state": state,
        "veteran": draw(st.booleans()),
        "pregnant": draw(st.booleans()),
        "disability": draw(st.booleans()),
        "housing_status": draw(st.sampled_from(sorted(HOUSING_STATUSES))),
        "diagnoses": draw(st.dictionaries(st.sampled_from(DIAGNOSES), st.sampled_from(["yes", "suspected", "no"]))),
        "immigration_status": draw(st.sampled_from(sorted(IMMIGRATION_STATUSES))),
        "enrolled_in": tuple(draw(st.lists(st.sampled_from(PROGRAMS), unique=True))),
    }


def reveal(truth: dict[str, Any], known: set[str]) -> ClientProfile:
    hidden = {"diagnoses": {}}
    values = {fact: truth[fact] if fact in known else hidden.get(fact) for fact in FACTS}
    return ClientProfile(as_of=truth["as_of"], **values)


def bounds(low: int, high: int) -> st.SearchStrategy[dict[str, int]]:
    value = st.integers(min_value=low, max_value=high)
    return st.one_of(
        st.builds(lambda a: {"min": a}, value),
        st.builds(lambda b: {"max": b}, value),
        st.builds(lambda a, b: {"min": min(a, b), "max": max(a, b)}, value, value),
    )


def nonempty(values: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), min_size=1, max_size=3, unique=True)


LEAVES = st.one_of(
    st.builds(lambda b: {"type": "age", **b}, bounds(0, 90)),
    st.builds(lambda g: {"type": "gender", "in": g}, nonempty(["female", "male", "nonbinary"])),
    st.builds(lambda c: {"type": "residency", "counties": c}, nonempty([c for _, c, _ in LOCATIONS])),
    st.builds(lambda s: {"type": "residency", "states": s}, nonempty(["OR", "WA", "AK", "HI", "DC"])),
    st.builds(lambda p: {"type": "residency", "postcodes": p}, nonempty([z for z, _, _ in LOCATIONS])),
    st.builds(
        lambda c, s: {"type": "residency", "counties": c, "states": s},
        nonempty(["Multnomah", "Clark"]),
        nonempty(["OR", "HI"]),
    ),
    st.builds(
        lambda p, u, y: {"type": "income", "max_percent_fpl": p, "count_unborn": u, **y},
        st.integers(min_value=50, max_value=400),
        st.booleans(),
        st.sampled_from([{}, {"fpg_year": "prior"}, {"fpg_year": 2025}]),
    ),
    st.builds(lambda b: {"type": "household_size", **b}, bounds(1, 8)),
    st.builds(
        lambda f, v: {"type": "status", "field": f, "in": v},
        st.sampled_from(["veteran", "pregnant", "disability"]),
        st.sampled_from([[True], [False]]),
    ),
    st.builds(lambda v: {"type": "status", "field": "housing_status", "in": v}, nonempty(sorted(HOUSING_STATUSES))),
    st.builds(lambda d: {"type": "diagnosis", "any_of": d}, nonempty(DIAGNOSES)),
    st.builds(lambda s: {"type": "immigration", "in": s}, nonempty(sorted(IMMIGRATION_STATUSES - {"prefer_not"}))),
    st.builds(lambda p: {"type": "enrolled_in", "any_of": p}, nonempty(PROGRAMS)),
    st.just({"type": "custom", "text": "Call first"}),
)
SOFT_OR_HARD = st.builds(lambda node, soft: {**node, "hard": False} if soft else node, LEAVES, st.booleans())
TREES = st.recursive(
    SOFT_OR_HARD,
    lambda children: st.one_of(
        st.builds(lambda c: {"all": c}, st.lists(children, min_size=1, max_size=4)),
        st.builds(lambda c: {"any": c}, st.lists(children, min_size=1, max_size=4)),
        st.builds(lambda c: {"not": c}, children),
    ),
    max_leaves=10,
)


@settings(deadline=None, database=None, max_examples=200)
@given(tree=TREES, truth=truths(), data=st.data())
def test_learning_a_fact_never_turns_eligible_into_possibly(tree: Any, truth: dict[str, Any], data: Any) -> None:
    assert criteria_problems(tree) == {}
    known = set(data.draw(st.sets(st.sampled_from(FACTS)), label="known"))
    more = known | set(data.draw(st.sets(st.sampled_from(FACTS)), label="learnt"))
    if truth["state"] in ("AK", "HI"):
        # Known limitation: with the state unknown, income is screened on the (lower) 48-state table, so a
        # negated income criterion could meet before Alaska or Hawaii is known. Keep their state known.
        known |= {"state"}
        more |= {"state"}
    before = match(reveal(truth, known), tree, places=places)
    after = match(reveal(truth, more), tree, places=places)
    if before.status is ELIGIBLE:
        assert after.status is not POSSIBLY, (before.reasons, after.reasons)
    if before.status is not POSSIBLY:  # more strongly: a decided verdict stays as it was once more is known
        assert after.status is before.status, (before.reasons, after.reasons)


def test_learning_alaska_can_turn_eligible_into_possibly() -> None:
    # The known limitation the property above steps around, pinned so a change to it is noticed: with no state the
    # 48-state table says $60,000 is over 200% for 3 ($54,640), in Alaska it is under ($68,300).
    tree = {"any": [{"not": INCOME_200}, REFERRAL]}
    guess = match(person(household_size=3, income=yearly(60_000)), tree)
    known = match(person(household_size=3, income=yearly(60_000), state="AK"), tree)
    assert (guess.status, known.status) == (ELIGIBLE, POSSIBLY)


# Trees and profiles from a wider space of odd values, some of them invalid: whatever passes the structure check
# must evaluate.
def optional(**keys: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=keys)


NUMBERS = st.integers(min_value=-1, max_value=150) | st.floats(min_value=-1, max_value=150, allow_nan=False)
WORDS = st.lists(st.text(max_size=10), max_size=3)
ODD_LEAF_PARTS = st.one_of(
    st.builds(lambda b: {"type": "age", **b}, optional(min=NUMBERS, max=NUMBERS)),
    st.builds(lambda b: {"type": "household_size", **b}, optional(min=NUMBERS, max=NUMBERS)),
    st.builds(lambda g: {"type": "gender", **g}, optional(**{"in": nonempty(["female", "male", "nonbinary"])})),
    st.builds(lambda r: {"type": "residency", **r}, optional(postcodes=WORDS, counties=WORDS, states=WORDS)),
    st.builds(
        lambda i: {"type": "income", **i},
        optional(
            max_percent_fpl=st.floats(min_value=0.5, max_value=2_000) | st.integers(min_value=1, max_value=2_000),
            fpg_year=st.sampled_from(["prior", "next", 1999, 2000, 2023, 2024, 2026, 2100]),
            count_unborn=st.booleans(),
        ),
    ),
    st.builds(
        lambda f, v: {"type": "status", "field": f, "in": v},
        st.sampled_from(["veteran", "pregnant", "disability", "housing_status"]),
        st.lists(st.booleans(), max_size=2) | nonempty(sorted(HOUSING_STATUSES)),
    ),
    st.builds(lambda d: {"type": "diagnosis", "any_of": d}, WORDS | nonempty(DIAGNOSES)),
    st.builds(lambda s: {"type": "immigration", "in": s}, nonempty(sorted(IMMIGRATION_STATUSES))),
    st.builds(lambda p: {"type": "enrolled_in", "any_of": p}, WORDS),
    st.builds(lambda t: {"type": "custom", "text": t}, st.text(max_size=20)),
)
ODD_LEAVES = st.builds(lambda node, hard: {**node, **hard}, ODD_LEAF_PARTS, optional(hard=st.booleans()))
ODD_TREES = st.recursive(
    ODD_LEAVES,
    lambda children: st.one_of(
        st.builds(lambda c: {"all": c}, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda c: {"any": c}, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda c: {"not": c}, children),
    ),
    max_leaves=6,
)
ODD_PROFILES = st.builds(
    ClientProfile,
    as_of=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    age=st.none() | st.integers(min_value=0, max_value=120),
    birth_date=st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 1, 1)),
    gender=st.none() | st.sampled_from(["female", "male", "nonbinary", "other"]),
    household_size=st.none() | st.integers(min_value=1, max_value=60),
    income=st.none() | incomes(),
    postcode=st.none() | st.sampled_from([*ZIPS, "", "9", "abcde", "97205-0001"]),
    county=st.none() | st.text(max_size=12),
    state=st.none() | st.sampled_from(["OR", "AK", "HI", "PR", "GU", "VI", "dc", "", "??"]),
    veteran=st.none() | st.booleans(),
    pregnant=st.none() | st.booleans(),
    disability=st.none() | st.booleans(),
    housing_status=st.none() | st.sampled_from(sorted(HOUSING_STATUSES)),
    diagnoses=st.dictionaries(st.sampled_from(["smi", "sud", "x"]), st.sampled_from(["yes", "suspected", "no"])),
    immigration_status=st.none() | st.sampled_from(sorted(IMMIGRATION_STATUSES)),
    enrolled_in=st.none() | st.lists(st.sampled_from(PROGRAMS), unique=True).map(tuple),
)


def check_verdict(verdict: Verdict) -> None:
    outcomes = {r.outcome for r in verdict.reasons}
    assert all(r.message for r in (*verdict.reasons, *verdict.notes))
    assert all(not r.advisory for r in verdict.reasons)
    assert all(n.advisory for n in verdict.notes)
    if verdict.status is ELIGIBLE:
        assert outcomes <= {M}
        assert verdict.missing == ()
    elif verdict.status is INELIGIBLE:
        assert F in outcomes
        assert verdict.missing == ()
    else:
        assert U in outcomes
        assert set(verdict.missing) <= set(QUESTIONS)
    assert len({d.casefold() for d in verdict.documents}) == len(verdict.documents)


@settings(deadline=None, database=None, max_examples=200)
@given(tree=ODD_TREES | TREES, profile=ODD_PROFILES)
def test_match_never_raises_for_a_valid_tree(tree: Any, profile: ClientProfile) -> None:
    assume(criteria_problems(tree) == {})
    check_verdict(match(profile, tree, places=places, documents=["ID", "id"]))
    check_verdict(match(profile, tree))


def test_a_year_of_dates_all_evaluate() -> None:
    # Every day of 2026 against a guideline-year-sensitive criterion: the year switches once, on 13 January.
    node = {"type": "income", "max_percent_fpl": 100}
    years = set()
    day = date(2026, 1, 1)
    while day.year == 2026:
        reason = leaf(node, household_size=1, income=yearly(15_800), as_of=day)
        years.add((reason.outcome, "2026" in reason.message, day >= date(2026, 1, 13)))
        day += timedelta(days=1)
    assert years == {(F, False, False), (M, True, True)}


def test_fraction_and_decimal_limits_agree() -> None:
    # The test's own exact arithmetic, checked once: 138% of $39,000 is $53,820.00 exactly.
    assert exact_limit(2024, "AK", 4, 138) == Decimal("53820.00")
    assert Fraction(138, 100) * 39_000 == 53_820


@pytest.mark.parametrize(
    ("service_documents", "expected"),
    [
        (["Photo ID"], ("Photo ID", "Proof of address (lease, utility bill or mail)")),
        (
            ["Proof of income (last 30 days of pay stubs) for the sliding fee"],
            (
                "Proof of income (last 30 days of pay stubs) for the sliding fee",
                "Photo ID or birth certificate",
                "Proof of address (lease, utility bill or mail)",
            ),
        ),
        ([], ("Photo ID or birth certificate", "Proof of address (lease, utility bill or mail)")),
    ],
)
def test_criterion_evidence_does_not_repeat_a_document_the_service_already_lists(
    service_documents: list[str], expected: tuple[str, ...]
) -> None:
    profile = ClientProfile(as_of=date(2026, 11, 23), age=40, county="Multnomah")
    criteria = {"all": [{"type": "age", "min": 18}, {"type": "residency", "counties": ["Multnomah"]}]}
    if service_documents and service_documents[0].startswith("Proof of income"):
        criteria["all"].append({"type": "income", "max_percent_fpl": 200})
        profile = ClientProfile(
            as_of=date(2026, 11, 23), age=40, county="Multnomah", household_size=1, income=Income(900, Period.MONTH)
        )
    assert match(profile, criteria, documents=service_documents).documents == expected
