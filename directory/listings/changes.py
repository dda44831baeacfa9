"""Writing the change log: whenever a flush touches anything that shapes a service's search document,
a `ListingChange` row for that service is added to the same flush, so it commits (or rolls back) with it.

This is the "index follows commits" mechanism: no write path can forget to tell the index, and a rolled-back
write never reaches it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from directory.db import new_id
from directory.listings import models as m

#: Children whose `service_id` column names the service they shape.
_SERVICE_CHILDREN = (
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


def _affected_services(session: Session, objects: Iterable[Any]) -> set[uuid.UUID]:
    service_ids: set[uuid.UUID] = set()
    location_ids: set[uuid.UUID] = set()
    organization_ids: set[uuid.UUID] = set()
    term_ids: set[uuid.UUID] = set()
    for obj in objects:
        if isinstance(obj, m.Service):
            service_ids.add(obj.id)
        elif isinstance(obj, _SERVICE_CHILDREN):
            if obj.service_id is not None:
                service_ids.add(obj.service_id)
            if isinstance(obj, m.Schedule | m.Language | m.Phone | m.Contact) and obj.location_id:
                location_ids.add(obj.location_id)
        elif isinstance(obj, m.Attribute):
            if obj.link_entity == "service" and obj.link_id:
                service_ids.add(obj.link_id)
        elif isinstance(obj, m.Location):
            location_ids.add(obj.id)
        elif isinstance(obj, m.Address | m.Accessibility) and obj.location_id:
            location_ids.add(obj.location_id)
        elif isinstance(obj, m.Organization):
            organization_ids.add(obj.id)
        elif isinstance(obj, m.TaxonomyTerm):
            term_ids.add(obj.id)
    with session.no_autoflush:
        if location_ids:
            service_ids.update(
                session.scalars(
                    select(m.ServiceAtLocation.service_id).where(m.ServiceAtLocation.location_id.in_(location_ids))
                )
            )
        if organization_ids:
            service_ids.update(
                session.scalars(select(m.Service.id).where(m.Service.organization_id.in_(organization_ids)))
            )
        if term_ids:
            service_ids.update(
                session.scalars(
                    select(m.Attribute.link_id).where(
                        m.Attribute.link_entity == "service", m.Attribute.taxonomy_term_id.in_(term_ids)
                    )
                )
            )
    return {service_id for service_id in service_ids if service_id is not None}


def _record_changes(session: Session, _context: Any, _instances: Any) -> None:
    touched = [*session.new, *session.dirty, *session.deleted]
    if not touched or all(isinstance(obj, m.ListingChange | m.Metadata) for obj in touched):
        return
    for obj in session.new:  # ids are generated at INSERT; the log needs them now
        if isinstance(obj, m.IdMixin) and obj.id is None:
            obj.id = new_id()
    dirty = [obj for obj in session.dirty if session.is_modified(obj)]
    for service_id in sorted(_affected_services(session, [*session.new, *dirty, *session.deleted]), key=str):
        session.add(m.ListingChange(service_id=service_id))


def install() -> None:
    """Listen on every ORM session (idempotent)."""
    if not event.contains(Session, "before_flush", _record_changes):
        event.listen(Session, "before_flush", _record_changes)
