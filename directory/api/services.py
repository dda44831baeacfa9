"""The HSDS 3.1 read API (public, no key): parse the query string, call one operation, dump."""

from __future__ import annotations

import json
import uuid
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request, url_for

from directory.accounts.access import WRITERS, public, token_required
from directory.api.openapi import openapi_document
from directory.bodies import json_object
from directory.db import Session
from directory.listings import editing, operations
from directory.listings.schemas import (
    ListArgsSchema,
    OrganizationArgsSchema,
    OrganizationSummarySchema,
    ServiceAtLocationListItemSchema,
    ServiceAtLocationSchema,
    ServiceMinimalSchema,
    ServiceSummarySchema,
    TaxonomySchema,
    TaxonomyTermArgsSchema,
    TaxonomyTermSchema,
)
from directory.localtime import local_now
from directory.search import operations as search_operations
from directory.search.schemas import ServiceAtLocationArgsSchema, ServiceSearchArgsSchema, dump_result

bp = Blueprint("api", __name__, url_prefix="/api")


HSDS_PROFILE = "https://docs.openreferral.org/en/latest/hsds/"


@bp.after_request
def _public_reads(response: Response) -> Response:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def envelope(page: Any, contents: list[Any]) -> dict[str, Any]:
    """The HSDS page envelope around one page of results."""
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
@public
def root() -> dict[str, Any]:
    return {
        "version": "3.1",
        "profile": HSDS_PROFILE,
        "openapi_url": url_for("api.openapi", _external=True),
    }


@bp.get("/openapi.json")
@public
def openapi() -> dict[str, Any]:
    # The document is the same for every request to one address of this app: built once per address (a few
    # addresses at most are kept, whatever Host headers are sent).
    server = url_for("api.root", _external=True)
    built: dict[str, dict[str, Any]] = current_app.extensions.setdefault("directory.openapi", {})
    if server not in built:
        if len(built) >= 8:
            built.clear()
        built[server] = openapi_document(server, current_app.url_map)
    return built[server]


@bp.get("/services")
@public
def list_services() -> Any:
    args = ServiceSearchArgsSchema().load(request.args)
    if args["format"] == "ndjson":
        return _ndjson(args)
    now = local_now()
    memory: search_operations.PageMemory = current_app.extensions["directory.search_pages"]
    asked = tuple(sorted(request.args.items(multi=True)))
    # Kept as the text sent: a repeat is not encoded again, and a kept answer is one object, not thousands.
    body = memory.recall(Session(), asked, now, lambda: f"{current_app.json.dumps(_services_page(args, now))}\n")
    return current_app.response_class(body, mimetype="application/json")


def _services_page(args: dict[str, Any], now: Any) -> dict[str, Any]:
    page = search_operations.search_services(
        Session(),
        args["request"],
        now=now,
        page=args["page"],
        per_page=args["per_page"],
        summary=True,  # a list item is the service with its organization and program (HSDS service_list)
    )
    schema = ServiceMinimalSchema() if args["minimal"] else ServiceSummarySchema()
    body = envelope(page, [dump_result(item, schema) for item in page.items])
    body["facets"] = page.facets
    if page.query is not None:
        body["did_you_mean"] = page.did_you_mean
    return body


def _ndjson(args: dict[str, Any]) -> Response:
    """Every matching service, one JSON object per line, no pagination (HSDS `format=ndjson`)."""
    page = search_operations.search_services(
        Session(), args["request"], now=local_now(), page=1, per_page=1_000_000, summary=True
    )
    schema = ServiceMinimalSchema() if args["minimal"] else ServiceSummarySchema()
    lines = (json.dumps(dump_result(item, schema), default=str) + "\n" for item in page.items)
    return Response(lines, mimetype="application/x-ndjson")


@bp.get("/services/<uuid:service_id>")
@public
def show_service(service_id: uuid.UUID) -> Response:
    document = editing.service_document(Session(), service_id)
    return _with_etag(document, 200)


def _with_etag(document: dict[str, Any], status: int) -> Response:
    response = jsonify(document)
    response.status_code = status
    response.headers["ETag"] = editing.etag_of(document)
    return response


