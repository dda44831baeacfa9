"""The HSDS read API: envelopes, paging, nesting, filters and errors."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests import factories as f
from tests.conftest import json_of

ENVELOPE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def test_root_names_the_hsds_version_and_openapi_url(client: FlaskClient) -> None:
    body = json_of(client.get("/api/"))
    assert body["version"] == "3.1"
    assert body["openapi_url"] == "http://localhost/api/openapi.json"
    openapi = json_of(client.get("/api/openapi.json"))
    assert openapi["openapi"].startswith("3.1")
    assert "/services/{id}" in openapi["paths"]


def test_services_are_paged_in_name_order(client: FlaskClient, db_session: Session) -> None:
    for name in ["Cedar Food Pantry", "Alder Shelter", "Birch Clinic"]:
        f.ServiceFactory(name=name)
    body = json_of(client.get("/api/services?per_page=2&sort=name"))
    assert set(body) >= ENVELOPE_KEYS
    assert [s["name"] for s in body["contents"]] == ["Alder Shelter", "Birch Clinic"]
    assert (body["total_items"], body["total_pages"], body["size"]) == (3, 2, 2)
    assert (body["first_page"], body["last_page"], body["empty"]) == (True, False, False)
    second = json_of(client.get("/api/services?per_page=2&page=2&sort=name"))
    assert [s["name"] for s in second["contents"]] == ["Cedar Food Pantry"]
    assert (second["page_number"], second["first_page"], second["last_page"]) == (2, False, True)


def test_services_page_past_the_end_is_empty_not_an_error(client: FlaskClient, db_session: Session) -> None:
    f.ServiceFactory()
    body = json_of(client.get("/api/services?page=5"))
    assert body["empty"] is True
    assert body["contents"] == []
    assert body["total_items"] == 1


def test_retired_and_inactive_services_are_not_listed(client: FlaskClient, db_session: Session) -> None:
    f.ServiceFactory(name="Open Pantry")
    f.ServiceFactory(name="Closed For Good", retired=True)
    body = json_of(client.get("/api/services"))
    assert [s["name"] for s in body["contents"]] == ["Open Pantry"]


def test_list_items_carry_organization_and_extensions(client: FlaskClient, db_session: Session) -> None:
    f.ServiceFactory(organization__name="Rose City Food Network", medicaid=True)
    item = json_of(client.get("/api/services"))["contents"][0]
    assert item["organization"]["name"] == "Rose City Food Network"
    assert item["insurance_accepted"][1] == {"category": "medicaid_mco", "plans": ["careoregon"]}
    assert item["eligibility_criteria"] is None  # extension nulls mean "not known" and are kept
    assert "alternate_name" not in item  # HSDS nulls are left out


def test_services_filter_by_organization_and_taxonomy_term(client: FlaskClient, db_session: Session) -> None:
    org = f.OrganizationFactory()
    pantry = f.ServiceFactory(name="Pantry", organization=org)
    f.ServiceFactory(name="Clinic", organization=org)
    f.ServiceFactory(name="Elsewhere")
    parent = f.TaxonomyTermFactory(code="food", name="Food")
    term = f.TaxonomyTermFactory(code="food_pantry", parent=parent, taxonomy_detail=parent.taxonomy_detail)
    f.AttributeFactory(service=pantry, taxonomy_term=term)

    by_org = json_of(client.get(f"/api/services?organization_id={org.id}"))
    assert sorted(s["name"] for s in by_org["contents"]) == ["Clinic", "Pantry"]
    by_term = json_of(client.get(f"/api/services?taxonomy_term_id={term.id}"))
    assert [s["name"] for s in by_term["contents"]] == ["Pantry"]
    by_parent = json_of(client.get(f"/api/services?taxonomy_term_id={parent.id}"))
    assert [s["name"] for s in by_parent["contents"]] == ["Pantry"]
    by_taxonomy = json_of(client.get(f"/api/services?taxonomy_id={parent.taxonomy_id}"))
    assert [s["name"] for s in by_taxonomy["contents"]] == ["Pantry"]


def test_minimal_services_hold_only_the_essentials(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory()
    item = json_of(client.get("/api/services?minimal=true"))["contents"][0]
    assert item == {
        "id": str(service.id),
        "name": service.name,
        "status": "active",
        "organization_id": str(service.organization_id),
        "last_modified": "2026-10-01T12:00:00+00:00",
        "distance_miles": None,
        "open_now": None,
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("page=-1", "page"),
        ("page=two", "page"),
        ("organization_id=not-a-uuid", "organization_id"),
        ("modified_after=yesterday", "modified_after"),
        ("colour=blue", "colour"),
    ],
)
def test_bad_query_values_get_a_422_envelope_naming_them(client: FlaskClient, query: str, field: str) -> None:
    response = client.get(f"/api/services?{query}")
    assert response.status_code == 422
    body = json_of(response)
    assert body["code"] == 422
    assert body["status"] == "Unprocessable Entity"
    assert field in body["errors"]
    assert field in body["message"]


def test_modified_after_takes_an_instant_or_a_plain_date(client: FlaskClient, db_session: Session, app: Flask) -> None:
    """A plain date means its midnight in the directory's time zone (spec/api.md), not UTC's."""
    evening_before = datetime(2026, 10, 1, 3, 0, tzinfo=UTC)  # 20:00 on 30 September in Portland
    f.ServiceFactory(name="Changed the evening before", last_modified=evening_before)
    f.ServiceFactory(name="Changed that day", last_modified=datetime(2026, 10, 1, 12, 0, tzinfo=UTC))
    assert app.config["TIMEZONE"] == "America/Los_Angeles"

    def names(query: str) -> list[str]:
        return sorted(s["name"] for s in json_of(client.get(f"/api/services?{query}"))["contents"])

    assert names("modified_after=2026-10-01") == ["Changed that day"]
    assert names("modified_after=2026-10-01T00:00:00%2B00:00") == ["Changed that day", "Changed the evening before"]
    assert names("modified_after=2026-10-02") == []
    refused = client.get("/api/services?modified_after=2026-02-30")
    assert refused.status_code == 422
    assert "modified_after" in json_of(refused)["errors"]


def test_one_service_is_fully_nested(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(adults_only=True)
    sal = f.ServiceAtLocationFactory(service=service)
    f.AddressFactory(location=sal.location, postal_code="97214")
    f.PhoneFactory(service=service, number="503-555-0142")
    f.ScheduleFactory(service=service, byday="1SA", freq="MONTHLY")
    f.LanguageFactory(service=service)
    f.RequiredDocumentFactory(service=service, document="Proof of address")
    f.ServiceCapacityFactory(service=service)
    f.AttributeFactory(service=service, taxonomy_term__code="food_pantry")
    service_id = service.id

    response = client.get(f"/api/services/{service_id}")
    assert response.status_code == 200
    body = json_of(response)
    assert body["id"] == str(service_id)
    assert body["phones"][0]["number"] == "503-555-0142"
    assert body["schedules"][0]["byday"] == "1SA"
    assert body["languages"][0]["code"] == "es"
    assert body["required_documents"][0]["document"] == "Proof of address"
    assert body["capacities"][0]["unit"]["name"] == "beds"
    assert body["capacities"][0]["updated"].endswith("+00:00")
    assert body["attributes"][0]["taxonomy_term"]["code"] == "food_pantry"
    location = body["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "97214"
    assert body["eligibility_criteria"] == {"all": [{"type": "age", "min": 18}]}
    assert body["minimum_age"] == 18
    assert body["organization"]["name"] == service.organization.name


def test_unknown_service_is_a_404_envelope(client: FlaskClient) -> None:
    response = client.get(f"/api/services/{uuid.uuid4()}")
    assert response.status_code == 404
    assert json_of(response)["status"] == "Not Found"


def test_malformed_ids_and_unknown_routes_are_json_404s(client: FlaskClient) -> None:
    for path in ["/api/services/17", "/api/nothing-here"]:
        response = client.get(path)
        assert response.status_code == 404
        assert json_of(response)["code"] == 404


def test_wrong_method_is_a_405_envelope(client: FlaskClient) -> None:
    response = client.post("/api/taxonomies")
    assert response.status_code == 405
    assert json_of(response)["code"] == 405


def test_organizations_list_and_detail(client: FlaskClient, db_session: Session) -> None:
    org = f.OrganizationFactory(name="Eastside Community Food Network")
    f.LocationFactory(organization=org, name="Gateway pantry")
    f.ServiceFactory(organization=org)
    org_id = org.id
    listing = json_of(client.get("/api/organizations"))
    assert [o["name"] for o in listing["contents"]] == ["Eastside Community Food Network"]
    detail = json_of(client.get(f"/api/organizations/{org_id}"))
    assert detail["locations"][0]["name"] == "Gateway pantry"
    assert client.get(f"/api/organizations/{uuid.uuid4()}").status_code == 404


def test_taxonomies_and_terms(client: FlaskClient, db_session: Session) -> None:
    parent = f.TaxonomyTermFactory(code="food", name="Food")
    child = f.TaxonomyTermFactory(
        code="food_pantry", name="Food pantry", parent=parent, taxonomy_detail=parent.taxonomy_detail
    )
    taxonomy_id = parent.taxonomy_id
    taxonomies = json_of(client.get("/api/taxonomies"))
    assert [t["id"] for t in taxonomies["contents"]] == [str(taxonomy_id)]
    assert json_of(client.get(f"/api/taxonomies/{taxonomy_id}"))["name"] == parent.taxonomy
    terms = json_of(client.get(f"/api/taxonomy_terms?parent_id={parent.id}"))
    assert [t["code"] for t in terms["contents"]] == ["food_pantry"]
    top = json_of(client.get("/api/taxonomy_terms?top_only=true"))
    assert [t["code"] for t in top["contents"]] == ["food"]
    term = json_of(client.get(f"/api/taxonomy_terms/{child.id}"))
    assert term["parent_id"] == str(parent.id)
    assert term["taxonomy_detail"]["id"] == str(taxonomy_id)


def test_lists_take_hsds_search_and_format(client: FlaskClient, db_session: Session) -> None:
    """HSDS's `search` on the organization, taxonomy and term lists: every word found, any case, `%` literal."""
    f.OrganizationFactory(name="Eastside Food Network", description="Groceries for 100% of the county.")
    f.OrganizationFactory(name="Westside Legal Aid", description="Free legal help.")
    f.TaxonomyTermFactory(code="food_pantry", name="Food pantry", taxonomy_detail=f.TaxonomyFactory(name="Needs"))
    names = [o["name"] for o in json_of(client.get("/api/organizations?search=FOOD+groceries"))["contents"]]
    assert names == ["Eastside Food Network"]
    assert json_of(client.get("/api/organizations?search=food+legal"))["total_items"] == 0
    assert json_of(client.get("/api/organizations?search=100%25"))["total_items"] == 1
    assert json_of(client.get("/api/organizations?search=1%25"))["total_items"] == 0
    assert [t["name"] for t in json_of(client.get("/api/taxonomies?search=needs"))["contents"]] == ["Needs"]
    assert [t["code"] for t in json_of(client.get("/api/taxonomy_terms?search=pantry"))["contents"]] == ["food_pantry"]
    assert json_of(client.get("/api/taxonomy_terms?search=food_pantry&format=json"))["total_items"] == 1
    refused = client.get("/api/taxonomies?format=ndjson")
    assert refused.status_code == 422
    assert set(json_of(refused)["errors"]) == {"format"}


