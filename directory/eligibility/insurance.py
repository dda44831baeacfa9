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


def insurance_verdict(
    accepted: Sequence[Mapping[str, Any]],
    payment_options: Sequence[str],
    coverage: Sequence[Coverage] | None,
    words: Words = ENGLISH,
) -> InsuranceVerdict:
    """Can the client pay for this service with what they have? A separate badge, not eligibility. Written in
    `words` (English as written, or a reader's language); plan names stay as the plans write them."""
    options = set(payment_options)
    rows = [row for row in accepted if isinstance(row, Mapping) and row.get("category")]
    if "free" in options and not rows:
        return InsuranceVerdict(InsuranceStatus.NOT_APPLICABLE, words.gettext("Free; no insurance needed"))
    if not rows and not options:
        return InsuranceVerdict(
            InsuranceStatus.CHECK, words.gettext("Payment and insurance are not listed; call to ask")
        )
    listed = _accepted_list(rows, words) if rows else words.gettext("no insurance plans")
    offers = ", ".join(
        words.gettext(PAYMENT_OPTIONS[option]) if option in PAYMENT_OPTIONS else option for option in sorted(options)
    )
    if coverage is None:
        return InsuranceVerdict(
            InsuranceStatus.CHECK, words.gettext("Client coverage not recorded; accepts %(listed)s", listed=listed)
        )
    uninsured = not coverage or all(c.category == "self_pay" for c in coverage)
    if uninsured:
        if options & {"free", "grant_funded_uninsured"}:
            return InsuranceVerdict(InsuranceStatus.ACCEPTED, words.gettext("No insurance needed: offers free care"))
        if "sliding_fee" in options:
            return InsuranceVerdict(
                InsuranceStatus.ACCEPTED, words.gettext("No insurance needed: offers a sliding fee")
            )
        if any(row.get("category") == "self_pay" for row in rows):
            return InsuranceVerdict(InsuranceStatus.ACCEPTED, words.gettext("Self-pay accepted; ask about the cost"))
        if not rows:  # no insurance data: never "not accepted" (§3.2)
            message = words.gettext("Insurance is not listed (%(offers)s); call to ask about the cost", offers=offers)
            return InsuranceVerdict(InsuranceStatus.CHECK, message)
        message = words.gettext("No option listed for people without insurance; accepts %(listed)s", listed=listed)
        return InsuranceVerdict(InsuranceStatus.NOT_ACCEPTED, message)
    outcomes: list[InsuranceVerdict] = []
    for held in coverage:
        categories = {"medicare", "medicaid"} if held.category == "dual" else {held.category}
        if held.category == "unknown":
            message = words.gettext("Client is not sure of their coverage; accepts %(listed)s", listed=listed)
            outcomes.append(InsuranceVerdict(InsuranceStatus.CHECK, message))
            continue
        label = _category_name(held.category, words)
        for row in rows:
            if row.get("category") not in categories:
                continue
            plans = [str(p) for p in row.get("plans") or []]
            if not plans:
                outcomes.append(
                    InsuranceVerdict(InsuranceStatus.ACCEPTED, words.gettext("Accepts %(insurance)s", insurance=label))
                )
            elif held.plan and held.plan in plans:
                message = words.gettext("Accepts %(insurance)s (%(plan)s)", insurance=label, plan=plan_name(held.plan))
                outcomes.append(InsuranceVerdict(InsuranceStatus.ACCEPTED, message))
            elif held.plan:
                plan_list = ", ".join(plan_name(p) for p in plans)
                message = words.gettext(
                    "Accepts only these plans: %(plans)s; not %(plan)s", plans=plan_list, plan=plan_name(held.plan)
                )
                outcomes.append(InsuranceVerdict(InsuranceStatus.NOT_ACCEPTED, message))
            else:
                plan_list = ", ".join(plan_name(p) for p in plans)
                message = words.gettext("Accepts only %(plans)s; confirm the client's plan", plans=plan_list)
                outcomes.append(InsuranceVerdict(InsuranceStatus.CHECK, message))
    for status in (InsuranceStatus.ACCEPTED, InsuranceStatus.CHECK, InsuranceStatus.NOT_ACCEPTED):
        for outcome in outcomes:
            if outcome.status is status:
                return outcome
    held_names = ", ".join(_category_name(c.category, words) for c in coverage)
    if options & {"sliding_fee", "free", "grant_funded_uninsured"}:
        message = words.gettext("Does not list %(insurance)s; offers a sliding fee or free care", insurance=held_names)
        return InsuranceVerdict(InsuranceStatus.CHECK, message)
    if not rows:  # no insurance data: never "not accepted" (§3.2)
        message = words.gettext(
            "Insurance is not listed (%(offers)s); call to ask about %(insurance)s", offers=offers, insurance=held_names
        )
        return InsuranceVerdict(InsuranceStatus.CHECK, message)
    message = words.gettext("Does not accept %(insurance)s; accepts %(listed)s", insurance=held_names, listed=listed)
    return InsuranceVerdict(InsuranceStatus.NOT_ACCEPTED, message)
