"""Deterministic generator of the seeded county directory.

Builds a fictional but realistic community resource directory set in the real
Portland, Oregon metro (Multnomah, Washington and Clackamas counties in Oregon and
Clark County, Washington): one taxonomy with 12 categories and the 49 catalogue
codes, organizations with their locations, and fully nested HSDS 3.1 services with
the project's extensions (``eligibility_criteria``, ``insurance_accepted``,
``payment_options``, ``accepting_new_clients``, ``wait_weeks``).

The same ``n_services`` and ``seed`` always give the same data, and every id is a
UUIDv5 of a stable key (``service:17``, ``service:17:phone:0``...), so regenerating
keeps ids. Above ``METRO_MAX_SERVICES`` services the directory spreads over every
Oregon and Washington ZIP code instead of the metro.

Usage::

    python -m seed_data.generate --services 320 --seed 2026 --out seed_data/county
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Final, Literal

JSON = dict[str, Any]

NAMESPACE: Final = uuid.UUID("5b1f7c1e-8d2a-5e4f-9a63-2c7d0e9b4a11")
TAXONOMY_NAME: Final = "Portland Metro Community Services"
METRO_MAX_SERVICES: Final = 2000
AS_OF: Final = date(2026, 11, 23)  # the directory's "today"
DASH: Final = "\u2013"  # en dash, as in "Mon-Fri" written properly
OUTPUT_FILES: Final = ("taxonomies", "taxonomy_terms", "organizations", "services")


def make_id(*parts: object) -> str:
    """UUIDv5 of a stable key such as ``make_id("service", 17, "phone", 0)``."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


# --------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Zip:
    code: str
    city: str
    county: str  # without the " County" suffix, as profiles and criteria spell it
    state: str
    lat: float
    lon: float
    area_codes: tuple[str, ...]


@dataclass(frozen=True)
class StateInfo:
    name: str
    medicaid: str
    medicaid_short: str
    snap: str
    plans: tuple[str, ...]  # Medicaid managed-care plan ids used in insurance_accepted


STATES: Final[dict[str, StateInfo]] = {
    "OR": StateInfo(
        "Oregon",
        "Oregon Health Plan (OHP)",
        "OHP",
        "SNAP",
        ("careoregon", "trillium", "kaiser_ohp"),
    ),
    "WA": StateInfo(
        "Washington",
        "Apple Health (Washington Medicaid)",
        "Apple Health",
        "Basic Food (SNAP)",
        ("molina_wa", "chpw", "wellpoint_wa"),
    ),
}


@dataclass(frozen=True)
class Place:
    """Where a service is delivered: what criteria and text templates refer to."""

    zip: Zip
    metro_counties: tuple[str, ...]
    postcodes: tuple[str, ...]

    @property
    def state(self) -> StateInfo:
        return STATES[self.zip.state]

    @property
    def county_label(self) -> str:
        return f"{self.zip.county} County"

    def slots(self) -> dict[str, str]:
        return {
            "city": self.zip.city,
            "county": self.county_label,
            "state_name": self.state.name,
            "medicaid": self.state.medicaid,
            "medicaid_short": self.state.medicaid_short,
            "snap": self.state.snap,
        }


def join_words(words: Sequence[str], conjunction: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


# --------------------------------------------------------------------------------------
# Eligibility requirements: each renders one node of the criteria tree (api.md) and the
# plain-language sentence that says the same thing, so the two never disagree.
# --------------------------------------------------------------------------------------

FPG_2026_FAMILY_OF_3: Final = 27_320
ELIGIBLE_IMMIGRATION: Final = ("citizen", "lpr", "refugee_asylee", "other_lawful")
PROGRAM_NAMES: Final = {
    "medicaid": "Medicaid ({medicaid_short})",
    "snap": "SNAP",
    "tanf": "TANF",
    "ssi": "SSI",
    "ssdi": "SSDI",
    "wic": "WIC",
}
DIAGNOSIS_NAMES: Final = {
    "smi": "a serious mental illness",
    "sud": "a substance use disorder",
    "oud": "opioid use disorder",
    "sed": "a serious emotional disturbance",
    "hiv": "HIV",
    "co_occurring": "co-occurring mental health and substance use disorders",
}
STATUS_NAMES: Final[dict[tuple[str, object], str]] = {
    ("veteran", True): "veterans",
    ("pregnant", True): "pregnant people",
    ("disability", True): "people with a disability",
    ("housing_status", "homeless"): "people experiencing homelessness",
    ("housing_status", "at_risk"): "households at risk of losing their housing",
}


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def program_list(programs: Sequence[str], place: Place) -> str:
    names = [PROGRAM_NAMES[p].format(**place.slots()) for p in programs]
    return join_words(names, "or")


@dataclass(frozen=True)
class Req:
    """A requirement; ``hard=False`` makes it advisory (never excludes anyone)."""

    hard: bool = field(default=True, kw_only=True)

    def render(self, place: Place) -> tuple[JSON, str]:
        node, text = self.build(place)
        if not self.hard:
            node = {**node, "hard": False}
        return node, sentence(text)

    def build(self, place: Place) -> tuple[JSON, str]:
        raise NotImplementedError


@dataclass(frozen=True)
class Age(Req):
    min: int | None = None
    max: int | None = None
    text: str | None = None

    def build(self, place: Place) -> tuple[JSON, str]:
        node: JSON = {"type": "age"}
        if self.min is not None:
            node["min"] = self.min
        if self.max is not None:
            node["max"] = self.max
        return node, self.text or self.describe()

    def describe(self) -> str:
        low, high = self.min, self.max
        if high is None:
            return {18: "Adults 18 and older", 60: "Adults 60 and older"}.get(low or 0, f"Ages {low} and older")
        if not low:
            return "Children and teens under 18" if high == 17 else f"Ages {high} and under"
        return f"Ages {low} to {high}"


@dataclass(frozen=True)
class Residency(Req):
    scope: Literal["county", "metro", "state", "postcodes"] = "county"

    def build(self, place: Place) -> tuple[JSON, str]:
        counties = [place.zip.county]
        if self.scope == "metro":
            counties = list(place.metro_counties)
        if self.scope == "state":
            node: JSON = {"type": "residency", "states": [place.zip.state]}
            where = f"{place.state.name} residents"
        elif self.scope == "postcodes":
            node = {"type": "residency", "postcodes": list(place.postcodes)}
            where = f"households living in ZIP codes {join_words(place.postcodes)}"
        else:
            node = {"type": "residency", "counties": counties}
            label = "County" if len(counties) == 1 else "counties"
            where = f"residents of {join_words(counties)} {label}"
        if self.hard:
            return node, f"Open to {where}"
        return node, f"Mainly serves {where}; others are referred to a closer program"


@dataclass(frozen=True)
class Income(Req):
    max_percent_fpl: int = 200
    text: str | None = None

    def build(self, place: Place) -> tuple[JSON, str]:
        node: JSON = {"type": "income", "max_percent_fpl": self.max_percent_fpl}
        if self.text:
            return node, self.text
        pct = self.max_percent_fpl
        monthly = round(FPG_2026_FAMILY_OF_3 * pct / 100 / 12)
        limit = f"{pct}% of the federal poverty guidelines (about ${monthly:,} a month for a family of three in 2026)"
        if self.hard:
            return node, f"Household income at or below {limit}"
        return node, f"Priority for households with income at or below {limit}"


@dataclass(frozen=True)
class Enrolled(Req):
    programs: tuple[str, ...] = ("medicaid",)

    def build(self, place: Place) -> tuple[JSON, str]:
        node: JSON = {"type": "enrolled_in", "any_of": list(self.programs)}
        return node, f"Must be enrolled in {program_list(self.programs, place)}"


@dataclass(frozen=True)
class NotEnrolled(Req):
    programs: tuple[str, ...] = ("medicaid",)
    text: str | None = None

    def build(self, place: Place) -> tuple[JSON, str]:
        leaf: JSON = {"type": "enrolled_in", "any_of": list(self.programs)}
        default = f"For people not enrolled in {program_list(self.programs, place)}"
        return {"not": leaf}, (self.text or default).format(**place.slots())


@dataclass(frozen=True)
class Status(Req):
    field: str = "veteran"
    values: tuple[object, ...] = (True,)
    text: str | None = None

    def build(self, place: Place) -> tuple[JSON, str]:
        node: JSON = {"type": "status", "field": self.field, "in": list(self.values)}
        who = join_words([STATUS_NAMES[(self.field, v)] for v in self.values], "or")
        default = f"For {who}" if self.hard else f"Priority for {who}"
        return node, self.text or default


@dataclass(frozen=True)
class Diagnosis(Req):
    codes: tuple[str, ...] = ("smi",)

    def build(self, place: Place) -> tuple[JSON, str]:
        node: JSON = {"type": "diagnosis", "any_of": list(self.codes)}
        what = join_words([DIAGNOSIS_NAMES[c] for c in self.codes], "or")
        if self.hard:
            return node, f"For people diagnosed with {what} (intake can assess this)"
        return node, f"Priority for people with {what}"


@dataclass(frozen=True)
class Immigration(Req):
    values: tuple[str, ...] = ELIGIBLE_IMMIGRATION
    text: str | None = None

    def build(self, place: Place) -> tuple[JSON, str]:
        node: JSON = {"type": "immigration", "in": list(self.values)}
        if self.text:
            return node, self.text
        if self.hard:
            return node, ("At least one household member must be a U.S. citizen or have eligible immigration status")
        return node, (
            "Some benefits are limited to U.S. citizens and eligible immigrants; "
            "staff screen every household, including mixed-status families"
        )


@dataclass(frozen=True)
class Gender(Req):
    values: tuple[str, ...] = ("female",)

    def build(self, place: Place) -> tuple[JSON, str]:
        node: JSON = {"type": "gender", "in": list(self.values)}
        texts = {
            ("female",): "Women only (transgender women welcome)",
            ("male",): "Men only (transgender men welcome)",
            ("female", "nonbinary"): "For women and nonbinary adults",
        }
        return node, texts.get(self.values, f"For {join_words(self.values)} clients")


@dataclass(frozen=True)
class HouseholdSize(Req):
    min: int = 2

    def build(self, place: Place) -> tuple[JSON, str]:
        return {"type": "household_size", "min": self.min}, (f"Households of {self.min} or more people")


@dataclass(frozen=True)
class Custom(Req):
    text: str = ""

    def build(self, place: Place) -> tuple[JSON, str]:
        text = self.text.format(**place.slots())
        return {"type": "custom", "text": text}, text


@dataclass(frozen=True)
class AnyOf(Req):
    """Meets when any option meets ("income <= 185% FPG, or on SNAP")."""

    options: tuple[Req, ...] = ()
    text: str = ""

    def build(self, place: Place) -> tuple[JSON, str]:
        nodes = [option.render(place)[0] for option in self.options]
        return {"any": nodes}, self.text.format(**place.slots())


Elig = tuple[Req, ...]  # one eligibility variant; () means "no restrictions"
ADULT: Final = Age(18)
COUNTY: Final = Residency("county")
METRO: Final = Residency("metro")
STATEWIDE: Final = Residency("state")
ZIPS: Final = Residency("postcodes")
HOMELESS: Final = Status("housing_status", ("homeless",))
HOMELESS_OR_AT_RISK: Final = Status("housing_status", ("homeless", "at_risk"))
VETERAN: Final = Status("veteran", (True,))
PREGNANT: Final = Status("pregnant", (True,))
DISABILITY: Final = Status("disability", (True,))
AMI_50: Final = Custom(text="Household income at or below 50% of area median income")
AMI_80: Final = Custom(text="Household income at or below 80% of area median income")
REFERRED: Final = Custom(text="Must be referred by a case manager or clinician")


@dataclass(frozen=True)
class Eligibility:
    criteria: JSON | None
    description: str
    minimum_age: int | None
    maximum_age: int | None


def render_eligibility(variant: Elig, place: Place, open_text: str) -> Eligibility:
    if not variant:
        return Eligibility(None, open_text, None, None)
    nodes, sentences = zip(*(req.render(place) for req in variant), strict=True)
    ages = [req for req in variant if isinstance(req, Age) and req.hard]
    low = ages[0].min if ages else None
    high = ages[0].max if ages else None
    return Eligibility({"all": list(nodes)}, " ".join(sentences), low, high)


# --------------------------------------------------------------------------------------
# Payment
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cost:
    option: str
    amount: float | None = None
    description: str | None = None


@dataclass(frozen=True)
class Pay:
    insurance: tuple[str, ...]  # categories of eligibility-facts §3.1
    options: tuple[str, ...]  # payment_options
    fees: str
    costs: tuple[Cost, ...] = ()


FREE: Final = Pay((), ("free",), "Free.", (Cost("Free", 0),))
FREE_NO_ONE: Final = Pay((), ("free",), "Free. There is no charge and no one is asked about insurance.")
SLIDING_CLINIC: Final = Pay(
    ("medicaid", "medicaid_mco", "medicare", "private", "self_pay"),
    ("sliding_fee",),
    "Accepts {medicaid_short}, Medicare and most private insurance. Uninsured "
    "patients pay on a sliding fee scale based on household size and income.",
    (Cost("Sliding fee scale", 20, "Lowest tier, per visit"),),
)
FQHC: Final = Pay(
    ("medicaid", "medicaid_mco", "medicare", "chip", "private", "marketplace"),
    ("sliding_fee", "payment_assistance"),
    "Sliding fee discounts for households at or below 200% of the federal poverty "
    "guidelines; the minimum visit fee is $20, and no one is turned away for "
    "inability to pay.",
    (Cost("Minimum visit fee", 20, "Households at or below 100% of poverty"),),
)
PUBLIC_BH: Final = Pay(
    ("medicaid", "medicaid_mco"),
    ("grant_funded_uninsured",),
    "Billed to {medicaid_short} when you are covered; county and state funds cover uninsured clients at no cost.",
)
BH_PRIVATE: Final = Pay(
    ("medicaid", "medicaid_mco", "medicare", "private"),
    ("grant_funded_uninsured",),
    "Accepts {medicaid_short}, Medicare and private insurance. State treatment funds cover people without insurance.",
)
BH_PRIVATE_SLIDING: Final = Pay(
    ("medicaid", "medicaid_mco", "private", "self_pay"),
    ("sliding_fee",),
    "Accepts {medicaid_short} and most private plans; self-pay clients are charged on a sliding fee scale.",
    (Cost("Group session, self-pay", 25, "Lowest sliding-fee tier"),),
)
MOBILE_CRISIS_PAY: Final = Pay(
    ("medicaid", "medicaid_mco"),
    ("free",),
    "No cost to the person in crisis. When someone has {medicaid_short}, the visit is billed to their plan.",
)
METHADONE_PAY: Final = Pay(
    ("medicaid", "medicaid_mco", "medicare", "private", "self_pay"),
    ("payment_assistance",),
    "Accepts {medicaid_short}, Medicare and private insurance. Self-pay treatment is "
    "$14 a day including dosing and counseling; ask about assistance.",
    (Cost("Daily treatment, self-pay", 14, "Includes dosing and counseling"),),
)
DENTAL_PAY: Final = Pay(
    ("medicaid", "medicaid_mco", "self_pay"),
    ("sliding_fee",),
    "{medicaid_short} dental benefits accepted. Uninsured patients pay a sliding fee based on income.",
    (Cost("Exam and X-rays, self-pay", 35, "Lowest sliding-fee tier"),),
)
TITLE_X: Final = Pay(
    ("medicaid", "medicaid_mco", "private"),
    ("free", "sliding_fee"),
    "Free for people at or below 100% of the federal poverty guidelines and sliding "
    "fees up to 250%. Teens are charged on their own income, and visits are "
    "confidential.",
    (Cost("Visit, lowest tier", 0, "At or below 100% of poverty"),),
)
RYAN_WHITE: Final = Pay(
    ("medicaid", "medicaid_mco", "medicare", "private"),
    ("grant_funded_uninsured",),
    "Ryan White funds pay for care that insurance does not cover; clients are never charged.",
)
NEMT_PAY: Final = Pay(
    ("medicaid", "medicaid_mco"),
    ("free",),
    "No cost to {medicaid_short} members for rides to covered appointments.",
)
VA_PAY: Final = Pay(
    ("va",),
    ("free",),
    "Free. Accredited service officers never charge for help with VA claims.",
)
DONATION: Final = Pay(
    (),
    ("donation",),
    "Suggested donation of $3 per meal; no one is turned away for not giving.",
    (Cost("Suggested donation", 3, "Per meal, optional"),),
)
RENT_30: Final = Pay(
    (),
    (),
    "Tenants pay about 30% of their income in rent; people with no income pay little or nothing.",
    (Cost("Rent", None, "About 30% of household income"),),
)
SOBER_RENT: Final = Pay(
    ("self_pay",),
    ("payment_assistance",),
    "Rent is $550 to $650 a month with utilities included; partner programs can help with the first month.",
    (Cost("Monthly rent", 600, "Shared room, utilities included"),),
)
IMMIGRATION_PAY: Final = Pay(
    (),
    ("free", "sliding_fee"),
    "Consultations are free. Application help is on a sliding fee starting at $150, "
    "plus USCIS filing fees (we help request fee waivers when eligible).",
    (
        Cost("Consultation", 0),
        Cost("Application assistance", 150, "Sliding fee, plus USCIS fees"),
    ),
)
PARATRANSIT_PAY: Final = Pay(
    (),
    (),
    "One-way fare is $2.80, the same as a regular bus fare; a personal care attendant rides free.",
    (Cost("One-way fare", 2.8),),
)
CHILD_CARE_PAY: Final = Pay(
    (),
    ("payment_assistance",),
    "Families pay a monthly copay based on income and family size; some pay $0.",
    (Cost("Monthly copay", None, "Based on income; may be $0"),),
)


# --------------------------------------------------------------------------------------
# Schedules (HSDS RRULE fields)
# --------------------------------------------------------------------------------------

DAYS: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAYS: Final = "MO,TU,WE,TH,FR"
EVERY_DAY: Final = "MO,TU,WE,TH,FR,SA,SU"
SHORT_DAY: Final = dict(zip(DAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))
LONG_DAY: Final = dict(
    zip(
        DAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
ORDINALS: Final = {"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}


@dataclass(frozen=True)
class Row:
    freq: Literal["WEEKLY", "MONTHLY"]
    byday: str
    opens_at: str
    closes_at: str
    description: str | None = None  # default: built from the fields
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass(frozen=True)
class Hours:
    """A schedule pattern drawn for one service: HSDS rows plus the phrase for text."""

    rows: tuple[Row, ...]
    phrase: str  # "every Tuesday and Thursday from 1pm to 4pm"
    day: str = ""  # the main weekday, for names like "Tuesday Night Community Dinner"


def clock(hhmm: str) -> str:
    hour, minute = (int(part) for part in hhmm.split(":"))
    if (hour, minute) in {(0, 0), (23, 59)}:
        return "midnight"
    if (hour, minute) == (12, 0):
        return "noon"
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12}{suffix}" if minute == 0 else f"{hour12}:{minute:02d}{suffix}"


def _runs(days: Sequence[str]) -> list[list[str]]:
    runs: list[list[str]] = []
    for day in days:
        if runs and DAYS.index(day) == DAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def short_days(byday: str) -> str:
    days = byday.split(",")
    if len(days) == 7:
        return "Daily"
    parts = []
    for run in _runs(days):
        if len(run) >= 2:
            parts.append(f"{SHORT_DAY[run[0]]}{DASH}{SHORT_DAY[run[-1]]}")
        else:
            parts.append(SHORT_DAY[run[0]])
    return ", ".join(parts)


def long_days(byday: str) -> str:
    days = byday.split(",")
    if len(days) == 7:
        return "every day"
    if len(days) >= 3 and len(_runs(days)) == 1:
        return f"{LONG_DAY[days[0]]} through {LONG_DAY[days[-1]]}"
    return join_words([LONG_DAY[d] for d in days])


def row_description(row: Row) -> str:
    if row.description:
        return row.description
    span = f"{clock(row.opens_at)}{DASH}{clock(row.closes_at)}"
    if row.freq == "MONTHLY":
        match = re.fullmatch(r"(-?\d)([A-Z]{2})", row.byday)
        if match:
            ordinal, day = match.groups()
            return f"{ORDINALS[ordinal].capitalize()} {LONG_DAY[day]} of the month, {span}"
    return f"{short_days(row.byday)} {span}"


def span_phrase(opens: str, closes: str) -> str:
    return f"{clock(opens)} to {clock(closes)}"


def _pick_hours(rng: random.Random, options: Sequence[tuple[str, str]]) -> tuple[str, str]:
    return options[rng.randrange(len(options))]


def hours_business(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(
        rng,
        [("08:00", "17:00"), ("08:30", "17:00"), ("09:00", "17:00"), ("08:00", "16:30")],
    )
    row = Row("WEEKLY", WEEKDAYS, opens, closes)
    return Hours((row,), f"Monday through Friday, {span_phrase(opens, closes)}")


def hours_business_evening(rng: random.Random) -> Hours:
    opens = rng.choice(["08:00", "08:30", "09:00"])
    late = rng.choice(["19:00", "20:00"])
    rows = (Row("WEEKLY", "MO,TU,WE,TH", opens, late), Row("WEEKLY", "FR", opens, "17:00"))
    phrase = f"Monday through Thursday, {span_phrase(opens, late)}, and Friday, {span_phrase(opens, '17:00')}"
    return Hours(rows, phrase)


def hours_split_week(rng: random.Random) -> Hours:
    close_late = rng.choice(["18:00", "19:00"])
    rows = (
        Row("WEEKLY", "MO,WE,FR", "09:00", "12:00"),
        Row("WEEKLY", "TU,TH", "13:00", close_late),
    )
    phrase = (
        "Monday, Wednesday and Friday mornings (9am to noon) and Tuesday and "
        f"Thursday afternoons (1pm to {clock(close_late)})"
    )
    return Hours(rows, phrase)


def hours_always(rng: random.Random) -> Hours:
    row = Row("WEEKLY", EVERY_DAY, "00:00", "23:59", "Open 24 hours, 7 days a week")
    return Hours((row,), "24 hours a day, 7 days a week")


def hours_daily_extended(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("07:00", "23:00"), ("06:00", "22:00")])
    row = Row("WEEKLY", EVERY_DAY, opens, closes)
    return Hours((row,), f"every day from {span_phrase(opens, closes)}")


def _overnight(opens: str, closes: str, valid: tuple[str, str] | None) -> tuple[Row, ...]:
    text = f"Nightly {clock(opens)}{DASH}{clock(closes)}"
    start, end = valid if valid else (None, None)
    return (
        Row("WEEKLY", EVERY_DAY, opens, "23:59", text, start, end),
        Row("WEEKLY", EVERY_DAY, "00:00", closes, text, start, end),
    )


def hours_overnight(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("19:00", "07:00"), ("18:00", "08:00")])
    return Hours(_overnight(opens, closes, None), f"nightly from {span_phrase(opens, closes)}")


def hours_winter(rng: random.Random) -> Hours:
    rows = _overnight("19:00", "07:00", ("2026-11-15", "2027-03-31"))
    return Hours(rows, "nightly from 7pm to 7am, November 15 through March 31")


DAY_PAIRS: Final = (("TU", "TH"), ("MO", "WE"), ("WE", "FR"), ("MO", "TH"))


def hours_pantry(rng: random.Random) -> Hours:
    pair = rng.choice(DAY_PAIRS)
    opens, closes = _pick_hours(rng, [("13:00", "16:00"), ("14:00", "18:00"), ("10:00", "13:00")])
    part = "afternoon" if opens >= "12:00" else "morning"
    byday = ",".join(pair)
    rows = [Row("WEEKLY", byday, opens, closes)]
    phrase = f"every {long_days(byday)} {part} ({span_phrase(opens, closes)})"
    if rng.random() < 0.5:
        rows.append(Row("MONTHLY", "1SA", "10:00", "12:00"))
        phrase += " and on the first Saturday of the month (10am to noon)"
    return Hours(tuple(rows), phrase, LONG_DAY[pair[0]])


def hours_first_saturday(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("10:00", "13:00"), ("09:00", "12:00")])
    row = Row("MONTHLY", "1SA", opens, closes)
    return Hours((row,), f"on the first Saturday of every month, {span_phrase(opens, closes)}")


def hours_weekday_afternoons(rng: random.Random) -> Hours:
    opens = rng.choice(["12:00", "13:00"])
    row = Row("WEEKLY", WEEKDAYS, opens, "16:00")
    return Hours((row,), f"weekday afternoons, {span_phrase(opens, '16:00')}")


def hours_dinner_one(rng: random.Random) -> Hours:
    day = rng.choice(["MO", "TU", "WE", "TH", "SU"])
    opens = rng.choice(["17:00", "17:30"])
    row = Row("WEEKLY", day, opens, "19:00")
    phrase = f"every {LONG_DAY[day]} evening from {span_phrase(opens, '19:00')}"
    return Hours((row,), phrase, LONG_DAY[day])


def hours_dinner_multi(rng: random.Random) -> Hours:
    byday = rng.choice(["MO,WE,FR", "TU,TH,SA", EVERY_DAY])
    row = Row("WEEKLY", byday, "17:00", "18:30")
    when = "every evening" if byday == EVERY_DAY else f"{long_days(byday)} evenings"
    return Hours((row,), f"{when} from 5pm to 6:30pm")


def hours_lunch_weekday(rng: random.Random) -> Hours:
    row = Row("WEEKLY", WEEKDAYS, "11:30", "13:00")
    return Hours((row,), "Monday through Friday from 11:30am to 1pm")


def hours_lunch_3days(rng: random.Random) -> Hours:
    byday = rng.choice(["MO,WE,FR", "TU,WE,TH"])
    row = Row("WEEKLY", byday, "11:30", "12:30")
    return Hours((row,), f"{long_days(byday)} at 11:30am")


def hours_breakfast_weekend(rng: random.Random) -> Hours:
    row = Row("WEEKLY", "SA,SU", "08:00", "10:00")
    return Hours((row,), "Saturday and Sunday mornings from 8am to 10am")


def hours_dropin_afternoon(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("14:00", "19:00"), ("15:00", "20:00"), ("12:00", "18:00")])
    rows = [Row("WEEKLY", WEEKDAYS, opens, closes)]
    phrase = f"weekdays from {span_phrase(opens, closes)}"
    if rng.random() < 0.5:
        rows.append(Row("WEEKLY", "SA", "12:00", "17:00"))
        phrase += " and Saturdays from noon to 5pm"
    return Hours(tuple(rows), phrase)


