"""Importing what a path holds: HSDS 3.x CSV packages and tabular JSON, single HSDS JSON files and API pages,
the official examples and real directories, round trips through export, streaming in bounded memory."""

from __future__ import annotations

import gc
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from directory.db import Base, make_engine
from directory.db import Session as ScopedSession
from directory.hsds import importing
from directory.hsds.datapackage import HSDS_TABLES
from directory.hsds.export import export_directory
from directory.hsds.importing import import_directory_folder, import_path
from directory.listings import models as m
from directory.listings import records
from directory.listings.schemas import OrganizationSchema, ServiceSchema
from directory.listings.validation import ImportFailed
from tests import factories as f
from tests.conftest import own_database, postgres_server, seeded_county, shared_path

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "seed_data" / "county"


@pytest.fixture
def empty_database() -> Iterator[Session]:
    """A second, empty directory database beside the test's own."""
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


def table_counts(session: Session) -> dict[str, int]:
    return {t.count_key: session.scalar(select(func.count()).select_from(t.model)) or 0 for t in HSDS_TABLES}


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {table: count for table, count in counts.items() if count}


def canonical(document: Any) -> Any:
    """A document with its lists of objects in id order (HSDS lists are sets; their order is not data)."""
    if isinstance(document, dict):
        return {key: canonical(value) for key, value in document.items()}
    if isinstance(document, list):
        items = [canonical(item) for item in document]
        return sorted(items, key=lambda item: str(item.get("id"))) if all(isinstance(i, dict) for i in items) else items
    return document


def same_listings(original: Session, restored: Session) -> None:
    """Every table holds as many rows, and every service and organization reads exactly as it did."""
    before, after = table_counts(original), table_counts(restored)
    assert {t: (before[t], after[t]) for t in before if before[t] != after[t]} == {}
    for service_id in original.scalars(select(m.Service.id)):
        assert canonical(ServiceSchema().dump(restored.get(m.Service, service_id))) == canonical(
            ServiceSchema().dump(original.get(m.Service, service_id))
        ), service_id
    for organization_id in original.scalars(select(m.Organization.id)):
        assert canonical(OrganizationSchema().dump(restored.get(m.Organization, organization_id))) == canonical(
            OrganizationSchema().dump(original.get(m.Organization, organization_id))
        ), organization_id


# -- round trips through export ----------------------------------------------------------------------------


def test_a_csv_export_of_the_seeded_county_imports_back_unchanged(
    db_session: Session, empty_database: Session, tmp_path: Path
) -> None:
    import_directory_folder(db_session, SEED_DIR)
    db_session.commit()
    f.MetadataFactory(resource_id=db_session.scalars(select(m.Service.id)).first())  # history travels too
    export_directory(db_session, tmp_path / "hsds.zip", "csv")

    imported = import_path(empty_database, tmp_path / "hsds.zip")
    empty_database.commit()

    assert imported.kind == "HSDS 3 CSV datapackage"
    assert imported.counts["service"] == imported.counts["service_extensions"] == 320
    assert imported.warnings == []
    same_listings(db_session, empty_database)
    again = import_path(empty_database, tmp_path / "hsds.zip")  # re-importing updates, never duplicates
    empty_database.commit()
    assert again.counts == imported.counts
    same_listings(db_session, empty_database)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_real_illinois_directory_round_trips_through_export_with_nothing_lost(
    db_session: Session, empty_database: Session, tmp_path: Path, fmt: str
) -> None:
    first = import_path(db_session, shared_path("datasets", "ilao-hsds-1.1"))
    db_session.commit()
    assert first.counts["service"] == 429  # the 430th row of services.csv has neither id nor name
    export_directory(db_session, tmp_path / "ilao", fmt)  # type: ignore[arg-type]
    import_path(empty_database, tmp_path / "ilao")
    empty_database.commit()
    same_listings(db_session, empty_database)


# -- HSDS 3.x CSV packages -----------------------------------------------------------------------------------


