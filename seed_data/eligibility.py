"""Eligibility requirements: each renders one node of the criteria tree and the plain-language sentence that says
the same thing, so the two never disagree. They are written as plain data (seed_data/catalogue/eligibility.toml
describes the encoding) and read here into the classes below."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from seed_data.files import JSON, read
from seed_data.places import Place
from seed_data.wording import join_words, sentence

_DATA = read("eligibility")
FPG_2026_FAMILY_OF_3: Final[int] = _DATA["fpg_2026_family_of_3"]
ELIGIBLE_IMMIGRATION: Final[tuple[str, ...]] = tuple(_DATA["eligible_immigration"])
PROGRAM_NAMES: Final[dict[str, str]] = _DATA["programs"]
DIAGNOSIS_NAMES: Final[dict[str, str]] = _DATA["diagnoses"]
STATUS_NAMES: Final[dict[tuple[str, object], str]] = {
    (entry["field"], entry["value"]): entry["name"] for entry in _DATA["status_names"]
}


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
    scope: Literal["county", "metro", "state", "postcodes"]

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
    max_percent_fpl: int
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
    programs: tuple[str, ...]

    def build(self, place: Place) -> tuple[JSON, str]:
        node: JSON = {"type": "enrolled_in", "any_of": list(self.programs)}
        return node, f"Must be enrolled in {program_list(self.programs, place)}"


@dataclass(frozen=True)
class NotEnrolled(Req):
    programs: tuple[str, ...]
    text: str | None = None

    def build(self, place: Place) -> tuple[JSON, str]:
        leaf: JSON = {"type": "enrolled_in", "any_of": list(self.programs)}
        default = f"For people not enrolled in {program_list(self.programs, place)}"
        return {"not": leaf}, (self.text or default).format(**place.slots())


@dataclass(frozen=True)
class Status(Req):
    field: str
    values: tuple[object, ...]
    text: str | None = None

    def build(self, place: Place) -> tuple[JSON, str]:
        node: JSON = {"type": "status", "field": self.field, "in": list(self.values)}
        who = join_words([STATUS_NAMES[(self.field, v)] for v in self.values], "or")
        default = f"For {who}" if self.hard else f"Priority for {who}"
        return node, self.text or default


@dataclass(frozen=True)
class Diagnosis(Req):
    codes: tuple[str, ...]

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
    values: tuple[str, ...]

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
    min: int

    def build(self, place: Place) -> tuple[JSON, str]:
        return {"type": "household_size", "min": self.min}, (f"Households of {self.min} or more people")


@dataclass(frozen=True)
class Custom(Req):
    text: str

    def build(self, place: Place) -> tuple[JSON, str]:
        text = self.text.format(**place.slots())
        return {"type": "custom", "text": text}, text


@dataclass(frozen=True)
class AnyOf(Req):
    """Meets when any option meets ("income <= 185% FPG, or on SNAP")."""

    options: tuple[Req, ...]
    text: str

    def build(self, place: Place) -> tuple[JSON, str]:
        nodes = [option.render(place)[0] for option in self.options]
        return {"any": nodes}, self.text.format(**place.slots())


Elig = tuple[Req, ...]  # one eligibility variant; () means "no restrictions"

#: The `type` each requirement is written with in the data files.
KINDS: Final[dict[str, type[Req]]] = {
    "age": Age,
    "residency": Residency,
    "income": Income,
    "enrolled": Enrolled,
    "not_enrolled": NotEnrolled,
    "status": Status,
    "diagnosis": Diagnosis,
    "immigration": Immigration,
    "gender": Gender,
    "household_size": HouseholdSize,
    "custom": Custom,
    "any_of": AnyOf,
}


def requirement(data: object) -> Req:
    """A requirement from its data: the name of a shared one, or a table with its `type` and settings."""
    if isinstance(data, str):
        return SHARED[data]
    if not isinstance(data, Mapping) or data.get("type") not in KINDS:
        raise ValueError(f"not a requirement: {data!r}")
    settings: dict[str, Any] = {}
    for key, value in data.items():
        if key == "options":
            settings[key] = tuple(requirement(option) for option in value)
        elif key != "type":
            settings[key] = tuple(value) if isinstance(value, list) else value
    return KINDS[data["type"]](**settings)


def variants(data: Sequence[Sequence[object]]) -> tuple[Elig, ...]:
    """Eligibility variants: each a list of requirements."""
    return tuple(tuple(requirement(item) for item in variant) for variant in data)


#: Requirements many kinds of service share ("adult", "county"), by name.
SHARED: Final[dict[str, Req]] = {}
SHARED.update({name: requirement(data) for name, data in _DATA["requirements"].items()})


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
