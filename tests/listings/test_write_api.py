"""The write API of docs/api.md: tokens and roles, PUT / PATCH / DELETE, ETags, history, nothing half-written."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.accounts.models import ApiToken, Role
from directory.accounts.operations import create_user, issue_token
from directory.listings import models as m
from tests import factories as f
from tests.conftest import json_of

PASSWORD = "correct horse battery staple"


def token_for(db_session: Session, role: Role, email: str = "coord@example.org") -> str:
    create_user(db_session, email, PASSWORD, role)
    return issue_token(db_session, email)


def auth(token: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **headers}


def new_service_body(organization_id: uuid.UUID, **fields: Any) -> dict[str, Any]:
    return {
        "name": "Saturday Food Boxes",
        "status": "active",
        "organization_id": str(organization_id),
        "description": "Free groceries on Saturday mornings.",
        "phones": [{"id": str(uuid.uuid4()), "number": "503-555-0123"}],
        "eligibility_criteria": {"all": [{"type": "age", "min": 18}]},
        "insurance_accepted": [],
        "payment_options": ["free"],
        **fields,
    }


def counts(session: Session) -> dict[str, int]:
    models = [m.Service, m.Phone, m.Metadata, m.ListingChange]
    return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0 for model in models}


def search_names(client: FlaskClient, text: str) -> list[str]:
    body = client.get("/api/services", query_string={"search": text, "facets": "false"}).get_json()
    return [item["name"] for item in body["contents"]]


def test_writes_need_a_token_of_a_role_that_may_write(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    url = f"/api/services/{service_id}"
    missing = client.patch(url, json={"name": "X"})
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    assert json_of(missing)["code"] == 401
    assert client.patch(url, json={"name": "X"}, headers=auth("dir_not-a-token")).status_code == 401
    case_manager = token_for(db_session, Role.CASE_MANAGER, "cm@example.org")
    forbidden = client.patch(url, json={"name": "X"}, headers=auth(case_manager))
    assert forbidden.status_code == 403
    assert json_of(forbidden)["status"] == "Forbidden"
    coordinator = token_for(db_session, Role.COORDINATOR)
    assert client.patch(url, json={"name": "X"}, headers=auth(coordinator)).status_code == 200


def test_put_creates_then_replaces_and_search_follows(client: FlaskClient, db_session: Session) -> None:
    token = token_for(db_session, Role.COORDINATOR)
    organization_id = f.OrganizationFactory().id
    service_id = uuid.uuid4()
    created = client.put(
        f"/api/services/{service_id}",
        json=new_service_body(organization_id, alternate_name="Sat Boxes"),
        headers=auth(token),
    )
    assert created.status_code == 201, created.get_data(as_text=True)
    assert created.headers["ETag"].startswith('W/"')
    assert json_of(created)["phones"][0]["number"] == "503-555-0123"
    assert search_names(client, "saturday groceries") == ["Saturday Food Boxes"]

    replaced = client.put(
        f"/api/services/{service_id}",
        json=new_service_body(
            organization_id, name="Sunday Food Boxes", description="Groceries on Sundays.", phones=[]
        ),
        headers=auth(token),
    )
    assert replaced.status_code == 200
    body = json_of(replaced)
    assert body["name"] == "Sunday Food Boxes"
    assert "alternate_name" not in body  # left out of a PUT: cleared
    assert body["phones"] == []
    assert search_names(client, "sunday") == ["Sunday Food Boxes"]
    assert search_names(client, "saturday") == []


def test_patch_changes_only_what_it_names(client: FlaskClient, db_session: Session) -> None:
    token = token_for(db_session, Role.COORDINATOR)
    service = f.ServiceFactory(name="Tuesday Pantry", alternate_name="TP", description="Groceries.")
    service_id = service.id
    response = client.patch(
        f"/api/services/{service_id}", json={"description": "Groceries and diapers."}, headers=auth(token)
    )
    assert response.status_code == 200
    body = json_of(response)
    assert (body["name"], body["alternate_name"], body["description"]) == (
        "Tuesday Pantry",
        "TP",
        "Groceries and diapers.",
    )
    assert client.patch(f"/api/services/{uuid.uuid4()}", json={"name": "X"}, headers=auth(token)).status_code == 404


def test_a_bad_write_is_a_422_naming_every_field_and_changes_nothing(client: FlaskClient, db_session: Session) -> None:
    token = token_for(db_session, Role.COORDINATOR)
    service = f.ServiceFactory(name="Tuesday Pantry")
    service_id = service.id
    assert search_names(client, "tuesday") == ["Tuesday Pantry"]
    before = counts(db_session)
    response = client.patch(
        f"/api/services/{service_id}",
        json={
            "name": "Renamed",
            "status": "open",
            "phones": [{"id": "nope", "number": "503-555-0100"}],
            "eligibility_criteria": {"all": [{"type": "age", "min": -3}]},
            "favourite": 1,
        },
        headers=auth(token),
    )
    assert response.status_code == 422
    errors = json_of(response)["errors"]
    assert {"status", "phones[0].id", "eligibility_criteria.all[0].min", "favourite"} <= set(errors)
    db_session.expire_all()
    assert db_session.get(m.Service, service_id).name == "Tuesday Pantry"
    assert counts(db_session) == before
    assert search_names(client, "renamed") == []


def test_a_stale_if_match_is_412_and_changes_nothing(client: FlaskClient, db_session: Session) -> None:
    token = token_for(db_session, Role.COORDINATOR)
    service_id = f.ServiceFactory(name="Tuesday Pantry").id
    etag = client.get(f"/api/services/{service_id}").headers["ETag"]
    first = client.patch(
        f"/api/services/{service_id}", json={"name": "First Edit"}, headers=auth(token, **{"If-Match": etag})
    )
    assert first.status_code == 200
    stale = client.patch(
        f"/api/services/{service_id}", json={"name": "Second Edit"}, headers=auth(token, **{"If-Match": etag})
    )
    assert stale.status_code == 412
    assert json_of(stale)["code"] == 412
    assert json_of(client.get(f"/api/services/{service_id}"))["name"] == "First Edit"
    fresh = client.get(f"/api/services/{service_id}").headers["ETag"]
    assert (
        client.patch(
            f"/api/services/{service_id}", json={"name": "Second Edit"}, headers=auth(token, **{"If-Match": fresh})
        ).status_code
        == 200
    )


def test_delete_retires_keeps_history_and_leaves_search(client: FlaskClient, db_session: Session) -> None:
    token = token_for(db_session, Role.COORDINATOR)
    service_id = f.ServiceFactory(name="Tuesday Pantry").id
    assert search_names(client, "tuesday") == ["Tuesday Pantry"]
    response = client.delete(f"/api/services/{service_id}", headers=auth(token))
    assert response.status_code == 200
    assert json_of(response)["status"] == "defunct"
    assert search_names(client, "tuesday") == []
    assert client.get(f"/api/services/{service_id}").status_code == 200  # kept, saying it is retired


def test_every_write_records_field_history(client: FlaskClient, db_session: Session) -> None:
    token = token_for(db_session, Role.COORDINATOR)
    service_id = f.ServiceFactory(name="Tuesday Pantry").id
    client.patch(f"/api/services/{service_id}", json={"name": "Thursday Pantry"}, headers=auth(token))
    client.delete(f"/api/services/{service_id}", headers=auth(token))
    rows = db_session.execute(
        select(
            m.Metadata.field_name,
            m.Metadata.previous_value,
            m.Metadata.replacement_value,
            m.Metadata.updated_by,
            m.Metadata.last_action_type,
        )
        .where(m.Metadata.resource_id == service_id)
        .order_by(m.Metadata.last_action_date)
    ).all()
    assert ("name", "Tuesday Pantry", "Thursday Pantry", "coord@example.org", "update") in rows
    assert ("status", "active", "defunct", "coord@example.org", "delete") in rows


def test_put_organization_creates_and_replaces(client: FlaskClient, db_session: Session) -> None:
    token = token_for(db_session, Role.ADMIN)
    organization_id = uuid.uuid4()
    body = {"name": "Harbor Food Network", "description": "Feeding the waterfront."}
    assert client.put(f"/api/organizations/{organization_id}", json=body, headers=auth(token)).status_code == 201
    body["description"] = "Feeding the whole waterfront."
    again = client.put(f"/api/organizations/{organization_id}", json=body, headers=auth(token))
    assert again.status_code == 200
    assert json_of(again)["description"] == "Feeding the whole waterfront."
    missing_name = client.put(f"/api/organizations/{uuid.uuid4()}", json={"description": "x"}, headers=auth(token))
    assert missing_name.status_code == 422
    assert "name" in json_of(missing_name)["errors"]


def test_an_id_in_the_body_must_match_the_url(client: FlaskClient, db_session: Session) -> None:
    token = token_for(db_session, Role.COORDINATOR)
    organization_id = f.OrganizationFactory().id
    response = client.put(
        f"/api/services/{uuid.uuid4()}",
        json=new_service_body(organization_id, id=str(uuid.uuid4())),
        headers=auth(token),
    )
    assert response.status_code == 422
    assert json_of(response)["errors"] == {"id": ["does not match the URL"]}


def test_users_token_prints_a_token_that_works_until_revoked(
    runner: FlaskCliRunner, client: FlaskClient, db_session: Session
) -> None:
    create_user(db_session, "coord@example.org", PASSWORD, Role.COORDINATOR)
    result = runner.invoke(args=["users", "token", "coord@example.org"])
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    service_id = f.ServiceFactory().id
    assert client.patch(f"/api/services/{service_id}", json={"name": "X"}, headers=auth(token)).status_code == 200
    stored = list(db_session.scalars(select(ApiToken.token_hash)))
    assert stored
    assert token not in stored  # only a hash is kept
    assert runner.invoke(args=["users", "revoke-tokens", "coord@example.org"]).exit_code == 0
    assert client.patch(f"/api/services/{service_id}", json={"name": "Y"}, headers=auth(token)).status_code == 401
    assert runner.invoke(args=["users", "token", "nobody@example.org"]).exit_code != 0


def test_sign_in_is_rate_limited_per_account(client: FlaskClient, db_session: Session) -> None:
    import re

    create_user(db_session, "cm@example.org", PASSWORD, Role.CASE_MANAGER)
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    for _ in range(5):
        assert (
            client.post("/login", data={"email": "cm@example.org", "password": "wrong", "csrf_token": csrf}).status_code
            == 401
        )
    blocked = client.post("/login", data={"email": "cm@example.org", "password": PASSWORD, "csrf_token": csrf})
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_body_that_is_not_an_object_is_a_422(client: FlaskClient, db_session: Session, method: str) -> None:
    token = token_for(db_session, Role.COORDINATOR)
    service_id = f.ServiceFactory().id
    response = getattr(client, method)(
        f"/api/services/{service_id}", data="[]", content_type="application/json", headers=auth(token)
    )
    assert response.status_code == 422
