"""Import HSDS 3.x JSON (nested objects as the HSDS API serves them) into the directory's tables.

Every record is upserted by its id, so importing the same data twice changes nothing. All problems are
collected with file, record and field; if there is any, nothing is written.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Float, Integer, String, Uuid, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.sqltypes import JSON

from directory.db import Base
from directory.eligibility.criteria import criteria_problems
from directory.errors import InvalidInput
from directory.listings import models as m


@dataclass(frozen=True)
class Problem:
    file: str
    record: int | None
    record_id: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record is not None:
            where += f", record {self.record + 1}"
        if self.record_id:
            where += f" (id {self.record_id})"
        return f"{where}, field {self.field}: {self.message}"


class ImportFailed(InvalidInput):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        errors: dict[str, list[str]] = {}
        for problem in self.problems:
            key = f"{problem.file}[{problem.record}].{problem.field}" if problem.record is not None else problem.file
            errors.setdefault(key, []).append(problem.message)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found; nothing was imported.", errors)


@dataclass(frozen=True)
class Child:
    """A nested key of an HSDS object: either an owned collection (relationship) or a linked object."""

    key: str
    kind: str
    relationship: str | None = None  # owned collection on the parent (replaced on import)
    link_column: str | None = None  # for a single nested object: the parent's column pointing at it
    attribute_entity: str | None = None  # attributes: link_entity of the parent


MODELS: dict[str, type[Base]] = {
    "taxonomy": m.Taxonomy,
    "taxonomy_term": m.TaxonomyTerm,
    "attribute": m.Attribute,
    "organization": m.Organization,
    "program": m.Program,
    "location": m.Location,
    "address": m.Address,
    "accessibility": m.Accessibility,
    "service": m.Service,
    "service_at_location": m.ServiceAtLocation,
    "phone": m.Phone,
    "schedule": m.Schedule,
    "language": m.Language,
    "service_area": m.ServiceArea,
    "required_document": m.RequiredDocument,
    "cost_option": m.CostOption,
    "funding": m.Funding,
    "contact": m.Contact,
    "unit": m.Unit,
    "service_capacity": m.ServiceCapacity,
}


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

#: Nested keys that HSDS serves for reading (back-references, change history) and an import ignores.
READ_ONLY_KEYS: dict[str, frozenset[str]] = {
    "service": frozenset({"organization", "program", "metadata", "additional_urls"}),
    "organization": frozenset({"metadata", "services", "organization_identifiers", "additional_websites"}),
    "service_at_location": frozenset({"metadata", "service"}),
}
COMMON_READ_ONLY = frozenset({"metadata"})

#: Extension fields that must be JSON lists.
JSON_LISTS = frozenset({"insurance_accepted", "payment_options"})


@dataclass
class _Context:
    session: Session
    file: str
    problems: list[Problem] = field(default_factory=list)
    references: list[tuple[type[Base], uuid.UUID, int, str | None, str]] = field(default_factory=list)
    record: int | None = None
    record_id: str | None = None

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.record, self.record_id, path, message))


class JsonImporter:
    """Upserts nested HSDS objects into one session; call `finish()` to check references before commit."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.problems: list[Problem] = []
        self.counts: dict[str, int] = {}
        self._seen: dict[tuple[str, uuid.UUID], Base] = {}
        self._references: list[tuple[type[Base], uuid.UUID, str, int | None, str | None, str]] = []

    def import_records(self, kind: str, records: Any, file: str, *, replace: bool = False) -> None:
        """Upsert records of one kind. With `replace`, each record is the whole object: fields and nested lists
        it leaves out are cleared (PUT); without, only what it names changes (import, PATCH)."""
        ctx = _Context(self.session, file)
        if not isinstance(records, list):
            ctx.problem("(top level)", f"must be a JSON array of {kind} objects")
            self.problems.extend(ctx.problems)
            return
        for i, data in enumerate(records):
            ctx.record = i
            ctx.record_id = str(data.get("id")) if isinstance(data, Mapping) and data.get("id") else None
            self._upsert(ctx, kind, data, "", None, replace=replace)
            self.counts[kind] = self.counts.get(kind, 0) + 1
        self.problems.extend(ctx.problems)
        for ref in ctx.references:
            target, value, record, record_id, path = ref
            self._references.append((target, value, file, record, record_id, path))

    def finish(self) -> dict[str, int]:
        """Check that every referenced id exists (in this import or the database); raise if anything is wrong."""
        missing_by_target: dict[type[Base], set[uuid.UUID]] = {}
        for target, value, *_ in self._references:
            if (target.__tablename__, value) not in self._seen:
                missing_by_target.setdefault(target, set()).add(value)
        absent: set[tuple[type[Base], uuid.UUID]] = set()
        for target, ids in missing_by_target.items():
            id_column = target.__table__.c.id
            found = set(self.session.scalars(select(id_column).where(id_column.in_(ids))))
            absent.update((target, i) for i in ids - found)
        for target, value, file, record, record_id, path in self._references:
            if (target, value) in absent:
                kind = target.__tablename__.rstrip("s")
                self.problems.append(Problem(file, record, record_id, path, f"no {kind} with id {value}"))
        if self.problems:
            raise ImportFailed(self.problems)
        return dict(self.counts)

    # -- one object --------------------------------------------------------------------------------

    def _upsert(
        self, ctx: _Context, kind: str, data: Any, path: str, parent_table: str | None, *, replace: bool = False
    ) -> Any:
        here = path or "(record)"
        if not isinstance(data, Mapping):
            ctx.problem(here, f"must be an object ({kind})")
            return None
        model = MODELS[kind]
        prefix = f"{path}." if path else ""
        record_id = _parse_uuid(data.get("id"))
        if record_id is None:
            ctx.problem(f"{prefix}id", "is required and must be a UUID")
            return None
        key = (model.__tablename__, record_id)
        obj = self._seen.get(key) or self.session.get(model, record_id)
        is_new = obj is None
        if obj is None:
            obj = model(id=record_id)
        self._seen[key] = obj

        columns = {c.key: c for c in model.__table__.columns}
        children = {child.key: child for child in CHILDREN.get(kind, ())}
        ignored = READ_ONLY_KEYS.get(kind, COMMON_READ_ONLY)
        for name, value in data.items():
            if name == "id" or name in ignored:
                continue
            if name in children:
                self._child(ctx, obj, children[name], value, f"{prefix}{name}")
            elif name in columns:
                column = columns[name]
                converted, error = _convert(column, value)
                if error:
                    ctx.problem(f"{prefix}{name}", error)
                    continue
                if name == "eligibility_criteria":
                    for problem_path, message in criteria_problems(converted, f"{prefix}{name}").items():
                        ctx.problem(problem_path, message)
                setattr(obj, name, converted)
                for fk in column.foreign_keys:
                    if converted is not None:
                        target = _model_for_table(fk.column.table.name)
                        ctx.references.append((target, converted, ctx.record or 0, ctx.record_id, f"{prefix}{name}"))
            else:
                ctx.problem(f"{prefix}{name}", f"is not a field of an HSDS {kind}")
        given = set(data) | {
            child.link_column for child in children.values() if child.key in data and child.link_column
        }
        for name, column in columns.items():
            required = not column.nullable and column.default is None and name != "id"
            missing = name not in given and not _set_by_parent(kind, column, parent_table)
            if required and (is_new or replace) and missing:
                ctx.problem(f"{prefix}{name}", "is required")
            elif replace and not is_new and missing and name not in ("id", "last_modified"):
                setattr(obj, name, [] if name in JSON_LISTS else _plain_default(column))
        if replace and not is_new:
            for child in children.values():
                if child.key not in data and not child.link_column:
                    self._child(ctx, obj, child, [], f"{prefix}{child.key}")
        if is_new:
            self.session.add(obj)
        return obj

    def _child(self, ctx: _Context, parent: Any, child: Child, value: Any, path: str) -> None:
        if child.link_column:  # a single nested object the parent points at
            if value is None:
                return
            obj = self._upsert(ctx, child.kind, value, path, None)
            if obj is not None:
                setattr(parent, child.link_column, obj.id)
            return
        if value is None:
            value = []
        if not isinstance(value, list):
            ctx.problem(path, f"must be a list of {child.kind} objects")
            return
        items = []
        for i, item in enumerate(value):
            obj = self._upsert(ctx, child.kind, item, f"{path}[{i}]", type(parent).__tablename__)
            if obj is not None:
                items.append(obj)
        if child.relationship:
            setattr(parent, child.relationship, items)
        elif child.attribute_entity:
            for attribute in items:
                attribute.link_id = parent.id
                attribute.link_entity = child.attribute_entity
            keep = {attribute.id for attribute in items}
            stale = self.session.scalars(
                select(m.Attribute).where(
                    m.Attribute.link_id == parent.id,
                    m.Attribute.link_entity == child.attribute_entity,
                )
            )
            for attribute in stale:
                if attribute.id not in keep:
                    self.session.delete(attribute)
        else:  # linked, not owned (an organization's locations)
            owner_column = f"{type(parent).__tablename__.rstrip('s')}_id"
            for obj in items:
                setattr(obj, owner_column, parent.id)


