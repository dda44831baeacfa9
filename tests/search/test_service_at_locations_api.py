"""GET /api/service_at_locations with HSDS's `postcode` and `proximity`."""

from __future__ import annotations

import uuid

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests import factories as f
from tests.conftest import json_of


def site(name: str, lat: float, lon: float, postcode: str, area: str | None = None) -> uuid.UUID:
    service = f.ServiceFactory(name=name)
    sal = f.ServiceAtLocationFactory(service=service, location__latitude=lat, location__longitude=lon)
    f.AddressFactory(location=sal.location, postal_code=postcode, state_province="OR" if lon < -122.66 else "WA")
    if area:
        f.ServiceAreaFactory(service=service, name=area)
    return sal.id


def listed(client: FlaskClient, **params: str) -> list[str]:
    body = json_of(client.get("/api/service_at_locations", query_string=params))
    return [item["service"]["name"] for item in body["contents"]]


def test_lists_services_at_locations_with_location_and_service(client: FlaskClient, db_session: Session) -> None:
    sal_id = site("Downtown Pantry", 45.5207, -122.6888, "97205")
    body = json_of(client.get("/api/service_at_locations"))
    assert body["total_items"] == 1
    item = body["contents"][0]
    assert item["id"] == str(sal_id)
    assert item["location"]["addresses"][0]["postal_code"] == "97205"
    assert item["service"]["name"] == "Downtown Pantry"
    detail = json_of(client.get(f"/api/service_at_locations/{sal_id}"))
    assert detail["location"]["id"] == item["location"]["id"]
    assert client.get(f"/api/service_at_locations/{uuid.uuid4()}").status_code == 404


def test_postcode_keeps_services_covering_it(client: FlaskClient, db_session: Session) -> None:
    site("Multnomah Clinic", 45.5207, -122.6888, "97205", area="Multnomah County")
    site("Clark Clinic", 45.6387, -122.6615, "98660", area="Clark County, WA")
    site("Neighborhood Pantry", 45.5350, -122.6560, "97232")  # no service area: its own ZIP only
    assert listed(client, postcode="97232") == ["Neighborhood Pantry", "Multnomah Clinic"]
    assert listed(client, postcode="98660") == ["Clark Clinic"]


def test_proximity_keeps_locations_within_that_many_metres(client: FlaskClient, db_session: Session) -> None:
    site("Downtown Pantry", 45.5207, -122.6888, "97205")
    site("Gresham Pantry", 45.4989, -122.4302, "97030")
    assert listed(client, postcode="97205", proximity="5000") == ["Downtown Pantry"]
    body = json_of(client.get("/api/service_at_locations", query_string={"postcode": "97205", "proximity": "30000"}))
    assert [item["service"]["name"] for item in body["contents"]] == ["Downtown Pantry", "Gresham Pantry"]
    assert body["contents"][1]["distance_miles"] > 10


def test_search_text_narrows_locations(client: FlaskClient, db_session: Session) -> None:
    site("Downtown Pantry", 45.5207, -122.6888, "97205")
    site("Walk-In Detox", 45.5207, -122.6888, "97205")
    assert listed(client, search="detox") == ["Walk-In Detox"]


def test_bad_parameters_are_422s(client: FlaskClient) -> None:
    for params, field in [({"proximity": "100"}, "proximity"), ({"postcode": "00000"}, "postcode")]:
        response = client.get("/api/service_at_locations", query_string=params)
        assert response.status_code == 422
        assert field in json_of(response)["errors"]
