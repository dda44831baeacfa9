"""Hostile input: oversized bodies, wrong types, deep JSON, SQL and Whoosh query syntax, and HTML in every text
field of a listing. Each gets a clear 4xx naming what is wrong (never a 500), nothing is half-written, and markup
typed into a listing is shown as text on every page that shows it, never run."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.accounts.models import Role
from directory.accounts.operations import create_user, issue_token
from directory.listings import suggestions
from directory.listings.models import Service
from tests import factories as f
from tests.conftest import json_of
from tests.matching.test_workspace import PROFILE
from tests.matching.test_workspace import sign_in as sign_in_case_manager
from tests.matching.test_workspace import token as csrf_token

MIB = 1024 * 1024

# -- HTML in every text field ------------------------------------------------------------------------------------


def payload(field: str) -> str:
    """Markup that would run if shown unescaped, in text or in an attribute; the field's name marks where."""
    return f"\"'><script>alert('{field}')</script><img src=x onerror=alert(1)>{field}"


RAW = ("<script>alert(", "<img src=x", "onerror=alert(1)>")


def assert_shown_as_text(html: str, *fields: str) -> None:
    for raw in RAW:
        assert raw not in html
    for field in fields:
        assert f"&lt;script&gt;alert(&#39;{field}&#39;)&lt;/script&gt;" in html, f"{field} not shown (escaped)"


def hostile_listing() -> Service:
    """A listing whose every free-text field, and its organization's, place's, phone's, hours', documents' and
    category's, holds markup."""
    term = f.TaxonomyTermFactory(code="food_pantry", name=payload("term.name"), description=payload("term.description"))
    organization = f.OrganizationFactory(name=payload("organization.name"), description=payload("org.description"))
    service = f.ServiceFactory(
        organization=organization,
        name=payload("service.name") + " pantry",
        alternate_name=payload("service.alternate_name"),
        description=payload("service.description") + " groceries",
        url="javascript:alert(1)",
        email=payload("service.email"),
        application_process=payload("service.application_process"),
        fees_description=payload("service.fees_description"),
        eligibility_description=payload("service.eligibility_description"),
        interpretation_services=payload("service.interpretation_services"),
        alert=payload("service.alert"),
        wait_time=payload("service.wait_time"),
    )
    f.AttributeFactory(service=service, taxonomy_term=term)
    location = f.LocationFactory(
        organization=organization,
        name=payload("location.name"),
        description=payload("location.description"),
        transportation=payload("location.transportation"),
    )
    f.AddressFactory(location=location, address_1=payload("address.address_1"), city=payload("address.city"))
    f.ServiceAtLocationFactory(service=service, location=location, description=payload("sal.description"))
    f.PhoneFactory(service=service, number="503-555-0100", description=payload("phone.description"))
    f.ScheduleFactory(service=service, description=payload("schedule.description"), notes=payload("schedule.notes"))
    f.RequiredDocumentFactory(service=service, document=payload("document.document"))
    f.LanguageFactory(service=service, name=payload("language.name"), note=payload("language.note"))
    f.CostOptionFactory(service=service, amount_description=payload("cost.amount_description"))
    return service


