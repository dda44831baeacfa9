"""The categories and languages the search forms offer are worked out once per state of the directory, not per page."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from directory.listings import operations
from directory.listings.operations import DirectoryTotals
from tests import factories as f


def pantry_term() -> object:
    return f.TaxonomyTermFactory(
        code="food_pantry", name="Food pantry", parent=f.TaxonomyTermFactory(code="food", name="Food")
    )


def count_of(categories: list[operations.Category], code: str) -> int:
    return next(count for category in categories for term, count in category.subcategories if term.code == code)


def test_counts_are_remembered_until_a_listing_changes(db_session: Session) -> None:
    term = pantry_term()
    f.AttributeFactory(service=f.ServiceFactory(), taxonomy_term=term)
    totals = DirectoryTotals()
    first = totals.categories(db_session)
    assert count_of(first, "food_pantry") == 1
    assert totals.categories(db_session) is first  # nothing changed: not worked out again

    f.AttributeFactory(service=f.ServiceFactory(), taxonomy_term=term)  # a new listing, committed
    again = totals.categories(db_session)
    assert count_of(again, "food_pantry") == 2


def test_languages_follow_edits_and_everything_is_fresh_within_a_minute(
    db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = f.ServiceFactory()
    f.LanguageFactory(service=service, code="es", name="Spanish")
    totals = DirectoryTotals()
    assert totals.languages(db_session) == [("es", "Spanish")]
    f.LanguageFactory(service=service, code="vi", name="Vietnamese")
    assert totals.languages(db_session) == [("es", "Spanish"), ("vi", "Vietnamese")]

    remembered = totals.languages(db_session)
    clock = operations.time.time()
    monkeypatch.setattr(operations.time, "time", lambda: clock + 61)
    assert totals.languages(db_session) is not remembered  # a minute on, worked out again (a renamed language)


def test_when_turned_off_every_call_reads_the_database(db_session: Session) -> None:
    f.AttributeFactory(service=f.ServiceFactory(), taxonomy_term=pantry_term())
    totals = DirectoryTotals(enabled=False)
    assert totals.categories(db_session) is not totals.categories(db_session)
