"""Every model has a factory, rows persist through the session, and each test starts from an empty database."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.listings import models as m
from tests import factories as f

EVERY_FACTORY = [
    (f.TaxonomyFactory, m.Taxonomy),
    (f.TaxonomyTermFactory, m.TaxonomyTerm),
    (f.OrganizationFactory, m.Organization),
    (f.ProgramFactory, m.Program),
    (f.LocationFactory, m.Location),
    (f.AddressFactory, m.Address),
    (f.AccessibilityFactory, m.Accessibility),
    (f.ServiceFactory, m.Service),
    (f.ServiceAtLocationFactory, m.ServiceAtLocation),
    (f.PhoneFactory, m.Phone),
    (f.ScheduleFactory, m.Schedule),
    (f.LanguageFactory, m.Language),
    (f.ServiceAreaFactory, m.ServiceArea),
    (f.RequiredDocumentFactory, m.RequiredDocument),
    (f.CostOptionFactory, m.CostOption),
    (f.FundingFactory, m.Funding),
    (f.ContactFactory, m.Contact),
    (f.UnitFactory, m.Unit),
    (f.ServiceCapacityFactory, m.ServiceCapacity),
    (f.AttributeFactory, m.Attribute),
    (f.MetadataFactory, m.Metadata),
]


def count(session: Session, model: type[m.Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize(("factory", "model"), EVERY_FACTORY, ids=lambda v: getattr(v, "__name__", str(v)))
def test_factory_creates_a_row_that_reads_back(db_session: Session, factory: type, model: type[m.Base]) -> None:
    made = factory()
    db_session.expire_all()
    assert db_session.get(model, made.id) is not None
    assert count(db_session, model) >= 1


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_starts_with_an_empty_database(db_session: Session, run: int) -> None:
    assert count(db_session, m.Service) == 0
    f.ServiceFactory.create_batch(3)
    assert count(db_session, m.Service) == 3


def test_service_lists_its_taxonomy_terms_through_attributes(db_session: Session) -> None:
    service = f.ServiceFactory()
    term = f.TaxonomyTermFactory(code="food_pantry", name="Food pantry")
    f.AttributeFactory(service=service, taxonomy_term=term)
    db_session.expire_all()
    assert [t.code for t in db_session.get(m.Service, service.id).taxonomy_terms] == ["food_pantry"]


def test_deleting_a_service_removes_what_it_owns(db_session: Session) -> None:
    service = f.ServiceFactory()
    f.PhoneFactory(service=service)
    f.RequiredDocumentFactory(service=service)
    f.ServiceCapacityFactory(service=service)
    db_session.delete(service)
    db_session.commit()
    assert count(db_session, m.Phone) == 0
    assert count(db_session, m.RequiredDocument) == 0
    assert count(db_session, m.ServiceCapacity) == 0


def test_status_is_stored_by_its_hsds_value(db_session: Session) -> None:
    service = f.ServiceFactory(status=m.ServiceStatus.TEMPORARILY_CLOSED)
    raw = db_session.execute(select(m.Service.__table__.c.status).where(m.Service.id == service.id)).scalar_one()
    assert raw == "temporarily closed"