def hours_weekend(rng: random.Random) -> Hours:
    rows = (
        Row("WEEKLY", WEEKDAYS, "10:00", "16:00"),
        Row("WEEKLY", "SA,SU", "11:00", "15:00"),
    )
    return Hours(rows, "weekdays from 10am to 4pm and weekends from 11am to 3pm")


def hours_evening_clinic(rng: random.Random) -> Hours:
    byday = rng.choice(["TU,TH", "MO,WE"])
    opens = rng.choice(["17:00", "18:00"])
    row = Row("WEEKLY", byday, opens, "21:00")
    return Hours((row,), f"{long_days(byday)} evenings from {span_phrase(opens, '21:00')}")


def hours_weekly_one_day(rng: random.Random) -> Hours:
    day = rng.choice(["MO", "TU", "WE", "TH", "FR"])
    opens, closes = _pick_hours(rng, [("10:00", "14:00"), ("13:00", "17:00"), ("09:00", "12:00")])
    row = Row("WEEKLY", day, opens, closes)
    return Hours((row,), f"every {LONG_DAY[day]} from {span_phrase(opens, closes)}", LONG_DAY[day])


def hours_call_center(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("08:00", "18:00"), ("07:00", "19:00")])
    rows = (Row("WEEKLY", WEEKDAYS, opens, closes), Row("WEEKLY", "SA", "09:00", "13:00"))
    phrase = f"Monday through Friday, {span_phrase(opens, closes)}, and Saturday, 9am to 1pm"
    return Hours(rows, phrase)


def hours_dosing(rng: random.Random) -> Hours:
    opens = rng.choice(["05:30", "06:00"])
    rows = (Row("WEEKLY", WEEKDAYS, opens, "13:00"), Row("WEEKLY", "SA,SU", "07:00", "10:00"))
    phrase = f"Monday through Friday, {span_phrase(opens, '13:00')}, and weekends, 7am to 10am"
    return Hours(rows, phrase)


def hours_iop_day(rng: random.Random) -> Hours:
    row = Row("WEEKLY", WEEKDAYS, "09:00", "15:00")
    return Hours((row,), "Monday through Friday, 9am to 3pm")


def hours_iop_evening(rng: random.Random) -> Hours:
    row = Row("WEEKLY", "MO,TU,TH", "17:30", "20:30")
    return Hours((row,), "Monday, Tuesday and Thursday evenings, 5:30pm to 8:30pm")


def hours_preschool(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("08:30", "14:30"), ("08:00", "15:00")])
    row = Row("WEEKLY", "MO,TU,WE,TH", opens, closes, None, "2026-09-08", "2027-06-11")
    phrase = f"Monday through Thursday, {span_phrase(opens, closes)}, September to June"
    return Hours((row,), phrase)


def hours_walkin_mornings(rng: random.Random) -> Hours:
    rows = (
        Row("WEEKLY", WEEKDAYS, "08:00", "12:00"),
        Row("WEEKLY", "MO,TU,WE,TH", "13:00", "17:00"),
    )
    return Hours(rows, "weekday mornings from 8am to noon, with afternoon visits by appointment")


def hours_evening_groups(rng: random.Random) -> Hours:
    rows = (
        Row("WEEKLY", WEEKDAYS, "09:00", "17:00"),
        Row("WEEKLY", "MO,TU,TH", "18:00", "21:00"),
    )
    phrase = "weekdays from 9am to 5pm, with evening groups Monday, Tuesday and Thursday"
    return Hours(rows, phrase)


HOURS: Final[dict[str, Callable[[random.Random], Hours]]] = {
    "business": hours_business,
    "business_evening": hours_business_evening,
    "split_week": hours_split_week,
    "always": hours_always,
    "daily_extended": hours_daily_extended,
    "overnight": hours_overnight,
    "winter": hours_winter,
    "pantry": hours_pantry,
    "first_saturday": hours_first_saturday,
    "weekday_afternoons": hours_weekday_afternoons,
    "dinner_one": hours_dinner_one,
    "dinner_multi": hours_dinner_multi,
    "lunch_weekday": hours_lunch_weekday,
    "lunch_3days": hours_lunch_3days,
    "breakfast_weekend": hours_breakfast_weekend,
    "dropin_afternoon": hours_dropin_afternoon,
    "weekend": hours_weekend,
    "evening_clinic": hours_evening_clinic,
    "weekly_one_day": hours_weekly_one_day,
    "call_center": hours_call_center,
    "dosing": hours_dosing,
    "iop_day": hours_iop_day,
    "iop_evening": hours_iop_evening,
    "preschool": hours_preschool,
    "walkin_mornings": hours_walkin_mornings,
    "evening_groups": hours_evening_groups,
}


# --------------------------------------------------------------------------------------
# The service-type table: one entry per catalogue code
# --------------------------------------------------------------------------------------

CATEGORIES: Final = (
    ("food", "Food", "Groceries, meals and help applying for food benefits."),
    ("housing", "Housing", "Shelter, rent help, housing programs and subsidized housing."),
    ("health", "Health", "Medical and dental care, family planning and health coverage."),
    ("mental_health", "Mental health", "Counseling, psychiatry and community support."),
    ("substance_use", "Substance use", "Detox, treatment, recovery and harm reduction."),
    ("legal", "Legal", "Free and low-cost civil and immigration legal help."),
    ("money", "Money", "Benefits, utility bills and veterans' benefits."),
    ("work", "Work", "Job search, training and employment for people with disabilities."),
    ("transportation", "Transportation", "Rides to appointments and paratransit."),
    ("family_youth", "Family and youth", "Early learning, child care and youth programs."),
    ("older_adults", "Older adults", "Meals, care and support for older adults."),
    ("crisis", "Crisis", "Help right now: crisis lines, crisis teams and safe shelter."),
)

UNITS: Final = {
    "beds": "beds",
    "family_rooms": "family rooms",
    "apartments": "apartments",
    "appointment_slots": "appointment slots",
}

Access = Literal["site", "remote", "either"]
Wait = Literal["open", "walkin", "short", "long", "closed", "beds"]


@dataclass(frozen=True)
class Capacity:
    unit: str  # key of UNITS
    low: int
    high: int
    note: str  # capacity description
    share: float = 1.0  # fraction of services of the type that report capacity


@dataclass(frozen=True)
class Variant:
    """A service name tied to the hours or eligibility it implies."""

    name: str
    hours: str | None = None
    elig: tuple[Elig, ...] | None = None
    lead: tuple[str, ...] = ()  # replaces the type's first sentence pool


@dataclass(frozen=True)
class ServiceType:
    code: str
    category: str
    term: str
    term_description: str
    names: tuple[str | Variant, ...]
    text: tuple[tuple[str, ...], ...]  # sentence pools; one sentence from each
    apply: tuple[str, ...]
    elig: tuple[Elig, ...]
    pay: tuple[Pay, ...]
    docs: tuple[tuple[str, ...], ...]
    hours: tuple[str, ...]
    alt_names: tuple[str, ...] = ()
    capacity: Capacity | None = None
    access: Access = "site"
    wait: Wait = "open"
    also: tuple[str, ...] = ()  # codes a service of this type sometimes also carries
    hotline: bool = False
    texting: bool = False
    fax: bool = False
    open_text: str = "Open to everyone; there are no eligibility requirements."


PHOTO_ID: Final = "Photo ID"
ID_PREFERRED: Final = "Photo ID (preferred, not required)"
ID_IF_ANY: Final = "Photo ID, if you have one"
INSURANCE_CARD: Final = "Insurance card, if you have one"
PROOF_INCOME: Final = "Proof of income (last 30 days of pay stubs or benefit letters)"
PROOF_ADDRESS: Final = "Proof of address (lease, utility bill or recent mail)"
MED_LIST: Final = "List of current medications"
REFERRAL_DOC: Final = "Referral from a clinician or case manager"
DD214: Final = "DD-214 or other proof of military service"
SSN: Final = "Social Security numbers for household members who have them"
CALL_INTAKE: Final = "Call the intake line to schedule an assessment."
WALK_IN: Final = "Walk in during open hours; no appointment needed."
ASSESS_PHONE: Final = "Start with a short phone screening; staff will book your first visit."

