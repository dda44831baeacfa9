"""The public pages: categories on the home page, results, and a listing a person can act on."""

from __future__ import annotations

import uuid

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests import factories as f


def make_listing() -> uuid.UUID:
    food = f.TaxonomyTermFactory(code="food", name="Food")
    pantry_term = f.TaxonomyTermFactory(
        code="food_pantry", name="Food pantry", parent=food, taxonomy_detail=food.taxonomy_detail
    )
    service = f.ServiceFactory(
        name="Tuesday Food Boxes",
        organization__name="Eastside Community Food Network",
        description="Choose produce and staples once a week.",
        eligibility_description="Households living in east Multnomah County.",
        fees_description="Free.",
        payment_options=["free"],
        wait_weeks=None,
    )
    f.AttributeFactory(service=service, taxonomy_term=pantry_term)
    sal = f.ServiceAtLocationFactory(service=service, location__name="Gateway pantry")
    f.AddressFactory(location=sal.location, address_1="10520 NE Halsey St", postal_code="97220")
    f.PhoneFactory(service=service, number="503-555-0142")
    f.ScheduleFactory(service=service, byday="TU", opens_at="13:00", closes_at="17:30")
    f.ScheduleFactory(service=service, freq="MONTHLY", byday="1SA", opens_at="09:00", closes_at="12:00")
    f.LanguageFactory(service=service, name="Spanish", code="es")
    f.RequiredDocumentFactory(service=service, document="Proof of address (a letter or bill)")
    return service.id


def test_home_lists_categories_with_counts(client: FlaskClient, db_session: Session) -> None:
    make_listing()
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h2" in html
    assert "Food</h2>" in html
    assert "Food pantry</a>" in html
    assert "1 place" in html


def test_home_hides_categories_with_no_active_services(client: FlaskClient, db_session: Session) -> None:
    legal = f.TaxonomyTermFactory(code="legal", name="Legal")
    aid = f.TaxonomyTermFactory(code="legal_aid", name="Legal aid", parent=legal, taxonomy_detail=legal.taxonomy_detail)
    f.AttributeFactory(service=f.ServiceFactory(retired=True), taxonomy_term=aid)
    html = client.get("/").get_data(as_text=True)
    assert "Legal aid" not in html


def test_category_link_shows_its_services(client: FlaskClient, db_session: Session) -> None:
    make_listing()
    f.ServiceFactory(name="Unrelated Dental Clinic")
    home = client.get("/").get_data(as_text=True)
    link = home.split('href="/search?taxonomy_code=')[1].split('"')[0]
    assert link == "food_pantry"
    html = client.get(f"/search?taxonomy_code={link}").get_data(as_text=True)
    assert "Tuesday Food Boxes" in html
    assert "Unrelated Dental Clinic" not in html


