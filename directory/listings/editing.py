"""Writing listings: create, replace, change and retire, each one unit of work (`db.writing`) whose flush also
writes the HSDS `metadata` history (listings/recording.py) and the change-log row the search indexes follow
(listings/changes.py).

Validation and writing are the imports' own (`records.RecordWriter`), so the write API, the coordinators' pages
and imports agree on what a valid listing is. A write that fails validation, or whose If-Match is stale, changes
nothing.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from marshmallow import fields
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.db import locked, utcnow, writing
from directory.errors import DirectoryError, InvalidInput, NotFound
from directory.listings import operations, recording
from directory.listings.models import Metadata, Organization, Service, ServiceAtLocation, ServiceStatus
from directory.listings.records import RecordWriter
from directory.listings.schemas import OrganizationSchema, ServiceSchema
from directory.listings.validation import ImportFailed
from directory.wording import N_


class PreconditionFailed(DirectoryError):
    status_code = 412


@dataclass(frozen=True)
class Written:
    resource: Any
    created: bool


def etag_of(document: Mapping[str, Any]) -> str:
    """A weak ETag over the listing as the API serves it."""
    digest = hashlib.sha256(json.dumps(document, sort_keys=True, default=str).encode()).hexdigest()
    return f'W/"{digest[:32]}"'


def service_document(session: Session, service_id: uuid.UUID) -> dict[str, Any]:
    return ServiceSchema().dump(operations.get_service(session, service_id))  # type: ignore[no-any-return]


def organization_document(session: Session, organization_id: uuid.UUID) -> dict[str, Any]:
    return OrganizationSchema().dump(operations.get_organization(session, organization_id))  # type: ignore[no-any-return]


def _check_precondition(current: Mapping[str, Any] | None, if_match: str | None) -> None:
    if if_match is None:
        return
    if current is None or if_match.strip() not in ("*", etag_of(current)):
        raise PreconditionFailed(
            "The listing changed since you read it (If-Match does not match its ETag). Reload it and try again."
        )


def _apply(session: Session, kind: str, body: Mapping[str, Any], resource_id: uuid.UUID, *, replace: bool) -> None:
    data = dict(body)
    if "id" in data and str(data["id"]) != str(resource_id):
        raise InvalidInput("The body's id is not the id in the URL.", {"id": ["does not match the URL"]})
    data["id"] = str(resource_id)
    importer = RecordWriter(session)
    try:
        with session.no_autoflush:
            importer.import_records(kind, [data], "body", replace=replace)
            importer.finish()
    except ImportFailed as failure:
        said = f"{len(failure.problems)} problem(s) in the {kind}; nothing was changed."
        raise InvalidInput(said, failure.by_field()) from None


def write(
    session: Session,
    kind: str,
    resource_id: uuid.UUID,
    body: Mapping[str, Any],
    *,
    replace: bool,
    must_exist: bool,
    who: str,
    if_match: str | None,
) -> Written:
    """Inside a unit of work (`db.writing`): validate and write the body, with its history."""
    document, model = _WRITABLE[kind]
    existing = locked(session, model, resource_id)
    if existing is None and must_exist:
        raise NotFound(f"No {kind} with id {resource_id}.")
    before = document(session, resource_id) if existing is not None else None
    _check_precondition(before, if_match)
    recording.record_as(session, who)
    recording.remember(session, kind, resource_id, before)
    _apply(session, kind, body, resource_id, replace=replace)
    session.flush()
    written = session.get(model, resource_id)
    if isinstance(written, Service):
        written.last_modified = utcnow()
    session.flush()
    session.expire_all()
    return Written(session.get(model, resource_id), before is None)


def _written(session: Session, kind: str, resource_id: uuid.UUID, body: Mapping[str, Any], **how: Any) -> Written:
    """`write` as one unit of work."""
    with writing(session):
        return write(session, kind, resource_id, body, **how)


#: What the write path can write: how to read one as a document (for ETags and history), and its table.
_WRITABLE: dict[str, tuple[Callable[[Session, uuid.UUID], dict[str, Any]], type[Any]]] = {
    "service": (service_document, Service),
    "organization": (organization_document, Organization),
}


def put_service(
    session: Session,
    service_id: uuid.UUID,
    body: Mapping[str, Any],
    *,
    who: str,
    if_match: str | None = None,
) -> Written:
    """Create or replace a whole service (HSDS service JSON with the directory's extensions)."""
    return _written(session, "service", service_id, body, replace=True, must_exist=False, who=who, if_match=if_match)


def patch_service(
    session: Session,
    service_id: uuid.UUID,
    body: Mapping[str, Any],
    *,
    who: str,
    if_match: str | None = None,
) -> Written:
    """Change the fields (and nested lists) the body names; everything else stays."""
    return _written(session, "service", service_id, body, replace=False, must_exist=True, who=who, if_match=if_match)


def put_organization(
    session: Session,
    organization_id: uuid.UUID,
    body: Mapping[str, Any],
    *,
    who: str,
    if_match: str | None = None,
) -> Written:
    return _written(
        session, "organization", organization_id, body, replace=True, must_exist=False, who=who, if_match=if_match
    )


def patch_organization(
    session: Session,
    organization_id: uuid.UUID,
    body: Mapping[str, Any],
    *,
    who: str,
    if_match: str | None = None,
) -> Written:
    """Change the organization fields (and nested lists, such as its phones) the body names; the rest stays."""
    return _written(
        session, "organization", organization_id, body, replace=False, must_exist=True, who=who, if_match=if_match
    )


def retire_service(session: Session, service_id: uuid.UUID, *, who: str, if_match: str | None = None) -> Service:
    """Retire a listing: status `defunct`, kept with its history, gone from search."""
    with writing(session):
        service = locked(session, Service, service_id)
        if service is None:
            raise NotFound(f"No service with id {service_id}.")
        before = service_document(session, service_id)
        _check_precondition(before, if_match)
        recording.record_as(session, who, action="delete")
        recording.remember(session, "service", service_id, before)
        if service.status is not ServiceStatus.DEFUNCT:
            service.status = ServiceStatus.DEFUNCT
            service.last_modified = utcnow()
    return service


def other_services_at(session: Session, location_id: uuid.UUID, service_id: uuid.UUID) -> list[Service]:
    """The other services offered at a place: an edit of the place changes their listings too."""
    return list(
        session.scalars(
            select(Service)
            .join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
            .where(ServiceAtLocation.location_id == location_id, Service.id != service_id)
            .order_by(Service.name)
        )
    )


# -- quick changes from the coordinator pages ----------------------------------------------------------------


def _change(session: Session, service_id: uuid.UUID, who: str, mutate: Callable[[Service], None]) -> Service:
    """Apply a small change to a service in one unit of work, with its history."""
    with writing(session):
        service = locked(session, Service, service_id)
        if service is None:
            raise NotFound(f"No service with id {service_id}.")
        recording.record_as(session, who)
        mutate(service)
        service.last_modified = utcnow()
    found = session.get(Service, service_id)
    assert found is not None  # noqa: S101 - it was just written
    return found


def verify_service(session: Session, service_id: uuid.UUID, *, who: str, on: date) -> Service:
    """A coordinator confirmed the listing is true today."""

    def mark(service: Service) -> None:
        service.assured_date = on
        service.assurer_email = who

    return _change(session, service_id, who, mark)


CAPACITY_CHOICES = ("accepting", "waitlist", "closed")


def update_capacity(session: Session, service_id: uuid.UUID, *, choice: str, weeks: float | None, who: str) -> Service:
    """ "Accepting new clients" / "waitlist about N weeks" / "closed to intake", stamped now."""
    problems: dict[str, list[str]] = {}
    if choice not in CAPACITY_CHOICES:
        problems["capacity"] = [f"must be one of {', '.join(CAPACITY_CHOICES)}"]
    if choice == "waitlist" and (weeks is None or not 0 < weeks <= 104):
        problems["wait_weeks"] = [N_("give the wait in weeks, between 1 and 104")]
    if problems:
        raise InvalidInput("The capacity update is not valid.", problems)

    def stamp(service: Service) -> None:
        service.accepting_new_clients = choice != "closed"
        service.wait_weeks = weeks if choice == "waitlist" else (0 if choice == "accepting" else None)
        service.capacity_updated_at = utcnow()

    return _change(session, service_id, who, stamp)


def restore_value(session: Session, change_id: uuid.UUID, *, who: str) -> Service | Organization:
    """Put a field back to the value it had before a recorded change (itself recorded as a change).

    Works for a service's fields and for its organization's (changed from the organization page)."""
    change = session.get(Metadata, change_id)
    if change is None or change.resource_type not in ("service", "organization"):
        raise NotFound(f"No recorded change {change_id}.")
    schema = ServiceSchema() if change.resource_type == "service" else OrganizationSchema()
    field = schema.fields.get(change.field_name)
    if field is None:
        raise InvalidInput(
            f"{change.field_name} cannot be restored here.", {"field": [f"not a {change.resource_type} field"]}
        )
    raw = change.previous_value
    if isinstance(field, fields.String | fields.UUID | fields.Date | fields.DateTime | fields.Enum):
        value: Any = raw or None
    else:
        value = json.loads(raw) if raw else None
    patch = patch_service if change.resource_type == "service" else patch_organization
    written = patch(session, change.resource_id, {change.field_name: value}, who=who)
    return written.resource  # type: ignore[no-any-return]
