"""Two app nodes over one database (SQLite, and PostgreSQL when a server answers), each with its own index
directory, served by gunicorn as `make serve` does.

A node builds its index from the database before it first answers; an edit through one node is found through the
other (each follows the change log); an index directory deleted while serving is rebuilt.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from directory.accounts.models import Role
from directory.accounts.operations import create_user, issue_token
from directory.db import Session
from directory.listings.models import Service
from tests.conftest import ROOT, own_database, postgres_server, seeded_county


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Node:
    def __init__(self, database_url: str, index_dir: Path, log: Path, workers: int = 2) -> None:
        self.port = free_port()
        self.index_dir = index_dir
        self.database_url = database_url
        env = {
            **os.environ,
            "DIRECTORY_DATABASE_URL": database_url,
            "DIRECTORY_INDEX_DIR": str(index_dir),
            "DIRECTORY_BIND": f"127.0.0.1:{self.port}",
            "DIRECTORY_WORKERS": str(workers),
            "DIRECTORY_SECRET_KEY": "serving-test-key",
        }
        command = [sys.executable, "-m", "gunicorn", "-c", "python:directory.serving", "app:app"]
        self.log = log.open("wb")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def request(self, method: str, path: str, body: Any = None, **headers: str) -> tuple[int, dict[str, str], Any]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            data = json.dumps(body) if body is not None else None
            if data is not None:
                headers["Content-Type"] = "application/json"
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            return response.status, dict(response.getheaders()), json.loads(raw) if raw else None
        finally:
            connection.close()

    def first_answer(self, path: str, timeout: float = 90) -> tuple[int, Any]:
        """The first answer the node gives at all (it answers only once the index is ready)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "gunicorn exited"
            try:
                status, _, body = self.request("GET", path)
                return status, body
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"no answer within {timeout} s")

    def search(self, text: str) -> list[dict[str, Any]]:
        query = urllib.parse.urlencode({"search": text, "facets": "false"})
        status, _, body = self.request("GET", f"/api/services?{query}")
        assert status == 200
        return list(body["contents"])

    def names(self, text: str) -> list[str]:
        return [item["name"] for item in self.search(text)]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def county(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """The seeded county in one database (a file, or a PostgreSQL database of its own), a coordinator's API token,
    and one service's id."""
    folder = tmp_path_factory.mktemp("nodes")
    server = postgres_server() if request.param == "postgresql" else f"sqlite:///{folder / 'county.sqlite3'}"
    with own_database(server, "nodes") as url:
        with seeded_county(folder, url, INDEX_BACKEND="memory"):
            session = Session()
            create_user(session, "coordinator@example.org", "correct horse battery staple", Role.COORDINATOR)
            token = issue_token(session, "coordinator@example.org")
            service_id = str(session.scalars(select(Service.id).order_by(Service.name)).first())
            session.commit()
        yield url, token, service_id


@pytest.fixture
def nodes(county: tuple[str, str, str], tmp_path: Path) -> Iterator[tuple[Node, Node]]:
    started = [Node(county[0], tmp_path / name / "services", tmp_path / f"{name}.log") for name in "ab"]
    try:
        yield started[0], started[1]
    finally:
        for node in started:
            node.stop()


def test_two_nodes_build_their_own_index_first_and_follow_each_others_edits(
    nodes: tuple[Node, Node], county: tuple[str, str, str]
) -> None:
    a, b = nodes
    _, token, service_id = county
    for node in (a, b):
        status, body = node.first_answer("/readyz")
        assert status == 200, body  # ready from its first answer: the index was built before workers started
        assert body["checks"]["index_changes_behind"] == 0
        assert node.index_dir.is_symlink()  # its own index, on its own disk

    _, headers, _ = a.request("GET", f"/api/services/{service_id}")
    status, _, _ = a.request(
        "PATCH",
        f"/api/services/{service_id}",
        {"name": "Quillback Cove Pantry"},
        Authorization=f"Bearer {token}",
        **{"If-Match": headers["ETag"]},
    )
    assert status == 200
    assert b.names("quillback") == ["Quillback Cove Pantry"]  # edited on A, found on B
    assert a.names("quillback") == ["Quillback Cove Pantry"]

    for path in b.index_dir.parent.iterdir():  # B's index deleted under it while it serves
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    status, _, body = b.request("GET", "/readyz")
    assert (status, body["checks"]["index"]) == (503, "missing: being built")  # out of rotation, rebuilding
    deadline = time.monotonic() + 60
    while status != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
        status, _, body = b.request("GET", "/readyz")
    assert status == 200, body
    assert b.names("quillback cove") == ["Quillback Cove Pantry"]  # from the index built again
