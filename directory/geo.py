"""Offline geography: ZIP code centroids, counties and distances. No network calls.

Backed by the `zipcodes` package (USPS ZIP data with census-derived centroids, bundled in the wheel).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy

EARTH_RADIUS_MILES = 3958.7613
#: A US ZIP code as people write it: 5 digits, or ZIP+4.
ZIP_PATTERN = re.compile(r"^\d{5}(?:-\d{4})?$")


@dataclass(frozen=True)
class ZipPlace:
    postcode: str
    city: str
    county: str  # without the " County" suffix, e.g. "Multnomah"
    state: str
    latitude: float
    longitude: float
    timezone: str | None


def normalize_county(name: str) -> str:
    """'Multnomah County' and 'multnomah' both become 'Multnomah'."""
    cleaned = re.sub(r"\s+(county|parish|borough|census area)$", "", name.strip(), flags=re.IGNORECASE)
    return " ".join(part.capitalize() if part.islower() else part for part in cleaned.split())


def is_postcode(value: str) -> bool:
    return bool(ZIP_PATTERN.match(value.strip()))


@lru_cache(maxsize=4096)
def find_zip(postcode: str) -> ZipPlace | None:
    """The place for a US ZIP code, or None when it is malformed or unknown."""
    import zipcodes  # imported lazily: loading its table is slow, and many processes never need it

    if not is_postcode(postcode):
        return None
    code = postcode.strip()[:5]
    try:
        rows = zipcodes.matching(code)  # type: ignore[no-untyped-call]
    except (TypeError, ValueError):
        return None
    for row in rows:
        if row.get("lat") and row.get("long"):
            return ZipPlace(
                postcode=row["zip_code"],
                city=row["city"],
                county=normalize_county(row.get("county") or ""),
                state=row["state"],
                latitude=float(row["lat"]),
                longitude=float(row["long"]),
                timezone=row.get("timezone"),
            )
    return None


def distance_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in miles."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def distance_miles_array(lat: float, lon: float, lats: Any, lons: Any) -> Any:
    """`distance_miles` from one point to each of many (numpy arrays of degrees), at once."""
    phi1, phi2 = math.radians(lat), numpy.radians(lats)
    dphi = phi2 - phi1
    dlmb = numpy.radians(lons - lon)
    a = numpy.sin(dphi / 2) ** 2 + math.cos(phi1) * numpy.cos(phi2) * numpy.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * numpy.arcsin(numpy.minimum(1.0, numpy.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_miles: float) -> tuple[float, float, float, float]:
    """(min_lat, min_lon, max_lat, max_lon) enclosing a circle; a cheap pre-filter before exact distance."""
    dlat = math.degrees(radius_miles / EARTH_RADIUS_MILES)
    dlon = math.degrees(radius_miles / (EARTH_RADIUS_MILES * max(math.cos(math.radians(lat)), 1e-6)))
    return lat - dlat, lon - dlon, lat + dlat, lon + dlon


#: Grid resolutions (degrees per cell) indexed for every location: a radius search filters on the coarsest
#: resolution that still needs few cells, then computes exact distances on what is left.
CELL_SIZES = (0.05, 0.25, 1.0)
MAX_CELLS = 64


def _cell(size: float, lat: float, lon: float) -> str:
    return f"{size:g}:{math.floor(lat / size)}:{math.floor(lon / size)}"


def cell_tokens(lat: float, lon: float) -> list[str]:
    """The grid cells containing a point, one per resolution."""
    return [_cell(size, lat, lon) for size in CELL_SIZES]


def covering_cells(lat: float, lon: float, radius_miles: float) -> list[str]:
    """Cells that together cover the circle, at the finest resolution needing at most MAX_CELLS cells."""
    min_lat, min_lon, max_lat, max_lon = bounding_box(lat, lon, radius_miles)
    for size in CELL_SIZES:
        rows = range(math.floor(min_lat / size), math.floor(max_lat / size) + 1)
        cols = range(math.floor(min_lon / size), math.floor(max_lon / size) + 1)
        if len(rows) * len(cols) <= MAX_CELLS or size == CELL_SIZES[-1]:
            return [f"{size:g}:{r}:{c}" for r in rows for c in cols]
    raise AssertionError("unreachable")


def inner_cells(lat: float, lon: float, radius_miles: float, cells: list[str]) -> list[str]:
    """Those of `cells` lying wholly within the circle (all four corners: a point's farthest point in a small
    latitude/longitude box is a corner), so that a location in one needs no exact distance."""
    inside = []
    for cell in cells:
        size_text, row_text, col_text = cell.split(":")
        size = float(size_text)
        south, west = int(row_text) * size, int(col_text) * size
        corners = ((south, west), (south, west + size), (south + size, west), (south + size, west + size))
        margin = radius_miles * (1 - 1e-9)  # rounding never lets a location just outside count as inside
        if all(distance_miles(lat, lon, corner_lat, corner_lon) <= margin for corner_lat, corner_lon in corners):
            inside.append(cell)
    return inside


US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands",
}  # fmt: skip
_STATE_BY_NAME = {name.casefold(): code for code, name in US_STATES.items()}


_COUNTIES = re.compile(r"\bcounties\b", re.IGNORECASE)


def state_code(text: str) -> str | None:
    """'OR', 'or' or 'Oregon' -> 'OR'."""
    cleaned = text.strip()
    return cleaned.upper() if cleaned.upper() in US_STATES else _STATE_BY_NAME.get(cleaned.casefold())


def area_tokens(name: str, default_state: str | None = None) -> set[str]:
    """Filter tokens for a service area's name, for matching a person's place against where a service serves.

    "Multnomah County" -> county:OR:Multnomah (state from `default_state`); "Clark County, WA" ->
    county:WA:Clark; "Multnomah, Washington and Clackamas counties" -> three counties; "Oregon (statewide)" ->
    state:OR; "ZIP codes 97204, 97214" -> zip:97204, zip:97214.
    """
    zips = re.findall(r"\b\d{5}\b", name)
    if zips:
        return {f"zip:{z}" for z in zips}
    text = re.sub(r"\(.*?\)", " ", name).strip()
    if not re.search(r"\bcount(y|ies)\b", text, re.IGNORECASE):
        code = state_code(text)
        return {f"state:{code}"} if code else set()
    parts = [part.strip() for part in text.split(",")]
    state = default_state
    if len(parts) > 1 and state_code(parts[-1]) and not re.search(r"\bcounties\b", text, re.IGNORECASE):
        state = state_code(parts.pop())
    if state is None:
        return set()
    names = [n for part in parts for n in re.split(r"\band\b|&", part) if n.strip()]
    counties = {normalize_county(_COUNTIES.sub("", n)) for n in names}
    return {f"county:{state}:{county}" for county in counties if county}


def origin_area_tokens(place: ZipPlace) -> set[str]:
    return {f"state:{place.state}", f"county:{place.state}:{place.county}"}
