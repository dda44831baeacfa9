"""Turning a service into the document the index holds.

`build_document` holds the rules. It reads plain values, so the same rules serve a loaded `Service`
(`service_document`) and the bulk loader in `directory.search.following`, which reads the tables directly
instead of loading object graphs (a full rebuild reads every service).
"""

from __future__ import annotations

import functools
import operator
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol, TypeVar

from directory import geo
from directory.listings.hours import (
    SCHEDULE_FIELDS,
    ScheduleLike,
    ScheduleRow,
    open_hour_tokens,
    open_throughout_tokens,
)
from directory.listings.models import Location, Schedule, Service, ServiceStatus, TaxonomyTerm, capacity_is_stale
from directory.search import ServiceDocument, epoch_microseconds
from directory.search.ranking import day_number
from directory.search.vocabulary import SYNONYMS


class ServiceFields(Protocol):
    """The columns of a service that a document reads: a `Service`, or a row selected under these names."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def name(self) -> str: ...
    @property
    def alternate_name(self) -> str | None: ...
    @property
    def organization_id(self) -> uuid.UUID: ...
    @property
    def description(self) -> str | None: ...
    @property
    def eligibility_description(self) -> str | None: ...
    @property
    def status(self) -> ServiceStatus: ...
    @property
    def minimum_age(self) -> float | None: ...
    @property
    def maximum_age(self) -> float | None: ...
    @property
    def accepting_new_clients(self) -> bool | None: ...
    @property
    def capacity_updated_at(self) -> datetime | None: ...
    @property
    def last_modified(self) -> datetime | None: ...
    @property
    def insurance_accepted(self) -> list[Any]: ...
    @property
    def assured_date(self) -> date | None: ...


class TermFields(Protocol):
    @property
    def id(self) -> uuid.UUID | str: ...  # str(id) is what a document holds
    @property
    def code(self) -> str | None: ...
    @property
    def name(self) -> str: ...


TermT = TypeVar("TermT", bound=TermFields)
RowT = TypeVar("RowT")


class Site(NamedTuple):
    """A location a service is offered at, as its document sees it."""

    latitude: float | None
    longitude: float | None
    addresses: Sequence[tuple[str | None, str | None, str | None]]  # (city, postal_code, state_province)


_schedule_key: Callable[[ScheduleLike], tuple[Any, ...]] = operator.attrgetter(*SCHEDULE_FIELDS)


def term_chain(term: TermT, parent: Callable[[TermT], TermT | None]) -> list[TermT]:
    """A term and its ancestors, nearest first (a cycle in the parents stops the walk)."""
    chain, seen = [], set()
    current: TermT | None = term
    while current is not None and current.id not in seen:
        chain.append(current)
        seen.add(current.id)
        current = parent(current)
    return chain


def schedules_in_effect(
    own: Iterable[RowT], sites: Iterable[Iterable[RowT]], locations: Iterable[Iterable[RowT]]
) -> list[RowT]:
    """A service's own schedules and its sites', else (only then is `locations` read) its locations' hours."""
    rows = list(own)
    for site in sites:
        rows.extend(site)
    if not rows:
        for location in locations:
            rows.extend(location)
    return rows


def service_schedules(service: Service) -> list[Schedule]:
    """The schedules that say when a service is open: its own and its sites', else its locations' hours."""
    sals = service.service_at_locations
    return schedules_in_effect(
        service.schedules, (sal.schedules for sal in sals), (sal.location.schedules for sal in sals)
    )


def site_states(sites: Iterable[Site]) -> set[str]:
    """The states of a service's sites' addresses (with none, its organization's locations' states count)."""
    return {state.upper() for site in sites for _city, _postal_code, state in site.addresses if state}


# The same few schedules, service area names and points recur across thousands of services: their tokens are
# remembered (bounded, so a rebuild's memory stays flat). Each cached function is pure.


@functools.lru_cache(maxsize=4096)
def _row_hour_tokens(key: tuple[Any, ...]) -> frozenset[str]:
    return frozenset(open_hour_tokens([ScheduleRow(*key)]))


@functools.lru_cache(maxsize=4096)
def _open_hours(keys: tuple[tuple[Any, ...], ...]) -> tuple[str, ...]:
    tokens: set[str] = set()
    for key in keys:  # open_hour_tokens is a union of each row's tokens
        tokens |= _row_hour_tokens(key)
    return tuple(sorted(tokens))


def open_hours(rows: Iterable[ScheduleLike]) -> tuple[str, ...]:
    """`sorted(open_hour_tokens(rows))`, each distinct row and set of rows worked out once."""
    return _open_hours(tuple(map(_schedule_key, rows)))


@functools.lru_cache(maxsize=4096)
def _open_throughout(keys: tuple[tuple[Any, ...], ...]) -> tuple[str, ...]:
    return tuple(sorted(open_throughout_tokens([ScheduleRow(*key) for key in keys])))


def open_hours_sure(rows: Iterable[ScheduleLike]) -> tuple[str, ...]:
    """`sorted(open_throughout_tokens(rows))`, each distinct set of rows worked out once."""
    return _open_throughout(tuple(map(_schedule_key, rows)))


@functools.lru_cache(maxsize=4096)
def _area_tokens(name: str, default_state: str | None) -> frozenset[str]:
    return frozenset(geo.area_tokens(name, default_state))


@functools.lru_cache(maxsize=4096)
def _cell_tokens(latitude: float, longitude: float) -> tuple[str, ...]:
    return tuple(geo.cell_tokens(latitude, longitude))


