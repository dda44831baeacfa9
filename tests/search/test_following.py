"""The index follows the database: a change log written with every change, applied by each index."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory import create_app
from directory.db import Base, writing
from directory.db import Session as ScopedSession
from directory.errors import InvalidInput
from directory.listings import editing
from directory.listings import models as m
from directory.search import InMemoryIndex, following
from directory.search.following import IndexFollower
from tests import factories as f


def logged(session: Session) -> list[uuid.UUID]:
    return list(session.scalars(select(m.ListingChange.service_id).order_by(m.ListingChange.id)))


def clear_log(session: Session) -> None:
    for row in session.scalars(select(m.ListingChange)):
        session.delete(row)
    session.commit()


def test_creating_a_service_logs_it(db_session: Session) -> None:
    service = f.ServiceFactory()
    assert service.id in logged(db_session)


@pytest.mark.parametrize(
    "change",
    [
        "service field",
        "phone",
        "language",
        "schedule",
        "organization name",
        "location address",
        "taxonomy term name",
        "attribute removed",
    ],
)
def test_every_kind_of_change_logs_the_services_it_shapes(db_session: Session, change: str) -> None:
    service = f.ServiceFactory()
    other = f.ServiceFactory()
    sal = f.ServiceAtLocationFactory(service=service)
    address = f.AddressFactory(location=sal.location)
    phone = f.PhoneFactory(service=service)
    attribute = f.AttributeFactory(service=service)
    clear_log(db_session)
    if change == "service field":
        service.description = "New description"
    elif change == "phone":
        phone.number = "503-555-0199"
    elif change == "language":
        f.LanguageFactory(service=service)
    elif change == "schedule":
        f.ScheduleFactory(service=service)
    elif change == "organization name":
        service.organization.name = "Renamed Agency"
    elif change == "location address":
        address.address_1 = "1 New Street"
    elif change == "taxonomy term name":
        attribute.taxonomy_term.name = "Renamed term"
    elif change == "attribute removed":
        db_session.delete(attribute)
    db_session.commit()
    assert logged(db_session) == [service.id]
    assert other.id not in logged(db_session)


def test_a_rolled_back_change_logs_nothing(db_session: Session) -> None:
    service = f.ServiceFactory()
    clear_log(db_session)
    service.name = "Never saved"
    db_session.flush()
    db_session.rollback()
    assert logged(db_session) == []


def test_catch_up_applies_new_changes_and_records_the_position(db_session: Session) -> None:
    index = InMemoryIndex()
    follower = IndexFollower(index)
    first = f.ServiceFactory(name="Tuesday Food Boxes")
    assert follower.catch_up(db_session) == 1  # no index yet: rebuilt from the database
    assert index.count() == 1
    second = f.ServiceFactory(name="Walk-In Detox Center")
    assert follower.catch_up(db_session) == 1
    assert set(index.documents) == {first.id, second.id}
    assert index.position() == max(row.id for row in db_session.scalars(select(m.ListingChange)))
    assert follower.catch_up(db_session) == 0


def test_a_large_change_set_is_applied_a_batch_at_a_time(db_session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    index = InMemoryIndex()
    follower = IndexFollower(index)
    f.ServiceFactory()
    follower.catch_up(db_session)
    monkeypatch.setattr(following, "BATCH_SIZE", 2)
    updates: list[tuple[int, int]] = []
    update = index.update

    def counting(upserts: Any, removals: Any, *, position: int, blocking: bool = True) -> bool:
        updates.append((len(upserts) + len(removals), position))
        return update(upserts, removals, position=position, blocking=blocking)

    monkeypatch.setattr(index, "update", counting)
    before = index.position()
    new = [f.ServiceFactory(name=f"Pantry {n}").id for n in range(5)]
    retired = f.ServiceFactory(name="Closed Pantry", status=m.ServiceStatus.DEFUNCT).id

    assert follower.catch_up(db_session) == 6
    assert [size for size, _ in updates] == [2, 2, 2]
    latest = max(row.id for row in db_session.scalars(select(m.ListingChange)))
    assert [position for _, position in updates] == [before, before, latest]  # moved on only when all are in
    assert set(new) <= set(index.documents)
    assert retired not in index.documents


def test_a_bulk_change_rebuilds_the_index_when_the_catch_up_may_wait(
    db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = InMemoryIndex()
    follower = IndexFollower(index)
    f.ServiceFactory()
    follower.catch_up(db_session)
    monkeypatch.setattr(following, "REBUILD_AT", 3)
    rebuilds: list[int] = []
    rebuild = index.rebuild
    monkeypatch.setattr(
        index, "rebuild", lambda docs, *, position: rebuilds.append(position) or rebuild(docs, position=position)
    )
    ids = [f.ServiceFactory().id for _ in range(3)]

    assert follower.catch_up(db_session, blocking=False) == 3  # a search does not stop to rebuild
    assert rebuilds == []
    ids += [f.ServiceFactory().id for _ in range(3)]
    assert follower.catch_up(db_session, blocking=True) == 3
    assert rebuilds == [max(row.id for row in db_session.scalars(select(m.ListingChange)))]
    assert set(ids) <= set(index.documents)


def test_reading_every_document_leaves_what_the_caller_holds_attached(
    db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(following, "BATCH_SIZE", 2)
    held = f.ServiceFactory(name="Held Pantry")
    for _ in range(4):
        f.ServiceFactory()
    db_session.commit()  # expires what the session holds, as after any write

    documents = list(following.iter_all_documents(db_session))  # as a rebuild after an import reads them

    assert len(documents) == 5
    assert held in db_session
    assert held.name == "Held Pantry"  # still attached, so its expired attributes load again


def test_update_and_retire_reach_the_index_at_once(db_session: Session, search_index: InMemoryIndex) -> None:
    service = f.ServiceFactory(name="Tuesday Food Boxes")  # committed: nothing asks the index to follow
    assert search_index.documents[service.id].name == "Tuesday Food Boxes"
    editing.patch_service(db_session, service.id, {"name": "Thursday Food Boxes"}, who="c@example.org")
    assert search_index.documents[service.id].name == "Thursday Food Boxes"
    editing.retire_service(db_session, service.id, who="c@example.org")
    assert service.id not in search_index.documents
    assert db_session.get(m.Service, service.id).status == m.ServiceStatus.DEFUNCT


def test_any_commit_that_changes_a_listing_reaches_the_index_and_a_rollback_does_not(
    db_session: Session, search_index: InMemoryIndex
) -> None:
    service = f.ServiceFactory(name="Tuesday Pantry")
    position = search_index.position()
    service.name = "Friday Pantry"
    db_session.flush()
    db_session.rollback()
    assert search_index.documents[service.id].name == "Tuesday Pantry"
    assert search_index.position() == position
    db_session.get(m.Service, service.id).name = "Saturday Pantry"  # a plain ORM write, no operation
    db_session.commit()
    # (the position itself may wait: on PostgreSQL the rolled-back change left a gap in the change ids)
    assert search_index.documents[service.id].name == "Saturday Pantry"


def test_hours_of_one_site_alone_reach_the_index(db_session: Session, search_index: InMemoryIndex) -> None:
    service = f.ServiceFactory()
    site = f.ServiceAtLocationFactory(service=service)
    assert search_index.documents[service.id].open_hours == ()
    with writing(db_session):  # the site's own hours: no row of the service itself changes
        db_session.add(
            m.Schedule(service_at_location_id=site.id, freq="WEEKLY", byday="MO", opens_at="09:00", closes_at="12:00")
        )
    assert search_index.documents[service.id].open_hours != ()


def test_the_index_follows_the_whole_transaction_not_a_savepoint_inside_it(
    db_session: Session, search_index: InMemoryIndex
) -> None:
    service = f.ServiceFactory(name="Tuesday Pantry")
    with writing(db_session):
        listing = db_session.get_one(m.Service, service.id)
        with db_session.begin_nested():  # as an import keeps each good batch
            listing.name = "Thursday Pantry"
        assert search_index.documents[service.id].name == "Tuesday Pantry"  # nothing is committed yet
        listing.description = "Groceries and hygiene kits."
    assert search_index.documents[service.id].name == "Thursday Pantry"
    assert search_index.documents[service.id].description == "Groceries and hygiene kits."


def test_a_refused_change_reaches_neither_the_database_nor_the_index(
    db_session: Session, search_index: InMemoryIndex
) -> None:
    service = f.ServiceFactory(name="Tuesday Pantry")
    position = search_index.position()
    with pytest.raises(InvalidInput) as error:
        editing.patch_service(db_session, service.id, {"name": "Renamed", "status": "x"}, who="c@example.org")
    assert set(error.value.errors or {}) == {"status"}
    assert search_index.documents[service.id].name == "Tuesday Pantry"
    assert search_index.position() == position
    db_session.expire_all()
    assert db_session.get(m.Service, service.id).name == "Tuesday Pantry"


def test_a_gap_in_change_ids_holds_the_position_until_it_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    follower = IndexFollower(InMemoryIndex())
    clock = [100.0]
    monkeypatch.setattr("directory.search.following.time.monotonic", lambda: clock[0])
    assert follower._safe_position(10, [11, 12, 14, 15]) == 12  # 13 may still commit
    clock[0] += 5
    assert follower._safe_position(12, [14, 15]) == 12
    clock[0] += 60  # 13 never came: a rolled-back transaction
    assert follower._safe_position(12, [14, 15]) == 15


# -- two app instances, one database, two index directories ---------------------------------------------


@pytest.fixture
def two_apps(tmp_path: Path) -> Iterator[tuple[Flask, Flask]]:
    database = f"sqlite:///{tmp_path / 'shared.sqlite3'}"

    def make(name: str) -> Flask:
        return create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "x",
                "DATABASE_URL": database,
                "INDEX_DIR": str(tmp_path / name / "services"),
            }
        )

    first, second = make("machine-a"), make("machine-b")
    previous = ScopedSession.session_factory.kw.get("bind")
    ScopedSession.remove()
    ScopedSession.configure(bind=first.extensions["directory.engine"])
    Base.metadata.create_all(first.extensions["directory.engine"])
    yield first, second
    ScopedSession.remove()
    ScopedSession.configure(bind=previous)
    for app in (first, second):
        app.extensions["directory.index"].close()
        app.extensions["directory.engine"].dispose()


@contextlib.contextmanager
def machine(app: Flask) -> Iterator[None]:
    """Work as that machine does: its own engine, so its own index is the one that follows and answers."""
    ScopedSession.remove()
    ScopedSession.configure(bind=app.extensions["directory.engine"])
    with app.app_context():
        yield
    ScopedSession.remove()


def found(client: FlaskClient, text: str) -> list[str]:
    with machine(client.application):
        body = client.get("/api/services", query_string={"search": text, "facets": "false"}).get_json()
    return [item["name"] for item in body["contents"]]


def eventually(condition, seconds: float = 2.0) -> float:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > seconds:
            pytest.fail(f"not true within {seconds} s")
        time.sleep(0.05)
    return time.monotonic() - start


def test_a_change_through_one_instance_is_found_through_the_other(two_apps: tuple[Flask, Flask]) -> None:
    first, second = two_apps
    with machine(first):
        service = f.ServiceFactory(name="Tuesday Food Boxes", description="Groceries every week.")
        service_id = service.id
    a, b = first.test_client(), second.test_client()
    assert found(a, "groceries") == ["Tuesday Food Boxes"]
    assert found(b, "groceries") == ["Tuesday Food Boxes"]  # machine B built its own index from the database

    with machine(first):
        editing.patch_service(ScopedSession(), service_id, {"name": "Harvest Share Market"}, who="c@example.org")
    assert found(a, "harvest") == ["Harvest Share Market"]
    eventually(lambda: found(b, "harvest") == ["Harvest Share Market"])

    with machine(first):
        editing.retire_service(ScopedSession(), service_id, who="c@example.org")
    assert found(a, "harvest") == []
    eventually(lambda: found(b, "harvest") == [])
    assert second.extensions["directory.index"].count() == 0  # gone from B's index, not just hidden


def test_a_missing_index_is_rebuilt_from_the_database_on_first_use(two_apps: tuple[Flask, Flask]) -> None:
    first, second = two_apps
    with machine(first):
        f.ServiceFactory(name="Walk-In Detox Center")  # written through machine A, whose commit builds A's index
    index_dir = Path(second.config["INDEX_DIR"])
    assert not index_dir.exists()
    assert found(second.test_client(), "detox") == ["Walk-In Detox Center"]
    assert index_dir.is_symlink()
