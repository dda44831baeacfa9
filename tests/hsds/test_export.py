"""HSDS 3.1 export: a CSV datapackage Frictionless accepts, JSON that imports back as it was, zips, the command."""

from __future__ import annotations

import csv
import json
import uuid
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.db import Base, make_engine
from directory.hsds import export
from directory.hsds.datapackage import EXTENSIONS_TABLE, HSDS_TABLES, datapackage_descriptor
from directory.hsds.export import ExportFailed, export_command, export_directory
from directory.hsds.importing import import_directory_folder
from directory.listings import models as m
from directory.listings.schemas import OrganizationSchema, ServiceSchema
from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "seed_data" / "county"
SHARED = ROOT.parent / "shared"
CSV_FILES = {table.path for table in HSDS_TABLES} | {EXTENSIONS_TABLE.path, "datapackage.json"}
JSON_FILES = {"taxonomies.json", "taxonomy_terms.json", "organizations.json", "services.json"}


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (the shared HSDS material lives beside the project)")
    return path


def frictionless_problems(package: Path) -> tuple[list[str], dict[str, int]]:
    """Every error Frictionless finds in the package, and the rows it read per resource."""
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(package))
    problems = [error.message for error in report.errors]
    rows = {}
    for task in report.tasks:
        problems += [f"{task.name}: {error.message}" for error in task.errors]
        rows[task.name] = task.stats.get("rows", 0)
    return problems, rows


def database_counts(session: Session) -> dict[str, int]:
    counted = {
        table.count_key: session.scalar(select(func.count()).select_from(table.model)) or 0 for table in HSDS_TABLES
    }
    return {**counted, "service_extensions": counted["services"]}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def seeded(db_session: Session) -> Session:
    import_directory_folder(db_session, SEED_DIR)
    db_session.commit()
    return db_session


@pytest.fixture
def empty_database() -> Iterator[Session]:
    """A second, empty directory database beside the test's own (made as create_app makes its engine, without
    create_app, which would point the scoped session of the running test at it)."""
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


# -- CSV ---------------------------------------------------------------------------------------------------


def test_csv_export_of_the_seeded_county_is_a_valid_datapackage(seeded: Session, tmp_path: Path) -> None:
    counts = export_directory(seeded, tmp_path / "hsds", "csv")

    assert counts == database_counts(seeded)
    assert counts["services"] == 320
    assert {p.name for p in (tmp_path / "hsds").iterdir()} == CSV_FILES  # no users, tokens, suggestions, change log
    problems, rows = frictionless_problems(tmp_path / "hsds" / "datapackage.json")
    assert problems == []
    assert rows == {table.name: counts[table.count_key] for table in (*HSDS_TABLES, EXTENSIONS_TABLE)}

    service = seeded.scalars(select(m.Service).where(m.Service.eligibility_criteria.is_not(None))).first()
    assert service is not None
    extensions = {row["service_id"]: row for row in read_csv(tmp_path / "hsds" / "service_extensions.csv")}
    row = extensions[str(service.id)]
    assert json.loads(row["eligibility_criteria"]) == service.eligibility_criteria
    assert json.loads(row["insurance_accepted"]) == service.insurance_accepted
    assert json.loads(row["payment_options"]) == service.payment_options
    services = read_csv(tmp_path / "hsds" / "services.csv")
    assert list(services[0]) == [field.name for field in HSDS_TABLES[2].fields]
    assert "eligibility_criteria" not in services[0]