def test_markup_in_a_listing_is_shown_as_text_on_every_public_page(client: FlaskClient, db_session: Session) -> None:
    service = hostile_listing()
    page = client.get(f"/services/{service.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert_shown_as_text(
        html,
        "service.name",
        "service.description",
        "organization.name",
        "service.application_process",
        "service.eligibility_description",
        "service.alert",
        "phone.description",
        "document.document",
        "address.address_1",
        "term.name",
    )
    assert 'href="javascript:' not in html  # a website that is not http(s) is shown, not linked
    for path in ("/search?search=pantry", "/search?search=groceries", f"/services/{service.id}/suggest"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_shown_as_text(response.get_data(as_text=True), "service.name")
    shared = client.get(client.post("/share", data={"service": [str(service.id)]}).headers["Location"])
    assert shared.status_code == 200
    assert_shown_as_text(
        shared.get_data(as_text=True), "service.name", "organization.name", "address.address_1", "language.name"
    )


def test_markup_in_a_listing_is_shown_as_text_in_the_case_managers_workspace_and_handout(
    client: FlaskClient, db_session: Session
) -> None:
    service = hostile_listing()
    csrf = sign_in_case_manager(client, db_session)
    client.post("/casework", data={**PROFILE, "needs": "food_pantry", "csrf_token": csrf})
    workspace = client.get("/casework").get_data(as_text=True)
    assert_shown_as_text(workspace, "service.name")
    note = payload("handout.note")
    handout = client.post("/casework/handout", data={"service_id": [str(service.id)], "note": note, "csrf_token": csrf})
    assert handout.status_code == 200
    assert_shown_as_text(handout.get_data(as_text=True), "service.name", "document.document", "handout.note")


def test_markup_in_a_listing_and_in_a_suggested_fix_is_shown_as_text_to_coordinators(
    client: FlaskClient, db_session: Session
) -> None:
    service = hostile_listing()
    suggested = suggestions.suggest(
        db_session,
        service.id,
        field="phone",
        proposed=payload("suggestion.proposed"),
        note=payload("suggestion.note"),
        source="hostile-input-test",
    )
    assert suggested is not None
    create_user(db_session, "coordinator@example.org", "correct horse battery staple", Role.COORDINATOR)
    login = client.get("/login").get_data(as_text=True)
    signed_in = client.post(
        "/login",
        data={
            "email": "coordinator@example.org",
            "password": "correct horse battery staple",
            "csrf_token": csrf_token(login),
        },
    )
    assert signed_in.status_code == 302
    pages = {
        f"/coordinator/services/{service.id}": ("service.name", "service.description"),
        f"/coordinator/services/{service.id}/details": ("service.name",),
        f"/coordinator/services/{service.id}/history": ("service.name",),
        f"/coordinator/organizations/{service.organization_id}": ("organization.name",),
        "/coordinator/suggestions": ("suggestion.proposed", "suggestion.note", "service.name"),
        "/coordinator": (),  # the dashboard: counts and stale listings (this one is fresh)
    }
    for path, fields in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert_shown_as_text(response.get_data(as_text=True), *fields)


def test_markup_written_through_the_api_is_kept_as_typed_and_shown_as_text(
    client: FlaskClient, db_session: Session
) -> None:
    service = f.ServiceFactory()
    create_user(db_session, "coordinator@example.org", "correct horse battery staple", Role.COORDINATOR)
    auth = {"Authorization": f"Bearer {issue_token(db_session, 'coordinator@example.org')}"}
    name = payload("api.name")
    written = client.patch(f"/api/services/{service.id}", json={"name": name}, headers=auth)
    assert written.status_code == 200
    assert json_of(written)["name"] == name  # stored as typed: escaping is the page's job, not the data's
    assert_shown_as_text(client.get(f"/services/{service.id}").get_data(as_text=True), "api.name")


# -- query syntax -------------------------------------------------------------------------------------------------

QUERY_ATTACKS = [
    "'; DROP TABLE services; --",
    "' OR '1'='1",
    "1; SELECT pg_sleep(10)",
    'food" OR 1=1 --',
    "name:*",
    "*",
    "?",
    "food~",
    "food^100",
    "[a TO z]",
    "{a TO z}",
    "(((food",
    "food))))",
    '"unclosed phrase',
    "AND OR NOT",
    "food AND",
    "NOT",
    "organization:(x OR y)",
    "\\",
    "%00",
    "\x00food",
    "\u202efood\u202c",
    "食物 ☃ 🍞",
    "<script>alert(1)</script>",
    "food " * 400,
]


@pytest.mark.parametrize("text", QUERY_ATTACKS, ids=range(len(QUERY_ATTACKS)))
def test_search_and_query_syntax_is_searched_for_as_words_never_run(
    client: FlaskClient, db_session: Session, text: str
) -> None:
    f.ServiceFactory(name="Community Food Pantry")
    for path in ("/api/services", "/search", "/api/taxonomy_terms", "/api/organizations"):
        response = client.get(path, query_string={"search": text})
        assert response.status_code in (200, 422), (path, response.status_code)
        if response.status_code == 422 and path.startswith("/api/"):
            assert "search" in json_of(response)["errors"]  # too long, say: named
    assert db_session.scalar(select(func.count()).select_from(Service)) == 1  # nothing dropped, nothing added


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("postcode", "'; DROP TABLE services; --"),
        ("postcode", "9720"),
        ("lat", "1e309"),
        ("lat", "nan"),
        ("lon", "-inf"),
        ("radius_miles", "-5"),
        ("age", "abc"),
        ("age", "99999999999999999999999"),
        ("page", "-1"),
        ("per_page", "100000000"),
        ("insurance", "<script>"),
        ("open_now", "maybe"),
        ("taxonomy_term_id", "not-a-uuid"),
        ("language", "x" * 5000),
        ("format", "xml"),
    ],
)
def test_a_search_parameter_of_the_wrong_kind_is_refused_by_name(
    client: FlaskClient, db_session: Session, name: str, value: str
) -> None:
    response = client.get("/api/services", query_string={name: value})
    assert response.status_code in (200, 422)  # ignored when it is harmless, else named
    if response.status_code == 422:
        assert any(field.split(".")[0] == name for field in json_of(response)["errors"])
    page = client.get("/search", query_string={name: value})
    assert page.status_code in (200, 422)


