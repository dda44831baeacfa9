"""Index documents: the rules (`service_document` on a loaded service) and the table reader that follows them.

The reader (`following.load_documents` for the follower, `following.iter_all_documents` for a rebuild) reads
the tables directly, a batch at a time; every document it builds must equal the one the rules give for the
same service loaded through the ORM.
"""

from __future__ import annotations

import operator
import time
import uuid
from datetime import UTC, date, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from directory import geo
from directory.db import utcnow
from directory.listings import models as m
from directory.listings.hours import SCHEDULE_FIELDS
from directory.search import ServiceDocument, following
from directory.search.documents import service_document, service_schedules
from directory.search.vocabulary import SYNONYMS
from tests import factories as f


class Corpus:
    """Services covering the cases the rules distinguish, and the ids of those that must be left out."""

    def __init__(self, session: Session) -> None:
        self.health = f.TaxonomyTermFactory(code="health", name="Health")
        self.clinics = f.TaxonomyTermFactory(code="clinics", name="Clinics", parent=self.health)
        self.free_clinic = f.TaxonomyTermFactory(code="free_clinic", name="Free clinic", parent=self.clinics)
        self.food = f.TaxonomyTermFactory(code="food", name="Food")
        self.pantry = f.TaxonomyTermFactory(code="food_pantry", name="Food pantry", parent=self.food)
        self.uncoded = f.TaxonomyTermFactory(code=None, name="Uncoded", parent=self.food)

        # Two terms (a grandparent chain and a shared parent), two sites in two cities, a stale capacity
        # update, insurance and languages in mixed case.
        self.clinic = f.ServiceFactory(
            name="Eastside Free Clinic",
            alternate_name="Free doctor",
            medicaid=True,
            minimum_age=18,
            accepting_new_clients=True,
            capacity_updated_at=utcnow() - timedelta(days=60),
            assured_date=date(2026, 10, 2),
        )
        for term in (self.free_clinic, self.pantry, self.uncoded):
            f.AttributeFactory(service=self.clinic, taxonomy_term=term)
        east = f.ServiceAtLocationFactory(service=self.clinic, location__latitude=45.52, location__longitude=-122.57)
        f.AddressFactory(location=east.location, city="Portland", postal_code="97215", state_province="or")
        west = f.ServiceAtLocationFactory(service=self.clinic, location__latitude=45.48, location__longitude=-122.80)
        f.AddressFactory(location=west.location, city="Beaverton", postal_code="97005", state_province="OR")
        f.AddressFactory(location=west.location, city="Portland", postal_code="97215", state_province="OR")
        f.LanguageFactory(service=self.clinic, code="ES")
        f.LanguageFactory(service=self.clinic, code="en")
        f.LanguageFactory(service=self.clinic, code="es")
        f.LanguageFactory(service=self.clinic, code=None, name="Sign language")
        f.ScheduleFactory(service=self.clinic, byday="MO", opens_at="17:00", closes_at="21:00")
        # A location schedule is passed over while the service has hours of its own.
        f.ScheduleFactory(service=None, service_id=None, location_id=east.location.id, byday="SA")

        # No site: its service areas take their state from its organization's locations.
        self.hotline = f.ServiceFactory(name="Warmline", accepting_new_clients=False, capacity_updated_at=utcnow())
        office = f.LocationFactory(organization=self.hotline.organization, latitude=None, longitude=None)
        f.AddressFactory(location=office, state_province="or")
        f.ServiceAreaFactory(service=self.hotline, name="Multnomah County")
        f.ServiceAreaFactory(service=self.hotline, name="Clark County, WA")
        f.ServiceAreaFactory(service=self.hotline, name=None)
        f.AttributeFactory(service=self.hotline, taxonomy_term=self.pantry)

        # Hours at the site only; and hours at the location only (which then count).
        self.pantry_service = f.ServiceFactory(name="Tuesday Pantry")
        sal = f.ServiceAtLocationFactory(service=self.pantry_service)
        f.ScheduleFactory(
            service=None,
            service_id=None,
            service_at_location_id=sal.id,
            byday="TU",
            opens_at="13:00",
            closes_at="16:00",
        )
        f.ScheduleFactory(service=None, service_id=None, location_id=sal.location.id, byday="SU")
        self.meals = f.ServiceFactory(name="Hot Meals", status=m.ServiceStatus.TEMPORARILY_CLOSED)
        first = f.ServiceAtLocationFactory(service=self.meals)
        second = f.ServiceAtLocationFactory(service=self.meals)
        f.ScheduleFactory(service=None, service_id=None, location_id=first.location.id, byday="WE")
        f.ScheduleFactory(
            service=None,
            service_id=None,
            location_id=second.location.id,
            freq=None,
            byday=None,
            valid_from=date(2026, 12, 24),
            valid_to=date(2026, 12, 25),
            opens_at="10:00",
            closes_at="14:00",
        )
        # Sites in two states: no default state, so a bare county names nothing.
        f.AddressFactory(location=first.location, state_province="WA")
        f.AddressFactory(location=second.location, state_province="OR")
        f.ServiceAreaFactory(service=self.meals, name="Multnomah County")
        f.ServiceAreaFactory(service=self.meals, name="ZIP codes 97204, 97214")

        # A cycle in the taxonomy's parents ends the chain.
        loop_a = f.TaxonomyTermFactory(code="loop_a", name="Loop A")
        loop_b = f.TaxonomyTermFactory(code="loop_b", name="Loop B", parent=loop_a)
        session.execute(update(m.TaxonomyTerm).where(m.TaxonomyTerm.id == loop_a.id).values(parent_id=loop_b.id))
        session.commit()
        self.looped = f.ServiceFactory(name="Looped")
        f.AttributeFactory(service=self.looped, taxonomy_term=loop_a)

        self.plain = f.ServiceFactory(name="Plain", insurance_accepted=[{"category": "medicare"}, "not a plan"])
        self.retired = f.ServiceFactory(name="Retired", retired=True)
        self.inactive = f.ServiceFactory(name="Inactive", status=m.ServiceStatus.INACTIVE)
        f.AttributeFactory(service=self.retired, taxonomy_term=self.pantry)

    @property
    def visible(self) -> list[uuid.UUID]:
        return [s.id for s in (self.clinic, self.hotline, self.pantry_service, self.meals, self.looped, self.plain)]

    @property
    def hidden(self) -> list[uuid.UUID]:
        return [self.retired.id, self.inactive.id]


