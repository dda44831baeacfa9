"""Corrections from the public: taken in without an account (rate limited, with spam traps that need no third
party), reviewed by a coordinator as a diff, applied with history or rejected."""

from __future__ import annotations

import difflib
import hashlib
import hmac
import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from directory.db import utcnow, writing
from directory.errors import DirectoryError, InvalidInput, NotFound
from directory.listings import editing
from directory.listings.models import Metadata, Service, Suggestion, SuggestionStatus
from directory.wording import N_

#: What the public can correct, and how a coordinator's approval applies it.
FIELDS: dict[str, str] = {
    "phone": N_("Phone number"),
    "name": N_("Name"),
    "description": N_("Description"),
    "eligibility_description": N_("Who it is for"),
    "application_process": N_("How to get help"),
    "fees_description": N_("Cost"),
    "hours": N_("Hours"),
    "address": N_("Address"),
    "other": N_("Something else"),
}
APPLIED_DIRECTLY = frozenset(
    {"phone", "name", "description", "eligibility_description", "application_process", "fees_description"}
)
PER_SOURCE_PER_HOUR = 5
MAX_LINKS = 2


class TooManySuggestions(DirectoryError):
    status_code = 429


def source_of(address: str, secret: str, today: date) -> str:
    """A keyed hash of the sender's address and the day: enough to count, not enough to identify."""
    return hmac.new(secret.encode(), f"{address}|{today.isoformat()}".encode(), hashlib.sha256).hexdigest()


def current_value(service: Service, field: str) -> str:
    if field == "phone":
        return service.phones[0].number if service.phones else ""
    if field in APPLIED_DIRECTLY:
        return str(getattr(service, field) or "")
    return ""


def suggest(
    session: Session, service_id: uuid.UUID, *, field: str, proposed: str, note: str, source: str
) -> Suggestion | None:
    """Record a suggestion; None when it looks like spam (the sender is not told, so robots learn nothing)."""
    problems: dict[str, list[str]] = {}
    proposed, note = proposed.strip(), note.strip()
    if field not in FIELDS:
        problems["field"] = [N_("choose what to correct")]
    if not proposed:
        problems["proposed"] = [N_("say what it should be")]
    elif len(proposed) > 2000:
        problems["proposed"] = [N_("is too long (2,000 characters at most)")]
    if len(note) > 1000:
        problems["note"] = [N_("is too long (1,000 characters at most)")]
    if problems:
        raise InvalidInput("The suggestion is not complete.", problems)
    service = session.get(Service, service_id)
    if service is None:
        raise NotFound(f"No service with id {service_id}.")
    recent = session.scalar(
        select(func.count())
        .select_from(Suggestion)
        .where(Suggestion.source == source, Suggestion.created_at > utcnow() - timedelta(hours=1))
    )
    if (recent or 0) >= PER_SOURCE_PER_HOUR:
        raise TooManySuggestions(N_("Thank you: we have several suggestions from you already. Please try again later."))
    if len(re.findall(r"https?://|www\.", f"{proposed} {note}", re.IGNORECASE)) > MAX_LINKS:
        return None
    suggestion = Suggestion(service_id=service_id, field=field, proposed=proposed, note=note, source=source)
    session.add(suggestion)
    session.commit()
    return suggestion


@dataclass(frozen=True)
class Review:
    suggestion: Suggestion
    current: str
    diff: list[tuple[str, str]]  # (kind, text): kind is "same", "removed" or "added"


def _diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = old.split(), new.split()
    parts: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(("same", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                parts.append(("removed", " ".join(a[i1:i2])))
            if j2 > j1:
                parts.append(("added", " ".join(b[j1:j2])))
    return parts


def pending_reviews(session: Session) -> list[Review]:
    suggestions = session.scalars(
        select(Suggestion)
        .where(Suggestion.status == SuggestionStatus.PENDING)
        .options(joinedload(Suggestion.service).selectinload(Service.phones))
        .order_by(Suggestion.created_at)
    )
    reviews = []
    for suggestion in suggestions:
        current = current_value(suggestion.service, suggestion.field)
        reviews.append(Review(suggestion, current, _diff(current, suggestion.proposed)))
    return reviews


def count_pending(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Suggestion).where(Suggestion.status == SuggestionStatus.PENDING)
        )
        or 0
    )


def _pending(session: Session, suggestion_id: uuid.UUID) -> Suggestion:
    suggestion = session.get(
        Suggestion, suggestion_id, options=[joinedload(Suggestion.service).selectinload(Service.phones)]
    )
    if suggestion is None:
        raise NotFound(f"No suggestion {suggestion_id}.")
    if suggestion.status is not SuggestionStatus.PENDING:
        raise InvalidInput("This suggestion was already reviewed.", {"suggestion": [suggestion.status.value]})
    return suggestion


def approve(session: Session, suggestion_id: uuid.UUID, *, who: str) -> Suggestion:
    """Apply the correction with history (fields that need a person's judgement are recorded as a note), and mark
    the suggestion approved, in one unit of work."""
    with writing(session):
        suggestion = _pending(session, suggestion_id)
        service = suggestion.service
        changes = _changes(suggestion)
        if changes:
            editing.write(
                session, "service", service.id, changes, replace=False, must_exist=True, who=who, if_match=None
            )
        else:
            session.add(
                Metadata(
                    resource_id=service.id,
                    resource_type="service",
                    last_action_type="note",
                    field_name=f"public suggestion: {FIELDS[suggestion.field].lower()}",
                    previous_value="",
                    replacement_value=suggestion.proposed,
                    updated_by=who,
                )
            )
        reviewed = session.get(Suggestion, suggestion_id)
        assert reviewed is not None  # noqa: S101 - read a moment ago
        reviewed.status, reviewed.reviewed_by, reviewed.reviewed_at = SuggestionStatus.APPROVED, who, utcnow()
    return reviewed


def _changes(suggestion: Suggestion) -> dict[str, Any]:
    """The listing patch a suggestion makes (empty when a person has to apply it)."""
    service = suggestion.service
    if suggestion.field == "phone" and service.phones:
        first = service.phones[0].id
        return {
            "phones": [
                {"id": str(p.id), "number": suggestion.proposed if p.id == first else p.number, "type": p.type}
                for p in service.phones
            ]
        }
    if suggestion.field == "phone":
        return {"phones": [{"id": str(uuid.uuid4()), "number": suggestion.proposed, "type": "voice"}]}
    if suggestion.field in APPLIED_DIRECTLY:
        return {suggestion.field: suggestion.proposed}
    return {}


def reject(session: Session, suggestion_id: uuid.UUID, *, who: str) -> Suggestion:
    with writing(session):
        suggestion = _pending(session, suggestion_id)
        suggestion.status, suggestion.reviewed_by, suggestion.reviewed_at = SuggestionStatus.REJECTED, who, utcnow()
    return suggestion


def load_service_for_suggestion(session: Session, service_id: uuid.UUID) -> Service:
    service = session.get(Service, service_id, options=[selectinload(Service.phones)])
    if service is None:
        raise NotFound(f"No service with id {service_id}.")
    return service
