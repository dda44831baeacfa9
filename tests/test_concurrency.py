"""Twenty coordinators editing the same listings at once, through gunicorn's workers, each with If-Match.

Each writer reads a listing, adds its own word to the description and writes it back with the ETag it read; when
another writer got there first it is told 412 and reads again. At the end every listing holds every word its
writers added, once: no update was lost, and nothing but 412 ever said no. Run on SQLite and, when a server
answers, on PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.pool import NullPool

from directory.accounts.models import Role
from directory.accounts.operations import create_user, issue_token
from directory.db import Session
from directory.listings.models import Metadata, Service
from tests.conftest import own_database, postgres_server, seeded_county
from tests.test_serving import Node

WRITERS = 20
LISTINGS = 3
ATTEMPTS = 100  # each writer's bound: far more than the conflicts twenty writers can cause one another


@pytest.fixture(params=["sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Node, str, list[str]]]:
    if request.param == "postgresql":
        database = own_database(postgres_server(), "writers")
    else:
        database = own_database(f"sqlite:///{tmp_path / 'county.sqlite3'}", "writers")
    with database as url:
        with seeded_county(tmp_path, url, INDEX_BACKEND="memory"):
            session = Session()
            create_user(session, "coordinator@example.org", "correct horse battery staple", Role.COORDINATOR)
            token = issue_token(session, "coordinator@example.org")
            ids = [str(i) for i in session.scalars(select(Service.id).order_by(Service.name).limit(LISTINGS))]
            session.commit()
        node = Node(url, tmp_path / "index" / "services", tmp_path / "node.log", workers=4)
        try:
            status, body = node.first_answer("/readyz")
            assert status == 200, body
            yield node, token, ids
        finally:
            node.stop()


def test_parallel_writers_with_if_match_lose_no_update_and_every_conflict_is_a_412(
    served: tuple[Node, str, list[str]], tmp_path: Path
) -> None:
    node, token, ids = served
    auth = {"Authorization": f"Bearer {token}"}
    start = threading.Barrier(WRITERS)
    outcomes: dict[str, list[int]] = {}
    problems: list[str] = []

    def write(n: int) -> None:
        word, service_id = f"writer{n:02d}", ids[n % LISTINGS]
        statuses = outcomes.setdefault(word, [])
        start.wait()
        for _ in range(ATTEMPTS):
            status, headers, body = node.request("GET", f"/api/services/{service_id}")
            if status != 200:
                problems.append(f"{word} read: {status} {body}")
                return
            description = f"{body.get('description') or ''} {word}".strip()
            status, _, body = node.request(
                "PATCH",
                f"/api/services/{service_id}",
                {"description": description},
                **auth,
                **{"If-Match": headers["ETag"]},
            )
            statuses.append(status)
            if status == 200:
                return
            if status != 412:
                problems.append(f"{word} write: {status} {body}")
                return
        problems.append(f"{word}: no write landed in {ATTEMPTS} attempts")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a writer is still waiting"
    assert problems == []

    conflicts = sum(statuses.count(412) for statuses in outcomes.values())
    assert all(statuses[-1] == 200 for statuses in outcomes.values())  # every writer got its word in, once
    assert conflicts > 0  # they did collide: twenty writers, three listings
    for index, service_id in enumerate(ids):
        _, _, body = node.request("GET", f"/api/services/{service_id}")
        words = [word for word in body["description"].split() if word.startswith("writer")]
        expected = sorted(f"writer{n:02d}" for n in range(WRITERS) if n % LISTINGS == index)
        assert sorted(words) == expected  # nobody's edit was overwritten by a writer who had not seen it
    assert description_changes(node.database_url) == WRITERS  # one recorded change per write that landed
    print(f"\n{WRITERS} writers, {LISTINGS} listings: {WRITERS} writes landed, {conflicts} conflicts (412)")


def description_changes(url: str) -> int:
    """How many description changes the change history holds, read straight from the node's database."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            query = select(func.count()).select_from(Metadata).where(Metadata.field_name == "description")
            return int(connection.scalar(query) or 0)
    finally:
        engine.dispose()