@pytest.fixture
def corpus(db_session: Session) -> Corpus:
    return Corpus(db_session)


@pytest.fixture(params=[(500, 900), (2, 3), (1, 1)], ids=["one batch", "small batches", "one at a time"])
def batches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader at its own sizes, and in batches (and IN lists) small enough to split every case."""
    batch_size, in_limit = request.param
    monkeypatch.setattr(following, "BATCH_SIZE", batch_size)
    monkeypatch.setattr(following, "IN_LIMIT", in_limit)


def by_rules(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, ServiceDocument]:
    session.expire_all()  # read every relationship afresh, as committed
    return {service_id: service_document(session.get_one(m.Service, service_id)) for service_id in ids}


@pytest.mark.usefixtures("batches")
def test_reader_documents_equal_the_rules_for_every_visible_service(db_session: Session, corpus: Corpus) -> None:
    expected = by_rules(db_session, corpus.visible)

    loaded = following.load_documents(db_session, [*corpus.hidden, *corpus.visible, uuid.uuid4()])
    rebuilt = list(following.iter_all_documents(db_session))

    assert {doc.id: doc for doc in loaded} == expected
    assert {doc.id: doc for doc in rebuilt} == expected
    assert len(loaded) == len(rebuilt) == len(expected)
    assert [doc.id for doc in rebuilt] == sorted(expected)  # a rebuild reads in id order


def test_a_document_keeps_its_schedule_rows_only_where_an_hour_needs_an_exact_look(
    db_session: Session, corpus: Corpus
) -> None:
    fields = operator.attrgetter(*SCHEDULE_FIELDS)
    docs = by_rules(db_session, corpus.visible)
    kept = [service_id for service_id, doc in docs.items() if doc.schedule]
    assert kept  # the corpus has hours that open within an hour or depend on the date
    for service_id, doc in docs.items():
        rows = service_schedules(db_session.get_one(m.Service, service_id))
        if doc.open_hours == doc.open_hours_sure:
            assert doc.schedule == ()  # every hour it may open in, it is open throughout
        else:
            assert sorted(doc.schedule, key=str) == sorted((fields(row) for row in rows), key=str)


def test_rules_follow_parents_synonyms_sites_and_stale_capacity(db_session: Session, corpus: Corpus) -> None:
    doc = by_rules(db_session, [corpus.clinic.id])[corpus.clinic.id]

    assert doc.taxonomy_codes == ("clinics", "food", "food_pantry", "free_clinic", "health")
    own = {corpus.free_clinic, corpus.pantry, corpus.uncoded}
    assert set(doc.taxonomy_ids) == {str(t.id) for t in (*own, corpus.clinics, corpus.health, corpus.food)}
    names = "Food pantry Food Free clinic Clinics Health Uncoded"  # each name once, nearest first, terms by name
    synonyms = [*SYNONYMS["food_pantry"], *SYNONYMS["free_clinic"]]  # the service's own codes, sorted
    assert doc.taxonomy_text == " ".join([names, *synonyms])
    assert doc.places == "Beaverton 97005 Portland 97215"  # sites south to north, then west to east
    assert doc.cells == tuple(sorted({*geo.cell_tokens(45.52, -122.57), *geo.cell_tokens(45.48, -122.80)}))
    assert doc.coordinates == ((45.48, -122.80), (45.52, -122.57))  # each site, for exact distances
    assert doc.assured_day == (date(2026, 10, 2) - date(1970, 1, 1)).days
    assert doc.languages == ("en", "es")
    assert doc.insurance == ("medicaid", "medicaid_mco")
    assert doc.accepting_new_clients is None  # stated 60 days ago: no longer says anything
    assert doc.min_age == 18
    assert doc.open_hours == ("MO17", "MO18", "MO19", "MO20")  # 17:00-21:00, not the location's Saturday
    assert doc.modified == int(corpus.clinic.last_modified.timestamp())


def test_rules_take_a_default_state_and_the_right_hours(db_session: Session, corpus: Corpus) -> None:
    docs = by_rules(db_session, corpus.visible)

    hotline = docs[corpus.hotline.id]
    assert hotline.areas == ("county:OR:Multnomah", "county:WA:Clark")  # OR from its organization's office
    assert (hotline.places, hotline.cells, hotline.open_hours) == ("", (), ())
    assert hotline.coordinates == ()  # nowhere to measure from
    assert hotline.accepting_new_clients is False
    assert hotline.taxonomy_codes == ("food", "food_pantry")

    assert docs[corpus.pantry_service.id].open_hours == ("TU13", "TU14", "TU15")  # 13:00-16:00
    meals = docs[corpus.meals.id]
    assert meals.status == "temporarily closed"
    assert meals.areas == ("zip:97204", "zip:97214")  # two states at its sites: a bare county names none
    assert {token[:2] for token in meals.open_hours} == {"WE", "TH", "FR"}  # its locations' hours, special days

    assert docs[corpus.looped.id].taxonomy_codes == ("loop_a", "loop_b")
    assert docs[corpus.plain.id].insurance == ("medicare",)


def test_loading_documents_leaves_the_session_as_it_was(db_session: Session, corpus: Corpus) -> None:
    held = db_session.get_one(m.Service, corpus.clinic.id)
    before = set(db_session.identity_map.keys())

    following.load_documents(db_session, corpus.visible)
    list(following.iter_all_documents(db_session))

    assert set(db_session.identity_map.keys()) == before
    assert held in db_session


def test_loading_documents_sees_changes_not_yet_flushed(db_session: Session, corpus: Corpus) -> None:
    db_session.get_one(m.Service, corpus.plain.id).name = "Renamed"

    (doc,) = following.load_documents(db_session, [corpus.plain.id])

    assert doc.name == "Renamed"
    assert db_session.scalar(select(m.Service.name).where(m.Service.id == corpus.plain.id)) == "Renamed"


def test_modified_is_seconds_since_the_epoch_in_utc_whatever_the_machines_time_zone(
    db_session: Session, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    stamp = db_session.get_one(m.Service, corpus.clinic.id).last_modified
    expected = int((stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).timestamp())
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        (doc,) = following.load_documents(db_session, [corpus.clinic.id])
    finally:
        monkeypatch.undo()
        time.tzset()
    assert doc.modified == expected


def test_an_insurance_entry_without_a_category_is_not_indexed_as_one(db_session: Session) -> None:
    service = f.ServiceFactory(insurance_accepted=[{"plan": "Some plan"}, {"category": "medicare"}])
    (doc,) = following.load_documents(db_session, [service.id])
    assert doc.insurance == ("medicare",)


def test_a_document_is_the_same_whatever_order_the_database_gives_its_rows(db_session: Session, corpus: Corpus) -> None:
    """PostgreSQL's planner may hand back a service's terms, sites, addresses and hours in any order."""
    before = service_document(corpus.clinic)
    with db_session.no_autoflush:
        corpus.clinic.attributes.reverse()
        corpus.clinic.service_at_locations.reverse()
        for sal in corpus.clinic.service_at_locations:
            sal.location.addresses.reverse()
        corpus.clinic.schedules.reverse()
        assert service_document(corpus.clinic) == before
    db_session.rollback()
