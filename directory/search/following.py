"""Keeping an index current with the database: apply the listing change log from where the index left off.

Every process of the app calls `catch_up` before it searches. If the index is behind, the process applies the
missing changes itself (taking the index's write lock without waiting; if another process holds it, that
process is already applying them and this search simply reads the index as it is). If there is no usable
index at all (missing or corrupt), it is rebuilt from the database.

Change ids come from a sequence, and a transaction that started earlier can commit later than one that started
after it. So the recorded position only advances over an unbroken run of ids: changes after a gap are applied
(applying is idempotent) but the gap is waited for, up to GAP_TIMEOUT seconds, after which it is taken to be a
rolled-back transaction.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterator, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from directory.listings.models import (
    VISIBLE_STATUSES,
    Attribute,
    ListingChange,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.search import SearchIndex, ServiceDocument
from directory.search.documents import service_document

log = logging.getLogger(__name__)

GAP_TIMEOUT = 30.0
BATCH_SIZE = 500
#: A catch-up that may wait and finds at least this many changed services (a bulk import) rebuilds the index
#: from the database instead: streamed, built beside the old one and swapped in whole.
REBUILD_AT = 5000


def _document_options() -> list[object]:
    sal = selectinload(Service.service_at_locations)
    location = sal.joinedload(ServiceAtLocation.location)
    return [
        joinedload(Service.organization).selectinload(Organization.locations).selectinload(Location.addresses),
        selectinload(Service.languages),
        selectinload(Service.schedules),
        selectinload(Service.service_areas),
        selectinload(Service.attributes).joinedload(Attribute.taxonomy_term).joinedload(TaxonomyTerm.parent),
        sal.selectinload(ServiceAtLocation.schedules),
        location.selectinload(Location.addresses),
        location.selectinload(Location.schedules),
    ]


def load_documents(session: Session, service_ids: Sequence[uuid.UUID]) -> list[ServiceDocument]:
    """Documents for those of these services that are searchable (visible); the others are left out.

    The rows loaded for them are let go again (only rows the session already held stay), so loading many
    batches keeps memory flat without detaching anything the caller holds.
    """
    documents: list[ServiceDocument] = []
    for start in range(0, len(service_ids), BATCH_SIZE):
        batch = list(service_ids[start : start + BATCH_SIZE])
        query = (
            select(Service)
            .where(Service.id.in_(batch), Service.status.in_(VISIBLE_STATUSES))
            .options(*_document_options())  # type: ignore[arg-type]
        )
        held = set(session.identity_map.keys())
        documents.extend(service_document(service) for service in session.scalars(query).unique())
        for key in set(session.identity_map.keys()) - held:
            loaded = session.identity_map.get(key)
            if loaded is not None and loaded not in session.dirty:
                session.expunge(loaded)
    return documents


def iter_all_documents(session: Session) -> Iterator[ServiceDocument]:
    ids = list(session.scalars(select(Service.id).where(Service.status.in_(VISIBLE_STATUSES)).order_by(Service.id)))
    for start in range(0, len(ids), BATCH_SIZE):
        yield from load_documents(session, ids[start : start + BATCH_SIZE])


def latest_change(session: Session) -> int:
    return int(session.scalar(select(func.max(ListingChange.id))) or 0)


def rebuild(session: Session, index: SearchIndex) -> int:
    """Rebuild the whole index from the database; changes committed meanwhile are applied by the next catch-up."""
    position = latest_change(session)
    return index.rebuild(iter_all_documents(session), position=position)


class IndexFollower:
    """Applies the change log to one index (one per app, shared by the threads of a process)."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._gaps_seen: dict[int, float] = {}
        self._lock = threading.Lock()

    def catch_up(self, session: Session, *, blocking: bool = False) -> int:
        """Bring the index up to the latest committed change; returns how many services were re-indexed."""
        position = self.index.position()
        if position is None:
            log.warning("No usable search index: rebuilding it from the database")
            return rebuild(session, self.index)
        if latest_change(session) <= position:
            return 0
        with self._lock:
            rows = session.execute(
                select(ListingChange.id, ListingChange.service_id)
                .where(ListingChange.id > position)
                .order_by(ListingChange.id)
            ).all()
            if not rows:
                return 0
            new_position = self._safe_position(position, [row[0] for row in rows])
            changed = list(dict.fromkeys(row[1] for row in rows))
            del rows
            if blocking and len(changed) >= REBUILD_AT:
                rebuild(session, self.index)
                return len(changed)
            # A batch at a time, so a large change set never sits in memory whole; only the last batch moves
            # the position on (re-applying a batch after an interruption is harmless).
            for start in range(0, len(changed), BATCH_SIZE):
                chunk = changed[start : start + BATCH_SIZE]
                documents = load_documents(session, chunk)
                present = {doc.id for doc in documents}
                removals = [service_id for service_id in chunk if service_id not in present]
                last = start + BATCH_SIZE >= len(changed)
                moved_to = new_position if last else position
                if not self.index.update(documents, removals, position=moved_to, blocking=blocking):
                    return start
            return len(changed)

    def _safe_position(self, position: int, ids: list[int]) -> int:
        """The last id of the unbroken run after `position`, skipping gaps that have been open too long."""
        now = time.monotonic()
        present = set(ids)
        safe = position
        for candidate in range(position + 1, ids[-1] + 1):
            if candidate in present:
                safe = candidate
                continue
            first_seen = self._gaps_seen.setdefault(candidate, now)
            if now - first_seen < GAP_TIMEOUT:
                break
            safe = candidate
        for gap in [g for g in self._gaps_seen if g <= safe]:
            del self._gaps_seen[gap]
        return safe