def write_package(folder: Path, tables: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


ORG, CHILD_ORG, SERVICE = (str(uuid.UUID(int=n, version=4)) for n in (1, 2, 3))
PACKAGE = {
    # The child organization comes before its parent: links of a table to itself are set once all rows are in.
    "organizations.csv": f"id,name,description,parent_organization_id\n"
    f"{CHILD_ORG},Eastside Branch,,{ORG}\n{ORG},Eastside Network,Food for the east side,\n",
    "services.csv": f"id,organization_id,name,status,minimum_age,description\n"
    f"{SERVICE},{ORG},Tuesday Pantry,active,18,Groceries every Tuesday\n",
    "service_extensions.csv": f"id,service_id,insurance_accepted,payment_options,accepting_new_clients\n"
    f'{SERVICE},{SERVICE},[],"[""free""]",true\n',
}


def test_a_3x_csv_package_lands_with_types_extensions_and_parent_links(db_session: Session, tmp_path: Path) -> None:
    imported = import_path(db_session, write_package(tmp_path / "p", PACKAGE))
    db_session.commit()

    assert imported.counts == {"organization": 2, "service": 1, "service_extensions": 1}
    service = db_session.get(m.Service, uuid.UUID(SERVICE))
    assert service is not None
    assert (service.name, service.minimum_age, service.payment_options, service.accepting_new_clients) == (
        "Tuesday Pantry",
        18,
        ["free"],
        True,
    )
    child = db_session.get(m.Organization, uuid.UUID(CHILD_ORG))
    assert child is not None
    assert child.parent_organization_id == uuid.UUID(ORG)


def test_a_bad_cell_is_named_by_file_row_and_field_and_nothing_is_written(db_session: Session, tmp_path: Path) -> None:
    tables = {
        **PACKAGE,
        "services.csv": PACKAGE["services.csv"] + f"{uuid.uuid4()},{ORG},Second,active,eighteen,x\n",
        "phones.csv": f"id,service_id,number\n{uuid.uuid4()},{uuid.uuid4()},503-555-0100\n",
    }
    with pytest.raises(ImportFailed) as failure:
        import_path(db_session, write_package(tmp_path / "p", tables))
    db_session.rollback()

    problems = {(p.file, p.record, p.field): p.message for p in failure.value.problems}
    assert problems[("services.csv", 1, "minimum_age")].startswith("must be a number")
    assert problems[("phones.csv", 0, "service_id")].endswith("and the phone belongs to nothing else")
    assert db_session.scalar(select(func.count()).select_from(m.Organization)) == 0

    kept = import_path(db_session, tmp_path / "p", skip_invalid=True)
    assert kept.counts == {"organization": 2, "service": 1, "service_extensions": 1}
    assert any("services.csv, record 2" in warning and "record left out" in warning for warning in kept.warnings)


def test_a_file_that_is_not_utf8_is_named(db_session: Session, tmp_path: Path) -> None:
    folder = write_package(tmp_path / "p", {})
    (folder / "organizations.csv").write_bytes("id,name\n1,Caf\xe9 Latino\n".encode("latin-1"))
    with pytest.raises(ImportFailed, match="1 problem") as failure:
        import_path(db_session, folder)
    assert "is not UTF-8 text" in str(failure.value.problems[0])


def test_the_official_hsds_csv_example_names_its_broken_links(db_session: Session) -> None:
    folder = shared_path("hsds", "examples", "csv")
    with pytest.raises(ImportFailed) as failure:
        import_path(db_session, folder)
    db_session.rollback()
    # The example points at a service, a unit and an attribute target it never describes.
    assert sorted((p.file, p.field) for p in failure.value.problems) == [
        ("attributes.csv", "link_id"),
        ("service_capacity.csv", "service_id"),
        ("service_capacity.csv", "unit_id"),
    ]

    imported = import_path(db_session, folder, skip_invalid=True)
    db_session.commit()
    every = {"taxonomy", "taxonomy_term", "organization", "program", "location", "service", "service_at_location",
             "contact", "phone", "address", "schedule", "accessibility", "language", "funding", "service_area",
             "required_document", "cost_option", "unit", "metadata"}  # fmt: skip
    assert imported.counts == dict.fromkeys(every, 1)
    assert any("organization_identifiers.csv: the directory does not keep" in w for w in imported.warnings)
    service = db_session.get(m.Service, uuid.UUID("ac148810-d857-441c-9679-408f346de14b"))
    assert service is not None
    assert service.service_at_locations[0].location.addresses[0].city == "MyCity"


def test_the_uk_profile_csv_example_imports_without_its_unlinked_attribute(db_session: Session) -> None:
    imported = import_path(db_session, shared_path("datasets", "uk-profile-3.0", "examples", "csv"), skip_invalid=True)
    db_session.commit()
    assert imported.counts["service"] == 1
    assert imported.counts["address"] == 1  # addresses.csv, not its duplicate address.csv
    assert any("address.csv: address rows were read from addresses.csv" in w for w in imported.warnings)
    assert any("column service_area is not an HSDS 3.1 field" in w for w in imported.warnings)


def test_the_official_tabular_json_example_imports(db_session: Session) -> None:
    imported = import_path(db_session, shared_path("hsds", "examples", "tabular.json"), skip_invalid=True)
    db_session.commit()
    assert imported.kind == "HSDS 3 tabular JSON"
    assert imported.counts["service"] == imported.counts["organization"] == 1
    assert db_session.scalar(select(func.count()).select_from(m.Schedule)) == 1


# -- single JSON files and pages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("service_full.json", {"organization": 1, "program": 1, "service": 1}),
        ("service_list.json", {"organization": 1, "program": 1, "service": 1}),
        ("organization_full.json", {"organization": 1}),
        ("organization_list.json", {"organization": 1}),
        ("service_at_location_full.json", {"organization": 1, "program": 1, "service": 1, "service_at_location": 1}),
        ("service_at_location_list.json", {"organization": 1, "program": 1, "service": 1, "service_at_location": 1}),
        ("location.json", {"location": 1}),
        ("taxonomy.json", {"taxonomy": 1}),
        ("taxonomy_list.json", {"taxonomy": 1}),
        ("taxonomy_term.json", {"taxonomy_term": 1}),
        ("taxonomy_term_list.json", {"taxonomy_term": 1}),
    ],
)
def test_each_official_json_example_imports(db_session: Session, name: str, counts: dict[str, int]) -> None:
    imported = import_path(db_session, shared_path("hsds", "examples", name))
    db_session.commit()
    assert imported.counts == counts
    if "service" in counts:
        service = db_session.get(m.Service, uuid.UUID("ac148810-d857-441c-9679-408f346de14b"))
        assert service is not None
        assert service.organization.name == "Example Organization Inc."