@bp.put("/services/<uuid:service_id>")
@token_required(*WRITERS)
def put_service(service_id: uuid.UUID) -> Response:
    user = g.user
    written = editing.put_service(
        Session(),
        service_id,
        json_object(),
        who=user.email,
        if_match=request.headers.get("If-Match"),
    )
    return _with_etag(editing.service_document(Session(), service_id), 201 if written.created else 200)


@bp.patch("/services/<uuid:service_id>")
@token_required(*WRITERS)
def patch_service(service_id: uuid.UUID) -> Response:
    user = g.user
    editing.patch_service(
        Session(),
        service_id,
        json_object(),
        who=user.email,
        if_match=request.headers.get("If-Match"),
    )
    return _with_etag(editing.service_document(Session(), service_id), 200)


@bp.delete("/services/<uuid:service_id>")
@token_required(*WRITERS)
def retire_service(service_id: uuid.UUID) -> Response:
    user = g.user
    editing.retire_service(Session(), service_id, who=user.email, if_match=request.headers.get("If-Match"))
    return _with_etag(editing.service_document(Session(), service_id), 200)


@bp.put("/organizations/<uuid:organization_id>")
@token_required(*WRITERS)
def put_organization(organization_id: uuid.UUID) -> Response:
    user = g.user
    written = editing.put_organization(
        Session(),
        organization_id,
        json_object(),
        who=user.email,
        if_match=request.headers.get("If-Match"),
    )
    document = editing.organization_document(Session(), organization_id)
    return _with_etag(document, 201 if written.created else 200)


@bp.get("/organizations")
@public
def list_organizations() -> dict[str, Any]:
    args = OrganizationArgsSchema().load(request.args)
    page = operations.find_organizations_page(Session(), **args)
    return envelope(page, OrganizationSummarySchema(many=True).dump(page.items))


@bp.get("/organizations/<uuid:organization_id>")
@public
def show_organization(organization_id: uuid.UUID) -> Response:
    return _with_etag(editing.organization_document(Session(), organization_id), 200)


@bp.get("/taxonomies")
@public
def list_taxonomies() -> dict[str, Any]:
    args = ListArgsSchema().load(request.args)
    page = operations.find_taxonomies_page(Session(), **args)
    return envelope(page, TaxonomySchema(many=True).dump(page.items))


@bp.get("/taxonomies/<uuid:taxonomy_id>")
@public
def show_taxonomy(taxonomy_id: uuid.UUID) -> dict[str, Any]:
    return TaxonomySchema().dump(operations.get_taxonomy(Session(), taxonomy_id))  # type: ignore[no-any-return]


@bp.get("/taxonomy_terms")
@public
def list_taxonomy_terms() -> dict[str, Any]:
    args = TaxonomyTermArgsSchema().load(request.args)
    page = operations.find_taxonomy_terms_page(Session(), **args)
    return envelope(page, TaxonomyTermSchema(many=True).dump(page.items))


@bp.get("/taxonomy_terms/<uuid:term_id>")
@public
def show_taxonomy_term(term_id: uuid.UUID) -> dict[str, Any]:
    return TaxonomyTermSchema().dump(operations.get_taxonomy_term(Session(), term_id))  # type: ignore[no-any-return]


@bp.get("/service_at_locations")
@public
def list_service_at_locations() -> dict[str, Any]:
    args = ServiceAtLocationArgsSchema().load(request.args)
    page = search_operations.find_service_at_locations_page(
        Session(), args["request"], page=args["page"], per_page=args["per_page"]
    )
    return envelope(page, _located(page))


def _located(page: search_operations.LocatedPage) -> list[dict[str, Any]]:
    """Each service at a location as a list shows it, with its distance when the search was near a place."""
    contents: list[dict[str, Any]] = ServiceAtLocationListItemSchema(many=True).dump(page.items)
    for item, sal in zip(contents, page.items, strict=True):
        if sal.id in page.distances:
            item["distance_miles"] = round(page.distances[sal.id], 2)
    return contents


@bp.get("/service_at_locations/<uuid:sal_id>")
@public
def show_service_at_location(sal_id: uuid.UUID) -> dict[str, Any]:
    sal = operations.get_service_at_location(Session(), sal_id)
    return ServiceAtLocationSchema().dump(sal)  # type: ignore[no-any-return]
