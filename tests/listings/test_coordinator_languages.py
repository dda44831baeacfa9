"""Resource coordinators' pages in the language chosen with the switch: the listings to check, a listing's page,
the editor's problems, suggested corrections and import or export; English otherwise. What the listings say is
shown as entered."""

from __future__ import annotations

import io
from datetime import date

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests import factories as f
from tests.listings.test_coordinator_pages import sign_in
from tests.listings.test_suggestions import send, stamp
from tests.matching.test_workspace_languages import visible


def in_spanish(client: FlaskClient) -> None:
    assert client.get("/language/es?next=/coordinator").status_code == 302


def english_left(html: str, phrases: tuple[str, ...]) -> list[str]:
    words = visible(html)
    return [phrase for phrase in phrases if phrase in words]


def test_the_listings_to_check_in_spanish(client: FlaskClient, db_session: Session) -> None:
    f.ServiceFactory(name="Old Listing", assured_date=date(2024, 1, 1))
    f.ServiceFactory(name="Never Checked", assured_date=None)
    in_spanish(client)
    sign_in(client, db_session)
    html = client.get("/coordinator").get_data(as_text=True)
    assert '<html lang="es">' in html
    assert "<h1>Fichas por revisar</h1>" in html
    assert "Correcciones sugeridas por el público: 0 pendientes" in html
    assert "<strong>1</strong> sin verificar en 12 meses" in html
    assert "<strong>1</strong> nunca verificada" in html  # one: the singular
    assert "<strong>2</strong> fichas activas" in html
    assert "2 fichas necesitan revisión." in html
    assert ">Nunca</td>" in html
    assert "Old Listing" in html  # a listing's name, as entered
    assert english_left(html, ("Listings to check", "not verified", "never verified", "Sort by", "Last verified")) == []