SERVICE_TYPES: Final[tuple[ServiceType, ...]] = (
    # ---------------------------------------------------------------- crisis
    ServiceType(
        code="crisis_line",
        category="crisis",
        term="Crisis line",
        term_description="Phone, text and chat lines answered by trained crisis counselors.",
        names=(
            "988 Suicide & Crisis Lifeline: {state_name} Call Center",
            "24-Hour Crisis Line",
            "Crisis Text and Talk Line",
            "Behavioral Health Crisis Line",
        ),
        alt_names=("Suicide hotline", "Crisis hotline"),
        text=(
            (
                "Trained crisis counselors answer {when}, including holidays.",
                "Free, confidential support for anyone thinking about suicide, in "
                "emotional distress, or worried about someone else.",
            ),
            (
                "Counselors listen, help you make a safety plan, and can send a mobile "
                "crisis team or book a next-day appointment in {county}.",
                "You do not need to be suicidal to call; many callers just need to talk something through.",
            ),
            (
                "Callers can stay anonymous, and interpreters are available in more than 200 languages.",
                "Family members, friends and professionals can call for advice about someone they are worried about.",
            ),
        ),
        apply=("Call or text any time.", "Call any time; no appointment or referral."),
        elig=((),),
        pay=(FREE_NO_ONE,),
        docs=((),),
        hours=("always",),
        access="remote",
        hotline=True,
        texting=True,
        open_text="Anyone, of any age, can call; no eligibility requirements.",
    ),
    ServiceType(
        code="mobile_crisis",
        category="crisis",
        term="Mobile crisis team",
        term_description="Clinicians who come to a person in a mental health crisis.",
        names=(
            "Mobile Crisis Team",
            "Community Crisis Response",
            "Mobile Crisis Outreach",
            "Behavioral Health Mobile Response",
        ),
        alt_names=("Crisis team",),
        text=(
            (
                "A two-person team of a mental health clinician and a peer specialist "
                "comes to you anywhere in {county}, {when}.",
                "Mobile crisis clinicians respond in person to homes, schools, "
                "workplaces and street corners across {county}, {when}.",
            ),
            (
                "The team calms the situation, assesses safety and connects people to "
                "follow-up care, usually without police.",
                "Most calls are resolved on site; when more care is needed, staff "
                "arrange a crisis bed or a next-day appointment.",
            ),
            (
                "Request a team through 988 or the county crisis line; a family member "
                "or friend can call on someone's behalf.",
                "Call the crisis line to request a visit; urban response times average under an hour.",
            ),
        ),
        apply=("Request a team through 988 or the county crisis line.",),
        elig=((COUNTY,), (METRO,)),
        pay=(MOBILE_CRISIS_PAY,),
        docs=((),),
        hours=("always", "daily_extended"),
        access="remote",
        hotline=True,
    ),
    ServiceType(
        code="crisis_stabilization",
        category="crisis",
        term="Crisis stabilization",
        term_description="Short stays and walk-in care for a mental health or substance use crisis.",
        names=(
            "Crisis Stabilization Center",
            "Behavioral Health Urgent Walk-In Center",
            "Crisis Respite Unit",
            "Adult Crisis Stabilization Unit",
        ),
        alt_names=("Psych urgent care",),
        text=(
            (
                "Adults in a mental health or substance use crisis can walk in {when} "
                "or be brought by EMS, police or a mobile crisis team.",
                "A calm, home-like unit with {capacity} recliners and beds for adults "
                "who need more than a phone call but less than a hospital.",
            ),
            (
                "Stays are usually under 24 hours; nurses, counselors and peer "
                "specialists staff the unit, with a psychiatric provider on call.",
                "Staff help stabilize the crisis, restart medications and plan next steps before discharge.",
            ),
            (
                "No appointment or referral is needed.",
                "Walk in, or call ahead so staff can prepare for your arrival.",
            ),
        ),
        apply=(WALK_IN, "Walk in, or arrive with a mobile crisis team or EMS."),
        elig=(
            (ADULT, COUNTY),
            (ADULT,),
            (ADULT, Custom(text="In an acute mental health or substance use crisis")),
        ),
        pay=(BH_PRIVATE, PUBLIC_BH),
        docs=((ID_IF_ANY,), (ID_IF_ANY, INSURANCE_CARD)),
        hours=("always",),
        capacity=Capacity("beds", 8, 16, "Crisis beds open right now"),
        wait="walkin",
    ),
    ServiceType(
        code="dv_shelter_hotline",
        also=("crisis_line",),
        category="crisis",
        term="Domestic violence shelter and hotline",
        term_description="Confidential shelter, hotline and advocacy for survivors of domestic and sexual violence.",
        names=(
            "24-Hour Domestic Violence Hotline and Shelter",
            "Confidential Emergency Shelter for Survivors",
            "Domestic Violence Advocacy and Safe Housing",
            Variant(
                "Women's Confidential Shelter",
                elig=((Gender(values=("female", "nonbinary")),),),
            ),
        ),
        alt_names=("DV shelter", "Safe house"),
        text=(
            (
                "Confidential emergency shelter and a 24-hour hotline for survivors of "
                "domestic and sexual violence and their children.",
                "Advocates answer the crisis line around the clock and help survivors "
                "make safety plans, find shelter and get protective orders.",
            ),
            (
                "The shelter address is confidential; advocates arrange a safe place to meet.",
                "Survivors and their children stay in private rooms while they plan "
                "next steps, with {capacity} beds in all.",
            ),
            (
                "Call the hotline any time; you do not need to have left the relationship to get help.",
                "Advocates can also meet you at a hospital, police station or court.",
            ),
        ),
        apply=("Call the 24-hour hotline; an advocate will talk through options.",),
        elig=(
            (),
            (Custom(text="For survivors of domestic violence, sexual assault or stalking, and their children"),),
        ),
        pay=(FREE_NO_ONE,),
        docs=((),),
        hours=("always",),
        capacity=Capacity("beds", 10, 30, "Shelter beds open tonight"),
        access="either",
        wait="beds",
        hotline=True,
        texting=True,
        open_text="Open to anyone experiencing domestic or sexual violence.",
    ),
    # ---------------------------------------------------------------- mental health
    ServiceType(
        code="mh_outpatient",
        category="mental_health",
        term="Outpatient mental health",
        term_description="Counseling and therapy at a community mental health clinic.",
        names=(
            "Adult Outpatient Counseling",
            "Outpatient Mental Health Services",
            "Individual and Family Therapy",
            "Counseling for Depression and Anxiety",
            "Outpatient Therapy Services",
        ),
        alt_names=("Counseling", "Therapy", "Behavioral health clinic"),
        text=(
            (
                "Licensed therapists offer individual, couples and family counseling "
                "for depression, anxiety, trauma and big life changes.",
                "Short-term and ongoing therapy using approaches such as CBT, DBT skills and EMDR.",
                "Counseling at our {city} clinic for people dealing with stress, grief, "
                "depression, anxiety or the effects of trauma.",
            ),
            (
                "Sessions are available {when}, with telehealth for people who cannot travel.",
                "After a first assessment you are matched with a therapist and a care "
                "plan; case management and psychiatry referrals are available.",
            ),
            (
                "Call to schedule an intake assessment; same-day intake slots open each morning at 8am.",
                "Start with a 20-minute phone screening; you do not need a referral.",
                "Current clients can reach an on-call clinician after hours.",
            ),
        ),
        apply=(CALL_INTAKE, ASSESS_PHONE),
        elig=(
            (),
            (ADULT, COUNTY),
            (COUNTY, Diagnosis(codes=("smi", "sed"), hard=False)),
            (
                ADULT,
                METRO,
                AnyOf(
                    options=(Income(200), Enrolled(programs=("medicaid",))),
                    text="Household income at or below 200% of the federal poverty "
                    "guidelines, or enrolled in {medicaid_short}",
                ),
            ),
        ),
        pay=(SLIDING_CLINIC, BH_PRIVATE_SLIDING, PUBLIC_BH),
        docs=((PHOTO_ID, INSURANCE_CARD, PROOF_INCOME + " for the sliding fee"),),
        hours=("business", "business_evening", "split_week"),
        capacity=Capacity("appointment_slots", 5, 30, "New-client intake slots this week", share=0.4),
        wait="long",
        also=("child_youth_mh", "psychiatry_med_mgmt"),
        fax=True,
    ),
    ServiceType(
        code="psychiatry_med_mgmt",
        category="mental_health",
        term="Psychiatry and medication management",
        term_description="Psychiatric evaluation and ongoing medication management.",
        names=(
            "Psychiatric Medication Management",
            "Adult Psychiatry Clinic",
            "Medication Support Services",
        ),
        alt_names=("Psychiatrist", "Med management"),
        text=(
            (
                "Psychiatrists and psychiatric nurse practitioners evaluate symptoms, "
                "prescribe and adjust medications, and watch for side effects.",
                "Medication evaluations and follow-up for adults living with "
                "depression, bipolar disorder, schizophrenia, PTSD and other "
                "conditions.",
            ),
            (
                "Follow-up visits are every 4 to 12 weeks, in person or by video.",
                "Prescribers work closely with your therapist and primary care provider.",
                "Long-acting injectable medications are given on site.",
            ),
            (
                "Ask your counselor or primary care provider for a referral, or call intake for a screening.",
                "New patients need a referral from a therapist, primary care provider or case manager.",
            ),
        ),
        apply=("Referral from a counselor, primary care provider or case manager.",),
        elig=(
            (ADULT, Custom(text="Must be a current counseling client of the agency")),
            (ADULT,),
            (ADULT, COUNTY, Diagnosis(codes=("smi",), hard=False)),
        ),
        pay=(SLIDING_CLINIC, BH_PRIVATE),
        docs=((PHOTO_ID, INSURANCE_CARD, MED_LIST),),
        hours=("business", "split_week"),
        wait="long",
        fax=True,
    ),
    ServiceType(
        code="child_youth_mh",
        category="mental_health",
        term="Child and youth mental health",
        term_description="Mental health care for children, teens and their families.",
        names=(
            "Child and Family Therapy",
            "Youth Mental Health Services",
            "School-Based Counseling",
            "Children's Counseling Program",
        ),
        alt_names=("Kids counseling", "Family therapy"),
        text=(
            (
                "Therapists work with children, teens and their caregivers on behavior, "
                "anxiety, depression, trauma and school problems.",
                "Play therapy, family therapy and skills groups for kids and teens, "
                "with parents involved at every step.",
            ),
            (
                "Services happen in our {city} office, in some local schools and by video, {when}.",
                "Care coordinators can join school meetings and work with pediatricians.",
                "Therapists are trained in trauma-focused CBT and parent-child interaction therapy.",
            ),
            (
                "Parents or caregivers can call to request an intake; teens may also call on their own.",
                "Schools, pediatricians and caseworkers can refer, or families can call directly.",
            ),
        ),
        apply=("A parent, caregiver or teen can call to request an intake.",),
        elig=(
            (
                Age(max=17),
                Custom(text="A parent or guardian consents for younger children"),
            ),
            (Age(max=20, text="Children and youth through age 20"), COUNTY),
            (Age(3, 17), Diagnosis(codes=("sed",), hard=False)),
        ),
        pay=(
            Pay(
                ("medicaid", "medicaid_mco", "chip", "private"),
                ("sliding_fee",),
                "Accepts {medicaid_short} (including children's coverage) and most "
                "private plans; sliding fee for uninsured families.",
            ),
        ),
        docs=(("Parent or guardian photo ID", "Child's insurance card, if any"),),
        hours=("business_evening", "dropin_afternoon", "business"),
        wait="long",
    ),
    ServiceType(
        code="act_team",
        category="mental_health",
        term="Assertive Community Treatment",
        term_description="Intensive team-based care in the community for adults with serious mental illness.",
        names=(
            "Assertive Community Treatment (ACT) Team",
            "Forensic ACT (FACT) Team",
            "Intensive Community Treatment Team",
        ),
        alt_names=("ACT", "Intensive case management"),
        text=(
            (
                "A team with a psychiatric provider, nurse, therapists, a peer "
                "specialist and housing and employment staff supports adults with "
                "serious mental illness in the community.",
                "ACT brings treatment to people where they live, seeing most participants several times a week.",
            ),
            (
                "The team helps with medications, housing, benefits, work and daily "
                "living, and someone is on call around the clock.",
                "Caseloads are small (about 10 people per staff member), so support is intensive and long-term.",
                "Team members help people keep their housing and stay out of the hospital and jail.",
            ),
            (
                "Referrals come from hospitals, jails, courts and case managers; call the team lead to discuss one.",
                "Admission follows a referral and a screening by the county care coordination team.",
            ),
        ),
        apply=("By referral only; hospitals, jails and case managers can refer.",),
        elig=(
            (
                ADULT,
                Diagnosis(codes=("smi",)),
                Custom(text="Referral required, usually after repeated hospital stays or jail time"),
            ),
            (ADULT, COUNTY, Diagnosis(codes=("smi", "co_occurring")), REFERRED),
        ),
        pay=(PUBLIC_BH,),
        docs=((REFERRAL_DOC, "Diagnosis and treatment records"),),
        hours=("business",),
        wait="long",
    ),
    ServiceType(
        code="first_episode_psychosis",
        category="mental_health",
        term="Early psychosis program",
        term_description="Coordinated specialty care after a first episode of psychosis.",
        names=(
            "Early Psychosis Program",
            "First Episode Psychosis Services",
            "Early Assessment and Support Team",
        ),
        alt_names=("EASA-style program", "Early psychosis"),
        text=(
            (
                "Coordinated specialty care for teens and young adults who recently "
                "started hearing voices, having unusual beliefs or other signs of "
                "psychosis.",
                "Early, intensive support so young people can stay in school or work "
                "after a first episode of psychosis.",
            ),
            (
                "The team offers therapy, low-dose medication, family education, "
                "supported education and employment, and peer support.",
                "Families are partners in care, with multifamily groups every other week.",
            ),
            (
                "Anyone can refer, including the young person, family, school staff or a clinician.",
                "Call for a free phone consultation; assessments are usually within a week.",
            ),
        ),
        apply=("Anyone can call to make a referral; assessment within a week.",),
        elig=(
            (
                Age(15, 30),
                Custom(text="First psychosis symptoms within the past 2 years"),
            ),
            (Age(14, 25), COUNTY, Custom(text="Psychosis began within the last 24 months")),
        ),
        pay=(
            Pay(
                ("medicaid", "medicaid_mco", "private"),
                ("grant_funded_uninsured",),
                "Accepts {medicaid_short} and private insurance; grant funds cover uninsured young people.",
            ),
        ),
        docs=((), (REFERRAL_DOC,)),
        hours=("business",),
        wait="short",
    ),
    ServiceType(
        code="peer_support",
        category="mental_health",
        term="Peer support",
        term_description="Support from people with lived experience of mental illness or addiction.",
        names=(
            "Peer Support Drop-In Center",
            "Recovery Peer Mentoring",
            "Clubhouse Program",
            "Peer Support Groups",
        ),
        alt_names=("Peer mentor", "Clubhouse", "Support group"),
        text=(
            (
                "Peer specialists who have lived through mental illness or addiction "
                "offer one-on-one support, groups and a welcoming place to spend the "
                "day.",
                "A member-run clubhouse where adults in recovery build routines, friendships and work skills.",
            ),
            (
                "Drop in for coffee, groups, computers and conversation {when}.",
                "Groups include WRAP, SMART Recovery and a weekly job club, {when}.",
            ),
            (
                "No referral or appointment is needed; just come by.",
                "Stop in for a tour any time we are open; membership is free.",
            ),
        ),
        apply=(WALK_IN,),
        elig=(
            (ADULT,),
            (
                ADULT,
                Custom(
                    text="For people with lived experience of mental health or substance use challenges",
                    hard=False,
                ),
            ),
        ),
        pay=(FREE,),
        docs=((),),
        hours=("business", "dropin_afternoon", "weekend"),
    ),
    ServiceType(
        code="iop_php_mh",
        category="mental_health",
        term="Intensive outpatient and partial hospitalization",
        term_description="Structured day or evening mental health programs.",
        names=(
            "Mental Health Intensive Outpatient Program",
            Variant("Partial Hospitalization Program", hours="iop_day"),
            Variant("Day Treatment Program", hours="iop_day"),
            Variant(
                "Adolescent Intensive Outpatient Program",
                elig=((Age(13, 17), Custom(text="Referral from a clinician or hospital")),),
            ),
        ),
        alt_names=("IOP", "PHP"),
        text=(
            (
                "A structured group program for people who need more support than "
                "weekly therapy but do not need a hospital stay.",
                "Step-down care after a psychiatric hospital stay, meeting {when}.",
            ),
            (
                "Each day includes group therapy, skills training, medication review and individual check-ins.",
                "Programs usually last 3 to 6 weeks while participants keep living at home.",
            ),
            (
                "Referrals come from therapists, psychiatrists, emergency departments and hospitals.",
                "Call the intake coordinator to check insurance and book an assessment.",
            ),
        ),
        apply=("Referral from a clinician or hospital; call intake to check insurance.",),
        elig=(
            (ADULT, Custom(text="Referral from a clinician required")),
            (ADULT, METRO, Custom(text="Referral from a clinician or hospital required")),
        ),
        pay=(BH_PRIVATE,),
        docs=((INSURANCE_CARD, REFERRAL_DOC),),
        hours=("iop_day", "iop_evening"),
        wait="short",
    ),
    # ---------------------------------------------------------------- substance use
    ServiceType(
        code="detox",
        also=("crisis_stabilization",),
        category="substance_use",
        term="Withdrawal management (detox)",
        term_description="Medically monitored withdrawal from alcohol and drugs.",
        names=(
            "Walk-In Detox Center",
            "Withdrawal Management Unit",
            "Medical Detox Program",
        ),
        alt_names=("Detox", "Withdrawal management"),
        text=(
            (
                "Medically monitored withdrawal from alcohol, opioids, benzodiazepines "
                "and other drugs in a {capacity}-bed unit.",
                "Nurses and addiction medicine providers help adults withdraw safely "
                "from alcohol and drugs, usually over 3 to 7 days.",
            ),
            (
                "Buprenorphine and other medications are started on site, and "
                "counselors line up treatment before discharge.",
                "Admissions are {when}; bed availability changes hour to hour.",
                "Peer recovery mentors visit every day and help plan what comes after detox.",
            ),
            (
                "Walk in or call ahead to check for an open bed.",
                "Call the admissions line for a short phone screening; rides from "
                "emergency departments can be arranged.",
            ),
        ),
        apply=("Walk in or call admissions to check for an open bed.",),
        elig=(
            (ADULT,),
            (ADULT, Diagnosis(codes=("sud",))),
            (ADULT, COUNTY),
        ),
        pay=(BH_PRIVATE,),
        docs=((PHOTO_ID, INSURANCE_CARD, MED_LIST), (ID_PREFERRED,)),
        hours=("always",),
        capacity=Capacity("beds", 12, 32, "Detox beds open right now"),
        wait="beds",
    ),
    ServiceType(
        code="residential_sud",
        category="substance_use",
        term="Residential addiction treatment",
        term_description="Live-in treatment for substance use disorders.",
        names=(
            "Residential Treatment Program",
            "Inpatient Drug and Alcohol Treatment",
            Variant(
                "Women's Residential Treatment",
                elig=((ADULT, Gender(values=("female",)), Diagnosis(codes=("sud",))),),
            ),
            Variant(
                "Men's Residential Recovery Program",
                elig=((ADULT, Gender(values=("male",)), Diagnosis(codes=("sud",))),),
            ),
        ),
        alt_names=("Rehab", "Inpatient rehab"),
        text=(
            (
                "A {capacity}-bed residential program offering 30 to 90 days of "
                "addiction treatment in a structured, supportive setting.",
                "Live-in treatment with individual counseling, groups, family sessions and medications for addiction.",
            ),
            (
                "Residents work with a counselor on a recovery plan and leave with "
                "housing and outpatient care lined up.",
                "Medications for opioid and alcohol use disorder are continued or started during the stay.",
            ),
            (
                "An assessment is required before admission; we can complete it by phone.",
                "Call admissions for a screening; if no bed is open you are placed on the waitlist and called.",
            ),
        ),
        apply=("Call admissions for an assessment; we can complete it by phone.",),
        elig=(
            (
                ADULT,
                Diagnosis(codes=("sud",)),
                Custom(text="ASAM level-of-care assessment required"),
            ),
            (ADULT, STATEWIDE, Diagnosis(codes=("sud", "co_occurring"))),
        ),
        pay=(BH_PRIVATE,),
        docs=((PHOTO_ID, INSURANCE_CARD, "Recent substance use assessment, if any"),),
        hours=("always",),
        capacity=Capacity("beds", 16, 60, "Residential beds available"),
        wait="short",
    ),
    ServiceType(
        code="outpatient_iop_sud",
        category="substance_use",
        term="Outpatient addiction treatment",
        term_description="Outpatient and intensive outpatient substance use treatment.",
        names=(
            "Outpatient Substance Use Treatment",
            "Intensive Outpatient Program for Addiction",
            "DUII Treatment and Outpatient Services",
        ),
        alt_names=("Drug and alcohol counseling", "IOP"),
        text=(
            (
                "Group and individual counseling for alcohol and drug use, from weekly "
                "sessions to intensive outpatient (9 or more hours a week).",
                "Outpatient treatment that fits around work and family, {when}.",
            ),
            (
                "Services include assessment, relapse prevention, family sessions and court-required DUII treatment.",
                "Counselors coordinate with probation, child welfare and primary care when you ask them to.",
            ),
            (
                "Call or walk in for an assessment; most people start groups within a week.",
                "Same-week assessments are available; bring your insurance card if you have one.",
            ),
        ),
        apply=("Call or walk in for an assessment.",),
        elig=((ADULT,), (Age(13),), (ADULT, COUNTY)),
        pay=(BH_PRIVATE_SLIDING, BH_PRIVATE),
        docs=((PHOTO_ID, INSURANCE_CARD),),
        hours=("business_evening", "split_week", "evening_groups"),
        wait="short",
    ),
    ServiceType(
        code="otp_methadone",
        also=("buprenorphine_obot",),
        category="substance_use",
        term="Opioid treatment program (methadone)",
        term_description="Federally certified clinics dispensing methadone.",
        names=(
            "Opioid Treatment Program (Methadone)",
            "Methadone Clinic",
            "Medication-Assisted Treatment Clinic",
        ),
        alt_names=("Methadone", "OTP", "Dosing clinic"),
        text=(
            (
                "Daily methadone and buprenorphine dosing with counseling for adults with opioid use disorder.",
                "A federally certified opioid treatment program offering methadone, buprenorphine and naltrexone.",
            ),
            (
                "Dosing hours are {when}; take-home doses are possible as treatment progresses.",
                "Every patient has a counselor and a medical provider, and hepatitis C testing is on site.",
            ),
            (
                "Same-day intake is often possible: arrive before 9am for a medical evaluation.",
                "Call or walk in for intake; bring photo ID and a list of your medications.",
            ),
        ),
        apply=("Walk in before 9am for same-day intake, or call to schedule.",),
        elig=(
            (
                ADULT,
                Diagnosis(codes=("oud",)),
                Status("pregnant", (True,), hard=False, text="Pregnant patients are admitted first"),
            ),
            (ADULT, Diagnosis(codes=("oud",))),
            (
                Age(16),
                Diagnosis(codes=("oud",)),
                Custom(text="Patients under 18 need a parent or guardian's consent"),
            ),
        ),
        pay=(METHADONE_PAY,),
        docs=((PHOTO_ID,), (PHOTO_ID, MED_LIST)),
        hours=("dosing",),
        wait="short",
    ),
    ServiceType(
        code="buprenorphine_obot",
        also=("outpatient_iop_sud",),
        category="substance_use",
        term="Buprenorphine treatment",
        term_description="Office-based buprenorphine (Suboxone) for opioid use disorder.",
        names=(
            "Buprenorphine (Suboxone) Clinic",
            "Office-Based Addiction Treatment",
            "Low-Barrier Bupe Clinic",
            "Medications for Opioid Use Disorder",
        ),
        alt_names=("Suboxone", "MOUD", "MAT"),
        text=(
            (
                "Buprenorphine (Suboxone) for opioid use disorder, prescribed by "
                "primary care providers with help from a recovery coach.",
                "Low-barrier buprenorphine starts, including same-day prescriptions and home starts.",
            ),
            (
                "Visits are weekly at first, then monthly; counseling is offered but "
                "not required to keep your prescription.",
                "We also hand out naloxone and fentanyl test strips and treat hepatitis C.",
            ),
            (
                "Walk in {when}, or call to book a first visit.",
                "Call the clinic and ask for a bridge visit; new patients are usually seen within 48 hours.",
            ),
        ),
        apply=("Walk in or call the clinic; new patients seen within 48 hours.",),
        elig=(
            (ADULT, Diagnosis(codes=("oud",))),
            (Age(16), Diagnosis(codes=("oud",))),
        ),
        pay=(SLIDING_CLINIC,),
        docs=((PHOTO_ID, INSURANCE_CARD),),
        hours=("walkin_mornings", "business", "split_week"),
        wait="walkin",
    ),
    ServiceType(
        code="harm_reduction",
        also=("peer_support",),
        category="substance_use",
        term="Harm reduction",
        term_description="Syringe services, naloxone and other supplies that keep people who use drugs safer.",
        names=(
            "Syringe Service Program",
            "Harm Reduction Supplies and Naloxone",
            "Mobile Harm Reduction Van",
            "Drop-In Harm Reduction Center",
        ),
        alt_names=("Needle exchange", "Narcan"),
        text=(
            (
                "Free sterile syringes, safer smoking and injection supplies, naloxone "
                "(Narcan) and fentanyl test strips.",
                "Anonymous, judgment-free harm reduction: syringe exchange, sharps "
                "disposal, wound care kits and naloxone.",
            ),
            (
                "Staff offer HIV and hepatitis C testing and connect people to "
                "treatment, housing and health care when they are ready.",
                "Peer workers teach overdose response and help with referrals, no strings attached.",
                "Staff can also help with wound care, replacing ID and finding a shelter bed.",
            ),
            (
                "Come by {when}; no names or ID required.",
                "Walk up {when}. You can pick up supplies for friends, too.",
            ),
        ),
        apply=("Walk up during open hours; no names or ID.",),
        elig=((),),
        pay=(FREE_NO_ONE,),
        docs=((),),
        hours=("split_week", "weekday_afternoons", "weekend"),
        texting=True,
        open_text="Anyone can use this service anonymously.",
    ),
    ServiceType(
        code="recovery_residence",
        category="substance_use",
        term="Recovery residence",
        term_description="Alcohol- and drug-free shared housing for people in recovery.",
        names=(
            "Sober Living Homes",
            "Recovery Housing",
            "Transitional Recovery Residence",
            Variant(
                "Women's Recovery House",
                elig=(
                    (
                        ADULT,
                        Gender(values=("female",)),
                        Custom(text="In recovery and abstinent from alcohol and drugs"),
                    ),
                ),
            ),
        ),
        alt_names=("Sober living", "Halfway house"),
        text=(
            (
                "Alcohol- and drug-free shared housing for adults in recovery, with house meetings and peer support.",
                "{capacity} beds in shared homes near transit for people who have "
                "finished treatment or are in outpatient care.",
            ),
            (
                "Residents pay rent, follow house rules, go to recovery meetings and share chores.",
                "House managers live on site, and residents may stay as long as they stay sober and pay rent.",
            ),
            (
                "Call to schedule an interview; openings are filled first come, first served.",
                "Fill out a short application and phone interview; move-in can happen within days when a bed is open.",
            ),
        ),
        apply=("Call to schedule an interview.",),
        elig=(
            (ADULT, Custom(text="In recovery and abstinent from alcohol and drugs")),
            (ADULT, Custom(text="Completed or currently in addiction treatment")),
        ),
        pay=(SOBER_RENT,),
        docs=((PHOTO_ID, PROOF_INCOME),),
        hours=("business",),
        capacity=Capacity("beds", 6, 24, "Open beds across our houses"),
        wait="short",
    ),
    # ---------------------------------------------------------------- health
    ServiceType(
        code="fqhc_primary_care",
        category="health",
        term="Community health center",
        term_description="Primary care with a sliding fee at a community health center.",
        names=(
            "Primary Care Clinic",
            "Family Medicine",
            "Walk-In and Primary Care",
            "Community Health Center Primary Care",
        ),
        alt_names=("Community health center", "Family doctor"),
        text=(
            (
                "Primary care for children and adults: checkups, sick visits, chronic "
                "disease care, vaccines and lab work.",
                "Doctors, nurse practitioners and medical assistants provide family "
                "medicine in {city}, with behavioral health and a pharmacy in the same "
                "building.",
            ),
            (
                "Open {when}, with same-day appointments held each morning for urgent needs.",
                "Every patient has a care team; diabetes education and prenatal care are available on site.",
            ),
            (
                "Call to become a new patient; we help uninsured patients apply for the {medicaid}.",
                "New patients can register by phone or in person; bring your insurance card if you have one.",
            ),
        ),
        apply=("Call to register as a new patient.", "Register by phone or in person."),
        elig=((), (Residency("county", hard=False),)),
        pay=(FQHC,),
        docs=((PHOTO_ID, INSURANCE_CARD, PROOF_INCOME, PROOF_ADDRESS),),
        hours=("business_evening", "business"),
        wait="short",
        also=("health_insurance_navigator", "family_planning"),
        fax=True,
        open_text="Open to everyone, insured or not; no one is turned away for inability to pay.",
    ),
    ServiceType(
        code="dental_clinic",
        category="health",
        term="Dental clinic",
        term_description="Low-cost dental exams, cleanings, fillings and urgent care.",
        names=(
            "Community Dental Clinic",
            "Family Dental Services",
            "Dental Clinic and Urgent Dental Care",
        ),
        alt_names=("Dentist", "Low-cost dental"),
        text=(
            (
                "Exams, cleanings, fillings, extractions and urgent care for tooth pain, for patients of all ages.",
                "Preventive and restorative dental care, including dentures and root canals on front teeth.",
            ),
            (
                "Emergency slots for pain or swelling open each morning; call at 8am.",
                "Hygienists also visit local schools for sealants and fluoride.",
                "Dentists also make partial dentures and refer complex cases to specialists.",
            ),
            (
                "Call to schedule a new-patient exam; {medicaid_short} members with dental coverage pay nothing.",
                "New patients start with an exam and X-rays, and the front desk screens for the sliding fee.",
            ),
        ),
        apply=("Call to schedule a new-patient exam.",),
        elig=(
            (),
            (COUNTY,),
            (
                AnyOf(
                    options=(Income(250), Enrolled(programs=("medicaid",))),
                    text="Household income at or below 250% of the federal poverty "
                    "guidelines, or enrolled in {medicaid_short}",
                ),
            ),
        ),
        pay=(DENTAL_PAY,),
        docs=((PHOTO_ID, INSURANCE_CARD, PROOF_INCOME),),
        hours=("business", "split_week"),
        capacity=Capacity("appointment_slots", 4, 20, "New-patient exams open this week", share=0.3),
        wait="long",
        fax=True,
    ),
    ServiceType(
        code="free_clinic",
        category="health",
        term="Free clinic",
        term_description="Free medical care for people without insurance.",
        names=("Free Medical Clinic", "Volunteer Free Clinic", "Evening Free Clinic"),
        alt_names=("Free clinic", "Free doctor"),
        text=(
            (
                "Volunteer doctors, nurses and pharmacists provide free primary care to "
                "adults and children without insurance.",
                "Free visits for uninsured people: acute illness, chronic disease "
                "check-ins, prescriptions and lab tests.",
            ),
            (
                "Clinic hours are {when}.",
                "The clinic is open {when}, with an interpreter on site.",
            ),
            (
                "Patients are seen in order of arrival; sign-in closes an hour before the clinic ends.",
                "Call to get on the list or arrive early to sign in; we also help patients apply for coverage.",
            ),
        ),
        apply=("Sign in at the clinic; patients are seen in order of arrival.",),
        elig=(
            (
                NotEnrolled(
                    programs=("medicaid",),
                    text="For people without health insurance (people with "
                    "{medicaid_short} are referred to a clinic that takes it)",
                ),
                Income(250),
            ),
            (
                Custom(text="For people without health insurance"),
                COUNTY,
                Income(200),
            ),
        ),
        pay=(FREE,),
        docs=((PHOTO_ID, PROOF_INCOME, PROOF_ADDRESS), (ID_PREFERRED,)),
        hours=("evening_clinic", "first_saturday", "weekly_one_day"),
        wait="short",
    ),
    ServiceType(
        code="family_planning",
        category="health",
        term="Family planning",
        term_description="Birth control, pregnancy testing and sexual health care.",
        names=(
            "Family Planning and Sexual Health Clinic",
            "Reproductive Health Services",
            "Sexual Health Clinic",
        ),
        alt_names=("Birth control", "STI testing"),
        text=(
            (
                "Birth control including IUDs and implants, emergency contraception, "
                "pregnancy testing, and STI testing and treatment.",
                "Confidential sexual and reproductive health care for people of all "
                "genders, including PrEP for HIV prevention.",
            ),
            (
                "Visits are confidential, including for teens.",
                "Same-day visits are often available {when}.",
            ),
            (
                "Call or book online; walk-ins are seen as time allows.",
                "Call the clinic line to schedule; text reminders are available.",
            ),
        ),
        apply=("Call or book online; walk-ins seen as time allows.",),
        elig=((),),
        pay=(TITLE_X,),
        docs=((), (INSURANCE_CARD,)),
        hours=("business", "split_week", "business_evening"),
        texting=True,
        open_text="Open to people of any age or gender; visits for teens are confidential.",
    ),
    ServiceType(
        code="hiv_ryan_white",
        category="health",
        term="HIV care (Ryan White)",
        term_description="Medical care, case management and support for people living with HIV.",
        names=(
            "HIV Care and Case Management",
            "Ryan White HIV Services",
            "HIV Medical Case Management",
        ),
        alt_names=("HIV services", "Ryan White"),
        text=(
            (
                "Medical case managers help people living with HIV stay in care, get "
                "medications and keep their insurance.",
                "HIV primary care, medication access, nutrition support and mental health referrals in one place.",
            ),
            (
                "Staff help with the state AIDS Drug Assistance Program (ADAP), "
                "housing assistance and rides to appointments.",
                "Peer navigators living with HIV offer support after a new diagnosis.",
                "Dietitians and mental health counselors are part of the care team.",
            ),
            (
                "Call to schedule an intake; bring proof of HIV status, income and address.",
                "Your provider can refer you, or you can call directly; intake is usually within a week.",
            ),
        ),
        apply=("Call to schedule an intake.",),
        elig=(
            (Diagnosis(codes=("hiv",)), STATEWIDE, Income(300)),
            (Diagnosis(codes=("hiv",)), STATEWIDE, Income(250)),
            (Diagnosis(codes=("hiv",)), METRO),
        ),
        pay=(RYAN_WHITE,),
        docs=(("HIV lab result or a letter from your medical provider", PROOF_INCOME, PROOF_ADDRESS),),
        hours=("business",),
        wait="short",
    ),
    ServiceType(
        code="health_insurance_navigator",
        category="health",
        term="Health insurance enrollment help",
        term_description="Free help applying for Medicaid, Medicare savings programs and Marketplace plans.",
        names=(
            "Health Insurance Enrollment Help",
            "Medicaid and Marketplace Assisters",
            "{medicaid_short} Application Help",
        ),
        alt_names=("Insurance navigator", "Medicaid help"),
        text=(
            (
                "Certified assisters help you apply for the {medicaid}, Medicare "
                "Savings Programs and Marketplace plans with financial help.",
                "Free, unbiased help choosing a health plan and finishing the application, in person or by phone.",
            ),
            (
                "Appointments are available {when}.",
                "We also help with renewals, lost cards and changing plans.",
                "Assisters explain costs, networks and which doctors take each plan.",
            ),
            (
                "Call for an appointment; bring ID, income information and any letters you have received.",
                "Walk in or call; mixed-status families are welcome and information is kept private.",
            ),
        ),
        apply=("Call for an appointment or walk in.",),
        elig=((),),
        pay=(FREE,),
        docs=(
            (PHOTO_ID, "Social Security number, if you have one", PROOF_INCOME, "Immigration documents, if applicable"),
        ),
        hours=("business", "weekly_one_day", "call_center"),
        access="either",
    ),
    # ---------------------------------------------------------------- food
    ServiceType(
        code="food_pantry",
        category="food",
        term="Food pantry",
        term_description="Free groceries and food boxes.",
        names=(
            "Community Food Pantry",
            "{city} Food Pantry",
            "Weekly Food Box Distribution",
            "Choice Pantry",
            Variant("Mobile Food Pantry", hours="first_saturday"),
        ),
        alt_names=("Food bank", "Free groceries", "Food box"),
        text=(
            (
                "Walk-in food boxes {when}.",
                "A choice pantry open {when}, set up like a small grocery store.",
                "Pre-packed boxes with produce, protein and shelf-stable staples, handed out {when}.",
            ),
            (
                "Each household may visit once a week and choose produce, dairy and shelf-stable staples.",
                "Households can visit twice a month; diapers, pet food and hygiene items are offered when available.",
                "Rice, masa, halal and other culturally specific foods are stocked when donated.",
            ),
            (
                "No proof of income required; bring a bag if you can.",
                "First-time visitors fill out a one-page form; no ID needed.",
                "Volunteers can carry boxes to your car, and home delivery is available for people who cannot get out.",
            ),
        ),
        apply=(WALK_IN, "Walk in; first-time visitors fill out a short form."),
        elig=(
            (),
            (ZIPS,),
            (
                Income(
                    300,
                    text="Household income at or below 300% of the federal poverty guidelines (self-declared)",
                ),
            ),
            (COUNTY, Income(185, hard=False)),
        ),
        pay=(FREE,),
        docs=((), (ID_PREFERRED,)),
        hours=("pantry", "weekday_afternoons"),
        also=("snap_enrollment_help",),
    ),
    ServiceType(
        code="hot_meals",
        category="food",
        term="Hot meals",
        term_description="Free community meals and soup kitchens.",
        names=(
            Variant("{day} Night Community Dinner", hours="dinner_one"),
            Variant("Community Dinner", hours="dinner_multi"),
            Variant("Free Hot Lunch", hours="lunch_weekday"),
            Variant("Weekend Community Breakfast", hours="breakfast_weekend"),
            Variant("Soup Kitchen Lunch", hours="lunch_weekday"),
        ),
        alt_names=("Soup kitchen", "Free meal"),
        text=(
            (
                "A free hot meal served {when}, no questions asked.",
                "Sit-down meals served family style {when}, cooked by volunteers from local congregations.",
            ),
            (
                "Everyone is welcome: families, seniors, people living outside and "
                "anyone who wants company over a meal.",
                "Vegetarian options are always available, and to-go plates can be requested.",
            ),
            (
                "No sign-up, ID or proof of need required.",
                "Just show up; the line opens 15 minutes before serving.",
            ),
        ),
        apply=("Just show up; no sign-up.",),
        elig=((),),
        pay=(FREE_NO_ONE,),
        docs=((),),
        hours=("dinner_multi",),
        open_text="Everyone is welcome; no eligibility requirements.",
    ),
    ServiceType(
        code="snap_enrollment_help",
        category="food",
        term="SNAP application help",
        term_description="Help applying for SNAP food benefits (food stamps).",
        names=(
            "SNAP Application Assistance",
            "Food Stamp Application Help",
            "{snap} Enrollment Help",
        ),
        alt_names=("Food stamps", "EBT"),
        text=(
            (
                "Trained staff help you apply for SNAP food benefits (EBT), renew, and report changes.",
                "One-on-one help with the SNAP application, interview preparation and documents.",
            ),
            (
                "We screen for other help at the same time, including WIC, school meals and utility assistance.",
                "Applications are submitted the same day, and staff follow up if anything is missing.",
            ),
            (
                "Call or walk in {when}.",
                "Appointments are available {when}; phone appointments work too.",
            ),
        ),
        apply=("Call or walk in; phone appointments available.",),
        elig=(
            (Immigration(hard=False),),
            (
                Immigration(hard=False),
                Income(
                    130,
                    hard=False,
                    text="SNAP's gross income limit is 130% of the federal poverty "
                    "guidelines (higher with broad-based eligibility); staff screen "
                    "everyone",
                ),
            ),
            (),
        ),
        pay=(FREE,),
        docs=((PHOTO_ID, SSN, "Pay stubs from the last 30 days", "Rent and utility bills"),),
        hours=("business", "weekly_one_day"),
        access="either",
    ),
    ServiceType(
        code="wic",
        category="food",
        term="WIC",
        term_description="Healthy food, nutrition counseling and breastfeeding support "
        "for pregnant people, new parents and young children.",
        names=("WIC Nutrition Program", "WIC Clinic", "WIC Services"),
        alt_names=("WIC", "Baby formula"),
        text=(
            (
                "WIC provides healthy food, breastfeeding support and nutrition "
                "counseling for pregnant people, new parents, infants and children "
                "under 5.",
                "Monthly WIC benefits on an eWIC card for fruits, vegetables, milk, "
                "whole grains, infant formula and more.",
            ),
            (
                "Nutritionists and lactation consultants meet with families {when}.",
                "Families on SNAP, {medicaid_short} or TANF automatically meet the income rule.",
            ),
            (
                "Call to make an appointment; many visits can be done by phone.",
                "Walk-in certification appointments are available some days; call to check.",
            ),
        ),
        apply=("Call to make an appointment; many visits can be by phone.",),
        elig=(
            (
                AnyOf(
                    options=(
                        PREGNANT,
                        Custom(text="Parent within 6 months of giving birth or breastfeeding, or a child under 5"),
                    ),
                    text="For pregnant people, new or breastfeeding parents, infants and children under 5",
                ),
                AnyOf(
                    options=(Income(185), Enrolled(programs=("snap", "medicaid", "tanf"))),
                    text="Household income at or below 185% of the federal poverty "
                    "guidelines, or enrolled in SNAP, {medicaid_short} or TANF",
                ),
            ),
            (
                STATEWIDE,
                AnyOf(
                    options=(Income(185), Enrolled(programs=("snap", "medicaid", "tanf"))),
                    text="Household income at or below 185% of the federal poverty "
                    "guidelines, or enrolled in SNAP, {medicaid_short} or TANF",
                ),
            ),
        ),
        pay=(FREE,),
        docs=(
            (
                PHOTO_ID,
                PROOF_ADDRESS,
                PROOF_INCOME,
                "Proof of pregnancy, if pregnant",
                "Child's ID or birth certificate",
            ),
        ),
        hours=("business", "split_week"),
        wait="short",
    ),
    # ---------------------------------------------------------------- housing
    ServiceType(
        code="emergency_shelter_adult",
        also=("hot_meals",),
        category="housing",
        term="Adult emergency shelter",
        term_description="Emergency beds for adults experiencing homelessness.",
        names=(
            "Adult Emergency Shelter",
            Variant("Low-Barrier Night Shelter", hours="overnight"),
            Variant("Winter Warming Shelter", hours="winter"),
            Variant(
                "Women's Shelter",
                elig=((ADULT, Gender(values=("female",))),),
            ),
            Variant("Men's Shelter", elig=((ADULT, Gender(values=("male",))),)),
        ),
        alt_names=("Homeless shelter", "Place to sleep tonight"),
        text=(
            (
                "{capacity} beds for adults experiencing homelessness, with showers, lockers and a hot dinner.",
                "A low-barrier shelter: partners can stay together, pets and "
                "belongings are welcome, and sobriety is not required.",
            ),
            (
                "Beds are open {when}.",
                "Guests can reserve a bed for 30 days at a time while working with a "
                "housing navigator; doors are open {when}.",
            ),
            (
                "Call the bed line after 3pm or come to the door; beds are assigned first come, first served.",
                "Outreach workers can refer, and walk-ups are accepted when beds are open.",
            ),
        ),
        apply=("Call the bed line after 3pm or come to the door.",),
        elig=((ADULT,), (ADULT, HOMELESS)),
        pay=(FREE_NO_ONE,),
        docs=((ID_PREFERRED,), ()),
        hours=("overnight", "always"),
        capacity=Capacity("beds", 30, 120, "Beds open tonight"),
        wait="beds",
    ),
    ServiceType(
        code="family_shelter",
        category="housing",
        term="Family shelter",
        term_description="Emergency shelter for families with children.",
        names=(
            "Family Emergency Shelter",
            "Family Shelter",
            "Motel Shelter Program for Families",
        ),
        alt_names=("Family shelter", "Motel voucher"),
        text=(
            (
                "Private rooms for families with children, so parents and kids can stay together.",
                "{capacity} family rooms with shared kitchens, a play area and laundry.",
            ),
            (
                "Case managers work with each family on housing, school enrollment and income from day one.",
                "Families can stay up to 90 days while they look for housing.",
            ),
            (
                "Call the family shelter line to check availability; staff screen by phone.",
                "Referrals come from coordinated entry, schools and the family shelter line.",
            ),
        ),
        apply=("Call the family shelter line; staff screen by phone.",),
        elig=(
            (
                AnyOf(
                    options=(
                        PREGNANT,
                        Custom(text="Household includes a child under 18"),
                    ),
                    text="Families with at least one child under 18, or pregnant people",
                ),
                HOMELESS,
            ),
            (
                HouseholdSize(min=2),
                Custom(text="Household includes at least one child under 18"),
            ),
        ),
        pay=(FREE_NO_ONE,),
        docs=((PHOTO_ID, "Birth certificates or other ID for children"), ()),
        hours=("always",),
        capacity=Capacity("family_rooms", 8, 30, "Family rooms open tonight"),
        wait="beds",
    ),
    ServiceType(
        code="youth_shelter",
        category="housing",
        term="Youth shelter",
        term_description="Shelter for runaway and homeless young people.",
        names=(
            "Youth Emergency Shelter",
            "Runaway and Homeless Youth Shelter",
            Variant(
                "Transitional Living Program for Young Adults",
                elig=((Age(16, 24), HOMELESS),),
            ),
        ),
        alt_names=("Runaway shelter", "Youth shelter"),
        text=(
            (
                "Emergency shelter for young people who have run away, been kicked out or have nowhere safe to stay.",
                "A safe place to sleep, eat and regroup, with {capacity} beds and staff awake all night.",
            ),
            (
                "Staff help youth reconnect with family when it is safe, stay in school and plan next steps.",
                "Youth get meals, clothing, counseling and help finding longer-term housing.",
            ),
            (
                "Young people can walk in any time or call; no ID required.",
                "Call or text the youth line; outreach staff can provide a ride.",
            ),
        ),
        apply=("Walk in any time, or call or text the youth line.",),
        elig=((Age(12, 17),), (Age(12, 24, text="Young people ages 12 to 24"),)),
        pay=(FREE_NO_ONE,),
        docs=((),),
        hours=("always",),
        capacity=Capacity("beds", 8, 20, "Youth beds open tonight"),
        wait="beds",
        also=("youth_dropin",),
        texting=True,
    ),
    ServiceType(
        code="coordinated_entry",
        also=("rental_assistance",),
        category="housing",
        term="Coordinated entry and rapid rehousing",
        term_description="The assessment that connects people who are homeless to housing programs.",
        names=(
            "Coordinated Entry Housing Assessment",
            "Housing Access Line",
            "Rapid Rehousing Program",
            "Housing Assessment and Referral",
        ),
        alt_names=("Housing list", "Rapid rehousing"),
        text=(
            (
                "The front door to the county's homeless housing system: a short "
                "assessment connects you to rapid rehousing, supportive housing and "
                "other programs.",
                "Housing assessors meet people in shelters, on the street or by phone "
                "to complete the coordinated entry assessment.",
            ),
            (
                "Rapid rehousing pays rent for a few months to two years while a case manager helps increase income.",
                "Placement depends on need and available openings, not on how long you have been on the list.",
            ),
            (
                "To schedule an assessment, call the housing access line {when}.",
                "Ask any shelter or outreach worker, or call the access line, to do an assessment with you.",
            ),
        ),
        apply=("Call the housing access line or ask any shelter to assess you.",),
        elig=(
            (HOMELESS,),
            (
                AnyOf(
                    options=(HOMELESS, Custom(text="Fleeing domestic violence")),
                    text="For people who are homeless or fleeing domestic violence",
                ),
            ),
            (HOMELESS_OR_AT_RISK, COUNTY),
        ),
        pay=(FREE,),
        docs=((), (PHOTO_ID, "Homeless verification (shelter, outreach or HMIS letter)")),
        hours=("business", "call_center"),
        access="either",
        wait="short",
    ),
    ServiceType(
        code="permanent_supportive_housing",
        category="housing",
        term="Permanent supportive housing",
        term_description="Long-term housing with support services for people with disabilities who have been homeless.",
        names=(
            "Permanent Supportive Housing",
            "Supportive Housing Apartments",
            "Housing First Program",
        ),
        alt_names=("PSH", "Supportive housing"),
        text=(
            (
                "{capacity} apartments with on-site support for people who have been "
                "homeless for a long time and live with a disability.",
                "Housing First apartments: tenants hold their own lease and choose which services to use.",
            ),
            (
                "Case managers, peer support and nurses are on site, and tenants can stay as long as they like.",
                "Staff help with benefits, health care, recovery and building a life in the community.",
            ),
            (
                "Openings are filled only through coordinated entry; talk to your case "
                "manager or call the access line.",
                "We do not keep our own waitlist; all referrals come from coordinated entry.",
            ),
        ),
        apply=("Referral through coordinated entry only.",),
        elig=(
            (HOMELESS, DISABILITY, Custom(text="Referral through coordinated entry")),
            (
                HOMELESS,
                Diagnosis(codes=("smi", "sud", "co_occurring")),
                Custom(text="Referral through coordinated entry"),
            ),
        ),
        pay=(RENT_30,),
        docs=(("Homelessness history documentation", "Disability documentation from a provider", PHOTO_ID),),
        hours=("business",),
        capacity=Capacity("apartments", 20, 120, "Apartments available for referral"),
        wait="closed",
    ),
    ServiceType(
        code="rental_assistance",
        category="housing",
        term="Rent assistance and eviction prevention",
        term_description="Help with past-due rent, deposits and move-in costs.",
        names=(
            "Emergency Rent Assistance",
            "Eviction Prevention Program",
            Variant(
                "Move-In Assistance",
                elig=((COUNTY, HOMELESS_OR_AT_RISK, AMI_50),),
                lead=(
                    "Help with deposits, application fees and first month's rent for "
                    "households moving into a new home.",
                ),
            ),
            "Back Rent Help",
        ),
        alt_names=("Rent help", "Eviction help"),
        text=(
            (
                "One-time help with past-due rent to prevent eviction, paid directly to your landlord.",
                "Rent help for renters who have fallen behind, plus move-in costs such "
                "as deposits and first month's rent.",
            ),
            (
                "Funds are limited and go first to households with an eviction notice.",
                "A housing advocate can talk with your landlord and connect you to "
                "legal help if you have a court date.",
            ),
            (
                "Apply online or by phone; the application takes about 20 minutes.",
                "To start an application, call {when}; staff call back within 3 business days.",
            ),
        ),
        apply=("Apply online or by phone.",),
        elig=(
            (COUNTY, Status("housing_status", ("at_risk",)), AMI_50),
            (
                COUNTY,
                Income(200),
                Custom(text="Must have an eviction notice or past-due rent"),
            ),
            (METRO, AMI_80),
        ),
        pay=(FREE,),
        docs=(("Lease or rental agreement", "Eviction notice or past-due rent notice", PHOTO_ID, PROOF_INCOME),),
        hours=("business", "call_center"),
        access="either",
        wait="short",
    ),
    ServiceType(
        code="housing_authority",
        category="housing",
        term="Housing vouchers and public housing",
        term_description="Section 8 Housing Choice Vouchers and public housing.",
        names=(
            "Housing Choice Voucher (Section 8) Program",
            "Public Housing Applications",
            "Affordable Housing Waitlist",
        ),
        alt_names=("Section 8", "Public housing", "Housing voucher"),
        text=(
            (
                "Housing Choice Vouchers (Section 8) help low-income households rent "
                "from private landlords; the household pays about 30% of income toward "
                "rent.",
                "Public housing apartments and project-based vouchers for low-income "
                "families, seniors and people with disabilities.",
            ),
            (
                "Waitlists open from time to time by lottery; sign up for alerts on our website.",
                "Applicants are placed by lottery and preference, and the wait can be several years.",
            ),
            (
                "Apply online when the waitlist is open; staff help with paper applications {when}.",
                "For help with an application or your place on the list, visit the front desk or call {when}.",
            ),
        ),
        apply=("Apply online when the waitlist is open.",),
        elig=(
            (AMI_50, Immigration()),
            (AMI_80, Immigration(), COUNTY),
        ),
        pay=(RENT_30,),
        docs=((PHOTO_ID, SSN, "Birth certificates for all household members", PROOF_INCOME),),
        hours=("business",),
        wait="closed",
        fax=True,
    ),
    # ---------------------------------------------------------------- money
    ServiceType(
        code="utility_assistance",
        category="money",
        term="Utility bill assistance",
        term_description="Help paying heating and electric bills (LIHEAP) and avoiding shutoffs.",
        names=(
            "Energy Assistance (LIHEAP)",
            "Utility Bill Help",
            "Winter Heating Assistance",
            "Shutoff Prevention Program",
        ),
        alt_names=("LIHEAP", "Energy assistance", "Light bill help"),
        text=(
            (
                "Once-a-year help paying heating and electric bills through LIHEAP and utility-funded programs.",
                "Energy bill assistance for low-income households, paid directly to your utility.",
            ),
            (
                "Households with a shutoff notice are seen first; crisis payments can "
                "stop a disconnection within 48 hours.",
                "Staff also enroll eligible households in utility discount rates and weatherization.",
            ),
            (
                "Appointments open on the first business day of each month; call {when}.",
                "Call to schedule or apply online; older adults and people with disabilities may apply by phone.",
            ),
        ),
        apply=("Call to schedule an appointment or apply online.",),
        elig=(
            (Income(150), COUNTY),
            (
                AnyOf(
                    options=(Income(150), Enrolled(programs=("snap", "ssi", "tanf"))),
                    text="Household income at or below 150% of the federal poverty "
                    "guidelines, or receiving SNAP, SSI or TANF",
                ),
                COUNTY,
            ),
            (
                Income(150),
                Custom(text="A shutoff notice is needed for crisis payments", hard=False),
            ),
        ),
        pay=(FREE,),
        docs=(("Recent utility bill", "Shutoff notice, if you have one", PHOTO_ID, PROOF_INCOME),),
        hours=("business", "call_center"),
        access="either",
        wait="short",
    ),
    ServiceType(
        code="benefits_navigation",
        category="money",
        term="Benefits navigation",
        term_description="Help applying for public benefits, including SSI and SSDI.",
        names=(
            "Benefits Navigation",
            Variant(
                "SSI/SSDI Application Help (SOAR)",
                elig=(
                    (
                        HOMELESS_OR_AT_RISK,
                        Custom(text="Has a disabling mental illness or other condition"),
                    ),
                ),
                lead=(
                    "SOAR-trained staff help people who are homeless or at risk and "
                    "have a disabling condition apply for SSI and SSDI.",
                ),
            ),
            "Public Benefits Assistance",
        ),
        alt_names=("Benefits help", "Disability application help"),
        text=(
            (
                "Help applying for cash assistance, SNAP, Medicaid, SSI and SSDI, and appealing denials.",
                "Benefits navigators help you figure out what you qualify for and walk you through each application.",
            ),
            (
                "SOAR-trained staff help people who are homeless and have a disabling "
                "condition apply for SSI and SSDI faster.",
                "Navigators track deadlines and can go with you to appointments.",
            ),
            ("Call or drop in {when}.", "Ask for a benefits appointment {when}."),
        ),
        apply=("Call or drop in for a benefits appointment.",),
        elig=(
            (),
            (
                HOMELESS_OR_AT_RISK,
                Custom(text="SOAR help is for people with a disabling mental illness", hard=False),
            ),
            (COUNTY,),
        ),
        pay=(FREE,),
        docs=((PHOTO_ID, "Medical records (for disability claims)", "Award or denial letters"),),
        hours=("business", "weekly_one_day"),
        access="either",
        wait="short",
    ),
    ServiceType(
        code="veterans_services",
        also=("benefits_navigation",),
        category="money",
        term="Veterans services",
        term_description="Help for veterans and their families with VA benefits, housing and counseling.",
        names=(
            Variant(
                "Veterans Service Office",
                elig=(
                    (
                        AnyOf(
                            options=(
                                VETERAN,
                                Custom(text="Surviving spouse or dependent of a veteran"),
                            ),
                            text="For veterans and their spouses, survivors and dependents",
                        ),
                    ),
                ),
            ),
            Variant("Veterans Benefits Assistance", elig=((VETERAN,),)),
            Variant(
                "Supportive Services for Veteran Families (SSVF)",
                elig=((VETERAN, HOMELESS_OR_AT_RISK, AMI_50),),
            ),
            Variant(
                "Readjustment Counseling for Veterans",
                elig=(
                    (
                        VETERAN,
                        Custom(text="Served in a combat zone or experienced military sexual trauma"),
                    ),
                ),
            ),
        ),
        alt_names=("VA benefits help", "Veterans help"),
        text=(
            (
                "Help for veterans and their families with VA benefits, health care "
                "enrollment, housing and counseling referrals.",
                "Staff who are veterans themselves help with VA claims, appeals and connecting to VA health care.",
            ),
            (
                "Services are free and confidential.",
                "Homeless and at-risk veterans can get help with rent, deposits and finding housing.",
            ),
            (
                "Call for an appointment {when}; bring your DD-214 if you have it.",
                "Walk in {when}, or call ahead.",
            ),
        ),
        apply=("Call for an appointment or walk in.",),
        elig=((VETERAN,),),
        pay=(VA_PAY,),
        docs=((DD214,),),
        hours=("business",),
        wait="short",
    ),
    # ---------------------------------------------------------------- legal
    ServiceType(
        code="legal_aid",
        also=("benefits_navigation",),
        category="legal",
        term="Civil legal aid",
        term_description="Free legal help with housing, benefits, family and other civil cases.",
        names=(
            "Civil Legal Aid",
            Variant(
                "Tenant Legal Help and Eviction Defense",
                lead=(
                    "Free advice and court representation for tenants facing eviction, "
                    "illegal lockouts, rent increases or unsafe conditions.",
                ),
            ),
            Variant(
                "Record Expungement Clinic",
                lead=(
                    "Free clinics to help people set aside or seal eligible criminal "
                    "records, so old convictions stop blocking jobs and housing.",
                ),
            ),
            Variant(
                "Family Law Legal Clinic",
                lead=(
                    "Free advice and help with forms for divorce, custody, parenting "
                    "time, child support and restraining orders.",
                ),
            ),
        ),
        alt_names=("Free lawyer", "Eviction defense"),
        text=(
            (
                "Free civil legal help with evictions, debt collection, public "
                "benefits, family law and protective orders.",
                "Attorneys and paralegals advise, write letters and represent low-income clients in civil court.",
            ),
            (
                "Tenants facing eviction can get same-week advice and often a lawyer at their hearing.",
                "Monthly expungement clinics help people seal eligible criminal records.",
            ),
            (
                "Call the intake line {when}; a screener checks eligibility and the type of case.",
                "Apply by phone or online, and bring any court papers to your appointment.",
            ),
        ),
        apply=("Call the intake line or apply online.",),
        elig=(
            (Income(125), COUNTY),
            (Income(200), METRO),
            (Income(125), Custom(text="Civil cases only (no criminal defense)")),
        ),
        pay=(FREE,),
        docs=((PHOTO_ID, "Court papers, notices or letters about your case", PROOF_INCOME),),
        hours=("business", "weekly_one_day"),
        access="either",
        wait="short",
    ),
    ServiceType(
        code="immigration_legal",
        category="legal",
        term="Immigration legal services",
        term_description="Low-cost help with citizenship, green cards, DACA and asylum.",
        names=(
            "Immigration Legal Services",
            "Citizenship and DACA Clinic",
            "Low-Cost Immigration Consultations",
        ),
        alt_names=("Immigration lawyer", "Citizenship help"),
        text=(
            (
                "DOJ-accredited representatives and attorneys help with citizenship, "
                "green card renewals, DACA, family petitions and asylum.",
                "Low-cost immigration legal services for immigrant families, including "
                "consultations and representation in immigration court.",
            ),
            (
                "We never share client information with immigration enforcement.",
                "Every client is screened for all options, including U visas for crime survivors.",
            ),
            (
                "Call for a consultation {when}.",
                "Consultations are by appointment; call or stop by the front desk {when}.",
            ),
        ),
        apply=("Call for a consultation appointment.",),
        elig=((), (Income(200, hard=False), METRO)),
        pay=(IMMIGRATION_PAY,),
        docs=(("Immigration documents and any notices from USCIS or the court", PHOTO_ID),),
        hours=("business", "weekly_one_day"),
        wait="long",
    ),
    # ---------------------------------------------------------------- work
    ServiceType(
        code="employment",
        category="work",
        term="Employment services",
        term_description="Job search help, training and career services.",
        names=(
            "Job Search and Career Services",
            "Employment Training Program",
            "Resume and Job Readiness Workshops",
            Variant("Youth Employment Program", elig=((Age(16, 24),),)),
        ),
        alt_names=("Jobs", "Job training", "Career center"),
        text=(
            (
                "Free job search help: resumes, interview practice, a computer lab and job leads from local employers.",
                "Career coaches help job seekers find work, earn certificates and plan a career path.",
            ),
            (
                "Training scholarships are available for high-demand jobs such as CDL "
                "driving, welding, medical assisting and IT.",
                "Weekly hiring events bring employers on site.",
            ),
            (
                "Drop in {when}, or attend an orientation to get started.",
                "Register online, then attend a one-hour orientation.",
            ),
        ),
        apply=("Register online or drop in, then attend an orientation.",),
        elig=(
            (
                ADULT,
                Custom(text="Must be authorized to work in the U.S."),
                Status("veteran", (True,), hard=False, text="Veterans receive priority of service"),
            ),
            (ADULT,),
        ),
        pay=(FREE,),
        docs=((PHOTO_ID, "Social Security card", "DD-214 (veterans only)"), (PHOTO_ID,)),
        hours=("business", "business_evening"),
    ),
    ServiceType(
        code="vocational_rehab",
        category="work",
        term="Vocational rehabilitation",
        term_description="Employment services for people with disabilities.",
        names=(
            "Vocational Rehabilitation",
            "Supported Employment for People with Disabilities",
            "Individual Placement and Support (IPS)",
        ),
        alt_names=("Voc rehab", "VR"),
        text=(
            (
                "Counselors help people with disabilities prepare for, find and keep jobs that fit their strengths.",
                "Supported employment with a job coach who helps with applications, "
                "interviews and the first months at work.",
            ),
            (
                "Services can include training, assistive technology, work clothes and transportation.",
                "Benefits planners explain how working affects SSI, SSDI and health coverage.",
            ),
            (
                "Call to schedule an orientation; you can refer yourself.",
                "Schools, clinicians and case managers can refer, or you can apply yourself.",
            ),
        ),
        apply=("Call to schedule an orientation; self-referrals welcome.",),
        elig=(
            (
                DISABILITY,
                Custom(text="Disability makes it hard to get or keep a job"),
            ),
            (Age(16), DISABILITY),
        ),
        pay=(FREE,),
        docs=(("Disability documentation from a provider", PHOTO_ID),),
        hours=("business",),
        wait="long",
    ),
    # ---------------------------------------------------------------- transportation
    ServiceType(
        code="transportation_nemt",
        category="transportation",
        term="Medical rides (NEMT)",
        term_description="Free rides to health appointments for Medicaid members.",
        names=(
            "Non-Emergency Medical Transportation",
            "{medicaid_short} Medical Rides",
            "Ride Scheduling for Medical Appointments",
        ),
        alt_names=("Medical ride", "Medicaid ride"),
        text=(
            (
                "Free rides to medical, dental, mental health and pharmacy appointments for {medicaid_short} members.",
                "Scheduling for rides, bus tickets or mileage reimbursement for covered health appointments.",
            ),
            (
                "Schedule at least two business days ahead; same-day rides are possible for urgent care.",
                "Drivers help riders with mobility devices, and a caregiver can ride along.",
            ),
            (
                "The ride line takes calls {when}.",
                "Call with your Medicaid ID and appointment details ready.",
            ),
        ),
        apply=("Call the ride line at least two business days ahead.",),
        elig=(
            (
                Enrolled(programs=("medicaid",)),
                Custom(text="Ride must be to a covered health care appointment"),
            ),
            (Enrolled(programs=("medicaid",)), METRO),
        ),
        pay=(NEMT_PAY,),
        docs=(("Medicaid ID number", "Appointment date, time and address"),),
        hours=("call_center",),
        access="remote",
    ),
    ServiceType(
        code="paratransit",
        category="transportation",
        term="Paratransit",
        term_description="Door-to-door rides for people whose disability prevents using buses and trains.",
        names=("ADA Paratransit Service", "Door-to-Door Ride Service", "Dial-a-Ride"),
        alt_names=("Paratransit", "Dial-a-ride"),
        text=(
            (
                "Shared-ride, door-to-door service for people whose disability prevents "
                "them from using buses and trains.",
                "Curb-to-curb rides within three-quarters of a mile of bus and rail routes.",
            ),
            (
                "Book rides one to seven days ahead; trips can be for any purpose.",
                "Drivers are trained to assist with wheelchairs, walkers and service animals.",
            ),
            (
                "Apply for eligibility first; decisions take up to 21 days.",
                "Call for an application; an in-person assessment may be scheduled.",
            ),
        ),
        apply=("Apply for eligibility first; decisions take up to 21 days.",),
        elig=(
            (DISABILITY, Custom(text="ADA paratransit certification required")),
            (
                AnyOf(
                    options=(Age(60), DISABILITY),
                    text="For adults 60 and older or people with a disability",
                ),
            ),
        ),
        pay=(PARATRANSIT_PAY,),
        docs=(("ADA paratransit eligibility application",),),
        hours=("daily_extended",),
        access="remote",
        wait="short",
    ),
    # ---------------------------------------------------------------- family and youth
    ServiceType(
        code="head_start",
        also=("child_care_subsidy",),
        category="family_youth",
        term="Head Start",
        term_description="Free preschool and family support for young children.",
        names=(
            "Head Start Preschool",
            Variant(
                "Early Head Start",
                elig=(
                    (
                        Age(0, 2, text="Pregnant parents and children under 3"),
                        AnyOf(
                            options=(
                                Income(100),
                                Enrolled(programs=("tanf", "ssi")),
                                HOMELESS,
                                Custom(text="Child is in foster care"),
                            ),
                            text="Household income at or below 100% of the federal "
                            "poverty guidelines, or on TANF or SSI, homeless, or in "
                            "foster care",
                        ),
                    ),
                ),
            ),
            "Head Start Classrooms",
        ),
        alt_names=("Preschool", "Pre-K"),
        text=(
            (
                "Free, high-quality preschool for children from low-income families, "
                "with meals, health screenings and family support.",
                "Head Start classrooms focus on school readiness, social skills and "
                "play, with teachers trained in early childhood education.",
            ),
            (
                "Family advocates help parents with goals such as housing, jobs and school.",
                "Classes meet {when}; some sites offer full-day options.",
                "Children get healthy meals and vision, hearing and dental screenings.",
            ),
            (
                "Apply any time; enrollment is year-round as spaces open.",
                "Call or apply online; families who are homeless or in foster care are enrolled first.",
            ),
        ),
        apply=("Call or apply online; enrollment is year-round.",),
        elig=(
            (
                Age(3, 5),
                AnyOf(
                    options=(
                        Income(100),
                        Enrolled(programs=("tanf", "ssi")),
                        HOMELESS,
                        Custom(text="Child is in foster care"),
                    ),
                    text="Household income at or below 100% of the federal poverty "
                    "guidelines, or on TANF or SSI, homeless, or in foster care",
                ),
            ),
        ),
        pay=(FREE,),
        docs=(("Child's birth certificate", PROOF_INCOME, "Immunization records"),),
        hours=("preschool",),
        wait="long",
    ),
    ServiceType(
        code="child_care_subsidy",
        category="family_youth",
        term="Child care assistance",
        term_description="Help paying for child care and finding a provider.",
        names=(
            "Child Care Assistance",
            "Child Care Payment Help",
            "Child Care Referral and Subsidy",
        ),
        alt_names=("Child care voucher", "Daycare help"),
        text=(
            (
                "Help paying for child care for working parents and parents in school or training.",
                "Child care specialists help families find licensed care and apply for child care subsidies.",
            ),
            (
                "The subsidy is paid directly to your provider; you pay a copay based on income.",
                "Specialists can share openings with infant care, evening hours or special needs support.",
                "Specialists also help families check a provider's license and inspection history.",
            ),
            (
                "Call or apply online; approvals usually take about two weeks.",
                "Start with a phone call to check eligibility and get a list of providers near you.",
            ),
        ),
        apply=("Call or apply online.",),
        elig=(
            (
                Custom(text="Child under 13 (or under 18 with special needs)"),
                Custom(text="Parent or caregiver is working or in school"),
                Custom(text="Household income at or below 85% of state median income"),
            ),
            (
                Custom(text="Child under 13"),
                Custom(text="Parent or caregiver is working or in school"),
                STATEWIDE,
            ),
        ),
        pay=(CHILD_CARE_PAY,),
        docs=((PROOF_INCOME, "Work or school schedule", "Child's birth certificate"),),
        hours=("business",),
        access="either",
        wait="short",
    ),
    ServiceType(
        code="youth_dropin",
        category="family_youth",
        term="Youth drop-in and mentoring",
        term_description="Drop-in centers, mentoring and activities for young people.",
        names=(
            "Youth Drop-In Center",
            "Teen Center",
            "Youth Mentoring Program",
            "LGBTQ+ Youth Drop-In",
        ),
        alt_names=("Teen center", "After school"),
        text=(
            (
                "A safe, welcoming space for young people with meals, showers, laundry, computers and caring adults.",
                "After-school drop-in with homework help, art, music and sports, plus one-on-one mentoring.",
            ),
            (
                "Case managers help youth with school, jobs, ID documents, health care and housing.",
                "Weekly groups include cooking, job skills and a queer and trans youth night.",
            ),
            (
                "Drop in {when}; no appointment or ID needed.",
                "Just show up {when}; young people can also text a staff member.",
            ),
        ),
        apply=(WALK_IN,),
        elig=((Age(12, 24),), (Age(14, 24),), (Age(12, 18),)),
        pay=(FREE,),
        docs=((),),
        hours=("dropin_afternoon", "weekend"),
        texting=True,
    ),
    # ---------------------------------------------------------------- older adults
    ServiceType(
        code="senior_meals",
        also=("hot_meals",),
        category="older_adults",
        term="Senior meals",
        term_description="Group and home-delivered meals for older adults.",
        names=(
            Variant(
                "Home-Delivered Meals",
                hours="business",
                elig=(
                    (
                        Age(60),
                        Custom(text="Homebound: unable to leave home without help"),
                    ),
                ),
            ),
            Variant("Senior Lunch Program", hours="lunch_weekday"),
            Variant("Congregate Meals at the Senior Center", hours="lunch_3days"),
        ),
        alt_names=("Senior lunch", "Meals for seniors"),
        text=(
            (
                "Hot, nutritious meals for older adults, planned by a registered dietitian, {when}.",
                "Meals meet a third of daily nutrition needs for older adults and are served {when}.",
            ),
            (
                "Special diets (diabetic, low-sodium, vegetarian) are available on request.",
                "Participants can also join activities, blood pressure checks and benefits counseling.",
            ),
            (
                "Call by noon the day before to reserve a meal.",
                "Call to sign up; a short intake helps us plan for your needs.",
            ),
        ),
        apply=("Call to sign up.",),
        elig=(
            (
                AnyOf(
                    options=(
                        Age(60),
                        Custom(text="Spouse of a participant 60 or older"),
                    ),
                    text="Adults 60 and older and their spouses of any age",
                ),
            ),
            (Age(60),),
        ),
        pay=(DONATION,),
        docs=((),),
        hours=("lunch_weekday",),
    ),
    ServiceType(
        code="aging_services",
        also=("senior_meals",),
        category="older_adults",
        term="Aging and caregiver services",
        term_description="Information, in-home help and support for older adults and family caregivers.",
        names=(
            "Aging and Disability Resource Connection",
            "Senior Center Services",
            Variant(
                "Family Caregiver Support Program",
                elig=(
                    (
                        AnyOf(
                            options=(
                                Age(60),
                                Custom(text="Family caregiver of an older adult"),
                            ),
                            text="For adults 60 and older and family caregivers",
                        ),
                    ),
                ),
                lead=(
                    "Support for family members caring for an older adult: respite, "
                    "counseling, training and caregiver support groups.",
                ),
            ),
            "Options Counseling for Older Adults",
        ),
        alt_names=("Senior services", "Area Agency on Aging"),
        text=(
            (
                "Information and help for older adults, people with disabilities and "
                "family caregivers: in-home care, benefits, housing and more.",
                "Options counselors help older adults plan for care and stay independent at home.",
            ),
            (
                "Services include Medicare counseling, caregiver respite, adult day "
                "programs and help with daily tasks.",
                "Staff can arrange home-delivered meals, rides and Adult Protective Services referrals.",
            ),
            (
                "Call {when}; home visits are available for people who cannot come in.",
                "Call or walk in for a free consultation {when}.",
            ),
        ),
        apply=("Call or walk in for a free consultation.",),
        elig=(
            (Age(60),),
            (
                AnyOf(
                    options=(Age(60), Custom(text="Family caregiver of an older adult")),
                    text="For adults 60 and older and family caregivers",
                ),
            ),
            (
                AnyOf(
                    options=(Age(60), DISABILITY),
                    text="For adults 60 and older and people with disabilities",
                ),
            ),
        ),
        pay=(FREE,),
        docs=((),),
        hours=("business",),
        access="either",
    ),
)

