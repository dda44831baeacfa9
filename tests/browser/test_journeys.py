"""Every journey in a real browser, at a phone's width and a desktop's: the public one (search, filter, a listing,
its call link, printing it, sharing it and opening the short link), the case manager's (sign in, profile, match,
reasons, picks, the printed handout), the coordinator's (sign in, edit, verify, review a suggested correction,
history) and suggesting a correction. Each step is screenshotted and checked with axe-core; each journey is walked
again by keyboard alone."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.browser.conftest import CASE_MANAGER, COORDINATOR, SCREENSHOTS, Journey, printed_pages

pytestmark = pytest.mark.browser


def test_the_accessibility_checker_finds_what_it_should(browser: Any, axe_source: str) -> None:
    """axe-core runs inside the page and reports a missing label and a missing alt (else the checks below say
    nothing by saying nothing)."""
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"><input id="x"></main></html>')
    page.evaluate(axe_source)
    found = {v["id"] for v in page.evaluate("async () => (await axe.run()).violations")}
    assert {"image-alt", "label"} <= found
    page.close()


# -- the public ----------------------------------------------------------------------------------------------------


def test_the_public_journey(screen: tuple[str, Any], live_url: str, axe_source: str) -> None:
    name, page = screen
    walk = Journey(page, "public", name, axe_source)
    page.goto(live_url + "/")
    walk.step("home")
    page.get_by_label("Search for help").fill("food")
    page.get_by_label("Search for help").press("Enter")
    assert "Results for “food”" in page.locator("h1").inner_text()
    walk.step("results")
    page.locator("summary", has_text="Filters").click()
    page.select_option("#f-language", "es")
    page.click("button:has-text('Show results')")
    assert page.locator("ol.results li").count() > 0
    walk.step("filtered-spanish")
    page.locator("ol.results h2 a").first.click()
    assert page.get_by_role("heading", name="What to bring").is_visible()
    call = page.locator("a.phone").first
    assert call.get_attribute("href").startswith("tel:")
    walk.step("listing")
    page.emulate_media(media="print")
    assert not page.locator("form.search").is_visible()  # printed: the listing, not the site's controls
    assert call.is_visible()
    walk.step("listing-print")
    assert printed_pages(page, "Letter") == printed_pages(page, "A4") == 1  # a listing prints on one sheet
    page.emulate_media(media="screen")
    listing_name = page.locator("h1").inner_text()
    page.click("button:has-text('Share this listing')")
    assert page.locator("h1").inner_text() == "Shared services"
    link = page.get_by_label("Link to this list")
    assert link.get_attribute("readonly") is not None
    assert "/s/" in link.input_value()
    assert page.locator(".share-link svg").is_visible()
    walk.step("shared")
    page.emulate_media(media="print")
    assert not link.is_visible()  # printed: the link as text beside its QR code
    assert page.locator(".share-link .print-only").is_visible()
    walk.step("shared-print")
    page.emulate_media(media="screen")
    page.goto(link.input_value())  # the link opens the same list
    page.get_by_role("link", name=listing_name).click()
    assert page.locator("h1").inner_text() == listing_name


def test_the_public_journey_by_keyboard(browser: Any, live_url: str, axe_source: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    walk = Journey(page, "public-keyboard", "desktop", axe_source)
    page.goto(live_url + "/")
    walk.tab_to("#q")
    page.keyboard.type("shelter")
    walk.follow("Enter")
    assert "Results for “shelter”" in page.locator("h1").inner_text()
    walk.tab_to("ol.results h2 a")
    walk.follow("Enter")
    walk.tab_to("a.phone")
    walk.step("listing-reached-by-keyboard")
    walk.tab_to("button:has-text('Share this listing')")
    walk.follow("Enter")
    assert page.locator("h1").inner_text() == "Shared services"
    walk.tab_to("#share-link")  # the link to copy, reached and focused like any field
    walk.step("shared-by-keyboard")
    page.close()


# -- a case manager ------------------------------------------------------------------------------------------------


def sign_in(page: Any, live_url: str, who: tuple[str, str], heading: str) -> None:
    page.goto(live_url + "/login")
    page.fill("#email", who[0])
    page.fill("#password", who[1])
    page.click("main button:has-text('Sign in')")
    assert page.locator("h1").inner_text() == heading


def test_the_case_manager_journey(screen: tuple[str, Any], live_url: str, axe_source: str) -> None:
    name, page = screen
    walk = Journey(page, "case-manager", name, axe_source)
    page.goto(live_url + "/casework")
    walk.step("sign-in")
    sign_in(page, live_url, CASE_MANAGER, "Case workspace")
    page.fill("#age", "34")
    page.fill("#household_size", "3")
    page.fill("#income_amount", "2400")
    page.fill("#postcode", "97214")
    page.select_option("#insurance", "medicaid_mco")
    page.check("input[name=needs][value=mh_outpatient]")
    page.check("input[name=needs][value=food_pantry]")
    walk.step("profile")
    page.click("button:has-text('Find services')")
    assert page.locator(".group-eligible .match").count() > 0
    walk.step("results")
    first = page.locator(".group-eligible .match").first
    first.locator("summary").click()
    assert first.locator(".reasons li").count() > 0
    walk.step("reasons")
    picks = page.locator("input[name=service_id]")
    names = [page.locator(".match .name").nth(i).inner_text() for i in range(2)]
    picks.nth(0).check()
    picks.nth(1).check()
    page.fill("#note", "Bring this sheet; ask for intake.")
    page.click("button:has-text('Open referral handout')")
    assert page.locator("h1").inner_text() == "Services for you"
    assert page.locator(".referral h2").all_inner_texts() == names  # in the order the case manager saw them
    assert "Bring this sheet; ask for intake." in page.locator(".note").inner_text()
    walk.step("handout")
    page.emulate_media(media="print")
    assert not page.locator(".screen-only").is_visible()
    walk.step("handout-print")
    assert printed_pages(page) == 3  # a sheet for each service to hand on, then one for notes
    page.emulate_media(media="screen")
    page.goto(live_url + "/casework")
    page.click("button:has-text('Sign out')")
    assert page.locator("h1").inner_text() == "Sign in"
    page.goto(live_url + "/casework")
    assert page.locator("h1").inner_text() == "Sign in"  # signed out: the workspace asks again


def test_the_case_manager_journey_by_keyboard(browser: Any, live_url: str, axe_source: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    walk = Journey(page, "case-manager-keyboard", "desktop", axe_source)
    page.goto(live_url + "/login")
    walk.tab_to("#email")
    page.keyboard.type(CASE_MANAGER[0])
    page.keyboard.press("Tab")
    page.keyboard.type(CASE_MANAGER[1])
    walk.follow("Enter")
    page.goto(live_url + "/casework")
    walk.tab_to("#age")
    page.keyboard.type("52")
    walk.tab_to("#postcode")
    page.keyboard.type("97214")
    walk.tab_to("input[name=needs][value=food_pantry]")
    page.keyboard.press("Space")
    walk.tab_to("button:has-text('Find services')")
    walk.follow("Enter")
    walk.tab_to("input[name=service_id]")
    page.keyboard.press("Space")
    walk.tab_to("button:has-text('Open referral handout')")
    walk.follow("Enter")
    assert page.locator(".referral").count() == 1
    walk.step("handout-by-keyboard")
    page.close()


# -- suggesting a correction, and the coordinator who reviews it ---------------------------------------------------


def suggest(page: Any, walk: Journey, live_url: str, text: str) -> str:
    """From a listing, suggest a new description; returns the listing's path."""
    page.goto(live_url + "/search?taxonomy_code=food_pantry")
    page.locator("ol.results h2 a").first.click()
    path = page.url.removeprefix(live_url)
    page.click("text=Suggest a correction")
    walk.step("suggest-form")
    page.click("button:has-text('Send suggestion')")  # nothing chosen, nothing written
    problem = page.locator("#field")
    assert problem.get_attribute("aria-invalid") == "true"
    described = problem.get_attribute("aria-describedby") or ""
    assert described
    assert page.locator(f"#{described.split()[0]}").inner_text()  # the field says what is wrong with it
    assert page.get_by_role("alert").is_visible()  # and the page announces it
    walk.step("suggest-problem")
    page.select_option("#field", "description")
    page.fill("#proposed", text)
    page.wait_for_timeout(3200)  # a person takes a few seconds; the form's time trap expects that
    page.click("button:has-text('Send suggestion')")
    assert page.locator("h1").inner_text() == "Thank you"
    walk.step("suggest-thanks")
    return path


