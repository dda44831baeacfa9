"""Field history is written from the flush: any unit of work that names its author leaves one `metadata` row per
changed field of each service and organization it touched, however it wrote them."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.db import writing
from directory.listings import models as m
from directory.listings.recording import record_as
from tests import factories as f


def history(session: Session, resource_id: uuid.UUID) -> list[tuple[str, str, str, str, str]]:
    rows = session.execute(
        select(
            m.Metadata.field_name,
            m.Metadata.previous_value,
            m.Metadata.replacement_value,
            m.Metadata.last_action_type,
            m.Metadata.updated_by,
        )
        .where(m.Metadata.resource_id == resource_id)
        .order_by(m.Metadata.field_name)
    ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_a_plain_orm_write_with_an_author_records_each_changed_field(db_session: Session) -> None:
    service = f.ServiceFactory(name="Tuesday Pantry")
    with writing(db_session):
        record_as(db_session, "coord@example.org")
        listing = db_session.get_one(m.Service, service.id)
        listing.name = "Thursday Pantry"
        listing.phones.append(m.Phone(number="503-555-0100", type="voice"))  # tied by the relationship only
    rows = history(db_session, service.id)
    assert ("name", "Tuesday Pantry", "Thursday Pantry", "update", "coord@example.org") in rows
    phones = next(row for row in rows if row[0] == "phones")
    assert json.loads(phones[1] or "[]") == []
    assert [phone["number"] for phone in json.loads(phones[2])] == ["503-555-0100"]
    assert {row[0] for row in rows} == {"name", "phones"}  # nothing else changed, nothing else recorded


def test_a_write_naming_no_author_and_a_rolled_back_one_record_nothing(db_session: Session) -> None:
    service = f.ServiceFactory(name="Tuesday Pantry")
    with writing(db_session):
        db_session.get_one(m.Service, service.id).name = "Renamed without an author"
    try:
        with writing(db_session):
            record_as(db_session, "coord@example.org")
            db_session.get_one(m.Service, service.id).name = "Never committed"
            db_session.flush()
            raise RuntimeError("the unit of work fails")
    except RuntimeError:
        pass
    with writing(db_session):  # the failed unit of work's author does not carry over
        db_session.get_one(m.Service, service.id).description = "Still no author"
    assert history(db_session, service.id) == []


def test_a_new_listing_is_recorded_once_as_created_with_its_name(db_session: Session) -> None:
    organization = f.OrganizationFactory()
    service_id = uuid.uuid4()
    with writing(db_session):
        record_as(db_session, "import: county.zip")
        db_session.add(m.Service(id=service_id, organization_id=organization.id, name="Harbor Meals", status="active"))
    assert history(db_session, service_id) == [("name", "", "Harbor Meals", "create", "import: county.zip")]


def test_a_place_changed_is_in_the_history_of_every_service_offered_there(db_session: Session) -> None:
    first, second, elsewhere = f.ServiceFactory(), f.ServiceFactory(), f.ServiceFactory()
    place = f.LocationFactory(organization=first.organization)
    address = f.AddressFactory(location=place, address_1="100 SW Main St")
    for service in (first, second):
        f.ServiceAtLocationFactory(service=service, location=place)
    with writing(db_session):
        record_as(db_session, "coord@example.org")
        db_session.get_one(m.Address, address.id).address_1 = "200 SW Oak St"
    for service in (first, second):
        assert [row[0] for row in history(db_session, service.id)] == ["service_at_locations"]
        assert "200 SW Oak St" in history(db_session, service.id)[0][2]
    assert history(db_session, elsewhere.id) == []


def test_an_organizations_own_rows_are_in_its_history(db_session: Session) -> None:
    organization = f.OrganizationFactory(name="Harbor Food Network")
    with writing(db_session):
        record_as(db_session, "coord@example.org")
        db_session.add(m.Phone(organization_id=organization.id, number="503-555-0199", type="voice"))
    rows = history(db_session, organization.id)
    assert [(row[0], row[3]) for row in rows] == [("phones", "update")]
    assert "503-555-0199" in rows[0][2]


def test_a_savepoint_inside_the_unit_of_work_does_not_end_its_history(db_session: Session) -> None:
    service = f.ServiceFactory(name="Tuesday Pantry", description="Groceries.")
    with writing(db_session):
        record_as(db_session, "import: county.zip")
        listing = db_session.get_one(m.Service, service.id)
        with db_session.begin_nested():  # as an import keeps each good batch
            listing.name = "Thursday Pantry"
        listing.description = "Groceries and hygiene kits."  # after the savepoint, in the same unit of work
    rows = history(db_session, service.id)
    assert [(row[0], row[4]) for row in rows] == [
        ("description", "import: county.zip"),
        ("name", "import: county.zip"),
    ]
