"""Offline geography: ZIP code centroids, counties and distances. No network calls.

Backed by the `zipcodes` package (USPS ZIP data with census-derived centroids, bundled in the wheel).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

EARTH_RADIUS_MILES = 3958.7613
_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")


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
    return bool(_ZIP.match(value.strip()))


@lru_cache(maxsize=4096)
def find_zip(postcode: str) -> ZipPlace | None:
    """The place for a US ZIP code, or None when it is malformed or unknown."""
    import zipcodes  # imported lazily: loading its table costs ~0.2 s

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


def bounding_box(lat: float, lon: float, radius_miles: float) -> tuple[float, float, float, float]:
    """(min_lat, min_lon, max_lat, max_lon) enclosing a circle; a cheap pre-filter before exact distance."""
    dlat = math.degrees(radius_miles / EARTH_RADIUS_MILES)
    dlon = math.degrees(radius_miles / (EARTH_RADIUS_MILES * max(math.cos(math.radians(lat)), 1e-6)))
    return lat - dlat, lon - dlon, lat + dlat, lon + dlon
