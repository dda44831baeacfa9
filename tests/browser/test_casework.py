"""A case manager's walk in a real browser: sign in, profile, needs, results, referral handout (printed)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import CASE_MANAGER, SCREENSHOTS

pytestmark = pytest.mark.browser


def test_from_sign_in_to_a_printed_handout(desk: Any, live_url: str) -> None:
    page = desk
    SCREENSHOTS.mkdir(exist_ok=True)
    page.goto(live_url + "/casework")
    assert page.locator("h1").inner_text() == "Sign in"
    page.fill("#email", CASE_MANAGER[0])
    page.fill("#password", CASE_MANAGER[1])
    page.click("button:has-text('Sign in')")
    assert page.locator("h1").inner_text() == "Case workspace"

    page.fill("#age", "34")
    page.fill("#household_size", "3")
    page.fill("#income_amount", "2400")
    page.fill("#postcode", "97214")
    page.select_option("#insurance", "medicaid_mco")
    page.check("input[name=needs][value=mh_outpatient]")
    page.check("input[name=needs][value=food_pantry]")
    page.select_option("#radius_miles", "10")
    page.screenshot(path=str(SCREENSHOTS / "casework-profile.png"), full_page=True)
    page.click("button:has-text('Find services')")

    eligible = page.locator("#g-eligible")
    assert eligible.is_visible()
    assert page.locator(".group-eligible .match").count() > 0
    page.screenshot(path=str(SCREENSHOTS / "casework-results.png"), full_page=True)
    first = page.locator(".group-eligible .match").first
    first.locator("summary").click()
    assert first.locator(".reasons li").count() > 0

    picks = page.locator("input[name=service_id]")
    names = [page.locator(".match .name").nth(i).inner_text() for i in range(2)]
    picks.nth(0).check()
    picks.nth(1).check()
    page.fill("#note", "Ask for the intake desk.")
    page.click("button:has-text('Open referral handout')")
    assert page.locator("h1").inner_text() == "Services for you"
    assert [page.locator(".referral h2").nth(i).inner_text() for i in range(2)] == names
    assert "Ask for the intake desk." in page.locator(".note").inner_text()
    page.emulate_media(media="print")
    assert not page.locator(".screen-only").is_visible()  # the print stylesheet hides the controls
    page.screenshot(path=str(SCREENSHOTS / "casework-handout-print.png"), full_page=True)
    page.emulate_media(media="screen")

    page.goto(live_url + "/casework")
    page.click("button:has-text('Sign out')")
    assert page.locator("h1").inner_text() == "Sign in"


def test_the_public_check_on_a_phone(phone: Any, live_url: str) -> None:
    page = phone
    page.goto(live_url + "/check")
    page.fill("#age", "30")
    page.fill("#household_size", "2")
    page.fill("#postcode", "97205")
    page.click("button:has-text('Check')")
    assert page.locator("#results").is_visible()
    assert page.locator(".result").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "public-check.png"), full_page=True)
