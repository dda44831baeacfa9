"""Public pages: categories, search with filters (plain GET forms), one service."""

from __future__ import annotations

import time
import uuid
from datetime import datetime

from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext
from itsdangerous import BadData, URLSafeTimedSerializer
from marshmallow import ValidationError
from werkzeug.wrappers import Response as WerkzeugResponse

from directory import locales
from directory.accounts.access import public
from directory.db import Session
from directory.eligibility import evaluation
from directory.eligibility.insurance import INSURANCE_CATEGORIES, PAYMENT_OPTIONS
from directory.errors import InvalidInput, NotFound
from directory.listings import operations, presentation, sharing, suggestions
from directory.listings.models import ServiceStatus
from directory.listings.operations import DirectoryTotals
from directory.localtime import local_now
from directory.matching import operations as match_operations
from directory.matching.forms import field_errors, form_to_body
from directory.matching.schemas import MatchRequestSchema, match_request
from directory.search import operations as search_operations
from directory.search.schemas import ServiceSearchArgsSchema

bp = Blueprint("public", __name__)


def _totals() -> DirectoryTotals:
    totals: DirectoryTotals = current_app.extensions["directory.totals"]
    return totals


RADIUS_CHOICES = (1, 3, 5, 10, 25, 50)


@bp.app_template_filter("opening")
def opening(moment: datetime | None) -> str:
    return presentation.opening_phrase(moment, local_now(), locales.translated()) if moment else ""


@bp.app_template_filter("miles")
def miles(distance: float | None) -> str:
    return presentation.miles(distance, locales.translated())


@bp.app_template_filter("insurance_label")
def insurance_label(category: str) -> str:
    known = INSURANCE_CATEGORIES.get(category)
    return locales.translated().gettext(known) if known else category.replace("_", " ")


@bp.app_template_filter("payment_label")
def payment_label(option: str) -> str:
    known = PAYMENT_OPTIONS.get(option)
    return locales.translated().gettext(known) if known else option.replace("_", " ")


@bp.app_template_filter("term_name")
def term_name(name: str, code: str) -> str:
    """A category's name in the reader's language (ours; others as entered): `term.name|term_name(term.code)`."""
    return presentation.term_name(code, name, locales.translated())


@bp.app_template_filter("language_name")
def language_name(name: str, code: str | None) -> str:
    """A language named in the reader's language: `language.name|language_name(language.code)`."""
    return presentation.language_name(code, name, locales.FORMATS[locales.current_language()])


@bp.app_template_filter("topic")
def topic(field: str) -> str:
    """What a profile field is about ("household size"), in the reader's language."""
    return evaluation.topic(field, locales.translated())


@bp.app_template_filter("web_address")
def web_address(url: str | None) -> str | None:
    return presentation.web_address(url)


@bp.get("/language/<code>")
@public
def language(code: str) -> WerkzeugResponse:
    """The language switch: remembered in this browser (a cookie, for a year), then back to the page it was on."""
    if code not in locales.LANGUAGES:
        raise NotFound(f"The directory is not written in {code!r}; it is in {', '.join(locales.LANGUAGES)}.")
    back = request.args.get("next", "")
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = url_for("public.home")  # only a page of this site, never another's
    response = redirect(back)
    secure = bool(current_app.config.get("SESSION_COOKIE_SECURE"))
    response.set_cookie(locales.COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", secure=secure, httponly=True)
    return response


@bp.get("/")
@public
def home() -> str:
    return render_template("public/home.html", categories=_totals().categories(Session()))


@bp.get("/search")
@public
def search() -> tuple[str, int]:
    session = Session()
    form = {key: value for key, value in request.args.items() if value.strip()}
    choices = {
        "categories": _totals().categories(session),
        "languages": _totals().languages(session),
        "insurance": INSURANCE_CATEGORIES,
        "radii": RADIUS_CHOICES,
    }
    try:
        args = ServiceSearchArgsSchema().load(request.args)
        page = search_operations.search_services(
            session,
            current_app.extensions["directory.follower"],
            args["request"],
            now=local_now(),
            page=args["page"],
            per_page=args["per_page"],
        )
    except ValidationError as error:
        messages = {str(field): problems for field, problems in dict(error.messages).items()}  # type: ignore[arg-type]
        return render_template("public/results.html", page=None, form=form, errors=messages, **choices), 422
    except InvalidInput as error:
        return render_template("public/results.html", page=None, form=form, errors=error.errors, **choices), 422
    return render_template("public/results.html", page=page, form=form, errors={}, **choices), 200


@bp.get("/services/<uuid:service_id>")
@public
def service(service_id: uuid.UUID) -> str:
    listing = operations.get_service(Session(), service_id)
    words = locales.translated()
    verified, stale = presentation.verified_age(listing, local_now().date(), words)
    return render_template(
        "public/service.html",
        service=listing,
        hours=presentation.service_hours(listing, words),
        payments=presentation.payment_labels(listing, words),
        insurance=presentation.insurance_labels(listing, words),
        verified=verified,
        stale=stale,
        retired=listing.status in (ServiceStatus.DEFUNCT, ServiceStatus.INACTIVE),
    )


@bp.get("/check")
@public
def check() -> str:
    """Do I qualify? Five short questions, every one skippable."""
    return render_template(
        "public/check.html",
        form={},
        answer=None,
        errors={},
        categories=_totals().categories(Session()),
        insurance=INSURANCE_CATEGORIES,
    )


@bp.post("/check")
@public
def check_answers() -> tuple[str, int]:
    """The same verdicts case managers see, in plain words. Nothing of the answers is kept."""
    form = {key: request.form.getlist(key) for key in request.form}
    body = form_to_body(form)
    body["limit"] = 20
    answer = None
    errors: dict[str, str] = {}
    try:
        data = MatchRequestSchema().load(body)
        now = local_now()
        answer = match_operations.match_services(
            Session(),
            current_app.extensions["directory.follower"],
            match_request(data, now.date()),
            now=now,
            words=locales.translated(),
        )
    except ValidationError as error:
        errors = field_errors(error.messages, words=locales.translated())  # type: ignore[arg-type]
    except InvalidInput as error:
        errors = {k: "; ".join(v) for k, v in (error.errors or {}).items()}
    page = render_template(
        "public/check.html",
        form=form,
        answer=answer,
        errors=errors,
        categories=_totals().categories(Session()),
        insurance=INSURANCE_CATEGORIES,
    )
    return page, 422 if errors else 200


# -- suggest a correction ----------------------------------------------------------------------------------------

MIN_SECONDS = 3  # people take longer than this to fill the form; robots usually do not
MAX_SECONDS = 2 * 60 * 60


def _form_stamp() -> str:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="suggest").dumps(time.time())


