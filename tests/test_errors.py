"""One error handler: JSON envelopes under /api/, HTML pages elsewhere, never a stack trace."""

from __future__ import annotations

import uuid

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from directory import create_app


def failing_app() -> Flask:
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": "sqlite://", "INDEX_BACKEND": "memory"})

    @app.get("/api/explode")
    def explode_api() -> str:
        raise RuntimeError("secret internals")

    @app.get("/explode")
    def explode_page() -> str:
        raise RuntimeError("secret internals")

    return app


def test_an_unexpected_error_under_api_is_a_json_500_without_internals() -> None:
    response = failing_app().test_client().get("/api/explode")
    assert response.status_code == 500
    body = response.get_json()
    assert body["code"] == 500
    assert body["status"] == "Internal Server Error"
    assert "secret internals" not in response.get_data(as_text=True)


def test_an_unexpected_error_on_a_page_is_a_friendly_html_500() -> None:
    response = failing_app().test_client().get("/explode")
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert "Something went wrong" in text
    assert "secret internals" not in text


def test_error_pages_speak_to_people_in_their_language(client: FlaskClient, db_session: Session) -> None:
    english = client.get("/no-such-page")
    assert english.status_code == 404
    page = english.get_data(as_text=True)
    assert "<h1>Page not found</h1>" in page
    assert "The link may be old or copied only in part." in page  # not the framework's "requested URL" text
    spanish = client.get("/no-such-page", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "<h1>No encontramos la página</h1>" in spanish
    assert "Puede que el enlace sea viejo" in spanish
    listing = client.get(f"/services/{uuid.uuid4()}", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "No hay ninguna página en esta dirección" in listing  # what it means, in Spanish
    assert '<p class="muted" lang="en">' in listing  # and the English detail, marked as English
    api = client.get("/api/no-such-thing", headers={"Accept-Language": "es"}).get_json()
    assert api["status"] == "Not Found"  # the API keeps HTTP's phrases
