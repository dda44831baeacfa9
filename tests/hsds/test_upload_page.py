"""The coordinators' import upload page and export download: counts or problems on the page, nothing half-written,
no scratch files left behind, and only coordinators (and admins) may use them."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.accounts.models import Role
from directory.accounts.operations import create_user
from directory.coordinator import interchange as views
from directory.hsds import export
from directory.hsds.reading import ImportResult
from directory.listings import models as m
from tests import factories as f
from tests.conftest import shared_path

PASSWORD = "correct horse battery staple"
ORG = str(uuid.uuid4())
SVC = str(uuid.uuid4())
TAX = str(uuid.uuid4())
TERM = str(uuid.uuid4())


def sign_in(client: FlaskClient, db_session: Session, role: Role = Role.COORDINATOR) -> str:
    """Sign in with a new account of `role`; the CSRF token of the signed-in session."""
    create_user(db_session, "uploader@example.org", PASSWORD, role)
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    response = client.post("/login", data={"email": "uploader@example.org", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    page = client.get("/casework").get_data(as_text=True)  # a page with a form: the new session's token
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def directory_files() -> dict[str, list[dict[str, Any]]]:
    """A tiny HSDS 3.1 JSON directory: one taxonomy, term, organization and service."""
    return {
        "taxonomies.json": [{"id": TAX, "name": "Upload taxonomy", "description": "Codes", "version": "1"}],
        "taxonomy_terms.json": [
            {"id": TERM, "code": "food_pantry", "name": "Food pantry", "description": "Groceries", "taxonomy_id": TAX}
        ],
        "organizations.json": [
            {"id": ORG, "name": "Upload Test Food Network", "description": "Neighbors feeding neighbors."}
        ],
        "services.json": [
            {
                "id": SVC,
                "organization_id": ORG,
                "name": "Uploaded Tuesday Food Boxes",
                "status": "active",
                "description": "Choose produce and staples once a week.",
                "attributes": [{"id": str(uuid.uuid4()), "taxonomy_term_id": TERM, "link_type": "service_taxonomy"}],
            }
        ],
    }


def zipped(files: dict[str, Any], folder: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, records in files.items():
            archive.writestr(folder + name, json.dumps(records))
    return buffer.getvalue()


def upload(client: FlaskClient, csrf: str, content: bytes, name: str, **form: str) -> Any:
    data: dict[str, Any] = {"csrf_token": csrf, "file": (io.BytesIO(content), name), **form}
    return client.post("/coordinator/import", data=data, content_type="multipart/form-data")


def count(db_session: Session, model: type[Any]) -> int:
    return db_session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def scratch_folders(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every scratch folder the views make, to check that none is left behind."""
    made: list[Path] = []
    real = tempfile.mkdtemp

    def tracked(*args: Any, **kwargs: Any) -> str:
        folder = real(*args, **kwargs)
        made.append(Path(folder))
        return folder

    monkeypatch.setattr(views.tempfile, "mkdtemp", tracked)
    return made


def test_the_import_page_has_the_form_and_both_downloads(client: FlaskClient, db_session: Session) -> None:
    sign_in(client, db_session)
    html = client.get("/coordinator/import").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html
    assert 'name="csrf_token"' in html
    assert '<label for="file">' in html
    assert "Keep the valid records and skip the bad ones" in html
    assert "/coordinator/export?format=csv" in html
    assert "/coordinator/export?format=json" in html
    assert "Import or export" in client.get("/coordinator").get_data(as_text=True)


def test_upload_of_a_zipped_json_folder_imports_it_and_shows_the_counts(
    client: FlaskClient, db_session: Session, scratch_folders: list[Path]
) -> None:
    csrf = sign_in(client, db_session)
    response = upload(client, csrf, zipped(directory_files(), "county/"), "my county.zip")
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "Imported my county.zip" in html
    assert "4 records" in html
    assert '<td>Service</td><td class="num">1</td>' in html
    assert '<td>Taxonomy term</td><td class="num">1</td>' in html
    db_session.expire_all()
    service = db_session.get(m.Service, uuid.UUID(SVC))
    assert service is not None
    assert service.name == "Uploaded Tuesday Food Boxes"
    assert service.organization.name == "Upload Test Food Network"
    assert [term.code for term in service.taxonomy_terms] == ["food_pantry"]
    assert scratch_folders
    assert not any(folder.exists() for folder in scratch_folders)


