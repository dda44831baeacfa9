"""Suggested corrections: the public form (no login, rate limited, spam traps) and the coordinators' review."""

from __future__ import annotations

import re
import time
from typing import Any

from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.accounts.models import Role
from directory.accounts.operations import create_user
from directory.listings import models as m
from tests import factories as f
from tests.conftest import json_of

PASSWORD = "correct horse battery staple"


def stamp(client: FlaskClient, service_id: Any, seconds_ago: float = 10) -> str:
    """The form's time stamp, as if the form had been shown `seconds_ago`."""
    page = client.get(f"/services/{service_id}/suggest").get_data(as_text=True)
    assert 'name="stamp"' in page
    serializer = URLSafeTimedSerializer(client.application.config["SECRET_KEY"], salt="suggest")
    return serializer.dumps(time.time() - seconds_ago)


def stored(db_session: Session) -> int:
    return db_session.scalar(select(func.count()).select_from(m.Suggestion)) or 0


def send(client: FlaskClient, service_id: Any, token: str, **fields: str) -> Any:
    data = {"field": "phone", "proposed": "503-555-0188", "note": "I called yesterday.", "stamp": token, "website": ""}
    return client.post(f"/services/{service_id}/suggest", data={**data, **fields})


def coordinator_csrf(client: FlaskClient, db_session: Session) -> str:
    create_user(db_session, "coord@example.org", PASSWORD, Role.COORDINATOR)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    client.post("/login", data={"email": "coord@example.org", "password": PASSWORD, "csrf_token": token})
    page = client.get("/casework").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_every_listing_links_to_a_labelled_suggestion_form(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    assert f"/services/{service_id}/suggest" in client.get(f"/services/{service_id}").get_data(as_text=True)
    html = client.get(f"/services/{service_id}/suggest").get_data(as_text=True)
    assert '<label for="field">What is wrong?</label>' in html
    assert '<label for="proposed">What should it say?</label>' in html


def test_a_suggestion_is_kept_for_review_without_identifying_the_sender(
    client: FlaskClient, db_session: Session
) -> None:
    service_id = f.ServiceFactory().id
    response = send(client, service_id, stamp(client, service_id))
    assert response.status_code == 200
    assert "Thank you" in response.get_data(as_text=True)
    suggestion = db_session.scalars(select(m.Suggestion)).one()
    assert (suggestion.field, suggestion.proposed, suggestion.status) == (
        "phone",
        "503-555-0188",
        m.SuggestionStatus.PENDING,
    )
    assert "127.0.0.1" not in suggestion.source  # only a keyed hash
    assert len(suggestion.source) == 64


def test_spam_traps_drop_robots_quietly(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    token = stamp(client, service_id)
    assert send(client, service_id, token, website="http://spam.example").status_code == 200  # the honeypot
    assert send(client, service_id, "forged-stamp").status_code == 200
    assert (
        send(client, service_id, token, proposed="buy http://a.example http://b.example http://c.example").status_code
        == 200
    )
    assert stored(db_session) == 0


def test_a_form_sent_faster_than_a_person_could_is_dropped(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    send(client, service_id, stamp(client, service_id, seconds_ago=0.5))
    assert stored(db_session) == 0


def test_suggestions_are_rate_limited(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    token = stamp(client, service_id)
    for _ in range(5):
        assert send(client, service_id, token).status_code == 200
    refused = send(client, service_id, token)
    assert refused.status_code == 429
    assert "we have several suggestions from you already" in refused.get_data(as_text=True)
    assert stored(db_session) == 5
    client.get("/language/es")
    said_in_spanish = send(client, service_id, token).get_data(as_text=True)
    assert "ya tenemos varias sugerencias suyas" in said_in_spanish


def test_an_incomplete_suggestion_names_what_is_missing(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    response = send(client, service_id, stamp(client, service_id), field="", proposed="")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "What is wrong: choose what to correct" in html
    assert "What it should say: say what it should be" in html


def test_a_coordinator_sees_the_diff_and_approving_applies_it_with_history(
    client: FlaskClient, db_session: Session
) -> None:
    service = f.ServiceFactory()
    f.PhoneFactory(service=service, number="503-555-0100")
    service_id = service.id
    send(client, service_id, stamp(client, service_id))
    csrf = coordinator_csrf(client, db_session)
    queue = client.get("/coordinator/suggestions").get_data(as_text=True)
    assert "<del>503-555-0100</del>" in queue
    assert "<ins>503-555-0188</ins>" in queue
    suggestion_id = db_session.scalars(select(m.Suggestion.id)).one()
    client.post(f"/coordinator/suggestions/{suggestion_id}/approve", data={"csrf_token": csrf})
    assert json_of(client.get(f"/api/services/{service_id}"))["phones"][0]["number"] == "503-555-0188"
    history = client.get(f"/coordinator/services/{service_id}/history").get_data(as_text=True)
    assert "503-555-0188" in history
    assert "coord@example.org" in history
    assert "Nothing waiting" in client.get("/coordinator/suggestions").get_data(as_text=True)


def test_rejecting_changes_nothing(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory(description="Groceries weekly.").id
    send(client, service_id, stamp(client, service_id), field="description", proposed="Closed forever.")
    csrf = coordinator_csrf(client, db_session)
    suggestion_id = db_session.scalars(select(m.Suggestion.id)).one()
    client.post(f"/coordinator/suggestions/{suggestion_id}/reject", data={"csrf_token": csrf})
    assert json_of(client.get(f"/api/services/{service_id}"))["description"] == "Groceries weekly."
    db_session.expire_all()
    assert db_session.get(m.Suggestion, suggestion_id).status is m.SuggestionStatus.REJECTED


def test_approving_something_a_person_must_apply_records_it_as_a_note(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    send(client, service_id, stamp(client, service_id), field="hours", proposed="Now open Saturdays 9-noon")
    csrf = coordinator_csrf(client, db_session)
    suggestion_id = db_session.scalars(select(m.Suggestion.id)).one()
    client.post(f"/coordinator/suggestions/{suggestion_id}/approve", data={"csrf_token": csrf})
    note = db_session.scalars(select(m.Metadata).where(m.Metadata.resource_id == service_id)).one()
    assert (note.last_action_type, note.replacement_value) == ("note", "Now open Saturdays 9-noon")


def test_a_form_sent_back_empty_is_told_what_is_missing_however_fast(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    response = send(client, service_id, stamp(client, service_id, seconds_ago=0.5), field="", proposed="")
    assert response.status_code == 422  # a person who pressed Send at once learns why nothing was sent
    html = response.get_data(as_text=True)
    assert 'id="field" name="field" aria-invalid="true" aria-describedby="field-error"' in html
    assert '<span class="error" id="field-error">choose what to correct</span>' in html
    assert stored(db_session) == 0
