"""Configuration: working defaults, DIRECTORY_* environment variables, a secret key kept in instance/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from directory import create_app
from directory.config import defaults, environment_setting, load_secret_key
from directory.search import InMemoryIndex
from directory.search.whoosh import WhooshIndex

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_are_sqlite_in_instance_and_whoosh_under_indexes() -> None:
    app = create_app({"TESTING": True, "SECRET_KEY": "x"})
    assert app.config["DATABASE_URL"] == f"sqlite:///{Path(app.instance_path) / 'directory.sqlite3'}"
    assert Path(app.config["INDEX_DIR"]) == ROOT / "indexes" / "services"
    assert isinstance(app.extensions["directory.index"], WhooshIndex)


def test_environment_variables_override_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DIRECTORY_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    monkeypatch.setenv("DIRECTORY_INDEX_DIR", str(tmp_path / "idx"))
    monkeypatch.setenv("DIRECTORY_INDEX_BACKEND", "memory")
    monkeypatch.setenv("DIRECTORY_SECRET_KEY", "from-the-environment")
    app = create_app()
    assert app.config["DATABASE_URL"].endswith("other.db")
    assert app.config["INDEX_DIR"] == str(tmp_path / "idx")
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert isinstance(app.extensions["directory.index"], InMemoryIndex)


def test_an_unknown_index_backend_is_refused_with_its_name() -> None:
    with pytest.raises(ValueError, match="elasticsearch"):
        create_app({"TESTING": True, "SECRET_KEY": "x", "INDEX_BACKEND": "elasticsearch"})


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = load_secret_key(tmp_path)
    assert len(first) >= 40
    assert load_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_importing_the_app_opens_no_database_and_no_index(tmp_path: Path) -> None:
    """`import app` builds the app but connects to nothing: no database file, no index directory appear."""
    code = (
        "import os, app, sqlite3; "
        "assert not os.path.exists(os.environ['DIRECTORY_INDEX_DIR']), 'index opened'; "
        "assert not os.path.exists(os.environ['DB']), 'database opened'"
    )
    env = {
        "DB": str(tmp_path / "d.sqlite3"),
        "DIRECTORY_DATABASE_URL": f"sqlite:///{tmp_path / 'd.sqlite3'}",
        "DIRECTORY_INDEX_DIR": str(tmp_path / "index"),
        "DIRECTORY_SECRET_KEY": "x",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_serving_reads_its_workers_and_address_from_the_environment_with_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DIRECTORY_WORKERS", raising=False)
    monkeypatch.delenv("DIRECTORY_BIND", raising=False)
    assert (environment_setting("WORKERS"), environment_setting("BIND")) == (4, "127.0.0.1:8000")
    monkeypatch.setenv("DIRECTORY_WORKERS", "3")
    monkeypatch.setenv("DIRECTORY_BIND", "0.0.0.0:9000")
    assert (environment_setting("WORKERS"), environment_setting("BIND")) == (3, "0.0.0.0:9000")


def test_every_setting_the_app_reads_has_its_default_in_one_place(tmp_path: Path) -> None:
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": "sqlite://", "INDEX_BACKEND": "memory"})
    for name in defaults(tmp_path):
        assert name in app.config, name
    assert app.config["SEARCH_PAGE_MEMORY"] == 0  # the memories of repeated answers are off in tests
    assert app.config["DIRECTORY_TOTALS_MEMORY"] is False
