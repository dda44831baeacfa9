"""Resource coordinators' pages: what is stale, a listing's quick fixes (verify, capacity, core fields), its
history with one-click restore."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from directory.accounts.models import Role
from directory.accounts.views import login_required
from directory.db import Session
from directory.errors import InvalidInput
from directory.listings import criteria_form, editing, operations, presentation, suggestions
from directory.localtime import local_now
from directory.search.following import IndexFollower

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")
COORDINATORS = (Role.COORDINATOR,)
EDITABLE = ("name", "description", "eligibility_description", "application_process", "fees_description", "alert")


def _follower() -> IndexFollower:
    follower: IndexFollower = current_app.extensions["directory.follower"]
    return follower


@bp.app_template_filter("history_value")
def history_value(raw: str, field: str) -> str:
    return presentation.history_value(field, raw)


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
    verified, stale = presentation.verified_age(listing, local_now().date())
    page = render_template(
        "coordinator/service.html",
        service=listing,
        verified=verified,
        stale=stale,
        form=form,
        errors=errors,
        editable=EDITABLE,
        saved=request.args.get("saved"),
    )
    return page, status


@bp.post("/services/<uuid:service_id>/verify")
@login_required(*COORDINATORS)
def verify(service_id: uuid.UUID) -> Response:
    editing.verify_service(Session(), _follower(), service_id, who=g.user.email, on=local_now().date())
    return redirect(url_for("coordinator.service", service_id=service_id, saved="verified"))


@bp.post("/services/<uuid:service_id>/capacity")
@login_required(*COORDINATORS)
def capacity(service_id: uuid.UUID) -> Any:
    weeks_text = request.form.get("wait_weeks", "").strip()
    try:
        weeks = float(weeks_text) if weeks_text else None
    except ValueError:
        weeks = -1.0
    try:
        editing.update_capacity(
            Session(), _follower(), service_id, choice=request.form.get("capacity", ""), weeks=weeks, who=g.user.email
        )
    except InvalidInput as error:
        return _service_page(service_id, request.form.to_dict(), error.errors or {}, 422)
    return redirect(url_for("coordinator.service", service_id=service_id, saved="capacity"))


@bp.post("/services/<uuid:service_id>/edit")
@login_required(*COORDINATORS)
def edit(service_id: uuid.UUID) -> Any:
    """The core fields and the main phone; validated exactly as the write API validates them."""
    changes: dict[str, Any] = {name: request.form.get(name, "") for name in EDITABLE if name in request.form}
    phone_id, number = request.form.get("phone_id", ""), request.form.get("phone_number", "").strip()
    listing = operations.get_service(Session(), service_id)
    if number and phone_id:
        changes["phones"] = [
            {"id": str(p.id), "number": number if str(p.id) == phone_id else p.number, "type": p.type}
            for p in listing.phones
        ]
    if not changes.get("name", "x").strip():
        return _service_page(service_id, request.form.to_dict(), {"name": ["is required"]}, 422)
    try:
        editing.patch_service(Session(), _follower(), service_id, changes, who=g.user.email)
    except InvalidInput as error:
        return _service_page(service_id, request.form.to_dict(), error.errors or {}, 422)
    return redirect(url_for("coordinator.service", service_id=service_id, saved="edit"))


@bp.get("/services/<uuid:service_id>/history")
@login_required(*COORDINATORS)
def history(service_id: uuid.UUID) -> str:
    listing = operations.get_service(Session(), service_id)
    return render_template(
        "coordinator/history.html", service=listing, changes=operations.service_history(Session(), service_id)
    )


@bp.post("/history/<uuid:change_id>/restore")
@login_required(*COORDINATORS)
def restore(change_id: uuid.UUID) -> Response:
    restored = editing.restore_value(Session(), _follower(), change_id, who=g.user.email)
    return redirect(url_for("coordinator.history", service_id=restored.id))


@bp.get("/suggestions")
@login_required(*COORDINATORS)
def review_queue() -> str:
    return render_template("coordinator/suggestions.html", reviews=suggestions.pending_reviews(Session()))


@bp.post("/suggestions/<uuid:suggestion_id>/approve")
@login_required(*COORDINATORS)
def approve_suggestion(suggestion_id: uuid.UUID) -> Response:
    suggestions.approve(Session(), _follower(), suggestion_id, who=g.user.email)
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
        form, complete = criteria_form.form_from_tree(listing.eligibility_criteria)
        tree: Any = listing.eligibility_criteria
        errors: dict[str, list[str]] = {}
    else:
        form = {
            key: request.form.getlist(key) if len(request.form.getlist(key)) > 1 or key in _LISTS else request.form[key]
            for key in request.form
        }
        tree, errors = criteria_form.tree_from_form(form)
        complete = True
        if not errors and request.form.get("action") == "save":
            try:
                editing.patch_service(
                    Session(), _follower(), service_id, {"eligibility_criteria": tree}, who=g.user.email
                )
            except InvalidInput as error:
                errors = error.errors or {}
            else:
                return redirect(url_for("coordinator.service", service_id=service_id, saved="criteria"))
    page = render_template(
        "coordinator/criteria.html",
        service=listing,
        form=form,
        tree=tree,
        complete=complete,
        errors=errors,
        preview=criteria_form.preview(tree) if not errors else [],
        choices=criteria_form,
    )
    return page, 422 if errors else 200


_LISTS = frozenset({"gender", "income_or_enrolled", "housing", "diagnosis", "immigration"})
