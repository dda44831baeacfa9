"""The directory's tables: Open Referral HSDS 3.1, plus the extensions named in docs/api.md.

Column names follow HSDS field names so that import, export and the read API map one to one.
Extensions live on `Service`: `eligibility_criteria`, `insurance_accepted`, `payment_options`,
`accepting_new_clients`, `wait_weeks`.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    and_,
)
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from directory.db import Base, IdMixin, utcnow


class ServiceStatus(enum.StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"


#: How long a capacity update ("accepting", "waitlist about N weeks", "closed to intake") stays true.
CAPACITY_FRESH_DAYS = 30


def capacity_is_stale(stamped: datetime | None) -> bool:
    """A capacity update older than CAPACITY_FRESH_DAYS no longer says anything (an unstamped value stands)."""
    if stamped is None:
        return False
    if stamped.tzinfo is None:
        stamped = stamped.replace(tzinfo=UTC)
    return utcnow() - stamped > timedelta(days=CAPACITY_FRESH_DAYS)


#: Statuses a member of the public can still act on (a temporarily closed listing says when it reopens).
VISIBLE_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


def _status_type() -> Enum:
    return Enum(
        ServiceStatus,
        native_enum=False,
        length=20,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def _fk(target: str, *, nullable: bool = True, index: bool = True) -> Mapped[Any]:
    return mapped_column(ForeignKey(target, ondelete="CASCADE"), nullable=nullable, index=index)


# --- Taxonomy ---------------------------------------------------------------------------------------


class Taxonomy(IdMixin, Base):
    __tablename__ = "taxonomies"

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    uri: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[str | None] = mapped_column(String(50))

    terms: Mapped[list[TaxonomyTerm]] = relationship(back_populates="taxonomy_detail")


class TaxonomyTerm(IdMixin, Base):
    __tablename__ = "taxonomy_terms"

    code: Mapped[str | None] = mapped_column(String(100), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="SET NULL"), index=True
    )
    taxonomy: Mapped[str | None] = mapped_column(String(200))
    taxonomy_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("taxonomies.id", ondelete="CASCADE"), index=True)
    language: Mapped[str | None] = mapped_column(String(20))
    term_uri: Mapped[str | None] = mapped_column(String(500))

    taxonomy_detail: Mapped[Taxonomy | None] = relationship(back_populates="terms")
    parent: Mapped[TaxonomyTerm | None] = relationship(remote_side="TaxonomyTerm.id", back_populates="children")
    children: Mapped[list[TaxonomyTerm]] = relationship(back_populates="parent", order_by="TaxonomyTerm.name")


class Attribute(IdMixin, Base):
    """A taxonomy term attached to any HSDS object (`link_entity` + `link_id`)."""

    __tablename__ = "attributes"

    link_id: Mapped[uuid.UUID] = mapped_column(index=True)
    link_type: Mapped[str | None] = mapped_column(String(100))
    link_entity: Mapped[str] = mapped_column(String(50))  # nearly always "service": an index would mislead
    taxonomy_term_id: Mapped[uuid.UUID] = _fk("taxonomy_terms.id", nullable=False)
    value: Mapped[str | None] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(String(200))

    taxonomy_term: Mapped[TaxonomyTerm] = relationship(lazy="joined")


# --- Organizations, programs, locations ---------------------------------------------------------------


class Organization(IdMixin, Base):
    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(300), index=True)
    alternate_name: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(500))
    tax_status: Mapped[str | None] = mapped_column(String(100))
    tax_id: Mapped[str | None] = mapped_column(String(100))
    year_incorporated: Mapped[int | None] = mapped_column(Integer)
    legal_status: Mapped[str | None] = mapped_column(String(100))
    logo: Mapped[str | None] = mapped_column(String(500))
    uri: Mapped[str | None] = mapped_column(String(500))
    parent_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )

    services: Mapped[list[Service]] = relationship(back_populates="organization", order_by="Service.name")
    programs: Mapped[list[Program]] = relationship(back_populates="organization", cascade="all, delete-orphan")
    locations: Mapped[list[Location]] = relationship(back_populates="organization", order_by="Location.name")
    phones: Mapped[list[Phone]] = relationship(
        primaryjoin="Organization.id == Phone.organization_id", cascade="all, delete-orphan"
    )
    contacts: Mapped[list[Contact]] = relationship(
        primaryjoin="Organization.id == Contact.organization_id", cascade="all, delete-orphan"
    )
    funding: Mapped[list[Funding]] = relationship(
        primaryjoin="Organization.id == Funding.organization_id", cascade="all, delete-orphan"
    )
    attributes: Mapped[list[Attribute]] = relationship(
        primaryjoin=lambda: and_(
            Organization.id == foreign(Attribute.link_id), Attribute.link_entity == "organization"
        ),
        viewonly=True,
    )


class Program(IdMixin, Base):
    __tablename__ = "programs"

    organization_id: Mapped[uuid.UUID] = _fk("organizations.id", nullable=False)
    name: Mapped[str] = mapped_column(String(300))
    alternate_name: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[Organization] = relationship(back_populates="programs")


class Location(IdMixin, Base):
    __tablename__ = "locations"

    location_type: Mapped[str] = mapped_column(String(20), default="physical")
    url: Mapped[str | None] = mapped_column(String(500))
    organization_id: Mapped[uuid.UUID | None] = _fk("organizations.id")
    name: Mapped[str | None] = mapped_column(String(300))
    alternate_name: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    transportation: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    external_identifier: Mapped[str | None] = mapped_column(String(200))
    external_identifier_type: Mapped[str | None] = mapped_column(String(100))

    organization: Mapped[Organization | None] = relationship(back_populates="locations")
    addresses: Mapped[list[Address]] = relationship(back_populates="location", cascade="all, delete-orphan")
    phones: Mapped[list[Phone]] = relationship(
        primaryjoin="Location.id == Phone.location_id", cascade="all, delete-orphan"
    )
    schedules: Mapped[list[Schedule]] = relationship(
        primaryjoin="Location.id == Schedule.location_id", cascade="all, delete-orphan"
    )
    languages: Mapped[list[Language]] = relationship(
        primaryjoin="Location.id == Language.location_id", cascade="all, delete-orphan"
    )
    accessibility: Mapped[list[Accessibility]] = relationship(cascade="all, delete-orphan")
    contacts: Mapped[list[Contact]] = relationship(
        primaryjoin="Location.id == Contact.location_id", cascade="all, delete-orphan"
    )
    attributes: Mapped[list[Attribute]] = relationship(
        primaryjoin=lambda: and_(Location.id == foreign(Attribute.link_id), Attribute.link_entity == "location"),
        viewonly=True,
    )

    @property
    def physical_address(self) -> Address | None:
        for address in self.addresses:
            if address.address_type in (None, "physical"):
                return address
        return self.addresses[0] if self.addresses else None


class Address(IdMixin, Base):
    __tablename__ = "addresses"

    location_id: Mapped[uuid.UUID | None] = _fk("locations.id")
    attention: Mapped[str | None] = mapped_column(String(200))
    address_1: Mapped[str] = mapped_column(String(300))
    address_2: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    state_province: Mapped[str] = mapped_column(String(100))
    postal_code: Mapped[str] = mapped_column(String(20), index=True)
    country: Mapped[str] = mapped_column(String(2), default="US")
    address_type: Mapped[str] = mapped_column(String(20), default="physical")

    location: Mapped[Location | None] = relationship(back_populates="addresses")


class Accessibility(IdMixin, Base):
    __tablename__ = "accessibility"

    location_id: Mapped[uuid.UUID | None] = _fk("locations.id")
    description: Mapped[str | None] = mapped_column(Text)
    details: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))


# --- Services ------------------------------------------------------------------------------------------


class Service(IdMixin, Base):
    __tablename__ = "services"

    organization_id: Mapped[uuid.UUID] = _fk("organizations.id", nullable=False)
    program_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("programs.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    alternate_name: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(254))
    # Nearly every service is active: an index on status would mislead the planner (migration 0007).
    status: Mapped[ServiceStatus] = mapped_column(_status_type(), default=ServiceStatus.ACTIVE)
    interpretation_services: Mapped[str | None] = mapped_column(Text)
    application_process: Mapped[str | None] = mapped_column(Text)
    fees_description: Mapped[str | None] = mapped_column(Text)
    wait_time: Mapped[str | None] = mapped_column(Text)
    fees: Mapped[str | None] = mapped_column(Text)
    accreditations: Mapped[str | None] = mapped_column(Text)
    eligibility_description: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[float | None] = mapped_column(Float)
    maximum_age: Mapped[float | None] = mapped_column(Float)
    assured_date: Mapped[date | None] = mapped_column(Date)
    assurer_email: Mapped[str | None] = mapped_column(String(254))
    licenses: Mapped[str | None] = mapped_column(Text)
    alert: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    # Extensions to the HSDS service object (docs/api.md).
    eligibility_criteria: Mapped[dict[str, Any] | None] = mapped_column()
    insurance_accepted: Mapped[list[Any]] = mapped_column(default=list)
    payment_options: Mapped[list[Any]] = mapped_column(default=list)
    accepting_new_clients: Mapped[bool | None] = mapped_column(Boolean)
    wait_weeks: Mapped[float | None] = mapped_column(Float)
    capacity_updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organization: Mapped[Organization] = relationship(back_populates="services")
    program: Mapped[Program | None] = relationship()
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    phones: Mapped[list[Phone]] = relationship(
        primaryjoin="Service.id == Phone.service_id", cascade="all, delete-orphan"
    )
    schedules: Mapped[list[Schedule]] = relationship(
        primaryjoin="Service.id == Schedule.service_id", cascade="all, delete-orphan"
    )
    service_areas: Mapped[list[ServiceArea]] = relationship(
        primaryjoin="Service.id == ServiceArea.service_id", cascade="all, delete-orphan"
    )
    languages: Mapped[list[Language]] = relationship(
        primaryjoin="Service.id == Language.service_id", cascade="all, delete-orphan"
    )
    funding: Mapped[list[Funding]] = relationship(
        primaryjoin="Service.id == Funding.service_id", cascade="all, delete-orphan"
    )
    cost_options: Mapped[list[CostOption]] = relationship(cascade="all, delete-orphan")
    required_documents: Mapped[list[RequiredDocument]] = relationship(cascade="all, delete-orphan")
    contacts: Mapped[list[Contact]] = relationship(
        primaryjoin="Service.id == Contact.service_id", cascade="all, delete-orphan"
    )
    capacities: Mapped[list[ServiceCapacity]] = relationship(cascade="all, delete-orphan")
    attributes: Mapped[list[Attribute]] = relationship(
        primaryjoin=lambda: and_(Service.id == foreign(Attribute.link_id), Attribute.link_entity == "service"),
        viewonly=True,
    )

    @property
    def taxonomy_terms(self) -> list[TaxonomyTerm]:
        return [attribute.taxonomy_term for attribute in self.attributes]

    @property
    def capacity_is_stale(self) -> bool:
        return capacity_is_stale(self.capacity_updated_at)

    @property
    def current_accepting_new_clients(self) -> bool | None:
        return None if self.capacity_is_stale else self.accepting_new_clients

    @property
    def current_wait_weeks(self) -> float | None:
        return None if self.capacity_is_stale else self.wait_weeks


class ServiceAtLocation(IdMixin, Base):
    __tablename__ = "service_at_locations"

    service_id: Mapped[uuid.UUID] = _fk("services.id", nullable=False)
    location_id: Mapped[uuid.UUID] = _fk("locations.id", nullable=False)
    description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship()
    phones: Mapped[list[Phone]] = relationship(
        primaryjoin="ServiceAtLocation.id == Phone.service_at_location_id", cascade="all, delete-orphan"
    )
    schedules: Mapped[list[Schedule]] = relationship(
        primaryjoin="ServiceAtLocation.id == Schedule.service_at_location_id", cascade="all, delete-orphan"
    )
    service_areas: Mapped[list[ServiceArea]] = relationship(
        primaryjoin="ServiceAtLocation.id == ServiceArea.service_at_location_id", cascade="all, delete-orphan"
    )
    contacts: Mapped[list[Contact]] = relationship(
        primaryjoin="ServiceAtLocation.id == Contact.service_at_location_id", cascade="all, delete-orphan"
    )
    attributes: Mapped[list[Attribute]] = relationship(
        primaryjoin=lambda: and_(
            ServiceAtLocation.id == foreign(Attribute.link_id), Attribute.link_entity == "service_at_location"
        ),
        viewonly=True,
    )


class Phone(IdMixin, Base):
    __tablename__ = "phones"

    location_id: Mapped[uuid.UUID | None] = _fk("locations.id")
    service_id: Mapped[uuid.UUID | None] = _fk("services.id")
    organization_id: Mapped[uuid.UUID | None] = _fk("organizations.id")
    contact_id: Mapped[uuid.UUID | None] = _fk("contacts.id")
    service_at_location_id: Mapped[uuid.UUID | None] = _fk("service_at_locations.id")
    number: Mapped[str] = mapped_column(String(50))
    extension: Mapped[int | None] = mapped_column(Integer)
    type: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)

    languages: Mapped[list[Language]] = relationship(
        primaryjoin="Phone.id == Language.phone_id", cascade="all, delete-orphan"
    )


class Schedule(IdMixin, Base):
    """Opening hours as RFC 5545 RRULE parts (HSDS 3.1)."""

    __tablename__ = "schedules"

    service_id: Mapped[uuid.UUID | None] = _fk("services.id")
    location_id: Mapped[uuid.UUID | None] = _fk("locations.id")
    service_at_location_id: Mapped[uuid.UUID | None] = _fk("service_at_locations.id")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    dtstart: Mapped[date | None] = mapped_column(Date)
    timezone: Mapped[float | None] = mapped_column(Float)
    until: Mapped[date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)
    wkst: Mapped[str | None] = mapped_column(String(2))
    freq: Mapped[str | None] = mapped_column(String(10))
    interval: Mapped[int | None] = mapped_column(Integer)
    byday: Mapped[str | None] = mapped_column(String(100))
    byweekno: Mapped[str | None] = mapped_column(String(100))
    bymonthday: Mapped[str | None] = mapped_column(String(100))
    byyearday: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    opens_at: Mapped[str | None] = mapped_column(String(8))
    closes_at: Mapped[str | None] = mapped_column(String(8))
    schedule_link: Mapped[str | None] = mapped_column(String(500))
    attending_type: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)


class Language(IdMixin, Base):
    __tablename__ = "languages"

    service_id: Mapped[uuid.UUID | None] = _fk("services.id")
    location_id: Mapped[uuid.UUID | None] = _fk("locations.id")
    phone_id: Mapped[uuid.UUID | None] = _fk("phones.id")
    name: Mapped[str | None] = mapped_column(String(100))
    code: Mapped[str | None] = mapped_column(String(20), index=True)
    note: Mapped[str | None] = mapped_column(Text)


class ServiceArea(IdMixin, Base):
    __tablename__ = "service_areas"

    service_id: Mapped[uuid.UUID | None] = _fk("services.id")
    service_at_location_id: Mapped[uuid.UUID | None] = _fk("service_at_locations.id")
    name: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    extent: Mapped[str | None] = mapped_column(Text)
    extent_type: Mapped[str | None] = mapped_column(String(50))
    uri: Mapped[str | None] = mapped_column(String(500))


class RequiredDocument(IdMixin, Base):
    __tablename__ = "required_documents"

    service_id: Mapped[uuid.UUID | None] = _fk("services.id")
    document: Mapped[str | None] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(String(500))


class CostOption(IdMixin, Base):
    __tablename__ = "cost_options"

    service_id: Mapped[uuid.UUID | None] = _fk("services.id")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    option: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str | None] = mapped_column(String(3))
    amount: Mapped[float | None] = mapped_column(Float)
    amount_description: Mapped[str | None] = mapped_column(Text)


class Funding(IdMixin, Base):
    __tablename__ = "funding"

    organization_id: Mapped[uuid.UUID | None] = _fk("organizations.id")
    service_id: Mapped[uuid.UUID | None] = _fk("services.id")
    source: Mapped[str | None] = mapped_column(Text)


class Contact(IdMixin, Base):
    __tablename__ = "contacts"

    organization_id: Mapped[uuid.UUID | None] = _fk("organizations.id")
    service_id: Mapped[uuid.UUID | None] = _fk("services.id")
    service_at_location_id: Mapped[uuid.UUID | None] = _fk("service_at_locations.id")
    location_id: Mapped[uuid.UUID | None] = _fk("locations.id")
    name: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))

    phones: Mapped[list[Phone]] = relationship(
        primaryjoin="Contact.id == Phone.contact_id", cascade="all, delete-orphan"
    )


class Unit(IdMixin, Base):
    __tablename__ = "units"

    name: Mapped[str] = mapped_column(String(100))
    scheme: Mapped[str | None] = mapped_column(String(100))
    identifier: Mapped[str | None] = mapped_column(String(100))
    uri: Mapped[str | None] = mapped_column(String(500))


class ServiceCapacity(IdMixin, Base):
    __tablename__ = "service_capacities"

    service_id: Mapped[uuid.UUID] = _fk("services.id", nullable=False)
    unit_id: Mapped[uuid.UUID] = _fk("units.id", nullable=False)
    available: Mapped[float] = mapped_column(Float)
    maximum: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str | None] = mapped_column(Text)
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    unit: Mapped[Unit] = relationship(lazy="joined")


class Metadata(IdMixin, Base):
    """HSDS `metadata`: the field-level change log (who changed which field of what, from what to what)."""

    __tablename__ = "metadata"

    resource_id: Mapped[uuid.UUID] = mapped_column(index=True)
    resource_type: Mapped[str] = mapped_column(String(50))
    last_action_date: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_action_type: Mapped[str] = mapped_column(String(20))
    field_name: Mapped[str] = mapped_column(String(100))
    previous_value: Mapped[str] = mapped_column(Text, default="")
    replacement_value: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(254))


class ListingChange(Base):
    """The ordered change log that every search index follows.

    One row per service whose searchable content may have changed, written in the same transaction as the
    change (see directory/listings/changes.py). Each index applies the rows after the last one it applied.
    """

    __tablename__ = "listing_changes"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    service_id: Mapped[uuid.UUID] = mapped_column(index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SuggestionStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Suggestion(IdMixin, Base):
    """A correction proposed by a member of the public, waiting for a coordinator's review.

    Nothing identifies who sent it: `source` is a keyed hash of their network address and the day, kept only
    to limit how many suggestions one source can send.
    """

    __tablename__ = "suggestions"

    service_id: Mapped[uuid.UUID] = _fk("services.id", nullable=False)
    field: Mapped[str] = mapped_column(String(50))
    proposed: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    status: Mapped[SuggestionStatus] = mapped_column(
        Enum(SuggestionStatus, native_enum=False, length=20, values_callable=lambda ms: [m.value for m in ms]),
        default=SuggestionStatus.PENDING,
        index=True,
    )
    reviewed_by: Mapped[str | None] = mapped_column(String(254))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    source: Mapped[str] = mapped_column(String(64), index=True)

    service: Mapped[Service] = relationship()


class SharedList(Base):
    """Services shared as one short link (`/s/<code>`): which services, in which order, and the day it was made.

    Nothing else, by design: no note, no profile, no user, no address. The code is derived from the ids (the
    same list shared twice is one row), so a row says nothing about who shared it or how often.
    """

    __tablename__ = "shared_lists"

    code: Mapped[str] = mapped_column(String(52), primary_key=True)
    service_ids: Mapped[list[Any]] = mapped_column()  # the services' ids as text, in the order shared
    created_on: Mapped[date] = mapped_column(Date)
