"""HHS poverty guidelines 2024-2026 (docs/eligibility.md, "Poverty guidelines"): by year, region and household size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Region(StrEnum):
    CONTIGUOUS = "48 states and DC"
    ALASKA = "Alaska"
    HAWAII = "Hawaii"


@dataclass(frozen=True)
class Table:
    year: int
    effective: date
    base: dict[Region, int]
    increment: dict[Region, int]


# Annual 100% guideline for one person, and the amount added for each additional person.
TABLES: tuple[Table, ...] = (
    Table(
        2024,
        date(2024, 1, 17),
        {Region.CONTIGUOUS: 15_060, Region.ALASKA: 18_810, Region.HAWAII: 17_310},
        {Region.CONTIGUOUS: 5_380, Region.ALASKA: 6_730, Region.HAWAII: 6_190},
    ),
    Table(
        2025,
        date(2025, 1, 15),
        {Region.CONTIGUOUS: 15_650, Region.ALASKA: 19_550, Region.HAWAII: 17_990},
        # Alaska's 2025 increment (6,880) is not confirmed in a primary source (eligibility-facts.md §1.1).
        {Region.CONTIGUOUS: 5_500, Region.ALASKA: 6_880, Region.HAWAII: 6_330},
    ),
    Table(
        2026,
        date(2026, 1, 13),
        {Region.CONTIGUOUS: 15_960, Region.ALASKA: 19_950, Region.HAWAII: 18_360},
        {Region.CONTIGUOUS: 5_680, Region.ALASKA: 7_100, Region.HAWAII: 6_530},
    ),
)
_BY_YEAR = {table.year: table for table in TABLES}

#: Places HHS publishes no guideline for.
NO_GUIDELINE = frozenset({"PR", "GU", "VI", "AS", "MP"})


def region_for(state: str | None) -> Region | None:
    """The guideline region of a state (two-letter code); None for territories without a guideline.

    An unknown state uses the 48-state table, which covers all but two states.
    """
    code = (state or "").upper()
    if code in NO_GUIDELINE:
        return None
    return {"AK": Region.ALASKA, "HI": Region.HAWAII}.get(code, Region.CONTIGUOUS)


def year_in_force(on: date) -> int:
    """The guideline year in force on a date (each year's takes effect in mid-January).

    Before the first table's effective date that is the year before it, which has no table here.
    """
    current = TABLES[0].year - 1
    for table in TABLES:
        if table.effective <= on:
            current = table.year
    return current


def has_year(year: int) -> bool:
    return year in _BY_YEAR


def guideline(year: int, region: Region, household_size: int) -> int:
    """100% of the poverty guideline, annual dollars. Sizes past 8 add the increment for each person."""
    if household_size < 1:
        raise ValueError("household size must be at least 1")
    table = _BY_YEAR[year]
    return table.base[region] + (household_size - 1) * table.increment[region]
