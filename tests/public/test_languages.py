"""The interface in English and Spanish: the browser's Accept-Language, or a visible switch that is remembered;
`<html lang>` follows what is shown; listings stay as entered."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from directory.listings import suggestions
from tests import factories as f
from tests.conftest import ROOT

CATALOG = ROOT / "directory" / "translations" / "es" / "LC_MESSAGES"


def key(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def forms(msgstr: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A translation's forms: one, or a plural's (Spanish has three in CLDR: one, many, other)."""
    return (msgstr,) if isinstance(msgstr, str) else tuple(msgstr)[:3]


def test_english_unless_the_browser_asks_for_spanish(client: FlaskClient, db_session: Session) -> None:
    english = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in english
    assert "Find help near you" in english
    spanish = client.get("/", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="es">' in spanish
    assert "Encuentre ayuda cerca de usted" in spanish
    assert '<a href="tel:988">988</a>' in spanish  # the crisis line's links survive translation
    assert "Find help near you" not in spanish


def test_the_switch_is_visible_and_remembered(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(name="Despensa Comunitaria Food Pantry", description="Free groceries weekly.")
    page = client.get(f"/services/{service.id}/suggest").get_data(as_text=True)
    assert 'lang="es" hreflang="es">Español</a>' in page
    switched = client.get(f"/language/es?next=/services/{service.id}/suggest")
    assert switched.status_code == 302
    assert switched.headers["Location"] == f"/services/{service.id}/suggest"
    cookie = switched.headers["Set-Cookie"]
    assert "lang=es" in cookie
    assert "HttpOnly" in cookie
    again = client.get(f"/services/{service.id}/suggest", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="es">' in again  # the choice outranks the browser's
    assert "Sugerir una corrección" in again
    assert "Despensa Comunitaria Food Pantry" in again  # a listing is shown as entered
    assert 'hreflang="en">English</a>' in again  # and the way back
    client.get("/language/en?next=/")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_the_switch_goes_back_only_to_this_site(client: FlaskClient, db_session: Session) -> None:
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.get("/language/es", query_string={"next": elsewhere})
        assert response.headers["Location"] == "/"
    missing = client.get("/language/fr")
    assert missing.status_code == 404
    assert "English, Spanish" not in missing.get_data(as_text=True)  # it names the codes it has
    assert "en, es" in missing.get_data(as_text=True)


def test_spanish_errors_name_the_field_in_spanish(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory()
    client.get("/language/es?next=/")
    page = client.post(f"/services/{service.id}/suggest", data={"field": "", "proposed": ""}).get_data(as_text=True)
    assert "elija qué corregir" in page
    assert "Qué está mal" in page


def test_every_message_has_its_spanish_and_the_compiled_catalog_is_current(tmp_path: Path) -> None:
    """Each string the templates and code mark for translation is in the Spanish catalog, translated; what
    suggestions say from Python is there too; and messages.mo was compiled from messages.po as it is now."""
    template = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "--no-location",
         "-o", str(template), "."],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with template.open("rb") as handle:
        wanted = {key(m.id) for m in read_po(handle) if m.id}
    with (CATALOG / "messages.po").open("rb") as handle:
        spanish = read_po(handle)
    translated = {key(m.id): forms(m.string) for m in spanish if m.id}
    missing = sorted(wanted - {msgid for msgid, value in translated.items() if all(value)})
    assert missing == []
    assert set(suggestions.FIELDS.values()) <= set(translated)  # said from Python, marked with N_
    assert translated["Find help near you"] != ("Find help near you",)  # and translated, not copied
    with (CATALOG / "messages.mo").open("rb") as handle:
        compiled = {key(m.id): forms(m.string) for m in read_mo(handle) if m.id}
    assert compiled == translated


def test_search_listing_and_check_pages_in_spanish(client: FlaskClient, db_session: Session) -> None:
    spoken = f.ServiceFactory(name="Northside Food Pantry")
    f.LanguageFactory(service=spoken, code="es", name="Spanish")
    f.RequiredDocumentFactory(service=spoken, document="Photo ID")
    f.ServiceFactory(name="Eastside Food Pantry")
    spanish = {"Accept-Language": "es"}
    results = client.get("/search", query_string={"search": "pantry"}, headers=spanish).get_data(as_text=True)
    assert "Resultados para “pantry”" in results
    assert "2 servicios" in results
    assert "Filtros" in results
    assert results.count("Se habla español") == 1  # the service that speaks it, made prominent
    listing = client.get(f"/services/{spoken.id}", headers=spanish).get_data(as_text=True)
    assert "Qué traer" in listing
    assert "Photo ID" in listing  # what the listing says, as entered
    assert "Ofrecido por" in listing
    check = client.get("/check", headers=spanish).get_data(as_text=True)
    assert "¿Califico?" in check
    assert "2. ¿Cuántos años tiene?" in check
    english = client.get("/search", query_string={"search": "pantry"}).get_data(as_text=True)
    assert "Se habla español" not in english


def test_what_the_code_writes_on_a_listing_is_in_spanish_too(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(medicaid=True, assured_date=date.today() - timedelta(days=65))
    f.ScheduleFactory(service=service, byday="MO,TU,WE,TH,FR", opens_at="13:00", closes_at="16:30", description=None)
    spanish = client.get(f"/services/{service.id}", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "lun–vie 1 p. m.–4:30 p. m." in spanish
    assert "Verificado hace 2 meses" in spanish
    assert "Plan de atención administrada de Medicaid" in spanish
    assert "Tarifa según ingresos" in spanish
    english = client.get(f"/services/{service.id}").get_data(as_text=True)
    assert "Mon–Fri 1pm–4:30pm" in english
    assert "Verified 2 months ago" in english


def test_the_check_answers_in_spanish_with_us_amounts(client: FlaskClient, db_session: Session) -> None:
    food = f.ServiceFactory(name="Family Food Boxes", eligibility_criteria={"type": "income", "max_percent_fpl": 200})
    f.RequiredDocumentFactory(service=food, document="Photo ID")
    f.ServiceFactory(name="Youth Drop-In", eligibility_criteria={"type": "age", "max": 24})
    f.ServiceFactory(name="Open Pantry", eligibility_criteria=None, assured_date=date(2026, 9, 23))
    spanish = {"Accept-Language": "es"}
    answers = {"age": "30", "household_size": "3", "income_amount": "3000.50", "income_period": "month"}
    html = client.post("/check", data=answers, headers=spanish).get_data(as_text=True)
    assert "Ingreso de $3,000.50/mes: el " in html  # dollars as written in the US, in Spanish
    assert "para 3 personas; el límite es el 200%" in html
    assert "Youth Drop-In" not in html
    assert "Sin requisitos registrados; verificado por última vez el 23 de septiembre de 2026" in html
    skipped = client.post("/check", data={}, headers=spanish).get_data(as_text=True)
    assert "Podría calificar: le preguntarán sobre ingresos, tamaño del hogar." in skipped
    assert "Sin ingreso ni tamaño del hogar; el límite es el 200% de la guía de pobreza" in skipped
    assert "Income and household size not recorded" not in skipped
    english = client.post("/check", data=answers).get_data(as_text=True)
    assert "Income $3,000.50/mo is " in english


def test_the_api_answers_in_english_whatever_the_browser_asks(client: FlaskClient, db_session: Session) -> None:
    f.ServiceFactory(name="Family Food Boxes", eligibility_criteria={"type": "income", "max_percent_fpl": 200})
    body = {"profile": {"household_size": 3}}
    answer = client.post("/api/match", json=body, headers={"Accept-Language": "es"}).get_json()
    (result,) = answer["results"]
    assert result["eligibility"]["reasons"][0]["message"].startswith("Income not recorded; the limit for 3 people is $")
    assert answer["questions"][0]["prompt"] == "What is the household's monthly income?"


def test_our_categories_are_named_in_spanish_and_anyone_elses_as_entered(
    client: FlaskClient, db_session: Session
) -> None:
    food = f.TaxonomyTermFactory(code="food", name="Food")
    pantry = f.ServiceFactory(name="Northside Pantry")
    ours = f.TaxonomyTermFactory(code="food_pantry", name="Food pantry", parent=food)
    f.AttributeFactory(service=pantry, taxonomy_term=ours)
    meals = f.ServiceFactory(name="Soup Kitchen")
    renamed = f.TaxonomyTermFactory(code="hot_meals", name="Community suppers", parent=food)
    f.AttributeFactory(service=meals, taxonomy_term=renamed)
    spanish = {"Accept-Language": "es"}
    home = client.get("/", headers=spanish).get_data(as_text=True)
    assert '<h2 id="cat-food">Comida</h2>' in home
    assert "Despensa de alimentos" in home
    assert "Community suppers" in home  # renamed here: shown as the coordinator wrote it
    listing = client.get(f"/services/{pantry.id}", headers=spanish).get_data(as_text=True)
    assert "Despensa de alimentos" in listing
    results = client.get("/search", query_string={"taxonomy_code": "food_pantry"}, headers=spanish)
    assert "Despensa de alimentos" in results.get_data(as_text=True)
    assert "Food pantry" in client.get("/").get_data(as_text=True)


def test_the_category_names_we_translate_are_the_seeded_ones() -> None:
    import json

    from directory.catalogue import catalogue

    seeded = json.loads((ROOT / "seed_data" / "county" / "taxonomy_terms.json").read_text())
    assert {term["code"]: term["name"] for term in seeded} == {term.code: term.name for term in catalogue().terms}


def test_the_languages_a_service_speaks_are_named_in_the_readers_language(
    client: FlaskClient, db_session: Session
) -> None:
    service = f.ServiceFactory(name="Eastside Clinic")
    f.LanguageFactory(service=service, code="vi", name="Vietnamese")
    f.LanguageFactory(service=service, code="xx", name="Our own sign system")
    spanish = {"Accept-Language": "es"}
    listing = client.get(f"/services/{service.id}", headers=spanish).get_data(as_text=True)
    assert "vietnamita" in listing
    assert "Vietnamese" not in listing
    assert "Our own sign system" in listing  # no known name for its code: as entered
    search = client.get("/search", query_string={"search": "clinic"}, headers=spanish).get_data(as_text=True)
    assert '<option value="vi">vietnamita</option>' in search
    assert "Vietnamese" in client.get(f"/services/{service.id}").get_data(as_text=True)


def test_a_bad_answer_is_named_and_explained_in_spanish(client: FlaskClient, db_session: Session) -> None:
    spanish = {"Accept-Language": "es"}
    response = client.post("/check", data={"age": "treinta", "household_size": "0"}, headers=spanish)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert '<a href="#age">2. ¿Cuántos años tiene?</a> Escriba un número entero, en cifras.' in html
    assert "Escriba un número del 1 al 50." in html  # household size, next to its field too
    assert "Not a valid integer" not in html
