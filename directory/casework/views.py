"""The case manager's workspace: a profile (kept only in this browser's session), needs and place, results
grouped by verdict, and a printable referral handout."""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from directory import locales
from directory.accounts.access import login_required
from directory.accounts.models import Role
from directory.db import Session
from directory.eligibility.evaluation import Status
from directory.eligibility.insurance import INSURANCE_CATEGORIES, PLAN_NAMES
from directory.errors import InvalidInput
from directory.listings import operations as listings
from directory.listings import presentation, sharing
from directory.listings.operations import DirectoryTotals
from directory.localtime import local_now
from directory.matching import operations
from directory.matching.forms import DIAGNOSES, PROGRAMS, HandoutForm, ProfileForm, refused
from directory.wording import N_

bp = Blueprint("casework", __name__, url_prefix="/casework")


def _totals() -> DirectoryTotals:
    totals: DirectoryTotals = current_app.extensions["directory.totals"]
    return totals


IDLE_SECONDS = 30 * 60
GROUPS = (  # titles translated by the page
    ("eligible", N_("Eligible")),
    ("possibly", N_("Possibly eligible: to confirm")),
    ("near", N_("Near misses")),
    ("ineligible", N_("Not eligible")),
)


@bp.before_request
def _forget_idle_profiles() -> None:
    """The working profile is dropped after 30 idle minutes."""
    seen = session.get("casework_seen", 0)
    if "casework" in session and time.time() - seen > IDLE_SECONDS:
        session.pop("casework", None)
    session["casework_seen"] = time.time()


def _choices() -> dict[str, Any]:
    db = Session()
    return {
        "categories": _totals().categories(db),
        "languages": _totals().languages(db),
        "insurance_categories": INSURANCE_CATEGORIES,
        "plans": PLAN_NAMES,
        "diagnoses": DIAGNOSES,
        "programs": PROGRAMS,
    }


def _group(result: operations.MatchResult) -> str:
    if result.verdict.status is Status.ELIGIBLE:
        return "eligible"
    if result.verdict.status is Status.POSSIBLY:
        return "possibly"
    return "near" if result.verdict.near_miss else "ineligible"


def _run(form: ProfileForm, *, service_ids: list[str] | None = None) -> tuple[Any, dict[str, str]]:
    chosen = {} if service_ids is None else {"service_ids": service_ids}
    now = local_now()
    asked, errors = form.wanted(now.date(), locales.translated(), include_ineligible=True, limit=100, **chosen)
    if asked is None:
        return None, errors
    try:
        wanted = replace(asked, **form.filters(dict(_totals().languages(Session()))))
        # what the page shows, in its reader's language
        answer = operations.match_services(Session(), wanted, now=now, summary=True, words=locales.translated())
    except InvalidInput as error:
        return None, refused(error.errors or {})
    return answer, {}


@bp.get("")
@login_required(Role.CASE_MANAGER, Role.COORDINATOR)
def workspace() -> Any:
    form: dict[str, Any] = session.get("casework", {})
    answer, errors = _run(ProfileForm.kept(form)) if form else (None, {})
    grouped: dict[str, list[operations.MatchResult]] = {key: [] for key, _ in GROUPS}
    for result in answer.results if answer else []:
        grouped[_group(result)].append(result)
    return render_template(
        "casework/workspace.html",
        form=form,
        answer=answer,
        grouped=grouped,
        groups=GROUPS,
        errors=errors,
        presentation=presentation,
        **_choices(),
    ), (422 if errors else 200)


@bp.post("")
@login_required(Role.CASE_MANAGER, Role.COORDINATOR)
def save_profile() -> Response:
    """Keep the form in this browser's session (signed cookie) and show the matches (post, redirect, get)."""
    session["casework"] = ProfileForm(request.form).values()
    return redirect(url_for("casework.workspace") + "#results")


@bp.post("/clear")
@login_required(Role.CASE_MANAGER, Role.COORDINATOR)
def clear_profile() -> Response:
    session.pop("casework", None)
    return redirect(url_for("casework.workspace"))


@bp.post("/handout")
@login_required(Role.CASE_MANAGER, Role.COORDINATOR)
def handout() -> Any:
    form = HandoutForm(request.form)
    if not form.chosen:
        return redirect(url_for("casework.workspace") + "#results")
    answer, _ = _run(ProfileForm.kept(session.get("casework", {})), service_ids=form.chosen)
    if answer is None:
        return redirect(url_for("casework.workspace"))
    return _handout_page(answer, form)


def _handout_page(answer: Any, form: HandoutForm) -> str:
    services = {str(s.id): s for s in (listings.get_service(Session(), uuid.UUID(i)) for i in form.chosen)}
    # Each listing's public page, live: the only thing a handout's QR codes and links carry (nothing of the client).
    online = {key: url_for("public.service", service_id=key, _external=True) for key in services}
    return render_template(
        "casework/handout.html",
        results=answer.results,
        services=services,
        online=online,
        list_link=_list_link([r.found.service.id for r in answer.results]),
        note=form.note.data,
        today=local_now().date(),
        presentation=presentation,
        words=locales.translated(),
    )


def _list_link(service_ids: list[uuid.UUID]) -> str | None:
    """The short link to every service on the handout, in its order (None when the list cannot be one link:
    more than twenty, or one no longer listed)."""
    try:
        code = sharing.share_services(Session(), service_ids, today=local_now().date())
    except sharing.SharingRefused:
        return None
    return url_for("public.shared", code=code, _external=True)


@bp.post("/share")
@login_required(Role.CASE_MANAGER, Role.COORDINATOR)
def share() -> Any:
    """The services ticked for the handout as one short link (only their ids: never the note or the profile)."""
    chosen = HandoutForm(request.form).chosen
    if not chosen:
        return redirect(url_for("casework.workspace") + "#results")
    code = sharing.share_services(Session(), chosen, today=local_now().date())  # refused: the error page says why
    return redirect(url_for("public.shared", code=code), 303)