# -- wrong types, deep JSON and oversized bodies on the JSON APIs ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([], "_body"),
        ("profile", "_body"),
        ({"profile": "adult"}, "profile"),
        ({"profile": {"age": "forty"}}, "profile.age"),
        ({"profile": {"age": -1}}, "profile.age"),
        ({"profile": {"age": 10**30}}, "profile.age"),
        ({"profile": {"household_size": 0}}, "profile.household_size"),
        ({"profile": {"income": {"amount": "lots", "period": "month"}}}, "profile.income.amount"),
        ({"profile": {"income": {"amount": 1e309, "period": "month"}}}, "profile.income.amount"),
        ({"profile": {"insurance": "medicaid"}}, "profile.insurance"),
        ({"profile": {"insurance": [{"category": "'; DROP TABLE services; --"}]}}, "profile.insurance.0.category"),
        ({"profile": {"postcode": "<script>"}}, "profile.postcode"),
        ({"profile": {"veteran": "sometimes"}}, "profile.veteran"),
        ({"profile": {"password": "x"}}, "profile.password"),
        ({"needs": "food"}, "needs"),
        ({"needs": [1, 2]}, "needs.0"),
        ({"needs": ["x" * 1000]}, "needs.0"),
        ({"query": {"$ne": None}}, "query"),
        ({"service_ids": ["1 OR 1=1"]}, "service_ids.0"),
        ({"limit": 10**9}, "limit"),
        ({"radius_miles": "far"}, "radius_miles"),
    ],
)
def test_a_match_request_of_the_wrong_shape_is_a_422_naming_the_field(
    client: FlaskClient, db_session: Session, body: Any, field: str
) -> None:
    response = client.post("/api/match", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    errors = json_of(response)["errors"]
    assert any(name == field or name.startswith(field + ".") for name in errors), errors


@pytest.fixture
def writer(db_session: Session) -> dict[str, str]:
    create_user(db_session, "coordinator@example.org", "correct horse battery staple", Role.COORDINATOR)
    return {"Authorization": f"Bearer {issue_token(db_session, 'coordinator@example.org')}"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": {"text": "Pantry"}}, "name"),
        ({"name": ["Food", "Pantry"]}, "name"),
        ({"status": "'; DROP TABLE services; --"}, "status"),
        ({"phones": "503-555-0100"}, "phones"),
        ({"phones": [{"number": {"$gt": ""}}]}, "phones"),
        ({"minimum_age": "eighteen"}, "minimum_age"),
        ({"eligibility_criteria": {"type": "age", "min": "<script>"}}, "eligibility_criteria"),
        ({"organization_id": "1 OR 1=1"}, "organization_id"),
    ],
)
def test_a_write_of_the_wrong_shape_is_refused_by_name_and_changes_nothing(
    client: FlaskClient, db_session: Session, writer: dict[str, str], body: dict[str, Any], field: str
) -> None:
    service = f.ServiceFactory(name="Community Food Pantry")
    before = json_of(client.get(f"/api/services/{service.id}"))
    response = client.patch(f"/api/services/{service.id}", json=body, headers=writer)
    assert response.status_code == 422
    errors = json_of(response)["errors"]
    assert any(name == field or name.startswith(field) or field in name for name in errors), errors
    assert json_of(client.get(f"/api/services/{service.id}")) == before


