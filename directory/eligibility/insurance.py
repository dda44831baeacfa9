"""Insurance and payment vocabulary (spec/eligibility-facts.md §3.1)."""

from __future__ import annotations

INSURANCE_CATEGORIES: dict[str, str] = {
    "medicaid": "Medicaid",
    "medicaid_mco": "Medicaid managed care plan",
    "chip": "CHIP",
    "medicare": "Medicare",
    "medicare_advantage": "Medicare Advantage",
    "dual": "Medicare and Medicaid (dual)",
    "tricare": "TRICARE",
    "va": "VA health care",
    "ihs_tribal": "Indian Health Service / Tribal",
    "private": "Private insurance",
    "marketplace": "Marketplace (ACA) plan",
    "state_plan": "State health plan",
    "emergency_medicaid": "Emergency Medicaid",
    "family_planning_only": "Family planning Medicaid",
    "self_pay": "Self-pay",
    "unknown": "Not sure",
}

PAYMENT_OPTIONS: dict[str, str] = {
    "sliding_fee": "Sliding fee based on income",
    "free": "Free",
    "payment_assistance": "Payment assistance available",
    "grant_funded_uninsured": "Free for people without insurance",
    "donation": "Donation welcome, not required",
}
