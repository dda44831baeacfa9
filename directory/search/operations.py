"""Finding services: what a person asked for -> filtered, ranked, hydrated results with facets.

The index answers which services match, exactly (within a distance, open right now), and ranks them; the
database supplies everything shown.
"""

from __future__ import annotations

import math
import threading
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import cachetools
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from directory import geo
from directory.db import utcnow
from directory.errors import InvalidInput
from directory.listings import hours
from directory.listings.changes import latest_change
from directory.listings.models import (
    CAPACITY_FRESH_DAYS,
    VISIBLE_STATUSES,
    Attribute,
    Location,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.listings.operations import Page
from directory.search import SearchFilters, SearchIndex, SearchRequest, epoch_microseconds, ranking
from directory.search.documents import service_schedules
from directory.search.following import IndexFollower, follower_for
from directory.search.query import Corrector, UnderstoodQuery, understand
from directory.search.vocabulary import EXTRA_WORDS


@dataclass(frozen=True)
class Origin:
    latitude: float
    longitude: float
    label: str
    place: geo.ZipPlace | None = None


@dataclass(frozen=True)
class ServiceSearch:
    """What someone asked for. Every part is optional and they combine with AND."""

    text: str = ""
    taxonomy_term_ids: tuple[uuid.UUID, ...] = ()
    taxonomy_codes: tuple[str, ...] = ()
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    modified_after: datetime | None = None
    languages: tuple[str, ...] = ()
    insurance: tuple[str, ...] = ()
    open_now: bool = False
    postcode: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    radius_miles: float | None = None
    age: int | None = None
    accepting_new_clients: bool | None = None
    service_ids: tuple[uuid.UUID, ...] | None = None
    sort: ranking.Sort = "relevance"
    facets: bool = True
    debug: bool = False


@dataclass
class RankedService:
    service: Service
    score: float
    distance_miles: float | None = None
    open_now: bool | None = None
    opens_at: datetime | None = None
    explanation: dict[str, Any] | None = None


@dataclass(frozen=True)
class SearchPage(Page[RankedService]):
    """A page of ranked services, with what the search understood and counted."""

    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    query: UnderstoodQuery | None = None
    did_you_mean: str | None = None
    origin: Origin | None = None


@dataclass
class Candidate:
    """A service a search found, with what ranked it."""

    id: uuid.UUID
    score: float
    text_score: float | None = None
    distance: float | None = None
    parts: Mapping[str, float] | None = None


# -- the request -> index filters --------------------------------------------------------------------------


def known_zip(postcode: str) -> geo.ZipPlace:
    """The place of a ZIP code the directory knows; refused by name otherwise."""
    place = geo.find_zip(postcode)
    if place is None:
        raise InvalidInput(
            f"ZIP code {postcode!r} is not a US ZIP code we know.", {"postcode": ["unknown or malformed ZIP code"]}
        )
    return place


def resolve_origin(search: ServiceSearch) -> Origin | None:
    if search.postcode:
        place = known_zip(search.postcode)
        return Origin(place.latitude, place.longitude, place.postcode, place)
    if search.latitude is not None and search.longitude is not None:
        return Origin(search.latitude, search.longitude, f"{search.latitude:.4f},{search.longitude:.4f}")
    return None


def _term_ids(session: Session, search: ServiceSearch) -> tuple[str, ...]:
    ids = {str(term_id) for term_id in search.taxonomy_term_ids}
    if search.taxonomy_codes:
        found = dict(
            session.execute(
                select(TaxonomyTerm.code, TaxonomyTerm.id).where(TaxonomyTerm.code.in_(search.taxonomy_codes))
            ).all()
        )
        unknown = sorted(set(search.taxonomy_codes) - set(found))
        if unknown:
            raise InvalidInput(
                f"Unknown service type: {', '.join(unknown)}.", {"taxonomy_code": [f"unknown code {unknown[0]}"]}
            )
        ids.update(str(term_id) for term_id in found.values())
    return tuple(sorted(ids))


def _filters(session: Session, search: ServiceSearch, origin: Origin | None, now: datetime) -> SearchFilters:
    """The index filters of a search."""
    term_ids = _term_ids(session, search)
    if search.taxonomy_id:
        in_taxonomy = {
            str(i)
            for i in session.scalars(select(TaxonomyTerm.id).where(TaxonomyTerm.taxonomy_id == search.taxonomy_id))
        }
        term_ids = tuple(sorted(set(term_ids) & in_taxonomy)) if term_ids else tuple(sorted(in_taxonomy))
        if not term_ids:
            term_ids = ("none",)
    cells: tuple[str, ...] = ()
    inner: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    near = None
    if origin and search.radius_miles is not None:
        near = (origin.latitude, origin.longitude, search.radius_miles)
        covering = geo.covering_cells(origin.latitude, origin.longitude, search.radius_miles)
        cells = tuple(covering)
        inner = tuple(geo.inner_cells(origin.latitude, origin.longitude, search.radius_miles, covering))
        if origin.place is not None:
            areas = (*sorted(geo.origin_area_tokens(origin.place)), f"zip:{origin.place.postcode}")
    filters = SearchFilters(
        taxonomy_ids=term_ids,
        languages=tuple(code.lower() for code in search.languages),
        insurance=search.insurance,
        age=search.age,
        accepting_new_clients=search.accepting_new_clients,
        stale_before=epoch_microseconds(utcnow() - timedelta(days=CAPACITY_FRESH_DAYS)),
        organization_id=str(search.organization_id) if search.organization_id else None,
        modified_after=int(search.modified_after.timestamp()) - 1 if search.modified_after else None,
        cells=cells,
        inner_cells=inner,
        near=near,
        areas=areas,
        open_at=now.replace(second=0, microsecond=0) if search.open_now else None,  # hours say minutes
        service_ids=search.service_ids,
    )
    return filters


# -- correction --------------------------------------------------------------------------------------------

_corrector_cache: dict[int, tuple[Any, Corrector]] = {}


def corrector_for(index: SearchIndex) -> Corrector:
    """A spelling corrector over the index's words, rebuilt when the index's word list changes."""
    frequencies = index.word_frequencies()
    cached = _corrector_cache.get(id(index))
    if cached is None or cached[0] is not frequencies:
        cached = (frequencies, Corrector(frequencies, EXTRA_WORDS))
        _corrector_cache[id(index)] = cached
    return cached[1]


# -- the operation -----------------------------------------------------------------------------------------


@dataclass
class Found:
    """The ranked services of a search, not yet loaded."""

    candidates: list[Candidate]
    total: int
    facets: dict[str, list[dict[str, Any]]]
    query: UnderstoodQuery | None
    origin: Origin | None


def find_services(
    session: Session,
    search: ServiceSearch,
    *,
    now: datetime,
    wanted: int,
    follower: IndexFollower | None = None,
) -> Found:
    """Services matching `search`, ranked, the best `wanted` of them (their ids and what ranked them).

    The index (the database's own, unless `follower` names another) filters, counts and ranks every match
    (`ranking`); the database only drops services retired since they were indexed. `now` is the directory's
    local time, passed in so the result is reproducible.
    """
    follower = follower or follower_for(session)
    follower.catch_up(session)
    index = follower.index
    origin = resolve_origin(search)
    filters = _filters(session, search, origin, now)
    understood = understand(search.text, corrector_for(index)) if search.text.strip() else None
    if understood is not None and understood.is_empty:
        understood = None
    order = ranking.Ranking(
        today=now.date(),
        origin=(origin.latitude, origin.longitude) if origin else None,
        sort=search.sort,
        explain=search.debug,
    )
    results = index.search(SearchRequest(understood, filters, wanted, facets=search.facets, ranking=order))
    visible = _visible(session, [hit.id for hit in results.hits])
    candidates = [
        Candidate(hit.id, hit.score, hit.text_score, hit.distance, hit.parts)
        for hit in results.hits
        if hit.id in visible
    ]
    facets = _index_facets(session, results.facets) if search.facets else {}
    return Found(candidates, results.total, facets, understood, origin)


def search_services(
    session: Session,
    search: ServiceSearch,
    *,
    now: datetime,
    page: int = 1,
    per_page: int = 20,
    summary: bool = False,
) -> SearchPage:
    """Services matching `search`, ranked, one page of them loaded from the database (see `find_services`;
    `summary` as `load_found`)."""
    found = find_services(session, search, now=now, wanted=page * per_page)
    start = (page - 1) * per_page
    chosen = found.candidates[start : start + per_page]
    items = load_found(session, chosen, now, debug=search.debug, summary=summary)
    did_you_mean = found.query.corrected_text if found.query is not None else None
    return SearchPage(items, found.total, page, per_page, found.facets, found.query, did_you_mean, found.origin)


def _visible(session: Session, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Those of these services still shown (one retired since it was indexed is not)."""
    found: set[uuid.UUID] = set()
    for start in range(0, len(ids), 900):
        found.update(
            session.scalars(
                select(Service.id).where(Service.id.in_(ids[start : start + 900]), Service.status.in_(VISIBLE_STATUSES))
            )
        )
    return found


def _index_facets(session: Session, counts: Any) -> dict[str, list[dict[str, Any]]]:
    """Counts over the whole result (not just the page), as the index counted them."""
    return _facet_lists(
        session,
        Counter(counts.get("own_taxonomy_ids", {})),
        Counter(counts.get("languages", {})),
        Counter(counts.get("insurance", {})),
        Counter(counts.get("accepting", {})),
    )


def _facet_lists(
    session: Session,
    terms: Counter[str],
    languages: Counter[str],
    insurance: Counter[str],
    accepting: Counter[str],
) -> dict[str, list[dict[str, Any]]]:
    """The facets as the page's filters show them, most common first."""
    names: dict[str, tuple[str | None, str]] = {}
    wanted = [uuid.UUID(term_id) for term_id in terms]
    for start in range(0, len(wanted), 900):
        for term_id, code, name in session.execute(
            select(TaxonomyTerm.id, TaxonomyTerm.code, TaxonomyTerm.name).where(
                TaxonomyTerm.id.in_(wanted[start : start + 900])
            )
        ).all():
            names[str(term_id)] = (code, name)
    known = [(term_id, count) for term_id, count in terms.items() if term_id in names and count]
    return {
        "taxonomy_terms": [
            {"id": term_id, "code": names[term_id][0], "name": names[term_id][1], "count": count}
            for term_id, count in sorted(known, key=lambda item: (-item[1], names[item[0]][1]))
        ],
        "languages": [{"value": v, "count": n} for v, n in sorted(languages.items(), key=lambda i: (-i[1], i[0])) if n],
        "insurance": [{"value": v, "count": n} for v, n in sorted(insurance.items(), key=lambda i: (-i[1], i[0])) if n],
        "accepting_new_clients": [
            {"value": v, "count": accepting[v]} for v in ("yes", "no", "unknown") if accepting[v]
        ],
    }


def load_found(
    session: Session, chosen: Sequence[Candidate], now: datetime, *, debug: bool = False, summary: bool = False
) -> list[RankedService]:
    """These ranked services loaded whole (everything a page shows), in their order; with `summary`, only what
    a listing summary shows (the service, its organization and program, and the hours for "open now")."""
    if not chosen:
        return []
    sal = selectinload(Service.service_at_locations)
    hours_options = [
        selectinload(Service.schedules),
        sal.selectinload(ServiceAtLocation.schedules),
        sal.joinedload(ServiceAtLocation.location).selectinload(Location.schedules),
    ]
    whole_options = [
        selectinload(Service.phones),
        selectinload(Service.languages),
        selectinload(Service.required_documents),
        selectinload(Service.attributes).joinedload(Attribute.taxonomy_term),
        sal.joinedload(ServiceAtLocation.location).selectinload(Location.addresses),
    ]
    services = {
        s.id: s
        for s in session.scalars(
            select(Service)
            .where(Service.id.in_([c.id for c in chosen]))
            .options(
                joinedload(Service.organization),
                joinedload(Service.program),
                *hours_options,
                *([] if summary else whole_options),
            )
        ).unique()
    }
    items = []
    for c in chosen:
        service = services.get(c.id)
        if service is None:  # retired a moment ago
            continue
        rows = service_schedules(service)
        is_open = hours.is_open(rows, now)
        item = RankedService(service, round(c.score, 6), c.distance, is_open)
        if is_open is False:
            item.opens_at = hours.next_opening(rows, now)
        if debug:
            item.explanation = {
                "score": round(c.score, 6),
                "text_score": round(c.text_score, 6) if c.text_score is not None else None,
                "parts": {name: round(value, 4) for name, value in (c.parts or {}).items()},
                "weights": dict(ranking.WEIGHTS),
                "distance_miles": round(c.distance, 3) if c.distance is not None else None,
            }
        items.append(item)
    return items


# -- repeated searches ----------------------------------------------------------------------------------------


class PageMemory:
    """Search answers as sent, kept in this process's memory (never on disk) for repeats of the same request.

    An answer is kept only while it is exact: under the listing change log's latest position (an edit anywhere
    starts afresh) and within the minute it was made (so "open now" and a lapsing capacity update are at most
    a minute behind). It is not kept when the index is behind the database.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        # The oldest answer makes way for a new one. A cachetools cache is not safe across threads: every use locks.
        self._answers: cachetools.FIFOCache[Any, Any] = cachetools.FIFOCache(max(size, 1))
        self._lock = threading.Lock()

    def recall(self, session: Session, request: Any, now: datetime, make: Any) -> Any:
        if self.size <= 0:
            return make()
        position = latest_change(session)
        key = (request, position, now.isoformat(timespec="minutes"))
        with self._lock:
            found = self._answers.get(key)
        if found is not None:  # made when the index was current to this very position
            return found
        follower = follower_for(session)
        follower.catch_up(session)
        current = follower.index.position() == position  # else another process is still applying changes
        found = make()
        if current and follower.index.position() == position:
            with self._lock:
                self._answers[key] = found
        return found


# -- services at locations (HSDS /service_at_locations) -----------------------------------------------------


@dataclass(frozen=True)
class LocationSearch:
    text: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    modified_after: datetime | None = None
    postcode: str | None = None
    proximity_metres: float | None = None


@dataclass(frozen=True)
class LocatedPage(Page[ServiceAtLocation]):
    """A page of services at locations, with each one's distance when the search was near a place."""

    distances: dict[uuid.UUID, float] = field(default_factory=dict)


METRES_PER_MILE = 1609.344


def find_service_at_locations_page(
    session: Session, search: LocationSearch, *, page: int = 1, per_page: int = 20
) -> LocatedPage:
    """Services at locations, as HSDS asks: `postcode` keeps those whose service covers that ZIP code (its
    service areas, or the location's own ZIP when the service names no area); with `proximity`, those within
    that many metres of the ZIP code's centre, nearest first."""
    service_ids: list[uuid.UUID] | None = None
    if search.text.strip() or search.taxonomy_term_id or search.taxonomy_id or search.organization_id:
        found = search_services(
            session,
            ServiceSearch(
                text=search.text,
                taxonomy_term_ids=(search.taxonomy_term_id,) if search.taxonomy_term_id else (),
                taxonomy_id=search.taxonomy_id,
                organization_id=search.organization_id,
                facets=False,
            ),
            now=datetime.now().astimezone(),
            per_page=100_000,
        )
        service_ids = [item.service.id for item in found.items]
    query = (
        select(ServiceAtLocation)
        .join(Service, Service.id == ServiceAtLocation.service_id)
        .where(Service.status.in_(VISIBLE_STATUSES))
        .options(
            joinedload(ServiceAtLocation.service).selectinload(Service.service_areas),
            joinedload(ServiceAtLocation.location).selectinload(Location.addresses),
        )
    )
    if service_ids is not None:
        query = query.where(ServiceAtLocation.service_id.in_(service_ids))
    if search.modified_after:
        query = query.where(Service.last_modified >= search.modified_after)
    rows = list(session.scalars(query).unique())
    distances: dict[uuid.UUID, float] = {}
    if search.postcode:
        place = known_zip(search.postcode)
        for sal in rows:
            if sal.location.latitude is not None and sal.location.longitude is not None:
                distances[sal.id] = geo.distance_miles(
                    place.latitude, place.longitude, sal.location.latitude, sal.location.longitude
                )
        if search.proximity_metres is not None:
            limit_miles = search.proximity_metres / METRES_PER_MILE
            rows = [sal for sal in rows if sal.id in distances and distances[sal.id] <= limit_miles]
        else:
            rows = [sal for sal in rows if _covers(sal, place)]
        rows.sort(key=lambda sal: (distances.get(sal.id, math.inf), sal.service.name, str(sal.id)))
    else:
        order = {service_id: i for i, service_id in enumerate(service_ids or [])}
        rows.sort(key=lambda sal: (order.get(sal.service_id, 0), sal.service.name, str(sal.id)))
    start = (page - 1) * per_page
    return LocatedPage(rows[start : start + per_page], len(rows), page, per_page, distances)


def _covers(sal: ServiceAtLocation, place: geo.ZipPlace) -> bool:
    wanted = geo.origin_area_tokens(place) | {f"zip:{place.postcode}"}
    areas = list(sal.service.service_areas)
    if areas:
        state = next((a.state_province for a in sal.location.addresses if a.state_province), None)
        return any(geo.area_tokens(area.name or "", state) & wanted for area in areas)
    return any(address.postal_code[:5] == place.postcode for address in sal.location.addresses)