TYPES: Final[dict[str, ServiceType]] = {t.code: t for t in SERVICE_TYPES}
CATALOGUE_CODES: Final[tuple[str, ...]] = tuple(t.code for t in SERVICE_TYPES)


# --------------------------------------------------------------------------------------
# Organization archetypes: what kind of agency offers which services
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Program:
    name: str
    description: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Archetype:
    key: str
    weight: int
    codes: tuple[tuple[str, int], ...]  # (catalogue code, relative weight)
    names: tuple[str, ...]  # "{place} Community Food Network"
    descriptions: tuple[str, ...]  # slots: {place} {county} {year} {city}
    site_kinds: tuple[str, ...]  # "Pantry", "Clinic"... for location names
    funding: tuple[str, ...]
    program: Program | None = None
    public: bool = False


ARCHETYPES: Final[tuple[Archetype, ...]] = (
    Archetype(
        key="community_health_center",
        weight=6,
        codes=(
            ("fqhc_primary_care", 5),
            ("dental_clinic", 3),
            ("health_insurance_navigator", 2),
            ("buprenorphine_obot", 2),
            ("family_planning", 2),
            ("wic", 1),
            ("mh_outpatient", 2),
        ),
        names=(
            "{place} Family Health Center",
            "{place} Community Clinic",
            "{place} Neighborhood Health Partners",
        ),
        descriptions=(
            "A federally qualified health center serving {county} since {year}. "
            "Primary care, dental and behavioral health under one roof, with a sliding "
            "fee for uninsured patients.",
            "Nonprofit community health center offering medical, dental and pharmacy "
            "services to everyone, regardless of insurance or ability to pay.",
        ),
        site_kinds=("Clinic", "Health Center", "Medical Clinic"),
        funding=("HRSA Health Center Program", "State Medicaid contract", "Private donations"),
        program=Program(
            "Integrated Care Program",
            "Primary care, behavioral health and addiction treatment coordinated by one care team.",
            ("fqhc_primary_care", "buprenorphine_obot", "mh_outpatient"),
        ),
    ),
    Archetype(
        key="behavioral_health",
        weight=8,
        codes=(
            ("mh_outpatient", 6),
            ("psychiatry_med_mgmt", 4),
            ("child_youth_mh", 3),
            ("act_team", 2),
            ("first_episode_psychosis", 2),
            ("iop_php_mh", 2),
            ("peer_support", 2),
            ("crisis_stabilization", 2),
            ("mobile_crisis", 2),
        ),
        names=(
            "{place} Behavioral Health",
            "{place} Counseling Center",
            "{place} Mental Health Partners",
        ),
        descriptions=(
            "Community mental health agency serving children, families and adults in {county} since {year}.",
            "Nonprofit behavioral health provider offering counseling, psychiatry and "
            "intensive community services, with a focus on people with serious mental "
            "illness.",
        ),
        site_kinds=("Counseling Center", "Clinic", "Office"),
        funding=("County behavioral health contract", "Medicaid", "SAMHSA grant"),
        program=Program(
            "Adult Community Services",
            "Outpatient and intensive services for adults with serious mental illness.",
            ("mh_outpatient", "psychiatry_med_mgmt", "act_team", "iop_php_mh"),
        ),
    ),
    Archetype(
        key="addiction_treatment",
        weight=6,
        codes=(
            ("outpatient_iop_sud", 5),
            ("detox", 3),
            ("residential_sud", 3),
            ("otp_methadone", 2),
            ("buprenorphine_obot", 3),
            ("recovery_residence", 2),
            ("peer_support", 1),
        ),
        names=(
            "{place} Recovery Collective",
            "{place} Treatment Services",
            "{place} Recovery Center",
        ),
        descriptions=(
            "Addiction treatment provider offering the full continuum of care, from "
            "withdrawal management to outpatient groups and recovery housing.",
            "Founded in {year} by people in recovery, we offer treatment for alcohol "
            "and drug use that meets people where they are.",
        ),
        site_kinds=("Treatment Center", "Recovery Center", "Clinic"),
        funding=("State substance use block grant", "Medicaid", "Opioid settlement funds"),
        program=Program(
            "Recovery Services",
            "Treatment and recovery support for adults with substance use disorders.",
            ("outpatient_iop_sud", "detox", "residential_sud", "recovery_residence"),
        ),
    ),
    Archetype(
        key="harm_reduction_hiv",
        weight=3,
        codes=(
            ("harm_reduction", 4),
            ("hiv_ryan_white", 3),
            ("peer_support", 1),
            ("buprenorphine_obot", 1),
        ),
        names=("{place} Harm Reduction Project", "{place} Positive Health Alliance"),
        descriptions=(
            "Community-based organization offering harm reduction supplies, HIV and "
            "hepatitis C services, and peer support without judgment.",
            "Founded in {year} during the HIV epidemic, we now serve people living with "
            "HIV and people who use drugs across {county}.",
        ),
        site_kinds=("Drop-In Center", "Office"),
        funding=("Ryan White HIV/AIDS Program", "State public health grants", "Private donations"),
    ),
    Archetype(
        key="food_network",
        weight=12,
        codes=(
            ("food_pantry", 6),
            ("hot_meals", 2),
            ("snap_enrollment_help", 2),
            ("senior_meals", 1),
        ),
        names=(
            "{place} Community Food Network",
            "{place} Food Share",
            "{place} Pantry Partners",
            "{place} Harvest Pantry",
        ),
        descriptions=(
            "Volunteer-powered food pantry network serving {place} households since {year}.",
            "Neighborhood hunger relief organization offering free groceries, community "
            "meals and help with SNAP applications.",
        ),
        site_kinds=("Pantry", "Food Hub", "Community Room"),
        funding=("USDA TEFAP commodities", "Regional food bank", "Private donations", "Faith community partners"),
        program=Program(
            "Neighborhood Food Access",
            "Free groceries and meals close to home.",
            ("food_pantry", "hot_meals"),
        ),
    ),
    Archetype(
        key="faith_meals",
        weight=6,
        codes=(("hot_meals", 5), ("food_pantry", 2), ("emergency_shelter_adult", 1)),
        names=(
            "{place} Community Table",
            "{place} Fellowship Kitchen",
            "{place} Interfaith Outreach",
        ),
        descriptions=(
            "Interfaith outreach ministry serving free meals and groceries to anyone "
            "who is hungry, no questions asked.",
            "Run by volunteers from a dozen local congregations since {year}, we serve "
            "hot meals and offer a warm place to rest.",
        ),
        site_kinds=("Fellowship Hall", "Kitchen", "Community Room"),
        funding=("Congregation donations", "Private donations"),
    ),
    Archetype(
        key="shelter_services",
        weight=6,
        codes=(
            ("emergency_shelter_adult", 4),
            ("family_shelter", 2),
            ("coordinated_entry", 2),
            ("permanent_supportive_housing", 2),
            ("rental_assistance", 1),
        ),
        names=(
            "{place} Shelter Alliance",
            "{place} Housing Collaborative",
            "{place} Open Door Shelter",
        ),
        descriptions=(
            "Homeless services nonprofit operating shelters and housing programs in {county}.",
            "Since {year} we have helped people move from the street to shelter to a home of their own.",
        ),
        site_kinds=("Shelter", "Housing Center", "Office"),
        funding=("HUD Continuum of Care", "Regional supportive housing services fund", "County general fund"),
        program=Program(
            "Shelter to Housing",
            "Emergency shelter linked to housing navigation and rapid rehousing.",
            ("emergency_shelter_adult", "coordinated_entry", "rental_assistance"),
        ),
    ),
    Archetype(
        key="family_housing",
        weight=3,
        codes=(
            ("family_shelter", 4),
            ("rental_assistance", 2),
            ("coordinated_entry", 1),
            ("child_care_subsidy", 1),
        ),
        names=("{place} Family Housing Partnership", "{place} Families First Housing"),
        descriptions=(
            "Helps families with children avoid or leave homelessness through shelter, rent help and case management.",
            "Family-focused housing nonprofit founded in {year}.",
        ),
        site_kinds=("Family Center", "Office"),
        funding=("HUD Emergency Solutions Grant", "Private donations"),
    ),
    Archetype(
        key="youth_services",
        weight=4,
        codes=(
            ("youth_dropin", 4),
            ("youth_shelter", 3),
            ("child_youth_mh", 1),
            ("employment", 1),
        ),
        names=("{place} Youth Collective", "{place} Youth Haven", "{place} Teen Services"),
        descriptions=(
            "Youth-serving nonprofit for young people ages 12 to 24, offering drop-in "
            "services, shelter, counseling and job programs.",
            "Since {year}, a place where young people facing homelessness, family "
            "conflict or isolation can find a safe adult and a way forward.",
        ),
        site_kinds=("Youth Center", "Drop-In", "Office"),
        funding=("Runaway and Homeless Youth grant", "Private donations", "County youth services contract"),
    ),
    Archetype(
        key="dv_services",
        weight=3,
        codes=(("dv_shelter_hotline", 5), ("legal_aid", 1), ("rental_assistance", 1)),
        names=("{place} Safe Harbor", "{place} Survivors' Alliance", "{place} Safe Passage"),
        descriptions=(
            "Domestic and sexual violence services: a 24-hour hotline, confidential "
            "shelter, advocacy and legal help for survivors and their children.",
            "Supporting survivors of domestic violence in {county} since {year}.",
        ),
        site_kinds=("Advocacy Center", "Office"),
        funding=("Victims of Crime Act (VOCA) grant", "Private donations"),
    ),
    Archetype(
        key="legal_services",
        weight=4,
        codes=(("legal_aid", 4), ("immigration_legal", 2), ("benefits_navigation", 1)),
        names=(
            "{place} Community Law Project",
            "{place} Tenant Law Clinic",
            "{place} Justice Center",
        ),
        descriptions=(
            "Nonprofit law office providing free civil legal help to low-income residents of {county}.",
            "Attorneys, paralegals and volunteers working since {year} so that people "
            "can protect their homes, income and families.",
        ),
        site_kinds=("Law Office", "Office"),
        funding=("Legal Services Corporation", "State bar foundation", "Private donations"),
    ),
    Archetype(
        key="immigrant_refugee",
        weight=3,
        codes=(
            ("immigration_legal", 3),
            ("employment", 1),
            ("benefits_navigation", 1),
            ("health_insurance_navigator", 1),
            ("snap_enrollment_help", 1),
        ),
        names=("{place} Immigrant Welcome Center", "{place} New Neighbors Alliance"),
        descriptions=(
            "Immigrant- and refugee-led organization helping newcomers with legal "
            "services, jobs, benefits and health coverage.",
            "Founded in {year} by refugee families, we help immigrants build a stable life in {county}.",
        ),
        site_kinds=("Welcome Center", "Office"),
        funding=("Office of Refugee Resettlement", "Private donations"),
    ),
    Archetype(
        key="community_action",
        weight=4,
        codes=(
            ("utility_assistance", 4),
            ("rental_assistance", 2),
            ("head_start", 1),
            ("snap_enrollment_help", 1),
            ("benefits_navigation", 1),
            ("child_care_subsidy", 1),
        ),
        names=("{place} Community Action Council", "{place} Opportunity Partners"),
        descriptions=(
            "Community action agency fighting poverty in {county} since {year} with "
            "energy assistance, rent help and early learning.",
            "Helps low-income households meet basic needs and build stability.",
        ),
        site_kinds=("Service Center", "Office"),
        funding=("Community Services Block Grant", "LIHEAP", "Head Start"),
        program=Program(
            "Energy and Housing Stability",
            "Utility and rent help for low-income households.",
            ("utility_assistance", "rental_assistance"),
        ),
    ),
    Archetype(
        key="workforce",
        weight=3,
        codes=(("employment", 4), ("vocational_rehab", 2), ("benefits_navigation", 1)),
        names=("{place} Career Hub", "{place} Job Connection", "{place} Workforce Alliance"),
        descriptions=(
            "Workforce nonprofit connecting job seekers with training and employers across {county}.",
            "Since {year}, helping people find jobs that pay a living wage.",
        ),
        site_kinds=("Career Center", "Office"),
        funding=("WIOA workforce funds", "Employer partners"),
    ),
    Archetype(
        key="transportation",
        weight=2,
        codes=(("transportation_nemt", 3), ("paratransit", 3)),
        names=("{place} Medical Rides", "{place} Access Transit", "{place} Mobility Partners"),
        descriptions=(
            "Transportation provider offering medical rides and door-to-door service "
            "for older adults and people with disabilities.",
            "Getting people to appointments, jobs and groceries in {county} since {year}.",
        ),
        site_kinds=("Dispatch Center", "Office"),
        funding=("Medicaid transportation contract", "Federal Transit Administration"),
        public=True,
    ),
    Archetype(
        key="aging",
        weight=4,
        codes=(
            ("aging_services", 4),
            ("senior_meals", 4),
            ("paratransit", 1),
            ("benefits_navigation", 1),
            ("health_insurance_navigator", 1),
        ),
        names=("{place} Senior Services", "{place} Elder Alliance", "{place} Aging Services"),
        descriptions=(
            "Helps older adults, people with disabilities and family caregivers stay healthy and independent.",
            "Senior center and aging services provider for {county} since {year}.",
        ),
        site_kinds=("Senior Center", "Office"),
        funding=("Older Americans Act", "County aging services", "Private donations"),
        program=Program(
            "Older Adult Nutrition",
            "Group and home-delivered meals for older adults.",
            ("senior_meals",),
        ),
    ),
    Archetype(
        key="veterans",
        weight=2,
        codes=(
            ("veterans_services", 4),
            ("employment", 1),
            ("rental_assistance", 1),
            ("peer_support", 1),
        ),
        names=("{place} Veterans Resource Center", "{place} Veterans Alliance"),
        descriptions=(
            "Veteran-run nonprofit helping veterans and their families with benefits, housing and jobs.",
            "Serving those who served, in {county} since {year}.",
        ),
        site_kinds=("Veterans Center", "Office"),
        funding=("VA Supportive Services for Veteran Families grant", "Private donations"),
    ),
    Archetype(
        key="housing_agency",
        weight=1,
        codes=(
            ("housing_authority", 4),
            ("permanent_supportive_housing", 2),
            ("rental_assistance", 1),
        ),
        names=("{place} Housing Agency", "{place} Affordable Homes Authority"),
        descriptions=(
            "Public housing agency administering Housing Choice Vouchers and affordable apartments.",
            "Providing affordable housing to low-income residents since {year}.",
        ),
        site_kinds=("Housing Office", "Office"),
        funding=("U.S. Department of Housing and Urban Development",),
        public=True,
    ),
    Archetype(
        key="public_health",
        weight=2,
        codes=(
            ("wic", 3),
            ("family_planning", 2),
            ("hiv_ryan_white", 1),
            ("health_insurance_navigator", 1),
            ("crisis_line", 1),
        ),
        names=("{place} Public Health District", "{place} Community Health Services"),
        descriptions=(
            "Public health agency offering WIC, family planning, HIV services and health coverage help.",
            "Protecting the health of {county} residents since {year}.",
        ),
        site_kinds=("Public Health Clinic", "Office"),
        funding=("State public health grants", "Title X family planning grant", "USDA WIC"),
        public=True,
    ),
    Archetype(
        key="crisis_services",
        weight=2,
        codes=(("crisis_line", 3), ("mobile_crisis", 2), ("crisis_stabilization", 2)),
        names=("{place} Crisis Response Network", "{place} Crisis Support Services"),
        descriptions=(
            "Crisis services provider answering crisis calls and texts around the clock "
            "and sending mobile teams when someone needs help in person.",
            "Providing crisis support in {county} since {year}.",
        ),
        site_kinds=("Crisis Center", "Office"),
        funding=("988 state trust fund", "County behavioral health contract"),
    ),
    Archetype(
        key="free_clinic",
        weight=3,
        codes=(("free_clinic", 4), ("dental_clinic", 1), ("health_insurance_navigator", 1)),
        names=("{place} Free Clinic", "{place} Volunteer Clinic", "{place} Open Door Clinic"),
        descriptions=(
            "Volunteer-run free clinic caring for people without health insurance.",
            "Since {year}, volunteer clinicians have offered free care to uninsured neighbors in {county}.",
        ),
        site_kinds=("Clinic", "Free Clinic"),
        funding=("Private donations", "Foundation grants"),
    ),
    Archetype(
        key="early_learning",
        weight=3,
        codes=(("head_start", 4), ("child_care_subsidy", 2), ("wic", 1)),
        names=("{place} Early Learning Center", "{place} Kids Start"),
        descriptions=(
            "Early learning nonprofit offering Head Start preschool and help finding and paying for child care.",
            "Getting young children ready for kindergarten in {county} since {year}.",
        ),
        site_kinds=("Early Learning Center", "Classroom", "Office"),
        funding=("Office of Head Start", "State early learning funds"),
    ),
    Archetype(
        key="peer_recovery",
        weight=3,
        codes=(("peer_support", 4), ("recovery_residence", 2), ("employment", 1)),
        names=("{place} Clubhouse", "{place} Peer Recovery Center"),
        descriptions=(
            "Peer-run recovery community where people with lived experience of mental "
            "illness and addiction support each other.",
            "Member-driven recovery center founded in {year}.",
        ),
        site_kinds=("Clubhouse", "Recovery Center"),
        funding=("County behavioral health contract", "Private donations"),
    ),
)

