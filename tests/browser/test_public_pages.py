"""The public pages in a real browser (headless Chromium): a phone-sized visit from home to a listing.

Skipped when Chromium or Playwright is not installed; `.ci/run` installs Chromium so CI always runs them.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def test_from_home_to_a_listing_on_a_phone_without_javascript(phone: Any, live_url: str) -> None:
    page = phone
    page.goto(live_url + "/")
    assert page.locator("h1").inner_text() == "Find help near you"
    # The page fits the phone: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name="Food pantry").click()
    assert "Food pantry" in page.locator("h1").inner_text()
    page.locator("ol.results h2 a").first.click()
    phone_link = page.locator("a.phone").first
    assert phone_link.get_attribute("href").startswith("tel:")
    assert page.get_by_role("heading", name="What to bring").is_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "public-listing.png"), full_page=True)


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
