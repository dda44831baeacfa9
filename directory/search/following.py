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

import contextlib
import gc
import logging
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Select, bindparam, event, select, type_coerce
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from directory.listings.changes import CHANGED, latest_change
from directory.listings.hours import SCHEDULE_FIELDS, ScheduleRow
from directory.listings.models import (
    VISIBLE_STATUSES,
    Address,
    Attribute,
    Language,
    ListingChange,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)
from directory.search import SearchIndex, ServiceDocument
from directory.search.documents import (
    Site,
    build_document,
    schedules_in_effect,
    site_states,
    term_chain,
)

log = logging.getLogger(__name__)

GAP_TIMEOUT = 30.0
BATCH_SIZE = 500
#: A catch-up that may wait and finds at least this many changed services (a bulk import) rebuilds the index
#: from the database instead: streamed, built beside the old one and swapped in whole.
REBUILD_AT = 5000


#: Keys bound in one IN list: under the 999 bound parameters of the oldest SQLite builds.
IN_LIMIT = 900


def _key(column: Any) -> Any:
    """An id column as the driver gives it, unconverted: for matching rows to each other in Python (turning
    every id into a `uuid.UUID` was most of the cost of reading)."""
    return type_coerce(column, NullType())


class _Keyed:
    """A select of rows led by the key in `key_column`: for some keys (`among`, bound to "keys") or for the
    keys in a range (`between`, bound to "low" and "high": a rebuild reads the services in key order)."""

    def __init__(self, key_column: Any, *columns: Any, join: tuple[Any, Any] | None = None) -> None:
        query = select(_key(key_column), *columns)
        if join is not None:
            query = query.select_from(key_column.table.outerjoin(*join))
        self.query = query
        self.among = query.where(_key(key_column).in_(bindparam("keys", expanding=True)))
        self.between = query.where(_key(key_column).between(bindparam("low"), bindparam("high")))


class _ServiceRow(NamedTuple):
    """A service's columns that its document reads (documents.ServiceFields), with the keys of its rows."""

    key: Any
    organization_key: Any
    id: uuid.UUID
    name: str
    alternate_name: str | None
    organization_id: uuid.UUID
    description: str | None
    eligibility_description: str | None
    status: ServiceStatus
    minimum_age: float | None
    maximum_age: float | None
    accepting_new_clients: bool | None
    capacity_updated_at: datetime | None
    last_modified: datetime | None
    insurance_accepted: list[Any]
    assured_date: date | None
    organization_name: str


class _Term(NamedTuple):
    key: Any
    id: str  # as documents.TermFields (str(id) is what a document holds)
    code: str | None
    name: str
    parent_key: Any


# What documents are read from. Rows come in the order the ORM's loader queries gave them before (a service's
# taxonomy terms and sites, a location's addresses: their order shows in a document's text). Conditions that
# would lead SQLite away from the key's index (a service's status, an attribute's entity) are applied in Python.
_SCHEDULE_COLUMNS = tuple(getattr(Schedule, name) for name in SCHEDULE_FIELDS)
_SERVICES = _Keyed(
    Service.id,
    _key(Service.organization_id),
    *(getattr(Service, name) for name in _ServiceRow._fields[2:-1]),
    Organization.name,
    join=(Organization, Organization.id == Service.organization_id),
)
_SERVICES_BY_ID = _SERVICES.query.where(Service.id.in_(bindparam("ids", expanding=True))).order_by(Service.id)
_SERVICES_BETWEEN = _SERVICES.between.order_by(Service.id)
_ATTRIBUTES = _Keyed(Attribute.link_id, _key(Attribute.taxonomy_term_id), Attribute.link_entity)
_LANGUAGES = _Keyed(Language.service_id, Language.code)
_SERVICE_AREAS = _Keyed(ServiceArea.service_id, ServiceArea.name)
_SERVICE_HOURS = _Keyed(Schedule.service_id, *_SCHEDULE_COLUMNS)
_SITES = _Keyed(
    ServiceAtLocation.service_id,
    _key(ServiceAtLocation.id),
    _key(ServiceAtLocation.location_id),
    Location.latitude,
    Location.longitude,
    join=(Location, Location.id == ServiceAtLocation.location_id),
)
_SITE_HOURS = _Keyed(Schedule.service_at_location_id, *_SCHEDULE_COLUMNS)
_LOCATION_HOURS = _Keyed(Schedule.location_id, *_SCHEDULE_COLUMNS)
_ADDRESSES = _Keyed(Address.location_id, Address.city, Address.postal_code, Address.state_province)
_ORGANIZATION_STATES = _Keyed(
    Location.organization_id, Address.state_province, join=(Address, Address.location_id == Location.id)
)
_TERMS = _Keyed(TaxonomyTerm.id, TaxonomyTerm.id, TaxonomyTerm.code, TaxonomyTerm.name, _key(TaxonomyTerm.parent_id))