def test_an_invalid_upload_is_a_422_naming_the_problem_and_imports_nothing(
    client: FlaskClient, db_session: Session, scratch_folders: list[Path]
) -> None:
    files = directory_files()
    files["services.json"][0]["organization_id"] = str(uuid.uuid4())  # an organization that is nowhere
    csrf = sign_in(client, db_session)
    response = upload(client, csrf, zipped(files), "broken.zip")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "broken.zip:</strong>" in html
    assert "nothing was imported" in html
    assert '<td data-label="File">' in html
    assert "services.json" in html
    assert "organization_id" in html
    assert "no organization with id" in html
    assert tempfile.gettempdir() + "/" not in html  # files as the coordinator knows them, not server paths
    assert (count(db_session, m.Service), count(db_session, m.Organization), count(db_session, m.Taxonomy)) == (0, 0, 0)
    assert not any(folder.exists() for folder in scratch_folders)


def test_problems_are_capped_with_how_many_more(
    client: FlaskClient, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = directory_files()
    files["services.json"] = [
        {"id": str(uuid.uuid4()), "organization_id": str(uuid.uuid4()), "name": f"Broken {n}", "status": "active"}
        for n in range(12)
    ]
    monkeypatch.setattr(views, "MAX_PROBLEMS", 5)
    csrf = sign_in(client, db_session)
    html = upload(client, csrf, zipped(files), "many.zip").get_data(as_text=True)
    assert html.count('<td data-label="Problem">') == 5
    assert "and 7 more" in html


def test_a_post_without_a_file_is_a_422(client: FlaskClient, db_session: Session) -> None:
    csrf = sign_in(client, db_session)
    response = client.post("/coordinator/import", data={"csrf_token": csrf})
    assert response.status_code == 422
    assert "Choose a file to import" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.zip", "empty.zip is empty."),
        (b"", "empty.json", "empty.json is empty."),
        (b"id,name\n1,Food\n", "services.csv", "services.csv is a .csv file"),
        (b"hello", "README", "README is a file with no extension"),
        (b"this is not a zip", "fake.zip", "fake.zip is not a zip archive"),
    ],
    ids=["empty-zip", "empty-json", "csv", "no-extension", "not-a-zip"],
)
def test_a_file_that_cannot_be_imported_is_a_422_naming_why(
    client: FlaskClient, db_session: Session, scratch_folders: list[Path], content: bytes, name: str, message: str
) -> None:
    csrf = sign_in(client, db_session)
    response = upload(client, csrf, content, name)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert not any(folder.exists() for folder in scratch_folders)


def test_an_upload_over_the_limit_is_refused_with_413(client: FlaskClient, db_session: Session) -> None:
    csrf = sign_in(client, db_session)
    limit = client.application.config["IMPORT_MAX_BYTES"]
    client.application.config["IMPORT_MAX_BYTES"] = 2048
    try:
        response = upload(client, csrf, b"x" * 5000, "big.zip")
    finally:
        client.application.config["IMPORT_MAX_BYTES"] = limit
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_the_upload_reaches_the_import_once_with_its_extension_and_the_skip_choice(
    client: FlaskClient, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, bool, bytes]] = []

    def import_directory(session: Session, path: Path, *, who: str, skip_invalid: bool = False) -> ImportResult:
        assert who == "uploader@example.org"  # the coordinator is the author of what the import changes
        calls.append((path.name, skip_invalid, path.read_bytes()))
        return ImportResult({"service": 3}, [f"warning {n}" for n in range(60)])

    monkeypatch.setattr(views.importing, "import_directory", import_directory)
    csrf = sign_in(client, db_session)
    body = json.dumps({"services": []}).encode()
    response = upload(client, csrf, body, "../../etc/One Service.JSON", skip_invalid="on")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert calls == [("One_Service.JSON", True, body)]
    assert '<td>Services</td><td class="num">3</td>' in html
    assert "warning 49" in html
    assert "warning 50" not in html
    assert "and 10 more" in html


def test_case_managers_cannot_import_or_export(client: FlaskClient, db_session: Session) -> None:
    csrf = sign_in(client, db_session, Role.CASE_MANAGER)
    assert client.get("/coordinator/import").status_code == 403
    assert upload(client, csrf, zipped(directory_files()), "county.zip").status_code == 403
    assert client.get("/coordinator/export?format=csv").status_code == 403
    assert count(db_session, m.Service) == 0


def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, db_session: Session) -> None:
    response = client.get("/coordinator/export")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_admins_may_import(client: FlaskClient, db_session: Session) -> None:
    csrf = sign_in(client, db_session, Role.ADMIN)
    assert upload(client, csrf, zipped(directory_files()), "county.zip").status_code == 200


