"""The HSDS 3.1 tables the directory keeps, declared once: each kind of record, its model, its file names, and how
HSDS nests one kind of object inside another.

Everything that reads or writes HSDS (the record writer, the CSV and JSON readers, the export) looks tables up
here rather than keeping its own list.
"""

from __future__ import annotations

from dataclasses import dataclass

from directory.db import Base
from directory.listings import models as m


@dataclass(frozen=True)
class HsdsTable:
    """One HSDS 3.1 table: the kind of record it holds (also its datapackage resource name) and its model."""

    kind: str
    model: type[Base]
    #: Its CSV file names: the one the directory writes first, then others HSDS publishers use (the UK profile
    #: ships both `address.csv` and `addresses.csv`).
    files: tuple[str, ...]
    #: Its file in the JSON folder layout (the seed, a JSON export), for the kinds that stand at the top of one.
    json_file: str | None = None

    @property
    def csv_file(self) -> str:
        return self.files[0]


#: In load order: everything a row points at comes before it.
TABLES: tuple[HsdsTable, ...] = (
    HsdsTable("taxonomy", m.Taxonomy, ("taxonomies.csv", "taxonomy.csv"), "taxonomies.json"),
    HsdsTable("taxonomy_term", m.TaxonomyTerm, ("taxonomy_terms.csv", "taxonomy_term.csv"), "taxonomy_terms.json"),
    HsdsTable("organization", m.Organization, ("organizations.csv", "organization.csv"), "organizations.json"),
    HsdsTable("program", m.Program, ("programs.csv", "program.csv")),
    HsdsTable("location", m.Location, ("locations.csv", "location.csv")),
    HsdsTable("service", m.Service, ("services.csv", "service.csv"), "services.json"),
    HsdsTable("service_at_location", m.ServiceAtLocation, ("service_at_location.csv", "service_at_locations.csv")),
    HsdsTable("contact", m.Contact, ("contacts.csv", "contact.csv")),
    HsdsTable("phone", m.Phone, ("phones.csv", "phone.csv")),
    HsdsTable("address", m.Address, ("addresses.csv", "address.csv")),
    HsdsTable("schedule", m.Schedule, ("schedules.csv", "schedule.csv")),
    HsdsTable("accessibility", m.Accessibility, ("accessibility.csv",)),
    HsdsTable("language", m.Language, ("languages.csv", "language.csv")),
    HsdsTable("funding", m.Funding, ("funding.csv",)),
    HsdsTable("service_area", m.ServiceArea, ("service_areas.csv", "service_area.csv")),
    HsdsTable("required_document", m.RequiredDocument, ("required_documents.csv", "required_document.csv")),
    HsdsTable("cost_option", m.CostOption, ("cost_options.csv", "cost_option.csv")),
    HsdsTable("unit", m.Unit, ("units.csv", "unit.csv")),
    HsdsTable("service_capacity", m.ServiceCapacity, ("service_capacity.csv", "service_capacities.csv")),
    HsdsTable("attribute", m.Attribute, ("attributes.csv", "attribute.csv")),
    HsdsTable("metadata", m.Metadata, ("metadata.csv",)),
)

BY_KIND: dict[str, HsdsTable] = {table.kind: table for table in TABLES}
MODELS: dict[str, type[Base]] = {table.kind: table.model for table in TABLES}
_KIND_OF_TABLE: dict[str, str] = {str(table.model.__tablename__): table.kind for table in TABLES}

#: The JSON folder layout, in load order: (file name, kind of the records it holds).
DIRECTORY_FILES: tuple[tuple[str, str], ...] = tuple(
    (table.json_file, table.kind) for table in TABLES if table.json_file is not None
)


def kind_of_table(table: str) -> str:
    """The kind of record a database table holds ("service_capacities" -> "service_capacity"); unknown names as
    they are."""
    return _KIND_OF_TABLE.get(table, table)


def model_for_table(table: str) -> type[Base]:
    return MODELS[_KIND_OF_TABLE[table]]


# -- how HSDS nests objects ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Child:
    """A nested key of an HSDS object: either an owned collection (relationship) or a linked object."""

    key: str
    kind: str
    relationship: str | None = None  # owned collection on the parent (replaced on import)
    link_column: str | None = None  # for a single nested object: the parent's column pointing at it
    attribute_entity: str | None = None  # attributes: link_entity of the parent


def _attributes(entity: str) -> Child:
    return Child("attributes", "attribute", attribute_entity=entity)


CHILDREN: dict[str, tuple[Child, ...]] = {
    "organization": (
        Child("phones", "phone", "phones"),
        Child("programs", "program", "programs"),
        Child("funding", "funding", "funding"),
        Child("contacts", "contact", "contacts"),
        Child("locations", "location"),
        _attributes("organization"),
    ),
    "location": (
        Child("addresses", "address", "addresses"),
        Child("phones", "phone", "phones"),
        Child("schedules", "schedule", "schedules"),
        Child("languages", "language", "languages"),
        Child("accessibility", "accessibility", "accessibility"),
        Child("contacts", "contact", "contacts"),
        _attributes("location"),
    ),
    "service": (
        Child("phones", "phone", "phones"),
        Child("schedules", "schedule", "schedules"),
        Child("service_areas", "service_area", "service_areas"),
        Child("languages", "language", "languages"),
        Child("funding", "funding", "funding"),
        Child("cost_options", "cost_option", "cost_options"),
        Child("required_documents", "required_document", "required_documents"),
        Child("contacts", "contact", "contacts"),
        Child("capacities", "service_capacity", "capacities"),
        Child("service_at_locations", "service_at_location", "service_at_locations"),
        _attributes("service"),
    ),
    "service_at_location": (
        Child("phones", "phone", "phones"),
        Child("schedules", "schedule", "schedules"),
        Child("service_areas", "service_area", "service_areas"),
        Child("contacts", "contact", "contacts"),
        Child("location", "location", link_column="location_id"),
        _attributes("service_at_location"),
    ),
    "phone": (Child("languages", "language", "languages"),),
    "contact": (Child("phones", "phone", "phones"),),
    "service_capacity": (Child("unit", "unit", link_column="unit_id"),),
    "attribute": (Child("taxonomy_term", "taxonomy_term", link_column="taxonomy_term_id"),),
    "taxonomy_term": (Child("taxonomy_detail", "taxonomy", link_column="taxonomy_id"),),
}

#: Nested keys that HSDS serves for reading (back-references, change history) and a write ignores.
READ_ONLY_KEYS: dict[str, frozenset[str]] = {
    "service": frozenset({"organization", "program", "metadata", "additional_urls"}),
    "organization": frozenset({"metadata", "services", "organization_identifiers", "additional_websites"}),
    "service_at_location": frozenset({"metadata", "service"}),
}
COMMON_READ_ONLY = frozenset({"metadata"})

#: Kinds that stand on their own; any other row (a phone, a schedule) describes something and must belong to it.
STANDALONE: frozenset[type[Base]] = frozenset(
    {m.Organization, m.Location, m.Taxonomy, m.TaxonomyTerm, m.Unit, m.Metadata, m.Service, m.Program}
)
