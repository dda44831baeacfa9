"""A resource coordinator's walk in a real browser: sign in, fix a phone number, verify, approve a correction
sent from the public page, and find every step in the listing's history."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import COORDINATOR, SCREENSHOTS

pytestmark = pytest.mark.browser


def test_fix_verify_approve_and_see_the_history(desk: Any, browser: Any, live_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page = desk
    # A member of the public suggests a correction (no account).
    public = browser.new_context(viewport={"width": 360, "height": 780}).new_page()
    public.goto(live_url + "/search?taxonomy_code=food_pantry")
    public.locator("ol.results h2 a").first.click()
    listing_url = public.url
    public.click("text=Suggest a correction")
    public.select_option("#field", "description")
    public.fill("#proposed", "Walk-in food boxes on Tuesdays and Thursdays, 1pm to 4pm.")
    public.wait_for_timeout(3200)  # a person takes a few seconds; the form's time trap expects that
    public.click("button:has-text('Send suggestion')")
    assert public.locator("h1").inner_text() == "Thank you"
    public.context.close()

    page.goto(live_url + "/login")
    page.fill("#email", COORDINATOR[0])
    page.fill("#password", COORDINATOR[1])
    page.click("button:has-text('Sign in')")
    assert page.locator("h1").inner_text() == "Listings to check"
    page.screenshot(path=str(SCREENSHOTS / "coordinator-dashboard.png"), full_page=False)

    service_path = listing_url.split(live_url)[1]
    page.goto(live_url + "/coordinator" + service_path)
    page.fill("#e-phone", "503-555-0111")
    page.click("button:has-text('Save changes')")
    assert page.locator(".saved").is_visible()
    page.click("button:has-text('Verify: this listing is true today')")
    assert "Verified today" in page.locator(".verified").inner_text()

    page.click("text=Listings to check")
    page.click("text=Suggested corrections from the public")
    assert page.locator(".suggestion ins").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "coordinator-suggestion.png"), full_page=True)
    page.click("button:has-text('Approve')")
    assert "Nothing waiting" in page.locator("main").inner_text()

    page.goto(live_url + "/coordinator" + service_path + "/history")
    history = page.locator("table.history").inner_text()
    assert "503-555-0111" in history  # the phone fix
    assert "assured date" in history  # the verification
    assert "Walk-in food boxes on Tuesdays and Thursdays" in history  # the approved suggestion
    assert COORDINATOR[0] in history
    page.screenshot(path=str(SCREENSHOTS / "coordinator-history.png"), full_page=True)
