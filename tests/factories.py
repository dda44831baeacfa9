"""factory-boy factories for every model, on the scoped session, committing inside the test's transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import factory
from factory.alchemy import SQLAlchemyModelFactory

from directory.db import Session
from directory.listings import models as m


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = Session
        sqlalchemy_session_persistence = "commit"


class TaxonomyFactory(BaseFactory):
    class Meta:
        model = m.Taxonomy

    name = factory.Sequence(lambda n: f"Test taxonomy {n}")
    description = "A taxonomy for tests"
    version = "1"


class TaxonomyTermFactory(BaseFactory):
    class Meta:
        model = m.TaxonomyTerm

    taxonomy_detail = factory.SubFactory(TaxonomyFactory)
    code = factory.Sequence(lambda n: f"term_{n}")
    name = factory.Sequence(lambda n: f"Term {n}")
    description = "A kind of service"
    taxonomy = factory.SelfAttribute("taxonomy_detail.name")


class OrganizationFactory(BaseFactory):
    class Meta:
        model = m.Organization

    name = factory.Sequence(lambda n: f"Neighborhood Services Agency {n}")
    description = "A community agency serving the Portland metro area."
    email = factory.Sequence(lambda n: f"info{n}@example.org")
    website = factory.Sequence(lambda n: f"https://example.org/agency-{n}")


class ProgramFactory(BaseFactory):
    class Meta:
        model = m.Program

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Program {n}")
    description = "A program of the agency."


class LocationFactory(BaseFactory):
    class Meta:
        model = m.Location

    organization = factory.SubFactory(OrganizationFactory)
    location_type = "physical"
    name = factory.Sequence(lambda n: f"Main office {n}")
    latitude = 45.5207
    longitude = -122.6888


class AddressFactory(BaseFactory):
    class Meta:
        model = m.Address

    location = factory.SubFactory(LocationFactory)
    address_1 = factory.Sequence(lambda n: f"{100 + n} SW Main St")
    city = "Portland"
    region = "Multnomah County"
    state_province = "OR"
    postal_code = "97205"
    country = "US"
    address_type = "physical"


class AccessibilityFactory(BaseFactory):
    class Meta:
        model = m.Accessibility
        exclude = ("location",)

    location = factory.SubFactory(LocationFactory)
    location_id = factory.SelfAttribute("location.id")
    description = "Wheelchair accessible entrance"


class ServiceFactory(BaseFactory):
    class Meta:
        model = m.Service

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Community Food Pantry {n}")
    description = "Free groceries once a week for households in the neighborhood."
    status = m.ServiceStatus.ACTIVE
    eligibility_description = "Anyone in need."
    assured_date = date(2026, 10, 1)
    last_modified = factory.LazyFunction(lambda: datetime(2026, 10, 1, 12, 0, tzinfo=UTC))
    eligibility_criteria: Any = None
    insurance_accepted: Any = factory.LazyFunction(list)
    payment_options: Any = factory.LazyFunction(lambda: ["free"])

    class Params:
        adults_only = factory.Trait(
            eligibility_criteria={"all": [{"type": "age", "min": 18}]},
            minimum_age=18,
            eligibility_description="Adults 18 and older.",
        )
        medicaid = factory.Trait(
            insurance_accepted=[{"category": "medicaid"}, {"category": "medicaid_mco", "plans": ["careoregon"]}],
            payment_options=["sliding_fee"],
        )
        retired = factory.Trait(status=m.ServiceStatus.DEFUNCT)


class ServiceAtLocationFactory(BaseFactory):
    class Meta:
        model = m.ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory, organization=factory.SelfAttribute("..service.organization"))


class PhoneFactory(BaseFactory):
    class Meta:
        model = m.Phone
        exclude = ("service",)

    service = factory.SubFactory(ServiceFactory)
    service_id = factory.SelfAttribute("service.id")
    number = factory.Sequence(lambda n: f"503-555-01{n % 100:02d}")
    type = "voice"


class ScheduleFactory(BaseFactory):
    class Meta:
        model = m.Schedule
        exclude = ("service",)

    service = factory.SubFactory(ServiceFactory)
    service_id = factory.SelfAttribute("service.id")
    freq = "WEEKLY"
    byday = "MO,TU,WE,TH,FR"
    opens_at = "09:00"
    closes_at = "17:00"


class LanguageFactory(BaseFactory):
    class Meta:
        model = m.Language
        exclude = ("service",)

    service = factory.SubFactory(ServiceFactory)
    service_id = factory.SelfAttribute("service.id")
    name = "Spanish"
    code = "es"


class ServiceAreaFactory(BaseFactory):
    class Meta:
        model = m.ServiceArea
        exclude = ("service",)

    service = factory.SubFactory(ServiceFactory)
    service_id = factory.SelfAttribute("service.id")
    name = "Multnomah County"


class RequiredDocumentFactory(BaseFactory):
    class Meta:
        model = m.RequiredDocument
        exclude = ("service",)

    service = factory.SubFactory(ServiceFactory)
    service_id = factory.SelfAttribute("service.id")
    document = "Photo ID"


class CostOptionFactory(BaseFactory):
    class Meta:
        model = m.CostOption
        exclude = ("service",)

    service = factory.SubFactory(ServiceFactory)
    service_id = factory.SelfAttribute("service.id")
    option = "Sliding fee"
    currency = "USD"
    amount = 20
    amount_description = "Per visit, based on household income"


class FundingFactory(BaseFactory):
    class Meta:
        model = m.Funding
        exclude = ("organization",)

    organization = factory.SubFactory(OrganizationFactory)
    organization_id = factory.SelfAttribute("organization.id")
    source = "Multnomah County general fund"


class ContactFactory(BaseFactory):
    class Meta:
        model = m.Contact
        exclude = ("organization",)

    organization = factory.SubFactory(OrganizationFactory)
    organization_id = factory.SelfAttribute("organization.id")
    name = factory.Sequence(lambda n: f"Intake coordinator {n}")
    title = "Intake coordinator"
    email = factory.Sequence(lambda n: f"intake{n}@example.org")


class UnitFactory(BaseFactory):
    class Meta:
        model = m.Unit

    name = "beds"


class ServiceCapacityFactory(BaseFactory):
    class Meta:
        model = m.ServiceCapacity
        exclude = ("service",)

    service = factory.SubFactory(ServiceFactory)
    service_id = factory.SelfAttribute("service.id")
    unit = factory.SubFactory(UnitFactory)
    available = 3
    maximum = 40
    updated = factory.LazyFunction(lambda: datetime(2026, 11, 20, 8, 0, tzinfo=UTC))


class AttributeFactory(BaseFactory):
    """A taxonomy term on a service (pass `service=` or `link_id=` and `link_entity=`)."""

    class Meta:
        model = m.Attribute
        exclude = ("service",)

    service = factory.SubFactory(ServiceFactory)
    link_id = factory.SelfAttribute("service.id")
    link_entity = "service"
    link_type = "service_taxonomy"
    taxonomy_term = factory.SubFactory(TaxonomyTermFactory)


class MetadataFactory(BaseFactory):
    class Meta:
        model = m.Metadata

    resource_id = factory.LazyAttribute(lambda o: ServiceFactory().id)
    resource_type = "service"
    last_action_type = "update"
    field_name = "name"
    previous_value = "Old name"
    replacement_value = "New name"
    updated_by = "coordinator@example.org"
