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
from decimal import Decimal
from enum import StrEnum
from typing import Any

from directory.eligibility import poverty
from directory.eligibility.profile import PER_YEAR, PERIOD_SUFFIX, ClientProfile, Income, Period

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
    "age": "Photo ID or birth certificate",
    "residency": "Proof of address (lease, utility bill or mail)",
    "income": "Proof of income (last 30 days of pay stubs, award letters or a self-declaration form)",
    "household_size": "Names and birth dates of everyone in the household",
    "veteran": "DD-214",
    "pregnant": "Pregnancy verification",
    "disability": "Disability documentation (SSI/SSDI award letter or provider letter)",
    "homeless": "Homeless verification (HMIS record, shelter or outreach letter)",
    "diagnosis": "Diagnosis records or a referral from a provider",
    "immigration": "Immigration documents",
    "enrolled_in": "Proof of enrollment (benefits card or award letter)",
}

QUESTIONS: Mapping[str, str] = {
    "age": "How old is the client (or their date of birth)?",
    "gender": "What is the client's gender?",
    "household_size": "How many people are in the household?",
    "income": "What is the household's monthly income?",
    "county": "Which county does the client live in?",
    "postcode": "What is the client's ZIP code?",
    "state": "Which state does the client live in?",
    "veteran": "Is the client a veteran?",
    "pregnant": "Is the client pregnant?",
    "disability": "Does the client have a disability?",
    "housing_status": "Is the client homeless, at risk of homelessness, or housed?",
    "diagnoses": "Does the client have a diagnosis the service asks about?",
    "immigration_status": "What is the client's immigration status?",
    "enrolled_in": "Which benefits is the client enrolled in (Medicaid, SNAP, SSI, TANF...)?",
    "insurance": "What health coverage does the client have?",
}

LABELS: Mapping[str, str] = {
    "smi": "serious mental illness (SMI)",
    "sud": "substance use disorder",
    "oud": "opioid use disorder",
    "sed": "serious emotional disturbance (SED)",
    "hiv": "HIV",
    "co_occurring": "co-occurring mental health and substance use disorders",
    "medicaid": "Medicaid",
    "snap": "SNAP",
    "ssi": "SSI",
    "ssdi": "SSDI",
    "tanf": "TANF",
    "wic": "WIC",
    "homeless": "homeless",
    "at_risk": "at risk of homelessness",
    "housed": "housed",
    "citizen": "US citizen",
    "lpr": "lawful permanent resident",
    "refugee_asylee": "refugee or asylee",
    "other_lawful": "other lawful status",
    "undocumented": "undocumented",
    "female": "women",
    "male": "men",
    "nonbinary": "nonbinary people",
}


def _label(code: str) -> str:
    return LABELS.get(code, code.replace("_", " "))


def _join(values: Iterable[str], conjunction: str = "or") -> str:
    items = list(values)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _money(value: float) -> str:
    return f"${value:,.0f}"


# -- leaves ------------------------------------------------------------------------------------------------


def _age_range(node: Mapping[str, Any]) -> str:
    low, high = node.get("min"), node.get("max")
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    if low is not None:
        return f"{low:g}+"
    return f"under {(high or 0) + 1:g}"


def _age(node: Mapping[str, Any], profile: ClientProfile) -> Reason:
    age = profile.effective_age
    span = _age_range(node)
    evidence = (EVIDENCE["age"],)
    if age is None:
        return Reason("age", Outcome.UNKNOWN, f"Age not provided (service is for ages {span})", ("age",), evidence)
    low, high = node.get("min"), node.get("max")
    exact = profile.birth_date is not None
    if low is not None and age < low:
        near = f"Turns {low:g} within a year" if low - age <= NEAR_MISS_YEARS else None
        check = "" if exact else "; a birth date would be more exact" if low - age <= NEAR_MISS_YEARS else ""
        message = f"Age {age} is below the minimum age of {low:g}{check}"
        return Reason("age", Outcome.FAILS, message, (), evidence, near_miss=near)
    if high is not None and age > high:
        near = None
        if age - high <= NEAR_MISS_YEARS and not exact:
            near = "Confirm the date of birth: the client may still be within the age limit"
        message = f"Age {age} is above the maximum age of {high:g}"
        return Reason("age", Outcome.FAILS, message, (), evidence, near_miss=near)
    near_edge = not exact and any(b is not None and abs(age - b) < 1 for b in (low, high))
    note = " (a birth date would confirm it)" if near_edge else ""
    within = f"is {span}" if span.startswith("under") else f"is within {span}"
    return Reason("age", Outcome.MEETS, f"Age {age} {within}{note}", (), evidence)


