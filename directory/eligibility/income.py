"""The income criterion: household income against a share of the HHS poverty guideline (docs/eligibility.md)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from directory.eligibility import poverty
from directory.eligibility.profile import PER_YEAR, PERIOD_SUFFIX, ClientProfile, Income, Period
from directory.eligibility.reasons import EVIDENCE, Outcome, Reason
from directory.eligibility.residency import PlaceResolver
from directory.wording import Words

NEAR_MISS_INCOME = 0.10  # fails by at most 10% of the limit


def _suffix(period: Period, words: Words) -> str:
    return words.gettext(PERIOD_SUFFIX[period])


@dataclass(frozen=True)
class _IncomeLimit:
    """An income criterion applied to one household: the guideline it is measured against, and how to say it."""

    percent: float  # of the poverty guideline
    year: int
    region: poverty.Region
    size: int  # the household, the expected baby included when it counts
    unborn: bool  # the expected baby is counted
    period: Period  # the client's income is said per this period (monthly when not recorded)
    guideline: int

    @property
    def annual(self) -> float:
        return self.percent / 100 * self.guideline

    def per_period(self, annual: float, words: Words) -> str:
        """An annual amount said per the client's period ("$1,234/mo")."""
        return f"{words.money(annual / PER_YEAR[self.period])}{_suffix(self.period, words)}"

    def people(self, words: Words) -> str:
        if self.unborn:
            return words.ngettext(
                "%(num)s person (counting the expected baby)", "%(num)s people (counting the expected baby)", self.size
            )
        return words.ngettext("%(num)s person", "%(num)s people", self.size)

    @property
    def region_note(self) -> str:
        return "" if self.region is poverty.Region.CONTIGUOUS else f" ({self.region.value})"


def income_reason(
    node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None, words: Words
) -> Reason:
    percent = float(node["max_percent_fpl"])
    pct = words.number(percent)
    year = _guideline_year(node, profile)
    zip_state = (
        places(profile.postcode[:5])[1] if places and profile.postcode and places(profile.postcode[:5]) else None
    )
    state = profile.state or zip_state
    region = poverty.region_for(state)
    if region is None:
        message = words.gettext(
            "There is no HHS poverty guideline for %(state)s; the program sets its own limit (%(percent)s%% FPG)",
            state=state,
            percent=pct,
        )
        return Reason("income", Outcome.UNKNOWN, message, (), (EVIDENCE["income"],))
    if not poverty.has_year(year):
        message = words.gettext(
            "No %(year)s poverty guideline on file (limit %(percent)s%% FPG)", year=year, percent=pct
        )
        return Reason("income", Outcome.UNKNOWN, message, ())
    if profile.household_size is None:
        return _income_size_unknown(profile, pct, year, words)
    unborn = bool(node.get("count_unborn")) and profile.pregnant is True
    size = profile.household_size + 1 if unborn else profile.household_size
    period = profile.income.period if profile.income else Period.MONTH
    limit = _IncomeLimit(percent, year, region, size, unborn, period, poverty.guideline(year, region, size))
    if profile.income is None:
        return _income_unrecorded(limit, words)
    return _income_compared(node, profile, profile.income, limit, words)


def _guideline_year(node: Mapping[str, Any], profile: ClientProfile) -> int:
    """The poverty guideline the criterion is measured against: the one in force, unless it names another."""
    year = poverty.year_in_force(profile.as_of)
    requested = node.get("fpg_year")
    if requested == "prior":
        year -= 1
    elif isinstance(requested, int):
        year = requested
    return year


def _income_size_unknown(profile: ClientProfile, pct: str, year: int, words: Words) -> Reason:
    missing = ("household_size",) if profile.income else ("income", "household_size")
    if profile.income is None:
        message = words.gettext(
            "Income and household size not recorded; the limit is %(percent)s%% of the %(year)s poverty guideline",
            percent=pct,
            year=year,
        )
    else:
        message = words.gettext(
            "Household size not recorded; the limit is %(percent)s%% of the %(year)s poverty guideline",
            percent=pct,
            year=year,
        )
    return Reason("income", Outcome.UNKNOWN, message, missing, (EVIDENCE["income"],))


