"""Test recipe: one app per session, each test inside a rolled-back transaction.

Set DIRECTORY_TEST_DATABASE_URL (for example postgresql+psycopg://postgres@127.0.0.1/test) to run the same
suite against PostgreSQL; the default is an in-memory SQLite database. On PostgreSQL the run creates its own
database beside the one named (and drops it at the end), so two runs on one server never collide.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.pool import NullPool

import directory.accounts.models  # noqa: F401 - the users table, for create_all
from directory import create_app
from directory.db import Base, Session
from directory.search import InMemoryIndex

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEST_DATABASE_URL = os.environ.get("DIRECTORY_TEST_DATABASE_URL", "sqlite://")
POSTGRES_URL = os.environ.get("DIRECTORY_CI_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that material is not beside the project."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (the shared material lives beside the project)")
    return path


def postgres_server() -> str:
    """A PostgreSQL server's URL for tests that need one whatever the suite runs on (the one the suite runs on, else
    the CI machine's), skipping the test when none answers."""
    if make_url(TEST_DATABASE_URL).get_backend_name() == "postgresql":
        return TEST_DATABASE_URL
    probe = create_engine(POSTGRES_URL, poolclass=NullPool)
    try:
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure means there is no server to use here
        pytest.skip(f"no PostgreSQL server at {POSTGRES_URL} ({type(error).__name__})")
    finally:
        probe.dispose()
    return POSTGRES_URL


@contextlib.contextmanager
def seeded_county(folder: Path, url: str | None = None, **config: Any) -> Iterator[Flask]:
    """An app on its own database (`url`, else a file in `folder`), seeded with the county (`flask seed`), the
    scoped session bound to it while the block runs (then bound back to what it was)."""
    url = url or f"sqlite:///{folder / 'county.sqlite3'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": url, **config})
    engine: Engine = app.extensions["directory.engine"]
    previous = Session.session_factory.kw.get("bind")
    Session.remove()
    Session.configure(bind=engine)
    try:
        Base.metadata.create_all(engine)
        result = app.test_cli_runner().invoke(args=["seed"])
        assert result.exit_code == 0, result.output
        yield app
    finally:
        Session.remove()
        Session.configure(bind=previous)
        engine.dispose()


@contextlib.contextmanager
def own_database(url: str, purpose: str) -> Iterator[str]:
    """A database of this run's own: on PostgreSQL a new one on the same server as `url` (dropped afterwards),
    named for the purpose and made unique; any other URL is handed back as it is."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        yield url
        return
    name = f"directory_{purpose}_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(parsed, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    with own_database(TEST_DATABASE_URL, "test") as url:
        yield url


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Flask]:
    instance = tmp_path_factory.mktemp("instance")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "RATELIMIT_ENABLED": False,  # tests/test_limits.py turns them on
            "INDEX_BACKEND": "memory",
            "SECRET_KEY": "test-secret",
            "INDEX_DIR": str(instance / "index"),
        }
    )
    engine: Engine = app.extensions["directory.engine"]
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    yield app
    Base.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def db_session(app: Flask) -> Iterator[OrmSession]:
    engine: Engine = app.extensions["directory.engine"]
    connection = engine.connect()
    transaction = connection.begin()
    Session.configure(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield Session()
    finally:
        Session.remove()
        transaction.rollback()
        connection.close()
        Session.configure(bind=engine)


@pytest.fixture
def search_index(app: Flask) -> Iterator[InMemoryIndex]:
    index: InMemoryIndex = app.extensions["directory.index"]
    index.clear()
    yield index
    index.clear()


@pytest.fixture
def client(app: Flask, db_session: OrmSession, search_index: InMemoryIndex) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask, db_session: OrmSession, search_index: InMemoryIndex) -> FlaskCliRunner:
    return app.test_cli_runner()


def json_of(response: Any) -> Any:
    assert response.is_json, response.get_data(as_text=True)[:500]
    return response.get_json()
