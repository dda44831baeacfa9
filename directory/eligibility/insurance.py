"""Insurance and payment vocabulary (spec/eligibility-facts.md §3.1)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from directory.eligibility.profile import Coverage
from directory.wording import N_

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


def _plan_name(plan: str) -> str:
    return PLAN_NAMES.get(plan, plan.replace("_", " ").title().replace("Ohp", "OHP").replace(" Wa", " (WA)"))


def _accepted_list(rows: Sequence[Mapping[str, Any]]) -> str:
    names = []
    for row in rows:
        label = INSURANCE_CATEGORIES.get(str(row.get("category")), str(row.get("category")))
        plans = row.get("plans") or []
        names.append(f"{label} ({', '.join(_plan_name(p) for p in plans)})" if plans else label)
    return ", ".join(names)


def insurance_verdict(
    accepted: Sequence[Mapping[str, Any]], payment_options: Sequence[str], coverage: Sequence[Coverage] | None
) -> InsuranceVerdict:
    """Can the client pay for this service with what they have? A separate badge, not eligibility."""
    options = set(payment_options)
    rows = [row for row in accepted if isinstance(row, Mapping) and row.get("category")]
    if "free" in options and not rows:
        return InsuranceVerdict(InsuranceStatus.NOT_APPLICABLE, "Free; no insurance needed")
    if not rows and not options:
        return InsuranceVerdict(InsuranceStatus.CHECK, "Payment and insurance are not listed; call to ask")
    listed = _accepted_list(rows) if rows else "no insurance plans"
    offers = ", ".join(PAYMENT_OPTIONS.get(option, option) for option in sorted(options))
    if coverage is None:
        return InsuranceVerdict(InsuranceStatus.CHECK, f"Client coverage not recorded; accepts {listed}")
    uninsured = not coverage or all(c.category == "self_pay" for c in coverage)
    if uninsured:
        if options & {"free", "sliding_fee", "grant_funded_uninsured"}:
            kind = "free care" if options & {"free", "grant_funded_uninsured"} else "a sliding fee"
            return InsuranceVerdict(InsuranceStatus.ACCEPTED, f"No insurance needed: offers {kind}")
        if any(row.get("category") == "self_pay" for row in rows):
            return InsuranceVerdict(InsuranceStatus.ACCEPTED, "Self-pay accepted; ask about the cost")
        if not rows:  # no insurance data: never "not accepted" (§3.2)
            return InsuranceVerdict(
                InsuranceStatus.CHECK, f"Insurance is not listed ({offers}); call to ask about the cost"
            )
        return InsuranceVerdict(
            InsuranceStatus.NOT_ACCEPTED, f"No option listed for people without insurance; accepts {listed}"
        )
    outcomes: list[InsuranceVerdict] = []
    for held in coverage:
        categories = {"medicare", "medicaid"} if held.category == "dual" else {held.category}
        if held.category == "unknown":
            outcomes.append(
                InsuranceVerdict(InsuranceStatus.CHECK, f"Client is not sure of their coverage; accepts {listed}")
            )
            continue
        label = INSURANCE_CATEGORIES.get(held.category, held.category)
        for row in rows:
            if row.get("category") not in categories:
                continue
            plans = [str(p) for p in row.get("plans") or []]
            if not plans:
                outcomes.append(InsuranceVerdict(InsuranceStatus.ACCEPTED, f"Accepts {label}"))
            elif held.plan and held.plan in plans:
                outcomes.append(
                    InsuranceVerdict(InsuranceStatus.ACCEPTED, f"Accepts {label} ({_plan_name(held.plan)})")
                )
            elif held.plan:
                plan_list = ", ".join(_plan_name(p) for p in plans)
                message = f"Accepts only these plans: {plan_list}; not {_plan_name(held.plan)}"
                outcomes.append(InsuranceVerdict(InsuranceStatus.NOT_ACCEPTED, message))
            else:
                plan_list = ", ".join(_plan_name(p) for p in plans)
                outcomes.append(
                    InsuranceVerdict(InsuranceStatus.CHECK, f"Accepts only {plan_list}; confirm the client's plan")
                )
    for status in (InsuranceStatus.ACCEPTED, InsuranceStatus.CHECK, InsuranceStatus.NOT_ACCEPTED):
        for outcome in outcomes:
            if outcome.status is status:
                return outcome
    held_names = ", ".join(INSURANCE_CATEGORIES.get(c.category, c.category) for c in coverage)
    if options & {"sliding_fee", "free", "grant_funded_uninsured"}:
        return InsuranceVerdict(InsuranceStatus.CHECK, f"Does not list {held_names}; offers a sliding fee or free care")
    if not rows:  # no insurance data: never "not accepted" (§3.2)
        return InsuranceVerdict(
            InsuranceStatus.CHECK, f"Insurance is not listed ({offers}); call to ask about {held_names}"
        )
    return InsuranceVerdict(InsuranceStatus.NOT_ACCEPTED, f"Does not accept {held_names}; accepts {listed}")
