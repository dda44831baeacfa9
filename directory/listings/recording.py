"""Field history written from the flush: whoever writes a listing, the HSDS `metadata` table says which field of
which service or organization changed, from what to what, who did it and when.

The pattern is SQLAlchemy's `versioned_history` example: session events, not each write path, do the recording.
A unit of work that should leave history names its author with `record_as`; the imports, the write API, the
coordinators' pages and approved suggestions all do. Then, at each flush:

- before it, every service and organization the flush is about to change (directly, or through a row that belongs
  to it: a phone, an address, hours, a category...) is read as the API serves it, from the database as it stands;
- after it, each is read again, and one `metadata` row is written per field whose value differs (a field holding a
  list: the whole list, old and new). A listing the flush creates gets one row, its name, marked "create".

Both reads go through a session of their own on the same connection, so the writer's objects are left as they are
and nothing is read from memory that the database has not seen; the rows are written in the same transaction, so
they commit or roll back with the change. What a flush touches is all that is held, so an import of any size is
recorded in the memory of one batch. Sessions that name no author (factories in tests, benchmark loaders) record
nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from marshmallow import Schema
from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from directory.listings import models as m
from directory.listings import operations
from directory.listings.changes import SERVICE_CHILDREN
from directory.listings.schemas import OrganizationSchema, ServiceSchema

#: Keys that change on every write or are history themselves: not recorded as field changes.
UNTRACKED = frozenset({"last_modified", "metadata", "organization", "program"})

#: `session.info` keys: who is writing and what they call it; the listings as they were before this flush.
_AUTHOR = "directory.history_author"
_BEFORE = "directory.history_before"
#: What `_BEFORE` holds for a listing the flush creates.
_NEW: dict[str, Any] = {}

#: A listing as history knows it: ("service" or "organization", its id).
Resource = tuple[str, uuid.UUID]

#: Rows read per query when many listings are read at once (an import).
_BATCH = 500


def record_as(session: Session, who: str, *, action: str | None = None) -> None:
    """Record the field history of what this session's transaction writes, as `who` (until it commits or rolls
    back). `action` names the change ("delete" for retiring a listing); by default a listing that did not exist
    before is a "create" and one that did an "update"."""
    session.info[_AUTHOR] = (who, action)


def remember(session: Session, kind: str, resource_id: uuid.UUID, document: Mapping[str, Any] | None) -> None:
    """The listing as it is before the next flush (None: there is none yet), already read by the writer, so it is
    not read twice."""
    session.info.setdefault(_BEFORE, {}).setdefault((kind, resource_id), _NEW if document is None else document)


def plain(value: Any) -> str:
    """A field's value as `metadata` stores it: text as it is, anything else as JSON."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """(field, old, new) of each tracked field whose value differs, by field name."""
    for name in sorted((set(before) | set(after)) - UNTRACKED):
        old, new = before.get(name), after.get(name)
        if old != new:
            yield name, old, new


# -- reading listings as the API serves them ------------------------------------------------------------------


#: How each kind of listing is read whole and dumped as the API serves it.
_READERS: dict[str, tuple[type[Any], Callable[[], list[Any]], type[Schema]]] = {
    "service": (m.Service, operations.full_service_options, ServiceSchema),
    "organization": (m.Organization, operations.full_organization_options, OrganizationSchema),
}