# Place words used in organization names, so names sound local without naming real
# agencies. Portland ZIP codes map to neighborhood names; other cities use their name.
PORTLAND_NEIGHBORHOODS: Final[dict[str, tuple[str, ...]]] = {
    "97202": ("Sellwood", "Brooklyn", "Woodstock"),
    "97203": ("St. Johns", "Cathedral Park"),
    "97206": ("Foster-Powell", "Brentwood-Darlington"),
    "97211": ("Concordia", "Woodlawn"),
    "97212": ("Irvington", "Alameda"),
    "97213": ("Rose City Park", "Roseway"),
    "97214": ("Buckman", "Hosford-Abernethy"),
    "97215": ("Mt. Tabor",),
    "97216": ("Montavilla", "Mill Park"),
    "97217": ("Kenton", "Arbor Lodge"),
    "97218": ("Cully",),
    "97220": ("Parkrose", "Gateway"),
    "97230": ("Wilkes", "Russell"),
    "97233": ("Hazelwood", "Rockwood"),
    "97236": ("Powellhurst-Gilbert", "Pleasant Valley"),
    "97266": ("Lents", "Foster"),
    "97227": ("Eliot", "Boise"),
    "97232": ("Sullivan's Gulch", "Lloyd"),
    "97209": ("Old Town", "Pearl District"),
    "97219": ("Multnomah Village", "Hillsdale"),
}
REGION_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "Multnomah": ("Eastside", "Rose City", "Willamette", "Burnside", "Columbia Slough"),
    "Washington": ("Westside", "Tualatin Valley", "Fanno Creek", "Rock Creek"),
    "Clackamas": ("Clackamas River", "Willamette Falls", "Sunnyside", "Mt. Hood Foothills"),
    "Clark": ("Fourth Plain", "Salmon Creek", "Lewis River", "Hazel Dell"),
}
GENERIC_WORDS: Final = (
    "Bridgeway",
    "Cornerstone",
    "Wayfinder",
    "Evergreen",
    "Northstar",
    "Riverbend",
    "Common Ground",
    "Hearthstone",
    "Open Gate",
    "Larkspur",
    "Madrona",
    "Cedar Grove",
)