def _gender(node: Mapping[str, Any], profile: ClientProfile) -> Reason:
    allowed = list(node.get("in", []))
    who = _join([_label(g) for g in allowed])
    if profile.gender is None:
        return Reason("gender", Outcome.UNKNOWN, f"Gender not recorded (service is for {who})", ("gender",))
    if profile.gender in allowed:
        return Reason("gender", Outcome.MEETS, f"Serves {who}")
    return Reason("gender", Outcome.FAILS, f"Serves {who} only")


def _residency(node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None) -> Reason:
    """Meets when any listed place matches (criteria-model §4.2). A county known only from the ZIP code is
    trusted when it is served; otherwise it is left to confirm, since a ZIP code can span counties (§4.5.8)."""
    postcodes = [str(p)[:5] for p in node.get("postcodes", [])]
    counties = [_county(c) for c in node.get("counties", [])]
    states = [str(s).upper() for s in node.get("states", [])]
    served = _join([*(f"{c} County" for c in counties), *states, *(f"ZIP {p}" for p in postcodes)], "and")
    evidence = (EVIDENCE["residency"],)
    zip_code = (profile.postcode or "")[:5] or None
    derived = places(zip_code) if places and zip_code else None  # (county, state) of the ZIP code
    state = (profile.state or (derived[1] if derived else "") or "").upper() or None
    county = _county(profile.county) if profile.county else None
    if zip_code and zip_code in postcodes:
        return Reason("residency", Outcome.MEETS, f"Lives in ZIP {zip_code} (served)", (), evidence)
    if county and county in counties:
        return Reason("residency", Outcome.MEETS, f"Lives in {county} County (served)", (), evidence)
    if state and state in states:
        return Reason("residency", Outcome.MEETS, f"Lives in {state} (served)", (), evidence)
    if counties and county is None and derived and derived[0] in counties:
        message = f"ZIP {zip_code} is in {derived[0]} County (served)"
        return Reason("residency", Outcome.MEETS, message, (), evidence)
    missing: list[str] = []
    if postcodes and zip_code is None:
        missing.append("postcode")
    if counties and county is None:
        missing.append("county")
    if states and state is None:
        missing.append("state")
    if missing:
        if counties and county is None and derived:
            message = f"ZIP {zip_code} is mostly in {derived[0]} County; confirm the county (serves {served})"
        else:
            message = f"Where the client lives is not recorded (serves {served})"
        return Reason("residency", Outcome.UNKNOWN, message, tuple(missing), evidence)
    where = f"{county} County" if county else (f"ZIP {zip_code}" if zip_code else (state or "elsewhere"))
    return Reason("residency", Outcome.FAILS, f"Serves {served}; client lives in {where}", (), evidence)


def _county(name: str) -> str:
    words = str(name).strip()
    for suffix in (" County", " county", " COUNTY"):
        words = words.removesuffix(suffix)
    return " ".join(part[:1].upper() + part[1:] for part in words.split())


