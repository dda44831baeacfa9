"""Marshmallow schemas: HSDS 3.1 output shapes, and the query strings of the read API.

Output schemas leave out null values (HSDS's JSON Schemas do not allow null), except for the directory's
own extension fields, whose null means "not known".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from marshmallow import Schema, fields, post_dump, post_load, pre_load, validate

from directory.geo import ZIP_PATTERN
from directory.listings.models import ServiceStatus

#: The one check of a ZIP code that every schema uses (problems.py turns its message into words for pages).
ZIP_CODE = validate.Regexp(ZIP_PATTERN, error="must be a 5-digit US ZIP code")

EXTENSION_FIELDS = (
    "eligibility_criteria",
    "insurance_accepted",
    "payment_options",
    "accepting_new_clients",
    "wait_weeks",
)


class Number(fields.Float):
    """A number that prints as an integer when it is whole (18, not 18.0)."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        if value is None:
            return None
        number = float(value)
        return int(number) if number.is_integer() else number


class Instant(fields.DateTime):
    """An ISO 8601 instant that always carries its offset (SQLite returns naive UTC datetimes)."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.isoformat()


class OutputSchema(Schema):
    keep_nulls: tuple[str, ...] = ()

    @post_dump
    def _drop_nulls(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {key: value for key, value in data.items() if value is not None or key in self.keep_nulls}


class TaxonomySchema(OutputSchema):
    id = fields.UUID()
    name = fields.String()
    description = fields.String()
    uri = fields.String()
    version = fields.String()


class TaxonomyTermSchema(OutputSchema):
    id = fields.UUID()
    code = fields.String()
    name = fields.String()
    description = fields.String()
    parent_id = fields.UUID()
    taxonomy = fields.String()
    taxonomy_id = fields.UUID()
    language = fields.String()
    term_uri = fields.String()
    taxonomy_detail = fields.Nested(TaxonomySchema)


class AttributeSchema(OutputSchema):
    id = fields.UUID()
    link_id = fields.UUID()
    link_type = fields.String()
    link_entity = fields.String()
    taxonomy_term_id = fields.UUID()
    value = fields.String()
    label = fields.String()
    taxonomy_term = fields.Nested(TaxonomyTermSchema, exclude=("taxonomy_detail",))


class LanguageSchema(OutputSchema):
    id = fields.UUID()
    service_id = fields.UUID()
    location_id = fields.UUID()
    phone_id = fields.UUID()
    name = fields.String()
    code = fields.String()
    note = fields.String()


class PhoneSchema(OutputSchema):
    id = fields.UUID()
    location_id = fields.UUID()
    service_id = fields.UUID()
    organization_id = fields.UUID()
    contact_id = fields.UUID()
    service_at_location_id = fields.UUID()
    number = fields.String()
    extension = Number()
    type = fields.String()
    description = fields.String()
    languages = fields.List(fields.Nested(LanguageSchema))


class ScheduleSchema(OutputSchema):
    id = fields.UUID()
    service_id = fields.UUID()
    location_id = fields.UUID()
    service_at_location_id = fields.UUID()
    valid_from = fields.Date()
    valid_to = fields.Date()
    dtstart = fields.Date()
    timezone = Number()
    until = fields.Date()
    count = Number()
    wkst = fields.String()
    freq = fields.String()
    interval = Number()
    byday = fields.String()
    byweekno = fields.String()
    bymonthday = fields.String()
    byyearday = fields.String()
    description = fields.String()
    opens_at = fields.String()
    closes_at = fields.String()
    schedule_link = fields.String()
    attending_type = fields.String()
    notes = fields.String()


class ServiceAreaSchema(OutputSchema):
    id = fields.UUID()
    service_id = fields.UUID()
    service_at_location_id = fields.UUID()
    name = fields.String()
    description = fields.String()
    extent = fields.String()
    extent_type = fields.String()
    uri = fields.String()


class ContactSchema(OutputSchema):
    id = fields.UUID()
    organization_id = fields.UUID()
    service_id = fields.UUID()
    service_at_location_id = fields.UUID()
    location_id = fields.UUID()
    name = fields.String()
    title = fields.String()
    department = fields.String()
    email = fields.String()
    phones = fields.List(fields.Nested(PhoneSchema))


class AddressSchema(OutputSchema):
    id = fields.UUID()
    location_id = fields.UUID()
    attention = fields.String()
    address_1 = fields.String()
    address_2 = fields.String()
    city = fields.String()
    region = fields.String()
    state_province = fields.String()
    postal_code = fields.String()
    country = fields.String()
    address_type = fields.String()


class AccessibilitySchema(OutputSchema):
    id = fields.UUID()
    location_id = fields.UUID()
    description = fields.String()
    details = fields.String()
    url = fields.String()


class LocationSchema(OutputSchema):
    id = fields.UUID()
    location_type = fields.String()
    url = fields.String()
    organization_id = fields.UUID()
    name = fields.String()
    alternate_name = fields.String()
    description = fields.String()
    transportation = fields.String()
    latitude = fields.Float()
    longitude = fields.Float()
    external_identifier = fields.String()
    external_identifier_type = fields.String()
    languages = fields.List(fields.Nested(LanguageSchema))
    addresses = fields.List(fields.Nested(AddressSchema))
    contacts = fields.List(fields.Nested(ContactSchema))
    accessibility = fields.List(fields.Nested(AccessibilitySchema))
    phones = fields.List(fields.Nested(PhoneSchema))
    schedules = fields.List(fields.Nested(ScheduleSchema))
    attributes = fields.List(fields.Nested(AttributeSchema))


class ServiceAtLocationSchema(OutputSchema):
    id = fields.UUID()
    service_id = fields.UUID()
    location_id = fields.UUID()
    description = fields.String()
    service_areas = fields.List(fields.Nested(ServiceAreaSchema))
    contacts = fields.List(fields.Nested(ContactSchema))
    phones = fields.List(fields.Nested(PhoneSchema))
    schedules = fields.List(fields.Nested(ScheduleSchema))
    location = fields.Nested(LocationSchema)
    attributes = fields.List(fields.Nested(AttributeSchema))


class RequiredDocumentSchema(OutputSchema):
    id = fields.UUID()
    service_id = fields.UUID()
    document = fields.String()
    uri = fields.String()


class CostOptionSchema(OutputSchema):
    id = fields.UUID()
    service_id = fields.UUID()
    valid_from = fields.Date()
    valid_to = fields.Date()
    option = fields.String()
    currency = fields.String()
    amount = Number()
    amount_description = fields.String()


class FundingSchema(OutputSchema):
    id = fields.UUID()
    organization_id = fields.UUID()
    service_id = fields.UUID()
    source = fields.String()


class UnitSchema(OutputSchema):
    id = fields.UUID()
    name = fields.String()
    scheme = fields.String()
    identifier = fields.String()
    uri = fields.String()


class ServiceCapacitySchema(OutputSchema):
    id = fields.UUID()
    service_id = fields.UUID()
    unit = fields.Nested(UnitSchema)
    unit_id = fields.UUID()
    available = Number()
    maximum = Number()
    description = fields.String()
    updated = Instant()


class ProgramSchema(OutputSchema):
    id = fields.UUID()
    organization_id = fields.UUID()
    name = fields.String()
    alternate_name = fields.String()
    description = fields.String()


class OrganizationSummarySchema(OutputSchema):
    id = fields.UUID()
    name = fields.String()
    alternate_name = fields.String()
    description = fields.String()
    email = fields.String()
    website = fields.String()
    tax_status = fields.String()
    tax_id = fields.String()
    year_incorporated = Number()
    legal_status = fields.String()
    logo = fields.String()
    uri = fields.String()
    parent_organization_id = fields.UUID()


class OrganizationSchema(OrganizationSummarySchema):
    funding = fields.List(fields.Nested(FundingSchema))
    contacts = fields.List(fields.Nested(ContactSchema))
    phones = fields.List(fields.Nested(PhoneSchema))
    locations = fields.List(fields.Nested(LocationSchema))
    programs = fields.List(fields.Nested(ProgramSchema))
    attributes = fields.List(fields.Nested(AttributeSchema))


class ServiceSummarySchema(OutputSchema):
    """A service as listed (HSDS `service_list.json`): its own fields with organization and program."""

    keep_nulls = EXTENSION_FIELDS

    id = fields.UUID()
    organization_id = fields.UUID()
    program_id = fields.UUID()
    name = fields.String()
    alternate_name = fields.String()
    description = fields.String()
    url = fields.String()
    email = fields.String()
    status = fields.Enum(ServiceStatus, by_value=True)
    interpretation_services = fields.String()
    application_process = fields.String()
    fees_description = fields.String()
    wait_time = fields.String()
    fees = fields.String()
    accreditations = fields.String()
    eligibility_description = fields.String()
    minimum_age = Number()
    maximum_age = Number()
    assured_date = fields.Date()
    assurer_email = fields.String()
    licenses = fields.String()
    alert = fields.String()
    last_modified = Instant()
    organization = fields.Nested(OrganizationSummarySchema)
    program = fields.Nested(ProgramSchema)
    # Extensions
    eligibility_criteria = fields.Dict(allow_none=True, metadata={"description": "who the service is for"})
    insurance_accepted = fields.List(fields.Dict(), metadata={"description": "insurance categories (and plans)"})
    payment_options = fields.List(fields.String(), metadata={"description": "ways to pay besides insurance"})
    accepting_new_clients = fields.Boolean(
        allow_none=True,
        attribute="current_accepting_new_clients",
        metadata={"description": "null: not known, or not confirmed lately"},
    )
    wait_weeks = Number(
        allow_none=True,
        attribute="current_wait_weeks",
        metadata={"description": "weeks a new client waits; null: not known, or not confirmed lately"},
    )
    capacity_updated_at = Instant(
        metadata={"description": "when accepting_new_clients and wait_weeks were last confirmed"}
    )


class ServiceSchema(ServiceSummarySchema):
    """The fully nested service (HSDS `service.json`)."""

    phones = fields.List(fields.Nested(PhoneSchema))
    schedules = fields.List(fields.Nested(ScheduleSchema))
    service_areas = fields.List(fields.Nested(ServiceAreaSchema))
    service_at_locations = fields.List(fields.Nested(ServiceAtLocationSchema))
    languages = fields.List(fields.Nested(LanguageSchema))
    funding = fields.List(fields.Nested(FundingSchema))
    cost_options = fields.List(fields.Nested(CostOptionSchema))
    required_documents = fields.List(fields.Nested(RequiredDocumentSchema))
    contacts = fields.List(fields.Nested(ContactSchema))
    capacities = fields.List(fields.Nested(ServiceCapacitySchema))
    attributes = fields.List(fields.Nested(AttributeSchema))


# -- query strings ---------------------------------------------------------------------------------------


class ArgsSchema(Schema):
    """Query-string schemas: unknown parameters are an error that names them (a typo is not ignored)."""

    @pre_load
    def _strip(self, data: Any, **_: Any) -> Any:
        if hasattr(data, "lists"):  # a MultiDict: a repeated parameter stays a list
            data = {key: values if len(values) > 1 else values[0] for key, values in data.lists()}
        stripped = {key: value.strip() if isinstance(value, str) else value for key, value in data.items()}
        return {key: value for key, value in stripped.items() if value != ""}  # an empty field means "not given"


class PageArgsSchema(ArgsSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1), metadata={"description": "1-based"})
    per_page = fields.Integer(
        load_default=20, validate=validate.Range(min=1, max=100), metadata={"description": "items per page"}
    )


class ListArgsSchema(PageArgsSchema):
    """HSDS's parameters of every list besides paging: `search`, and `format` (only /services streams ndjson)."""

    search = fields.String(
        load_default="",
        validate=validate.Length(max=2000),
        metadata={"description": "words all found in the record's names, code or description (any case)"},
    )
    format = fields.String(load_default="json", validate=validate.OneOf(["json"]))

    @post_load
    def _json_only(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        del data["format"]
        return data


class OrganizationArgsSchema(ListArgsSchema):
    taxonomy_term_id = fields.UUID(metadata={"description": "organizations with a service tagged with this term"})
    taxonomy_id = fields.UUID(
        metadata={"description": "organizations with a service tagged with a term of this taxonomy"}
    )


class TaxonomyTermArgsSchema(ListArgsSchema):
    taxonomy_id = fields.UUID(metadata={"description": "terms of this taxonomy"})
    parent_id = fields.UUID(metadata={"description": "the terms directly under this one"})
    top_only = fields.Boolean(load_default=False, metadata={"description": "only terms with no parent"})


class ServiceMinimalSchema(OutputSchema):
    id = fields.UUID()
    name = fields.String()
    status = fields.Enum(ServiceStatus, by_value=True)
    organization_id = fields.UUID()
    last_modified = Instant()


class ServiceAtLocationListItemSchema(OutputSchema):
    """A service at a location as listed (HSDS `service_at_location_list.json`)."""

    id = fields.UUID()
    service_id = fields.UUID()
    location_id = fields.UUID()
    description = fields.String()
    location = fields.Nested(LocationSchema, only=("id", "location_type", "name", "latitude", "longitude", "addresses"))
    service = fields.Nested(ServiceSummarySchema, only=("id", "name", "status", "organization_id", "description"))
