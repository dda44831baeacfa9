"""Insurance and payment vocabulary (docs/eligibility.md, "Insurance and payment")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from directory.eligibility.profile import Coverage
from directory.wording import ENGLISH, N_, Words

INSURANCE_CATEGORIES: dict[str, str] = {
    "medicaid": N_("Medicaid"),
    "medicaid_mco": N_("Medicaid managed care plan"),
    "chip": N_("CHIP"),
    "medicare": N_("Medicare"),
    "medicare_advantage": N_("Medicare Advantage"),
    "dual": N_("Medicare and Medicaid (dual)"),
    "tricare": N_("TRICARE"),
    "va": N_("VA health care"),
    "ihs_tribal": N_("Indian Health Service / Tribal"),
    "private": N_("Private insurance"),
    "marketplace": N_("Marketplace (ACA) plan"),
    "state_plan": N_("State health plan"),
    "emergency_medicaid": N_("Emergency Medicaid"),
    "family_planning_only": N_("Family planning Medicaid"),
    "self_pay": N_("Self-pay"),
    "unknown": N_("Not sure"),
}

PAYMENT_OPTIONS: dict[str, str] = {
    "sliding_fee": N_("Sliding fee based on income"),
    "free": N_("Free"),
    "payment_assistance": N_("Payment assistance available"),
    "grant_funded_uninsured": N_("Free for people without insurance"),
    "donation": N_("Donation welcome, not required"),
}


# -- the insurance verdict (eligibility-facts.md §3.2) ---------------------------------------------------------


class InsuranceStatus(StrEnum):
    ACCEPTED = "accepted"
    CHECK = "check"
    NOT_ACCEPTED = "not_accepted"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class InsuranceVerdict:
    status: InsuranceStatus
    message: str


#: Display names of the plans in the seeded region (other plans are shown from their codes).
PLAN_NAMES: dict[str, str] = {
    "careoregon": "CareOregon",
    "trillium": "Trillium",
    "kaiser_ohp": "Kaiser Permanente OHP",
    "molina_wa": "Molina (WA)",
    "chpw": "Community Health Plan of Washington",
    "wellpoint_wa": "Wellpoint (WA)",
}


def plan_name(plan: str) -> str:
    """A plan as people know it ("CareOregon"); a plan we have no name for, from its code."""
    return PLAN_NAMES.get(plan, plan.replace("_", " ").title().replace("Ohp", "OHP").replace(" Wa", " (WA)"))


def _category_name(category: str, words: Words) -> str:
    return words.gettext(INSURANCE_CATEGORIES[category]) if category in INSURANCE_CATEGORIES else category


def _accepted_list(rows: Sequence[Mapping[str, Any]], words: Words) -> str:
    names = []
    for row in rows:
        label = _category_name(str(row.get("category")), words)
        plans = row.get("plans") or []
        names.append(f"{label} ({', '.join(plan_name(p) for p in plans)})" if plans else label)
    return ", ".join(names)


@dataclass(frozen=True)
class _Terms:
    """How a service can be paid for."""

    options: frozenset[str]  # payment options
    rows: Sequence[Mapping[str, Any]]  # accepted insurance, each with a category
    listed: str  # the accepted insurance, said

    def offers(self, words: Words) -> str:
        return ", ".join(
            words.gettext(PAYMENT_OPTIONS[option]) if option in PAYMENT_OPTIONS else option
            for option in sorted(self.options)
        )


def insurance_verdict(
    accepted: Sequence[Mapping[str, Any]],
    payment_options: Sequence[str],
    coverage: Sequence[Coverage] | None,
    words: Words = ENGLISH,
) -> InsuranceVerdict:
    """Can the client pay for this service with what they have? A separate badge, not eligibility. Written in
    `words` (English as written, or a reader's language); plan names stay as the plans write them."""
    options = frozenset(payment_options)
    rows = [row for row in accepted if isinstance(row, Mapping) and row.get("category")]
    if "free" in options and not rows:
        return InsuranceVerdict(InsuranceStatus.NOT_APPLICABLE, words.gettext("Free; no insurance needed"))
    if not rows and not options:
        return InsuranceVerdict(
            InsuranceStatus.CHECK, words.gettext("Payment and insurance are not listed; call to ask")
        )
    terms = _Terms(options, rows, _accepted_list(rows, words) if rows else words.gettext("no insurance plans"))
    if coverage is None:
        return InsuranceVerdict(
            InsuranceStatus.CHECK,
            words.gettext("Client coverage not recorded; accepts %(listed)s", listed=terms.listed),
        )
    if not coverage or all(c.category == "self_pay" for c in coverage):
        return _uninsured_verdict(terms, words)
    outcomes = [outcome for held in coverage for outcome in _held_outcomes(held, terms, words)]
    return _best(outcomes) or _coverage_not_listed(coverage, terms, words)


def _uninsured_verdict(terms: _Terms, words: Words) -> InsuranceVerdict:
    if terms.options & {"free", "grant_funded_uninsured"}:
        return InsuranceVerdict(InsuranceStatus.ACCEPTED, words.gettext("No insurance needed: offers free care"))
    if "sliding_fee" in terms.options:
        return InsuranceVerdict(InsuranceStatus.ACCEPTED, words.gettext("No insurance needed: offers a sliding fee"))
    if any(row.get("category") == "self_pay" for row in terms.rows):
        return InsuranceVerdict(InsuranceStatus.ACCEPTED, words.gettext("Self-pay accepted; ask about the cost"))
    if not terms.rows:  # no insurance data: never "not accepted" (§3.2)
        message = words.gettext(
            "Insurance is not listed (%(offers)s); call to ask about the cost", offers=terms.offers(words)
        )
        return InsuranceVerdict(InsuranceStatus.CHECK, message)
    message = words.gettext("No option listed for people without insurance; accepts %(listed)s", listed=terms.listed)
    return InsuranceVerdict(InsuranceStatus.NOT_ACCEPTED, message)


def _held_outcomes(held: Coverage, terms: _Terms, words: Words) -> list[InsuranceVerdict]:
    """What the service says to one coverage the client holds: one outcome per accepted row that names it."""
    if held.category == "unknown":
        message = words.gettext("Client is not sure of their coverage; accepts %(listed)s", listed=terms.listed)
        return [InsuranceVerdict(InsuranceStatus.CHECK, message)]
    categories = {"medicare", "medicaid"} if held.category == "dual" else {held.category}
    label = _category_name(held.category, words)
    return [
        _plan_outcome(held, label, [str(p) for p in row.get("plans") or []], words)
        for row in terms.rows
        if row.get("category") in categories
    ]


def _plan_outcome(held: Coverage, label: str, plans: list[str], words: Words) -> InsuranceVerdict:
    """A row accepting the client's kind of coverage: any plan of it, or only some plans."""
    if not plans:
        return InsuranceVerdict(InsuranceStatus.ACCEPTED, words.gettext("Accepts %(insurance)s", insurance=label))
    plan_list = ", ".join(plan_name(p) for p in plans)
    if held.plan and held.plan in plans:
        message = words.gettext("Accepts %(insurance)s (%(plan)s)", insurance=label, plan=plan_name(held.plan))
        return InsuranceVerdict(InsuranceStatus.ACCEPTED, message)
    if held.plan:
        message = words.gettext(
            "Accepts only these plans: %(plans)s; not %(plan)s", plans=plan_list, plan=plan_name(held.plan)
        )
        return InsuranceVerdict(InsuranceStatus.NOT_ACCEPTED, message)
    message = words.gettext("Accepts only %(plans)s; confirm the client's plan", plans=plan_list)
    return InsuranceVerdict(InsuranceStatus.CHECK, message)


def _best(outcomes: list[InsuranceVerdict]) -> InsuranceVerdict | None:
    """The first accepted outcome, else the first to check, else the first not accepted."""
    for status in (InsuranceStatus.ACCEPTED, InsuranceStatus.CHECK, InsuranceStatus.NOT_ACCEPTED):
        for outcome in outcomes:
            if outcome.status is status:
                return outcome
    return None


def _coverage_not_listed(coverage: Sequence[Coverage], terms: _Terms, words: Words) -> InsuranceVerdict:
    held_names = ", ".join(_category_name(c.category, words) for c in coverage)
    if terms.options & {"sliding_fee", "free", "grant_funded_uninsured"}:
        message = words.gettext("Does not list %(insurance)s; offers a sliding fee or free care", insurance=held_names)
        return InsuranceVerdict(InsuranceStatus.CHECK, message)
    if not terms.rows:  # no insurance data: never "not accepted" (§3.2)
        message = words.gettext(
            "Insurance is not listed (%(offers)s); call to ask about %(insurance)s",
            offers=terms.offers(words),
            insurance=held_names,
        )
        return InsuranceVerdict(InsuranceStatus.CHECK, message)
    message = words.gettext(
        "Does not accept %(insurance)s; accepts %(listed)s", insurance=held_names, listed=terms.listed
    )
    return InsuranceVerdict(InsuranceStatus.NOT_ACCEPTED, message)