def _income(node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None) -> Reason:
    percent = float(node["max_percent_fpl"])
    year = poverty.year_in_force(profile.as_of)
    requested = node.get("fpg_year")
    if requested == "prior":
        year -= 1
    elif isinstance(requested, int):
        year = requested
    evidence = (EVIDENCE["income"],)
    zip_state = (
        places(profile.postcode[:5])[1] if places and profile.postcode and places(profile.postcode[:5]) else None
    )
    state = profile.state or zip_state
    region = poverty.region_for(state)
    if region is None:
        message = f"There is no HHS poverty guideline for {state}; the program sets its own limit ({percent:g}% FPG)"
        return Reason("income", Outcome.UNKNOWN, message, (), evidence)
    if not poverty.has_year(year):
        return Reason("income", Outcome.UNKNOWN, f"No {year} poverty guideline on file (limit {percent:g}% FPG)", ())
    size = profile.household_size
    unborn = bool(node.get("count_unborn")) and profile.pregnant is True
    if size is not None and unborn:
        size += 1
    period = profile.income.period if profile.income else Period.MONTH
    per_year = {Period.WEEK: 52, Period.BIWEEK: 26, Period.MONTH: 12, Period.YEAR: 1}[period]
    suffix = PERIOD_SUFFIX[period]
    if size is None:
        missing = ("household_size",) if profile.income else ("income", "household_size")
        message = f"Household size not recorded; the limit is {percent:g}% of the {year} poverty guideline"
        if profile.income is None:
            message = (
                f"Income and household size not recorded; the limit is {percent:g}% of the {year} poverty guideline"
            )
        return Reason("income", Outcome.UNKNOWN, message, missing, evidence)
    guideline = poverty.guideline(year, region, size)
    limit_annual = percent / 100 * guideline
    people = f"{size} {'person' if size == 1 else 'people'}{' (counting the expected baby)' if unborn else ''}"
    region_note = "" if region is poverty.Region.CONTIGUOUS else f" ({region.value})"
    limit_text = f"{_money(limit_annual / per_year)}{suffix}"
    if profile.income is None:
        rule = f"{percent:g}% of the {year} guideline{region_note}"
        message = f"Income not recorded; the limit for {people} is {limit_text} ({rule})"
        return Reason("income", Outcome.UNKNOWN, message, ("income",), evidence)
    income: Income = profile.income
    share = income.annual / guideline * 100
    within = _within(income, percent, guideline)
    shown = _percent(share, percent, over=not within)
    amount = f"${income.amount:,.2f}" if income.amount != round(income.amount) else _money(income.amount)
    said = f"Income {amount}{suffix} is {shown} of the {year} poverty guideline{region_note} for {people}"
    limit = f"the limit is {percent:g}% ({limit_text})"
    if within:
        return Reason("income", Outcome.MEETS, f"{said}; {limit}", (), evidence)
    near = None
    if income.annual <= limit_annual * (1 + NEAR_MISS_INCOME):
        over = (income.annual - limit_annual) / per_year
        near = (
            f"Income is {_money(math.ceil(over))}{suffix} over the limit; "
            "a change in income or household size could qualify"
        )
    if node.get("count_unborn") and profile.pregnant is None:
        # Unknown is never treated as false: a pregnancy would add the expected baby to the household.
        bigger = poverty.guideline(year, region, size + 1)
        if _within(income, percent, bigger):
            message = (
                f"{said}; {limit}. If the client is pregnant, the expected baby counts and the limit for "
                f"{size + 1} people is {_money(percent / 100 * bigger / per_year)}{suffix}"
            )
            return Reason("income", Outcome.UNKNOWN, message, ("pregnant",), evidence)
    return Reason("income", Outcome.FAILS, f"{said}; {limit}", (), evidence, near_miss=near)


def _within(income: Income, percent: float, guideline: int) -> bool:
    """income <= percent/100 x guideline: inclusive, in unrounded annual dollars, and exact in decimal arithmetic
    (in binary floating point 1.38 x 39,000 is 53,819.999..., which would fail an income of exactly $53,820)."""
    annual = Decimal(str(income.amount)) * PER_YEAR[income.period]
    return annual * 100 <= Decimal(str(percent)) * guideline


def _percent(share: float, percent: float, *, over: bool) -> str:
    """The share of the guideline, with as many decimals as it takes not to hide which side of the limit it is."""
    for digits in (0, 1, 2):
        text = f"{share:.{digits}f}"
        if (float(text) > percent) == over:
            return f"{text}%"
    return f"just over {percent:g}%" if over else f"{percent:g}%"


