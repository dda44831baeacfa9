"""HHS poverty guidelines 2024-2026: every published figure, the 9+ formula, regions and the year in force.

The expected figures are copied from HHS's published poverty guidelines, not computed from the module under test.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from directory.eligibility.poverty import Region, guideline, has_year, region_for, year_in_force

C, AK, HI = Region.CONTIGUOUS, Region.ALASKA, Region.HAWAII

# (year, region): annual 100% guideline for household sizes 1-8, then the increment for each additional person.
PUBLISHED: dict[tuple[int, Region], tuple[tuple[int, ...], int]] = {
    (2024, C): ((15_060, 20_440, 25_820, 31_200, 36_580, 41_960, 47_340, 52_720), 5_380),
    (2024, AK): ((18_810, 25_540, 32_270, 39_000, 45_730, 52_460, 59_190, 65_920), 6_730),
    (2024, HI): ((17_310, 23_500, 29_690, 35_880, 42_070, 48_260, 54_450, 60_640), 6_190),
    (2025, C): ((15_650, 21_150, 26_650, 32_150, 37_650, 43_150, 48_650, 54_150), 5_500),
    (2025, AK): ((19_550, 26_430, 33_310, 40_190, 47_070, 53_950, 60_830, 67_710), 6_880),
    (2025, HI): ((17_990, 24_320, 30_650, 36_980, 43_310, 49_640, 55_970, 62_300), 6_330),
    (2026, C): ((15_960, 21_640, 27_320, 33_000, 38_680, 44_360, 50_040, 55_720), 5_680),
    (2026, AK): ((19_950, 27_050, 34_150, 41_250, 48_350, 55_450, 62_550, 69_650), 7_100),
    (2026, HI): ((18_360, 24_890, 31_420, 37_950, 44_480, 51_010, 57_540, 64_070), 6_530),
}

TABLE_CASES = [
    pytest.param(year, region, size, amounts[size - 1], id=f"{year}-{region.name}-{size}")
    for (year, region), (amounts, _) in PUBLISHED.items()
    for size in range(1, 9)
]


@pytest.mark.parametrize(("year", "region", "size", "expected"), TABLE_CASES)
def test_guideline_matches_the_published_table(year: int, region: Region, size: int, expected: int) -> None:
    assert guideline(year, region, size) == expected


def test_table_cases_cover_every_year_region_and_size() -> None:
    assert len(TABLE_CASES) == 3 * 3 * 8


# Hand-computed from the published size-8 figure plus the increment (not from the base).
BEYOND_EIGHT = [
    (2024, C, 9, 58_100),
    (2024, C, 10, 63_480),
    (2024, AK, 9, 72_650),
    (2024, HI, 9, 66_830),
    (2025, C, 9, 59_650),
    (2025, AK, 9, 74_590),
    (2025, HI, 9, 68_630),
    (2026, C, 9, 61_400),
    (2026, C, 12, 78_440),
    (2026, AK, 9, 76_750),
    (2026, HI, 9, 70_600),
    (2026, HI, 20, 142_430),
]


@pytest.mark.parametrize(("year", "region", "size", "expected"), BEYOND_EIGHT)
def test_guideline_adds_the_increment_for_each_person_past_eight(
    year: int, region: Region, size: int, expected: int
) -> None:
    assert guideline(year, region, size) == expected


@pytest.mark.parametrize(("year", "region"), list(PUBLISHED))
@pytest.mark.parametrize("size", [9, 10, 11, 15, 30])
def test_guideline_past_eight_follows_base_plus_increment(year: int, region: Region, size: int) -> None:
    amounts, increment = PUBLISHED[(year, region)]
    assert guideline(year, region, size) == amounts[7] + (size - 8) * increment
    assert guideline(year, region, size) - guideline(year, region, size - 1) == increment


@pytest.mark.parametrize(("year", "region"), list(PUBLISHED))
def test_published_rows_are_base_plus_increment(year: int, region: Region) -> None:
    amounts, increment = PUBLISHED[(year, region)]
    assert [b - a for a, b in pairwise(amounts)] == [increment] * 7


@pytest.mark.parametrize("size", [0, -1, -8])
@pytest.mark.parametrize("region", list(Region))
def test_guideline_rejects_a_household_smaller_than_one(size: int, region: Region) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        guideline(2026, region, size)


@pytest.mark.parametrize("year", [2023, 2027])
def test_guideline_has_no_table_outside_2024_to_2026(year: int) -> None:
    assert has_year(year) is False
    with pytest.raises(KeyError):
        guideline(year, C, 1)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_has_year_for_every_table(year: int) -> None:
    assert has_year(year) is True


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("AK", AK),
        ("ak", AK),
        ("HI", HI),
        ("hi", HI),
        ("DC", C),
        ("OR", C),
        ("WA", C),
        ("TX", C),
        ("NY", C),
        ("PR", None),
        ("pr", None),
        ("GU", None),
        ("VI", None),
        ("AS", None),
        ("MP", None),
        ("ZZ", C),
        ("", C),
        (None, C),
    ],
)
def test_region_for(state: str | None, expected: Region | None) -> None:
    assert region_for(state) is expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        # Before the first table on file the 2023 guidelines were in force; there is no 2023 table here.
        (date(2023, 6, 1), 2023),
        (date(2024, 1, 1), 2023),
        (date(2024, 1, 16), 2023),
        (date(2024, 1, 17), 2024),
        (date(2024, 1, 18), 2024),
        (date(2024, 12, 31), 2024),
        (date(2025, 1, 1), 2024),
        (date(2025, 1, 14), 2024),
        (date(2025, 1, 15), 2025),
        (date(2025, 1, 16), 2025),
        (date(2025, 1, 17), 2025),
        (date(2025, 12, 31), 2025),
        (date(2026, 1, 1), 2025),
        (date(2026, 1, 12), 2025),
        (date(2026, 1, 13), 2026),
        (date(2026, 1, 14), 2026),
        (date(2026, 1, 15), 2026),
        (date(2026, 11, 23), 2026),
        # Past the newest table, the newest one on file stays in use.
        (date(2027, 6, 1), 2026),
    ],
)
def test_year_in_force(on: date, expected: int) -> None:
    assert year_in_force(on) == expected