def test_suggesting_a_correction_and_the_coordinator_journey(
    screen: tuple[str, Any], browser: Any, live_url: str, axe_source: str
) -> None:
    name, page = screen
    marker = uuid.uuid4().hex[:8]
    proposed = f"Walk-in food boxes on Tuesdays ({marker})."
    public = Journey(page, "suggest", name, axe_source)
    path = suggest(page, public, live_url, proposed)
    page.context.clear_cookies()

    walk = Journey(page, "coordinator", name, axe_source)
    sign_in(page, live_url, COORDINATOR, "Listings to check")
    walk.step("dashboard")
    page.goto(live_url + "/coordinator" + path)
    phone = f"503-555-{uuid.uuid4().int % 9000 + 1000}"
    page.fill("#e-phone", phone)
    page.click("button:has-text('Save changes')")
    assert page.locator(".saved").is_visible()
    walk.step("edited")
    page.click("button:has-text('Verify: this listing is true today')")
    assert "Verified today" in page.locator(".verified").inner_text()
    walk.step("verified")
    page.goto(live_url + "/coordinator/suggestions")
    mine = page.locator(".suggestion", has_text=marker)
    assert mine.locator("ins").first.is_visible()
    walk.step("suggestions")
    mine.locator("button:has-text('Approve')").click()
    assert page.locator(".suggestion", has_text=marker).count() == 0
    page.goto(live_url + "/coordinator" + path + "/history")
    history = page.locator("table.history").inner_text()
    assert phone in history  # the phone fix
    assert "assured date" in history  # the verification
    assert marker in history  # the approved suggestion
    assert COORDINATOR[0] in history  # who did each
    walk.step("history")