def test_a_listing_page_in_spanish(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(
        name="Eastside Food Pantry", assured_date=date.today(), payment_options=["free"], description="Free groceries."
    )
    f.PhoneFactory(service=service, number="503-555-0100", extension="12")
    f.ScheduleFactory(service=service, byday="MO,TU,WE,TH,FR", opens_at="09:00", closes_at="17:00", description=None)
    service_id = service.id
    in_spanish(client)
    sign_in(client, db_session)
    html = client.get(f"/coordinator/services/{service_id}?saved=verified").get_data(as_text=True)
    assert '<html lang="es">' in html
    assert "Guardado: verificado hoy." in html
    assert "estado: activo" in html
    assert "Verificado hoy." in html
    assert "Verificar: esta ficha es correcta hoy" in html
    assert "Cupo actual" in html
    assert '<label for="e-eligibility_description">Descripción de la elegibilidad</label>' in html
    assert "503-555-0100 ext. 12" in html
    assert "<dd>Gratis</dd>" in html  # a way to pay, in the reader's words
    assert "lun–vie 9 a. m.–5 p. m." in html  # the hours too
    assert "Free groceries." in html  # the listing's own text, as entered
    assert "Guardar cambios" in html
    assert english_left(html, ("Freshness", "Capacity now", "Save changes", "none listed", "Where it is offered")) == []


def test_a_refused_edit_names_its_problems_in_spanish(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory().id
    in_spanish(client)
    csrf = sign_in(client, db_session)
    bad_name = client.post(f"/coordinator/services/{service_id}/edit", data={"name": " ", "csrf_token": csrf})
    assert bad_name.status_code == 422
    assert "nombre: es obligatorio" in bad_name.get_data(as_text=True)
    bad_wait = client.post(
        f"/coordinator/services/{service_id}/capacity",
        data={"capacity": "waitlist", "wait_weeks": "900", "csrf_token": csrf},
    )
    assert bad_wait.status_code == 422
    assert "semanas de espera: indique la espera en semanas, entre 1 y 104" in bad_wait.get_data(as_text=True)
    details = client.post(
        f"/coordinator/services/{service_id}/details",
        data={"csrf_token": csrf, "languages-0-name": "", "languages-0-code": "xxxx"},
    )
    assert details.status_code == 422
    html = details.get_data(as_text=True)
    assert "No se guardó nada." in html
    assert "Corrija estas 2 cosas y guarde de nuevo:" in html
    assert "Idioma 1, código" in html
    assert "debe ser un código ISO 639 de 2 o 3 letras, como es o spa" in html
    assert english_left(html, ("Nothing was saved", "is required", "must be an ISO 639 code", "Save all changes")) == []


def test_suggested_corrections_in_spanish(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(name="Northside Clinic")
    f.PhoneFactory(service=service, number="503-555-0100")
    service_id = service.id
    send(client, service_id, stamp(client, service_id))
    in_spanish(client)
    sign_in(client, db_session)
    html = client.get("/coordinator/suggestions").get_data(as_text=True)
    assert '<html lang="es">' in html
    assert "<h1>Correcciones sugeridas</h1>" in html
    assert "Northside Clinic</a>: teléfono</h2>" in html
    assert "Enviada el " in html
    assert "<strong>Su nota:</strong> I called yesterday." in html  # what the public wrote, as written
    assert ">Aprobar</button>" in html
    assert ">Rechazar</button>" in html
    assert english_left(html, ("Suggested corrections", "Sent ", "Their note", "Approve", "Reject")) == []


def test_import_and_export_in_spanish(client: FlaskClient, db_session: Session) -> None:
    in_spanish(client)
    csrf = sign_in(client, db_session)
    html = client.get("/coordinator/import").get_data(as_text=True)
    assert '<html lang="es">' in html
    assert "<h1>Importar o exportar</h1>" in html
    assert '<label for="file">Archivo HSDS</label>' in html
    assert "Conservar los registros válidos y omitir los que tienen errores" in html
    assert "Paquete de datos CSV (.zip)" in html
    assert english_left(html, ("Import or export", "HSDS file", "Keep the valid records", "Download the whole")) == []
    refused = client.post(
        "/coordinator/import",
        data={"csrf_token": csrf, "file": (io.BytesIO(b"id,name\n"), "services.csv")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 422
    said = refused.get_data(as_text=True)
    assert "No se importó nada." in said
    assert "services.csv es un archivo .csv: suba un .zip de un paquete de datos HSDS o un archivo .json." in said


def test_without_a_choice_the_coordinator_pages_stay_english(client: FlaskClient, db_session: Session) -> None:
    service_id = f.ServiceFactory(assured_date=None).id
    sign_in(client, db_session)
    for url, heading in [
        ("/coordinator", "<h1>Listings to check</h1>"),
        ("/coordinator/suggestions", "<h1>Suggested corrections</h1>"),
        ("/coordinator/import", "<h1>Import or export</h1>"),
        (f"/coordinator/services/{service_id}", "Verify: this listing is true today"),
    ]:
        html = client.get(url).get_data(as_text=True)
        assert '<html lang="en">' in html, url
        assert heading in html, url
    assert "Fichas por revisar" not in client.get("/coordinator").get_data(as_text=True)


def test_a_listings_history_in_spanish(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(name="Tuesday Pantry")
    phone = f.PhoneFactory(service=service, number="503-555-0100")
    f.ScheduleFactory(service=service, byday="TU", opens_at="13:00", closes_at="16:00", description=None)
    service_id, phone_id = service.id, phone.id
    in_spanish(client)
    csrf = sign_in(client, db_session)
    data = {"name": "Tuesday Pantry", "phone_id": str(phone_id), "phone_number": "503-555-0199", "csrf_token": csrf}
    client.post(f"/coordinator/services/{service_id}/edit", data=data)
    client.post(f"/coordinator/services/{service_id}/verify", data={"csrf_token": csrf})
    html = client.get(f"/coordinator/services/{service_id}/history").get_data(as_text=True)
    assert "<td>teléfonos</td>" in html  # the field, named in Spanish
    assert "<td>fecha de verificación</td>" in html
    assert "503-555-0199" in html  # the values as recorded
    client.get("/language/en?next=/coordinator")
    english = client.get(f"/coordinator/services/{service_id}/history").get_data(as_text=True)
    assert "<td>phones</td>" in english


def test_what_the_validator_says_of_a_field_is_said_in_spanish(client: FlaskClient, db_session: Session) -> None:
    service = f.ServiceFactory(name="Tuesday Pantry")
    phone = f.PhoneFactory(service=service, number="503-555-0100")
    service_id, phone_id = service.id, phone.id
    in_spanish(client)
    csrf = sign_in(client, db_session)
    data = {"name": "Tuesday Pantry", "phone_id": str(phone_id), "phone_number": "5" * 60, "csrf_token": csrf}
    html = client.post(f"/coordinator/services/{service_id}/edit", data=data).get_data(as_text=True)
    assert "es demasiado largo (60 caracteres; como máximo 50)" in html  # the same values, in Spanish
    assert "is too long" not in html


def test_what_the_importer_says_of_a_field_is_said_in_spanish(client: FlaskClient, db_session: Session) -> None:
    from tests.hsds.test_upload_page import directory_files, upload, zipped

    files = directory_files()
    files["services.json"][0]["minimum_age"] = "ten"
    in_spanish(client)
    csrf = sign_in(client, db_session)
    html = upload(client, csrf, zipped(files), "directory.zip").get_data(as_text=True)
    assert "debe ser un número, no &#39;ten&#39;" in html  # the importer's problem, with its value, in Spanish
    assert "must be a number" not in html