def test_csv_cells_are_written_as_the_table_schema_types_say(db_session: Session, tmp_path: Path) -> None:
    organization = f.OrganizationFactory(description="", year_incorporated=1987)
    f.ProgramFactory(organization=organization, description="")
    f.ProgramFactory(organization=organization, description="A second program of the same agency")
    service = f.ServiceFactory(
        organization=organization,
        minimum_age=18.0,
        maximum_age=64.5,
        accepting_new_clients=False,
        wait_weeks=3.0,
        capacity_updated_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        adults_only=True,
        medicaid=True,
    )
    f.ScheduleFactory(service=service, opens_at="09:00", closes_at="17:30:00", valid_from=date(2026, 1, 5))
    f.CostOptionFactory(service=service, amount=0.00001)
    f.ServiceCapacityFactory(service=service)
    f.MetadataFactory(resource_id=service.id, last_action_type="create", previous_value="", replacement_value="x")
    db_session.add(m.Suggestion(service_id=service.id, field="name", proposed="Something else", source="abc"))
    db_session.commit()

    export_directory(db_session, tmp_path / "hsds", "csv")
    folder = tmp_path / "hsds"

    problems, _ = frictionless_problems(folder / "datapackage.json")
    assert problems == []  # an empty required description is text, not a missing value
    assert read_csv(folder / "organizations.csv")[0]["description"] == ""
    assert read_csv(folder / "organizations.csv")[0]["year_incorporated"] == "1987"
    assert read_csv(folder / "organizations.csv")[0]["parent_organization_id"] == ""
    (row,) = read_csv(folder / "services.csv")
    assert (row["minimum_age"], row["maximum_age"], row["status"]) == ("18", "64.5", "active")
    assert row["assured_date"] == "2026-10-01"
    assert row["last_modified"] == "2026-10-01T12:00:00+00:00"
    (schedule,) = read_csv(folder / "schedules.csv")
    assert (schedule["opens_at"], schedule["closes_at"], schedule["valid_from"]) == (
        "09:00:00",
        "17:30:00",
        "2026-01-05",
    )
    assert read_csv(folder / "cost_options.csv")[0]["amount"] == "0.00001"
    (extension,) = read_csv(folder / "service_extensions.csv")
    assert extension["accepting_new_clients"] == "false"
    assert extension["wait_weeks"] == "3"
    assert extension["capacity_updated_at"] == "2026-11-20T09:30:00+00:00"
    assert json.loads(extension["insurance_accepted"]) == service.insurance_accepted
    (change,) = read_csv(folder / "metadata.csv")
    assert change["previous_value"] == ""
    assert date.fromisoformat(change["last_action_date"])


def test_the_written_descriptor_copies_the_official_hsds_resources() -> None:
    official = {r["name"]: r for r in read_json(shared("hsds", "datapackage.json"))["resources"]}
    written = datapackage_descriptor()

    assert [r["name"] for r in written["resources"]] == [t.name for t in HSDS_TABLES] + ["service_extensions"]
    for resource in written["resources"][:-1]:
        name, theirs = resource["name"], official[resource["name"]]
        assert resource["path"] == theirs["path"], name
        assert resource["schema"]["primaryKey"] == theirs["schema"]["primaryKey"], name
        assert resource["schema"].get("foreignKeys", []) == theirs["schema"].get("foreignKeys", []), name
        ours = {field["name"]: field for field in resource["schema"]["fields"]}
        for field in ours.values():
            if "missingValues" in field:  # only where a required text may be empty
                assert field["missingValues"] == []
                assert (field["type"], field.get("format"), field["constraints"]["required"]) == ("string", None, True)
        if name in ("service_capacity", "unit"):
            # The official descriptor lists almost no fields here; HSDS's own table schema has them all.
            hsds = read_json(shared("hsds", "schema", f"{name}.json"))
            columns = [key for key, spec in hsds["properties"].items() if spec.get("type") not in (None, "array")]
            assert list(ours) == columns, name
            assert {f["name"]: f["type"] for f in theirs["schema"]["fields"]}.items() <= {
                n: f["type"] for n, f in ours.items()
            }.items()
            assert all(ours[column]["constraints"]["required"] for column in hsds["required"] if column in ours)
            continue
        assert list(ours) == [field["name"] for field in theirs["schema"]["fields"]], name
        for field in theirs["schema"]["fields"]:
            mine = {key: value for key, value in ours[field["name"]].items() if key != "missingValues"}
            expected = {key: field[key] for key in ("name", "type", "format", "constraints") if key in field}
            if (name, field["name"]) == ("program", "organization_id"):
                # Officially unique, which would allow one program per organization; the directory allows several.
                expected["constraints"] = {**expected["constraints"], "unique": False}
            assert mine == expected, (name, field["name"])