def _sortable(values: Iterable[Any]) -> tuple[tuple[bool, str], ...]:
    """A sort key for a row that may hold None among other values."""
    return tuple((value is None, str(value)) for value in values)


def _in_order(site: Site) -> Site:
    return site._replace(addresses=sorted(site.addresses, key=_sortable))


def _site_order(site: Site) -> tuple[Any, ...]:
    return (*_sortable((site.latitude, site.longitude)), *(_sortable(address) for address in site.addresses))


def build_document(
    service: ServiceFields,
    *,
    organization: str,
    terms: Iterable[Sequence[TermFields]],
    sites: Sequence[Site],
    organization_states: Iterable[str | None],
    service_areas: Iterable[str | None],
    languages: Iterable[str | None],
    schedules: Iterable[ScheduleLike],
) -> ServiceDocument:
    """The document of a service, given its columns, its organization's name, the chains (`term_chain`) of
    its taxonomy terms, its sites, its organization's locations' address states (read only when its
    sites have none), its service area names, its language codes and its schedules (`schedules_in_effect`)."""
    # Terms, sites, their addresses and schedules in an order of their own, not the database's: the same service
    # gives the same document whichever way its rows were read (the planner may return them in any order).
    chains = sorted((chain for chain in terms if chain), key=lambda chain: (chain[0].name, str(chain[0].id)))
    sites = sorted((_in_order(site) for site in sites), key=_site_order)
    flat = [term for chain in chains for term in chain]
    codes = sorted({term.code for term in flat if term.code})
    own_codes = {chain[0].code for chain in chains if chain[0].code}
    synonyms = [phrase for code in sorted(own_codes) for phrase in SYNONYMS.get(code, {})]
    places: list[str | None] = []
    cells: set[str] = set()
    coordinates: list[tuple[float, float]] = []
    for site in sites:
        if site.latitude is not None and site.longitude is not None:
            cells.update(_cell_tokens(site.latitude, site.longitude))
            coordinates.append((float(site.latitude), float(site.longitude)))
        for city, postal_code, _state in site.addresses:
            places.extend((city, postal_code))
    states = site_states(sites) or {state.upper() for state in organization_states if state}
    default_state = next(iter(sorted(states))) if len(states) == 1 else None
    areas: set[str] = set()
    for area in service_areas:
        areas.update(_area_tokens(area or "", default_state))
    codes_spoken = sorted({code.lower() for code in languages if code})
    insurance = sorted(
        {str(row["category"]) for row in service.insurance_accepted if isinstance(row, dict) and row.get("category")}
    )
    # As Service.current_accepting_new_clients: a stale capacity update no longer says anything.
    accepting = None if capacity_is_stale(service.capacity_updated_at) else service.accepting_new_clients
    # Whole seconds since the epoch; a naive time is UTC, as SQLite gives it back (`timestamp()` would take it
    # for the machine's local time).
    modified = epoch_microseconds(service.last_modified) // 1_000_000 if service.last_modified else 0
    rows = tuple(sorted(map(_schedule_key, schedules), key=_sortable))
    # The rows themselves only where some hour needs an exact look ("open now" at 9:15 when it opens at 9:30).
    may_open, surely_open = _open_hours(rows), _open_throughout(rows)
    return ServiceDocument(
        id=service.id,
        name=service.name,
        alternate_name=service.alternate_name or "",
        organization=organization,
        organization_id=str(service.organization_id),
        description=service.description or "",
        taxonomy_codes=tuple(codes),
        taxonomy_ids=tuple(sorted({str(term.id) for term in flat})),
        own_taxonomy_ids=tuple(sorted({str(chain[0].id) for chain in chains})),
        taxonomy_text=" ".join([*dict.fromkeys(term.name for term in flat), *synonyms]),
        eligibility=service.eligibility_description or "",
        languages=tuple(codes_spoken),
        insurance=tuple(insurance),
        places=" ".join(dict.fromkeys(p for p in places if p)),
        status=service.status.value,
        min_age=service.minimum_age,
        max_age=service.maximum_age,
        accepting_new_clients=accepting,
        capacity_updated=epoch_microseconds(service.capacity_updated_at) if service.capacity_updated_at else None,
        cells=tuple(sorted(cells)),
        areas=tuple(sorted(areas)),
        open_hours=may_open,
        open_hours_sure=surely_open,
        schedule=rows if may_open != surely_open else (),
        modified=modified,
        coordinates=tuple(coordinates),
        assured_day=day_number(service.assured_date) if service.assured_date else None,
    )


def _site(location: Location) -> Site:
    return Site(
        location.latitude,
        location.longitude,
        [(address.city, address.postal_code, address.state_province) for address in location.addresses],
    )


def _parent(term: TaxonomyTerm) -> TaxonomyTerm | None:
    return term.parent


def service_document(service: Service) -> ServiceDocument:
    """The document of a loaded service (its relationships load as they are read)."""
    organization = service.organization
    chains = [term_chain(term, _parent) for term in service.taxonomy_terms]
    return build_document(
        service,
        organization=organization.name,
        terms=chains,
        sites=[_site(sal.location) for sal in service.service_at_locations],
        organization_states=(
            address.state_province for location in organization.locations for address in location.addresses
        ),
        service_areas=(area.name for area in service.service_areas),
        languages=(language.code for language in service.languages),
        schedules=service_schedules(service),
    )
