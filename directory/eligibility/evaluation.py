"""Three-valued screening of a client against a service's criteria tree (criteria-model.md §4.3-4.6).

Each leaf meets, fails or cannot be told (unknown) and says why in a sentence a person can read. Groups follow
Kleene logic: `all` fails if any part fails, else is unknown if any part is, else meets; `any` meets if any part
meets, else is unknown if any part is, else fails; `not` swaps meets and fails. Advisory leaves (`hard: false`)
never decide anything: they add notes. Unknown is never treated as false.

This is a screening aid, not an eligibility determination.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from directory.eligibility import poverty
from directory.eligibility.profile import PER_YEAR, PERIOD_SUFFIX, ClientProfile, Income, Period
from directory.wording import ENGLISH, N_, Words

NEAR_MISS_INCOME = 0.10  # fails by at most 10% of the limit
NEAR_MISS_YEARS = 1


class Outcome(StrEnum):
    MEETS = "meets"
    UNKNOWN = "unknown"
    FAILS = "fails"


class Status(StrEnum):
    ELIGIBLE = "eligible"
    POSSIBLY = "possibly_eligible"
    INELIGIBLE = "ineligible"


@dataclass(frozen=True)
class Reason:
    criterion: str
    outcome: Outcome
    message: str
    missing: tuple[str, ...] = ()  # profile fields that would settle an unknown
    documents: tuple[str, ...] = ()  # evidence a person would bring for this criterion
    advisory: bool = False
    near_miss: str | None = None  # for a narrow fail: what would change it


@dataclass(frozen=True)
class Verdict:
    status: Status
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]
    documents: tuple[str, ...]
    notes: tuple[Reason, ...] = ()  # advisory criteria

    @property
    def near_miss(self) -> bool:
        failing = [r for r in self.reasons if r.outcome is Outcome.FAILS]
        return self.status is Status.INELIGIBLE and bool(failing) and all(r.near_miss for r in failing)

    @property
    def what_would_change(self) -> tuple[str, ...]:
        return tuple(r.near_miss for r in self.reasons if r.near_miss and r.outcome is Outcome.FAILS)


# -- evidence ----------------------------------------------------------------------------------------------

EVIDENCE: Mapping[str, str] = {
    "age": N_("Photo ID or birth certificate"),
    "residency": N_("Proof of address (lease, utility bill or mail)"),
    "income": N_("Proof of income (last 30 days of pay stubs, award letters or a self-declaration form)"),
    "household_size": N_("Names and birth dates of everyone in the household"),
    "veteran": N_("DD-214"),
    "pregnant": N_("Pregnancy verification"),
    "disability": N_("Disability documentation (SSI/SSDI award letter or provider letter)"),
    "homeless": N_("Homeless verification (HMIS record, shelter or outreach letter)"),
    "diagnosis": N_("Diagnosis records or a referral from a provider"),
    "immigration": N_("Immigration documents"),
    "enrolled_in": N_("Proof of enrollment (benefits card or award letter)"),
}

QUESTIONS: Mapping[str, str] = {
    "age": N_("How old is the client (or their date of birth)?"),
    "gender": N_("What is the client's gender?"),
    "household_size": N_("How many people are in the household?"),
    "income": N_("What is the household's monthly income?"),
    "county": N_("Which county does the client live in?"),
    "postcode": N_("What is the client's ZIP code?"),
    "state": N_("Which state does the client live in?"),
    "veteran": N_("Is the client a veteran?"),
    "pregnant": N_("Is the client pregnant?"),
    "disability": N_("Does the client have a disability?"),
    "housing_status": N_("Is the client homeless, at risk of homelessness, or housed?"),
    "diagnoses": N_("Does the client have a diagnosis the service asks about?"),
    "immigration_status": N_("What is the client's immigration status?"),
    "enrolled_in": N_("Which benefits is the client enrolled in (Medicaid, SNAP, SSI, TANF...)?"),
    "insurance": N_("What health coverage does the client have?"),
}

#: What each profile field is about, in a few words ("they will ask about your age, income").
TOPICS: Mapping[str, str] = {
    "age": N_("age"),
    "gender": N_("gender"),
    "household_size": N_("household size"),
    "income": N_("income"),
    "county": N_("county"),
    "postcode": N_("your ZIP code"),
    "state": N_("state"),
    "veteran": N_("military service"),
    "pregnant": N_("pregnancy"),
    "disability": N_("disability"),
    "housing_status": N_("housing"),
    "diagnoses": N_("health conditions"),
    "immigration_status": N_("immigration status"),
    "enrolled_in": N_("benefits you receive"),
    "insurance": N_("health coverage"),
}

LABELS: Mapping[str, str] = {
    "smi": N_("serious mental illness (SMI)"),
    "sud": N_("substance use disorder"),
    "oud": N_("opioid use disorder"),
    "sed": N_("serious emotional disturbance (SED)"),
    "hiv": N_("HIV"),
    "co_occurring": N_("co-occurring mental health and substance use disorders"),
    "medicaid": N_("Medicaid"),
    "snap": N_("SNAP"),
    "ssi": N_("SSI"),
    "ssdi": N_("SSDI"),
    "tanf": N_("TANF"),
    "wic": N_("WIC"),
    "homeless": N_("homeless"),
    "at_risk": N_("at risk of homelessness"),
    "housed": N_("housed"),
    "citizen": N_("US citizen"),
    "lpr": N_("lawful permanent resident"),
    "refugee_asylee": N_("refugee or asylee"),
    "other_lawful": N_("other lawful status"),
    "undocumented": N_("undocumented"),
    "female": N_("women"),
    "male": N_("men"),
    "nonbinary": N_("nonbinary people"),
}


def question(field: str, words: Words = ENGLISH) -> str:
    """The question that would settle an unknown about `field`, asked of a case manager."""
    if field in QUESTIONS:
        return words.gettext(QUESTIONS[field])
    return words.gettext("What is the client's %(field)s?", field=field.replace("_", " "))


def topic(field: str, words: Words = ENGLISH) -> str:
    """What a profile field is about, in a few words."""
    return words.gettext(TOPICS[field]) if field in TOPICS else field.replace("_", " ")


def _label(code: str, words: Words) -> str:
    return words.gettext(LABELS[code]) if code in LABELS else code.replace("_", " ")


def _join(values: Iterable[str], words: Words, conjunction: str = "or") -> str:
    items = list(values)
    if len(items) <= 1:
        return "".join(items)
    head, last = ", ".join(items[:-1]), items[-1]
    if conjunction == "and":
        return words.gettext("%(items)s and %(last)s", items=head, last=last)
    return words.gettext("%(items)s or %(last)s", items=head, last=last)


def _suffix(period: Period, words: Words) -> str:
    return words.gettext(PERIOD_SUFFIX[period])


# -- leaves ------------------------------------------------------------------------------------------------


def _age_range(node: Mapping[str, Any], words: Words) -> str:
    low, high = node.get("min"), node.get("max")
    if low is not None and high is not None:
        return f"{words.number(low)}–{words.number(high)}"
    if low is not None:
        return f"{words.number(low)}+"
    return words.gettext("under %(age)s", age=words.number((high or 0) + 1))


def _age(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    age = profile.effective_age
    span = _age_range(node, words)
    evidence = (EVIDENCE["age"],)
    if age is None:
        message = words.gettext("Age not provided (service is for ages %(span)s)", span=span)
        return Reason("age", Outcome.UNKNOWN, message, ("age",), evidence)
    low, high = node.get("min"), node.get("max")
    exact = profile.birth_date is not None
    if low is not None and age < low:
        near = (
            words.gettext("Turns %(age)s within a year", age=words.number(low))
            if low - age <= NEAR_MISS_YEARS
            else None
        )
        if not exact and low - age <= NEAR_MISS_YEARS:
            message = words.gettext(
                "Age %(age)s is below the minimum age of %(low)s; a birth date would be more exact",
                age=age,
                low=words.number(low),
            )
        else:
            message = words.gettext("Age %(age)s is below the minimum age of %(low)s", age=age, low=words.number(low))
        return Reason("age", Outcome.FAILS, message, (), evidence, near_miss=near)
    if high is not None and age > high:
        near = None
        if age - high <= NEAR_MISS_YEARS and not exact:
            near = words.gettext("Confirm the date of birth: the client may still be within the age limit")
        message = words.gettext("Age %(age)s is above the maximum age of %(high)s", age=age, high=words.number(high))
        return Reason("age", Outcome.FAILS, message, (), evidence, near_miss=near)
    near_edge = not exact and any(b is not None and abs(age - b) < 1 for b in (low, high))
    if low is None:  # "Age 12 is under 18"
        message = words.gettext("Age %(age)s is %(span)s", age=age, span=span)
    else:
        message = words.gettext("Age %(age)s is within %(span)s", age=age, span=span)
    if near_edge:
        message = words.gettext("%(said)s (a birth date would confirm it)", said=message)
    return Reason("age", Outcome.MEETS, message, (), evidence)


def _gender(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    allowed = list(node.get("in", []))
    who = _join([_label(g, words) for g in allowed], words)
    if profile.gender is None:
        message = words.gettext("Gender not recorded (service is for %(who)s)", who=who)
        return Reason("gender", Outcome.UNKNOWN, message, ("gender",))
    if profile.gender in allowed:
        return Reason("gender", Outcome.MEETS, words.gettext("Serves %(who)s", who=who))
    return Reason("gender", Outcome.FAILS, words.gettext("Serves %(who)s only", who=who))


@dataclass(frozen=True)
class _ServiceArea:
    """The places a residency criterion serves."""

    postcodes: list[str]
    counties: list[str]
    states: list[str]

    @classmethod
    def of(cls, node: Mapping[str, Any]) -> _ServiceArea:
        return cls(
            postcodes=[str(p)[:5] for p in node.get("postcodes", [])],
            counties=[_county(c) for c in node.get("counties", [])],
            states=[str(s).upper() for s in node.get("states", [])],
        )

    def names(self, words: Words) -> str:
        counties = (_county_name(c, words) for c in self.counties)
        return _join([*counties, *self.states, *(_zip_name(p, words) for p in self.postcodes)], words, "and")


@dataclass(frozen=True)
class _Home:
    """Where the client lives, as far as the profile tells."""

    zip_code: str | None
    county: str | None
    state: str | None
    derived: tuple[str, str] | None  # (county, state) of the ZIP code

    @classmethod
    def of(cls, profile: ClientProfile, places: PlaceResolver | None) -> _Home:
        zip_code = (profile.postcode or "")[:5] or None
        derived = places(zip_code) if places and zip_code else None
        state = (profile.state or (derived[1] if derived else "") or "").upper() or None
        county = _county(profile.county) if profile.county else None
        return cls(zip_code, county, state, derived)


def _county_name(name: str, words: Words) -> str:
    return words.gettext("%(name)s County", name=name)


def _zip_name(code: str, words: Words) -> str:
    return words.gettext("ZIP %(code)s", code=code)


def _residency(node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None, words: Words) -> Reason:
    """Meets when any listed place matches (criteria-model §4.2). A county known only from the ZIP code is
    trusted when it is served; otherwise it is left to confirm, since a ZIP code can span counties (§4.5.8)."""
    area = _ServiceArea.of(node)
    home = _Home.of(profile, places)
    evidence = (EVIDENCE["residency"],)
    served_home = _served_home(area, home, words)
    if served_home is not None:
        return Reason("residency", Outcome.MEETS, served_home, (), evidence)
    missing = _residency_missing(area, home)
    if missing:
        message = _residency_unknown(area, home, words)
        return Reason("residency", Outcome.UNKNOWN, message, missing, evidence)
    message = words.gettext(
        "Serves %(served)s; client lives in %(where)s", served=area.names(words), where=_where(home, words)
    )
    return Reason("residency", Outcome.FAILS, message, (), evidence)


def _served_home(area: _ServiceArea, home: _Home, words: Words) -> str | None:
    """Where the client lives, said as served; None when it is not (yet) known to be served."""
    if home.zip_code and home.zip_code in area.postcodes:
        return words.gettext("Lives in %(place)s (served)", place=_zip_name(home.zip_code, words))
    if home.county and home.county in area.counties:
        return words.gettext("Lives in %(place)s (served)", place=_county_name(home.county, words))
    if home.state and home.state in area.states:
        return words.gettext("Lives in %(place)s (served)", place=home.state)
    if area.counties and home.county is None and home.derived and home.derived[0] in area.counties:
        county = _county_name(home.derived[0], words)
        return words.gettext("ZIP %(code)s is in %(county)s (served)", code=home.zip_code, county=county)
    return None


def _residency_missing(area: _ServiceArea, home: _Home) -> tuple[str, ...]:
    """The profile fields that would settle where the client lives, for the kinds of place the service lists."""
    missing: list[str] = []
    if area.postcodes and home.zip_code is None:
        missing.append("postcode")
    if area.counties and home.county is None:
        missing.append("county")
    if area.states and home.state is None:
        missing.append("state")
    return tuple(missing)


def _residency_unknown(area: _ServiceArea, home: _Home, words: Words) -> str:
    served = area.names(words)
    if area.counties and home.county is None and home.derived:
        return words.gettext(
            "ZIP %(code)s is mostly in %(county)s; confirm the county (serves %(served)s)",
            code=home.zip_code,
            county=_county_name(home.derived[0], words),
            served=served,
        )
    return words.gettext("Where the client lives is not recorded (serves %(served)s)", served=served)


def _where(home: _Home, words: Words) -> str:
    if home.county:
        return _county_name(home.county, words)
    return _zip_name(home.zip_code, words) if home.zip_code else (home.state or words.gettext("elsewhere"))


def _county(name: str) -> str:
    words = str(name).strip()
    for suffix in (" County", " county", " COUNTY"):
        words = words.removesuffix(suffix)
    return " ".join(part[:1].upper() + part[1:] for part in words.split())


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


def _income(node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None, words: Words) -> Reason:
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


def _household_size(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    size = profile.household_size
    low, high = node.get("min"), node.get("max")
    if low is not None and high is not None:
        span = f"{low}–{high}"
    elif low is not None:
        span = f"{low}+"
    else:
        span = words.gettext("up to %(size)s", size=high)
    if size is None:
        message = words.gettext("Household size not recorded (service is for households of %(span)s)", span=span)
        return Reason("household_size", Outcome.UNKNOWN, message, ("household_size",))
    if (low is not None and size < low) or (high is not None and size > high):
        message = words.gettext("Household of %(size)s; service is for households of %(span)s", size=size, span=span)
        return Reason("household_size", Outcome.FAILS, message)
    message = words.gettext("Household of %(size)s is within %(span)s", size=size, span=span)
    return Reason("household_size", Outcome.MEETS, message)


#: For the yes/no statuses: who the service is for, and what the status is called.
STATUS_WHO: Mapping[str, str] = {
    "veteran": N_("veterans"),
    "pregnant": N_("pregnant people"),
    "disability": N_("people with a disability"),
}
STATUS_NAME: Mapping[str, str] = {"veteran": N_("Veteran"), "pregnant": N_("Pregnant"), "disability": N_("Disability")}


def _status(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    name = node["field"]
    allowed = list(node.get("in", []))
    value = getattr(profile, name)
    if name == "housing_status":
        who = _join([_label(v, words) for v in allowed], words)
        evidence = (EVIDENCE["homeless"],) if "homeless" in allowed else ()
        if value is None:
            message = words.gettext("Housing status not recorded (service is for people who are %(who)s)", who=who)
            return Reason(name, Outcome.UNKNOWN, message, (name,), evidence)
        if value in allowed:
            proof = evidence if value == "homeless" else ()
            return Reason(
                name, Outcome.MEETS, words.gettext("Housing: %(status)s", status=_label(value, words)), (), proof
            )
        message = words.gettext(
            "Serves people who are %(who)s; client is %(status)s", who=who, status=_label(value, words)
        )
        return Reason(name, Outcome.FAILS, message)
    noun = words.gettext(STATUS_WHO[name])
    title = words.gettext(STATUS_NAME[name])
    evidence = (EVIDENCE[name],) if True in allowed else ()
    wants = "only" if allowed == [True] else ("not" if allowed == [False] else "")
    if value is None:
        if wants == "not":
            message = words.gettext("%(status)s status not recorded", status=title)
        else:
            message = words.gettext("%(status)s status not recorded (service is for %(who)s)", status=title, who=noun)
        return Reason(name, Outcome.UNKNOWN, message, (name,), evidence)
    if value in allowed:
        proof = evidence if value is True else ()
        answer = words.gettext("yes") if value else words.gettext("no")
        return Reason(
            name, Outcome.MEETS, words.gettext("%(status)s: %(answer)s", status=title, answer=answer), (), proof
        )
    if wants == "only":
        return Reason(name, Outcome.FAILS, words.gettext("Serves %(who)s only", who=noun))
    return Reason(name, Outcome.FAILS, words.gettext("Not for %(who)s", who=noun))


def _diagnosis(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    codes = list(node.get("any_of", []))
    named = _join([_label(c, words) for c in codes], words)
    evidence = (EVIDENCE["diagnosis"],)
    answers = {code: profile.diagnoses.get(code) for code in codes}
    confirmed = [code for code, answer in answers.items() if answer == "yes"]
    if confirmed:
        message = words.gettext("Diagnosis recorded: %(diagnosis)s", diagnosis=_label(confirmed[0], words))
        return Reason("diagnosis", Outcome.MEETS, message, (), evidence)
    if all(answer == "no" for answer in answers.values()):
        return Reason("diagnosis", Outcome.FAILS, words.gettext("Requires a diagnosis of %(named)s", named=named))
    suspected = [code for code, answer in answers.items() if answer == "suspected"]
    if suspected:
        label = _label(suspected[0], words)
        message = words.gettext(
            "%(diagnosis)s suspected, not diagnosed; the intake assessment will decide",
            diagnosis=f"{label[:1].upper()}{label[1:]}",
        )
        return Reason("diagnosis", Outcome.UNKNOWN, message, ("diagnoses",), evidence)
    message = words.gettext("Diagnosis not recorded (service is for people with %(named)s)", named=named)
    return Reason("diagnosis", Outcome.UNKNOWN, message, ("diagnoses",), evidence)


def _immigration(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    allowed = list(node.get("in", []))
    who = _join([_label(s, words) for s in allowed], words)
    evidence = (EVIDENCE["immigration"],)
    status = profile.immigration_status
    if status in (None, "prefer_not"):
        message = words.gettext("This program asks about immigration status (open to: %(who)s)", who=who)
        return Reason("immigration", Outcome.UNKNOWN, message, ("immigration_status",), evidence)
    if status in allowed:
        message = words.gettext("Immigration status meets the program's rules")
        return Reason("immigration", Outcome.MEETS, message, (), evidence)
    return Reason("immigration", Outcome.FAILS, words.gettext("This program is open to: %(who)s", who=who))


def _enrolled_in(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    programs = list(node.get("any_of", []))
    named = _join([_label(p, words) for p in programs], words)
    evidence = (EVIDENCE["enrolled_in"],)
    if profile.enrolled_in is None:
        message = words.gettext("Enrollment in %(named)s not recorded", named=named)
        return Reason("enrolled_in", Outcome.UNKNOWN, message, ("enrolled_in",), evidence)
    found = [p for p in programs if p in profile.enrolled_in]
    if found:
        message = words.gettext("Enrolled in %(program)s (qualifies automatically)", program=_label(found[0], words))
        return Reason("enrolled_in", Outcome.MEETS, message, (), evidence)
    return Reason("enrolled_in", Outcome.FAILS, words.gettext("Not enrolled in %(named)s", named=named))


def _custom(node: Mapping[str, Any], _profile: ClientProfile, words: Words) -> Reason:
    """A rule in the service's own words, shown as entered."""
    return Reason("custom", Outcome.UNKNOWN, str(node.get("text", "")).strip() or words.gettext("Ask the service"))


