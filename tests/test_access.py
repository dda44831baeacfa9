"""Every route states who may use it, and a walk of the whole route table with each role and anonymous
shows that only they can."""

from __future__ import annotations

import re
import uuid

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from directory.accounts.models import Role
from directory.accounts.operations import create_user, issue_token

PASSWORD = "correct horse battery staple"
WHO = [None, Role.CASE_MANAGER, Role.COORDINATOR, Role.ADMIN]


def routes(app: Flask) -> list[tuple[str, str, str]]:
    """(endpoint, method, concrete path) for every route but static files."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<uuid:[a-z_]+>", str(uuid.uuid4()), rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, path))
    return found


def test_every_route_states_who_may_use_it(app: Flask) -> None:
    unstated = [endpoint for endpoint, _, _ in routes(app) if not hasattr(app.view_functions[endpoint], "access")]
    assert unstated == []


def allowed(kind: str, roles: tuple[Role, ...], who: Role | None) -> bool:
    if kind == "public":
        return True
    return who is not None and (who in roles or who is Role.ADMIN)


def refused(status: int, location: str) -> bool:
    return status in (401, 403) or (status == 302 and location.startswith("/login"))


@pytest.mark.parametrize("who", WHO, ids=lambda r: r.value if r else "anonymous")
def test_each_role_reaches_exactly_the_routes_meant_for_it(
    app: Flask, client: FlaskClient, db_session: Session, who: Role | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # /readyz finds no index here and would start building one in a thread, on this test's one connection.
    monkeypatch.setattr("directory.health.rebuild_in_background", lambda app: False)
    headers: dict[str, str] = {}
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    if who is not None:
        create_user(db_session, "someone@example.org", PASSWORD, who)
        headers["Authorization"] = f"Bearer {issue_token(db_session, 'someone@example.org')}"
        client.post("/login", data={"email": "someone@example.org", "password": PASSWORD, "csrf_token": csrf})
        page = client.get("/casework").get_data(as_text=True)  # a new session after sign-in: a new token
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    problems = []
    for endpoint, method, path in routes(app):
        if endpoint in ("accounts.logout", "accounts.login"):
            continue  # signing out would end this walk's session; signing in answers 401 to wrong credentials
        kind, roles = app.view_functions[endpoint].access
        kwargs: dict[str, object] = {"headers": headers if kind == "token" else {}}
        if method in ("POST", "PUT", "PATCH"):
            kwargs["json" if path.startswith("/api/") else "data"] = (
                {} if path.startswith("/api/") else {"csrf_token": csrf}
            )
        response = client.open(path, method=method, **kwargs)  # type: ignore[arg-type]
        is_refused = refused(response.status_code, response.headers.get("Location", ""))
        failed = response.status_code >= 500 and endpoint != "health.readyz"  # 503: not ready is its answer
        if allowed(kind, roles, who) == is_refused or failed:
            problems.append((method, path, response.status_code))
    assert problems == []
