"""Resource coordinators' pages: what is stale, a listing's quick fixes (verify, capacity, core fields), the
listing editor (phones, languages, documents, insurance and payment, hours, locations, the organization), its
history with one-click restore."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_babel import format_date, format_time
from werkzeug.wrappers import Response

from directory import locales, problems
from directory.accounts.access import COORDINATORS, login_required
from directory.coordinator import criteria_form, editor_forms, place_forms, quick_forms
from directory.db import Session
from directory.eligibility.insurance import PAYMENT_OPTIONS
from directory.errors import InvalidInput, NotFound
from directory.listings import editing, operations, presentation, suggestions
from directory.listings import history as recorded
from directory.listings.models import Organization, Service
from directory.localtime import local_now

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")


@bp.app_template_filter("moment")
def moment(when: datetime) -> str:
    """A recorded date and time as the reader's language writes it ("Dec 1, 2026 14:05", "1 dic 2026 14:05"),
    shown as stored."""
    return f"{format_date(when, 'medium', rebase=False)} {format_time(when, 'HH:mm', rebase=False)}"


@bp.app_template_filter("history_value")
def history_value(raw: str, field: str) -> str:
    return raw if isinstance(raw, recorded.Words) else recorded.words(field, raw, locales.translated())


@bp.get("")
@login_required(*COORDINATORS)
def dashboard() -> str:
    sort = request.args.get("sort", "verified")
    report = operations.staleness_report(Session(), local_now().date(), sort=sort)
    pending = suggestions.count_pending(Session())
    return render_template("coordinator/dashboard.html", report=report, sort=sort, pending=pending)


@bp.get("/services/<uuid:service_id>")
@login_required(*COORDINATORS)
def service(service_id: uuid.UUID) -> str:
    return _service_page(service_id, {}, {}, 200)[0]


def _service_page(service_id: uuid.UUID, form: dict[str, Any], errors: dict[str, Any], status: int) -> tuple[str, int]:
    listing = operations.get_service(Session(), service_id)
    words = locales.translated()
    verified, stale = presentation.verified_age(listing, local_now().date(), words)
    page = render_template(
        "coordinator/service.html",
        service=listing,
        verified=verified,
        stale=stale,
        form=form,
        errors=_in_words(errors),
        editable=quick_forms.EDITABLE,
        saved=request.args.get("saved"),
        insurance=recorded.insurance_words(listing.insurance_accepted, words),
        payment=[
            words.gettext(PAYMENT_OPTIONS[o]) if o in PAYMENT_OPTIONS else o
            for o in listing.payment_options
        ],
        hours=[presentation.describe_schedule(s, words) for s in listing.schedules],
    )
    return page, status


def _in_words(errors: dict[str, Any]) -> dict[str, Any]:
    """Problems in the reader's language: the validator's by their patterns, the code's where it marked them."""
    return problems.readable_all(errors, locales.translated())


@bp.post("/services/<uuid:service_id>/verify")
@login_required(*COORDINATORS)
def verify(service_id: uuid.UUID) -> Response:
    editing.verify_service(Session(), service_id, who=g.user.email, on=local_now().date())
    return redirect(url_for("coordinator.service", service_id=service_id, saved="verified"))


@bp.post("/services/<uuid:service_id>/capacity")
@login_required(*COORDINATORS)
def capacity(service_id: uuid.UUID) -> Any:
    form = quick_forms.CapacityForm(request.form)
    errors = _write(
        lambda: editing.update_capacity(
            Session(), service_id, choice=form.capacity.data or "", weeks=form.weeks, who=g.user.email
        )
    )
    if errors:
        return _service_page(service_id, quick_forms.sent(form), errors, 422)
    return redirect(url_for("coordinator.service", service_id=service_id, saved="capacity"))