#: (ZIP) -> (county, state) or None: how residency and income learn where a ZIP code is.
PlaceResolver = Any


def evaluate_leaf(
    node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None = None, words: Words = ENGLISH
) -> Reason:
    kind = node["type"]
    if kind == "residency":
        reason = _residency(node, profile, places, words)
    elif kind == "income":
        reason = _income(node, profile, places, words)
    else:
        reason = {
            "age": _age,
            "gender": _gender,
            "household_size": _household_size,
            "status": _status,
            "diagnosis": _diagnosis,
            "immigration": _immigration,
            "enrolled_in": _enrolled_in,
            "custom": _custom,
        }[kind](node, profile, words)
    if node.get("hard") is False:
        reason = replace(reason, advisory=True, near_miss=None)
    return reason


# -- groups ------------------------------------------------------------------------------------------------


@dataclass
class _Node:
    outcome: Outcome | None  # None: only advisory criteria, which decide nothing
    reasons: list[Reason] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)


def _flip(outcome: Outcome) -> Outcome:
    return {Outcome.MEETS: Outcome.FAILS, Outcome.FAILS: Outcome.MEETS, Outcome.UNKNOWN: Outcome.UNKNOWN}[outcome]


def _walk(node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None, words: Words) -> _Node:
    if "all" in node or "any" in node:
        is_all = "all" in node
        children = [_walk(child, profile, places, words) for child in node["all" if is_all else "any"]]
        outcomes = [child.outcome for child in children if child.outcome is not None]
        outcome: Outcome | None
        if not outcomes:
            outcome, shown = None, children
        elif is_all:
            outcome = (
                Outcome.FAILS
                if Outcome.FAILS in outcomes
                else Outcome.UNKNOWN
                if Outcome.UNKNOWN in outcomes
                else Outcome.MEETS
            )
            shown = children
        else:
            outcome = (
                Outcome.MEETS
                if Outcome.MEETS in outcomes
                else Outcome.UNKNOWN
                if Outcome.UNKNOWN in outcomes
                else Outcome.FAILS
            )
            # For an `any` that meets, show only the branch that met.
            shown = [next(c for c in children if c.outcome is Outcome.MEETS)] if outcome is Outcome.MEETS else children
        result = _Node(outcome)
        for child in shown:
            result.reasons.extend(child.reasons)
        for child in children:
            result.notes.extend(child.notes)
        return result
    if "not" in node:
        inner = _walk(node["not"], profile, places, words)
        flipped = [
            replace(
                r,
                outcome=_flip(r.outcome),
                message=words.gettext("Not for: %(reason)s", reason=f"{r.message[0].lower()}{r.message[1:]}"),
                near_miss=None,
            )
            for r in inner.reasons
        ]
        outcome = None if inner.outcome is None else _flip(inner.outcome)
        if outcome is not Outcome.UNKNOWN:  # a decided `not` shows only what decided it, like an `any` that meets
            flipped = [r for r in flipped if r.outcome is outcome]
        return _Node(outcome, flipped, inner.notes)
    reason = evaluate_leaf(node, profile, places, words)
    if reason.advisory:
        return _Node(None, [], [reason])
    return _Node(reason.outcome, [reason])