def test_suggesting_a_correction_by_keyboard(browser: Any, live_url: str, axe_source: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    walk = Journey(page, "suggest-keyboard", "desktop", axe_source)
    page.goto(live_url + "/search?taxonomy_code=food_pantry")
    walk.tab_to("ol.results h2 a")
    walk.follow("Enter")
    walk.tab_to("a:has-text('Suggest a correction')")
    walk.follow("Enter")
    walk.tab_to("#field")
    page.keyboard.press("ArrowDown")  # the first choice
    walk.tab_to("#proposed")
    page.keyboard.type("The phone number is now 503-555-0142.")
    page.wait_for_timeout(3200)
    walk.tab_to("button:has-text('Send suggestion')")
    walk.follow("Enter")
    assert page.locator("h1").inner_text() == "Thank you"
    walk.step("sent-by-keyboard")
    page.close()


def test_the_coordinator_journey_by_keyboard(browser: Any, live_url: str, axe_source: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    walk = Journey(page, "coordinator-keyboard", "desktop", axe_source)
    page.goto(live_url + "/login")
    walk.tab_to("#email")
    page.keyboard.type(COORDINATOR[0])
    page.keyboard.press("Tab")
    page.keyboard.type(COORDINATOR[1])
    walk.follow("Enter")
    assert page.locator("h1").inner_text() == "Listings to check"
    walk.tab_to("main table tbody a")
    walk.follow("Enter")
    walk.tab_to("button:has-text('Verify: this listing is true today')")
    walk.follow("Enter")
    assert "Verified today" in page.locator(".verified").inner_text()
    walk.tab_to("a:has-text('History')")
    walk.follow("Enter")
    assert page.locator("table.history").is_visible()
    walk.step("history-by-keyboard")
    page.close()


def test_the_public_journey_in_spanish_and_the_switch(browser: Any, live_url: str, axe_source: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, locale="es-MX")
    page = context.new_page()
    walk = Journey(page, "public-spanish", "phone", axe_source)
    page.goto(live_url + "/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "Encuentre ayuda cerca de usted"
    walk.step("home")
    page.get_by_label("Buscar ayuda").fill("comida")
    page.get_by_label("Buscar ayuda").press("Enter")
    assert "Resultados para “comida”" in page.locator("h1").inner_text()
    walk.step("results")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Results for “comida”" in page.locator("h1").inner_text()  # the same page, now in English
    page.goto(live_url + "/")
    assert page.locator("h1").inner_text() == "Find help near you"  # remembered over the browser's Spanish
    walk.step("switched-to-english")
    context.close()


def test_the_check_in_spanish(browser: Any, live_url: str, axe_source: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, locale="es-MX")
    page = context.new_page()
    walk = Journey(page, "check-spanish", "phone", axe_source)
    page.goto(live_url + "/check")
    page.get_by_label("2. ¿Cuántos años tiene?").fill("30")
    page.get_by_label("3. ¿Cuántas personas viven en su hogar, contándose usted?").fill("3")
    page.get_by_label("4. Ingresos del hogar antes de impuestos ($)").fill("2500")
    page.click("main button:has-text('Revisar')")
    reasons = page.locator("ol.results").inner_text()
    assert "Ingreso de $2,500/mes" in reasons  # why, in Spanish, with dollars as written here
    assert "Income" not in reasons
    walk.step("answers")
    context.close()


# -- "Do I qualify?" and the pages without JavaScript --------------------------------------------------------------


def test_the_check_journey(screen: tuple[str, Any], live_url: str, axe_source: str) -> None:
    name, page = screen
    walk = Journey(page, "check", name, axe_source)
    page.goto(live_url + "/check")
    walk.step("questions")
    page.get_by_label("2. How old are you?").fill("30")
    page.get_by_label("3. How many people live in your household, counting you?").fill("2")
    page.get_by_label("5. Your ZIP code").fill("97205")
    page.click("main button:has-text('Check')")
    assert page.locator("#results").is_visible()
    assert page.locator("ol.results .result").count() > 0
    walk.step("answers")
    page.get_by_label("2. How old are you?").fill("-2")
    page.click("main button:has-text('Check')")
    age = page.locator("#age")
    assert age.get_attribute("aria-invalid") == "true"
    assert page.get_by_role("alert").is_visible()
    walk.step("a-bad-answer")


def test_the_check_by_keyboard(browser: Any, live_url: str, axe_source: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    walk = Journey(page, "check-keyboard", "desktop", axe_source)
    page.goto(live_url + "/check")
    walk.tab_to("#needs")
    page.keyboard.press("ArrowDown")  # the first kind of help
    walk.tab_to("#age")
    page.keyboard.type("41")
    walk.tab_to("#postcode")
    page.keyboard.type("97214")
    walk.tab_to("main button:has-text('Check')")
    walk.follow("Enter")
    assert page.locator("#results").is_visible()
    walk.tab_to("ol.results h3 a")
    walk.step("answers-by-keyboard")
    page.close()


def test_the_public_pages_without_javascript(browser: Any, live_url: str) -> None:
    """Scripts off, on a phone: find a listing through a category, call it, share it, check what you may qualify
    for and suggest a correction; every page still works (axe-core needs scripts, so the journeys above check
    these pages)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_url + "/")
    assert page.locator("h1").inner_text() == "Find help near you"
    page.keyboard.press("Tab")
    assert page.locator("a.skip").evaluate("el => el === document.activeElement")  # the first stop skips the header
    page.get_by_role("link", name="Food pantry").first.click()
    assert "Food pantry" in page.locator("h1").inner_text()
    page.locator("ol.results h2 a").first.click()
    assert page.locator("a.phone").first.get_attribute("href").startswith("tel:")
    assert page.get_by_role("heading", name="What to bring").is_visible()
    page.click("button:has-text('Share this listing')")
    assert page.locator("h1").inner_text() == "Shared services"
    page.goto(live_url + "/check")
    page.get_by_label("2. How old are you?").fill("30")
    page.click("main button:has-text('Check')")
    assert page.locator("ol.results .result").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(SCREENSHOTS / "public-without-javascript.png"), full_page=True)
    context.close()
