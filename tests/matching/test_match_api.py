"""POST /api/match as docs/api.md describes it."""

from __future__ import annotations

import copy
import logging
import uuid
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.api.openapi import MatchAnswerSchema, json_schema
from directory.db import Session as ScopedSession
from directory.listings.models import TaxonomyTerm
from tests import factories as f
from tests.conftest import json_of

SPEC_EXAMPLE: dict[str, Any] = {
    "profile": {
        "as_of": "2026-11-23", "age": 34, "birth_date": None, "gender": "female",
        "household_size": 3, "income": {"amount": 2100, "period": "month"},
        "postcode": "97205", "county": "Multnomah", "state": "OR",
        "insurance": [{"category": "medicaid_mco", "plan": "careoregon"}],
        "veteran": False, "pregnant": None, "disability": True, "housing_status": "homeless",
        "diagnoses": {"smi": "yes", "sud": "suspected"}, "immigration_status": None,
        "enrolled_in": ["snap"], "languages": ["es"],
    },
    "needs": ["mh_outpatient"], "query": "free text", "service_ids": None,
    "near": {"postcode": "97205"}, "radius_miles": 25, "include_ineligible": False, "limit": 20,
}  # fmt: skip


def service(name: str, criteria: Any = None, *, code: str = "mh_outpatient", **fields: Any) -> uuid.UUID:
    made = f.ServiceFactory(name=name, eligibility_criteria=criteria, **fields)
    sal = f.ServiceAtLocationFactory(service=made)
    f.AddressFactory(location=sal.location)
    term = ScopedSession().scalar(select(TaxonomyTerm).where(TaxonomyTerm.code == code))
    f.AttributeFactory(service=made, taxonomy_term=term or f.TaxonomyTermFactory(code=code, name=code))
    f.RequiredDocumentFactory(service=made, document="Insurance card")
    return made.id