def _plain_default(column: Any) -> Any:
    default = column.default
    return default.arg if default is not None and not callable(default.arg) else None


def _set_by_parent(kind: str, column: Any, parent_table: str | None) -> bool:
    """The key pointing at the parent is filled in from the nesting, so a nested object may leave it out."""
    if parent_table is None:
        return False
    if kind == "attribute" and column.key in ("link_id", "link_entity"):
        return True
    return any(fk.column.table.name == parent_table for fk in column.foreign_keys)


def _model_for_table(table: str) -> type[Base]:
    for model in MODELS.values():
        if model.__tablename__ == table:
            return model
    raise KeyError(table)


def _parse_uuid(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _convert(column: Any, value: Any) -> tuple[Any, str | None]:
    """Convert a JSON value to the column's Python type, or explain what is wrong with it."""
    if value is None or value == "":
        if not column.nullable and column.default is None:
            return None, "is required"
        return (column.default.arg if column.default is not None and not callable(column.default.arg) else None), None
    kind = column.type
    if isinstance(kind, Uuid):
        parsed = _parse_uuid(value)
        return (parsed, None) if parsed else (None, f"must be a UUID, not {value!r}")
    if isinstance(kind, Boolean):
        return (value, None) if isinstance(value, bool) else (None, "must be true or false")
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
            return None, f"must be a whole number, not {value!r}"
        return int(value), None
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None, f"must be a number, not {value!r}"
        return float(value), None
    if isinstance(kind, DateTime):
        try:
            parsed_dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None, f"must be a date-time such as 2026-11-23T09:30:00+00:00, not {value!r}"
        return (parsed_dt if parsed_dt.tzinfo else parsed_dt.replace(tzinfo=UTC)), None
    if isinstance(kind, Date):
        try:
            return date.fromisoformat(str(value)[:10]), None
        except ValueError:
            return None, f"must be a date as YYYY-MM-DD, not {value!r}"
    if isinstance(kind, Enum):
        allowed = list(kind.enums)
        if value not in allowed:
            return None, f"must be one of {', '.join(allowed)}"
        return (kind.enum_class(value) if kind.enum_class else value), None
    if isinstance(kind, JSON):
        if column.key in JSON_LISTS and not isinstance(value, list):
            return None, "must be a list"
        return value, None
    if isinstance(kind, String):
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            return None, "must be text"
        text = str(value).strip()
        if kind.length and len(text) > kind.length:
            return None, f"is too long ({len(text)} characters; at most {kind.length})"
        return text, None
    return value, None


# -- files ------------------------------------------------------------------------------------------

#: Files of a seed folder, in load order: (file name, HSDS object kind).
DIRECTORY_FILES: tuple[tuple[str, str], ...] = (
    ("taxonomies.json", "taxonomy"),
    ("taxonomy_terms.json", "taxonomy_term"),
    ("organizations.json", "organization"),
    ("services.json", "service"),
)


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImportFailed([Problem(str(path), None, None, "(file)", "file not found")]) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportFailed([Problem(str(path), None, None, "(file)", f"not valid JSON: {error}")]) from None


def import_directory_folder(session: Session, folder: Path) -> dict[str, int]:
    """Load an HSDS 3.1 JSON folder (taxonomies, terms, organizations, services) into the session.

    Does not commit; raises ImportFailed (and adds nothing usable) when any record is wrong.
    """
    importer = JsonImporter(session)
    present = [(name, kind) for name, kind in DIRECTORY_FILES if (folder / name).exists()]
    if not present:
        expected = ", ".join(name for name, _ in DIRECTORY_FILES)
        raise ImportFailed([Problem(str(folder), None, None, "(folder)", f"holds none of {expected}")])
    with session.no_autoflush:
        for name, kind in present:
            importer.import_records(kind, read_json(folder / name), str(folder / name))
        return importer.finish()