def _income_unrecorded(limit: _IncomeLimit, words: Words) -> Reason:
    rule = words.gettext(
        "%(percent)s%% of the %(year)s guideline%(region)s",
        percent=words.number(limit.percent),
        year=limit.year,
        region=limit.region_note,
    )
    message = words.gettext(
        "Income not recorded; the limit for %(people)s is %(limit)s (%(rule)s)",
        people=limit.people(words),
        limit=limit.per_period(limit.annual, words),
        rule=rule,
    )
    return Reason("income", Outcome.UNKNOWN, message, ("income",), (EVIDENCE["income"],))


def _income_compared(
    node: Mapping[str, Any], profile: ClientProfile, income: Income, limit: _IncomeLimit, words: Words
) -> Reason:
    evidence = (EVIDENCE["income"],)
    share = income.annual / limit.guideline * 100
    within = _within(income, limit.percent, limit.guideline)
    amount = words.money(income.amount, cents=income.amount != round(income.amount))
    said = words.gettext(
        "Income %(amount)s is %(share)s of the %(year)s poverty guideline%(region)s for %(people)s",
        amount=f"{amount}{_suffix(limit.period, words)}",
        share=_percent(share, limit.percent, words, over=not within),
        year=limit.year,
        region=limit.region_note,
        people=limit.people(words),
    )
    limit_said = words.gettext(
        "the limit is %(percent)s%% (%(limit)s)",
        percent=words.number(limit.percent),
        limit=limit.per_period(limit.annual, words),
    )
    verdict_text = words.gettext("%(said)s; %(limit)s", said=said, limit=limit_said)
    if within:
        return Reason("income", Outcome.MEETS, verdict_text, (), evidence)
    if node.get("count_unborn") and profile.pregnant is None:
        # Unknown is never treated as false: a pregnancy would add the expected baby to the household.
        if_pregnant = _income_if_pregnant(income, limit, said, limit_said, words)
        if if_pregnant is not None:
            return if_pregnant
    return Reason(
        "income", Outcome.FAILS, verdict_text, (), evidence, near_miss=_income_near_miss(income, limit, words)
    )


def _income_near_miss(income: Income, limit: _IncomeLimit, words: Words) -> str | None:
    if income.annual <= limit.annual * (1 + NEAR_MISS_INCOME):
        over = (income.annual - limit.annual) / PER_YEAR[limit.period]
        return words.gettext(
            "Income is %(amount)s over the limit; a change in income or household size could qualify",
            amount=f"{words.money(math.ceil(over))}{_suffix(limit.period, words)}",
        )
    return None


def _income_if_pregnant(income: Income, limit: _IncomeLimit, said: str, limit_said: str, words: Words) -> Reason | None:
    """Unknown rather than fails when the expected baby of a pregnancy not recorded would bring the household
    within the limit."""
    bigger = poverty.guideline(limit.year, limit.region, limit.size + 1)
    if not _within(income, limit.percent, bigger):
        return None
    message = words.gettext(
        "%(said)s; %(limit)s. If the client is pregnant, the expected baby counts and the limit for "
        "%(size)s people is %(bigger)s",
        said=said,
        limit=limit_said,
        size=limit.size + 1,
        bigger=limit.per_period(limit.percent / 100 * bigger, words),
    )
    return Reason("income", Outcome.UNKNOWN, message, ("pregnant",), (EVIDENCE["income"],))


def _within(income: Income, percent: float, guideline: int) -> bool:
    """income <= percent/100 x guideline: inclusive, in unrounded annual dollars, and exact in decimal arithmetic
    (in binary floating point 1.38 x 39,000 is 53,819.999..., which would fail an income of exactly $53,820)."""
    annual = Decimal(str(income.amount)) * PER_YEAR[income.period]
    return annual * 100 <= Decimal(str(percent)) * guideline


def _percent(share: float, percent: float, words: Words, *, over: bool) -> str:
    """The share of the guideline, with as many decimals as it takes not to hide which side of the limit it is."""
    for digits in (0, 1, 2):
        rounded = round(share, digits)
        if (float(f"{share:.{digits}f}") > percent) == over:
            return words.gettext("%(percent)s%%", percent=words.number(rounded, digits=digits))
    if over:
        return words.gettext("just over %(percent)s%%", percent=words.number(percent))
    return words.gettext("%(percent)s%%", percent=words.number(percent))
