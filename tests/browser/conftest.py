"""Browser tests: a live server over the seeded county, and headless Chromium driven by Playwright.

Skipped when Chromium or Playwright is not installed; `.ci/run` installs Chromium so CI always runs them.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from directory import create_app
from directory.db import Base
from directory.db import Session as ScopedSession

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed (Debian package `chromium`)", allow_module_level=True)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CASE_MANAGER = ("cm@example.org", "correct horse battery staple")
COORDINATOR = ("coord@example.org", "another long passphrase")
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("live")
    app: Flask = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE_URL": f"sqlite:///{folder / 'live.sqlite3'}",
            "INDEX_DIR": str(folder / "index" / "services"),
        }
    )
    engine = app.extensions["directory.engine"]
    previous = ScopedSession.session_factory.kw.get("bind")
    ScopedSession.remove()
    ScopedSession.configure(bind=engine)
    Base.metadata.create_all(engine)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    email, password = CASE_MANAGER
    result = runner.invoke(args=["users", "create", email, "--role", "case_manager"], input=f"{password}\n{password}\n")
    assert result.exit_code == 0, result.output
    email, password = COORDINATOR
    result = runner.invoke(args=["users", "create", email, "--role", "coordinator"], input=f"{password}\n{password}\n")
    assert result.exit_code == 0, result.output
    ScopedSession.remove()
    server = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    ScopedSession.remove()
    ScopedSession.configure(bind=previous)
    engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desk(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    yield page
    context.close()
