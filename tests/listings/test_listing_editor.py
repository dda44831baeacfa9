"""The listing editor: phones, languages, documents, insurance and payment, hours, places and the organization,
edited with plain forms; saved changes reach the API document and the history, and a problem saves nothing."""

from __future__ import annotations

import re
import uuid
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.accounts.models import Role
from directory.listings import models as m
from tests import factories as f
from tests.conftest import json_of
from tests.listings.test_coordinator_pages import sign_in


def details_form(client: FlaskClient, service_id: uuid.UUID) -> dict[str, Any]:
    """The details form as the page renders it: every input's current value (ticked boxes as lists)."""
    html = client.get(f"/coordinator/services/{service_id}/details").get_data(as_text=True)
    return form_values(html)


def form_values(html: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'name="q"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        text = value.group(1).replace("&#34;", '"').replace("&amp;", "&") if value else ""
        if 'type="checkbox"' in tag:
            if " checked" in tag:
                values.setdefault(name.group(1), []).append(text)
            continue
        values[name.group(1)] = text
    for select_tag in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', select_tag[1])
        values[select_tag[0]] = chosen.group(1) if chosen else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        values[name] = text
    return values


def post(client: FlaskClient, path: str, values: dict[str, Any], csrf: str) -> Any:
    return client.post(path, data={**values, "csrf_token": csrf})


def history_of(client: FlaskClient, service_id: uuid.UUID) -> str:
    return client.get(f"/coordinator/services/{service_id}/history").get_data(as_text=True)


def metadata_count(db_session: Session) -> int:
    return db_session.scalar(select(func.count()).select_from(m.Metadata)) or 0


def test_edit_a_phone_add_one_and_see_both_in_the_api_and_history(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(name="Tuesday Pantry")
    f.PhoneFactory(service=service, number="503-555-0100", type="voice")
    service_id = service.id
    csrf = sign_in(client, db_session)
    form = details_form(client, service_id)
    form.update(
        {
            "phones-0-extension": "12",
            "phones-0-description": "Intake",
            "phones-1-number": "503-555-0177",
            "phones-1-type": "text",
        }
    )
    response = post(client, f"/coordinator/services/{service_id}/details", form, csrf)
    assert response.status_code == 302, response.get_data(as_text=True)
    phones = json_of(client.get(f"/api/services/{service_id}"))["phones"]
    assert [(p["number"], p.get("extension"), p.get("type"), p.get("description")) for p in phones] == [
        ("503-555-0100", 12, "voice", "Intake"),
        ("503-555-0177", None, "text", None),
    ]
    history = history_of(client, service_id)
    assert "503-555-0100 ext. 12 (voice; Intake)" in history
    assert "added: 503-555-0177 (text)" in history
    assert "coord@example.org" in history


def test_a_phone_without_a_number_is_named_and_nothing_is_saved(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(payment_options=["free"])
    f.PhoneFactory(service=service, number="503-555-0100")
    f.LanguageFactory(service=service, name="Spanish", code="es")
    service_id = service.id
    csrf = sign_in(client, db_session)
    before = json_of(client.get(f"/api/services/{service_id}"))
    changes_before = metadata_count(db_session)
    form = details_form(client, service_id)
    form.update(
        {
            "phones-1-extension": "4",  # a new phone with an extension but no number
            "languages-0-name": "Vietnamese",  # a valid change in the same save
            "languages-0-code": "vi",
            "payment_options": ["free", "sliding_fee"],
        }
    )
    response = post(client, f"/coordinator/services/{service_id}/details", form, csrf)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "phones[1].number: is required" in html
    assert 'id="phones-1-number-error"' in html  # beside the field too
    assert 'value="Vietnamese"' in html  # what was typed is kept for the next try
    assert json_of(client.get(f"/api/services/{service_id}")) == before
    assert metadata_count(db_session) == changes_before


def test_form_problems_are_named_by_the_row_a_person_sees(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory()
    f.LanguageFactory(service=service, name="Spanish", code="es")
    f.ScheduleFactory(service=service)
    service_id = service.id
    csrf = sign_in(client, db_session)
    form = details_form(client, service_id)
    form.update(
        {
            "languages-0-remove": "1",
            "languages-1-name": "Russian",
            "languages-1-code": "Russian",
            "schedules-0-opens_at": "9am",
            "schedules-1-closes_at": "17:00",
            "schedules-1-opens_at": "12:00",
        }
    )
    response = post(client, f"/coordinator/services/{service_id}/details", form, csrf)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "languages[1].code: must be an ISO 639 code" in html
    assert "schedules[0].opens_at: must be a time such as 09:00" in html
    assert "schedules[1].days: tick the days these hours are for" in html
    assert [lang["name"] for lang in json_of(client.get(f"/api/services/{service_id}"))["languages"]] == ["Spanish"]


def test_languages_and_documents_are_added_edited_and_removed(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory()
    f.LanguageFactory(service=service, name="Spanish", code="es")
    f.LanguageFactory(service=service, name="English", code="en")
    f.RequiredDocumentFactory(service=service, document="Photo ID")
    service_id = service.id
    csrf = sign_in(client, db_session)
    form = details_form(client, service_id)
    english = next(i for i in (0, 1) if form[f"languages-{i}-name"] == "English")
    form.update(
        {
            f"languages-{english}-remove": "1",
            "languages-2-name": "Somali",
            "languages-2-code": "SO",
            "required_documents-0-document": "Photo ID (any kind)",
            "required_documents-1-document": "Proof of address",
        }
    )
    assert post(client, f"/coordinator/services/{service_id}/details", form, csrf).status_code == 302
    body = json_of(client.get(f"/api/services/{service_id}"))
    assert sorted((lang["name"], lang["code"]) for lang in body["languages"]) == [("Somali", "so"), ("Spanish", "es")]
    assert [d["document"] for d in body["required_documents"]] == ["Photo ID (any kind)", "Proof of address"]
    assert db_session.scalar(select(func.count()).select_from(m.Language).where(m.Language.name == "English")) == 0
    history = history_of(client, service_id)
    assert "removed: English (en)" in history
    assert "added: Somali (so)" in history
    assert "documents to bring" in history

    form = details_form(client, service_id)
    form.update({"required_documents-0-remove": "1", "required_documents-1-remove": "1"})
    assert post(client, f"/coordinator/services/{service_id}/details", form, csrf).status_code == 302
    assert json_of(client.get(f"/api/services/{service_id}"))["required_documents"] == []


def test_insurance_and_payment_are_ticked_with_plan_names(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory(medicaid=True).id  # medicaid, plus medicaid_mco with CareOregon; sliding fee
    csrf = sign_in(client, db_session)
    form = details_form(client, service_id)
    assert form["insurance"] == ["medicaid", "medicaid_mco"]
    assert form["insurance_accepted-medicaid_mco-plans"] == "CareOregon"
    form["insurance"] = ["medicaid_mco", "medicare"]
    form["insurance_accepted-medicaid_mco-plans"] = "CareOregon, Trillium, Providence Health Plan"
    form["payment_options"] = ["sliding_fee", "payment_assistance"]
    assert post(client, f"/coordinator/services/{service_id}/details", form, csrf).status_code == 302
    body = json_of(client.get(f"/api/services/{service_id}"))
    assert body["insurance_accepted"] == [
        {"category": "medicaid_mco", "plans": ["careoregon", "trillium", "providence_health_plan"]},
        {"category": "medicare"},
    ]
    assert body["payment_options"] == ["sliding_fee", "payment_assistance"]
    history = history_of(client, service_id)
    assert "Medicaid managed care plan (only CareOregon, Trillium, providence_health_plan)" in history
    assert "Payment assistance available" in history


def test_plans_for_an_unticked_kind_of_insurance_are_refused(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory(insurance_accepted=[]).id
    csrf = sign_in(client, db_session)
    form = details_form(client, service_id)
    form["insurance_accepted-marketplace-plans"] = "Moda"
    response = post(client, f"/coordinator/services/{service_id}/details", form, csrf)
    assert response.status_code == 422
    assert "insurance_accepted.marketplace.plans: tick “Marketplace (ACA) plan”" in response.get_data(as_text=True)
    assert json_of(client.get(f"/api/services/{service_id}"))["insurance_accepted"] == []


def test_weekly_hours_are_changed_added_and_removed(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory()
    f.ScheduleFactory(service=service, byday="MO,TU,WE,TH,FR", opens_at="09:00", closes_at="17:00")
    f.ScheduleFactory(service=service, byday="SA", opens_at="10:00", closes_at="12:00")
    service_id = service.id
    csrf = sign_in(client, db_session)
    form = details_form(client, service_id)
    saturday = 0 if form["schedules-0-days"] == ["SA"] else 1
    weekdays = 1 - saturday
    form.update(
        {
            f"schedules-{weekdays}-days": ["MO", "WE", "FR"],
            f"schedules-{weekdays}-closes_at": "18:30",
            f"schedules-{saturday}-remove": "1",
            "schedules-2-days": ["SU"],
            "schedules-2-opens_at": "13:00",
            "schedules-2-closes_at": "15:00",
            "schedules-2-description": "Sunday lunch",
        }
    )
    assert post(client, f"/coordinator/services/{service_id}/details", form, csrf).status_code == 302
    schedules = json_of(client.get(f"/api/services/{service_id}"))["schedules"]
    assert sorted((s["byday"], s["opens_at"], s["closes_at"], s.get("description")) for s in schedules) == [
        ("MO,WE,FR", "09:00", "18:30", None),
        ("SU", "13:00", "15:00", "Sunday lunch"),
    ]
    history = history_of(client, service_id)
    assert "Mon, Wed, Fri 9am–6:30pm" in history
    assert "removed: Sat 10am–noon" in history


def test_changing_hours_under_a_stale_description_asks_to_update_it(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory()
    f.ScheduleFactory(service=service, description="Weekdays 9am–5pm")
    service_id = service.id
    csrf = sign_in(client, db_session)
    form = details_form(client, service_id)
    form["schedules-0-closes_at"] = "16:00"
    response = post(client, f"/coordinator/services/{service_id}/details", form, csrf)
    assert response.status_code == 422
    assert "schedules[0].description: still reads “Weekdays 9am–5pm”" in response.get_data(as_text=True)
    form["schedules-0-description"] = "Weekdays 9am–4pm"
    assert post(client, f"/coordinator/services/{service_id}/details", form, csrf).status_code == 302
    assert json_of(client.get(f"/api/services/{service_id}"))["schedules"][0]["closes_at"] == "16:00"


def test_a_place_is_edited_and_its_map_position_follows_the_zip(client: FlaskClient, db_session: Session) -> None:
    sal = f.ServiceAtLocationFactory(location__name="Old Town Office")
    f.AddressFactory(location=sal.location, address_1="100 SW Main St", postal_code="97205")
    service_id, location_id = sal.service_id, sal.location_id
    csrf = sign_in(client, db_session)
    page = client.get(f"/coordinator/services/{service_id}/locations/{location_id}").get_data(as_text=True)
    form = form_values(page)
    assert form["address_1"] == "100 SW Main St"
    form.update(
        {
            "name": "Gresham Office",
            "address_1": "18 NE 2nd St",
            "city": "Gresham",
            "postal_code": "97030",
            "state_province": "Oregon",
            "transportation": "MAX Blue Line to Gresham Central",
            "service_note": "Tuesdays only; call ahead",
        }
    )
    response = post(client, f"/coordinator/services/{service_id}/locations/{location_id}", form, csrf)
    assert response.status_code == 302, response.get_data(as_text=True)
    (place,) = json_of(client.get(f"/api/services/{service_id}"))["service_at_locations"]
    assert place["description"] == "Tuesdays only; call ahead"
    location = place["location"]
    assert location["name"] == "Gresham Office"
    assert location["transportation"] == "MAX Blue Line to Gresham Central"
    address = location["addresses"][0]
    assert (address["address_1"], address["city"], address["state_province"], address["postal_code"]) == (
        "18 NE 2nd St",
        "Gresham",
        "OR",
        "97030",
    )
    assert round(location["latitude"], 1) == 45.5  # Gresham's ZIP, not the old downtown point
    assert location["longitude"] > -122.5
    history = history_of(client, service_id)
    assert "Gresham Office, 18 NE 2nd St, Gresham, OR 97030" in history
    assert "locations" in history


def test_a_bad_address_is_named_and_nothing_is_saved(client: FlaskClient, db_session: Session) -> None:
    sal = f.ServiceAtLocationFactory(location__name="Old Town Office")
    f.AddressFactory(location=sal.location)
    service_id, location_id = sal.service_id, sal.location_id
    csrf = sign_in(client, db_session)
    form = form_values(client.get(f"/coordinator/services/{service_id}/locations/{location_id}").get_data(as_text=True))
    form.update({"name": "Renamed", "city": "", "postal_code": "9720"})
    response = post(client, f"/coordinator/services/{service_id}/locations/{location_id}", form, csrf)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "postal_code: must be a 5-digit ZIP code" in html
    assert "city: is required" in html  # every problem at once
    form.update({"postal_code": "97205", "city": "Portland", "name": "x" * 301})
    response = post(client, f"/coordinator/services/{service_id}/locations/{location_id}", form, csrf)
    assert response.status_code == 422
    assert "name: is too long (301 characters; at most 300)" in response.get_data(as_text=True)  # the importer's rule
    location = json_of(client.get(f"/api/services/{service_id}"))["service_at_locations"][0]["location"]
    assert location["name"] == "Old Town Office"


def test_a_new_place_is_added_and_an_old_one_removed(client: FlaskClient, db_session: Session) -> None:
    sal = f.ServiceAtLocationFactory(location__name="Old Town Office")
    service_id, old_location = sal.service_id, sal.location_id
    csrf = sign_in(client, db_session)
    assert client.get(f"/coordinator/services/{service_id}/locations/new").status_code == 200
    form = {
        "name": "Beaverton Clinic",
        "address_1": "5157 NW Walker Rd",
        "city": "Beaverton",
        "state_province": "OR",
        "postal_code": "97007",
    }
    response = post(client, f"/coordinator/services/{service_id}/locations/new", form, csrf)
    assert response.status_code == 302, response.get_data(as_text=True)
    places = json_of(client.get(f"/api/services/{service_id}"))["service_at_locations"]
    assert sorted(p["location"]["name"] for p in places) == ["Beaverton Clinic", "Old Town Office"]
    new = next(p["location"] for p in places if p["location"]["name"] == "Beaverton Clinic")
    assert new["addresses"][0]["city"] == "Beaverton"
    assert new["latitude"]

    response = post(client, f"/coordinator/services/{service_id}/locations/{old_location}/remove", {}, csrf)
    assert response.status_code == 302
    places = json_of(client.get(f"/api/services/{service_id}"))["service_at_locations"]
    assert [p["location"]["name"] for p in places] == ["Beaverton Clinic"]
    assert db_session.get(m.Location, old_location) is not None  # the place itself stays
    assert "removed: Old Town Office" in history_of(client, service_id)


def test_an_organization_place_can_be_linked(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory()
    place = f.LocationFactory(organization=service.organization, name="Annex")
    service_id, place_id = service.id, place.id
    csrf = sign_in(client, db_session)
    page = client.get(f"/coordinator/services/{service_id}/locations/new").get_data(as_text=True)
    assert "Annex" in page
    response = post(client, f"/coordinator/services/{service_id}/locations/new", {"existing": str(place_id)}, csrf)
    assert response.status_code == 302
    places = json_of(client.get(f"/api/services/{service_id}"))["service_at_locations"]
    assert [p["location_id"] for p in places] == [str(place_id)]
    other = f.LocationFactory(name="Someone else's place").id
    response = post(client, f"/coordinator/services/{service_id}/locations/new", {"existing": str(other)}, csrf)
    assert response.status_code == 422
    assert "existing: is not a place of this organization" in response.get_data(as_text=True)


def test_the_organization_is_edited_with_its_phones_and_history(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(organization__name="Old Name Agency")
    organization_id, service_id = service.organization_id, service.id
    csrf = sign_in(client, db_session)
    service_page = client.get(f"/coordinator/services/{service_id}").get_data(as_text=True)
    assert f"/coordinator/organizations/{organization_id}" in service_page
    form = form_values(client.get(f"/coordinator/organizations/{organization_id}").get_data(as_text=True))
    form.update(
        {
            "name": "New Name Agency",
            "email": "hello@newname.example.org",
            "website": "https://newname.example.org",
            "description": "Food and housing help in east Portland.",
            "phones-0-number": "503-555-0123",
            "phones-0-type": "voice",
        }
    )
    response = post(client, f"/coordinator/organizations/{organization_id}", form, csrf)
    assert response.status_code == 302, response.get_data(as_text=True)
    body = json_of(client.get(f"/api/organizations/{organization_id}"))
    assert (body["name"], body["email"], body["website"]) == (
        "New Name Agency",
        "hello@newname.example.org",
        "https://newname.example.org",
    )
    assert [p["number"] for p in body["phones"]] == ["503-555-0123"]
    assert json_of(client.get(f"/api/services/{service_id}"))["organization"]["name"] == "New Name Agency"
    page = client.get(f"/coordinator/organizations/{organization_id}").get_data(as_text=True)
    assert "Old Name Agency" in page
    assert "added: 503-555-0123 (voice)" in page
    history = history_of(client, service_id)  # the listing's history shows its organization's changes too
    assert "organization name" in history
    assert "New Name Agency" in history

    change_id = db_session.scalar(
        select(m.Metadata.id).where(m.Metadata.resource_id == organization_id, m.Metadata.field_name == "name")
    )
    client.post(f"/coordinator/history/{change_id}/restore", data={"csrf_token": csrf})
    assert json_of(client.get(f"/api/organizations/{organization_id}"))["name"] == "Old Name Agency"


def test_a_bad_organization_edit_is_named_and_changes_nothing(client: FlaskClient, db_session: Session) -> None:
    organization_id = f.OrganizationFactory(name="Steady Agency").id
    csrf = sign_in(client, db_session)
    form = form_values(client.get(f"/coordinator/organizations/{organization_id}").get_data(as_text=True))
    form.update({"name": "Renamed Agency", "email": "not an email", "phones-0-extension": "5"})
    response = post(client, f"/coordinator/organizations/{organization_id}", form, csrf)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "email: must be an email address" in html
    form["email"] = ""
    response = post(client, f"/coordinator/organizations/{organization_id}", form, csrf)
    assert response.status_code == 422
    assert "phones[0].number: is required" in response.get_data(as_text=True)
    assert json_of(client.get(f"/api/organizations/{organization_id}"))["name"] == "Steady Agency"


def test_a_save_over_someone_elses_newer_save_is_refused(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory()
    f.PhoneFactory(service=service, number="503-555-0100")
    service_id = service.id
    csrf = sign_in(client, db_session)
    form = details_form(client, service_id)
    client.post(f"/coordinator/services/{service_id}/verify", data={"csrf_token": csrf})  # someone else, meanwhile
    form["phones-0-number"] = "503-555-0101"
    response = post(client, f"/coordinator/services/{service_id}/details", form, csrf)
    assert response.status_code == 409
    assert "Someone else saved this listing" in response.get_data(as_text=True)
    assert json_of(client.get(f"/api/services/{service_id}"))["phones"][0]["number"] == "503-555-0100"


def test_case_managers_cannot_use_the_editor(client: FlaskClient, db_session: Session) -> None:
    sal = f.ServiceAtLocationFactory()
    service_id, location_id, organization_id = sal.service_id, sal.location_id, sal.service.organization_id
    csrf = sign_in(client, db_session, Role.CASE_MANAGER)
    for path in (
        f"/coordinator/services/{service_id}/details",
        f"/coordinator/services/{service_id}/locations/{location_id}",
        f"/coordinator/services/{service_id}/locations/new",
        f"/coordinator/organizations/{organization_id}",
    ):
        assert client.get(path).status_code == 403, path
        assert client.post(path, data={"csrf_token": csrf, "name": "Hijacked"}).status_code == 403, path
    response = client.post(
        f"/coordinator/services/{service_id}/locations/{location_id}/remove", data={"csrf_token": csrf}
    )
    assert response.status_code == 403
    assert len(json_of(client.get(f"/api/services/{service_id}"))["service_at_locations"]) == 1


def test_every_editor_form_carries_a_csrf_token_and_labels(client: FlaskClient, db_session: Session) -> None:
    sal = f.ServiceAtLocationFactory()
    f.PhoneFactory(service=sal.service)
    service_id, location_id, organization_id = sal.service_id, sal.location_id, sal.service.organization_id
    sign_in(client, db_session)
    for path in (
        f"/coordinator/services/{service_id}/details",
        f"/coordinator/services/{service_id}/locations/{location_id}",
        f"/coordinator/services/{service_id}/locations/new",
        f"/coordinator/organizations/{organization_id}",
    ):
        html = client.get(path).get_data(as_text=True)
        main = html.split('<main id="main"', 1)[1]
        forms = re.findall(r"<form.*?</form>", main, re.S)
        assert forms, path
        assert all('name="csrf_token"' in form for form in forms), path
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', main)
        labelled = set(re.findall(r'<label for="([^"]+)"', main))
        assert set(ids) <= labelled, (path, set(ids) - labelled)


def test_an_unknown_place_is_404(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    sign_in(client, db_session)
    assert client.get(f"/coordinator/services/{service_id}/locations/{uuid.uuid4()}").status_code == 404
    assert client.get(f"/coordinator/organizations/{uuid.uuid4()}").status_code == 404


def test_a_monthly_rule_keeps_its_days_while_its_times_change(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory()
    f.ScheduleFactory(service=service, freq="MONTHLY", byday="1SA", opens_at="10:00", closes_at="14:00")
    service_id = service.id
    csrf = sign_in(client, db_session)
    page = client.get(f"/coordinator/services/{service_id}/details").get_data(as_text=True)
    assert "Repeats: First Sat of the month" in page
    form = form_values(page)
    form["schedules-0-closes_at"] = "13:00"
    assert post(client, f"/coordinator/services/{service_id}/details", form, csrf).status_code == 302
    (schedule,) = json_of(client.get(f"/api/services/{service_id}"))["schedules"]
    assert (schedule["freq"], schedule["byday"], schedule["closes_at"]) == ("MONTHLY", "1SA", "13:00")


def test_an_item_of_another_listing_cannot_be_pulled_in(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    stranger = f.PhoneFactory(number="971-555-0000")
    stranger_id, stranger_service = stranger.id, stranger.service_id
    csrf = sign_in(client, db_session)
    form = details_form(client, service_id)
    form.update({"phones-0-id": str(stranger_id), "phones-0-number": "971-555-0001"})
    response = post(client, f"/coordinator/services/{service_id}/details", form, csrf)
    assert response.status_code == 422
    assert "phones[0].id: is not one of this listing" in response.get_data(as_text=True)
    assert json_of(client.get(f"/api/services/{stranger_service}"))["phones"][0]["number"] == "971-555-0000"


def test_a_place_change_and_a_removal_can_be_restored_from_the_history(
    client: FlaskClient, db_session: Session
) -> None:
    sal = f.ServiceAtLocationFactory(location__name="Old Town Office")
    f.AddressFactory(location=sal.location, city="Portland")
    service_id, location_id = sal.service_id, sal.location_id
    csrf = sign_in(client, db_session)
    form = form_values(client.get(f"/coordinator/services/{service_id}/locations/{location_id}").get_data(as_text=True))
    form["name"] = "New Town Office"
    post(client, f"/coordinator/services/{service_id}/locations/{location_id}", form, csrf)
    post(client, f"/coordinator/services/{service_id}/locations/{location_id}/remove", {}, csrf)
    assert json_of(client.get(f"/api/services/{service_id}"))["service_at_locations"] == []

    changes = list(
        db_session.scalars(
            select(m.Metadata)
            .where(m.Metadata.resource_id == service_id, m.Metadata.field_name == "service_at_locations")
            .order_by(m.Metadata.last_action_date)
        )
    )
    assert len(changes) == 2
    client.post(f"/coordinator/history/{changes[1].id}/restore", data={"csrf_token": csrf})  # undo the removal
    places = json_of(client.get(f"/api/services/{service_id}"))["service_at_locations"]
    assert [p["location"]["name"] for p in places] == ["New Town Office"]
    client.post(f"/coordinator/history/{changes[0].id}/restore", data={"csrf_token": csrf})  # undo the rename
    places = json_of(client.get(f"/api/services/{service_id}"))["service_at_locations"]
    assert [p["location"]["name"] for p in places] == ["Old Town Office"]


def test_rows_numbered_with_gaps_are_named_by_the_row_a_person_sees(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory()
    f.LanguageFactory(service=service, name="Spanish", code="es")
    service_id = service.id
    csrf = sign_in(client, db_session)
    shown = details_form(client, service_id)
    form = {name: value for name, value in shown.items() if not name.startswith("languages-")}
    spanish = {name: value for name, value in shown.items() if name.startswith("languages-0-")}
    form.update({name.replace("languages-0-", "languages-4-"): value for name, value in spanish.items()})
    form["languages-9-code"] = "so"  # a new row with a code and no name, after a gap
    response = post(client, f"/coordinator/services/{service_id}/details", form, csrf)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "languages[1].name: is required (or tick “remove”)" in html
    assert 'id="languages-1-name" name="languages-1-name" type="text" value=""' in html
    assert 'name="languages-1-code" type="text" value="so"' in html
    form["languages-9-name"] = "Somali"
    assert post(client, f"/coordinator/services/{service_id}/details", form, csrf).status_code == 302
    names = [language["name"] for language in json_of(client.get(f"/api/services/{service_id}"))["languages"]]
    assert sorted(names) == ["Somali", "Spanish"]