def test_service_page_shows_what_a_person_needs(client: FlaskClient, db_session: Session) -> None:
    service_id = make_listing()
    response = client.get(f"/services/{service_id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Tuesday Food Boxes</h1>" in html
    assert 'href="tel:5035550142"' in html
    assert "10520 NE Halsey St" in html
    assert "Portland, OR 97220" in html
    assert "Households living in east Multnomah County." in html
    assert "Tue 1pm–5:30pm" in html
    assert "First Sat of the month 9am–noon" in html
    assert "Spanish" in html
    assert "Free" in html
    assert "Proof of address (a letter or bill)" in html
    assert "Verified" in html


def test_service_page_warns_when_a_listing_is_retired(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(retired=True)
    html = client.get(f"/services/{service.id}").get_data(as_text=True)
    assert "no longer active" in html


def test_unknown_service_page_is_an_html_404(client: FlaskClient) -> None:
    response = client.get(f"/services/{uuid.uuid4()}")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "No service with id" in response.get_data(as_text=True)


def test_search_page_finds_by_words(client: FlaskClient, db_session: Session) -> None:
    make_listing()
    html = client.get("/search?search=produce").get_data(as_text=True)
    assert "Tuesday Food Boxes" in html
    assert "1 service" in html
    none = client.get("/search?search=zzzz").get_data(as_text=True)
    assert "Nothing matched" in none


def test_bad_page_number_on_a_page_is_an_html_422(client: FlaskClient) -> None:
    response = client.get("/search?page=0")
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    assert "page" in response.get_data(as_text=True)


def test_pages_have_a_skip_link_labelled_search_and_crisis_line(client: FlaskClient, db_session: Session) -> None:
    html = client.get("/").get_data(as_text=True)
    assert 'href="#main"' in html
    assert '<label for="q">' in html
    assert 'href="tel:988"' in html
    assert '<html lang="en">' in html


def test_search_page_filters_are_a_plain_get_form_with_labels(client: FlaskClient, db_session: Session) -> None:
    make_listing()
    html = client.get("/search?search=food").get_data(as_text=True)
    assert '<form method="get" action="/search">' in html
    for field, label in [
        ("f-search", "What do you need?"),
        ("f-category", "Type of service"),
        ("f-postcode", "Near ZIP code"),
        ("f-radius", "Within"),
        ("f-language", "Language spoken"),
        ("f-insurance", "Insurance"),
    ]:
        assert f'<label for="{field}">{label}</label>' in html
    assert 'name="open_now" value="true"' in html
    assert 'name="accepting_new_clients" value="true"' in html


def test_search_results_show_distance_phone_languages_and_who_it_is_for(
    client: FlaskClient, db_session: Session
) -> None:
    make_listing()
    html = client.get("/search?search=food&postcode=97205").get_data(as_text=True)
    assert "Tuesday Food Boxes" in html
    assert "near 97205" in html
    assert " mi</strong>" in html or "nearby</strong>" in html
    assert 'href="tel:5035550142"' in html
    assert "Languages:</span> Spanish" in html
    assert "For:</span> Households living in east Multnomah County." in html


def test_filters_in_the_url_are_kept_when_paging(client: FlaskClient, db_session: Session) -> None:
    for i in range(25):
        f.ServiceFactory(name=f"Pantry {i:02d}", payment_options=["free"])
    html = client.get("/search?search=pantry&language=&postcode=").get_data(as_text=True)
    assert "page 1 of 2" in html
    assert 'href="/search?search=pantry&amp;page=2"' in html


def test_an_empty_result_helps(client: FlaskClient, db_session: Session) -> None:
    make_listing()
    html = client.get("/search?search=shleter").get_data(as_text=True)
    assert "Nothing matched" in html
    assert "Did you mean" in html
    assert 'href="tel:211"' in html
    assert 'href="tel:988"' in html


def test_a_bad_filter_on_the_page_names_it(client: FlaskClient, db_session: Session) -> None:
    response = client.get("/search?postcode=00000")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "postcode: unknown or malformed ZIP code" in html
    assert 'value="00000"' in html  # what was typed stays in the form


def test_an_empty_result_under_filters_suggests_the_kind_of_service_asked_for(
    client: FlaskClient, db_session: Session
) -> None:
    housing = f.TaxonomyTermFactory(code="housing", name="Housing")
    shelter = f.TaxonomyTermFactory(
        code="emergency_shelter_adult",
        name="Adult emergency shelter",
        parent=housing,
        taxonomy_detail=housing.taxonomy_detail,
    )
    f.AttributeFactory(service=f.ServiceFactory(name="Night Shelter"), taxonomy_term=shelter)
    html = client.get("/search?search=shelter&language=ru").get_data(as_text=True)
    assert "Nothing matched" in html
    assert "Related services:" in html
    assert '<a href="/search?taxonomy_code=emergency_shelter_adult">Adult emergency shelter</a>' in html


def test_a_listing_names_the_plans_it_accepts_as_people_know_them(client: FlaskClient, db_session: Session) -> None:
    plans = [{"category": "medicaid_mco", "plans": ["careoregon", "wellpoint_wa", "some_new_plan"]}]
    service = f.ServiceFactory(insurance_accepted=plans)
    html = client.get(f"/services/{service.id}").get_data(as_text=True)
    assert "Medicaid managed care plan (CareOregon, Wellpoint (WA), Some New Plan)" in html
    assert "wellpoint_wa" not in html
