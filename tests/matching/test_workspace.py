"""The case manager's workspace: sign-in, a profile kept only in the browser session, grouped results, handout."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.accounts.models import Role
from directory.accounts.operations import create_user
from directory.db import Base
from tests import factories as f

PASSWORD = "correct horse battery staple"


def token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def sign_in(client: FlaskClient, db_session: Session, role: Role = Role.CASE_MANAGER) -> str:
    create_user(db_session, "cm@example.org", PASSWORD, role)
    page = client.get("/login").get_data(as_text=True)
    response = client.post("/login", data={"email": "cm@example.org", "password": PASSWORD, "csrf_token": token(page)})
    assert response.status_code == 302
    return token(client.get("/casework").get_data(as_text=True))


def make_services() -> dict[str, uuid.UUID]:
    term = f.TaxonomyTermFactory(
        code="mh_outpatient",
        name="Outpatient mental health",
        parent=f.TaxonomyTermFactory(code="mental_health", name="Mental health"),
    )
    made = {}
    for name, criteria in [
        ("Open Door Counseling", None),
        ("Low Income Counseling", {"type": "income", "max_percent_fpl": 200}),
        ("Veterans Counseling", {"type": "status", "field": "veteran", "in": [True]}),
        ("Very Low Income Counseling", {"type": "income", "max_percent_fpl": 100}),
    ]:
        service = f.ServiceFactory(name=name, eligibility_criteria=criteria)
        f.AttributeFactory(service=service, taxonomy_term=term)
        f.RequiredDocumentFactory(service=service, document="Photo ID")
        f.PhoneFactory(service=service, number="503-555-0177")
        made[name] = service.id
    return made


#: The two services most handout tests print.
HANDED = ("Open Door Counseling", "Low Income Counseling")


def print_handout(client: FlaskClient, csrf: str, made: dict[str, uuid.UUID], note: str = "") -> Any:
    """Save PROFILE in the workspace, then open the handout of the HANDED services with `note`."""
    client.post("/casework", data={**PROFILE, "csrf_token": csrf})
    chosen = [str(made[name]) for name in HANDED]
    return client.post("/casework/handout", data={"service_id": chosen, "note": note, "csrf_token": csrf})


PROFILE = {
    "household_size": "3",
    "income_amount": "2,500",
    "income_period": "month",
    "veteran": "",
    "needs": "mh_outpatient",
}


def test_the_workspace_asks_anonymous_visitors_to_sign_in(client: FlaskClient) -> None:
    response = client.get("/casework")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/casework")


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(
    client: FlaskClient, db_session: Session
) -> None:
    create_user(db_session, "cm@example.org", PASSWORD, Role.CASE_MANAGER)
    page = client.get("/login").get_data(as_text=True)
    wrong = client.post("/login", data={"email": "cm@example.org", "password": "nope", "csrf_token": token(page)})
    unknown = client.post("/login", data={"email": "who@example.org", "password": PASSWORD, "csrf_token": token(page)})
    assert wrong.status_code == unknown.status_code == 401
    assert "That email and password do not match." in wrong.get_data(as_text=True)


def test_forms_without_a_csrf_token_are_refused(client: FlaskClient, db_session: Session) -> None:
    create_user(db_session, "cm@example.org", PASSWORD, Role.CASE_MANAGER)
    response = client.post("/login", data={"email": "cm@example.org", "password": PASSWORD})
    assert response.status_code == 400


def test_from_profile_to_grouped_results(client: FlaskClient, db_session: Session) -> None:
    make_services()
    csrf = sign_in(client, db_session)
    saved = client.post("/casework", data={**PROFILE, "csrf_token": csrf})
    assert saved.status_code == 302
    html = client.get("/casework").get_data(as_text=True)
    eligible = html.split('id="g-eligible"')[1].split("</section>")[0]
    assert "Open Door Counseling" in eligible
    assert "Low Income Counseling" in eligible
    possibly = html.split('id="g-possibly"')[1].split("</section>")[0]
    assert "Veterans Counseling" in possibly
    assert "Veteran status not recorded" in possibly
    near = html.split('id="g-near"')[1].split("</section>")[0]
    assert "Very Low Income Counseling" in near
    assert "What would change this:" in near
    assert "Is the client a veteran?" in html  # the next best question


def test_the_handout_lists_the_chosen_services_with_what_to_bring_and_the_note(
    client: FlaskClient, db_session: Session
) -> None:
    made = make_services()
    csrf = sign_in(client, db_session)
    response = print_handout(client, csrf, made, note="Call Monday morning.")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count('class="referral"') == 2
    assert "Photo ID" in html
    assert 'href="tel:5035550177"' in html
    assert "Call Monday morning." in html
    assert "handout.css" in html
    assert "Veterans Counseling" not in html


def test_the_profile_is_not_stored_on_the_server(client: FlaskClient, db_session: Session) -> None:
    make_services()
    csrf = sign_in(client, db_session)

    def row_counts() -> dict[str, int]:
        return {
            t.name: db_session.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables
        }

    before = row_counts()
    client.post("/casework", data={**PROFILE, "income_amount": "3141", "csrf_token": csrf})
    client.get("/casework")
    assert row_counts() == before


def test_signing_out_clears_the_profile(client: FlaskClient, db_session: Session) -> None:
    csrf = sign_in(client, db_session)
    client.post("/casework", data={**PROFILE, "csrf_token": csrf})
    assert 'value="3"' in client.get("/casework").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf})
    page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": "cm@example.org", "password": PASSWORD, "csrf_token": token(page)})
    assert 'id="household_size" name="household_size" inputmode="numeric" value=""' in client.get("/casework").get_data(
        as_text=True
    )


def test_an_idle_profile_is_forgotten_after_thirty_minutes(
    client: FlaskClient, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    csrf = sign_in(client, db_session)
    client.post("/casework", data={**PROFILE, "csrf_token": csrf})
    import directory.casework.views as views

    real = views.time.time
    monkeypatch.setattr(views.time, "time", lambda: real() + 31 * 60)
    html = client.get("/casework").get_data(as_text=True)
    assert 'id="household_size" name="household_size" inputmode="numeric" value=""' in html


def test_bad_profile_values_are_named_on_the_page(client: FlaskClient, db_session: Session) -> None:
    csrf = sign_in(client, db_session)
    client.post("/casework", data={"age": "-4", "household_size": "0", "csrf_token": csrf})
    response = client.get("/casework")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "age: Enter a number from 0 to 130." in html
    assert "household size: Enter a number from 1 to 50." in html


def test_users_create_makes_an_account_from_stdin(runner: FlaskCliRunner, db_session: Session) -> None:
    result = runner.invoke(
        args=["users", "create", "cm2@example.org", "--role", "case_manager"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Created case_manager account cm2@example.org." in result.output
    short = runner.invoke(args=["users", "create", "cm3@example.org", "--role", "admin"], input="short\nshort\n")
    assert short.exit_code != 0
    assert "password: must be at least 12 characters" in short.output


def form(**values: Any) -> dict[str, Any]:
    return values


def test_workspace_filters_narrow_the_matches(client: FlaskClient, db_session: Session) -> None:
    made = make_services()
    spanish = db_session.get(
        __import__("directory.listings.models", fromlist=["Service"]).Service, made["Open Door Counseling"]
    )
    f.LanguageFactory(service=spanish, code="es", name="Spanish")
    csrf = sign_in(client, db_session)
    client.post("/casework", data={**PROFILE, "filter_language": "es", "csrf_token": csrf})
    html = client.get("/casework").get_data(as_text=True)
    assert "Open Door Counseling" in html
    assert "Low Income Counseling" not in html
    client.post("/casework", data={**PROFILE, "accepting_new_clients": "true", "csrf_token": csrf})
    html = client.get("/casework").get_data(as_text=True)  # none of them has said it is taking new clients
    assert "No services matched these needs and place." in html


def test_the_handout_leads_back_to_each_live_listing_without_client_data(
    client: FlaskClient, db_session: Session
) -> None:
    made = make_services()
    csrf = sign_in(client, db_session)
    html = print_handout(client, csrf, made, note="Ask for Dana.").get_data(as_text=True)
    chosen = [str(made[name]) for name in HANDED]
    assert html.count('class="qr"><title>QR code: this listing online</title>') == 2  # one per service
    links = re.findall(r'<figcaption>Scan for this listing, kept up to date: <a href="([^"]+)">', html)
    assert sorted(links) == sorted(f"http://localhost/services/{service_id}" for service_id in chosen)  # no more
    assert "style=" not in html.split("<main>")[1]  # nothing the page's CSP would refuse
