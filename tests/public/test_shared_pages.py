"""Sharing as a short link: the listing's button and the /s/ page anyone can open, with the services still listed
and nothing about the person they are for."""

from __future__ import annotations

import re
import uuid

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.listings.models import Service, ServiceStatus, SharedList
from tests import factories as f


def shared_rows(session: Session) -> list[SharedList]:
    return list(session.scalars(select(SharedList)))


def listing(name: str = "Tuesday Food Boxes", **values: object) -> uuid.UUID:
    service = f.ServiceFactory(name=name, organization__name="Eastside Community Food Network", **values)
    sal = f.ServiceAtLocationFactory(service=service, location__name="Gateway pantry")
    f.AddressFactory(location=sal.location, address_1="10520 NE Halsey St", postal_code="97220")
    f.PhoneFactory(service=service, number="503-555-0142")
    f.PhoneFactory(service=service, number="503-555-0199")
    f.LanguageFactory(service=service, name="Spanish", code="es")
    f.LanguageFactory(service=service, name="Vietnamese", code="vi")
    return service.id


def share(client: FlaskClient, *ids: object) -> str:
    """POST /share and the code of the page it sends to."""
    response = client.post("/share", data={"service": [str(i) for i in ids]})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    found = re.fullmatch(r"/s/([0-9a-z]+)", response.headers["Location"])
    assert found, response.headers["Location"]
    return found.group(1)


def test_the_listing_page_shares_itself_as_a_short_link(client: FlaskClient, db_session: Session) -> None:
    service_id = listing()
    page = client.get(f"/services/{service_id}").get_data(as_text=True)
    form = page.split('action="/share"')[1].split("</form>")[0]
    assert f'name="service" value="{service_id}"' in form
    assert "Share this listing" in form
    code = share(client, service_id)
    response = client.get(f"/s/{code}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Shared services</h1>" in html
    assert f'<a href="/services/{service_id}">Tuesday Food Boxes</a>' in html
    assert "Eastside Community Food Network" in html
    assert 'href="tel:5035550142"' in html
    assert "5035550199" not in html  # the first phone only
    assert "10520 NE Halsey St, Portland, OR 97220" in html
    assert "Spanish, Vietnamese" in html
    link = f"http://localhost/s/{code}"
    assert '<label for="share-link">' in html
    assert re.search(rf'<input id="share-link"[^>]* value="{link}" readonly>', html)
    assert "<svg" in html
    assert "QR code: the link to this list" in html
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert response.headers["Cache-Control"] == "private, max-age=300"
    assert share(client, service_id) == code  # shared again: the same link
    assert len(shared_rows(db_session)) == 1


def test_a_retired_listing_has_no_share_button(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(retired=True)
    assert 'action="/share"' not in client.get(f"/services/{service.id}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ({}, "Choose at least one service to share."),
        ({"service": ["not-an-id"]}, "“not-an-id” is not the id of a listing."),
        ({"service": [str(uuid.UUID(int=5))]}, f"No listing has the id {uuid.UUID(int=5)}."),
        ({"service": ["<script>alert(1)</script>"]}, "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ],
    ids=["none", "malformed", "unknown", "markup"],
)
def test_what_cannot_be_shared_is_an_error_page_saying_why(
    client: FlaskClient, db_session: Session, data: dict[str, list[str]], said: str
) -> None:
    f.ServiceFactory()
    response = client.post("/share", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This cannot be shared" in html
    assert said in html
    assert "<script>alert(1)" not in html
    assert shared_rows(db_session) == []


def test_a_retired_or_twenty_first_service_is_refused_and_nothing_written(
    client: FlaskClient, db_session: Session
) -> None:
    retired = f.ServiceFactory(retired=True).id
    many = [f.ServiceFactory().id for _ in range(21)]
    refused = client.post("/share", data={"service": [str(many[0]), str(retired)]})
    assert refused.status_code == 422
    assert f"The listing {retired} is no longer listed" in refused.get_data(as_text=True)
    too_many = client.post("/share", data={"service": [str(i) for i in many]})
    assert too_many.status_code == 422
    assert "at most 20 services; this list has 21" in too_many.get_data(as_text=True)
    assert shared_rows(db_session) == []


def test_an_unknown_link_is_a_404_saying_so(client: FlaskClient, db_session: Session) -> None:
    for code in ("zzzzzzzz", "nonsense!", "<b>x"):
        response = client.get(f"/s/{code}")
        assert response.status_code == 404
        assert "This link is not known." in response.get_data(as_text=True)
        assert "<b>x" not in response.get_data(as_text=True)


def test_a_link_is_read_in_any_case(client: FlaskClient, db_session: Session) -> None:
    code = share(client, listing())
    response = client.get(f"/s/{code.upper()}")
    assert response.status_code == 200
    assert f'value="http://localhost/s/{code}"' in response.get_data(as_text=True)  # the link as it is made


def test_a_service_retired_after_sharing_is_left_out_and_the_page_says_so(
    client: FlaskClient, db_session: Session
) -> None:
    kept, gone = listing("Kept pantry"), listing("Gone pantry")
    code = share(client, kept, gone)
    retired = db_session.get(Service, gone)
    assert retired is not None
    retired.status = ServiceStatus.DEFUNCT
    db_session.commit()
    html = client.get(f"/s/{code}").get_data(as_text=True)
    assert "Kept pantry" in html
    assert "Gone pantry" not in html
    assert "1 service in this list is no longer listed." in html
    db_session.get(Service, kept).status = ServiceStatus.INACTIVE  # type: ignore[union-attr]
    db_session.commit()
    html = client.get(f"/s/{code}").get_data(as_text=True)
    assert "2 services in this list are no longer listed." in html
    assert "None of these services is listed any more." in html


def test_the_shared_page_in_spanish(client: FlaskClient, db_session: Session) -> None:
    service_id = listing()
    client.set_cookie("lang", "es")
    assert "Compartir este servicio" in client.get(f"/services/{service_id}").get_data(as_text=True)
    html = client.get(f"/s/{share(client, service_id)}").get_data(as_text=True)
    assert '<html lang="es">' in html
    assert "Servicios compartidos" in html
    assert "Shared services" not in html
    assert "Tuesday Food Boxes" in html  # a listing as entered
    refused = client.post("/share", data={}).get_data(as_text=True)
    assert "Elija al menos un servicio para compartir." in refused
    assert "No reconocemos este enlace." in client.get("/s/zzzzzzzz").get_data(as_text=True)
