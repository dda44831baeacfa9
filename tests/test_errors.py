"""One error handler: JSON envelopes under /api/, HTML pages elsewhere, never a stack trace."""

from __future__ import annotations

from flask import Flask

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
