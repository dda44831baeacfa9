"""Schema changes go through Alembic: upgrading an empty database yields exactly the models' schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from directory.db import Base, make_engine
from directory.migrations import upgrade
from tests.conftest import TEST_DATABASE_URL, own_database


@pytest.fixture(params=["sqlite", "test database"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty SQLite file, and an empty database where the suite runs (PostgreSQL when it is set)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    elif TEST_DATABASE_URL.startswith("sqlite"):
        pytest.skip("the suite runs on SQLite: the SQLite case covers it")
    else:
        with own_database(TEST_DATABASE_URL, "migrations") as url:
            yield url


def test_migrations_build_the_schema_the_models_describe(empty_database: str) -> None:
    engine = make_engine(empty_database)
    upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert differences == []
    assert {"services", "organizations", "locations", "metadata", "service_capacities", "attributes"} <= tables


def test_upgrading_twice_is_harmless(empty_database: str) -> None:
    engine = make_engine(empty_database)
    upgrade(engine)
    upgrade(engine)
    engine.dispose()