def _household_size(node: Mapping[str, Any], profile: ClientProfile) -> Reason:
    size = profile.household_size
    low, high = node.get("min"), node.get("max")
    span = (
        f"{low}–{high}" if low is not None and high is not None else (f"{low}+" if low is not None else f"up to {high}")
    )
    if size is None:
        return Reason(
            "household_size",
            Outcome.UNKNOWN,
            f"Household size not recorded (service is for households of {span})",
            ("household_size",),
        )
    if (low is not None and size < low) or (high is not None and size > high):
        return Reason("household_size", Outcome.FAILS, f"Household of {size}; service is for households of {span}")
    return Reason("household_size", Outcome.MEETS, f"Household of {size} is within {span}")


def _status(node: Mapping[str, Any], profile: ClientProfile) -> Reason:
    name = node["field"]
    allowed = list(node.get("in", []))
    value = getattr(profile, name)
    if name == "housing_status":
        who = _join([_label(v) for v in allowed])
        evidence = (EVIDENCE["homeless"],) if "homeless" in allowed else ()
        if value is None:
            return Reason(
                name,
                Outcome.UNKNOWN,
                f"Housing status not recorded (service is for people who are {who})",
                (name,),
                evidence,
            )
        if value in allowed:
            proof = evidence if value == "homeless" else ()
            return Reason(name, Outcome.MEETS, f"Housing: {_label(value)}", (), proof)
        return Reason(name, Outcome.FAILS, f"Serves people who are {who}; client is {_label(value)}")
    noun = {"veteran": "veterans", "pregnant": "pregnant people", "disability": "people with a disability"}[name]
    title = {"veteran": "Veteran", "pregnant": "Pregnant", "disability": "Disability"}[name]
    evidence = (EVIDENCE[name],) if True in allowed else ()
    wants = "only" if allowed == [True] else ("not" if allowed == [False] else "")
    if value is None:
        return Reason(
            name,
            Outcome.UNKNOWN,
            f"{title} status not recorded (service is for {noun})"
            if wants != "not"
            else f"{title} status not recorded",
            (name,),
            evidence,
        )
    if value in allowed:
        proof = evidence if value is True else ()
        return Reason(name, Outcome.MEETS, f"{title}: {'yes' if value else 'no'}", (), proof)
    if wants == "only":
        return Reason(name, Outcome.FAILS, f"Serves {noun} only")
    return Reason(name, Outcome.FAILS, f"Not for {noun}")


def _diagnosis(node: Mapping[str, Any], profile: ClientProfile) -> Reason:
    codes = list(node.get("any_of", []))
    named = _join([_label(c) for c in codes])
    evidence = (EVIDENCE["diagnosis"],)
    answers = {code: profile.diagnoses.get(code) for code in codes}
    confirmed = [code for code, answer in answers.items() if answer == "yes"]
    if confirmed:
        return Reason("diagnosis", Outcome.MEETS, f"Diagnosis recorded: {_label(confirmed[0])}", (), evidence)
    if all(answer == "no" for answer in answers.values()):
        return Reason("diagnosis", Outcome.FAILS, f"Requires a diagnosis of {named}")
    suspected = [code for code, answer in answers.items() if answer == "suspected"]
    if suspected:
        label = _label(suspected[0])
        message = f"{label[:1].upper()}{label[1:]} suspected, not diagnosed; the intake assessment will decide"
        return Reason("diagnosis", Outcome.UNKNOWN, message, ("diagnoses",), evidence)
    return Reason(
        "diagnosis",
        Outcome.UNKNOWN,
        f"Diagnosis not recorded (service is for people with {named})",
        ("diagnoses",),
        evidence,
    )


def _immigration(node: Mapping[str, Any], profile: ClientProfile) -> Reason:
    allowed = list(node.get("in", []))
    who = _join([_label(s) for s in allowed])
    evidence = (EVIDENCE["immigration"],)
    status = profile.immigration_status
    if status in (None, "prefer_not"):
        return Reason(
            "immigration",
            Outcome.UNKNOWN,
            f"This program asks about immigration status (open to: {who})",
            ("immigration_status",),
            evidence,
        )
    if status in allowed:
        return Reason("immigration", Outcome.MEETS, "Immigration status meets the program's rules", (), evidence)
    return Reason("immigration", Outcome.FAILS, f"This program is open to: {who}")