@bp.post("/services/<uuid:service_id>/edit")
@login_required(*COORDINATORS)
def edit(service_id: uuid.UUID) -> Any:
    """The core fields and the main phone; validated exactly as the write API validates them."""
    form = quick_forms.CoreFieldsForm(request.form)
    changes = form.changes(operations.get_service(Session(), service_id).phones)
    errors = (
        quick_forms.problems(form)
        if not form.validate()
        else _write(lambda: editing.patch_service(Session(), service_id, changes, who=g.user.email))
    )
    if errors:
        return _service_page(service_id, quick_forms.sent(form), errors, 422)
    return redirect(url_for("coordinator.service", service_id=service_id, saved="edit"))


def _write(write: Callable[[], object]) -> dict[str, Any]:
    """Nothing, once written; else what the validator found wrong."""
    try:
        write()
    except InvalidInput as error:
        return error.errors or {}
    return {}


@bp.get("/services/<uuid:service_id>/history")
@login_required(*COORDINATORS)
def history(service_id: uuid.UUID) -> str:
    listing = operations.get_service(Session(), service_id)
    return render_template(
        "coordinator/history.html",
        service=listing,
        changes=recorded.service_changes(Session(), listing, locales.translated()),
    )


@bp.post("/history/<uuid:change_id>/restore")
@login_required(*COORDINATORS)
def restore(change_id: uuid.UUID) -> Response:
    restored = editing.restore_value(Session(), change_id, who=g.user.email)
    if isinstance(restored, Service):
        return redirect(url_for("coordinator.history", service_id=restored.id))
    # An organization's change, restored from a service's history or from the organization page: back there.
    back = urlsplit(request.referrer or "")
    if back.netloc == request.host and back.path.startswith("/coordinator/"):
        return redirect(back.path + (f"?{back.query}" if back.query else ""))
    return redirect(url_for("coordinator.organization", organization_id=restored.id) + "#history")


@bp.get("/suggestions")
@login_required(*COORDINATORS)
def review_queue() -> str:
    return render_template("coordinator/suggestions.html", reviews=suggestions.pending_reviews(Session()))


@bp.post("/suggestions/<uuid:suggestion_id>/approve")
@login_required(*COORDINATORS)
def approve_suggestion(suggestion_id: uuid.UUID) -> Response:
    suggestions.approve(Session(), suggestion_id, who=g.user.email)
    return redirect(url_for("coordinator.review_queue"))


@bp.post("/suggestions/<uuid:suggestion_id>/reject")
@login_required(*COORDINATORS)
def reject_suggestion(suggestion_id: uuid.UUID) -> Response:
    suggestions.reject(Session(), suggestion_id, who=g.user.email)
    return redirect(url_for("coordinator.review_queue"))


@bp.route("/services/<uuid:service_id>/criteria", methods=["GET", "POST"])
@login_required(*COORDINATORS)
def criteria(service_id: uuid.UUID) -> Any:
    """The structured eligibility builder, with a preview of how three sample clients would be judged."""
    listing = operations.get_service(Session(), service_id)
    if request.method == "GET":
        shown, complete = criteria_form.form_from_tree(listing.eligibility_criteria)
        return _criteria_page(listing, shown, listing.eligibility_criteria, {}, complete=complete)
    form = criteria_form.CriteriaForm(request.form)
    errors = _save_criteria(service_id, form) if form.validate() else form.problems
    if form.saving and not errors:
        return redirect(url_for("coordinator.service", service_id=service_id, saved="criteria"))
    return _criteria_page(listing, form.shown(), form.tree(), errors)


def _save_criteria(service_id: uuid.UUID, form: criteria_form.CriteriaForm) -> dict[str, Any]:
    """Saved (when the button said so), or what the validator found wrong, in the reader's words."""
    if not form.saving:
        return {}
    tree = form.tree()
    return _in_words(
        _write(lambda: editing.patch_service(Session(), service_id, {"eligibility_criteria": tree}, who=g.user.email))
    )


def _criteria_page(
    listing: Service, shown: dict[str, Any], tree: Any, errors: dict[str, Any], *, complete: bool = True
) -> tuple[str, int]:
    page = render_template(
        "coordinator/criteria.html",
        service=listing,
        form=shown,
        tree=tree,
        complete=complete,
        errors=errors,
        preview=criteria_form.preview(tree) if not errors else [],
        choices=criteria_form,
    )
    return page, 422 if errors else 200