#: Rows by their key (their first column), in the database's order.
_Rows = dict[Any, list[Any]]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a batch is built.

    A batch holds tens of thousands of rows and temporaries for a moment, none in reference cycles, so
    reference counting frees them; the collector, run by their allocation, would only walk them (and all
    the process's objects) again and again: a quarter of the time of a rebuild's reading, measured.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _DocumentReader:
    """Builds documents (`documents.build_document`) from a few plain selects per batch of services.

    No ORM objects are loaded, so the session's identity map stays as it was. Taxonomy terms, few and shared,
    are kept for the reader's life: one reader serves all the batches of a rebuild.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._terms: dict[Any, _Term] = {}
        self._chains: dict[Any, list[_Term]] = {}

    def _rows(self, query: Select[Any], parameters: dict[str, Any], into: _Rows | None = None) -> _Rows:
        found: _Rows = {} if into is None else into
        for row in self.session.connection().execute(query, parameters).all():
            found.setdefault(row[0], []).append(row)
        return found

    def _among(self, keyed: _Keyed, keys: Iterable[Any]) -> _Rows:
        found: _Rows = {}
        keys = list(keys)
        for start in range(0, len(keys), IN_LIMIT):
            self._rows(keyed.among, {"keys": keys[start : start + IN_LIMIT]}, found)
        return found

    def documents(self, service_ids: Sequence[uuid.UUID]) -> list[ServiceDocument]:
        """Documents for those of these services that are visible."""
        self._flush()
        services: list[_ServiceRow] = []
        for start in range(0, len(service_ids), IN_LIMIT):
            rows = self.session.connection().execute(_SERVICES_BY_ID, {"ids": service_ids[start : start + IN_LIMIT]})
            services.extend(_ServiceRow(*row) for row in rows.all())
        keys = [service.key for service in services]
        return self._documents(services, lambda keyed: self._among(keyed, keys))

    def documents_between(self, keys: Sequence[Any]) -> list[ServiceDocument]:
        """Documents for those of the services with these keys (a run of them in key order) that are visible.

        Each table is read over the range of keys (an index range, not a list of ids), and rows of services
        outside the run are passed over.
        """
        self._flush()
        bounds = {"low": keys[0], "high": keys[-1]}
        wanted = set(keys)
        rows = self.session.connection().execute(_SERVICES_BETWEEN, bounds).all()
        services = [_ServiceRow(*row) for row in rows if row[0] in wanted]
        return self._documents(services, lambda keyed: self._rows(keyed.between, bounds))

    def _flush(self) -> None:
        if self.session.autoflush:  # as an ORM query would: plain selects on the connection do not flush
            self.session.flush()

    def _documents(self, services: list[_ServiceRow], read: Callable[[_Keyed], _Rows]) -> list[ServiceDocument]:
        """The documents of these services (those visible), reading their rows with `read`."""
        with _collector_paused():
            return self._build(services, read)

    def _build(self, services: list[_ServiceRow], read: Callable[[_Keyed], _Rows]) -> list[ServiceDocument]:
        services = [service for service in services if service.status in VISIBLE_STATUSES]
        attributes = read(_ATTRIBUTES)  # (service, term, entity)
        self._read_terms(row[1] for rows in attributes.values() for row in rows if row[2] == "service")
        languages = read(_LANGUAGES)  # (service, code)
        areas = read(_SERVICE_AREAS)  # (service, name)
        own_hours = read(_SERVICE_HOURS)  # (service, *SCHEDULE_FIELDS)
        sites_of = read(_SITES)  # (service, sal, location, latitude, longitude)
        wanted = [sites_of[service.key] for service in services if service.key in sites_of]
        hours_of = self._hours_in_effect([service.key for service in services], own_hours, sites_of)
        addresses = {
            location: [row[1:] for row in rows]  # (city, postal_code, state_province)
            for location, rows in self._among(_ADDRESSES, {site[2] for sites in wanted for site in sites}).items()
        }

        pending = []
        need_organization_states: set[Any] = set()
        for service in services:
            sals = sites_of.get(service.key, ())
            sites = [Site(sal[3], sal[4], addresses.get(sal[2], ())) for sal in sals]
            if not site_states(sites):  # then its organization's locations' states count
                need_organization_states.add(service.organization_key)
            pending.append((service, sites, hours_of.get(service.key, [])))
        organization_states = self._among(_ORGANIZATION_STATES, need_organization_states)

        documents = []
        for service, sites, hours in pending:
            terms = attributes.get(service.key, ())
            documents.append(
                build_document(
                    service,
                    organization=service.organization_name,
                    terms=[self._chain(row[1]) for row in terms if row[2] == "service"],
                    sites=sites,
                    organization_states=(row[1] for row in organization_states.get(service.organization_key, ())),
                    service_areas=(row[1] for row in areas.get(service.key, ())),
                    languages=(row[1] for row in languages.get(service.key, ())),
                    schedules=[ScheduleRow(*row[1:]) for row in hours],
                )
            )
        return documents

    def _hours_in_effect(self, keys: Sequence[Any], own_hours: _Rows, sites_of: _Rows) -> dict[Any, list[Any]]:
        """Each service's schedule rows (`documents.schedules_in_effect`): its own and its sites', else its
        locations' hours."""
        site_hours = self._among(_SITE_HOURS, [site[1] for key in keys for site in sites_of.get(key, ())])
        found: dict[Any, list[Any]] = {}
        need_location_hours: set[Any] = set()
        for key in keys:
            sals = sites_of.get(key, ())
            found[key] = schedules_in_effect(own_hours.get(key, ()), (site_hours.get(sal[1], ()) for sal in sals), ())
            if not found[key]:
                need_location_hours.update(sal[2] for sal in sals)
        location_hours = self._among(_LOCATION_HOURS, need_location_hours)
        for key in keys:
            if not found[key]:
                found[key] = [row for sal in sites_of.get(key, ()) for row in location_hours.get(sal[2], ())]
        return found

    def _read_terms(self, keys: Iterable[Any]) -> None:
        """Read these taxonomy terms and their ancestors, unless already read."""
        wanted = set(keys).difference(self._terms)
        while wanted:
            found = self._among(_TERMS, wanted)
            for key, ((_, term_id, code, name, parent_key),) in found.items():
                self._terms[key] = _Term(key, str(term_id), code, name, parent_key)
            wanted = {self._terms[key].parent_key for key in found} - {None}
            wanted.difference_update(self._terms)

    def _parent(self, term: _Term) -> _Term | None:
        return self._terms.get(term.parent_key)

    def _chain(self, key: Any) -> list[_Term]:
        chain = self._chains.get(key)
        if chain is None:
            term = self._terms.get(key)
            chain = self._chains[key] = term_chain(term, self._parent) if term else []
        return chain


def load_documents(session: Session, service_ids: Sequence[uuid.UUID]) -> list[ServiceDocument]:
    """Documents for those of these services that are searchable (visible); the others are left out.

    Nothing is loaded into the session (plain columns are selected), so loading many batches keeps memory
    flat without detaching anything the caller holds.
    """
    reader = _DocumentReader(session)
    documents: list[ServiceDocument] = []
    for start in range(0, len(service_ids), BATCH_SIZE):
        documents.extend(reader.documents(list(service_ids[start : start + BATCH_SIZE])))
    return documents


def iter_all_documents(session: Session) -> Iterator[ServiceDocument]:
    """The documents of every visible service, in id order, read a batch at a time."""
    keys = (
        session.execute(select(_key(Service.id)).where(Service.status.in_(VISIBLE_STATUSES)).order_by(Service.id))
        .scalars()
        .all()
    )
    reader = _DocumentReader(session)
    for start in range(0, len(keys), BATCH_SIZE):
        yield from reader.documents_between(keys[start : start + BATCH_SIZE])


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


#: Which follower keeps which database's index: one per app, found from the committing session's engine.
_FOLLOWERS: weakref.WeakKeyDictionary[Engine, IndexFollower] = weakref.WeakKeyDictionary()


def _registered(bind: Engine | Connection) -> IndexFollower | None:
    return _FOLLOWERS.get(bind.engine if isinstance(bind, Connection) else bind)


def follower_for(session: Session) -> IndexFollower:
    """The follower of the index of the database `session` reads (the app's, registered by `follow_commits`)."""
    follower = _registered(session.get_bind())
    if follower is None:
        raise LookupError("No search index follows this database: the application has not been created for it.")
    return follower


def follow_commits(engine: Engine, follower: IndexFollower) -> None:
    """From now on, every commit to `engine`'s database that wrote change-log rows brings the index up to date
    before `commit()` returns: a writer that searches next sees its own write, and no write path has to ask."""
    _FOLLOWERS[engine] = follower
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)


def _after_commit(session: Session) -> None:
    # A savepoint's commit (an import keeping its good batches) is not the transaction's: nothing is visible yet.
    if session.in_nested_transaction() or not session.info.pop(CHANGED, False):
        return
    bind = session.get_bind()
    follower = _registered(bind)
    if follower is None:
        return
    # The committed session can run no SQL now; a reader of its own (inside a savepoint it leaves untouched when
    # the session was joined to an outer transaction, as tests do) reads what was just committed.
    try:
        with Session(bind=bind, join_transaction_mode="create_savepoint") as reader:
            follower.catch_up(reader, blocking=True)
    except Exception:
        # The write is committed whatever happens here; the next search catches the index up.
        log.exception("The search index could not follow a commit")
