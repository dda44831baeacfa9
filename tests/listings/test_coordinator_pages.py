"""The coordinators' pages: what is stale, verify, capacity with its age, quick edits, history and restore."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.accounts.models import Role
from directory.accounts.operations import create_user
from directory.listings import models as m
from tests import factories as f
from tests.conftest import json_of

PASSWORD = "correct horse battery staple"


def sign_in(client: FlaskClient, db_session: Session, role: Role = Role.COORDINATOR) -> str:
    create_user(db_session, "coord@example.org", PASSWORD, role)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    response = client.post("/login", data={"email": "coord@example.org", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    page = client.get("/casework").get_data(as_text=True)  # a page with a form: the new session's token
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_a_coordinator_lands_on_the_listings_to_check(client: FlaskClient, db_session: Session) -> None:
    f.ServiceFactory(name="Old Listing", assured_date=date(2024, 1, 1))
    f.ServiceFactory(name="Never Checked", assured_date=None)
    f.ServiceFactory(name="Fresh Listing", assured_date=date.today())
    sign_in(client, db_session)
    html = client.get("/coordinator").get_data(as_text=True)
    assert "Old Listing" in html
    assert "Never Checked" in html
    assert "Fresh Listing" not in html
    assert "<strong>1</strong> not verified in 12 months" in html
    assert "<strong>1</strong> never verified" in html
    by_name = client.get("/coordinator?sort=name").get_data(as_text=True)
    assert by_name.index("Never Checked") < by_name.index("Old Listing")


def test_case_managers_cannot_use_coordinator_pages(client: FlaskClient, db_session: Session) -> None:
    sign_in(client, db_session, Role.CASE_MANAGER)
    assert client.get("/coordinator").status_code == 403


def test_verify_stamps_today_and_who(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory(assured_date=date(2024, 1, 1)).id
    csrf = sign_in(client, db_session)
    response = client.post(f"/coordinator/services/{service_id}/verify", data={"csrf_token": csrf})
    assert response.status_code == 302
    db_session.expire_all()
    service = db_session.get(m.Service, service_id)
    # The directory's own day (DIRECTORY_TIMEZONE), not the server's: a Portland evening is already tomorrow in UTC.
    today = datetime.now(ZoneInfo(client.application.config["TIMEZONE"])).date()
    assert (service.assured_date, service.assurer_email) == (today, "coord@example.org")
    assert "Verified today" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_capacity_updates_are_stamped_and_decay_after_thirty_days(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    csrf = sign_in(client, db_session)
    client.post(
        f"/coordinator/services/{service_id}/capacity",
        data={"capacity": "waitlist", "wait_weeks": "3", "csrf_token": csrf},
    )
    body = json_of(client.get(f"/api/services/{service_id}"))
    assert (body["accepting_new_clients"], body["wait_weeks"]) == (True, 3)
    assert body["capacity_updated_at"].startswith(str(date.today().year))
    client.post(f"/coordinator/services/{service_id}/capacity", data={"capacity": "closed", "csrf_token": csrf})
    assert json_of(client.get(f"/api/services/{service_id}"))["accepting_new_clients"] is False

    service = db_session.get(m.Service, service_id)
    service.capacity_updated_at = datetime.now(UTC) - timedelta(days=31)
    db_session.commit()
    body = json_of(client.get(f"/api/services/{service_id}"))
    assert (body["accepting_new_clients"], body["wait_weeks"]) == (None, None)  # too old to say anything
    assert "<strong>1</strong> capacity updates over 30 days old" in client.get("/coordinator").get_data(as_text=True)


def test_a_bad_capacity_update_is_named_and_changes_nothing(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory(accepting_new_clients=True).id
    csrf = sign_in(client, db_session)
    response = client.post(
        f"/coordinator/services/{service_id}/capacity",
        data={"capacity": "waitlist", "wait_weeks": "soon", "csrf_token": csrf},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "wait weeks: give the wait in weeks" in html
    assert 'name="wait_weeks"' in html
    assert 'aria-invalid="true" aria-describedby="wait_weeks-error"' in html  # the field says what is wrong
    assert '<span class="error" id="wait_weeks-error">give the wait in weeks' in html
    db_session.expire_all()
    assert db_session.get(m.Service, service_id).capacity_updated_at is None


def test_fix_a_phone_number_see_it_in_history_and_restore_it(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(name="Tuesday Pantry")
    phone = f.PhoneFactory(service=service, number="503-555-0100")
    service_id, phone_id = service.id, phone.id
    csrf = sign_in(client, db_session)
    response = client.post(
        f"/coordinator/services/{service_id}/edit",
        data={"name": "Tuesday Pantry", "phone_id": str(phone_id), "phone_number": "503-555-0199", "csrf_token": csrf},
    )
    assert response.status_code == 302
    assert json_of(client.get(f"/api/services/{service_id}"))["phones"][0]["number"] == "503-555-0199"
    history = client.get(f"/coordinator/services/{service_id}/history").get_data(as_text=True)
    assert "503-555-0100" in history
    assert "503-555-0199" in history
    change_id = db_session.scalar(
        select(m.Metadata.id).where(m.Metadata.resource_id == service_id, m.Metadata.field_name == "phones")
    )
    client.post(f"/coordinator/history/{change_id}/restore", data={"csrf_token": csrf})
    assert json_of(client.get(f"/api/services/{service_id}"))["phones"][0]["number"] == "503-555-0100"
    rows = db_session.scalars(
        select(m.Metadata).where(m.Metadata.resource_id == service_id, m.Metadata.field_name == "phones")
    )
    assert len(list(rows)) == 2  # the fix and its undoing, both recorded


def test_an_empty_name_is_refused_on_the_page(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory(name="Tuesday Pantry").id
    csrf = sign_in(client, db_session)
    response = client.post(f"/coordinator/services/{service_id}/edit", data={"name": " ", "csrf_token": csrf})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "name: is required" in html
    assert 'id="e-name" name="name" value=" " aria-invalid="true" aria-describedby="name-error"' in html


def test_unknown_listing_is_404(client: FlaskClient, db_session: Session) -> None:
    sign_in(client, db_session)
    assert client.get(f"/coordinator/services/{uuid.uuid4()}").status_code == 404


def test_a_bad_phone_number_is_named_beside_the_phone(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(name="Tuesday Pantry")
    phone = f.PhoneFactory(service=service, number="503-555-0100")
    csrf = sign_in(client, db_session)
    response = client.post(
        f"/coordinator/services/{service.id}/edit",
        data={"name": "Tuesday Pantry", "phone_id": str(phone.id), "phone_number": "5" * 60, "csrf_token": csrf},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert '<a href="#e-phone">Main phone</a>: is too long' in html  # the summary names the field people see
    assert 'aria-invalid="true" aria-describedby="phone_number-error"' in html
    assert '<span class="error" id="phone_number-error">is too long' in html
