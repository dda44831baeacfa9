"""Use-cases over listings. They take a session (and an index where they write), never touch HTTP,
and raise domain errors (`NotFound`, `InvalidInput`)."""

from __future__ import annotations

import math
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from cachetools import TTLCache
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.sql.base import ExecutableOption

from directory.errors import NotFound
from directory.listings import changes
from directory.listings.models import (
    VISIBLE_STATUSES,
    Attribute,
    Language,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
    Taxonomy,
    TaxonomyTerm,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total_items: int
    page_number: int
    per_page: int

    @property
    def total_pages(self) -> int:
        return max(1, math.ceil(self.total_items / self.per_page)) if self.total_items else 0

    @property
    def first_page(self) -> bool:
        return self.page_number == 1

    @property
    def last_page(self) -> bool:
        return self.page_number >= self.total_pages

    @property
    def empty(self) -> bool:
        return not self.items


def _page(session: Session, query: Select[Any], page: int, per_page: int) -> Page[Any]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    items = list(session.scalars(query.limit(per_page).offset((page - 1) * per_page)).unique())
    return Page(items, total, page, per_page)


# -- loading options -----------------------------------------------------------------------------------


def full_service_options() -> list[ExecutableOption]:
    sal = selectinload(Service.service_at_locations)
    location = sal.joinedload(ServiceAtLocation.location)
    return [
        joinedload(Service.organization),
        joinedload(Service.program),
        selectinload(Service.phones),
        selectinload(Service.schedules),
        selectinload(Service.service_areas),
        selectinload(Service.languages),
        selectinload(Service.funding),
        selectinload(Service.cost_options),
        selectinload(Service.required_documents),
        selectinload(Service.contacts),
        selectinload(Service.capacities).joinedload(ServiceCapacity.unit),
        selectinload(Service.attributes).joinedload(Attribute.taxonomy_term),
        sal.selectinload(ServiceAtLocation.phones),
        sal.selectinload(ServiceAtLocation.schedules),
        sal.selectinload(ServiceAtLocation.service_areas),
        sal.selectinload(ServiceAtLocation.contacts),
        location.selectinload(Location.addresses),
        location.selectinload(Location.phones),
        location.selectinload(Location.schedules),
        location.selectinload(Location.languages),
        location.selectinload(Location.accessibility),
    ]


def summary_options() -> list[ExecutableOption]:
    """What a list of services shows of each (a shared list, say): organization, phones, the places' addresses and
    the languages spoken."""
    return [
        joinedload(Service.organization),
        selectinload(Service.phones),
        selectinload(Service.languages),
        selectinload(Service.service_at_locations)
        .joinedload(ServiceAtLocation.location)
        .selectinload(Location.addresses),
    ]


# -- services ---------------------------------------------------------------------------------------------


def get_service(session: Session, service_id: uuid.UUID) -> Service:
    """The fully nested service, whatever its status (a retired listing still answers, saying so)."""
    service = session.scalars(select(Service).where(Service.id == service_id).options(*full_service_options())).first()
    if service is None:
        raise NotFound(f"No service with id {service_id}.")
    return service


def get_service_at_location(session: Session, sal_id: uuid.UUID) -> ServiceAtLocation:
    sal = session.scalars(
        select(ServiceAtLocation)
        .where(ServiceAtLocation.id == sal_id)
        .options(
            selectinload(ServiceAtLocation.phones),
            selectinload(ServiceAtLocation.schedules),
            selectinload(ServiceAtLocation.service_areas),
            selectinload(ServiceAtLocation.contacts),
            joinedload(ServiceAtLocation.location).selectinload(Location.addresses),
            joinedload(ServiceAtLocation.location).selectinload(Location.phones),
            joinedload(ServiceAtLocation.location).selectinload(Location.schedules),
            joinedload(ServiceAtLocation.location).selectinload(Location.languages),
            joinedload(ServiceAtLocation.location).selectinload(Location.accessibility),
        )
    ).first()
    if sal is None:
        raise NotFound(f"No service at location with id {sal_id}.")
    return sal


# -- organizations ----------------------------------------------------------------------------------------


def _words_found(text: str, *columns: Any) -> list[ColumnElement[bool]]:
    """Each word of `text` found, in any case, in one of `columns` (HSDS's `search` on the lists)."""
    return [or_(*(column.icontains(word, autoescape=True) for column in columns)) for word in text.split()]


def find_organizations_page(
    session: Session,
    *,
    search: str = "",
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    page: int = 1,
    per_page: int = 20,
) -> Page[Organization]:
    query = select(Organization).where(
        *_words_found(search, Organization.name, Organization.alternate_name, Organization.description)
    )
    if taxonomy_term_id or taxonomy_id:
        tagged = (
            select(Service.organization_id)
            .join(Attribute, (Attribute.link_id == Service.id) & (Attribute.link_entity == "service"))
            .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
            .where(Service.status.in_(VISIBLE_STATUSES))
        )
        if taxonomy_term_id:
            tagged = tagged.where(TaxonomyTerm.id == taxonomy_term_id)
        if taxonomy_id:
            tagged = tagged.where(TaxonomyTerm.taxonomy_id == taxonomy_id)
        query = query.where(Organization.id.in_(tagged))
    return _page(session, query.order_by(Organization.name, Organization.id), page, per_page)


def full_organization_options() -> list[ExecutableOption]:
    locations = selectinload(Organization.locations)
    return [
        selectinload(Organization.phones),
        selectinload(Organization.programs),
        selectinload(Organization.funding),
        selectinload(Organization.contacts),
        locations.selectinload(Location.addresses),
        locations.selectinload(Location.phones),
        locations.selectinload(Location.schedules),
        locations.selectinload(Location.languages),
        locations.selectinload(Location.accessibility),
        selectinload(Organization.services),
    ]


def get_organization(session: Session, organization_id: uuid.UUID) -> Organization:
    organization = session.scalars(
        select(Organization).where(Organization.id == organization_id).options(*full_organization_options())
    ).first()
    if organization is None:
        raise NotFound(f"No organization with id {organization_id}.")
    return organization


# -- taxonomy ---------------------------------------------------------------------------------------------


def find_taxonomies_page(session: Session, *, search: str = "", page: int = 1, per_page: int = 20) -> Page[Taxonomy]:
    query = select(Taxonomy).where(*_words_found(search, Taxonomy.name, Taxonomy.description))
    return _page(session, query.order_by(Taxonomy.name, Taxonomy.id), page, per_page)


def get_taxonomy(session: Session, taxonomy_id: uuid.UUID) -> Taxonomy:
    taxonomy = session.get(Taxonomy, taxonomy_id)
    if taxonomy is None:
        raise NotFound(f"No taxonomy with id {taxonomy_id}.")
    return taxonomy


def find_taxonomy_terms_page(
    session: Session,
    *,
    taxonomy_id: uuid.UUID | None = None,
    parent_id: uuid.UUID | None = None,
    top_only: bool = False,
    search: str = "",
    page: int = 1,
    per_page: int = 20,
) -> Page[TaxonomyTerm]:
    query = select(TaxonomyTerm).options(joinedload(TaxonomyTerm.taxonomy_detail))
    query = query.where(*_words_found(search, TaxonomyTerm.name, TaxonomyTerm.code, TaxonomyTerm.description))
    if taxonomy_id:
        query = query.where(TaxonomyTerm.taxonomy_id == taxonomy_id)
    if parent_id:
        query = query.where(TaxonomyTerm.parent_id == parent_id)
    if top_only:
        query = query.where(TaxonomyTerm.parent_id.is_(None))
    return _page(session, query.order_by(TaxonomyTerm.name, TaxonomyTerm.id), page, per_page)


def get_taxonomy_term(session: Session, term_id: uuid.UUID) -> TaxonomyTerm:
    term = session.get(TaxonomyTerm, term_id, options=[joinedload(TaxonomyTerm.taxonomy_detail)])
    if term is None:
        raise NotFound(f"No taxonomy term with id {term_id}.")
    return term


@dataclass(frozen=True)
class Term:
    """What a page shows of a taxonomy term (a copy: it outlives the session that read it)."""

    code: str | None
    name: str


@dataclass(frozen=True)
class Category:
    """A top-level category of the directory's own taxonomy, with its terms and how many services each has."""

    term: Term
    subcategories: list[tuple[Term, int]]


def list_categories(session: Session) -> list[Category]:
    """Top-level terms that have sub-terms, each sub-term with its count of visible services."""
    rows = session.execute(
        select(Attribute.taxonomy_term_id, func.count(func.distinct(Attribute.link_id)))
        .join(Service, Service.id == Attribute.link_id)
        .where(Attribute.link_entity == "service", Service.status.in_(VISIBLE_STATUSES))
        .group_by(Attribute.taxonomy_term_id)
    ).all()
    counts: dict[Any, int] = {term_id: count for term_id, count in rows}
    parents = session.scalars(
        select(TaxonomyTerm)
        .where(TaxonomyTerm.parent_id.is_(None))
        .options(selectinload(TaxonomyTerm.children))
        .order_by(TaxonomyTerm.name)
    )
    categories = []
    for parent in parents:
        subcategories = [(Term(child.code, child.name), counts.get(child.id, 0)) for child in parent.children]
        if any(count for _, count in subcategories):
            categories.append(Category(Term(parent.code, parent.name), [(t, c) for t, c in subcategories if c]))
    return categories


def list_languages(session: Session) -> list[tuple[str, str]]:
    """(code, name) of every language some visible service is offered in, by name."""
    rows = session.execute(
        select(func.lower(Language.code), func.min(Language.name))
        .join(Service, Service.id == Language.service_id)
        .where(Language.code.is_not(None), Service.status.in_(VISIBLE_STATUSES))
        .group_by(func.lower(Language.code))
    ).all()
    return sorted(((code, name or code) for code, name in rows), key=lambda row: row[1])


class DirectoryTotals:
    """The categories and languages the search forms offer, with their counts, remembered by each process.

    Both are aggregates over every listing, wanted by every home, search and workspace page. Each is worked out
    again when the listing change log moves (an edit anywhere) or after a minute (a renamed category logs no
    listing change), else remembered.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._kept: TTLCache[tuple[str, int], Any] = TTLCache(maxsize=8, ttl=60, timer=lambda: time.time())
        self._lock = threading.Lock()

    def categories(self, session: Session) -> list[Category]:
        return self._recall(session, "categories", list_categories)  # type: ignore[no-any-return]

    def languages(self, session: Session) -> list[tuple[str, str]]:
        return self._recall(session, "languages", list_languages)  # type: ignore[no-any-return]

    def _recall(self, session: Session, what: str, make: Callable[[Session], Any]) -> Any:
        if not self.enabled:
            return make(session)
        key = (what, changes.latest_change(session))
        with self._lock:
            if key in self._kept:
                return self._kept[key]
        value = make(session)
        with self._lock:
            self._kept[key] = value
        return value


# -- freshness -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaleRow:
    service: Service
    verified_days: int | None  # days since verified; None: never
    capacity_expired: bool


@dataclass(frozen=True)
class StalenessReport:
    rows: list[StaleRow]
    never_verified: int
    over_six_months: int
    over_twelve_months: int
    capacity_expired: int
    total: int


def staleness_report(session: Session, today: date, *, sort: str = "verified") -> StalenessReport:
    """What needs a coordinator's eyes: listings unverified for 6+ months and capacity updates gone stale."""
    services = list(
        session.scalars(
            select(Service).where(Service.status.in_(VISIBLE_STATUSES)).options(joinedload(Service.organization))
        )
    )
    rows = []
    counts = {"never": 0, "six": 0, "twelve": 0, "capacity": 0}
    for service in services:
        days = (today - service.assured_date).days if service.assured_date else None
        expired = service.capacity_is_stale
        counts["never"] += days is None
        counts["six"] += days is not None and days > 182
        counts["twelve"] += days is not None and days > 365
        counts["capacity"] += expired
        if days is None or days > 182 or expired:
            rows.append(StaleRow(service, days, expired))
    keys = {
        "verified": lambda r: (-(r.verified_days if r.verified_days is not None else 10**6), r.service.name),
        "name": lambda r: (r.service.name.casefold(), 0),
        "organization": lambda r: (r.service.organization.name.casefold(), r.service.name),
        "capacity": lambda r: (not r.capacity_expired, r.service.name),
    }
    rows.sort(key=keys.get(sort, keys["verified"]))
    return StalenessReport(rows, counts["never"], counts["six"], counts["twelve"], counts["capacity"], len(services))
