"""Public pages: categories, search results, one service."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, render_template, request

from directory.db import Session
from directory.listings import operations, presentation
from directory.listings.models import ServiceStatus
from directory.listings.operations import ServiceFilters
from directory.listings.schemas import ServiceListArgsSchema

bp = Blueprint("public", __name__)


@bp.get("/")
def home() -> str:
    return render_template("public/home.html", categories=operations.list_categories(Session()))


@bp.get("/search")
def search() -> str:
    args = ServiceListArgsSchema(only=("search", "page", "per_page", "taxonomy_term_id")).load(request.args)
    term = operations.get_taxonomy_term(Session(), args["taxonomy_term_id"]) if args.get("taxonomy_term_id") else None
    filters = ServiceFilters(search=args["search"], taxonomy_term_id=args.get("taxonomy_term_id"))
    page = operations.find_services_page(
        Session(), current_app.extensions["directory.index"], filters, page=args["page"], per_page=args["per_page"]
    )
    return render_template("public/results.html", page=page, query=args["search"], term=term)


@bp.get("/services/<uuid:service_id>")
def service(service_id: uuid.UUID) -> str:
    listing = operations.get_service(Session(), service_id)
    today = datetime.now(ZoneInfo(current_app.config["TIMEZONE"])).date()
    verified, stale = presentation.verified_age(listing, today)
    return render_template(
        "public/service.html",
        service=listing,
        hours=presentation.service_hours(listing),
        payments=presentation.payment_labels(listing),
        insurance=presentation.insurance_labels(listing),
        verified=verified,
        stale=stale,
        retired=listing.status in (ServiceStatus.DEFUNCT, ServiceStatus.INACTIVE),
    )
