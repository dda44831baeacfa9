"""Health for load balancers: /healthz says the process answers, /readyz that this node can serve searches."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session, sessionmaker

from directory.db import make_engine
from directory.health import readiness
from directory.search import InMemoryIndex, following
from directory.search.following import IndexFollower
from tests import factories as f
from tests.conftest import json_of


def test_healthz_answers_without_the_database(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json_of(response) == {"status": "ok"}


def test_a_node_without_an_index_is_not_ready_until_it_is_built(
    client: FlaskClient, db_session: Session, search_index: InMemoryIndex
) -> None:
    f.ServiceFactory(name="Harbor Food Pantry")
    search_index.clear()  # a node that lost its index (or never had one)
    with patch("directory.health.rebuild_in_background") as rebuild:
        missing = client.get("/readyz")
    assert missing.status_code == 503
    assert json_of(missing)["checks"] == {"database": "ok", "index": "missing: being built"}
    rebuild.assert_called_once()  # a probe does not wait for the build (test_serving sees it through)

    following.rebuild(db_session, search_index)
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert json_of(ready) == {"status": "ready", "checks": {"database": "ok", "index": "ok", "index_changes_behind": 0}}


def test_a_node_too_far_behind_the_change_log_is_not_ready(
    app: Flask, client: FlaskClient, db_session: Session, search_index: InMemoryIndex
) -> None:
    following.rebuild(db_session, search_index)
    seen = search_index.position()
    assert seen is not None
    for n in range(3):
        f.ServiceFactory(name=f"Pantry {n}")
    search_index.clear()  # a node that has not yet applied those three changes
    search_index.update([], [], position=seen)
    limit = app.config["READY_MAX_BEHIND"]
    app.config["READY_MAX_BEHIND"] = 2
    try:
        behind = client.get("/readyz")
        app.config["READY_MAX_BEHIND"] = 3
        within = client.get("/readyz")
    finally:
        app.config["READY_MAX_BEHIND"] = limit
    assert behind.status_code == 503
    assert json_of(behind)["checks"]["index"] == "behind"
    assert json_of(behind)["checks"]["index_changes_behind"] == 3
    assert within.status_code == 200


def test_a_database_that_does_not_answer_is_not_ready(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'directory.sqlite3'}")
    index = InMemoryIndex()
    index.rebuild([], position=0)
    with sessionmaker(bind=engine)() as session:
        state = readiness(session, IndexFollower(index), 100)
    engine.dispose()
    assert not state.ready
    assert state.checks == {"database": "unreachable (OperationalError)"}
