"""The insurance badge (eligibility-facts.md §3.2): accepted, check, not accepted or not applicable, with a reason."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from directory.eligibility.insurance import InsuranceStatus, insurance_verdict
from directory.eligibility.profile import Coverage

ACCEPTED = InsuranceStatus.ACCEPTED
CHECK = InsuranceStatus.CHECK
NOT_ACCEPTED = InsuranceStatus.NOT_ACCEPTED
NOT_APPLICABLE = InsuranceStatus.NOT_APPLICABLE

MEDICAID = [{"category": "medicaid"}]
MCO_PLANS = [{"category": "medicaid_mco", "plans": ["trillium", "careoregon"]}]
MEDICARE = [{"category": "medicare"}]
MIXED = [{"category": "medicaid"}, {"category": "medicaid_mco", "plans": ["trillium", "careoregon"]}]
PRIVATE = [{"category": "private"}]
SELF_PAY_ROW = [{"category": "self_pay"}]


def cover(*held: str) -> tuple[Coverage, ...]:
    """Coverage from "category" or "category:plan" strings."""
    return tuple(Coverage(*item.split(":", 1)) if ":" in item else Coverage(item) for item in held)


CASES: list[Any] = [
    # The client's category is in a row without plans: the whole category is accepted.
    pytest.param(MEDICAID, [], cover("medicaid"), ACCEPTED, ["Accepts Medicaid"], id="category-without-plans"),
    pytest.param(MIXED, [], cover("medicaid"), ACCEPTED, ["Accepts Medicaid"], id="category-row-beside-plan-row"),
    pytest.param(PRIVATE, [], cover("private:acme"), ACCEPTED, ["Private insurance"], id="category-any-plan"),
    # Plans listed: the client's plan is listed, known but not listed, or not given.
    pytest.param(
        MCO_PLANS, [], cover("medicaid_mco:careoregon"), ACCEPTED, ["Accepts", "Careoregon"], id="plan-listed"
    ),
    pytest.param(
        MCO_PLANS,
        [],
        cover("medicaid_mco:pacificsource"),
        NOT_ACCEPTED,
        ["only", "Trillium", "Careoregon", "not Pacificsource"],
        id="plan-known-not-listed",
    ),
    pytest.param(
        MCO_PLANS,
        [],
        cover("medicaid_mco"),
        CHECK,
        ["Accepts only", "Trillium", "Careoregon", "confirm the client's plan"],
        id="only-category-given",
    ),
    # Uninsured (no coverage) or self-pay, against what the service offers people without insurance.
    pytest.param(MEDICAID, ["sliding_fee"], (), ACCEPTED, ["No insurance needed", "sliding fee"], id="none-sliding"),
    pytest.param(MEDICAID, ["free"], (), ACCEPTED, ["No insurance needed", "free care"], id="none-free"),
    pytest.param(
        MEDICAID, ["grant_funded_uninsured"], (), ACCEPTED, ["No insurance needed", "free care"], id="none-grant"
    ),
    pytest.param(MEDICAID, ["sliding_fee"], cover("self_pay"), ACCEPTED, ["sliding fee"], id="self-pay-sliding"),
    pytest.param([], ["sliding_fee"], (), ACCEPTED, ["sliding fee"], id="none-sliding-no-rows"),
    pytest.param(
        [], ["grant_funded_uninsured"], cover("self_pay"), ACCEPTED, ["free care"], id="self-pay-grant-no-rows"
    ),
    pytest.param(SELF_PAY_ROW, [], (), ACCEPTED, ["Self-pay accepted", "cost"], id="self-pay-only-service"),
    pytest.param(
        MEDICAID,
        [],
        (),
        NOT_ACCEPTED,
        ["No option listed for people without insurance", "Medicaid"],
        id="none-insurance-only",
    ),
    pytest.param(
        MIXED,
        [],
        cover("self_pay"),
        NOT_ACCEPTED,
        ["without insurance", "Medicaid", "Trillium", "Careoregon"],
        id="self-pay-insurance-only",
    ),
    pytest.param(
        MEDICAID, ["payment_assistance"], (), NOT_ACCEPTED, ["without insurance"], id="none-only-payment-assistance"
    ),
    # No insurance data at all: check, never "not accepted".
    pytest.param([], [], cover("medicaid"), CHECK, ["not listed", "call"], id="no-data-insured"),
    pytest.param([], [], (), CHECK, ["not listed", "call"], id="no-data-uninsured"),
    pytest.param([], [], None, CHECK, ["not listed"], id="no-data-unknown-coverage"),
    pytest.param(
        [], ["payment_assistance"], cover("medicaid"), CHECK, ["not listed", "Medicaid"], id="options-only-insured"
    ),
    pytest.param(
        [], ["payment_assistance"], (), CHECK, ["not listed", "Payment assistance"], id="options-only-uninsured"
    ),
    pytest.param([], ["donation"], cover("private"), CHECK, ["not listed", "Private insurance"], id="donation-insured"),
    pytest.param(
        [{"plans": ["x"]}, "junk"], [], cover("medicaid"), CHECK, ["not listed"], id="malformed-rows-are-no-data"
    ),
    # A free service needs no insurance.
    pytest.param([], ["free"], cover("medicaid"), NOT_APPLICABLE, ["Free", "no insurance needed"], id="free-insured"),
    pytest.param([], ["free"], None, NOT_APPLICABLE, ["Free"], id="free-coverage-unknown"),
    pytest.param([], ["free"], (), NOT_APPLICABLE, ["Free"], id="free-uninsured"),
    # Coverage not recorded.
    pytest.param(MEDICAID, [], None, CHECK, ["coverage not recorded", "Medicaid"], id="coverage-none"),
    pytest.param(
        MCO_PLANS, [], None, CHECK, ["coverage not recorded", "Trillium", "Careoregon"], id="coverage-none-names-plans"
    ),
    # The client does not know their coverage.
    pytest.param(MEDICAID, [], cover("unknown"), CHECK, ["not sure", "Medicaid"], id="unknown-category"),
    pytest.param(MEDICAID, [], cover("unknown", "medicaid"), ACCEPTED, ["Accepts Medicaid"], id="unknown-and-accepted"),
    # Dual eligible matches Medicare or Medicaid rows.
    pytest.param(MEDICARE, [], cover("dual"), ACCEPTED, ["Accepts", "dual"], id="dual-medicare-row"),
    pytest.param(MEDICAID, [], cover("dual"), ACCEPTED, ["Accepts", "dual"], id="dual-medicaid-row"),
    pytest.param(PRIVATE, [], cover("dual"), NOT_ACCEPTED, ["Does not accept", "dual"], id="dual-neither"),
    # Several coverages: any accepted one wins, then a check, then not accepted.
    pytest.param(MEDICARE, [], cover("tricare", "medicare"), ACCEPTED, ["Accepts Medicare"], id="tricare-medicare"),
    pytest.param(
        MCO_PLANS + MEDICARE,
        [],
        cover("medicaid_mco:pacificsource", "medicare"),
        ACCEPTED,
        ["Accepts Medicare"],
        id="not-listed-plan-and-accepted-category",
    ),
    pytest.param(
        MCO_PLANS, [], cover("medicaid_mco:pacificsource", "medicaid_mco"), CHECK, ["confirm"], id="check-beats-not"
    ),
    pytest.param(
        MEDICAID, [], cover("self_pay", "medicaid"), ACCEPTED, ["Accepts Medicaid"], id="self-pay-and-medicaid"
    ),
    # The client's category is not listed at all.
    pytest.param(
        MEDICAID, [], cover("tricare"), NOT_ACCEPTED, ["Does not accept TRICARE", "Medicaid"], id="category-not-listed"
    ),
    pytest.param(
        SELF_PAY_ROW, [], cover("tricare"), NOT_ACCEPTED, ["Does not accept TRICARE", "Self-pay"], id="self-pay-only"
    ),
    pytest.param(
        MEDICAID,
        ["sliding_fee"],
        cover("tricare"),
        CHECK,
        ["Does not list TRICARE", "sliding fee"],
        id="category-not-listed-sliding-fee",
    ),
    pytest.param(
        MEDICAID,
        ["free"],
        cover("private"),
        CHECK,
        ["Does not list Private insurance", "free care"],
        id="category-not-listed-free-with-rows",
    ),
]


@pytest.mark.parametrize(("accepted", "options", "coverage", "status", "words"), CASES)
def test_insurance_verdict(
    accepted: Sequence[Mapping[str, Any]],
    options: Sequence[str],
    coverage: tuple[Coverage, ...] | None,
    status: InsuranceStatus,
    words: list[str],
) -> None:
    verdict = insurance_verdict(accepted, options, coverage)
    assert verdict.status is status, verdict.message
    for word in words:
        assert word.casefold() in verdict.message.casefold(), (word, verdict.message)


@pytest.mark.parametrize(
    ("coverage", "status"),
    [
        (cover("medicaid"), ACCEPTED),
        (cover("medicaid_mco:careoregon"), ACCEPTED),
        (cover("dual"), ACCEPTED),
        (cover("medicaid_mco"), CHECK),
        (cover("unknown"), CHECK),
        (cover("medicaid_mco:pacificsource"), NOT_ACCEPTED),
        (cover("private"), NOT_ACCEPTED),
    ],
)
def test_order_of_coverages_never_changes_the_badge(coverage: tuple[Coverage, ...], status: InsuranceStatus) -> None:
    together = (*coverage, *cover("tricare"))
    assert insurance_verdict(MIXED, [], together).status is status
    assert insurance_verdict(MIXED, [], together[::-1]).status is status


NO_INSURANCE_DATA: list[tuple[list[Any], list[str]]] = [([], []), ([], ["payment_assistance"]), ([], ["donation"])]
EVERY_COVERAGE = [None, (), cover("self_pay"), cover("unknown"), cover("medicaid_mco"), cover("medicare", "tricare")]


@pytest.mark.parametrize(("accepted", "options"), NO_INSURANCE_DATA)
@pytest.mark.parametrize("coverage", EVERY_COVERAGE)
def test_no_insurance_data_is_never_not_accepted(
    accepted: Sequence[Mapping[str, Any]], options: Sequence[str], coverage: tuple[Coverage, ...] | None
) -> None:
    verdict = insurance_verdict(accepted, options, coverage)
    assert verdict.status is CHECK, verdict.message


@pytest.mark.parametrize(("accepted", "options"), [(MEDICAID, []), (MCO_PLANS, []), (MIXED, ["sliding_fee"])])
@pytest.mark.parametrize("coverage", [None, cover("unknown")])
def test_unknown_coverage_is_a_check(
    accepted: Sequence[Mapping[str, Any]], options: Sequence[str], coverage: tuple[Coverage, ...] | None
) -> None:
    verdict = insurance_verdict(accepted, options, coverage)
    assert verdict.status is CHECK, verdict.message
    assert "Medicaid" in verdict.message