_ORDER = {Outcome.FAILS: 0, Outcome.UNKNOWN: 1, Outcome.MEETS: 2}
_OUR_EVIDENCE = frozenset(EVIDENCE.values())


def _document_kind(document: str) -> str:
    """What a document is, for de-duplication: "Photo ID (preferred)" and "Photo ID or birth certificate" are one
    kind ("photo id"), as are two wordings of "Proof of income"."""
    words = document.casefold().replace(",", " ").replace("(", " ").split()
    return " ".join(words[:3] if words[:2] == ["proof", "of"] else words[:2])


def _documents(reasons: Iterable[Reason], service_documents: Sequence[str], words: Words) -> tuple[str, ...]:
    """The service's own list first (its wording wins, as entered), then evidence for the criteria not already
    covered, in the reader's language (compared in English, the language both are written in)."""
    seen: dict[str, str] = {}
    kinds: set[str] = set()
    for document in service_documents:
        key = document.casefold().strip()
        if key and key not in seen:
            seen[key] = document.strip()
            kinds.add(_document_kind(document))
    for reason in reasons:
        if reason.outcome is Outcome.FAILS:
            continue
        for document in reason.documents:
            key, kind = document.casefold().strip(), _document_kind(document)
            if key and key not in seen and kind not in kinds:
                seen[key] = document.strip()
                kinds.add(kind)
    return tuple(words.gettext(d) if d in _OUR_EVIDENCE else d for d in seen.values())