# --------------------------------------------------------------------------------------
# Streets, transit, people and other local colour
# --------------------------------------------------------------------------------------

PORTLAND_QUADRANTS: Final[dict[str, str]] = {
    **dict.fromkeys(("97201", "97204", "97205", "97219", "97221", "97239"), "SW"),
    **dict.fromkeys(("97223", "97224", "97225"), "SW"),
    **dict.fromkeys(("97209", "97210", "97229", "97231"), "NW"),
    **dict.fromkeys(("97203", "97217", "97227"), "N"),
    **dict.fromkeys(("97211", "97212", "97213", "97218", "97220", "97230", "97232"), "NE"),
}
QUADRANT_STREETS: Final[dict[str, tuple[str, ...]]] = {
    "SE": (
        "SE Division St",
        "SE Powell Blvd",
        "SE Foster Rd",
        "SE Hawthorne Blvd",
        "SE Belmont St",
        "SE Stark St",
        "SE 82nd Ave",
        "SE 122nd Ave",
        "SE Holgate Blvd",
        "SE Woodstock Blvd",
        "SE Milwaukie Ave",
        "SE 92nd Ave",
        "SE Harold St",
        "E Burnside St",
    ),
    "NE": (
        "NE Martin Luther King Jr Blvd",
        "NE Alberta St",
        "NE Killingsworth St",
        "NE Sandy Blvd",
        "NE Broadway",
        "NE Glisan St",
        "NE Halsey St",
        "NE 42nd Ave",
        "NE Prescott St",
        "NE Fremont St",
        "NE 122nd Ave",
        "NE Cully Blvd",
        "E Burnside St",
    ),
    "N": (
        "N Lombard St",
        "N Interstate Ave",
        "N Williams Ave",
        "N Vancouver Ave",
        "N Denver Ave",
        "N Killingsworth St",
        "N Mississippi Ave",
        "N Willamette Blvd",
    ),
    "NW": (
        "NW 23rd Ave",
        "NW Glisan St",
        "NW Everett St",
        "NW Broadway",
        "NW Flanders St",
        "NW Thurman St",
        "NW Cornell Rd",
    ),
    "SW": (
        "SW Barbur Blvd",
        "SW Capitol Hwy",
        "SW Broadway",
        "SW 4th Ave",
        "SW Jefferson St",
        "SW Beaverton-Hillsdale Hwy",
        "SW Multnomah Blvd",
        "SW Taylors Ferry Rd",
    ),
}
CITY_STREETS: Final[dict[str, tuple[str, ...]]] = {
    "Gresham": (
        "NE Burnside Rd",
        "SE Stark St",
        "W Powell Blvd",
        "NE Hogan Dr",
        "SE 182nd Ave",
        "NW Eastman Pkwy",
        "NE Division St",
    ),
    "Beaverton": (
        "SW Canyon Rd",
        "SW Farmington Rd",
        "SW Allen Blvd",
        "SW Hall Blvd",
        "SW Murray Blvd",
        "NW Walker Rd",
        "SW Cedar Hills Blvd",
    ),
    "Hillsboro": ("SE Tualatin Valley Hwy", "NE Cornell Rd", "SE Baseline St", "NE 25th Ave", "E Main St", "SE Oak St"),
    "Vancouver": (
        "E Fourth Plain Blvd",
        "NE Andresen Rd",
        "E Mill Plain Blvd",
        "Main St",
        "NE Hazel Dell Ave",
        "NE 112th Ave",
        "NE 78th St",
        "Broadway",
    ),
    "Oregon City": ("Molalla Ave", "Main St", "Beavercreek Rd", "7th St", "Washington St"),
    "Milwaukie": ("SE McLoughlin Blvd", "SE King Rd", "SE Johnson Creek Blvd", "SE Harrison St"),
    "Clackamas": ("SE 82nd Ave", "SE Sunnyside Rd", "SE Sunnybrook Blvd"),
    "Tigard": ("SW Pacific Hwy", "SW Hall Blvd", "SW Greenburg Rd", "SW Main St"),
    "Lake Oswego": ("Boones Ferry Rd", "A Ave", "Kruse Way"),
    "Tualatin": ("SW Boones Ferry Rd", "SW Nyberg St", "SW Tualatin-Sherwood Rd"),
    "Forest Grove": ("Pacific Ave", "19th Ave", "Main St"),
    "Camas": ("NE 3rd Ave", "NE Everett St", "NW 6th Ave"),
    "Battle Ground": ("Main St", "SW 1st St", "NE 10th Ave"),
}
GENERIC_STREETS: Final = (
    "Main St",
    "1st Ave",
    "2nd St",
    "3rd St",
    "Oak St",
    "Pine St",
    "Maple Ave",
    "Washington St",
    "Railroad Ave",
    "Church St",
    "Center St",
    "Park Ave",
    "Mill St",
    "Broadway",
)
STREET_SUFFIXES: Final = {
    "St": "Street",
    "Ave": "Avenue",
    "Blvd": "Boulevard",
    "Rd": "Road",
    "Hwy": "Highway",
    "Dr": "Drive",
    "Pkwy": "Parkway",
}
TRIMET_LINES: Final = (4, 6, 8, 9, 10, 12, 14, 15, 17, 19, 20, 33, 35, 44, 54, 57, 72, 75, 77)
MAX_LINES: Final = ("Blue", "Green", "Orange", "Red", "Yellow")
CTRAN_ROUTES: Final = (4, 6, 7, 25, 30, 32, 37, 71, 80)
ACCESSIBILITY: Final = (
    ("Wheelchair accessible entrance", "Ramp at the main entrance; automatic doors."),
    ("Accessible restrooms", None),
    ("Elevator to all floors", None),
    ("Accessible parking", "Two accessible spaces next to the entrance."),
    ("ASL interpretation by request", "Please ask two business days ahead."),
    ("Hearing loop in the lobby", None),
    ("Service animals welcome", None),
)
LOCATION_NOTES: Final = (
    "Enter on the side of the building facing the parking lot.",
    "Second floor; the elevator is to the left of the main doors.",
    "Look for the blue awning next to the pharmacy.",
    "Check in at the front desk in the main lobby.",
    "Shares a building with the public library branch.",
    "Ground floor of the apartment building; ring the buzzer for suite 100.",
)
FIRST_NAMES: Final = (
    "Maria", "James", "Linh", "Aisha", "David", "Olena", "Jamal", "Sofia", "Hector",
    "Grace", "Dmitri", "Fatima", "Kevin", "Mei", "Carlos", "Hannah", "Abdi", "Rosa",
    "Tyler", "Nadia", "Samuel", "Yesenia", "Daniel", "Kateryna", "Marcus", "Ana",
    "Jin", "Leila", "Robert", "Priya",
)  # fmt: skip
LAST_NAMES: Final = (
    "Nguyen", "Garcia", "Johnson", "Okafor", "Petrov", "Kim", "Hernandez", "Tran",
    "Ali", "Martinez", "Williams", "Kowalski", "Lopez", "Chen", "Hassan", "Brown",
    "Rodriguez", "Bondarenko", "Ahmed", "Lee", "Walker", "Morales", "Popescu", "Park",
    "Jackson", "Nakamura", "Diallo", "Reyes", "Thompson", "Ivanova",
)  # fmt: skip
CONTACT_TITLES: Final = (
    "Program Manager",
    "Intake Coordinator",
    "Program Director",
    "Volunteer Coordinator",
    "Outreach Coordinator",
    "Clinical Supervisor",
)
LANGUAGES: Final = {
    "en": "English",
    "es": "Spanish",
    "ru": "Russian",
    "vi": "Vietnamese",
    "zh": "Chinese",
    "uk": "Ukrainian",
    "so": "Somali",
    "ar": "Arabic",
    "ro": "Romanian",
    "ko": "Korean",
    "fr": "French",
    "am": "Amharic",
}
OTHER_LANGUAGES: Final = (
    ("vi", 8), ("ru", 8), ("zh", 6), ("uk", 5), ("so", 4), ("ar", 4), ("ro", 3),
    ("ko", 3), ("fr", 2), ("am", 2),
)  # fmt: skip
INTERPRETATION: Final = (
    "Free phone interpretation in more than 200 languages.",
    "Spanish-speaking staff at every visit; phone interpreters for other languages.",
    "In-person interpreters with 48 hours' notice; phone interpretation any time.",
    "ASL interpreters by appointment; phone interpretation for spoken languages.",
)
LOCAL_SENTENCES: Final = (
    "Most people who come here live in {city} or nearby parts of {county}.",
    "Staff at the {city} site know the neighborhood and can connect you with other help close by.",
    "It is one of several programs the agency runs across {county}.",
    "If getting to {city} is hard, call first and staff will help you find the closest option.",
    "Volunteers from around {city} help keep the program running.",
)

