"""The Frictionless description of the directory's HSDS 3.1 CSV datapackage: each resource with the HSDS field
order, types, formats and constraints, and the `datapackage.json` that lists them.

Which tables there are, their models and their file names come from the catalogue (`directory.listings.catalogue`);
this module adds what only a CSV package says about them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from directory.db import Base
from directory.listings import models as m
from directory.listings.catalogue import BY_KIND


@dataclass(frozen=True)
class Field:
    """One column of a table schema (Frictionless Table Schema)."""

    name: str
    type: str = "string"
    format: str | None = None
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()
    empty_is_text: bool = False  # a required text column the directory may hold as "" (written with missingValues [])

    def descriptor(self) -> dict[str, Any]:
        described: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.format:
            described["format"] = self.format
        constraints: dict[str, Any] = {"required": self.required, "unique": self.unique}
        if self.enum:
            constraints["enum"] = list(self.enum)
        described["constraints"] = constraints
        if self.empty_is_text:
            described["missingValues"] = []
        return described


@dataclass(frozen=True)
class Table:
    """One resource of the datapackage and the database table its rows come from."""

    name: str  # the HSDS resource name
    path: str  # the CSV file in the package
    model: type[Base]
    fields: tuple[Field, ...]
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (field, HSDS resource whose id it holds)
    title: str = ""
    key: str = ""  # its entry in the counts; the database table's name unless given

    @property
    def count_key(self) -> str:
        return self.key or str(self.model.__tablename__)

    def descriptor(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"fields": [f.descriptor() for f in self.fields], "primaryKey": "id"}
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": column, "reference": {"resource": resource, "fields": "id"}}
                for column, resource in self.foreign_keys
            ]
        resource: dict[str, Any] = {"name": self.name, "path": self.path}
        if self.title:
            resource["title"] = self.title
        resource.update(
            {
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": schema,
            }
        )
        return resource


_FORMATTED = {"uuid", "email", "uri"}  # string formats
_TYPES = {"number", "date", "datetime", "time", "boolean", "object", "array"}


def _fields(model: type[Base], spec: str, **enums: Sequence[str]) -> tuple[Field, ...]:
    """Fields from a compact spec: `name[:kind][!][+]`, kind a string format or a type, `!` required, `+` unique.

    A required text column whose database default is "" is marked `empty_is_text`, so that an empty description
    is written as the empty text it is rather than read back as a missing value.
    """
    columns = model.__table__.columns
    fields = []
    for token in spec.split():
        required, unique = "!" in token, "+" in token
        name, _, kind = token.rstrip("!+").partition(":")
        if kind and kind not in _FORMATTED | _TYPES:
            raise ValueError(f"unknown kind {kind!r} in {token!r}")
        field_type = kind if kind in _TYPES else "string"
        column = columns.get(name)
        if column is None:
            raise ValueError(f"{model.__tablename__} has no column {name!r}")
        default = getattr(column.default, "arg", None)
        fields.append(
            Field(
                name,
                field_type,
                kind if kind in _FORMATTED else None,
                required,
                unique,
                tuple(enums.get(name, ())),
                empty_is_text=required and field_type == "string" and not kind and default == "",
            )
        )
    return tuple(fields)


def _hsds(kind: str, spec: str, foreign_keys: tuple[tuple[str, str], ...] = (), **enums: Sequence[str]) -> Table:
    """The resource of an HSDS table of the catalogue, its fields from a compact spec (see `_fields`)."""
    table = BY_KIND[kind]
    return Table(kind, table.csv_file, table.model, _fields(table.model, spec, **enums), foreign_keys)


_LOCATION_TYPES = ("physical", "postal", "virtual")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

#: The HSDS 3.1 resources the directory holds, in the order of the official datapackage.json, with its field
#: order, types, formats and constraints. Three deliberate departures from that file, each needed for a package
#: `frictionless validate` accepts: `program.organization_id` is not unique (an organization may run several
#: programs); `service_capacity` and `unit` list their fields from HSDS's service_capacity.json and unit.json
#: (the official descriptor gives them a primary key `id` without the field, which Frictionless refuses); and
#: required text columns that may be empty carry `missingValues: []` (see `_fields`).
HSDS_TABLES: tuple[Table, ...] = (
    _hsds(
        "organization",
        "id:uuid!+ name! alternate_name description! email:email website:uri tax_status tax_id "
        "year_incorporated:number legal_status logo uri:uri parent_organization_id:uuid",
    ),
    _hsds(
        "program",
        "id:uuid!+ organization_id:uuid! name! alternate_name description!",
        (("organization_id", "organization"),),
    ),
    _hsds(
        "service",
        "id:uuid!+ organization_id:uuid! program_id:uuid name! alternate_name description url:uri email:email "
        "status! interpretation_services application_process fees_description wait_time fees accreditations "
        "eligibility_description minimum_age:number maximum_age:number assured_date:date assurer_email:email "
        "licenses alert last_modified:datetime",
        (("organization_id", "organization"), ("program_id", "program")),
        status=[status.value for status in m.ServiceStatus],
    ),
    _hsds(
        "attribute",
        "id:uuid!+ link_id:uuid! taxonomy_term_id:uuid! link_type link_entity! value label",
        (("taxonomy_term_id", "taxonomy_term"),),
    ),
    _hsds(
        "service_at_location",
        "id:uuid!+ service_id:uuid! location_id:uuid! description",
        (("service_id", "service"), ("location_id", "location")),
    ),
    _hsds(
        "location",
        "id:uuid!+ location_type! url:uri organization_id:uuid name alternate_name description transportation "
        "latitude:number longitude:number external_identifier external_identifier_type",
        (("organization_id", "organization"),),
        location_type=_LOCATION_TYPES,
    ),
    _hsds(
        "phone",
        "id:uuid!+ location_id:uuid service_id:uuid organization_id:uuid contact_id:uuid "
        "service_at_location_id:uuid number! extension:number type description",
        (
            ("contact_id", "contact"),
            ("location_id", "location"),
            ("organization_id", "organization"),
            ("service_id", "service"),
            ("service_at_location_id", "service_at_location"),
        ),
    ),
    _hsds(
        "contact",
        "id:uuid!+ organization_id:uuid service_id:uuid service_at_location_id:uuid location_id:uuid name title "
        "department email:email",
        (
            ("location_id", "location"),
            ("organization_id", "organization"),
            ("service_id", "service"),
            ("service_at_location_id", "service_at_location"),
        ),
    ),
    _hsds(
        "address",
        "id:uuid!+ location_id:uuid attention address_1! address_2 city! region state_province! postal_code! "
        "country! address_type!",
        (("location_id", "location"),),
        address_type=_LOCATION_TYPES,
    ),
    _hsds(
        "schedule",
        "id:uuid!+ service_id:uuid location_id:uuid service_at_location_id:uuid valid_from:date valid_to:date "
        "dtstart:date timezone:number until:date count:number wkst freq interval:number byday byweekno "
        "bymonthday byyearday description opens_at:time closes_at:time schedule_link:uri attending_type notes",
        (("location_id", "location"), ("service_id", "service"), ("service_at_location_id", "service_at_location")),
        wkst=_WEEKDAYS,
        freq=("WEEKLY", "MONTHLY"),
    ),
    _hsds(
        "funding",
        "id:uuid!+ organization_id:uuid service_id:uuid source",
        (("organization_id", "organization"), ("service_id", "service")),
    ),
    _hsds(
        "service_area",
        "id:uuid!+ service_id:uuid service_at_location_id:uuid name description extent extent_type uri",
        (("service_id", "service"), ("service_at_location_id", "service_at_location")),
    ),
    _hsds(
        "required_document",
        "id:uuid!+ service_id:uuid document uri:uri",
        (("service_id", "service"),),
    ),
    _hsds(
        "language",
        "id:uuid!+ service_id:uuid location_id:uuid phone_id:uuid name code note",
        (("location_id", "location"), ("phone_id", "phone"), ("service_id", "service")),
    ),
    _hsds(
        "accessibility",
        "id:uuid!+ location_id:uuid description details url:uri",
        (("location_id", "location"),),
    ),
    _hsds(
        "taxonomy_term",
        "id:uuid!+ code+ name! description! parent_id:uuid taxonomy language taxonomy_id:uuid term_uri:uri",
        (("taxonomy_id", "taxonomy"),),
    ),
    _hsds(
        "metadata",
        "id:uuid!+ resource_id:uuid! resource_type! last_action_date:date! last_action_type! field_name! "
        "previous_value! replacement_value! updated_by!",
    ),
    _hsds(
        "cost_option",
        "id:uuid!+ service_id:uuid! valid_from:date valid_to:date option currency amount:number amount_description",
        (("service_id", "service"),),
    ),
    _hsds("taxonomy", "id:uuid!+ name! description! uri:uri version"),
    _hsds(
        "service_capacity",
        "id:uuid!+ service_id:uuid! unit_id:uuid! available:number! maximum:number description updated:datetime!",
        (("service_id", "service"), ("unit_id", "unit")),
    ),
    _hsds("unit", "id:uuid!+ name! scheme identifier uri:uri"),
)

#: The directory's extension fields of a service (spec/api.md), one row per service. `id` is the service's id.
EXTENSIONS_TABLE = Table(
    "service_extensions",
    "service_extensions.csv",
    m.Service,
    (
        Field("id", format="uuid", required=True, unique=True),
        Field("service_id", format="uuid", required=True, unique=True),
        Field("eligibility_criteria", "object"),
        Field("insurance_accepted", "array", required=True),
        Field("payment_options", "array", required=True),
        Field("accepting_new_clients", "boolean"),
        Field("wait_weeks", "number"),
        Field("capacity_updated_at", "datetime"),
    ),
    (("service_id", "service"),),
    title="Community directory extensions to HSDS services (not part of HSDS)",
    key="service_extensions",
)


def datapackage_descriptor() -> dict[str, Any]:
    """The datapackage.json of a CSV export."""
    return {
        "profile": "tabular-data-package",
        "name": "human_services_data",
        "title": "Human Services Data Specification 3.1 export of the community resource directory",
        "description": (
            "Every organization, service, location and taxonomy of the directory as Open Referral HSDS 3.1 tables. "
            "service_extensions.csv holds the directory's own service fields, which are not part of HSDS."
        ),
        "version": "3.1.0",
        "homepage": "https://docs.openreferral.org",
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "resources": [table.descriptor() for table in (*HSDS_TABLES, EXTENSIONS_TABLE)],
    }