# -- JSON --------------------------------------------------------------------------------------------------


def test_json_export_of_the_seeded_county_imports_back_unchanged(
    seeded: Session, empty_database: Session, tmp_path: Path
) -> None:
    counts = export_directory(seeded, tmp_path / "json", "json")

    assert counts == {
        "taxonomies": 1,
        "taxonomy_terms": seeded.scalar(select(func.count()).select_from(m.TaxonomyTerm)),
        "organizations": seeded.scalar(select(func.count()).select_from(m.Organization)),
        "services": 320,
    }
    assert {p.name for p in (tmp_path / "json").iterdir()} == JSON_FILES
    imported = import_directory_folder(empty_database, tmp_path / "json")
    empty_database.commit()
    assert imported == {"taxonomy": 1, "taxonomy_term": counts["taxonomy_terms"], "organization": 149, "service": 320}

    before, after = database_counts(seeded), database_counts(empty_database)
    assert {table: (before[table], after[table]) for table in before if before[table] != after[table]} == {}
    ids = sorted(seeded.scalars(select(m.Service.id)), key=str)[::8]
    for service_id in ids:
        original, restored = seeded.get(m.Service, service_id), empty_database.get(m.Service, service_id)
        assert ServiceSchema().dump(restored) == ServiceSchema().dump(original)
    for organization_id in sorted(seeded.scalars(select(m.Organization.id)), key=str)[::10]:
        original_org = seeded.get(m.Organization, organization_id)
        assert OrganizationSchema().dump(empty_database.get(m.Organization, organization_id)) == (
            OrganizationSchema().dump(original_org)
        )


