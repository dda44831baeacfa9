"""The Whoosh backend patches and reads Whoosh's private members, so it starts over the pinned version only."""

from __future__ import annotations

import importlib.metadata
import sys
import tomllib
from pathlib import Path

import pytest

from directory import create_app
from directory.search.whoosh import WhooshIndex, internals

ROOT = Path(__file__).resolve().parents[2]


def test_the_pinned_whoosh_is_the_version_the_internals_were_written_for() -> None:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert f"{internals.DISTRIBUTION}=={internals.SUPPORTED_VERSION}" in dependencies
    assert internals.installed_version() == internals.SUPPORTED_VERSION
    internals.require_supported_version(internals.installed_version())  # the real one passes


def _forget_the_whoosh_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next build of the backend import it afresh (the modules come back after the test)."""
    for name in [name for name in sys.modules if name.startswith("directory.search.whoosh")]:
        monkeypatch.delitem(sys.modules, name)


def test_another_whoosh_version_stops_start_up_saying_what_was_found_and_what_to_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = importlib.metadata.version
    monkeypatch.setattr(
        importlib.metadata, "version", lambda name: "2.8.0" if name == internals.DISTRIBUTION else real(name)
    )
    _forget_the_whoosh_backend(monkeypatch)
    config = {"TESTING": True, "SECRET_KEY": "x", "INDEX_BACKEND": "whoosh", "INDEX_DIR": str(tmp_path / "index")}
    with pytest.raises(RuntimeError) as refused:
        create_app(config)
    message = str(refused.value)
    assert "whoosh-reloaded 2.8.0 is installed" in message
    assert "supports whoosh-reloaded 2.7.5 only" in message
    assert "pip install 'whoosh-reloaded==2.7.5'" in message
    assert "DIRECTORY_INDEX_BACKEND=memory" in message
    assert "pyproject.toml" in message  # where to move the pin, once the internals are checked


def test_the_memory_backend_starts_whatever_whoosh_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "2.8.0")
    _forget_the_whoosh_backend(monkeypatch)
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "INDEX_BACKEND": "memory"})
    assert not isinstance(app.extensions["directory.index"], WhooshIndex)


def test_a_missing_whoosh_reloaded_is_named() -> None:
    with pytest.raises(RuntimeError, match="whoosh-reloaded is not installed"):
        internals.require_supported_version(None)
