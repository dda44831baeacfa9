"""Importing HSDS 3.1 JSON: nested objects become rows, re-imports update in place, bad data imports nothing."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.hsds.importing import import_directory_folder
from directory.listings import models as m
from directory.listings.validation import ImportFailed

ORG = str(uuid.uuid4())
LOC = str(uuid.uuid4())
SVC = str(uuid.uuid4())
TAX = str(uuid.uuid4())
TERM = str(uuid.uuid4())


def ids() -> str:
    return str(uuid.uuid4())


def directory_files() -> dict[str, list[dict[str, Any]]]:
    return {
        "taxonomies.json": [{"id": TAX, "name": "Test taxonomy", "description": "Codes", "version": "1"}],
        "taxonomy_terms.json": [
            {"id": TERM, "code": "food_pantry", "name": "Food pantry", "description": "Groceries", "taxonomy_id": TAX}
        ],
        "organizations.json": [
            {
                "id": ORG,
                "name": "Eastside Community Food Network",
                "description": "Neighbors feeding neighbors since 1987.",
                "phones": [{"id": ids(), "number": "503-555-0100"}],
                "locations": [
                    {
                        "id": LOC,
                        "location_type": "physical",
                        "name": "Gateway pantry",
                        "latitude": 45.53,
                        "longitude": -122.56,
                        "addresses": [
                            {
                                "id": ids(),
                                "address_1": "10520 NE Halsey St",
                                "city": "Portland",
                                "state_province": "OR",
                                "postal_code": "97220",
                                "country": "US",
                                "address_type": "physical",
                            }
                        ],
                    }
                ],
            }
        ],
        "services.json": [
            {
                "id": SVC,
                "organization_id": ORG,
                "name": "Tuesday Food Boxes",
                "status": "active",
                "description": "Choose produce and staples once a week.",
                "assured_date": "2026-10-01",
                "last_modified": "2026-10-01T17:00:00Z",
                "phones": [{"id": ids(), "number": "503-555-0101", "type": "voice"}],
                "schedules": [
                    {"id": ids(), "freq": "WEEKLY", "byday": "TU", "opens_at": "13:00", "closes_at": "17:00"}
                ],
                "languages": [{"id": ids(), "name": "Spanish", "code": "es"}],
                "required_documents": [{"id": ids(), "document": "Proof of address"}],
                "attributes": [{"id": ids(), "taxonomy_term_id": TERM, "link_type": "service_taxonomy"}],
                "service_at_locations": [{"id": ids(), "location_id": LOC}],
                "capacities": [
                    {
                        "id": ids(),
                        "unit": {"id": ids(), "name": "food boxes"},
                        "available": 40,
                        "updated": "2026-11-20T08:00:00+00:00",
                    }
                ],
                "eligibility_criteria": {"all": [{"type": "residency", "counties": ["Multnomah"]}]},
                "insurance_accepted": [],
                "payment_options": ["free"],
                "accepting_new_clients": True,
                "wait_weeks": None,
            }
        ],
    }


def write(folder: Path, files: dict[str, Any]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, records in files.items():
        (folder / name).write_text(json.dumps(records))
    return folder


def counts(session: Session) -> dict[str, int]:
    tables = [m.Service, m.Organization, m.Location, m.Address, m.Phone, m.Attribute, m.ServiceCapacity, m.Unit]
    return {t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0 for t in tables}


def test_import_creates_every_nested_row(db_session: Session, tmp_path: Path) -> None:
    imported = import_directory_folder(db_session, write(tmp_path / "d", directory_files()))
    db_session.commit()
    assert imported == {"taxonomy": 1, "taxonomy_term": 1, "organization": 1, "service": 1}
    service = db_session.get(m.Service, uuid.UUID(SVC))
    assert service is not None
    assert service.organization.name == "Eastside Community Food Network"
    assert [t.code for t in service.taxonomy_terms] == ["food_pantry"]
    assert service.service_at_locations[0].location.addresses[0].postal_code == "97220"
    assert service.capacities[0].unit.name == "food boxes"
    assert service.schedules[0].byday == "TU"
    assert service.eligibility_criteria == {"all": [{"type": "residency", "counties": ["Multnomah"]}]}
    assert service.accepting_new_clients is True


def test_importing_twice_changes_nothing(db_session: Session, tmp_path: Path) -> None:
    folder = write(tmp_path / "d", directory_files())
    import_directory_folder(db_session, folder)
    db_session.commit()
    first = counts(db_session)
    import_directory_folder(db_session, folder)
    db_session.commit()
    assert counts(db_session) == first


def test_reimport_replaces_nested_lists_and_updates_fields(db_session: Session, tmp_path: Path) -> None:
    files = directory_files()
    import_directory_folder(db_session, write(tmp_path / "a", files))
    db_session.commit()
    changed = copy.deepcopy(files)
    service = changed["services.json"][0]
    service["name"] = "Tuesday and Thursday Food Boxes"
    service["phones"] = []
    service["attributes"] = []
    import_directory_folder(db_session, write(tmp_path / "b", changed))
    db_session.commit()
    db_session.expire_all()
    stored = db_session.get(m.Service, uuid.UUID(SVC))
    assert stored is not None
    assert stored.name == "Tuesday and Thursday Food Boxes"
    assert stored.phones == []
    assert stored.taxonomy_terms == []


@pytest.mark.parametrize(
    ("mutate", "field", "message"),
    [
        (lambda s: s.pop("name"), "name", "is required"),
        (lambda s: s.update(status="open"), "status", "must be one of"),
        (lambda s: s.update(assured_date="last week"), "assured_date", "YYYY-MM-DD"),
        (lambda s: s.update(organization_id=str(uuid.uuid4())), "organization_id", "no organization with id"),
        (lambda s: s.update(id="17"), "id", "UUID"),
        (lambda s: s.update(favourite_colour="blue"), "favourite_colour", "is not a field"),
        (lambda s: s["phones"][0].pop("number"), "phones[0].number", "is required"),
        (lambda s: s["service_at_locations"][0].update(location_id=str(uuid.uuid4())), "location_id", "no location"),
        (lambda s: s.update(accepting_new_clients="yes"), "accepting_new_clients", "true or false"),
        (lambda s: s.update(insurance_accepted={"category": "medicaid"}), "insurance_accepted", "must be a list"),
        (
            lambda s: s.update(eligibility_criteria={"all": [{"type": "age", "min": 65, "max": 18}]}),
            "eligibility_criteria.all[0]",
            "greater than max",
        ),
        (
            lambda s: s.update(eligibility_criteria={"any": [{"type": "astrology"}]}),
            "eligibility_criteria.any[0].type",
            "unknown criterion type",
        ),
    ],
)
def test_a_bad_record_is_reported_by_file_record_and_field_and_nothing_is_written(
    db_session: Session, tmp_path: Path, mutate: Any, field: str, message: str
) -> None:
    files = directory_files()
    mutate(files["services.json"][0])
    with pytest.raises(ImportFailed) as failure:
        import_directory_folder(db_session, write(tmp_path / "d", files))
    db_session.rollback()
    problem = failure.value.problems[0]
    assert problem.file.endswith("services.json")
    assert problem.record == 0
    assert field in problem.field
    assert message in problem.message
    assert "services.json, record 1" in str(problem)
    assert counts(db_session)["services"] == 0
    assert counts(db_session)["organizations"] == 0


def test_every_problem_is_reported_not_just_the_first(db_session: Session, tmp_path: Path) -> None:
    files = directory_files()
    files["services.json"][0]["status"] = "open"
    files["organizations.json"][0].pop("name")
    with pytest.raises(ImportFailed) as failure:
        import_directory_folder(db_session, write(tmp_path / "d", files))
    fields = {(Path(p.file).name, p.field) for p in failure.value.problems}
    assert fields == {("services.json", "status"), ("organizations.json", "name")}


def test_a_file_that_is_not_json_is_refused(db_session: Session, tmp_path: Path) -> None:
    folder = write(tmp_path / "d", directory_files())
    (folder / "services.json").write_text('[{"id": ')
    with pytest.raises(ImportFailed) as failure:
        import_directory_folder(db_session, folder)
    assert "not valid JSON" in str(failure.value.problems[0])


def test_a_folder_without_hsds_files_is_refused(db_session: Session, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="nothing was imported"):
        import_directory_folder(db_session, tmp_path)
