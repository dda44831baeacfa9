"""`flask --app app seed` and `reindex`: idempotent loading, refusal of broken files, rebuilding the index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from flask.testing import FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.listings import models as m
from directory.search import InMemoryIndex
from tests.conftest import ROOT

SEED_DIR = ROOT / "seed_data" / "county"


def table_counts(session: Session) -> dict[str, int]:
    models = [m.Service, m.Organization, m.Location, m.ServiceAtLocation, m.Attribute, m.Schedule, m.Phone]
    return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0 for model in models}


def test_seeding_twice_changes_nothing(runner: FlaskCliRunner, db_session: Session) -> None:
    first = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    assert "Indexed" in first.output
    before = table_counts(db_session)
    second = runner.invoke(args=["seed"])
    assert second.exit_code == 0, second.output
    assert table_counts(db_session) == before


def test_a_broken_seed_file_is_refused_with_file_record_and_field(
    runner: FlaskCliRunner, db_session: Session, tmp_path: Path
) -> None:
    broken = tmp_path / "county"
    shutil.copytree(SEED_DIR, broken)
    services = json.loads((broken / "services.json").read_text())
    services[4]["status"] = "open for business"
    services[7]["phones"] = [{"id": "not-a-uuid", "number": "503-555-0100"}]
    (broken / "services.json").write_text(json.dumps(services))

    result = runner.invoke(args=["seed", str(broken)])
    assert result.exit_code != 0
    assert "services.json, record 5" in result.output
    assert "field status: must be one of" in result.output
    assert "services.json, record 8" in result.output
    assert "phones[0].id" in result.output
    assert "nothing was imported" in result.output
    assert table_counts(db_session)["services"] == 0
    assert table_counts(db_session)["organizations"] == 0


def test_seed_refuses_a_folder_that_is_missing(runner: FlaskCliRunner, db_session: Session, tmp_path: Path) -> None:
    result = runner.invoke(args=["seed", str(tmp_path / "nowhere")])
    assert result.exit_code != 0
    assert "holds none of" in result.output


def test_reindex_rebuilds_the_index_from_the_database(
    runner: FlaskCliRunner, db_session: Session, search_index: InMemoryIndex
) -> None:
    from tests import factories as f

    f.ServiceFactory.create_batch(3)
    f.ServiceFactory(retired=True)
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0
    assert "Indexed 3 services" in result.output
    assert search_index.count() == 3