def _looks_automated(stamp: str, honeypot: str) -> bool:
    if honeypot.strip():
        return True
    try:
        issued = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="suggest").loads(
            stamp, max_age=MAX_SECONDS
        )
    except BadData:
        return True
    return bool(time.time() - float(issued) < MIN_SECONDS)


@bp.get("/services/<uuid:service_id>/suggest")
@public
def suggest_form(service_id: uuid.UUID) -> str:
    listing = suggestions.load_service_for_suggestion(Session(), service_id)
    return render_template(
        "public/suggest.html", service=listing, fields=suggestions.FIELDS, form={}, errors={}, stamp=_form_stamp()
    )


@bp.post("/services/<uuid:service_id>/suggest")
@public
def suggest(service_id: uuid.UUID) -> tuple[str, int]:
    listing = suggestions.load_service_for_suggestion(Session(), service_id)
    form = request.form.to_dict()
    # A form sent back empty is told what is missing however fast it came; one with a proposal that looks
    # automated is thanked and dropped (a robot learns nothing).
    if form.get("proposed", "").strip() and _looks_automated(form.get("stamp", ""), form.get("website", "")):
        return render_template("public/suggest_thanks.html", service=listing), 200
    source = suggestions.source_of(request.remote_addr or "", current_app.config["SECRET_KEY"], local_now().date())
    try:
        suggestions.suggest(
            Session(),
            service_id,
            field=form.get("field", ""),
            proposed=form.get("proposed", ""),
            note=form.get("note", ""),
            source=source,
        )
    except InvalidInput as error:
        page = render_template(
            "public/suggest.html",
            service=listing,
            fields=suggestions.FIELDS,
            form=form,
            errors=error.errors or {},
            stamp=_form_stamp(),
        )
        return page, 422
    except suggestions.TooManySuggestions as error:
        return render_template("error.html", code=429, title="Too many suggestions", message=error.message), 429
    return render_template("public/suggest_thanks.html", service=listing), 200


# -- share services as one short link ------------------------------------------------------------------------------


@bp.post("/share")
@public
def share() -> tuple[str, int] | WerkzeugResponse:
    """One or more `service` fields -> the short link's page. Nothing of who asked is kept."""
    try:
        code = sharing.share_services(Session(), request.form.getlist("service"), today=local_now().date())
    except sharing.SharingRefused as refused:
        return _refused_page(refused), refused.status_code
    return redirect(url_for("public.shared", code=code), 303)


def _refused_page(refused: sharing.SharingRefused) -> str:
    message = locales.translated().gettext(refused.template, **refused.values)
    return render_template(
        "error.html", code=refused.status_code, title=gettext("This cannot be shared"), message=message
    )


@bp.get("/s/<code>")
@public
def shared(code: str) -> WerkzeugResponse:
    """A shared list: each service still listed, the link itself to copy and its QR code."""
    found = sharing.find_shared_list(Session(), code)
    if found is None:
        raise NotFound(gettext("This link is not known. Check that it was copied whole, or search the directory."))
    link = url_for("public.shared", code=found.code, _external=True)
    qr = presentation.qr_code(link, gettext("QR code: the link to this list"), scale=4)  # to scan from a screen
    response = make_response(render_template("public/shared.html", shared=found, link=link, qr=qr))
    response.headers["Cache-Control"] = "private, max-age=300"  # listings change; a shared link is nobody's page
    response.headers["X-Robots-Tag"] = "noindex"
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response