def match(
    profile: ClientProfile,
    criteria: Mapping[str, Any] | None,
    *,
    documents: Sequence[str] = (),
    verified_on: date | str | None = None,
    places: PlaceResolver | None = None,
    words: Words = ENGLISH,
) -> Verdict:
    """Screen a client against one service's criteria tree (None: no restrictions recorded). Reasons are written
    in `words`: English as written, or a reader's language."""
    if not criteria:
        if verified_on:
            day = date.fromisoformat(verified_on) if isinstance(verified_on, str) else verified_on
            message = words.gettext("No restrictions recorded; last verified %(date)s", date=words.day(day))
        else:
            message = words.gettext("No restrictions recorded")
        reason = Reason("none", Outcome.MEETS, message)
        return Verdict(Status.ELIGIBLE, (reason,), (), _documents([], documents, words))
    root = _walk(criteria, profile, places, words)
    status = {Outcome.MEETS: Status.ELIGIBLE, Outcome.UNKNOWN: Status.POSSIBLY, Outcome.FAILS: Status.INELIGIBLE}[
        root.outcome or Outcome.MEETS  # advisory criteria alone restrict nothing
    ]
    reasons = sorted(root.reasons, key=lambda r: _ORDER[r.outcome])
    missing = tuple(dict.fromkeys(f for r in reasons if r.outcome is Outcome.UNKNOWN for f in r.missing))
    if status is not Status.POSSIBLY:
        missing = ()
    all_reasons = [*reasons, *root.notes]
    return Verdict(status, tuple(reasons), missing, _documents(all_reasons, documents, words), tuple(root.notes))
