"""Rate limits per client on public search, matching, suggested fixes, sharing and signing in: 429 in the error
envelope."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from directory import create_app
from directory.db import Base
from tests.conftest import json_of

REDIS = ("127.0.0.1", 6379)


def redis_reachable() -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(REDIS) == 0


def limited_app(tmp_path: Any, **config: Any) -> Flask:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "limits",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'limits.sqlite3'}",
            "INDEX_BACKEND": "memory",
            "RATELIMIT_SEARCH": "3 per minute",
            "RATELIMIT_MATCH": "2 per minute",
            "RATELIMIT_LOGIN": "2 per minute",
            "RATELIMIT_SUGGEST": "1 per hour",
            "RATELIMIT_SHARE": "2 per hour",
            "WTF_CSRF_ENABLED": False,  # the attempts themselves are what is counted here
            **config,
        }
    )
    Base.metadata.create_all(app.extensions["directory.engine"])
    return app


@pytest.fixture
def app(tmp_path: Any) -> Iterator[Flask]:
    app = limited_app(tmp_path)
    yield app
    app.extensions["directory.engine"].dispose()


def test_search_over_the_limit_is_a_429_in_the_error_envelope(app: Flask) -> None:
    client = app.test_client()
    statuses = [client.get("/api/services", query_string={"search": "food"}).status_code for _ in range(3)]
    over = client.get("/api/services", query_string={"search": "food"})
    assert statuses == [200, 200, 200]
    assert over.status_code == 429
    body = json_of(over)
    assert body["code"] == 429
    assert body["status"] == "Too Many Requests"
    assert "wait a minute" in body["message"]
    assert int(over.headers["Retry-After"]) > 0
    page = client.get("/search", query_string={"search": "food"})
    assert page.status_code == 429  # the page and the API count together
    assert "Please wait a minute" in page.get_data(as_text=True)
    other = app.test_client()
    fresh = other.get("/api/services", environ_overrides={"REMOTE_ADDR": "10.0.0.9"})
    assert fresh.status_code == 200  # another client has its own allowance


def test_matching_signing_in_and_suggesting_are_limited(app: Flask) -> None:
    client = app.test_client()
    matches = [client.post("/api/match", json={"profile": {}}).status_code for _ in range(3)]
    assert matches[-1] == 429
    assert 429 not in matches[:-1]
    logins = [client.post("/login", data={"email": "a@b.org", "password": "x"}).status_code for _ in range(3)]
    assert logins[-1] == 429
    assert client.get("/login").status_code == 200  # reading the form is not an attempt
    url = f"/services/{uuid.uuid4()}/suggest"
    suggestions = [client.post(url, data={}).status_code for _ in range(2)]
    assert suggestions[-1] == 429


def test_sharing_a_list_is_limited(app: Flask) -> None:
    client = app.test_client()
    shares = [client.post("/share", data={"service": [str(uuid.uuid4())]}).status_code for _ in range(3)]
    assert shares == [422, 422, 429]  # refused lists count too: a script guessing ids is held up as well
    assert client.get("/s/zzzzzzzz").status_code == 404  # opening a link is not limited


@pytest.mark.skipif(not redis_reachable(), reason="no Redis at 127.0.0.1:6379")
def test_with_redis_every_worker_and_machine_counts_together(tmp_path: Any) -> None:
    storage = f"redis://{REDIS[0]}:{REDIS[1]}/15"
    settings = {"RATELIMIT_STORAGE_URL": storage, "SECRET_KEY": f"limits-{uuid.uuid4()}"}  # a client of its own
    one, two = limited_app(tmp_path, **settings), limited_app(tmp_path, **settings)
    first = [one.test_client().get("/api/services").status_code for _ in range(2)]
    second = [two.test_client().get("/api/services").status_code for _ in range(2)]
    assert first == [200, 200]
    assert second == [200, 429]  # the other machine's two searches counted
    for app in (one, two):
        app.extensions["directory.engine"].dispose()


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_on_its_own(tmp_path: Any) -> None:
    app = limited_app(tmp_path, PROXY_HOPS=1)
    proxy = {"REMOTE_ADDR": "10.0.0.1"}  # every request arrives from the proxy's address
    client = app.test_client()

    def search(client_address: str) -> int:
        headers = {"X-Forwarded-For": client_address}
        return client.get("/api/services", headers=headers, environ_overrides=proxy).status_code

    assert [search("203.0.113.5") for _ in range(4)] == [200, 200, 200, 429]
    assert search("198.51.100.7") == 200  # another person behind the same proxy is not held up
    app.extensions["directory.engine"].dispose()


def test_without_a_trusted_proxy_a_forged_forwarded_address_buys_nothing(app: Flask) -> None:
    client = app.test_client()
    statuses = [client.get("/api/services", headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
