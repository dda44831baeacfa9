"""The public pages in a real browser (headless Chromium): a phone-sized visit from home to a listing.

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

pytestmark = pytest.mark.browser

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


@pytest.fixture(scope="module")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("live")
    app: Flask = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE_URL": f"sqlite:///{folder / 'live.sqlite3'}",
            "INDEX_DIR": str(folder / "index"),
        }
    )
    engine = app.extensions["directory.engine"]
    previous = ScopedSession.session_factory.kw.get("bind")
    ScopedSession.remove()
    ScopedSession.configure(bind=engine)
    Base.metadata.create_all(engine)
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    server = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    ScopedSession.remove()
    ScopedSession.configure(bind=previous)
    engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_from_home_to_a_listing_on_a_phone_without_javascript(phone: Any, live_url: str) -> None:
    page = phone
    page.goto(live_url + "/")
    assert page.locator("h1").inner_text() == "Find help near you"
    # The page fits the phone: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Food pantry").click()
    assert "Food pantry" in page.locator("h1").inner_text()
    page.locator("ol.results h2 a").first.click()
    phone_link = page.locator("a.phone").first
    assert phone_link.get_attribute("href").startswith("tel:")
    assert page.get_by_role("heading", name="What to bring").is_visible()
    page.screenshot(path=str(Path(__file__).parent / "last-listing.png"), full_page=True)


def test_search_box_is_labelled_and_reachable_by_keyboard(phone: Any, live_url: str) -> None:
    page = phone
    page.goto(live_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    search = page.get_by_label("Search for help")
    search.fill("food")
    search.press("Enter")
    assert "Results for “food”" in page.locator("h1").inner_text()
    assert page.locator("ol.results li").count() > 0
