"""Importing HSDS 1.x CSV datapackages: mapped onto 3.1, stable ids, problems by file and row, all or nothing."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.listings import models as m
from tests.conftest import shared_path

TABLES = [m.Organization, m.Service, m.Location, m.Phone, m.Schedule, m.Address, m.ServiceAtLocation, m.Language]


def counts(session: Session) -> dict[str, int]:
    return {t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0 for t in TABLES}


def write_csv(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    with (folder / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def tiny_package(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder, "organizations.csv", [{"id": "1", "name": "Harbor Legal Aid", "description": "Free civil legal help."}]
    )
    write_csv(
        folder,
        "services.csv",
        [
            {
                "id": "10",
                "organization_id": "1",
                "name": "Eviction Defense",
                "description": "Lawyers for tenants.",
                "status": "",
                "fees": "Free",
            },
            {
                "id": "11",
                "organization_id": "1",
                "name": "Expungement Clinic",
                "description": "Clear old records.",
                "status": "active",
                "fees": "",
            },
        ],
    )
    write_csv(
        folder,
        "locations.csv",
        [{"id": "100", "organization_id": "1", "name": "Main office", "latitude": "41.88", "longitude": "-87.63"}],
    )
    write_csv(
        folder,
        "services_at_location.csv",
        [{"id": "1000", "service_id": "10", "location_id": "100", "description": ""}],
    )
    write_csv(
        folder,
        "physical_addresses.csv",
        [
            {
                "id": "7",
                "location_id": "100",
                "address_1": "111 W Jackson Blvd",
                "city": "Chicago",
                "state_province": "IL",
                "postal_code": "60604",
                "country": "US",
            }
        ],
    )
    write_csv(folder, "phones.csv", [{"id": "", "service_id": "10", "location_id": "", "number": "(312) 555-0100"}])
    write_csv(
        folder,
        "regular_schedules.csv",
        [
            {
                "id": "",
                "service_id": "10",
                "location_id": "",
                "weekday": "Monday",
                "opens_at": "09:00:00",
                "closes_at": "17:00:00",
            },
            {
                "id": "",
                "service_id": "10",
                "location_id": "",
                "weekday": "3",
                "opens_at": "09:00",
                "closes_at": "12:00",
            },
        ],
    )
    write_csv(
        folder,
        "holiday_schedules.csv",
        [
            {
                "id": "h1",
                "service_id": "10",
                "closed": "true",
                "opens_at": "",
                "closes_at": "",
                "start_date": "2026-12-24",
                "end_date": "2026-12-26",
            }
        ],
    )
    write_csv(folder, "eligibility.csv", [{"id": "e1", "service_id": "10", "eligibility": "Tenants in Cook County"}])
    write_csv(folder, "languages.csv", [{"id": "l1", "service_id": "10", "location_id": "", "language": "Spanish"}])
    return folder


def test_a_1x_package_lands_as_3_1(runner: FlaskCliRunner, db_session: Session, tmp_path: Path) -> None:
    result = runner.invoke(args=["import", str(tiny_package(tmp_path / "pkg"))])
    assert result.exit_code == 0, result.output
    assert "Imported HSDS 1.x/2.0 CSV datapackage: 1 organization, 2 services." in result.output
    service = db_session.scalars(select(m.Service).where(m.Service.name == "Eviction Defense")).one()
    assert service.status is m.ServiceStatus.ACTIVE
    assert service.fees_description == "Free"
    assert service.eligibility_description == "Tenants in Cook County"
    assert [p.number for p in service.phones] == ["(312) 555-0100"]
    regular = sorted((s.byday, s.opens_at, s.closes_at) for s in service.schedules if s.freq)
    assert regular == [("MO", "09:00", "17:00"), ("WE", "09:00", "12:00")]
    closed = [s for s in service.schedules if not s.freq]
    assert [(str(s.valid_from), str(s.valid_to), s.opens_at) for s in closed] == [("2026-12-24", "2026-12-26", None)]
    assert [(lang.name, lang.code) for lang in service.languages] == [("Spanish", "es")]
    address = service.service_at_locations[0].location.addresses[0]
    assert (address.address_type, address.city, address.postal_code) == ("physical", "Chicago", "60604")


def test_reimporting_updates_and_never_duplicates(runner: FlaskCliRunner, db_session: Session, tmp_path: Path) -> None:
    folder = tiny_package(tmp_path / "pkg")
    runner.invoke(args=["import", str(folder)])
    first = counts(db_session)
    with (folder / "services.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["name"] = "Eviction Defense Project"
    write_csv(folder, "services.csv", rows)
    assert runner.invoke(args=["import", str(folder)]).exit_code == 0
    assert counts(db_session) == first
    assert (
        db_session.scalar(
            select(func.count()).select_from(m.Service).where(m.Service.name == "Eviction Defense Project")
        )
        == 1
    )


def test_a_zip_of_a_package_imports(runner: FlaskCliRunner, db_session: Session, tmp_path: Path) -> None:
    folder = tiny_package(tmp_path / "pkg")
    archive = tmp_path / "pkg.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in folder.iterdir():
            zipped.write(file, f"pkg/{file.name}")
    result = runner.invoke(args=["import", str(archive)])
    assert result.exit_code == 0, result.output
    assert counts(db_session)["services"] == 2


def test_problems_are_named_by_file_and_row_and_nothing_is_imported(
    runner: FlaskCliRunner, db_session: Session, tmp_path: Path
) -> None:
    folder = tiny_package(tmp_path / "pkg")
    write_csv(
        folder,
        "regular_schedules.csv",
        [
            {
                "id": "",
                "service_id": "10",
                "location_id": "",
                "weekday": "Funday",
                "opens_at": "09:00",
                "closes_at": "17:00",
            }
        ],
    )
    write_csv(
        folder,
        "services_at_location.csv",
        [{"id": "1000", "service_id": "99", "location_id": "100", "description": ""}],
    )
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code != 0
    assert "regular_schedules.csv, record 1" in result.output
    assert "field weekday: is not a day of the week" in result.output
    assert "services_at_location.csv, record 1" in result.output
    assert "nothing was imported" in result.output
    assert counts(db_session)["services"] == 0
    kept = runner.invoke(args=["import", str(folder), "--skip-invalid"])
    assert kept.exit_code == 0, kept.output
    assert counts(db_session)["services"] == 2
    assert "warning: regular_schedules.csv" in kept.output


def test_the_hsds_1_1_samples_import(runner: FlaskCliRunner, db_session: Session) -> None:
    for name in ("simple", "all_resources"):
        result = runner.invoke(args=["import", str(shared_path("datasets", "hsds-1.1-sample", name))])
        assert result.exit_code == 0, result.output
    found = counts(db_session)
    assert (found["organizations"], found["services"]) == (10, 13)
    assert found["schedules"] >= 2  # the regular and holiday schedules of all_resources


def test_the_real_illinois_directory_imports_its_429_services(runner: FlaskCliRunner, db_session: Session) -> None:
    from directory.hsds.legacy import convert

    folder = shared_path("datasets", "ilao-hsds-1.1")
    converted = convert(folder, "ilao")
    assert "services.csv, row 431: neither an id nor a name; not a service, skipped" in converted.warnings
    assert converted.problems == []
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 0, result.output
    # 33 organizations described, 280 only named
    assert "Imported HSDS 1.x/2.0 CSV datapackage: 313 organizations, 429 services." in result.output
    found = counts(db_session)
    assert found["locations"] >= 520
    assert found["schedules"] == 2492
    assert runner.invoke(args=["import", str(folder)]).exit_code == 0
    assert counts(db_session) == found


@pytest.mark.parametrize("bad", ["not-a-folder.txt"])
def test_a_path_that_is_not_a_package_is_refused(
    runner: FlaskCliRunner, db_session: Session, tmp_path: Path, bad: str
) -> None:
    (tmp_path / bad).write_text("hello")
    result = runner.invoke(args=["import", str(tmp_path / bad)])
    assert result.exit_code != 0
    assert "is not an HSDS file: import a folder, a .zip or a .json" in result.output


def test_a_2_0_package_brings_its_taxonomy_terms_and_attributes(
    runner: FlaskCliRunner, db_session: Session, tmp_path: Path
) -> None:
    folder = tiny_package(tmp_path / "hsds-2.0")
    write_csv(folder, "taxonomy_terms.csv", [
        {"id": "basic", "term": "Basic Needs", "description": "", "parent_id": "", "taxonomy": "Open Eligibility"},
        {"id": "food", "term": "Food", "description": "Food pantries", "parent_id": "basic",
         "taxonomy": "Open Eligibility"},
    ])  # fmt: skip
    with (folder / "services.csv").open(newline="") as handle:
        services = list(csv.DictReader(handle))
    write_csv(
        folder, "service_attributes.csv", [{"id": "a1", "service_id": services[0]["id"], "taxonomy_term_id": "food"}]
    )
    write_csv(folder, "other_attributes.csv", [{"id": "a2", "link_id": "nowhere", "taxonomy_term_id": "food"}])

    refused = runner.invoke(args=["import", str(folder)])
    assert refused.exit_code != 0
    assert "other_attributes.csv, record 1 (id a2), field link_id: names nothing in the package (nowhere)" in (
        refused.output
    )

    (folder / "other_attributes.csv").unlink()
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 0, result.output
    service = db_session.scalars(select(m.Service).where(m.Service.name == services[0]["name"])).one()
    (term,) = service.taxonomy_terms
    assert (term.name, term.taxonomy) == ("Food", "Open Eligibility")
    assert term.parent is not None
    assert term.parent.name == "Basic Needs"


def test_a_zip_with_the_files_at_its_root_imports_again_without_duplicating(
    runner: FlaskCliRunner, db_session: Session, tmp_path: Path
) -> None:
    folder = tiny_package(tmp_path / "pkg")
    archive = tmp_path / "harbor.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in folder.iterdir():
            zipped.write(file, file.name)  # no folder inside the zip
    assert runner.invoke(args=["import", str(archive)]).exit_code == 0
    first = counts(db_session)
    assert runner.invoke(args=["import", str(archive)]).exit_code == 0
    assert counts(db_session) == first
    assert first["services"] == 2