LANGUAGE_SENTENCES: Final = (
    "Staff also speak {languages}.",
    "Services are also offered in {languages}.",
    "Bilingual staff speak {languages}.",
)
VOICE_NOTES: Final = ("Main line", "Intake and appointments", "Front desk", "Information")
ASSURERS: Final = (
    "resource.team@example.org",
    "a.okafor@example.org",
    "j.tran@example.org",
    "m.hernandez@example.org",
    "s.kowalski@example.org",
)
ALERTS: Final = (
    "Closed Thanksgiving Day (November 26) and the day after.",
    "Closed December 24 and 25; regular hours resume December 26.",
    "Snow and ice closures are posted on our website by 7am.",
    "Phone lines are busiest Monday mornings; call after noon for shorter waits.",
    "Our intake line moved this fall; please use the number listed here.",
)
CLOSED_ALERTS: Final = (
    "Temporarily closed for building repairs; reopening January 5, 2027.",
    "Temporarily closed because of staffing shortages. Call for updates.",
    "Temporarily closed after a water leak; please visit our other site.",
    "Paused until funding is renewed; call to join the interest list.",
)
INACTIVE_ALERTS: Final = (
    "This program ended on June 30, 2026.",
    "This program has closed; call the main line for referrals.",
)


# --------------------------------------------------------------------------------------
# Region: ZIP codes from the `zipcodes` package
# --------------------------------------------------------------------------------------

METRO_COUNTIES: Final[dict[str, tuple[str, ...]]] = {
    "OR": ("Multnomah", "Washington", "Clackamas"),
    "WA": ("Clark",),
}
BIG_CITIES: Final = frozenset(
    {
        "Portland", "Vancouver", "Gresham", "Beaverton", "Hillsboro", "Salem",
        "Eugene", "Seattle", "Spokane", "Tacoma", "Bellevue", "Everett", "Bend",
        "Medford", "Yakima", "Kent", "Olympia", "Corvallis", "Tigard",
    }
)  # fmt: skip
DEFAULT_AREA_CODES: Final = {"OR": "541", "WA": "509"}
# Original (non-overlay) area codes; the zipcodes data lists overlays such as 458 first.
PRIMARY_AREA_CODES: Final = frozenset({"503", "541", "206", "253", "360", "425", "509"})


@dataclass
class Region:
    wide: bool
    zips: list[Zip]
    by_county: dict[tuple[str, str], list[Zip]]
    cum_weights: list[float]
    _places: dict[str, Place] = field(default_factory=dict)

    def pick(self, rng: random.Random) -> Zip:
        return rng.choices(self.zips, cum_weights=self.cum_weights)[0]

    def pick_near(self, rng: random.Random, near: Zip) -> Zip:
        if rng.random() < 0.7:
            return rng.choice(self.by_county[(near.state, near.county)])
        return self.pick(rng)

    def place(self, where: Zip) -> Place:
        cached = self._places.get(where.code)
        if cached is None:
            same = self.by_county[(where.state, where.county)]
            nearest = sorted(same, key=lambda z: (distance_km(where, z), z.code))[:4]
            counties: tuple[str, ...] = (where.county,)
            if not self.wide:
                counties = METRO_COUNTIES[where.state]
            cached = Place(where, counties, tuple(sorted(z.code for z in nearest)))
            self._places[where.code] = cached
        return cached

    def area_code(self, rng: random.Random, where: Zip) -> str:
        if not self.wide:
            return "360" if where.state == "WA" else rng.choice(("503", "503", "971"))
        primary = [code for code in where.area_codes if code in PRIMARY_AREA_CODES]
        return primary[0] if primary else DEFAULT_AREA_CODES[where.state]


def distance_km(a: Zip, b: Zip) -> float:
    dx = (a.lon - b.lon) * 111.32 * math.cos(math.radians((a.lat + b.lat) / 2))
    dy = (a.lat - b.lat) * 110.57
    return math.hypot(dx, dy)


def load_region(wide: bool) -> Region:
    """Real ZIP codes: the four metro counties, or all of Oregon and Washington."""
    import importlib

    zipcodes = importlib.import_module("zipcodes")  # lazy: loading takes ~0.3 s
    zips: list[Zip] = []
    for state in ("OR", "WA"):
        for row in zipcodes.filter_by(state=state):
            if row["zip_code_type"] != "STANDARD" or not row["active"]:
                continue
            county = str(row["county"]).removesuffix(" County")
            if not county or not row["lat"]:
                continue
            if not wide and county not in METRO_COUNTIES[state]:
                continue
            zips.append(
                Zip(
                    code=str(row["zip_code"]),
                    city=str(row["city"]),
                    county=county,
                    state=state,
                    lat=float(row["lat"]),
                    lon=float(row["long"]),
                    area_codes=tuple(str(a) for a in row.get("area_codes") or ()),
                )
            )
    zips.sort(key=lambda z: z.code)
    by_county: dict[tuple[str, str], list[Zip]] = {}
    for z in zips:
        by_county.setdefault((z.state, z.county), []).append(z)
    total = 0.0
    cum_weights = []
    for z in zips:
        total += 3.0 if z.city in BIG_CITIES else 1.0
        cum_weights.append(total)
    return Region(wide, zips, by_county, cum_weights)


# --------------------------------------------------------------------------------------
# Taxonomy
# --------------------------------------------------------------------------------------

TAXONOMY_ID: Final = make_id("taxonomy", "portland-metro")


def term_id(code: str) -> str:
    return make_id("taxonomy_term", code)


def build_taxonomy() -> tuple[list[JSON], list[JSON]]:
    taxonomy: JSON = {
        "id": TAXONOMY_ID,
        "name": TAXONOMY_NAME,
        "description": "The seeded county's own service taxonomy: 12 categories and the "
        "49 service types of the directory catalogue.",
        "version": "2026.1",
    }
    terms: list[JSON] = []
    for code, name, description in CATEGORIES:
        terms.append(
            {
                "id": term_id(code),
                "code": code,
                "name": name,
                "description": description,
                "taxonomy": TAXONOMY_NAME,
                "taxonomy_id": TAXONOMY_ID,
                "language": "en",
            }
        )
    for st in SERVICE_TYPES:
        terms.append(
            {
                "id": term_id(st.code),
                "code": st.code,
                "name": st.term,
                "description": st.term_description,
                "parent_id": term_id(st.category),
                "taxonomy": TAXONOMY_NAME,
                "taxonomy_id": TAXONOMY_ID,
                "language": "en",
            }
        )
    return [taxonomy], terms


# --------------------------------------------------------------------------------------
# Planning: which organizations offer which services
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgPlan:
    archetype: Archetype
    codes: tuple[str, ...]


ORG_SIZES: Final = ((1, 30), (2, 30), (3, 25), (4, 15))  # services per organization


