"""The residency criterion: does the client live where the service serves (criteria-model.md §4.2, §4.5.8)?"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from directory.eligibility.profile import ClientProfile
from directory.eligibility.reasons import EVIDENCE, Outcome, Reason, join_words
from directory.wording import Words

#: (ZIP) -> (county, state) or None: how residency and income learn where a ZIP code is.
PlaceResolver = Any


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
        return join_words([*counties, *self.states, *(_zip_name(p, words) for p in self.postcodes)], words, "and")


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


def residency_reason(
    node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None, words: Words
) -> Reason:
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
