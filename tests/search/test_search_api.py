"""GET /api/services as a case manager uses it: search, filters, facets, distance, ranking, and safety."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from tests import factories as f
from tests.conftest import json_of

DOWNTOWN = (45.5207, -122.6888)  # ZIP 97205
GRESHAM = (45.4989, -122.4302)  # about 12 miles east
VANCOUVER = (45.6387, -122.6615)  # across the river, about 8 miles north


def listing(
    name: str,
    *,
    where: tuple[float, float] | None = DOWNTOWN,
    code: str | None = None,
    always_open: bool = False,
    languages: tuple[str, ...] = (),
    **fields: Any,
) -> uuid.UUID:
    service = f.ServiceFactory(name=name, **fields)
    if where is not None:
        f.ServiceAtLocationFactory(service=service, location__latitude=where[0], location__longitude=where[1])
    if code:
        term = f.TaxonomyTermFactory(code=code, name=code.replace("_", " ").capitalize())
        f.AttributeFactory(service=service, taxonomy_term=term)
    if always_open:
        f.ScheduleFactory(service=service, byday="MO,TU,WE,TH,FR,SA,SU", opens_at="00:00", closes_at="23:59")
    else:  # open only on one day in 2020: never open now
        f.ScheduleFactory(service=service, valid_from=date(2020, 1, 1), valid_to=date(2020, 1, 31))
    for code_ in languages:
        f.LanguageFactory(service=service, code=code_, name={"es": "Spanish", "ru": "Russian"}.get(code_, code_))
    return service.id


def names(client: FlaskClient, **params: Any) -> list[str]:
    response = client.get("/api/services", query_string={"facets": "false", **params})
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["name"] for item in response.get_json()["contents"]]


def test_filters_by_language_and_insurance(client: FlaskClient, db_session: Session) -> None:
    listing("Spanish Clinic", languages=("es",), medicaid=True)
    listing("Russian Clinic", languages=("ru",))
    listing("English Clinic")
    assert names(client, language="es") == ["Spanish Clinic"]
    assert sorted(names(client, language="es,ru")) == ["Russian Clinic", "Spanish Clinic"]
    assert names(client, insurance="medicaid") == ["Spanish Clinic"]
    assert names(client, language="ru", insurance="medicaid") == []


def test_filters_by_age_and_taking_new_clients(client: FlaskClient, db_session: Session) -> None:
    listing("Adult Counseling", adults_only=True, accepting_new_clients=True)
    listing("Family Counseling", accepting_new_clients=False)
    assert sorted(names(client, age=15)) == ["Family Counseling"]
    assert sorted(names(client, age=40)) == ["Adult Counseling", "Family Counseling"]
    assert names(client, accepting_new_clients="true") == ["Adult Counseling"]


def test_filters_by_category_code_and_parent_term(client: FlaskClient, db_session: Session) -> None:
    listing("Pantry", code="food_pantry")
    listing("Detox", code="detox")
    assert names(client, taxonomy_code="food_pantry") == ["Pantry"]
    body = json_of(client.get("/api/services", query_string={"taxonomy_code": "no_such_code"}))
    assert body["code"] == 422
    assert "taxonomy_code" in body["errors"]


def test_open_now_keeps_only_what_is_open(client: FlaskClient, db_session: Session) -> None:
    listing("Crisis Line", always_open=True)
    listing("Office Hours Clinic")
    assert names(client, open_now="true") == ["Crisis Line"]
    item = json_of(client.get("/api/services", query_string={"search": "clinic"}))["contents"][0]
    assert item["open_now"] is False


def test_distance_radius_and_sort(client: FlaskClient, db_session: Session) -> None:
    listing("Downtown Pantry", where=DOWNTOWN)
    listing("Gresham Pantry", where=GRESHAM)
    listing("Vancouver Pantry", where=VANCOUVER)
    listing("Phone Line", where=None)
    body = json_of(client.get("/api/services", query_string={"postcode": "97205", "sort": "distance"}))
    ordered = [(item["name"], item["distance_miles"]) for item in body["contents"]]
    assert [name for name, _ in ordered] == ["Downtown Pantry", "Vancouver Pantry", "Gresham Pantry", "Phone Line"]
    assert ordered[0][1] == pytest.approx(0.0, abs=0.2)
    assert 7 < ordered[1][1] < 10
    assert 10 < ordered[2][1] < 14
    assert ordered[3][1] is None
    within = names(client, postcode="97205", radius_miles=10, sort="distance")
    assert within == ["Downtown Pantry", "Vancouver Pantry"]
    near_point = names(client, lat=GRESHAM[0], lon=GRESHAM[1], radius_miles=2)
    assert near_point == ["Gresham Pantry"]


def test_a_service_without_a_location_is_near_when_it_serves_the_persons_county(
    client: FlaskClient, db_session: Session
) -> None:
    line = f.ServiceFactory(name="County Crisis Line")
    f.ServiceAreaFactory(service=line, name="Multnomah County")
    f.AddressFactory(location=f.LocationFactory(organization=line.organization))  # the agency is in Oregon
    other = f.ServiceFactory(name="Clark County Line")
    f.ServiceAreaFactory(service=other, name="Clark County, WA")
    assert names(client, postcode="97205", radius_miles=5) == ["County Crisis Line"]
    assert names(client, postcode="98660", radius_miles=5) == ["Clark County Line"]


def test_facets_count_the_whole_result(client: FlaskClient, db_session: Session) -> None:
    pantry = f.TaxonomyTermFactory(code="food_pantry", name="Food pantry")
    meals = f.TaxonomyTermFactory(code="hot_meals", name="Hot meals")
    for i, term in enumerate([pantry, pantry, meals]):
        service = f.ServiceFactory(name=f"Food {i}", medicaid=(i == 0), accepting_new_clients=(i != 2) or None)
        f.AttributeFactory(service=service, taxonomy_term=term)
        if i == 1:
            f.LanguageFactory(service=service, code="es")
    body = json_of(client.get("/api/services", query_string={"per_page": 1}))
    facets = body["facets"]
    assert [(t["code"], t["count"]) for t in facets["taxonomy_terms"]] == [("food_pantry", 2), ("hot_meals", 1)]
    assert facets["languages"] == [{"value": "es", "count": 1}]
    assert {"value": "medicaid", "count": 1} in facets["insurance"]
    assert facets["accepting_new_clients"] == [{"value": "yes", "count": 2}, {"value": "unknown", "count": 1}]
    assert len(body["contents"]) == 1
    narrowed = json_of(client.get("/api/services", query_string={"taxonomy_code": "food_pantry"}))["facets"]
    assert [(t["code"], t["count"]) for t in narrowed["taxonomy_terms"]] == [("food_pantry", 2)]


def test_debug_explains_each_score(client: FlaskClient, db_session: Session) -> None:
    listing("Walk-In Detox Center")
    item = json_of(client.get("/api/services", query_string={"search": "detox", "debug": "true"}))["contents"][0]
    explanation = item["_debug"]
    assert set(explanation["parts"]) == {"text", "distance", "availability", "freshness"}
    assert explanation["score"] > 0
    without = json_of(client.get("/api/services", query_string={"search": "detox"}))["contents"][0]
    assert "_debug" not in without


def test_a_misspelling_is_corrected_and_said(client: FlaskClient, db_session: Session) -> None:
    listing("Emergency Shelter")
    body = json_of(client.get("/api/services", query_string={"search": "shleter"}))
    assert [item["name"] for item in body["contents"]] == ["Emergency Shelter"]
    assert body["did_you_mean"] == "shelter"


def test_a_retired_service_disappears_from_search_at_once(client: FlaskClient, db_session: Session) -> None:
    from directory.listings import editing

    service_id = listing("Tuesday Food Boxes")
    assert names(client, search="tuesday") == ["Tuesday Food Boxes"]
    editing.retire_service(db_session, service_id, who="c@x.org")
    assert names(client, search="tuesday") == []


def test_ndjson_streams_every_result_one_per_line(client: FlaskClient, db_session: Session) -> None:
    for i in range(3):
        listing(f"Pantry {i}")
    response = client.get("/api/services?format=ndjson&per_page=1")
    assert response.mimetype == "application/x-ndjson"
    lines = response.get_data(as_text=True).strip().splitlines()
    assert len(lines) == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"postcode": "00000"}, "postcode"),
        ({"postcode": "9720"}, "postcode"),
        ({"lat": "45.5"}, "lon"),
        ({"lat": "95", "lon": "0"}, "lat"),
        ({"radius_miles": "5"}, "radius_miles"),
        ({"postcode": "97205", "radius_miles": "-1"}, "radius_miles"),
        ({"sort": "distance"}, "sort"),
        ({"sort": "price"}, "sort"),
        ({"language": "spanish"}, "language.0"),
        ({"insurance": "gold_plan"}, "insurance.0"),
        ({"open_now": "maybe"}, "open_now"),
        ({"age": "-3"}, "age"),
        ({"format": "xml"}, "format"),
        ({"search": "x" * 2001}, "search"),
    ],
)
def test_bad_values_are_422_naming_the_parameter(client: FlaskClient, params: dict[str, str], field: str) -> None:
    response = client.get("/api/services", query_string=params)
    assert response.status_code == 422
    assert field in json_of(response)["errors"]


HOSTILE = [
    '"unclosed quote',
    "(((",
    ")",
    "AND OR NOT",
    "NOT",
    "*",
    "?",
    "name:detox",
    "detox^99",
    "a~2",
    "🙂🔥🏠",
    "東京 مساعدة",
    "'; DROP TABLE services; --",
    "<script>alert(1)</script>",
    "x" * 2000,
    "   ",
    "\x00\x01",
    "%",
    "\\",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_never_breaks_search(client: FlaskClient, db_session: Session, text: str) -> None:
    listing("Walk-In Detox Center")
    response = client.get("/api/services", query_string={"search": text})
    page = client.get("/search", query_string={"search": text})
    if "\x00" in text:  # no text here can hold a NUL: refused by name, as everywhere
        assert (response.status_code, page.status_code) == (422, 422)
        assert list(json_of(response)["errors"]) == ["search"]
    else:
        assert (response.status_code, page.status_code) == (200, 200)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_any_text_at_all_gets_an_answer_not_a_5xx(client: FlaskClient, text: str) -> None:
    response = client.get("/api/services", query_string={"search": text})
    assert response.status_code < 500


def test_a_repeated_search_is_answered_from_memory_until_any_listing_changes(
    client: FlaskClient, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import text

    from directory.search.operations import PageMemory

    monkeypatch.setitem(client.application.extensions, "directory.search_pages", PageMemory(16))
    first = listing("Eastside Pantry")
    assert names(client, search="pantry") == ["Eastside Pantry"]
    # A change that bypasses the change log (nothing in the app does this) shows the answer was remembered ...
    db_session.execute(text("UPDATE services SET name = 'Renamed Pantry' WHERE id = :id"), {"id": first.hex})
    assert names(client, search="pantry") == ["Eastside Pantry"]
    assert names(client, search="pantry", per_page=5) == ["Renamed Pantry"]  # another request is answered afresh
    # ... and any recorded change starts afresh.
    listing("Westside Pantry")
    assert sorted(names(client, search="pantry")) == ["Renamed Pantry", "Westside Pantry"]