def test_the_uk_profile_json_examples_import_with_their_extra_fields_noted(db_session: Session) -> None:
    imported = import_path(db_session, shared_path("datasets", "uk-profile-3.0", "examples"))
    db_session.commit()
    assert imported.counts["service"] == 4  # the same service, described in four files
    assert db_session.scalar(select(func.count()).select_from(m.Service)) == 1
    assert "service_full.json, field attributes[].taxonomy_term.term: not an HSDS 3.1 field of taxonomy_term; " \
        "not imported" in imported.warnings  # fmt: skip


def organization(**fields: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "name": "Northside Legal Aid", "description": "Free civil legal help", **fields}


def test_a_json_array_file_is_read_as_a_stream_and_an_api_page_as_its_contents(
    db_session: Session, tmp_path: Path
) -> None:
    (tmp_path / "organizations.json").write_text(json.dumps([organization(), organization(year_incorporated=1988)]))
    page = {"total_items": 1, "page_number": 1, "contents": [organization(name="Page One Org")]}
    (tmp_path / "organization_list.json").write_text(json.dumps(page))

    assert import_path(db_session, tmp_path / "organizations.json").counts == {"organization": 2}
    assert import_path(db_session, tmp_path / "organization_list.json").counts == {"organization": 1}
    db_session.commit()
    names = set(db_session.scalars(select(m.Organization.name)))
    assert names == {"Northside Legal Aid", "Page One Org"}


def test_a_json_file_whose_kind_cannot_be_told_is_refused(db_session: Session, tmp_path: Path) -> None:
    (tmp_path / "export-2026.json").write_text("[]")
    (tmp_path / "services.json").write_text("not json at all")
    with pytest.raises(ImportFailed) as failure:
        import_path(db_session, tmp_path / "export-2026.json")
    assert "cannot tell what it holds: name it one of" in str(failure.value.problems[0])
    with pytest.raises(ImportFailed) as failure:
        import_path(db_session, tmp_path / "services.json")
    assert "is not JSON" in str(failure.value.problems[0])


