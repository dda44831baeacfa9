"""Signing in and out (who may use each page is said by the decorators in `accounts.access`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from directory import locales
from directory.accounts import operations
from directory.accounts.access import public
from directory.accounts.models import Role
from directory.db import Session

bp = Blueprint("accounts", __name__)


def _safe_next(target: str | None, role: Role) -> str:
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("casework.workspace" if role is Role.CASE_MANAGER else "coordinator.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> Any:
    if request.method == "GET":
        return render_template("accounts/login.html", next=request.args.get("next", ""), error=None)
    try:
        user = operations.authenticate(Session(), request.form.get("email", ""), request.form.get("password", ""))
    except operations.TooManyAttempts as error:
        said = locales.translated().gettext(error.message)  # marked where it is raised
        return render_template("accounts/login.html", next=request.form.get("next", ""), error=said), 429
    if user is None:
        refused = locales.translated().gettext("That email and password do not match.")
        return render_template("accounts/login.html", next=request.form.get("next", ""), error=refused), 401
    session.clear()  # a new session on sign-in (no fixation)
    session["user_id"] = str(user.id)
    return redirect(_safe_next(request.form.get("next"), user.role))


@bp.post("/logout")
@public
def logout() -> Response:
    session.clear()  # the case manager's working profile goes with it
    return redirect(url_for("accounts.login"))
