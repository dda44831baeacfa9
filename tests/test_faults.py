"""Faults: the database going away in the middle of a request gives a 503 envelope (a page under HTML), never a
500, and the app serves again as soon as the database is back, without a restart; workers killed in the middle of
writes leave the index consistent with the database. (An index deleted under a serving node: tests/test_serving.py.)"""

from __future__ import annotations

import http.client
import os
import random
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool

from directory import create_app
from directory.accounts.models import Role
from directory.accounts.operations import create_user, issue_token
from directory.db import Base, Session
from directory.listings.models import Service
from tests.conftest import json_of, own_database, postgres_server, seeded_county
from tests.test_serving import Node


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


# -- a worker killed in the middle of writing ---------------------------------------------------------------------


def worker_pids(node: Node) -> list[int]:
    pid = node.process.pid
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def kill_workers_while(
    node: Node, writers: list[threading.Thread], rng: random.Random, killed_enough: threading.Event
) -> int:
    """SIGKILL one of the node's workers at random moments while the writers run; how many were killed (after
    three, `killed_enough` is set)."""
    kills = 0
    while any(thread.is_alive() for thread in writers):
        time.sleep(rng.uniform(0.2, 0.8))
        pids = worker_pids(node)
        if pids:
            os.kill(rng.choice(pids), signal.SIGKILL)
            kills += 1
            if kills >= 3:
                killed_enough.set()
    return kills


def test_workers_killed_mid_write_leave_the_index_consistent_with_the_database(tmp_path: Path) -> None:
    """Edits stream in through two workers while workers are killed (SIGKILL: no clean-up of any kind) at random
    moments; whatever the database kept, search finds, and nothing it did not keep, before and after a restart."""
    with seeded_county(tmp_path, INDEX_BACKEND="memory"):
        session = Session()
        create_user(session, "coordinator@example.org", "correct horse battery staple", Role.COORDINATOR)
        token = issue_token(session, "coordinator@example.org")
        ids = [str(i) for i in session.scalars(select(Service.id).order_by(Service.name).limit(6))]
        session.commit()
    url = f"sqlite:///{tmp_path / 'county.sqlite3'}"
    index_dir = tmp_path / "index" / "services"
    node = Node(url, index_dir, tmp_path / "node.log", workers=2)
    rng = random.Random(2026)  # noqa: S311 - when to kill, not a secret
    words: dict[str, str] = {}  # word -> the service it was written into
    cut_off: list[str] = []  # writes whose worker died under them (answer lost)
    refused: list[str] = []
    try:
        assert node.first_answer("/readyz")[0] == 200

        killed_enough = threading.Event()

        def write(thread: int) -> None:
            # At least 12 edits each, and on until the workers have been killed a few times (a fast machine, or
            # fast edits, would otherwise finish before the kills begin); 60 at most.
            for n in range(60):
                if n >= 12 and killed_enough.is_set():
                    break
                service_id = ids[(thread * 60 + n) % len(ids)]
                word = f"zq{thread}{n:02d}" + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(6))
                words[word] = service_id
                try:
                    status, _, body = node.request(
                        "PATCH",
                        f"/api/services/{service_id}",
                        {"alternate_name": word},
                        Authorization=f"Bearer {token}",
                    )
                except (OSError, http.client.HTTPException):
                    cut_off.append(word)
                    continue
                if status != 200:
                    refused.append(f"{status} {body}")

        writers = [threading.Thread(target=write, args=(t,)) for t in range(2)]
        for thread in writers:
            thread.start()
        kills = kill_workers_while(node, writers, rng, killed_enough)
        assert refused == []
        assert kills >= 3
        assert cut_off, "no write was cut off: the kills missed every request"

        def consistent() -> None:
            kept = stored_alternate_names(url)
            for word, service_id in words.items():
                found = {item["id"] for item in node.search(word)}
                assert found == ({service_id} if kept.get(service_id) == word else set()), word
            status, _, body = node.request("GET", "/readyz")
            assert (status, body["checks"]["index_changes_behind"]) == (200, 0)

        consistent()  # the workers gunicorn started in place of the killed ones
        node.stop()
        node = Node(url, index_dir, tmp_path / "node-again.log", workers=2)
        assert node.first_answer("/readyz")[0] == 200
        consistent()  # and after a restart
        print(f"\n{len(words)} writes, {kills} workers killed, {len(cut_off)} writes cut off; index consistent")
    finally:
        node.stop()


def stored_alternate_names(url: str) -> dict[str, str | None]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(Service.id, Service.alternate_name)).all()
            return {str(service_id): name for service_id, name in rows}
    finally:
        engine.dispose()