def _enrolled_in(node: Mapping[str, Any], profile: ClientProfile) -> Reason:
    programs = list(node.get("any_of", []))
    named = _join([_label(p) for p in programs])
    evidence = (EVIDENCE["enrolled_in"],)
    if profile.enrolled_in is None:
        return Reason("enrolled_in", Outcome.UNKNOWN, f"Enrollment in {named} not recorded", ("enrolled_in",), evidence)
    found = [p for p in programs if p in profile.enrolled_in]
    if found:
        return Reason(
            "enrolled_in", Outcome.MEETS, f"Enrolled in {_label(found[0])} (qualifies automatically)", (), evidence
        )
    return Reason("enrolled_in", Outcome.FAILS, f"Not enrolled in {named}")


def _custom(node: Mapping[str, Any], _profile: ClientProfile) -> Reason:
    return Reason("custom", Outcome.UNKNOWN, str(node.get("text", "")).strip() or "Ask the service")


#: (ZIP) -> (county, state) or None: how residency and income learn where a ZIP code is.
PlaceResolver = Any


def evaluate_leaf(node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None = None) -> Reason:
    kind = node["type"]
    if kind == "residency":
        reason = _residency(node, profile, places)
    elif kind == "income":
        reason = _income(node, profile, places)
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
        }[kind](node, profile)
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


def _walk(node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None) -> _Node:
    if "all" in node or "any" in node:
        is_all = "all" in node
        children = [_walk(child, profile, places) for child in node["all" if is_all else "any"]]
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
        inner = _walk(node["not"], profile, places)
        flipped = [
            replace(
                r, outcome=_flip(r.outcome), message=f"Not for: {r.message[0].lower()}{r.message[1:]}", near_miss=None
            )
            for r in inner.reasons
        ]
        outcome = None if inner.outcome is None else _flip(inner.outcome)
        if outcome is not Outcome.UNKNOWN:  # a decided `not` shows only what decided it, like an `any` that meets
            flipped = [r for r in flipped if r.outcome is outcome]
        return _Node(outcome, flipped, inner.notes)
    reason = evaluate_leaf(node, profile, places)
    if reason.advisory:
        return _Node(None, [], [reason])
    return _Node(reason.outcome, [reason])


_ORDER = {Outcome.FAILS: 0, Outcome.UNKNOWN: 1, Outcome.MEETS: 2}


def _document_kind(document: str) -> str:
    """What a document is, for de-duplication: "Photo ID (preferred)" and "Photo ID or birth certificate" are one
    kind ("photo id"), as are two wordings of "Proof of income"."""
    words = document.casefold().replace(",", " ").replace("(", " ").split()
    return " ".join(words[:3] if words[:2] == ["proof", "of"] else words[:2])


def _documents(reasons: Iterable[Reason], service_documents: Sequence[str]) -> tuple[str, ...]:
    """The service's own list first (its wording wins), then evidence for the criteria not already covered."""
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
    return tuple(seen.values())


def match(
    profile: ClientProfile,
    criteria: Mapping[str, Any] | None,
    *,
    documents: Sequence[str] = (),
    verified_on: str | None = None,
    places: PlaceResolver | None = None,
) -> Verdict:
    """Screen a client against one service's criteria tree (None: no restrictions recorded)."""
    if not criteria:
        since = f"; last verified {verified_on}" if verified_on else ""
        reason = Reason("none", Outcome.MEETS, f"No restrictions recorded{since}")
        return Verdict(Status.ELIGIBLE, (reason,), (), _documents([], documents))
    root = _walk(criteria, profile, places)
    status = {Outcome.MEETS: Status.ELIGIBLE, Outcome.UNKNOWN: Status.POSSIBLY, Outcome.FAILS: Status.INELIGIBLE}[
        root.outcome or Outcome.MEETS  # advisory criteria alone restrict nothing
    ]
    reasons = sorted(root.reasons, key=lambda r: _ORDER[r.outcome])
    missing = tuple(dict.fromkeys(f for r in reasons if r.outcome is Outcome.UNKNOWN for f in r.missing))
    if status is not Status.POSSIBLY:
        missing = ()
    all_reasons = [*reasons, *root.notes]
    return Verdict(status, tuple(reasons), missing, _documents(all_reasons, documents), tuple(root.notes))