@pytest.mark.parametrize(
    ("file", "schema", "count"), [("services", "service", 320), ("organizations", "organization", 149)]
)
def test_json_export_of_the_seeded_county_is_valid_hsds(
    seeded: Session, tmp_path: Path, file: str, schema: str, count: int
) -> None:
    from jsonschema import Draft202012Validator, FormatChecker

    validator = Draft202012Validator(
        read_json(shared("hsds", "schema", "compiled", f"{schema}.json")), format_checker=FormatChecker()
    )
    export_directory(seeded, tmp_path / "json", "json")

    documents = read_json(tmp_path / "json" / f"{file}.json")
    problems = {
        document["id"]: [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
        for document in documents
    }
    assert {key: errors[:3] for key, errors in problems.items() if errors} == {}
    assert len(documents) == count
    if file == "services":
        assert all("insurance_accepted" in service and "eligibility_criteria" in service for service in documents)


def test_json_export_keeps_stale_capacity_and_puts_parents_first(
    db_session: Session, empty_database: Session, tmp_path: Path
) -> None:
    low, high = uuid.UUID(int=1, version=4), uuid.UUID(int=2**127, version=4)  # the child sorts before its parent
    parent = f.OrganizationFactory(id=high)
    child = f.OrganizationFactory(id=low, parent_organization_id=parent.id)
    broad = f.TaxonomyTermFactory(id=high)
    narrow = f.TaxonomyTermFactory(id=low, parent_id=broad.id, taxonomy_detail=broad.taxonomy_detail)
    service = f.ServiceFactory(
        organization=child,
        accepting_new_clients=False,
        wait_weeks=6,
        capacity_updated_at=datetime.now(UTC) - timedelta(days=90),
    )
    f.AttributeFactory(service=service, taxonomy_term=narrow)
    f.ServiceAtLocationFactory(service=service)
    service_id = service.id

    export_directory(db_session, tmp_path / "json", "json")

    assert [o["id"] for o in read_json(tmp_path / "json" / "organizations.json")] == [str(high), str(low)]
    assert [t["id"] for t in read_json(tmp_path / "json" / "taxonomy_terms.json")] == [str(high), str(low)]
    (document,) = read_json(tmp_path / "json" / "services.json")
    assert (document["accepting_new_clients"], document["wait_weeks"]) == (False, 6)  # stored, though stale
    import_directory_folder(empty_database, tmp_path / "json")
    empty_database.commit()
    restored = empty_database.get(m.Service, service_id)
    assert restored is not None
    assert (restored.accepting_new_clients, restored.wait_weeks) == (False, 6)
    assert ServiceSchema().dump(restored)["accepting_new_clients"] is None  # and it still reads as stale
    assert ServiceSchema().dump(restored) == ServiceSchema().dump(db_session.get(m.Service, service_id))


# -- zip and targets ---------------------------------------------------------------------------------------


def test_a_zip_target_holds_the_same_files(db_session: Session, tmp_path: Path) -> None:
    f.ServiceAtLocationFactory()
    f.ServiceCapacityFactory()

    for fmt, names in (("csv", CSV_FILES), ("json", JSON_FILES)):
        folder_counts = export_directory(db_session, tmp_path / fmt, fmt)
        zip_counts = export_directory(db_session, tmp_path / f"{fmt}.zip", fmt)

        assert zip_counts == folder_counts
        with zipfile.ZipFile(tmp_path / f"{fmt}.zip") as archive:
            assert set(archive.namelist()) == names
            for name in names - {"datapackage.json"}:  # its `created` time differs
                assert archive.read(name) == (tmp_path / fmt / name).read_bytes(), name
    problems, rows = frictionless_problems(tmp_path / "csv.zip")
    assert problems == []
    assert rows["service"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "csv.zip", "json", "json.zip"]  # no scratch files


def test_export_refuses_a_target_it_cannot_write(db_session: Session, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    (tmp_path / "folder.zip").mkdir()

    with pytest.raises(ExportFailed, match="is a file"):
        export_directory(db_session, tmp_path / "notes.txt", "csv")
    with pytest.raises(ExportFailed, match="is a folder"):
        export_directory(db_session, tmp_path / "folder.zip", "json")
    with pytest.raises(ExportFailed, match="does not exist"):
        export_directory(db_session, tmp_path / "missing" / "out.zip", "json")
    assert (tmp_path / "notes.txt").read_text() == "keep me"


# -- command line ------------------------------------------------------------------------------------------


def test_export_command_prints_counts_and_reports_progress(
    runner: FlaskCliRunner, db_session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f.PhoneFactory()
    f.PhoneFactory()
    monkeypatch.setattr(export, "PROGRESS_EVERY", 1)

    result = runner.invoke(export_command, [str(tmp_path / "out.zip"), "--format", "json"])

    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"Exported {tmp_path / 'out.zip'} (json): 0 taxonomies, 0 taxonomy terms, 2 organizations, 2 services."
    )
    assert "services: 2 written" in result.stderr
    assert (tmp_path / "out.zip").is_file()


def test_export_command_writes_csv_by_default_and_refuses_a_file(runner: FlaskCliRunner, tmp_path: Path) -> None:
    f.ServiceFactory()

    result = runner.invoke(export_command, [str(tmp_path / "hsds")])

    assert result.exit_code == 0, result.output
    for count in ("1 organizations", "1 services", "1 service extensions"):
        assert count in result.stdout
    assert (tmp_path / "hsds" / "datapackage.json").is_file()
    (tmp_path / "taken").write_text("")
    refused = runner.invoke(export_command, [str(tmp_path / "taken"), "--format", "csv"])
    assert refused.exit_code != 0
    assert "is a file" in refused.output