def test_export_downloads_a_csv_datapackage_zip_with_the_service(
    client: FlaskClient, db_session: Session, scratch_folders: list[Path]
) -> None:
    service_id = f.ServiceFactory(name="Exported Legal Clinic").id
    sign_in(client, db_session)
    response = client.get("/coordinator/export?format=csv")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    disposition = response.headers["Content-Disposition"]
    assert re.search(r"filename=hsds-3\.1-csv-\d{4}-\d{2}-\d{2}\.zip", disposition), disposition
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert {"datapackage.json", "services.csv"} <= set(archive.namelist())
    rows = list(csv.DictReader(io.StringIO(archive.read("services.csv").decode("utf-8"))))
    assert [(row["id"], row["name"]) for row in rows] == [(str(service_id), "Exported Legal Clinic")]
    response.close()
    assert scratch_folders
    assert not any(folder.exists() for folder in scratch_folders)


def test_export_as_json_holds_the_import_layout(client: FlaskClient, db_session: Session) -> None:
    f.ServiceFactory(name="Exported Food Pantry")
    sign_in(client, db_session)
    response = client.get("/coordinator/export?format=json")
    assert response.status_code == 200
    assert "hsds-3.1-json-" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert "services.json" in archive.namelist()
    assert [s["name"] for s in json.loads(archive.read("services.json"))] == ["Exported Food Pantry"]


def test_an_unknown_export_format_is_a_422_naming_it(client: FlaskClient, db_session: Session) -> None:
    sign_in(client, db_session)
    response = client.get("/coordinator/export?format=xlsx")
    assert response.status_code == 422
    assert "Unknown export format &#39;xlsx&#39;" in response.get_data(as_text=True)


def test_an_export_uploads_back_unchanged(client: FlaskClient, db_session: Session) -> None:
    f.ServiceFactory(name="Round Trip Shelter")
    csrf = sign_in(client, db_session)
    exported = client.get("/coordinator/export?format=json").data
    before = count(db_session, m.Service)
    response = upload(client, csrf, exported, "hsds-3.1-json-export.zip")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert count(db_session, m.Service) == before == 1


def test_a_zipped_hsds_1_1_csv_sample_uploads(client: FlaskClient, db_session: Session) -> None:
    folder = shared_path("datasets", "hsds-1.1-sample", "simple")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"simple/{path.name}")
    csrf = sign_in(client, db_session)
    response = upload(client, csrf, buffer.getvalue(), "hsds-1.1-simple.zip")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "Imported hsds-1.1-simple.zip" in response.get_data(as_text=True)
    assert count(db_session, m.Service) > 0


def test_a_big_export_streams_from_its_file_and_leaves_nothing_behind(
    client: FlaskClient, db_session: Session, scratch_folders: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    f.ServiceFactory(name="Streamed Clinic")
    monkeypatch.setattr(export, "KEEP_IN_MEMORY", 0)
    sign_in(client, db_session)
    with client.get("/coordinator/export?format=csv") as response:
        assert response.status_code == 200
        assert not any(folder.exists() for folder in scratch_folders)
        archive = zipfile.ZipFile(io.BytesIO(response.data))
        assert "Streamed Clinic" in archive.read("services.csv").decode("utf-8")


def test_a_single_hsds_json_file_uploads_with_its_organization(client: FlaskClient, db_session: Session) -> None:
    example = shared_path("hsds", "examples", "service_full.json").read_bytes()
    csrf = sign_in(client, db_session)

    response = upload(client, csrf, example, "service_full.json")

    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert '<td>Service</td><td class="num">1</td>' in html
    assert "the link was left out" in html  # its parent organization is never described
    db_session.expire_all()
    service = db_session.get(m.Service, uuid.UUID("ac148810-d857-441c-9679-408f346de14b"))
    assert service is not None
    assert service.organization.name == "Example Organization Inc."


def test_an_array_of_organizations_uploads_as_a_json_file(client: FlaskClient, db_session: Session) -> None:
    body = json.dumps([{"id": ORG, "name": "Upload Test Food Network", "description": "Neighbors feeding neighbors."}])
    csrf = sign_in(client, db_session)

    response = upload(client, csrf, body.encode(), "organizations.json")

    assert response.status_code == 200, response.get_data(as_text=True)
    db_session.expire_all()
    found = db_session.get(m.Organization, uuid.UUID(ORG))
    assert found is not None
    assert found.name == "Upload Test Food Network"