# -- the listing editor: every part of a listing, without JSON --------------------------------------------------

Save = Callable[[str | None], object]
Place = Callable[[dict[str, list[str]]], dict[str, list[str]]]  # the importer's problems, named by the page's fields


def _save(parsed: editor_forms.Parsed, write: Save, place: Place) -> tuple[int, dict[str, list[str]]]:
    """Write through `editing` (validated as the API validates, with history), or say what is wrong.

    Nothing is written when the form or the importer finds a problem, or when someone else saved the listing
    since this form was read (its ETag no longer matches)."""
    if parsed.errors:
        return 422, parsed.errors
    try:
        write(parsed.if_match)
    except InvalidInput as error:
        return 422, place(_in_words(error.errors or {"_listing": [error.message]}))
    except editing.PreconditionFailed:
        return 409, {
            "_listing": [
                locales.translated().gettext(
                    "Someone else saved this listing while you were editing it. Nothing of yours was saved: compare "
                    "your changes below with the listing as it is now (open it in another tab), then save again"
                )
            ]
        }
    return 200, {}


def _save_service(service_id: uuid.UUID, parsed: editor_forms.Parsed, place: Place) -> tuple[int, dict[str, list[str]]]:
    def write(if_match: str | None) -> object:
        return editing.patch_service(Session(), service_id, parsed.body, who=g.user.email, if_match=if_match)

    return _save(parsed, write, place)


def _editor_page(template: str, status: int, **context: Any) -> tuple[str, int]:
    return render_template(template, label=editor_forms.error_label, field_id=editor_forms.field_id, **context), status


@bp.route("/services/<uuid:service_id>/details", methods=["GET", "POST"])
@login_required(*COORDINATORS)
def details(service_id: uuid.UUID) -> Any:
    """Phones, languages, documents to bring, insurance and payment, and hours: one form, saved at once."""
    listing = operations.get_service(Session(), service_id)
    etag = editing.etag_of(editing.service_document(Session(), service_id))
    if request.method == "GET":
        return _details_page(listing, editor_forms.details_rows(listing), {}, etag, 200)
    parsed = editor_forms.read_details(request.form, listing)
    status, errors = _save_service(service_id, parsed, parsed.place)
    if status == 200:
        return redirect(url_for("coordinator.details", service_id=service_id, saved=1))
    return _details_page(operations.get_service(Session(), service_id), parsed.rows, errors, etag, status)


def _details_page(
    listing: Service, rows: dict[str, Any], errors: dict[str, list[str]], etag: str, status: int
) -> tuple[str, int]:
    return _editor_page(
        "coordinator/details.html",
        status,
        service=listing,
        rows=rows,
        errors=errors,
        etag=etag,
        saved=request.args.get("saved"),
        phone_types=editor_forms.PHONE_TYPES,
        days=editor_forms.DAYS,
    )


def _service_at(listing: Service, location_id: uuid.UUID) -> Any:
    for sal in listing.service_at_locations:
        if sal.location_id == location_id:
            return sal
    raise NotFound(f"{listing.name} is not offered at a location with id {location_id}.")


def _location_page(
    listing: Service, sal: Any, row: dict[str, Any], errors: dict[str, list[str]], status: int, existing: str = ""
) -> tuple[str, int]:
    location = sal.location if sal is not None else None
    others = []
    if location is not None:
        others = editing.other_services_at(Session(), location.id, listing.id)
    linked = {s.location_id for s in listing.service_at_locations}
    return _editor_page(
        "coordinator/location.html",
        status,
        service=listing,
        location=location,
        row=row,
        errors=errors,
        etag=editing.etag_of(editing.service_document(Session(), listing.id)),
        others=others,
        places=[place for place in listing.organization.locations if place.id not in linked],
        existing=existing,
        saved=request.args.get("saved"),
    )