def test_organizations_filter_by_their_services_taxonomy(client: FlaskClient, db_session: Session) -> None:
    term = f.TaxonomyTermFactory(code="food_pantry")
    other = f.TaxonomyTermFactory(code="legal_aid")
    fed = f.OrganizationFactory(name="Fed")
    f.AttributeFactory(service=f.ServiceFactory(organization=fed), taxonomy_term=term)
    f.AttributeFactory(
        service=f.ServiceFactory(organization=f.OrganizationFactory(name="Advised")), taxonomy_term=other
    )
    retired = f.OrganizationFactory(name="Retired")
    f.AttributeFactory(service=f.ServiceFactory(organization=retired, retired=True), taxonomy_term=term)
    by_term = json_of(client.get(f"/api/organizations?taxonomy_term_id={term.id}"))
    assert [o["name"] for o in by_term["contents"]] == ["Fed"]
    by_taxonomy = json_of(client.get(f"/api/organizations?taxonomy_id={other.taxonomy_id}"))
    assert [o["name"] for o in by_taxonomy["contents"]] == ["Advised"]


def test_public_reads_allow_any_origin(client: FlaskClient) -> None:
    assert client.get("/api/taxonomies").headers["Access-Control-Allow-Origin"] == "*"


def test_search_parameter_ranks_matching_services(client: FlaskClient, db_session: Session) -> None:
    f.ServiceFactory(name="Walk-In Detox Center", description="Medical withdrawal management.")
    f.ServiceFactory(name="Community Food Pantry", description="Groceries weekly.")
    body = json_of(client.get("/api/services?search=detox"))
    assert [s["name"] for s in body["contents"]] == ["Walk-In Detox Center"]


def test_openapi_describes_every_api_route(client: FlaskClient) -> None:
    documented = set(json_of(client.get("/api/openapi.json"))["paths"])
    routes = {
        "/"
        + rule.rule.removeprefix("/api/")
        .replace("<uuid:service_id>", "{id}")
        .replace("<uuid:organization_id>", "{id}")
        .replace("<uuid:taxonomy_id>", "{id}")
        .replace("<uuid:term_id>", "{id}")
        .replace("<uuid:sal_id>", "{id}")
        for rule in client.application.url_map.iter_rules()
        if rule.rule.startswith("/api/") and rule.rule != "/api/openapi.json"
    }
    assert routes <= documented, routes - documented