def plan_organizations(rng: random.Random, n_services: int) -> list[OrgPlan]:
    """Group ``n_services`` service codes into organizations.

    A coverage pass first gives every catalogue code at least 3 services (when
    ``n_services`` allows), then organizations are drawn by archetype weight.
    """
    counts: Counter[str] = Counter()
    plans: list[OrgPlan] = []
    remaining = n_services
    arch_weights = [a.weight for a in ARCHETYPES]
    minimum = min(3, n_services // len(CATALOGUE_CODES))

    def add(archetype: Archetype, first: str | None) -> None:
        nonlocal remaining
        available = len(archetype.codes)
        sizes = [size for size, _ in ORG_SIZES if size <= available]
        weights = [weight for size, weight in ORG_SIZES if size <= available]
        size = min(rng.choices(sizes, weights)[0], remaining)
        pool = [(code, weight) for code, weight in archetype.codes if code != first]
        chosen = [first] if first else []
        while len(chosen) < size:
            pick = rng.choices(range(len(pool)), [w for _, w in pool])[0]
            chosen.append(pool.pop(pick)[0])
        counts.update(chosen)
        remaining -= len(chosen)
        plans.append(OrgPlan(archetype, tuple(chosen)))

    for code in CATALOGUE_CODES:
        offering = [a for a in ARCHETYPES if any(c == code for c, _ in a.codes)]
        while counts[code] < minimum and remaining > 0:
            add(rng.choices(offering, [a.weight for a in offering])[0], code)
    while remaining > 0:
        add(rng.choices(ARCHETYPES, arch_weights)[0], None)
    rng.shuffle(plans)
    return plans


# --------------------------------------------------------------------------------------
# Building records
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """A location of an organization, as services refer to it."""

    id: str
    name: str
    zip: Zip


@dataclass
class OrgContext:
    """What a service needs to know about the organization that runs it."""

    id: str
    slug: str
    home: Zip
    languages: tuple[str, ...]
    programs: dict[str, str]  # code -> program id


def random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def timestamp(day: date, rng: random.Random) -> str:
    moment = datetime(
        day.year, day.month, day.day, rng.randrange(15, 24), rng.choice((0, 5, 12, 20, 30, 41, 47)), tzinfo=UTC
    )
    return moment.isoformat()


def expand_street(street: str) -> str:
    words = street.split()
    if words[0] in {"N", "NE", "NW", "S", "SE", "SW", "E", "W"} and len(words) > 2:
        words = words[1:]
    words[-1] = STREET_SUFFIXES.get(words[-1], words[-1])
    return " ".join(words)


def acronym(name: str) -> str:
    letters = [w[0] for w in re.findall(r"[A-Za-z][A-Za-z'.-]*", name) if w[0].isupper()]
    return "".join(letters)


class Builder:
    """Turns organization plans into HSDS records, drawing from one seeded stream."""

    def __init__(self, rng: random.Random, region: Region) -> None:
        self.rng = rng
        self.region = region
        self.org_names: set[str] = set()
        self.next_service = 0
        self.lifeline_states: set[str] = set()  # states that already have a 988 center
        self.descriptions: set[str] = set()  # agencies rarely publish word-for-word the same text

    # ---------------------------------------------------------------- helpers
    def phone_number(self, where: Zip) -> str:
        return f"{self.region.area_code(self.rng, where)}-555-01{self.rng.randrange(100):02d}"

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def street(self, where: Zip) -> str:
        if where.city == "Portland" and not self.region.wide:
            quadrant = PORTLAND_QUADRANTS.get(where.code, "SE")
            return self.rng.choice(QUADRANT_STREETS[quadrant])
        return self.rng.choice(CITY_STREETS.get(where.city, GENERIC_STREETS))

    def place_word(self, where: Zip) -> str:
        roll = self.rng.random()
        if roll < 0.4 and where.code in PORTLAND_NEIGHBORHOODS:
            return self.rng.choice(PORTLAND_NEIGHBORHOODS[where.code])
        if roll < 0.4 and where.city != "Portland":
            return where.city
        if roll < 0.8:
            return self.rng.choice(REGION_WORDS.get(where.county, (where.county,)))
        return self.rng.choice(GENERIC_WORDS)

    def transportation(self, where: Zip) -> str | None:
        rng = self.rng
        if self.region.wide:
            return rng.choice(("Free parking on site.", "Local bus service stops within two blocks.", None))
        if where.state == "WA":
            route = rng.choice(CTRAN_ROUTES)
            return rng.choice(
                (
                    f"C-TRAN route {route} stops one block away.",
                    f"C-TRAN route {route} stops out front; free parking in back.",
                )
            )
        a, b = sorted(rng.sample(TRIMET_LINES, 2))
        return rng.choice(
            (
                f"TriMet lines {a} and {b} stop at the corner.",
                f"TriMet line {a} stops across the street; free parking behind the building.",
                f"A 5-minute walk from the MAX {rng.choice(MAX_LINES)} Line.",
                None,
            )
        )

    def org_name(self, archetype: Archetype, home: Zip) -> tuple[str, str]:
        """A unique organization name and the place word it was built from."""
        for _ in range(12):
            pattern = self.rng.choice(archetype.names)
            place = self.place_word(home)
            name = pattern.format(place=place)
            if name not in self.org_names:
                break
        else:
            place = home.city
            name = f"{pattern.format(place=place)} of {home.county} County"
            suffix = 2
            while name in self.org_names:
                name = f"{pattern.format(place=place)} {suffix}"
                suffix += 1
        self.org_names.add(name)
        return name, place

    def org_languages(self) -> list[str]:
        rng = self.rng
        languages = ["en"]
        if rng.random() < 0.55:
            languages.append("es")
        others = [code for code, _ in OTHER_LANGUAGES]
        weights = [weight for _, weight in OTHER_LANGUAGES]
        extra = rng.choices((0, 1, 2), (60, 30, 10))[0]
        while extra:
            code = rng.choices(others, weights)[0]
            if code not in languages:
                languages.append(code)
                extra -= 1
        return languages

    # ---------------------------------------------------------------- organizations
    def organization(self, index: int, plan: OrgPlan) -> tuple[JSON, list[JSON]]:
        rng = self.rng
        archetype = plan.archetype
        org_id = make_id("organization", index)
        home = self.region.pick(rng)
        name, place = self.org_name(archetype, home)
        slug = slugify(name)
        year = rng.randint(1948, 2021)
        languages = self.org_languages()
        slots = {
            "place": place,
            "county": f"{home.county} County",
            "year": str(year),
            "city": home.city,
        }
        org: JSON = {
            "id": org_id,
            "name": name,
            "description": rng.choice(archetype.descriptions).format(**slots),
            "email": f"info@{slug}.example.org",
            "website": f"https://example.org/{slug}",
            "phones": [
                {
                    "id": make_id("organization", index, "phone", 0),
                    "organization_id": org_id,
                    "number": self.phone_number(home),
                    "type": "voice",
                    "description": "Main office",
                }
            ],
        }
        short = acronym(name)
        if len(short) >= 3 and rng.random() < 0.3:
            org["alternate_name"] = short
        if rng.random() < 0.7:
            org["tax_status"] = "Government agency" if archetype.public else "501(c)(3)"
        if rng.random() < 0.6:
            org["year_incorporated"] = year
        if rng.random() < 0.5:
            count = min(len(archetype.funding), rng.randint(1, 2))
            org["funding"] = [
                {
                    "id": make_id("organization", index, "funding", k),
                    "organization_id": org_id,
                    "source": source,
                }
                for k, source in enumerate(rng.sample(archetype.funding, count))
            ]
        if rng.random() < 0.3:
            person = self.person()
            org["contacts"] = [
                {
                    "id": make_id("organization", index, "contact", 0),
                    "organization_id": org_id,
                    "name": person,
                    "title": "Executive Director",
                    "email": f"{slugify(person).replace('-', '.')}@{slug}.example.org",
                }
            ]
        programs: dict[str, str] = {}
        program = archetype.program
        if program and rng.random() < 0.5 and set(program.codes) & set(plan.codes):
            program_id = make_id("organization", index, "program", 0)
            org["programs"] = [
                {
                    "id": program_id,
                    "organization_id": org_id,
                    "name": program.name,
                    "description": program.description,
                }
            ]
            programs = dict.fromkeys(program.codes, program_id)

        on_site = [code for code in plan.codes if self.access(TYPES[code].access)]
        n_sites = 1
        if len(on_site) >= 2:
            options = list(range(1, min(4, len(on_site)) + 1))
            n_sites = rng.choices(options, (1, 3, 4, 2)[: len(options)])[0]
        sites: list[Site] = []
        org["locations"] = []
        for k in range(n_sites):
            location, site = self.location(index, k, org_id, archetype, home, languages)
            org["locations"].append(location)
            sites.append(site)
        ctx = OrgContext(org_id, slug, home, tuple(languages), programs)
        # every location gets at least one on-site service; a few services use two
        rng.shuffle(on_site)
        assigned: dict[str, list[Site]] = {}
        for k, code in enumerate(on_site):
            first = sites[k] if k < len(sites) else rng.choice(sites)
            assigned[code] = [first]
            if len(sites) > 1 and rng.random() < 0.1:
                assigned[code].append(rng.choice([s for s in sites if s is not first]))
        services = [self.service(ctx, code, assigned.get(code, [])) for code in plan.codes]
        return org, services

    def access(self, mode: Access) -> bool:
        if mode == "either":
            return self.rng.random() < 0.5
        return mode == "site"

    def location(
        self,
        org_index: int,
        k: int,
        org_id: str,
        archetype: Archetype,
        home: Zip,
        languages: Sequence[str],
    ) -> tuple[JSON, Site]:
        rng = self.rng
        where = home if k == 0 else self.region.pick_near(rng, home)
        loc_id = make_id("organization", org_index, "location", k)
        street = self.street(where)
        kind = rng.choice(archetype.site_kinds)
        local = PORTLAND_NEIGHBORHOODS.get(where.code, (where.city,))[0]
        label = expand_street(street) if rng.random() < 0.5 else local
        jitter_lat = rng.uniform(-0.009, 0.009)
        jitter_lon = rng.uniform(-0.011, 0.011)
        address: JSON = {
            "id": make_id("organization", org_index, "location", k, "address"),
            "location_id": loc_id,
            "address_1": f"{rng.randint(100, 12999 if street[0] in 'NSEW' else 2999)} {street}",
            "city": where.city,
            "region": f"{where.county} County",
            "state_province": where.state,
            "postal_code": where.code,
            "country": "US",
            "address_type": "physical",
        }
        if rng.random() < 0.2:
            address["address_2"] = f"Suite {rng.choice((100, 110, 200, 210, 300, 400))}"
        location: JSON = {
            "id": loc_id,
            "organization_id": org_id,
            "location_type": "physical",
            "name": f"{label} {kind}" + (f" {k + 1}" if k and label == local else ""),
            "latitude": round(where.lat + jitter_lat, 6),
            "longitude": round(where.lon + jitter_lon, 6),
            "addresses": [address],
        }
        accessibility = rng.sample(ACCESSIBILITY, rng.randint(1, 3))
        location["accessibility"] = [
            {
                "id": make_id("organization", org_index, "location", k, "accessibility", j),
                "location_id": loc_id,
                "description": text,
            }
            | ({"details": details} if details else {})
            for j, (text, details) in enumerate(accessibility)
        ]
        transportation = self.transportation(where)
        if transportation:
            location["transportation"] = transportation
        if rng.random() < 0.4:
            location["description"] = rng.choice(LOCATION_NOTES)
        if rng.random() < 0.5:
            location["languages"] = [
                {
                    "id": make_id("organization", org_index, "location", k, "language", code),
                    "location_id": loc_id,
                    "name": LANGUAGES[code],
                    "code": code,
                }
                for code in languages
            ]
        if rng.random() < 0.3:
            location["phones"] = [
                {
                    "id": make_id("organization", org_index, "location", k, "phone", 0),
                    "location_id": loc_id,
                    "number": self.phone_number(where),
                    "type": "voice",
                    "description": "Front desk",
                }
            ]
        if rng.random() < 0.5:
            hours = hours_business(rng)
            location["schedules"] = [
                schedule_record(
                    make_id("organization", org_index, "location", k, "schedule", j), "location_id", loc_id, row
                )
                for j, row in enumerate(hours.rows)
            ]
        return location, Site(loc_id, location["name"], where)

    # ---------------------------------------------------------------- services
    def service(self, org: OrgContext, code: str, sites: list[Site]) -> JSON:
        rng = self.rng
        st = TYPES[code]
        index = self.next_service
        self.next_service += 1
        sid = make_id("service", index)

        def child_id(kind: str, k: object) -> str:
            return make_id("service", index, kind, k)

        where = sites[0].zip if sites else org.home
        variant = self.variant(st, where)
        hours = HOURS[variant.hours or rng.choice(st.hours)](rng)
        place = self.region.place(where)
        slots = place.slots()
        elig_variant = rng.choice(variant.elig or st.elig)
        eligibility = render_eligibility(elig_variant, place, st.open_text)
        pay = rng.choice(st.pay)

        capacity: JSON | None = None
        if st.capacity and rng.random() < st.capacity.share:
            capacity = self.capacity(child_id("capacity", 0), sid, st.capacity)
        text_slots = {
            **slots,
            "when": hours.phrase,
            "capacity": str(capacity["maximum"]) if capacity else "several",
        }
        pools = (variant.lead, *st.text[1:]) if variant.lead else st.text
        sentences = [rng.choice(pool) for pool in pools]
        languages = ["en"] + [c for c in org.languages[1:] if rng.random() < 0.75]
        if len(languages) > 1 and rng.random() < 0.6:
            spoken = join_words([LANGUAGES[c] for c in languages[1:]])
            sentences.append(rng.choice(LANGUAGE_SENTENCES).format(languages=spoken))
        description = " ".join(sentences).format(**text_slots)
        if description in self.descriptions:
            # Agencies rarely publish word-for-word the same text: re-draw with this service's own random
            # stream (so the main stream, and every other service, stays as it was), then add a local note.
            own = random.Random(sid)  # noqa: S311 -- reproducible fake data, not security
            for _attempt in range(4):
                redrawn = [own.choice(pool) for pool in pools] + sentences[len(pools) :]
                description = " ".join(redrawn).format(**text_slots)
                if description not in self.descriptions:
                    break
            else:
                local = own.choice(LOCAL_SENTENCES)
                description = " ".join([*sentences[: len(pools)], local, *sentences[len(pools) :]]).format(**text_slots)
        self.descriptions.add(description)
        name = variant.name.format(day=hours.day, **slots)
        accepting, wait_weeks, wait_time = self.waiting(st.wait)

        service: JSON = {
            "id": sid,
            "organization_id": org.id,
            "name": name,
            "description": description,
            "status": "active",
            "application_process": rng.choice(st.apply),
            "fees_description": pay.fees.format(**slots),
            "eligibility_description": eligibility.description,
            "eligibility_criteria": eligibility.criteria,
            "insurance_accepted": self.insurance(pay, place),
            "payment_options": list(pay.options),
            "accepting_new_clients": accepting,
            "wait_weeks": wait_weeks,
        }
        if eligibility.minimum_age is not None:
            service["minimum_age"] = eligibility.minimum_age
        if eligibility.maximum_age is not None:
            service["maximum_age"] = eligibility.maximum_age
        if wait_time:
            service["wait_time"] = wait_time
        if code in org.programs:
            service["program_id"] = org.programs[code]
        if st.alt_names and rng.random() < 0.25:
            service["alternate_name"] = rng.choice(st.alt_names)
        if rng.random() < 0.5:
            service["url"] = f"https://example.org/{org.slug}/{slugify(name)}"
        if rng.random() < 0.4:
            local = rng.choice(("intake", "info", "appointments", "help"))
            service["email"] = f"{local}@{org.slug}.example.org"
        if rng.random() < 0.45:
            service["interpretation_services"] = rng.choice(INTERPRETATION)

        service["phones"] = self.phones(index, sid, name, st, hours, where, languages)
        service["schedules"] = [
            schedule_record(child_id("schedule", k), "service_id", sid, row) for k, row in enumerate(hours.rows)
        ]
        service["service_areas"] = [self.service_area(child_id("area", 0), sid, st, elig_variant, place)]
        service["languages"] = [
            {"id": child_id("language", c), "service_id": sid, "name": LANGUAGES[c], "code": c} for c in languages
        ]
        service["cost_options"] = [cost_record(child_id("cost", k), sid, cost) for k, cost in enumerate(pay.costs)]
        service["required_documents"] = [
            {"id": child_id("document", k), "service_id": sid, "document": doc}
            for k, doc in enumerate(rng.choice(st.docs))
        ]
        codes = [code]
        if st.also and rng.random() < 0.25:
            codes.append(rng.choice(st.also))
        service["attributes"] = [
            {
                "id": child_id("attribute", c),
                "link_id": sid,
                "link_type": "service_taxonomy",
                "link_entity": "service",
                "taxonomy_term_id": term_id(c),
            }
            for c in codes
        ]
        service["service_at_locations"] = [
            self.service_at_location(child_id("at_location", k), sid, code, site, k) for k, site in enumerate(sites)
        ]
        service["capacities"] = [capacity] if capacity else []
        service["contacts"] = []
        if rng.random() < 0.15:
            person = self.person()
            service["contacts"] = [
                {
                    "id": child_id("contact", 0),
                    "service_id": sid,
                    "name": person,
                    "title": rng.choice(CONTACT_TITLES),
                    "email": f"{slugify(person).replace('-', '.')}@{org.slug}.example.org",
                }
            ]
        return service

    def variant(self, st: ServiceType, where: Zip) -> Variant:
        """Pick a name; each state gets exactly one 988 Lifeline call center first."""
        names: list[str | Variant] = list(st.names)
        if st.code == "crisis_line":
            lifeline: list[str | Variant] = [n for n in names if isinstance(n, str) and n.startswith("988")]
            if where.state not in self.lifeline_states:
                self.lifeline_states.add(where.state)
                names = lifeline
            else:
                names = [n for n in names if n not in lifeline]
        entry = self.rng.choice(names)
        return entry if isinstance(entry, Variant) else Variant(entry)

    def waiting(self, profile: Wait) -> tuple[bool | None, int | None, str | None]:
        rng = self.rng
        roll = rng.random()
        if profile == "open":
            return (None if roll < 0.05 else True), None, None
        if profile == "walkin":
            return True, 0, None
        if profile == "beds":
            return (None if roll < 0.15 else True), None, None
        if profile == "short":
            weeks = rng.choice((0, 0, 1, 1, 2))
            text = f"About {weeks} week{'s' if weeks > 1 else ''} to get started."
            return True, weeks, text if weeks else None
        if profile == "long":
            if roll < 0.1:
                return False, None, ("The waitlist is closed right now; call monthly to check whether it has reopened.")
            if roll < 0.15:
                return None, None, None
            weeks = rng.randint(2, 12)
            return True, weeks, f"About {weeks} weeks for a first appointment."
        if roll < 0.5:
            return False, None, ("The waitlist is closed; it reopens by lottery when funding allows.")
        weeks = rng.choice((26, 52, 78, 104))
        return True, weeks, f"The current wait is about {round(weeks / 4.345)} months."

    def insurance(self, pay: Pay, place: Place) -> list[JSON]:
        accepted: list[JSON] = []
        for category in pay.insurance:
            entry: JSON = {"category": category}
            if category == "medicaid_mco" and self.rng.random() < 0.5:
                plans = place.state.plans
                chosen = set(self.rng.sample(plans, self.rng.randint(1, len(plans))))
                entry["plans"] = [p for p in plans if p in chosen]
            accepted.append(entry)
        return accepted

    def phones(
        self,
        index: int,
        sid: str,
        name: str,
        st: ServiceType,
        hours: Hours,
        where: Zip,
        languages: Sequence[str],
    ) -> list[JSON]:
        rng = self.rng

        def phone(k: int, number: str, kind: str, note: str) -> JSON:
            return {
                "id": make_id("service", index, "phone", k),
                "service_id": sid,
                "number": number,
                "type": kind,
                "description": note,
            }

        if st.code == "crisis_line" and name.startswith("988"):
            return [phone(0, "988", "hotline", "Call 988 any time"), phone(1, "988", "text", "Text 988 any time")]
        always = hours.rows[0].description == "Open 24 hours, 7 days a week"
        if st.hotline:
            note = "24-hour line" if always else "Crisis and information line"
            phones = [phone(0, self.phone_number(where), "hotline", note)]
        else:
            phones = [phone(0, self.phone_number(where), "voice", rng.choice(VOICE_NOTES))]
        if "es" in languages and rng.random() < 0.3:
            phones[0]["languages"] = [
                {
                    "id": make_id("service", index, "phone", 0, "language", "es"),
                    "phone_id": phones[0]["id"],
                    "name": "Spanish",
                    "code": "es",
                }
            ]
        if st.texting and rng.random() < 0.5:
            phones.append(phone(len(phones), self.phone_number(where), "text", "Text line"))
        if st.fax and rng.random() < 0.4:
            phones.append(phone(len(phones), self.phone_number(where), "fax", "Fax for referrals and records"))
        return phones

    def service_area(self, area_id: str, sid: str, st: ServiceType, elig: Elig, place: Place) -> JSON:
        """The area named by the residency requirement, else the service's county."""
        area: JSON = {"id": area_id, "service_id": sid, "name": place.county_label}
        scopes = {r.scope for r in elig if isinstance(r, Residency) and r.hard}
        if "postcodes" in scopes:
            area["name"] = f"ZIP codes {join_words(place.postcodes)}"
        elif "state" in scopes:
            area["name"] = f"{place.state.name} (statewide)"
        elif "metro" in scopes and len(place.metro_counties) > 1:
            area["name"] = f"{join_words(place.metro_counties)} counties"
        if st.access == "remote":
            area["description"] = f"Serves people anywhere in {area['name']}."
        return area

    def service_at_location(self, sal_id: str, sid: str, code: str, site: Site, k: int) -> JSON:
        record: JSON = {"id": sal_id, "service_id": sid, "location_id": site.id}
        if code == "dv_shelter_hotline":
            record["description"] = "Advocacy office; the shelter address is confidential."
        elif k:
            record["description"] = f"Also offered at {site.name}; call ahead before visiting."
        return record

    def capacity(self, capacity_id: str, sid: str, spec: Capacity) -> JSON:
        rng = self.rng
        maximum = rng.randint(spec.low, spec.high)
        available = rng.randint(0, max(1, maximum // 4))
        updated = AS_OF - timedelta(days=rng.randint(1, 3))
        return {
            "id": capacity_id,
            "service_id": sid,
            "unit": {"id": make_id("unit", spec.unit), "name": UNITS[spec.unit], "identifier": spec.unit},
            "available": available,
            "maximum": maximum,
            "description": spec.note,
            "updated": timestamp(updated, rng),
        }


def schedule_record(schedule_id: str, owner_field: str, owner_id: str, row: Row) -> JSON:
    record: JSON = {
        "id": schedule_id,
        owner_field: owner_id,
        "freq": row.freq,
        "byday": row.byday,
        "opens_at": row.opens_at,
        "closes_at": row.closes_at,
        "description": row_description(row),
    }
    if row.valid_from:
        record["valid_from"] = row.valid_from
    if row.valid_to:
        record["valid_to"] = row.valid_to
    return record


def cost_record(cost_id: str, sid: str, cost: Cost) -> JSON:
    record: JSON = {"id": cost_id, "service_id": sid, "option": cost.option}
    if cost.amount is not None:
        record["amount"] = cost.amount
        record["currency"] = "USD"
    if cost.description:
        record["amount_description"] = cost.description
    return record


def assign_dates(rng: random.Random, services: list[JSON]) -> None:
    """Verification dates by quota: 3% never verified, 20% over a year old, 23% six to
    twelve months old and the rest verified in the last six months; ``last_modified``
    follows the verification by up to three weeks."""
    n = len(services)
    year_ago = AS_OF - timedelta(days=365)
    half_year_ago = AS_OF - timedelta(days=184)
    buckets = (
        (round(n * 0.03), None),
        (round(n * 0.20), (date(2024, 6, 1), year_ago - timedelta(days=1))),
        (round(n * 0.23), (year_ago, half_year_ago - timedelta(days=1))),
        (n, (half_year_ago, AS_OF - timedelta(days=3))),
    )
    order = list(range(n))
    rng.shuffle(order)
    start = 0
    for size, span in buckets:
        for k in order[start : start + size]:
            service = services[k]
            if span is None:
                modified = random_date(rng, date(2024, 6, 1), AS_OF - timedelta(days=1))
            else:
                assured = random_date(rng, *span)
                service["assured_date"] = assured.isoformat()
                service["assurer_email"] = rng.choice(ASSURERS)
                modified = min(assured + timedelta(days=rng.randrange(21)), AS_OF - timedelta(days=1))
            service["last_modified"] = timestamp(modified, rng)
        start += size


def assign_statuses(rng: random.Random, services: list[JSON]) -> None:
    """A handful of listings are temporarily closed or inactive; a few carry alerts."""
    n = len(services)
    counts = Counter(s["attributes"][0]["taxonomy_term_id"] for s in services)
    candidates = [
        k
        for k, s in enumerate(services)
        if counts[s["attributes"][0]["taxonomy_term_id"]] > 3
        and s["attributes"][0]["taxonomy_term_id"] != term_id("crisis_line")
    ]
    closed_count = round(n * 0.015)
    inactive_count = round(n * 0.008)
    picked = rng.sample(candidates, min(len(candidates), closed_count + inactive_count))
    for rank, k in enumerate(picked):
        service = services[k]
        closed = rank < closed_count
        service["status"] = "temporarily closed" if closed else "inactive"
        service["alert"] = rng.choice(CLOSED_ALERTS if closed else INACTIVE_ALERTS)
        service["accepting_new_clients"] = False
        service["wait_weeks"] = None
        service.pop("wait_time", None)
        for capacity in service["capacities"]:
            capacity["available"] = 0
    chosen = set(picked)
    for k in rng.sample(range(n), min(n, max(1, round(n * 0.03)))):
        if k not in chosen:
            services[k]["alert"] = rng.choice(ALERTS)


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------


def generate(n_services: int = 320, seed: int = 2026) -> dict[str, list[JSON]]:
    """Build the directory: taxonomies, taxonomy terms, organizations and services.

    Deterministic for a given ``(n_services, seed)``. Up to ``METRO_MAX_SERVICES``
    services stay in the Portland metro; larger directories use every Oregon and
    Washington ZIP code.
    """
    if n_services < 1:
        raise ValueError("n_services must be at least 1")
    rng = random.Random(seed)  # noqa: S311 -- reproducible fake data, not security
    region = load_region(wide=n_services > METRO_MAX_SERVICES)
    taxonomies, terms = build_taxonomy()
    builder = Builder(rng, region)
    organizations: list[JSON] = []
    services: list[JSON] = []
    for index, plan in enumerate(plan_organizations(rng, n_services)):
        org, org_services = builder.organization(index, plan)
        organizations.append(org)
        services.extend(org_services)
    assign_dates(rng, services)
    assign_statuses(rng, services)
    return {
        "taxonomies": taxonomies,
        "taxonomy_terms": terms,
        "organizations": organizations,
        "services": services,
    }


def dump(records: list[JSON]) -> str:
    """The exact text of one output file."""
    return json.dumps(records, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def write_directory(data: dict[str, list[JSON]], out: Path) -> None:
    """Write the four JSON arrays; streamed, so 100,000 services do not need one huge string."""
    out.mkdir(parents=True, exist_ok=True)
    for name in OUTPUT_FILES:
        with (out / f"{name}.json").open("w", encoding="utf-8", newline="\n") as handle:
            json.dump(data[name], handle, indent=1, ensure_ascii=False, sort_keys=True)
            handle.write("\n")


def summarize(data: dict[str, list[JSON]]) -> str:
    services = data["services"]
    location_ids = {sal["location_id"] for s in services for sal in s["service_at_locations"]}
    languages = {lang["code"] for s in services for lang in s["languages"]}
    per_code = Counter(a["taxonomy_term_id"] for s in services for a in s["attributes"])
    child_counts = [per_code[term_id(code)] for code in CATALOGUE_CODES]
    return (
        f"{len(services)} services, {len(data['organizations'])} organizations, "
        f"{len(location_ids)} locations in use, {len(languages)} languages, "
        f"services per code {min(child_counts)}-{max(child_counts)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seed_data.generate",
        description="Generate the seeded county directory as HSDS 3.1 JSON.",
    )
    parser.add_argument("--services", type=int, default=320, help="number of services")
    parser.add_argument("--seed", type=int, default=2026, help="random seed")
    parser.add_argument("--out", type=Path, default=Path("seed_data/county"), help="output directory")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data = generate(args.services, args.seed)
    write_directory(data, args.out)
    elapsed = time.perf_counter() - started
    sys.stdout.write(f"Wrote {args.out}: {summarize(data)} ({elapsed:.1f} s)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