def post(client: FlaskClient, body: dict[str, Any]) -> Any:
    response = client.post("/api/match", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def statuses(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [(r["service"]["name"], r["eligibility"]["status"]) for r in answer["results"]]


def test_the_spec_example_gets_the_documented_shape(client: FlaskClient, db_session: Session) -> None:
    from jsonschema import Draft202012Validator

    service(
        "Adult Outpatient Counseling", {"all": [{"type": "age", "min": 18}, {"type": "diagnosis", "any_of": ["smi"]}]}
    )
    body = copy.deepcopy(SPEC_EXAMPLE)
    body["query"] = ""
    answer = post(client, body)
    assert list(Draft202012Validator(json_schema(MatchAnswerSchema)).iter_errors(answer)) == []
    result = answer["results"][0]
    assert result["eligibility"]["status"] == "eligible"
    assert {r["criterion"] for r in result["eligibility"]["reasons"]} == {"age", "diagnosis"}
    assert "Insurance card" in result["eligibility"]["documents"]
    assert result["insurance"]["status"] in {"accepted", "check", "not_accepted", "not_applicable"}
    assert result["distance_miles"] is not None


def test_verdicts_are_ranked_eligible_possibly_then_near_misses(client: FlaskClient, db_session: Session) -> None:
    service("Open To All")
    service("Needs Income Check", {"type": "income", "max_percent_fpl": 200})
    service("Just Over The Limit", {"type": "income", "max_percent_fpl": 100})  # 2,500/mo for 3 is 110%
    service("Far Over The Limit", {"type": "income", "max_percent_fpl": 50})
    profile = {"as_of": "2026-11-23", "household_size": 3, "income": {"amount": 2500, "period": "month"}}
    answer = post(client, {"profile": profile, "needs": ["mh_outpatient"]})
    assert sorted(statuses(answer)) == [("Needs Income Check", "eligible"), ("Open To All", "eligible")]
    everything = post(client, {"profile": profile, "needs": ["mh_outpatient"], "include_ineligible": True})
    assert [name for name, _ in statuses(everything)][2:] == ["Just Over The Limit", "Far Over The Limit"]
    near = everything["results"][2]["eligibility"]
    assert near["near_miss"] is True
    assert "over the limit" in near["what_would_change"][0]
    assert everything["results"][3]["eligibility"]["near_miss"] is False


def test_unknowns_make_possibly_eligible_and_the_best_question_comes_first(
    client: FlaskClient, db_session: Session
) -> None:
    service("A", {"type": "income", "max_percent_fpl": 200})
    service("B", {"all": [{"type": "income", "max_percent_fpl": 150}, {"type": "age", "min": 18}]})
    service("C", {"type": "status", "field": "veteran", "in": [True]})
    answer = post(client, {"profile": {}, "needs": ["mh_outpatient"]})
    assert {status for _, status in statuses(answer)} == {"possibly_eligible"}
    questions = answer["questions"]
    assert questions[0]["field"] in {"income", "household_size"}
    assert questions[0]["resolves"] == 2
    assert questions[0]["prompt"].endswith("?")
    assert {q["field"] for q in questions} == {"income", "household_size", "age", "veteran"}


def test_unknown_is_never_treated_as_false(client: FlaskClient, db_session: Session) -> None:
    service("Veterans Only", {"type": "status", "field": "veteran", "in": [True]})
    unknown = post(client, {"profile": {"veteran": None}})
    assert statuses(unknown) == [("Veterans Only", "possibly_eligible")]
    assert post(client, {"profile": {"veteran": False}})["results"] == []


def test_service_ids_restrict_and_needs_accept_term_codes_and_ids(client: FlaskClient, db_session: Session) -> None:
    first = service("First")
    service("Second", code="food_pantry")
    assert statuses(post(client, {"profile": {}, "service_ids": [str(first)]})) == [("First", "eligible")]
    assert statuses(post(client, {"profile": {}, "needs": ["food_pantry"]})) == [("Second", "eligible")]


@pytest.mark.parametrize(
    ("profile", "fields"),
    [
        ({"age": -1}, ["profile.age"]),
        ({"household_size": 0}, ["profile.household_size"]),
        ({"income": {"amount": 100, "period": "fortnight"}}, ["profile.income.period"]),
        ({"income": {"amount": -5, "period": "month"}}, ["profile.income.amount"]),
        ({"insurance": [{"category": "gold_plan"}]}, ["profile.insurance.0.category"]),
        ({"diagnoses": {"smi": "maybe"}}, ["profile.diagnoses.smi.value"]),
        ({"housing_status": "couch"}, ["profile.housing_status"]),
        ({"favourite_colour": "blue"}, ["profile.favourite_colour"]),
        (
            {"age": -1, "household_size": 0, "postcode": "abc"},
            ["profile.age", "profile.household_size", "profile.postcode"],
        ),
    ],
)
def test_bad_profiles_are_422s_naming_each_field(
    client: FlaskClient, profile: dict[str, Any], fields: list[str]
) -> None:
    response = client.post("/api/match", json={"profile": profile})
    assert response.status_code == 422
    errors = json_of(response)["errors"]
    for field in fields:
        assert field in errors, errors


def test_a_body_that_is_not_an_object_is_a_422(client: FlaskClient) -> None:
    response = client.post("/api/match", data="[1, 2]", content_type="application/json")
    assert response.status_code == 422
    assert client.post("/api/match", data="not json", content_type="application/json").status_code == 422


def test_nothing_of_the_profile_is_logged(
    client: FlaskClient, db_session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    service("Adult Counseling", {"type": "age", "min": 18})
    body = copy.deepcopy(SPEC_EXAMPLE)
    body["profile"]["county"] = "Zyxwvut"
    body["query"] = "methadone secretword"
    with caplog.at_level(logging.DEBUG):
        post(client, body)
        client.post("/api/match", json={"profile": {"age": -7, "county": "Zyxwvut"}})
    logged = caplog.text
    for value in ("Zyxwvut", "secretword", "careoregon", "homeless", "97205", "2100"):
        assert value not in logged
