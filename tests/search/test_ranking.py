"""The blended score and the orders a search shows (directory.search.ranking): pure numpy, no index."""

from __future__ import annotations

import math
import random
from datetime import date

import numpy
import pytest

from directory import geo
from directory.search import ranking
from directory.search.ranking import Ranking, Signals

TODAY = date(2026, 12, 1)


def signals(count: int, **given: object) -> Signals:
    values: dict[str, object] = {
        "text": None,
        "distance": None,
        "closed": numpy.zeros(count, dtype=bool),
        "accepting": numpy.full(count, -1, dtype=numpy.int8),
        "assured": numpy.full(count, math.nan),
        "name_order": numpy.arange(count),
        "id_order": numpy.arange(count),
    }
    values.update(given)
    for name in ("name_order", "id_order"):  # as an index gives them: the ranks of the positions asked about
        ranks = values[name]
        values[name] = lambda at, ranks=ranks: ranks[at]  # type: ignore[misc]
    return Signals(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("age_days", "expected"),
    [(-3, 1.0), (0, 1.0), (180, 1.0), (181, 1 - 1 / 550), (455, 0.5), (730, 0.0), (2000, 0.0)],
)
def test_freshness_is_full_for_half_a_year_then_fades_over_550_days(age_days: int, expected: float) -> None:
    assured = numpy.array([ranking.day_number(TODAY) - age_days], dtype=float)
    assert ranking.freshness(assured, TODAY)[0] == pytest.approx(expected)


def test_never_verified_is_not_fresh() -> None:
    assert ranking.freshness(numpy.array([math.nan]), TODAY)[0] == 0.0


def test_availability_by_intake_and_a_closed_service_has_none() -> None:
    closed = numpy.array([False, False, False, True])
    accepting = numpy.array([1, -1, 0, 1], dtype=numpy.int8)
    assert ranking.availability(closed, accepting).tolist() == [1.0, 0.6, 0.2, 0.0]


def test_nearness_halves_at_three_miles_and_unknown_counts_as_half() -> None:
    assert ranking.nearness(numpy.array([0.0, 3.0, 9.0, math.nan])).tolist() == [1.0, 0.5, 0.25, 0.5]


def test_weights_apply_only_to_the_parts_a_request_has() -> None:
    # No words, no place: availability 0.1 and freshness 0.05 renormalised to 2/3 and 1/3.
    plain = signals(1, accepting=numpy.array([1], dtype=numpy.int8))
    score, parts = ranking.blend(plain, Ranking(today=TODAY))
    assert score[0] == pytest.approx(2 / 3)
    assert parts["text"][0] == 0.0
    assert parts["distance"][0] == 0.0
    # Words and a place: every weight counts, text relative to the best score.
    full = signals(
        2,
        text=numpy.array([4.0, 2.0]),
        distance=numpy.array([3.0, 0.0]),
        accepting=numpy.array([1, 0], dtype=numpy.int8),
        assured=numpy.array([ranking.day_number(TODAY), math.nan]),
    )
    score, parts = ranking.blend(full, Ranking(today=TODAY, origin=(45.5, -122.6)))
    assert parts["text"].tolist() == [1.0, 0.5]
    assert score[0] == pytest.approx(0.65 * 1 + 0.2 * 0.5 + 0.1 * 1 + 0.05 * 1)
    assert score[1] == pytest.approx(0.65 * 0.5 + 0.2 * 1 + 0.1 * 0.2 + 0.0)


def test_text_scores_all_zero_do_not_divide_by_zero() -> None:
    score, parts = ranking.blend(signals(2, text=numpy.zeros(2)), Ranking(today=TODAY))
    assert numpy.isfinite(score).all()
    assert parts["text"].tolist() == [0.0, 0.0]


def test_ties_on_score_go_by_name_then_the_limit_applies() -> None:
    tied = signals(3, name_order=numpy.array([2, 0, 1]))
    positions, _, _ = ranking.rank(tied, Ranking(today=TODAY), limit=2)
    assert positions.tolist() == [1, 2]


def test_distance_order_puts_unmeasured_last_and_breaks_ties_by_score_then_id() -> None:
    spread = signals(
        4,
        distance=numpy.array([math.nan, 2.0, 2.0, 1.0]),
        accepting=numpy.array([1, 0, 1, -1], dtype=numpy.int8),
        id_order=numpy.array([0, 1, 2, 3]),
    )
    positions, _, _ = ranking.rank(spread, Ranking(today=TODAY, origin=(0.0, 0.0), sort="distance"), None)
    assert positions.tolist() == [3, 2, 1, 0]


def test_name_order_is_the_order_given() -> None:
    named = signals(3, name_order=numpy.array([5, 9, 1]), accepting=numpy.array([1, 1, 0], dtype=numpy.int8))
    positions, _, _ = ranking.rank(named, Ranking(today=TODAY, sort="name"), None)
    assert positions.tolist() == [2, 0, 1]


def test_distance_sort_without_an_origin_falls_back_to_the_score() -> None:
    some = signals(2, accepting=numpy.array([0, 1], dtype=numpy.int8))
    positions, _, _ = ranking.rank(some, Ranking(today=TODAY, sort="distance"), None)
    assert positions.tolist() == [1, 0]


def test_ranks_of_gives_each_key_its_sorted_place() -> None:
    assert ranking.ranks_of(["pear", "apple", "fig"]).tolist() == [2, 0, 1]
    assert ranking.ranks_of([]).tolist() == []


def test_many_distances_at_once_equal_one_at_a_time() -> None:
    rng = random.Random(7)  # noqa: S311 - repeatable points, not a secret
    points = [(rng.uniform(-80, 80), rng.uniform(-179, 179)) for _ in range(200)]
    lats, lons = numpy.array([p[0] for p in points]), numpy.array([p[1] for p in points])
    at_once = geo.distance_miles_array(45.52, -122.68, lats, lons)
    one_by_one = [geo.distance_miles(45.52, -122.68, lat, lon) for lat, lon in points]
    assert at_once.tolist() == pytest.approx(one_by_one, rel=1e-12)


def test_a_tie_at_the_edge_of_the_page_is_settled_by_name_among_all_tied() -> None:
    asked: list[int] = []
    ranks = numpy.array([0, 3, 2, 1, 4])

    def name_order(at: numpy.ndarray) -> numpy.ndarray:
        asked.extend(at.tolist())
        return ranks[at]

    some = signals(5, accepting=numpy.array([1, -1, -1, -1, 0], dtype=numpy.int8))
    some = Signals(**{**vars(some), "name_order": name_order})
    positions, _, _ = ranking.rank(some, Ranking(today=TODAY), limit=2)
    assert positions.tolist() == [0, 3]  # of the three tied at 0.6, the first by name
    assert sorted(asked) == [0, 1, 2, 3]  # names were needed only for those that could be shown


def test_distance_order_keeps_every_tie_at_the_edge() -> None:
    spread = signals(
        4,
        distance=numpy.array([5.0, 1.0, 5.0, 9.0]),
        accepting=numpy.array([0, 1, 1, 1], dtype=numpy.int8),
    )
    positions, _, _ = ranking.rank(spread, Ranking(today=TODAY, origin=(0.0, 0.0), sort="distance"), limit=2)
    assert positions.tolist() == [1, 2]  # of the two at 5 miles, the one taking clients
