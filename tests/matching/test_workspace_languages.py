"""Case managers' pages in the language chosen with the switch (or asked for by the browser): signing in, the
workspace and the printed handout, with their eligibility reasons, questions and categories; English otherwise.
What the listings say is as written."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from directory.accounts.models import Role
from directory.accounts.operations import create_user
from directory.localtime import local_now
from tests.matching.test_workspace import PASSWORD, PROFILE, make_services, print_handout, sign_in, token

#: The workspace's own words in English, none of which a Spanish reader should meet.
WORKSPACE_ENGLISH = (
    "Case workspace",
    "Sign out",
    "The profile stays in this browser only",
    "Client profile",
    "Not asked",
    "People in household",
    "Health coverage",
    "Needs and place",
    "Find services",
    "Clear profile",
    "Ask next",
    "Possibly eligible: to confirm",
    "Near misses",
    "What would change this:",
    "Open referral handout",
)
HANDOUT_ENGLISH = (
    "Referral handout",
    "Back to results",
    "Services for you",
    "Call before you go",
    "From your case manager",
    "What to bring",
    "Why you may qualify",
    "Scan for this listing",
    "Need more help?",
)


def in_spanish(client: FlaskClient) -> None:
    """The visible switch, as a person would use it (remembered in the browser's cookie)."""
    assert client.get("/language/es?next=/login").status_code == 302


def visible(html: str) -> str:
    """The page's words as a reader meets them (no tags, scripts or inline SVG)."""
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_sign_in_in_spanish_and_its_refusal_too(client: FlaskClient, db_session: Session) -> None:
    create_user(db_session, "cm@example.org", PASSWORD, Role.CASE_MANAGER)
    in_spanish(client)
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="es">' in page
    assert "<h1>Iniciar sesión</h1>" in page
    assert '<label for="password">Contraseña</label>' in page
    assert "Para administradores de casos y coordinadores de recursos." in page
    assert "Sign in" not in visible(page)
    assert "Password" not in visible(page)
    refused = client.post("/login", data={"email": "cm@example.org", "password": "nope", "csrf_token": token(page)})
    assert refused.status_code == 401
    assert "Ese correo electrónico y esa contraseña no coinciden." in refused.get_data(as_text=True)


def test_sign_in_follows_the_browser_language_when_nothing_was_chosen(client: FlaskClient, db_session: Session) -> None:
    spanish = client.get("/login", headers={"Accept-Language": "es-US,es;q=0.9"}).get_data(as_text=True)
    assert '<html lang="es">' in spanish
    assert "<h1>Iniciar sesión</h1>" in spanish
    english = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in english
    assert "<h1>Sign in</h1>" in english
    assert "Iniciar sesión</h1>" not in english


def test_the_workspace_in_spanish_keeps_the_listings_as_written(client: FlaskClient, db_session: Session) -> None:
    make_services()
    in_spanish(client)
    csrf = sign_in(client, db_session)
    client.post("/casework", data={**PROFILE, "csrf_token": csrf})
    html = client.get("/casework").get_data(as_text=True)
    assert '<html lang="es">' in html
    assert "<h1>Espacio de trabajo de casos</h1>" in html
    assert "Perfil del cliente" in html
    assert '<label for="household_size">Personas en el hogar</label>' in html
    assert "Cobertura médica" in html
    assert "Plan de atención administrada de Medicaid" in html  # coverage names, from the catalog
    assert "Qué preguntar ahora" in html
    assert "(resuelve 1 resultado)" in html  # a count, in the singular
    assert 'id="g-eligible">Elegible <span class="count">2</span>' in html
    assert "Posiblemente elegible: por confirmar" in html
    assert "Casi califica" in html
    assert "Qué cambiaría esto:" in html
    assert "Abrir la hoja de referencias" in html
    assert "Open Door Counseling" in html  # listings as entered
    assert "Photo ID" in html
    words = visible(html)
    assert [phrase for phrase in WORKSPACE_ENGLISH if phrase in words] == []


def test_a_problem_with_the_profile_is_named_in_spanish(client: FlaskClient, db_session: Session) -> None:
    in_spanish(client)
    csrf = sign_in(client, db_session)
    client.post("/casework", data={"age": "-3", "csrf_token": csrf})
    response = client.get("/casework")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Revise lo siguiente:" in html
    assert "<li>edad: " in html  # the field, named as the form names it


def test_the_handout_in_spanish(app: Flask, client: FlaskClient, db_session: Session) -> None:
    made = make_services()
    in_spanish(client)
    csrf = sign_in(client, db_session)
    response = print_handout(client, csrf, made, note="Llame el lunes.")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "<h1>Servicios para usted</h1>" in html
    with app.app_context():
        today = local_now().date()
    months = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
    assert f"Preparado el {today.day} de {months[today.month - 1]} de {today.year}." in html  # the locale's date
    assert "De su administrador de casos" in html
    assert "<dt>Qué traer</dt>" in html
    assert "<dt>Por qué podría calificar</dt>" in html
    assert html.count("<title>Código QR: esta ficha en línea</title>") == 2
    assert "Llame el lunes." in html
    assert "Photo ID" in html  # what the listing asks for, as entered
    words = visible(html)
    assert [phrase for phrase in HANDOUT_ENGLISH if phrase in words] == []
    assert today.strftime("%B") not in words  # no English month


def test_without_a_choice_the_workspace_and_handout_stay_english(
    app: Flask, client: FlaskClient, db_session: Session
) -> None:
    made = make_services()
    csrf = sign_in(client, db_session)
    client.post("/casework", data={**PROFILE, "csrf_token": csrf})
    html = client.get("/casework").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "<h1>Case workspace</h1>" in html
    assert "Espacio de trabajo" not in html
    handout = client.post(
        "/casework/handout", data={"service_id": [str(made["Open Door Counseling"])], "csrf_token": csrf}
    ).get_data(as_text=True)
    assert '<html lang="en">' in handout
    with app.app_context():
        today = local_now().date()
    assert f"Prepared {today.strftime('%B %-d, %Y')}." in handout
    assert "Servicios para usted" not in handout


def test_reasons_questions_and_categories_in_spanish(client: FlaskClient, db_session: Session) -> None:
    made = make_services()
    in_spanish(client)
    csrf = sign_in(client, db_session)
    client.post("/casework", data={**PROFILE, "csrf_token": csrf})
    html = client.get("/casework").get_data(as_text=True)
    assert "<legend>Salud mental</legend>" in html  # the seeded county's categories, in Spanish
    assert "Salud mental ambulatoria</label>" in html
    assert "Ingreso de $2,500/mes: el " in html  # why, in Spanish, dollars as written in the US
    assert "¿Es la persona veterana?" in html  # what to ask next
    assert "Income $2,500/mo" not in html
    chosen = [str(made["Low Income Counseling"])]
    handout = client.post("/casework/handout", data={"service_id": chosen, "csrf_token": csrf})
    words = visible(handout.get_data(as_text=True))
    assert "Comprobante de ingresos" in words  # what to bring for the income rule, in Spanish
    assert "Photo ID" in words  # and what the listing asks for, as entered