def _documents(session: Session, kind: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    model, options, schema = _READERS[kind]
    dump = schema().dump
    return {row.id: dump(row) for row in session.scalars(select(model).where(model.id.in_(ids)).options(*options()))}


def _read(session: Session, resources: Iterable[Resource]) -> dict[Resource, dict[str, Any]]:
    """The documents of these listings as the database holds them in the session's transaction (absent: gone)."""
    wanted: dict[str, list[uuid.UUID]] = {}
    for kind, resource_id in resources:
        wanted.setdefault(kind, []).append(resource_id)
    found: dict[Resource, dict[str, Any]] = {}
    if not wanted:
        return found
    with Session(bind=session.connection(), join_transaction_mode="create_savepoint", autoflush=False) as reader:
        for kind, ids in wanted.items():
            for start in range(0, len(ids), _BATCH):
                for resource_id, document in _documents(reader, kind, ids[start : start + _BATCH]).items():
                    found[(kind, resource_id)] = document
    return found


# -- what a flush touches -----------------------------------------------------------------------------------------

#: Rows that are part of a service's or an organization's document, by the column naming their owner.
_OWNED_BY_COLUMN = (*SERVICE_CHILDREN, m.Program)


class _Owners:
    """The listings that a set of changed rows belong to."""

    def __init__(self) -> None:
        self.services: set[uuid.UUID] = set()
        self.organizations: set[uuid.UUID] = set()
        self.locations: set[uuid.UUID] = set()
        self.sites: set[uuid.UUID] = set()

    def add(self, obj: Any) -> None:
        if isinstance(obj, m.Service):
            self.services.add(obj.id)
        elif isinstance(obj, m.Organization):
            self.organizations.add(obj.id)
        elif isinstance(obj, m.Location):
            self.locations.add(obj.id)
        elif isinstance(obj, m.Address | m.Accessibility):
            self._add(self.locations, obj.location_id)
        elif isinstance(obj, m.Attribute):
            into = {"service": self.services, "organization": self.organizations, "location": self.locations}
            self._add(into.get(obj.link_entity or "", set()), obj.link_id)
        elif isinstance(obj, _OWNED_BY_COLUMN):
            self._add(self.services, getattr(obj, "service_id", None))
            self._add(self.organizations, getattr(obj, "organization_id", None))
            self._add(self.locations, getattr(obj, "location_id", None))
            self._add(self.sites, getattr(obj, "service_at_location_id", None))

    @staticmethod
    def _add(into: set[uuid.UUID], value: uuid.UUID | None) -> None:
        if value is not None:
            into.add(value)

    def resources(self, session: Session) -> set[Resource]:
        """Services (including those offered at a changed place or site) and organizations."""
        services = set(self.services)
        with session.no_autoflush:
            if self.locations:
                services.update(
                    session.scalars(
                        select(m.ServiceAtLocation.service_id).where(
                            m.ServiceAtLocation.location_id.in_(self.locations)
                        )
                    )
                )
            if self.sites:
                services.update(
                    session.scalars(
                        select(m.ServiceAtLocation.service_id).where(m.ServiceAtLocation.id.in_(self.sites))
                    )
                )
        return {("service", i) for i in services if i is not None} | {("organization", i) for i in self.organizations}


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if _AUTHOR not in session.info:
        return
    owners = _Owners()
    created: set[uuid.UUID] = set()
    for obj in session.new:
        owners.add(obj)
        if isinstance(obj, m.Service | m.Organization):
            created.add(obj.id)
    for obj in [*session.dirty, *session.deleted]:
        if obj in session.deleted or (session.is_modified(obj) and not _only_untracked_changed(obj)):
            owners.add(obj)
    before: dict[Resource, dict[str, Any]] = session.info.setdefault(_BEFORE, {})
    unread = [resource for resource in owners.resources(session) if resource not in before]
    for resource in unread:
        before[resource] = _NEW  # unless the database has it
    before.update(_read(session, (resource for resource in unread if resource[1] not in created)))


def _only_untracked_changed(obj: Any) -> bool:
    """Whether all that changed in a row is what history does not record (a listing's `last_modified` stamp), so
    reading its listing before and after would only find nothing to write."""
    state = inspect(obj)
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    return bool(changed) and changed <= UNTRACKED


def _after_flush(session: Session, _context: Any) -> None:
    """Each listing the flush changed, read again; its changed fields written to `metadata` (straight into the
    table: a flush takes no new objects now)."""
    before: dict[Resource, dict[str, Any]] | None = session.info.pop(_BEFORE, None)
    author = session.info.get(_AUTHOR)
    if not before or author is None:
        return
    rows = [*_creations(session, [r for r, old in before.items() if old is _NEW], author)]
    changed = {resource: old for resource, old in before.items() if old is not _NEW}
    after = _read(session, changed)
    for resource, old in changed.items():
        rows.extend(_changes(resource, old, after.get(resource), author))
    if rows:
        session.connection().execute(insert(m.Metadata), rows)


def _row(resource: Resource, action: str, name: str, old: Any, new: Any, who: str) -> dict[str, Any]:
    kind, resource_id = resource
    return {
        "resource_id": resource_id,
        "resource_type": kind,
        "last_action_type": action,
        "field_name": name,
        "previous_value": plain(old),
        "replacement_value": plain(new),
        "updated_by": who,
    }


def _creations(session: Session, created: list[Resource], author: tuple[str, str | None]) -> Iterator[dict[str, Any]]:
    """One row for each listing created: its name (a record skipped and undone since has none)."""
    who, action = author
    for kind in ("service", "organization"):
        ids = [resource_id for of_kind, resource_id in created if of_kind == kind]
        model = _READERS[kind][0]
        for start in range(0, len(ids), _BATCH):
            query = select(model.id, model.name).where(model.id.in_(ids[start : start + _BATCH]))
            for resource_id, name in session.connection().execute(query):
                yield _row((kind, resource_id), action or "create", "name", None, name, who)


def _changes(
    resource: Resource, old: dict[str, Any], new: dict[str, Any] | None, author: tuple[str, str | None]
) -> Iterator[dict[str, Any]]:
    who, action = author
    done = action or ("delete" if new is None else "update")
    for name, previous, replacement in changed_fields(old, new or {}):
        yield _row(resource, done, name, previous, replacement, who)


def _forget(session: Session) -> None:
    session.info.pop(_AUTHOR, None)
    session.info.pop(_BEFORE, None)


def _forget_after_commit(session: Session) -> None:
    if not session.in_nested_transaction():  # the whole transaction, not a savepoint inside it
        _forget(session)


def _forget_after_rollback(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint inside it
        _forget(session)


def install() -> None:
    """Listen on every ORM session (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush_postexec", _after_flush)
        event.listen(Session, "after_commit", _forget_after_commit)
        event.listen(Session, "after_soft_rollback", _forget_after_rollback)
