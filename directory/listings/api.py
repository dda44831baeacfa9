"""The HSDS 3.1 read API (public, no key): parse the query string, call one operation, dump."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, Response, current_app, request, url_for

from directory.db import Session
from directory.listings import operations
from directory.listings.operations import Page, ServiceFilters
from directory.listings.schemas import (
    OrganizationSchema,
    OrganizationSummarySchema,
    PageArgsSchema,
    ServiceListArgsSchema,
    ServiceMinimalSchema,
    ServiceSchema,
    ServiceSummarySchema,
    TaxonomySchema,
    TaxonomyTermArgsSchema,
    TaxonomyTermSchema,
)
from directory.search import SearchIndex

bp = Blueprint("api", __name__, url_prefix="/api")

HSDS_PROFILE = "https://docs.openreferral.org/en/latest/hsds/"


def current_index() -> SearchIndex:
    index: SearchIndex = current_app.extensions["directory.index"]
    return index


@bp.after_request
def _public_reads(response: Response) -> Response:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def envelope(page: Page[Any], contents: list[Any]) -> dict[str, Any]:
    return {
        "total_items": page.total_items,
        "total_pages": page.total_pages,
        "page_number": page.page_number,
        "size": len(contents),
        "first_page": page.first_page,
        "last_page": page.last_page,
        "empty": page.empty,
        "contents": contents,
    }


@bp.get("/")
def root() -> dict[str, Any]:
    return {
        "version": "3.1",
        "profile": HSDS_PROFILE,
        "openapi_url": url_for("api.openapi", _external=True),
    }


@bp.get("/openapi.json")
def openapi() -> dict[str, Any]:
    from directory.listings.openapi import openapi_document

    return openapi_document(url_for("api.root", _external=True))


@bp.get("/services")
def list_services() -> dict[str, Any]:
    args = ServiceListArgsSchema().load(request.args)
    filters = ServiceFilters(
        search=args["search"],
        organization_id=args.get("organization_id"),
        taxonomy_term_id=args.get("taxonomy_term_id"),
        taxonomy_id=args.get("taxonomy_id"),
        modified_after=args.get("modified_after"),
    )
    page = operations.find_services_page(
        Session(), current_index(), filters, page=args["page"], per_page=args["per_page"]
    )
    schema = ServiceMinimalSchema if args["minimal"] else ServiceSummarySchema
    return envelope(page, schema(many=True).dump(page.items))


@bp.get("/services/<uuid:service_id>")
def show_service(service_id: uuid.UUID) -> dict[str, Any]:
    return ServiceSchema().dump(operations.get_service(Session(), service_id))  # type: ignore[no-any-return]


@bp.get("/organizations")
def list_organizations() -> dict[str, Any]:
    args = PageArgsSchema().load(request.args)
    page = operations.find_organizations_page(Session(), page=args["page"], per_page=args["per_page"])
    return envelope(page, OrganizationSummarySchema(many=True).dump(page.items))


@bp.get("/organizations/<uuid:organization_id>")
def show_organization(organization_id: uuid.UUID) -> dict[str, Any]:
    organization = operations.get_organization(Session(), organization_id)
    return OrganizationSchema().dump(organization)  # type: ignore[no-any-return]


@bp.get("/taxonomies")
def list_taxonomies() -> dict[str, Any]:
    args = PageArgsSchema().load(request.args)
    page = operations.find_taxonomies_page(Session(), page=args["page"], per_page=args["per_page"])
    return envelope(page, TaxonomySchema(many=True).dump(page.items))


@bp.get("/taxonomies/<uuid:taxonomy_id>")
def show_taxonomy(taxonomy_id: uuid.UUID) -> dict[str, Any]:
    return TaxonomySchema().dump(operations.get_taxonomy(Session(), taxonomy_id))  # type: ignore[no-any-return]


@bp.get("/taxonomy_terms")
def list_taxonomy_terms() -> dict[str, Any]:
    args = TaxonomyTermArgsSchema().load(request.args)
    page = operations.find_taxonomy_terms_page(Session(), **args)
    return envelope(page, TaxonomyTermSchema(many=True).dump(page.items))


@bp.get("/taxonomy_terms/<uuid:term_id>")
def show_taxonomy_term(term_id: uuid.UUID) -> dict[str, Any]:
    return TaxonomyTermSchema().dump(operations.get_taxonomy_term(Session(), term_id))  # type: ignore[no-any-return]
