"""The listing editor in a real browser, without JavaScript: change a phone and the hours, add a language and an
insurance plan, fix a mistake the page names, edit the place and the organization, and read it all in the
history; on a 390px phone nothing is wider than the screen."""

from __future__ import annotations

from typing import Any

import pytest

from directory.eligibility.insurance import PAYMENT_OPTIONS
from tests.browser.conftest import COORDINATOR, SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.fixture
def small_phone(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False)
    yield context.new_page()
    context.close()


def sign_in(page: Any, live_url: str) -> None:
    page.goto(live_url + "/login")
    page.fill("#email", COORDINATOR[0])
    page.fill("#password", COORDINATOR[1])
    page.click("button:has-text('Sign in')")


def a_listing_with_a_place(page: Any, live_url: str) -> str:
    """The coordinator page of a counseling listing that is offered at a place."""
    page.goto(live_url + "/search?search=counseling")
    hrefs = [link.get_attribute("href") for link in page.locator("ol.results h2 a").all()]
    for href in hrefs:
        page.goto(live_url + "/coordinator" + href)
        if page.locator("section[aria-labelledby=places] li").count():
            return str(page.url)
    raise AssertionError("no listing with a place")  # pragma: no cover - the seeded county has many


def fits(page: Any) -> bool:
    """Nothing on the page is wider than the screen (once the page a click led to has loaded)."""
    page.wait_for_load_state()
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_edit_a_listing_from_a_phone_and_read_the_history(small_phone: Any, live_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page = small_phone
    sign_in(page, live_url)
    listing = a_listing_with_a_place(page, live_url)
    assert fits(page)

    with page.expect_navigation():
        page.click("text=Edit phones, languages, documents, payment and hours")
    assert fits(page)
    page.fill("#phones-0-extension", "204")
    page.fill("#phones-0-description", "Intake line")
    blank_language = page.locator("input[name$='-name'][id^='languages-']").last
    blank_language.fill("Vietnamese")
    page.locator("input[id^='languages-'][id$='-code']").last.fill("vi")
    unticked = page.locator("input[name='payment_options']:not(:checked)").first
    payment = PAYMENT_OPTIONS[str(unticked.get_attribute("value"))]
    unticked.check()
    page.fill("#schedules-0-description", "")
    page.fill("#schedules-0-closes_at", "18:30")
    page.locator("input[id^='phones-'][id$='-number']").last.fill("")  # the blank row stays blank
    page.locator("input[id^='phones-'][id$='-extension']").last.fill("9")  # but an extension with no number...
    page.click("button:has-text('Save all changes')")
    problems = page.locator("#problems").inner_text()
    assert "number: is required" in problems  # ...is named, and nothing is saved
    page.screenshot(path=str(SCREENSHOTS / "editor-problem-phone.png"), full_page=False)
    link = page.locator("#problems a").first
    row = str(link.get_attribute("href")).removeprefix("#").removesuffix("-number")
    link.click()  # the link leads to the field
    assert page.evaluate("location.hash") == f"#{row}-number"
    page.fill(f"#{row}-extension", "")  # thought better of it: leave that row blank
    page.click("button:has-text('Save all changes')")
    if page.locator("#problems").count():
        raise AssertionError(page.locator("#problems").inner_text())
    assert page.locator(".saved").is_visible()
    assert page.input_value("#phones-0-extension") == "204"
    page.screenshot(path=str(SCREENSHOTS / "editor-details-phone.png"), full_page=True)

    page.goto(listing)
    with page.expect_navigation():
        page.locator("section[aria-labelledby=places] li a").first.click()
    assert fits(page)
    page.fill("#transportation", "TriMet line 12 stops at the door.")
    page.click("button:has-text('Save this place')")
    assert page.locator(".saved").is_visible()

    page.goto(listing)
    with page.expect_navigation():
        page.click("text=Edit the organization")
    assert fits(page)
    page.fill("#email", "hello@example.org")
    page.click("button:has-text('Save all changes')")
    assert page.locator(".saved").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "editor-organization-phone.png"), full_page=True)

    page.goto(listing + "/history")
    assert fits(page)
    page.screenshot(path=str(SCREENSHOTS / "editor-history-phone.png"), full_page=True)
    history = page.locator("table.history").inner_text()
    assert "ext. 204" in history
    assert "added: Vietnamese (vi)" in history
    assert payment in history
    assert "6:30pm" in history
    assert "TriMet line 12 stops at the door." in history
    assert "organization email" in history
    assert "{" not in history  # words, not JSON
