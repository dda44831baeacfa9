"""Writing the change log: whenever a flush touches anything that shapes a service's search document,
a `ListingChange` row for that service is added to the same flush, so it commits (or rolls back) with it.

This is the "index follows commits" mechanism: no write path can forget to tell the index, and a rolled-back
write never reaches it. A session that wrote change rows says so in `session.info[CHANGED]`, so whatever follows
the log (the search index, through its own after-commit hook) knows to catch up once the commit lands; the core
itself never knows who follows.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import event, func, insert, select
from sqlalchemy.orm import Session

from directory.db import IdMixin, new_id
from directory.listings import models as m

#: Children whose `service_id` column names the service they shape (and, for some, a place or an organization).
SERVICE_CHILDREN = (
    m.Phone,
    m.Schedule,
    m.Language,
    m.ServiceArea,
    m.RequiredDocument,
    m.CostOption,
    m.Funding,
    m.Contact,
    m.ServiceCapacity,
    m.ServiceAtLocation,
)


#: Children that may also belong to a place (a location's phones, hours, languages; a site's location).
_PLACED_CHILDREN = (m.Schedule, m.Language, m.Phone, m.Contact, m.ServiceAtLocation)
#: Every row whose change can shape a search document.
_SHAPING = (
    m.Service,
    *SERVICE_CHILDREN,
    m.Attribute,
    m.Location,
    m.Address,
    m.Accessibility,
    m.Organization,
    m.TaxonomyTerm,
)


class _Touched:
    """What a set of changed rows names directly: services, and places, organizations and terms whose services
    they shape."""

    def __init__(self) -> None:
        self.services: set[uuid.UUID] = set()
        self.locations: set[uuid.UUID] = set()
        self.organizations: set[uuid.UUID] = set()
        self.terms: set[uuid.UUID] = set()
        self.sites: set[uuid.UUID] = set()

    def add(self, obj: Any) -> bool:
        """Note what `obj` names; False when it names nothing yet (a new row tied to its parent only by a
        relationship, whose key the flush fills in)."""
        if not isinstance(obj, _SHAPING):
            return True  # not something a search document reads
        before = self._size()
        if isinstance(obj, m.Service):
            self.services.add(obj.id)
        elif isinstance(obj, SERVICE_CHILDREN):
            self._add(self.services, obj.service_id)
            if isinstance(obj, _PLACED_CHILDREN):
                self._add(self.locations, obj.location_id)
            self._add(self.sites, getattr(obj, "service_at_location_id", None))  # a site's own hours, phones...
        elif isinstance(obj, m.Attribute):
            if obj.link_entity == "service":
                self._add(self.services, obj.link_id)
        else:
            self._add_place_or_owner(obj)
        return self._size() > before

    def _add_place_or_owner(self, obj: Any) -> None:
        if isinstance(obj, m.Location):
            self.locations.add(obj.id)
        elif isinstance(obj, m.Address | m.Accessibility):
            self._add(self.locations, obj.location_id)
        elif isinstance(obj, m.Organization):
            self.organizations.add(obj.id)
        elif isinstance(obj, m.TaxonomyTerm):
            self.terms.add(obj.id)

    def _size(self) -> int:
        return len(self.services) + len(self.locations) + len(self.organizations) + len(self.terms) + len(self.sites)

    @staticmethod
    def _add(into: set[uuid.UUID], value: uuid.UUID | None) -> None:
        if value is not None:
            into.add(value)

    def services_in(self, session: Session) -> set[uuid.UUID]:
        """Every service whose document these rows shape, as the database stands now."""
        found = set(self.services)
        with session.no_autoflush:
            if self.locations:
                found.update(
                    session.scalars(
                        select(m.ServiceAtLocation.service_id).where(
                            m.ServiceAtLocation.location_id.in_(self.locations)
                        )
                    )
                )
                # A service offered at no site is placed by its organization's locations (their states).
                found.update(
                    session.scalars(
                        select(m.Service.id)
                        .join(m.Location, m.Location.organization_id == m.Service.organization_id)
                        .where(m.Location.id.in_(self.locations))
                    )
                )
            if self.sites:
                found.update(
                    session.scalars(
                        select(m.ServiceAtLocation.service_id).where(m.ServiceAtLocation.id.in_(self.sites))
                    )
                )
            if self.organizations:
                found.update(
                    session.scalars(select(m.Service.id).where(m.Service.organization_id.in_(self.organizations)))
                )
            if self.terms:
                found.update(
                    session.scalars(
                        select(m.Attribute.link_id).where(
                            m.Attribute.link_entity == "service", m.Attribute.taxonomy_term_id.in_(self.terms)
                        )
                    )
                )
        return {service_id for service_id in found if service_id is not None}


#: `session.info` key: true once the session's transaction wrote change-log rows (cleared at rollback).
CHANGED = "directory.listings_changed"


#: `session.info` key: new rows whose parent only the flush names (read again after it).
_UNPLACED = "directory.listings_unplaced"


def _record_changes(session: Session, _context: Any, _instances: Any) -> None:
    touched = [*session.new, *session.dirty, *session.deleted]
    if not touched or all(isinstance(obj, m.ListingChange | m.Metadata) for obj in touched):
        return
    for obj in session.new:  # ids are generated at INSERT; the log needs them now
        if isinstance(obj, IdMixin) and obj.id is None:
            obj.id = new_id()
    named = _Touched()
    unplaced = [obj for obj in session.new if not named.add(obj)]
    for obj in [*session.dirty, *session.deleted]:
        if obj in session.deleted or session.is_modified(obj):
            named.add(obj)
    _log(session, named.services_in(session), add=True)
    if unplaced:
        session.info.setdefault(_UNPLACED, []).extend(unplaced)


def _record_placed_changes(session: Session, _context: Any) -> None:
    """After the flush, the new rows that were tied to their service, place or organization by a relationship
    have their keys: log the services they shape (straight into the table: a flush takes no new objects now)."""
    unplaced = session.info.pop(_UNPLACED, None)
    if unplaced:
        named = _Touched()
        for obj in unplaced:
            named.add(obj)
        _log(session, named.services_in(session), add=False)


def _log(session: Session, service_ids: set[uuid.UUID], *, add: bool) -> None:
    if not service_ids:
        return
    ordered = sorted(service_ids, key=str)
    if add:
        session.add_all(m.ListingChange(service_id=service_id) for service_id in ordered)
    else:
        session.connection().execute(insert(m.ListingChange), [{"service_id": service_id} for service_id in ordered])
    session.info[CHANGED] = True


def _forget_changes(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint inside it
        session.info.pop(CHANGED, None)
        session.info.pop(_UNPLACED, None)


def latest_change(session: Session) -> int:
    """The id of the newest change-log row (0 for none): where anything following the log has to reach."""
    return int(session.scalar(select(func.max(m.ListingChange.id))) or 0)


def install() -> None:
    """Listen on every ORM session (idempotent)."""
    if not event.contains(Session, "before_flush", _record_changes):
        event.listen(Session, "before_flush", _record_changes)
        event.listen(Session, "after_flush", _record_placed_changes)
        event.listen(Session, "after_soft_rollback", _forget_changes)
