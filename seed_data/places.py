"""Where seeded services are: real ZIP codes from the `zipcodes` package (the four metro counties, or all of Oregon
and Washington for a larger directory), and what text and criteria say about a place."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Final

from seed_data.files import read

_PLACES = read("places")


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
    code: StateInfo(**{**info, "plans": tuple(info["plans"])}) for code, info in _PLACES["states"].items()
}
METRO_COUNTIES: Final[dict[str, tuple[str, ...]]] = {
    state: tuple(counties) for state, counties in _PLACES["metro_counties"].items()
}
BIG_CITIES: Final = frozenset(_PLACES["big_cities"])
DEFAULT_AREA_CODES: Final[dict[str, str]] = _PLACES["default_area_codes"]
PRIMARY_AREA_CODES: Final = frozenset(_PLACES["primary_area_codes"])


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

    zipcodes = importlib.import_module("zipcodes")  # imported when generating only: its ZIP table is large
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
