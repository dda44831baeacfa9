"""Use-cases over listings. They take a session (and an index where they write), never touch HTTP,
and raise domain errors (`NotFound`, `InvalidInput`)."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.sql.base import ExecutableOption

from directory.errors import NotFound
from directory.hsds.json_import import import_directory_folder
from directory.listings.models import (
    VISIBLE_STATUSES,
    Attribute,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
    Taxonomy,
    TaxonomyTerm,
)
from directory.search import SearchIndex
from directory.search.documents import service_document

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


def _full_service_options() -> list[ExecutableOption]:
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


def _summary_options() -> list[ExecutableOption]:
    """What a results list shows: organization, program, the first phone and the places."""
    return [
        joinedload(Service.organization),
        joinedload(Service.program),
        selectinload(Service.phones),
        selectinload(Service.service_at_locations)
        .joinedload(ServiceAtLocation.location)
        .selectinload(Location.addresses),
    ]


def _index_options() -> list[ExecutableOption]:
    sal = selectinload(Service.service_at_locations)
    return [
        joinedload(Service.organization),
        selectinload(Service.languages),
        selectinload(Service.attributes).joinedload(Attribute.taxonomy_term),
        sal.joinedload(ServiceAtLocation.location).selectinload(Location.addresses),
    ]


# -- services ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceFilters:
    search: str = ""
    organization_id: uuid.UUID | None = None
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    modified_after: datetime | None = None


def find_services_page(
    session: Session, index: SearchIndex, filters: ServiceFilters, *, page: int = 1, per_page: int = 20
) -> Page[Service]:
    """Services people can act on (active or temporarily closed), filtered, in name order or search rank."""
    query = select(Service).where(Service.status.in_(VISIBLE_STATUSES)).options(*_summary_options())
    if filters.organization_id:
        query = query.where(Service.organization_id == filters.organization_id)
    if filters.modified_after:
        query = query.where(Service.last_modified > filters.modified_after)
    if filters.taxonomy_term_id or filters.taxonomy_id:
        tagged = select(Attribute.link_id).where(Attribute.link_entity == "service")
        if filters.taxonomy_term_id:
            term_ids = select(TaxonomyTerm.id).where(
                (TaxonomyTerm.id == filters.taxonomy_term_id) | (TaxonomyTerm.parent_id == filters.taxonomy_term_id)
            )
            tagged = tagged.where(Attribute.taxonomy_term_id.in_(term_ids))
        if filters.taxonomy_id:
            tagged = tagged.join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id).where(
                TaxonomyTerm.taxonomy_id == filters.taxonomy_id
            )
        query = query.where(Service.id.in_(tagged))
    if not filters.search:
        return _page(session, query.order_by(Service.name, Service.id), page, per_page)

    hits = index.search(filters.search, limit=1000)
    rank = {hit.id: position for position, hit in enumerate(hits)}
    if not rank:
        return Page([], 0, page, per_page)
    matching = list(session.scalars(query.where(Service.id.in_(list(rank)))).unique())
    matching.sort(key=lambda service: rank[service.id])
    start = (page - 1) * per_page
    return Page(matching[start : start + per_page], len(matching), page, per_page)


def get_service(session: Session, service_id: uuid.UUID) -> Service:
    """The fully nested service, whatever its status (a retired listing still answers, saying so)."""
    service = session.scalars(select(Service).where(Service.id == service_id).options(*_full_service_options())).first()
    if service is None:
        raise NotFound(f"No service with id {service_id}.")
    return service


# -- organizations ----------------------------------------------------------------------------------------


def find_organizations_page(session: Session, *, page: int = 1, per_page: int = 20) -> Page[Organization]:
    return _page(session, select(Organization).order_by(Organization.name, Organization.id), page, per_page)


def get_organization(session: Session, organization_id: uuid.UUID) -> Organization:
    organization = session.scalars(
        select(Organization)
        .where(Organization.id == organization_id)
        .options(
            selectinload(Organization.phones),
            selectinload(Organization.programs),
            selectinload(Organization.funding),
            selectinload(Organization.contacts),
            selectinload(Organization.locations).selectinload(Location.addresses),
            selectinload(Organization.locations).selectinload(Location.phones),
            selectinload(Organization.locations).selectinload(Location.schedules),
            selectinload(Organization.locations).selectinload(Location.languages),
            selectinload(Organization.locations).selectinload(Location.accessibility),
            selectinload(Organization.services),
        )
    ).first()
    if organization is None:
        raise NotFound(f"No organization with id {organization_id}.")
    return organization


# -- taxonomy ---------------------------------------------------------------------------------------------


def find_taxonomies_page(session: Session, *, page: int = 1, per_page: int = 20) -> Page[Taxonomy]:
    return _page(session, select(Taxonomy).order_by(Taxonomy.name, Taxonomy.id), page, per_page)


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
    page: int = 1,
    per_page: int = 20,
) -> Page[TaxonomyTerm]:
    query = select(TaxonomyTerm).options(joinedload(TaxonomyTerm.taxonomy_detail))
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
class Category:
    """A top-level category of the directory's own taxonomy, with its terms and how many services each has."""

    term: TaxonomyTerm
    subcategories: list[tuple[TaxonomyTerm, int]]

    @property
    def service_count(self) -> int:
        return sum(count for _, count in self.subcategories)


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
        subcategories = [(child, counts.get(child.id, 0)) for child in parent.children]
        if any(count for _, count in subcategories):
            categories.append(Category(parent, [(t, c) for t, c in subcategories if c]))
    return categories


# -- seeding and the index --------------------------------------------------------------------------------


def iter_index_documents(session: Session, batch_size: int = 500) -> Iterator[Any]:
    """Documents for every searchable service, loaded in batches."""
    ids = list(session.scalars(select(Service.id).where(Service.status.in_(VISIBLE_STATUSES)).order_by(Service.id)))
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        services = session.scalars(select(Service).where(Service.id.in_(batch)).options(*_index_options())).unique()
        for service in services:
            yield service_document(service)


def rebuild_index(session: Session, index: SearchIndex) -> int:
    """Rebuild the search index from the database (the source of truth)."""
    return index.rebuild(iter_index_documents(session))


@dataclass(frozen=True)
class SeedResult:
    imported: dict[str, int]
    indexed: int


def seed_directory(session: Session, index: SearchIndex, folder: Path) -> SeedResult:
    """Load the seeded county (HSDS 3.1 JSON) and rebuild the index; loading twice changes nothing."""
    try:
        imported = import_directory_folder(session, folder)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return SeedResult(imported, rebuild_index(session, index))


def count_rows(session: Session, models: Sequence[type[Any]]) -> dict[str, int]:
    return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0 for model in models}
