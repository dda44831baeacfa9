"""Public pages: categories, search with filters (plain GET forms), one service."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext
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
from directory.matching.forms import ProfileForm, refused
from directory.public.forms import ShareForm, SuggestForm, form_stamp
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
    form = {key: value for key, value in request.args.items() if value.strip()}
    try:
        args = ServiceSearchArgsSchema().load(request.args)
        page = search_operations.search_services(
            Session(), args["request"], now=local_now(), page=args["page"], per_page=args["per_page"]
        )
    except ValidationError as error:
        return _results(None, form, {str(field): said for field, said in dict(error.messages).items()}), 422  # type: ignore[arg-type]
    except InvalidInput as error:
        return _results(None, form, error.errors or {}), 422
    return _results(page, form, {}), 200


def _results(page: search_operations.SearchPage | None, form: dict[str, str], errors: dict[str, Any]) -> str:
    """The results page, with the choices its filters offer."""
    session = Session()
    return render_template(
        "public/results.html",
        page=page,
        form=form,
        errors=errors,
        categories=_totals().categories(session),
        languages=_totals().languages(session),
        insurance=INSURANCE_CATEGORIES,
        radii=RADIUS_CHOICES,
    )


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
    return _check_page({}, None, {})


@bp.post("/check")
@public
def check_answers() -> tuple[str, int]:
    """The same verdicts case managers see, in plain words. Nothing of the answers is kept."""
    form, now, words = ProfileForm(request.form), local_now(), locales.translated()
    wanted, errors = form.wanted(now.date(), words, limit=20)
    answer = None
    try:
        if wanted is not None:
            answer = match_operations.match_services(Session(), wanted, now=now, words=words)
    except InvalidInput as error:
        errors = refused(error.errors or {})
    return _check_page(form.values(), answer, errors), 422 if errors else 200


def _check_page(form: dict[str, list[str]], answer: Any, errors: dict[str, str]) -> str:
    return render_template(
        "public/check.html",
        form=form,
        answer=answer,
        errors=errors,
        categories=_totals().categories(Session()),
        insurance=INSURANCE_CATEGORIES,
    )


# -- suggest a correction ----------------------------------------------------------------------------------------


@bp.get("/services/<uuid:service_id>/suggest")
@public
def suggest_form(service_id: uuid.UUID) -> str:
    return _suggest_page(suggestions.load_service_for_suggestion(Session(), service_id), {}, {})


@bp.post("/services/<uuid:service_id>/suggest")
@public
def suggest(service_id: uuid.UUID) -> tuple[str, int]:
    listing = suggestions.load_service_for_suggestion(Session(), service_id)
    form, secret = SuggestForm(request.form), current_app.config["SECRET_KEY"]
    # A form sent back empty is told what is missing however fast it came; one with a proposal that looks
    # automated is thanked and dropped (a robot learns nothing).
    if form.proposes and form.looks_automated(secret):
        return render_template("public/suggest_thanks.html", service=listing), 200
    source = suggestions.source_of(request.remote_addr or "", secret, local_now().date())
    try:
        suggestions.suggest(Session(), service_id, **form.suggestion(), source=source)
    except InvalidInput as error:
        return _suggest_page(listing, form.sent(), error.errors or {}), 422
    return render_template("public/suggest_thanks.html", service=listing), 200


def _suggest_page(listing: Any, form: dict[str, str], errors: dict[str, Any]) -> str:
    return render_template(
        "public/suggest.html",
        service=listing,
        fields=suggestions.FIELDS,
        form=form,
        errors=errors,
        stamp=form_stamp(current_app.config["SECRET_KEY"]),
    )


# -- share services as one short link ------------------------------------------------------------------------------


@bp.post("/share")
@public
def share() -> tuple[str, int] | WerkzeugResponse:
    """One or more `service` fields -> the short link's page. Nothing of who asked is kept."""
    try:
        code = sharing.share_services(Session(), ShareForm(request.form).services, today=local_now().date())
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
