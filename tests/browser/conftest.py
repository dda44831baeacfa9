"""Browser tests: a live server over the seeded county, and headless Chromium driven by Playwright.

Skipped when Chromium or Playwright is not installed; `.ci/run` installs Chromium so CI always runs them. A journey
(`Journey`) screenshots each step into SCREENSHOTS (the run prints where) and runs axe-core (`make install` puts it
in node_modules/ from the npm registry) on each page it reaches.
"""

from __future__ import annotations

import json
import os
import re
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
SCREENSHOTS = Path(os.environ.get("DIRECTORY_SCREENSHOTS") or Path(__file__).parent / "screenshots")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
#: The widths every journey is walked at: an old phone and a desktop.
SCREENS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
#: axe-core impacts that fail a page.
BLOCKING = ("serious", "critical")
_AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))"""
_FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
}"""


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


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (make install runs npm ci)")
    return AXE.read_text()


@pytest.fixture(params=list(SCREENS))
def screen(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[str, Any]]:
    """A fresh browser tab at one of the journey widths, with JavaScript as people have it."""
    name = request.param
    context = browser.new_context(viewport=SCREENS[name], is_mobile=name == "phone", has_touch=name == "phone")
    yield name, context.new_page()
    context.close()


class Journey:
    """A walk through the site in one tab: each `step` is screenshotted, checked with axe-core (no serious or
    critical violation) and checked to fit the screen (nothing scrolls sideways)."""

    def __init__(self, page: Any, name: str, screen: str, axe: str) -> None:
        self.page, self.name, self.screen, self.axe = page, name, screen, axe
        self.folder = SCREENSHOTS / name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.steps = 0

    def step(self, label: str) -> None:
        self.steps += 1
        shot = self.folder / f"{self.screen}-{self.steps:02d}-{label}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        width = self.page.viewport_size["width"]
        assert self.page.evaluate("document.documentElement.scrollWidth") <= width, f"{label}: scrolls sideways"
        if self.page.evaluate("typeof window.axe") == "undefined":
            self.page.evaluate(self.axe)
        violations = [v for v in self.page.evaluate(_AXE_RUN) if v["impact"] in BLOCKING]
        assert violations == [], f"{label} ({self.page.url}): {json.dumps(violations, indent=1)}"

    def follow(self, key: str) -> None:
        """Press a key that leaves the page (a link, a form's submit) and wait for the next one."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def tab_to(self, selector: str, limit: int = 150) -> None:
        """Press Tab until the element `selector` names has the focus, each stop showing where the focus is."""
        target = self.page.locator(selector).first
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if target.evaluate("el => el === document.activeElement"):
                assert self.page.evaluate(_FOCUS_SHOWN), f"the focus on {selector} is not visible"
                return
        raise AssertionError(f"{selector} not reached in {limit} presses of Tab")


def printed_pages(page: Any, paper: str = "Letter") -> int:
    """How many sheets the page prints on (Chromium's own print to PDF, with the print stylesheet)."""
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format=paper)))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SCREENSHOTS.exists() and any(SCREENSHOTS.rglob("*.png")):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS}")