@bp.route("/services/<uuid:service_id>/locations/<uuid:location_id>", methods=["GET", "POST"])
@login_required(*COORDINATORS)
def location(service_id: uuid.UUID, location_id: uuid.UUID) -> Any:
    """A place the service is offered at: its name, address, how to get there."""
    listing = operations.get_service(Session(), service_id)
    sal = _service_at(listing, location_id)
    if request.method == "GET":
        return _location_page(listing, sal, place_forms.location_row(sal), {}, 200)
    parsed = place_forms.read_location(request.form, listing, sal)
    status, errors = _save_service(service_id, parsed, place_forms.place_location_errors)
    if status == 200:
        return redirect(url_for("coordinator.location", service_id=service_id, location_id=location_id, saved=1))
    listing = operations.get_service(Session(), service_id)
    return _location_page(listing, _service_at(listing, location_id), parsed.rows["location"], errors, status)


@bp.post("/services/<uuid:service_id>/locations/<uuid:location_id>/remove")
@login_required(*COORDINATORS)
def remove_location(service_id: uuid.UUID, location_id: uuid.UUID) -> Any:
    """Stop offering the service at a place (the place stays, with any other services there)."""
    listing = operations.get_service(Session(), service_id)
    sal = _service_at(listing, location_id)
    editing.patch_service(Session(), service_id, place_forms.unlink_location(listing, sal), who=g.user.email)
    return redirect(url_for("coordinator.service", service_id=service_id, saved="location removed"))


@bp.route("/services/<uuid:service_id>/locations/new", methods=["GET", "POST"])
@login_required(*COORDINATORS)
def new_location(service_id: uuid.UUID) -> Any:
    """Offer the service at another place: one the organization has already, or a new one."""
    listing = operations.get_service(Session(), service_id)
    if request.method == "GET":
        return _location_page(listing, None, place_forms.location_row(None), {}, 200)
    parsed = place_forms.read_location(request.form, listing, None)
    status, errors = _save_service(service_id, parsed, place_forms.place_location_errors)
    if status == 200:
        return redirect(url_for("coordinator.service", service_id=service_id, saved="location added") + "#places")
    listing = operations.get_service(Session(), service_id)
    return _location_page(listing, None, parsed.rows["location"], errors, status, parsed.rows["existing"])


@bp.route("/organizations/<uuid:organization_id>", methods=["GET", "POST"])
@login_required(*COORDINATORS)
def organization(organization_id: uuid.UUID) -> Any:
    """The organization behind listings: name, description, email, website, phones; with its history."""
    found: Organization = operations.get_organization(Session(), organization_id)
    etag = editing.etag_of(editing.organization_document(Session(), organization_id))
    if request.method == "GET":
        return _organization_page(found, place_forms.organization_rows(found), {}, etag, 200)
    parsed = place_forms.read_organization(request.form, found)
    status, errors = _save_organization(organization_id, parsed)
    if status == 200:
        return redirect(url_for("coordinator.organization", organization_id=organization_id, saved=1))
    return _organization_page(
        operations.get_organization(Session(), organization_id), parsed.rows, errors, etag, status
    )


def _save_organization(organization_id: uuid.UUID, parsed: editor_forms.Parsed) -> tuple[int, dict[str, list[str]]]:
    def write(if_match: str | None) -> object:
        return editing.patch_organization(Session(), organization_id, parsed.body, who=g.user.email, if_match=if_match)

    return _save(parsed, write, parsed.place)


def _organization_page(
    found: Organization, rows: dict[str, Any], errors: dict[str, list[str]], etag: str, status: int
) -> tuple[str, int]:
    return _editor_page(
        "coordinator/organization.html",
        status,
        organization=found,
        rows=rows,
        errors=errors,
        etag=etag,
        saved=request.args.get("saved"),
        phone_types=editor_forms.PHONE_TYPES,
        changes=recorded.organization_changes(Session(), found.id, locales.translated()),
        back=_uuid_or_none(request.args.get("service", "")),
    )


def _uuid_or_none(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None