def test_imports_note_links_to_records_never_described_but_the_write_api_refuses_them(
    db_session: Session, tmp_path: Path
) -> None:
    missing = str(uuid.uuid4())
    (tmp_path / "organizations.json").write_text(json.dumps([organization(parent_organization_id=missing)]))
    imported = import_path(db_session, tmp_path / "organizations.json")
    db_session.commit()
    assert imported.warnings == [
        f"organizations.json, record 1 (id {json.loads((tmp_path / 'organizations.json').read_text())[0]['id']}), "
        f"field parent_organization_id: no organization with id {missing}; the link was left out"
    ]
    importer = records.RecordWriter(db_session)  # as the write API and the editor use it
    importer.import_records("organization", [organization(parent_organization_id=missing)], "body")
    with pytest.raises(ImportFailed, match="1 problem"):
        importer.finish()
    db_session.rollback()


# -- bounded memory and progress ----------------------------------------------------------------------------


def test_a_large_import_holds_one_batch_of_listings_at_a_time(
    db_session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = organization()
    services = [
        {"id": str(uuid.uuid4()), "organization_id": org["id"], "name": f"Pantry {n}", "status": "active",
         "phones": [{"id": str(uuid.uuid4()), "number": "503-555-0100"}]}
        for n in range(60)
    ]  # fmt: skip
    (tmp_path / "organizations.json").write_text(json.dumps([org]))
    (tmp_path / "services.json").write_text(json.dumps(services))
    monkeypatch.setattr(records, "BATCH_RECORDS", 5)
    alive: list[int] = []
    run_batch = records.RecordWriter._run_batch

    def counting(self: records.RecordWriter) -> None:
        run_batch(self)
        gc.collect()
        alive.append(sum(isinstance(obj, m.Service) for obj in gc.get_objects()))

    monkeypatch.setattr(records.RecordWriter, "_run_batch", counting)

    imported = import_path(db_session, tmp_path)
    db_session.commit()

    assert imported.counts == {"organization": 1, "service": 60}
    assert db_session.scalar(select(func.count()).select_from(m.Service)) == 60
    assert len(alive) >= 12
    assert max(alive) <= 10  # never more than two batches' worth in memory, though 60 were read


def test_the_import_command_shows_a_progress_bar(runner: FlaskCliRunner, tmp_path: Path) -> None:
    (tmp_path / "organizations.json").write_text(json.dumps([organization()]))
    result = runner.invoke(args=["import", str(tmp_path), "--progress"])
    assert result.exit_code == 0, result.output
    assert "Importing" in result.stderr  # a bar that moves on a terminal; its label elsewhere
    assert result.stdout.strip() == "Imported HSDS 3 JSON: 1 organization."


def test_counts_are_printed_in_words() -> None:
    from directory.cli import counted

    assert counted({"address": 2, "service_capacity": 3, "taxonomy": 1, "service_at_location": 2, "funding": 2}) == (
        "2 addresses, 3 service capacities, 1 taxonomy, 2 services at locations, 2 funding"
    )


def test_a_large_import_into_postgresql_leaves_the_planner_statistics_current(tmp_path: Path) -> None:
    """Searches right after loading a directory are planned for its real size, not for empty tables."""
    with own_database(postgres_server(), "analyze") as url, seeded_county(tmp_path, url, INDEX_BACKEND="memory") as app:
        session = ScopedSession()
        sizes = "SELECT reltuples FROM pg_class WHERE relname = 'services'"
        before = session.scalar(sql(sizes))
        result = importing.import_directory(session, Path(app.config["SEED_DIR"]), who="import: county")
        services = session.scalar(select(func.count()).select_from(m.Service))
        assert sum(result.counts.values()) >= importing.ANALYZE_AFTER_SHARE * (services or 0)
        assert (before or 0) <= 0  # loaded, never analysed (autovacuum is off or not yet round)
        assert session.scalar(sql(sizes)) == services
