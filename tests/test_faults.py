"""Faults: the database going away in the middle of a request gives a 503 envelope (a page under HTML), never a
500, and the app serves again as soon as the database is back, without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url

from directory import create_app
from directory.db import Base
from tests.conftest import json_of, own_database, postgres_server


class Outage:
    """Cuts a database off: every session connected to it is terminated and new connections are refused."""

    def __init__(self, url: str) -> None:
        self.name = make_url(url).database
        self.admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")

    def begin(self) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS false'))
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                {"name": self.name},
            )

    def end(self) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS true'))


@pytest.fixture
def served() -> Iterator[tuple[Flask, Outage]]:
    with own_database(postgres_server(), "faults") as url:
        app = create_app({"TESTING": True, "SECRET_KEY": "faults", "DATABASE_URL": url, "INDEX_BACKEND": "memory"})
        engine: Engine = app.extensions["directory.engine"]
        Base.metadata.create_all(engine)
        outage = Outage(url)
        try:
            yield app, outage
        finally:
            outage.end()
            engine.dispose()
            outage.admin.dispose()


def cut_off_during_the_next_statement(engine: Engine, outage: Outage) -> None:
    """The database goes away after the request has its connection, as its first statement is sent."""
    calls: list[Any] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _go_away(*_args: Any) -> None:
        if not calls:
            calls.append(1)
            outage.begin()


def test_the_database_going_away_mid_request_is_a_503_and_the_app_recovers(served: tuple[Flask, Outage]) -> None:
    app, outage = served
    client = app.test_client()
    assert client.get("/api/services").status_code == 200  # a pooled connection exists, healthy

    cut_off_during_the_next_statement(app.extensions["directory.engine"], outage)
    during = client.get("/api/services", query_string={"search": "food"})
    assert during.status_code == 503
    body = json_of(during)
    assert body["code"] == 503
    assert body["status"] == "Service Unavailable"
    assert "try again" in body["message"]
    assert int(during.headers["Retry-After"]) > 0

    still_down = client.get("/search", query_string={"search": "food"})  # a new connection is refused too
    assert still_down.status_code == 503
    assert still_down.mimetype == "text/html"
    assert "database is not answering" in still_down.get_data(as_text=True)
    assert client.get("/readyz").status_code == 503

    outage.end()
    assert client.get("/api/services", query_string={"search": "food"}).status_code == 200  # no restart needed
    assert client.get("/readyz").status_code in (200, 503)  # answers again (the memory index may be unbuilt)
    assert json_of(client.get("/readyz"))["checks"]["database"] == "ok"


def test_what_failed_is_logged_without_the_statement_or_its_values(
    served: tuple[Flask, Outage], caplog: pytest.LogCaptureFixture
) -> None:
    app, outage = served
    client = app.test_client()
    outage.begin()
    response = client.post("/api/match", json={"profile": {"age": 47, "postcode": "97201"}, "needs": ["food"]})
    assert response.status_code == 503
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Database unavailable on POST /api/match" in logged
    assert "97201" not in logged
    assert "SELECT" not in logged
