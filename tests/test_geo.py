"""Offline geography: ZIP centroids, counties and distances."""

from __future__ import annotations

import pytest

from directory import geo


def test_a_portland_zip_has_its_city_county_and_centroid() -> None:
    place = geo.find_zip("97205")
    assert place is not None
    assert (place.city, place.county, place.state) == ("Portland", "Multnomah", "OR")
    assert place.latitude == pytest.approx(45.52, abs=0.05)
    assert place.longitude == pytest.approx(-122.69, abs=0.05)


def test_a_clark_county_washington_zip() -> None:
    place = geo.find_zip("98660")
    assert place is not None
    assert (place.city, place.county, place.state) == ("Vancouver", "Clark", "WA")


@pytest.mark.parametrize("value", ["", "9720", "abcde", "00000", "972051", "97205-12"])
def test_malformed_or_unknown_zips_give_none(value: str) -> None:
    assert geo.find_zip(value) is None


def test_zip_plus_four_uses_the_five_digit_zip() -> None:
    assert geo.find_zip("97205-1234") == geo.find_zip("97205")


def test_distance_between_downtown_portland_and_downtown_vancouver_is_about_seven_miles() -> None:
    miles = geo.distance_miles(45.5152, -122.6784, 45.6387, -122.6615)
    assert miles == pytest.approx(8.5, abs=0.5)
    assert geo.distance_miles(45.5, -122.6, 45.5, -122.6) == 0


def test_bounding_box_contains_points_within_the_radius() -> None:
    min_lat, min_lon, max_lat, max_lon = geo.bounding_box(45.5, -122.6, 10)
    assert min_lat < 45.5 < max_lat
    assert min_lon < -122.6 < max_lon
    assert geo.distance_miles(45.5, -122.6, max_lat, -122.6) == pytest.approx(10, rel=0.01)
    assert geo.distance_miles(45.5, -122.6, 45.5, max_lon) == pytest.approx(10, rel=0.01)


@pytest.mark.parametrize(
    ("raw", "clean"), [("Multnomah County", "Multnomah"), ("clark county", "Clark"), ("Clark", "Clark")]
)
def test_county_names_are_normalized(raw: str, clean: str) -> None:
    assert geo.normalize_county(raw) == clean


@pytest.mark.parametrize("radius", [0.5, 2.0, 10.0, 40.0])
def test_inner_cells_hold_only_points_within_the_radius_and_every_cell_deep_inside(radius: float) -> None:
    import random

    lat, lon = 45.52, -122.68
    covering = geo.covering_cells(lat, lon, radius)
    inner = set(geo.inner_cells(lat, lon, radius, covering))
    assert inner <= set(covering)
    rng = random.Random(7)  # noqa: S311 - repeatable points, not a secret
    for _ in range(3000):  # any point whose cell is inner is within the radius
        point = (lat + rng.uniform(-1, 1) * radius / 69, lon + rng.uniform(-1, 1) * radius / 48)
        if set(geo.cell_tokens(*point)) & inner:
            assert geo.distance_miles(lat, lon, *point) <= radius
    if radius >= 10.0:  # a cell around the centre, far from the edge, counts as inner (cells are ~3 miles)
        assert set(geo.cell_tokens(lat, lon)) & inner