@pytest.mark.parametrize("method", ["PATCH", "PUT"])
def test_deeply_nested_or_oversized_writes_are_refused_clearly(
    client: FlaskClient, db_session: Session, writer: dict[str, str], method: str
) -> None:
    service = f.ServiceFactory(name="Community Food Pantry")
    deep = client.open(
        f"/api/services/{service.id}",
        method=method,
        data='{"name": ' + "[" * 100_000 + "]" * 100_000 + "}",
        content_type="application/json",
        headers=writer,
    )
    assert deep.status_code == 422
    assert json_of(deep)["message"] == "The body is not valid JSON (or is nested too deeply)."
    huge = client.open(
        f"/api/services/{service.id}",
        method=method,
        data=json.dumps({"name": "Pantry", "description": "x" * (2 * MIB)}),
        content_type="application/json",
        headers=writer,
    )
    assert huge.status_code == 413
    assert json_of(huge)["code"] == 413
    not_json = client.open(
        f"/api/services/{service.id}", method=method, data="name=Pantry", content_type="text/plain", headers=writer
    )
    assert not_json.status_code == 422
    assert "Content-Type: application/json" in json_of(not_json)["message"]
    assert json_of(client.get(f"/api/services/{service.id}"))["name"] == "Community Food Pantry"


def test_an_oversized_form_is_a_413_page_not_a_crash(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory()
    response = client.post("/login", data={"email": "a@b.org", "password": "x" * (2 * MIB)})
    assert response.status_code == 413
    assert response.mimetype == "text/html"
    suggestion = client.post(f"/services/{service.id}/suggest", data={"note": "x" * (2 * MIB)})
    assert suggestion.status_code == 413


@pytest.mark.parametrize(
    ("method", "path", "sent", "named"),
    [
        ("GET", "/api/services", {"query_string": {"search": "food\x00"}}, "search"),
        ("GET", "/api/taxonomy_terms", {"query_string": {"search": "\x00"}}, "search"),
        ("POST", "/api/match", {"json": {"profile": {"age": 30}, "needs": ["\x00"]}}, "needs[0]"),
        ("POST", "/api/match", {"json": {"profile": {"age": 30, "state": "O\x00R"}}}, "profile.state"),
        ("GET", "/search", {"query_string": {"search": "shelter\x00"}}, "search"),
    ],
)
def test_a_nul_character_anywhere_is_refused_by_where_it_is(
    client: FlaskClient, db_session: Session, method: str, path: str, sent: dict[str, Any], named: str
) -> None:
    """No text the directory keeps or searches can hold a NUL (PostgreSQL refuses one): a 422 naming where it is,
    never a 500 from the database."""
    response = client.open(path, method=method, **sent)
    assert response.status_code == 422
    if path.startswith("/api/"):
        assert json_of(response)["errors"] == {named: ["must not contain a NUL character"]}
    else:
        assert "NUL character" in response.get_data(as_text=True)
