"""Services shared as one short link (`/s/<code>`) that carries nothing about the person they are for.

A shared list is the services' ids in order and the day it was made. Its code is derived from the ids (the
first characters of a SHA-256, in lower-case Crockford base32), so sharing the same list again finds the same
row and writes nothing. On the rare code that another list already holds, the code grows a character at a time.
Codes are read case-insensitively, and the letters people mistake for digits (o, i, l) as those digits.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from directory.errors import InvalidInput
from directory.listings import operations
from directory.listings.models import VISIBLE_STATUSES, Service, SharedList
from directory.wording import N_

#: At most this many services in one link (a handout rarely holds more than a handful).
MAX_SERVICES = 20
#: The code's length; a collision with another list lengthens it, up to the whole digest.
CODE_LENGTH = 8
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's base32: no i, l, o or u
_READ_AS = str.maketrans({"o": "0", "i": "1", "l": "1", "-": None})
_DIGEST_LENGTH = 52  # 256 bits in 5-bit characters


class SharingRefused(InvalidInput):
    """A list that cannot be shared; `template` and `values` let a page say why in its reader's language."""

    def __init__(self, template: str, field_problem: str, **values: Any) -> None:
        super().__init__(template % values, {"service": [field_problem % values]})
        self.template = template
        self.values = values


@dataclass(frozen=True)
class SharedServices:
    """A shared list as it stands today: the services still listed (in the order shared) and how many are not."""

    code: str
    services: list[Service]
    no_longer_listed: int
    created_on: date


def _base32(digest: bytes) -> str:
    number = int.from_bytes(digest, "big")
    characters = []
    for _ in range(_DIGEST_LENGTH):
        number, index = divmod(number, 32)
        characters.append(ALPHABET[index])
    return "".join(reversed(characters))


def full_code(service_ids: Iterable[uuid.UUID]) -> str:
    """The whole digest of the ids in this order; a list's code is its first CODE_LENGTH (or more) characters."""
    text = "\n".join(str(service_id) for service_id in service_ids)
    return _base32(hashlib.sha256(text.encode()).digest())


def normalize_code(code: str) -> str | None:
    """A code as typed (any case, o for 0, l or i for 1, hyphens) as stored; None if it cannot be one."""
    normalized = code.strip().lower().translate(_READ_AS)
    if not CODE_LENGTH <= len(normalized) <= _DIGEST_LENGTH or any(c not in ALPHABET for c in normalized):
        return None
    return normalized


def _service_ids(values: Iterable[str | uuid.UUID]) -> list[uuid.UUID]:
    """The ids in the order given, repeats dropped; refused when there are none, too many or one is no id."""
    ids: list[uuid.UUID] = []
    for value in values:
        try:
            service_id = value if isinstance(value, uuid.UUID) else uuid.UUID(str(value).strip())
        except ValueError:
            shown = str(value).strip()[:40]
            raise SharingRefused(
                N_("“%(id)s” is not the id of a listing."), N_("“%(id)s” is not a listing's id"), id=shown
            ) from None
        if service_id not in ids:
            ids.append(service_id)
    if not ids:
        raise SharingRefused(N_("Choose at least one service to share."), N_("choose at least one service"))
    if len(ids) > MAX_SERVICES:
        raise SharingRefused(
            N_("A link can hold at most %(most)d services; this list has %(count)d."),
            N_("at most %(most)d services (%(count)d given)"),
            most=MAX_SERVICES,
            count=len(ids),
        )
    return ids


def share_services(session: Session, service_ids: Iterable[str | uuid.UUID], *, today: date) -> str:
    """The code of a link to these services, in this order (repeats dropped): the existing one when the same list
    was shared before, else a new row. Each must be a listing the public can still see (not retired)."""
    ids = _service_ids(service_ids)
    rows = session.execute(select(Service.id, Service.status).where(Service.id.in_(ids)))
    statuses = {service_id: status for service_id, status in rows}
    for service_id in ids:
        if service_id not in statuses:
            raise SharingRefused(
                N_("No listing has the id %(id)s."), N_("no listing has the id %(id)s"), id=str(service_id)
            )
        if statuses[service_id] not in VISIBLE_STATUSES:
            raise SharingRefused(
                N_("The listing %(id)s is no longer listed, so it cannot be shared."),
                N_("the listing %(id)s is no longer listed"),
                id=str(service_id),
            )
    wanted = [str(service_id) for service_id in ids]
    digest = full_code(ids)
    for length in range(CODE_LENGTH, _DIGEST_LENGTH + 1):
        code = digest[:length]
        existing = session.get(SharedList, code)
        if existing is not None:
            if existing.service_ids == wanted:
                return code
            continue  # another list's code: try a longer one
        session.add(SharedList(code=code, service_ids=wanted, created_on=today))
        try:
            session.commit()
        except IntegrityError:  # the same code written a moment ago by another request: look at it again
            session.rollback()
            existing = session.get(SharedList, code)
            if existing is not None and existing.service_ids == wanted:
                return code
            continue
        return code
    raise RuntimeError("every length of this list's code is taken")  # 2**256 lists: not in this universe


def find_shared_list(session: Session, code: str) -> SharedServices | None:
    """The shared list with this code (as typed: any case), with the services still listed; None if unknown."""
    normalized = normalize_code(code)
    row = session.get(SharedList, normalized) if normalized else None
    if row is None:
        return None
    ids = [uuid.UUID(value) for value in row.service_ids]
    found = session.scalars(
        select(Service)
        .where(Service.id.in_(ids), Service.status.in_(VISIBLE_STATUSES))
        .options(*operations.summary_options())
    )
    by_id = {service.id: service for service in found}
    services = [by_id[service_id] for service_id in ids if service_id in by_id]
    return SharedServices(row.code, services, len(ids) - len(services), row.created_on)
