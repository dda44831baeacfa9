"""Every response carries the safety headers; oversized and hostile bodies get a clear 4xx, never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import url_for
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from directory import create_app
from tests.conftest import json_of


@pytest.mark.parametrize("path", ["/", "/search?search=food", "/api/services", "/login", "/no-such-page"])
def test_every_response_carries_the_safety_headers(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"  # a search's words never leave in a Referer


def test_no_page_needs_inline_script(client: FlaskClient, db_session: Session) -> None:
    for path in ("/", "/search?search=food", "/login"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page
        assert " onclick=" not in page


def test_an_oversized_api_body_is_refused_in_the_error_envelope(client: FlaskClient, db_session: Session) -> None:
    body = json.dumps({"needs": ["food"], "note": "x" * (1024 * 1024 + 10)})
    response = client.post("/api/match", data=body, content_type="application/json")
    assert response.status_code == 413
    assert json_of(response)["code"] == 413


@pytest.mark.parametrize("path", ["/api/match", "/api/services"])
def test_deeply_nested_json_is_refused_clearly(client: FlaskClient, db_session: Session, path: str) -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = client.post(path, data=body, content_type="application/json")
    assert response.status_code in (400, 401, 405, 422)  # never 500; the service route needs a token first
    assert json_of(response)["code"] == response.status_code


def test_behind_a_trusted_https_proxy_responses_ask_browsers_to_stay_on_https(tmp_path: Any) -> None:
    trusting = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "INDEX_BACKEND": "memory",
            "PROXY_HOPS": 1,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'proxy.sqlite3'}",
        }
    )
    trusting.add_url_rule("/where-am-i", "where", lambda: url_for("public.home", _external=True))
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "directory.example.org"}
    headers = trusting.test_client().get("/healthz", headers=forwarded).headers
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert trusting.test_client().get("/where-am-i", headers=forwarded).text == "https://directory.example.org/"
    trusting.extensions["directory.engine"].dispose()


def test_forwarded_headers_are_ignored_unless_a_proxy_is_configured(client: FlaskClient) -> None:
    headers = client.get("/healthz", headers={"X-Forwarded-Proto": "https"}).headers
    assert "Strict-Transport-Security" not in headers


@pytest.mark.parametrize("hops", [-1, "two", True])
def test_a_proxy_count_that_is_not_a_whole_number_is_refused_by_name(tmp_path: Any, hops: Any) -> None:
    with pytest.raises(ValueError, match="DIRECTORY_PROXY_HOPS"):
        create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "x",
                "INDEX_BACKEND": "memory",
                "PROXY_HOPS": hops,
                "DATABASE_URL": f"sqlite:///{tmp_path / 'proxy.sqlite3'}",
            }
        )
