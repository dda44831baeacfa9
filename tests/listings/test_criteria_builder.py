"""The eligibility criteria builder: a plain form for the criteria tree, with a preview on sample clients."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from directory.accounts.models import Role
from directory.accounts.operations import create_user
from directory.coordinator.criteria_form import form_from_tree, preview, tree_from_form
from directory.eligibility.criteria import criteria_problems
from directory.listings import models as m
from tests import factories as f

BUILT = {
    "all": [
        {"type": "age", "min": 18, "max": 64},
        {"type": "residency", "counties": ["Multnomah", "Washington"]},
        {"any": [{"type": "income", "max_percent_fpl": 200}, {"type": "enrolled_in", "any_of": ["medicaid", "snap"]}]},
        {"type": "status", "field": "veteran", "in": [True], "hard": False},
        {"type": "status", "field": "housing_status", "in": ["homeless", "at_risk"]},
        {"type": "diagnosis", "any_of": ["smi"]},
        {"type": "custom", "text": "Referral from a case manager"},
    ]
}


def test_a_builder_shaped_tree_round_trips_through_the_form() -> None:
    form, complete = form_from_tree(BUILT)
    assert complete
    assert form["age_min"] == "18"
    assert form["income_or_enrolled"] == ["medicaid", "snap"]
    assert form["status_veteran"] == "advisory"
    tree, errors = tree_from_form(form)
    assert errors == {}
    assert tree == BUILT
    assert criteria_problems(tree) == {}


def test_an_empty_form_means_no_restrictions() -> None:
    assert tree_from_form({}) == (None, {})


def test_a_tree_the_builder_cannot_show_is_flagged() -> None:
    _, complete = form_from_tree({"not": {"type": "status", "field": "veteran", "in": [True]}})
    assert complete is False


@pytest.mark.parametrize(
    ("form", "field"),
    [({"age_min": "ten"}, "age_min"), ({"age_min": "-1"}, "age_min"), ({"age_min": "30", "age_max": "20"}, "age_max")],
)
def test_bad_numbers_are_named(form: dict[str, Any], field: str) -> None:
    _, errors = tree_from_form(form)
    assert field in errors


def test_the_preview_judges_three_sample_clients() -> None:
    judged = preview({"all": [{"type": "age", "min": 60}]})
    assert [verdict.status.value for _, verdict in judged] == ["ineligible", "ineligible", "eligible"]


def signed_in(client: FlaskClient, db_session: Session) -> str:
    create_user(db_session, "coord@example.org", "correct horse battery staple", Role.COORDINATOR)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    client.post(
        "/login", data={"email": "coord@example.org", "password": "correct horse battery staple", "csrf_token": token}
    )
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/casework").get_data(as_text=True)).group(1)  # type: ignore[union-attr]


def test_preview_does_not_save_and_save_records_history(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory(eligibility_criteria={"all": [{"type": "age", "min": 18}]}).id
    csrf = signed_in(client, db_session)
    page = client.get(f"/coordinator/services/{service_id}/criteria").get_data(as_text=True)
    assert 'id="age_min" name="age_min" inputmode="numeric" value="18"' in page
    data = {"csrf_token": csrf, "age_min": "65", "income_max_fpl": "150", "income_or_enrolled": "ssi"}
    previewed = client.post(f"/coordinator/services/{service_id}/criteria", data={**data, "action": "preview"})
    assert previewed.status_code == 200
    html = previewed.get_data(as_text=True)
    assert "How three sample clients would be judged" in html
    assert "Older veteran on Medicare" in html
    db_session.expire_all()
    assert db_session.get(m.Service, service_id).eligibility_criteria == {"all": [{"type": "age", "min": 18}]}
    saved = client.post(f"/coordinator/services/{service_id}/criteria", data={**data, "action": "save"})
    assert saved.status_code == 302
    db_session.expire_all()
    assert db_session.get(m.Service, service_id).eligibility_criteria == {
        "all": [
            {"type": "age", "min": 65},
            {"any": [{"type": "income", "max_percent_fpl": 150}, {"type": "enrolled_in", "any_of": ["ssi"]}]},
        ]
    }
    history = client.get(f"/coordinator/services/{service_id}/history").get_data(as_text=True)
    assert "eligibility criteria" in history


def test_bad_values_on_the_builder_page_are_named_and_nothing_saved(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    csrf = signed_in(client, db_session)
    response = client.post(
        f"/coordinator/services/{service_id}/criteria", data={"csrf_token": csrf, "age_min": "old", "action": "save"}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "age min: must be a number" in html
    assert 'value="old" aria-invalid="true" aria-describedby="age_min-error"' in html  # tied to its field
    assert '<span class="error" id="age_min-error">must be a number' in html
    db_session.expire_all()
    assert db_session.get(m.Service, service_id).eligibility_criteria is None


@pytest.mark.parametrize(
    "leaf",
    [
        {"type": "income", "max_percent_fpl": 200, "fpg_year": 2024},  # a pinned guideline year
        {"type": "status", "field": "housing_status", "in": ["homeless"], "hard": False},
        {"type": "status", "field": "foster_care", "in": [True]},  # a status the builder has no question for
        {"any": [{"type": "age", "min": 18}, {"type": "enrolled_in", "any_of": ["ssi"]}]},
        {"type": "distance", "max_miles": 5},
    ],
)
def test_the_builder_shows_a_requirement_only_when_it_can_show_all_of_it(leaf: dict[str, Any]) -> None:
    form, complete = form_from_tree({"all": [{"type": "gender", "in": ["female"]}, leaf]})
    assert form["gender"] == ["female"]  # the rest is still shown
    showable = leaf.get("field") == "housing_status"
    assert complete is showable
    if showable:
        assert (form["housing"], form["housing_advisory"]) == (["homeless"], "1")


def test_every_kind_the_builder_asks_about_round_trips() -> None:
    tree = {
        "all": [
            {"type": "age", "max": 17},
            {"type": "gender", "in": ["female", "nonbinary"]},
            {"type": "residency", "states": ["OR"], "postcodes": ["97205"]},
            {"type": "income", "max_percent_fpl": 138.5},
            {"type": "status", "field": "pregnant", "in": [True]},
            {"type": "diagnosis", "any_of": ["sud", "oud"]},
            {"type": "immigration", "in": ["citizen", "lpr"]},
            {"type": "custom", "text": "Lives in public housing"},
            {"type": "custom", "text": "Referred by a school"},
        ]
    }
    form, complete = form_from_tree(tree)
    assert complete
    assert tree_from_form(form) == (tree, {})


def test_a_maximum_age_below_the_minimum_is_the_one_problem_named() -> None:
    _, errors = tree_from_form({"age_min": "30", "age_max": "20"})
    assert errors == {"age_max": ["is below the minimum age"]}
    _, errors = tree_from_form({"age_min": "ten", "age_max": "-2"})
    assert errors == {"age_min": ["must be a number"], "age_max": ["must not be negative"]}
