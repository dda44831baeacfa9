"""Signing in and out. Every page says who may use it through `login_required`."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from directory import locales
from directory.accounts import operations
from directory.accounts.forms import SignInForm
from directory.accounts.models import Role, User
from directory.db import Session
from directory.errors import Forbidden, Unauthorized

bp = Blueprint("accounts", __name__)

F = TypeVar("F", bound=Callable[..., Any])


#: Who may use each view, stated on the view itself as `view.access` (a test walks every route with every role):
#: ("public", ()) for anyone, ("session", roles) for signed-in users of those roles (admins always), and
#: ("token", roles) for API clients whose bearer token belongs to those roles (admins always).
ALL_ROLES = tuple(Role)


def public(view: F) -> F:
    """Anyone may use this view; it needs no account and stores nothing about the visitor."""
    view.access = ("public", ())  # type: ignore[attr-defined]
    return view


def token_required(*roles: Role) -> Callable[[F], F]:
    """API clients with a bearer token of one of these roles (admins always)."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            g.user = bearer_user(*roles)
            return view(*args, **kwargs)

        wrapped.access = ("token", roles or ALL_ROLES)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate


def login_required(*roles: Role) -> Callable[[F], F]:
    """Only signed-in users (of these roles, when given) may use the view; others are sent to sign in."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user_id = session.get("user_id")
            user = operations.find_user(Session(), uuid.UUID(user_id)) if user_id else None
            if user is None:
                if user_id:
                    session.clear()  # a session for an account that is gone or disabled
                return redirect(url_for("accounts.login", next=request.path))
            if roles and user.role not in roles and user.role is not Role.ADMIN:
                words = locales.translated()
                return render_template(
                    "error.html",
                    code=403,
                    title=words.gettext("Forbidden"),
                    message=words.gettext("Your account cannot use this page."),
                ), 403
            g.user = user
            return view(*args, **kwargs)

        wrapped.access = ("session", roles or ALL_ROLES)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate


def _safe_next(target: str | None, role: Role) -> str:
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("casework.workspace" if role is Role.CASE_MANAGER else "coordinator.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> Any:
    if request.method == "GET":
        return render_template("accounts/login.html", next=request.args.get("next", ""), error=None)
    form = SignInForm(request.form)
    try:
        user = operations.authenticate(Session(), form.email.data or "", form.password.data or "")
    except operations.TooManyAttempts as error:
        said = locales.translated().gettext(error.message)  # marked where it is raised
        return render_template("accounts/login.html", next=form.next.data or "", error=said), 429
    if user is None:
        refused = locales.translated().gettext("That email and password do not match.")
        return render_template("accounts/login.html", next=form.next.data or "", error=refused), 401
    session.clear()  # a new session on sign-in (no fixation)
    session["user_id"] = str(user.id)
    return redirect(_safe_next(form.next.data, user.role))


@bp.post("/logout")
@public
def logout() -> Response:
    session.clear()  # the case manager's working profile goes with it
    return redirect(url_for("accounts.login"))


def bearer_user(*roles: Role) -> User:
    """The user of the request's `Authorization: Bearer` token, if their role may do this (admins may do all)."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("This needs an API token: send `Authorization: Bearer <token>`.")
    user = operations.user_for_token(Session(), token.strip())
    if user is None:
        raise Unauthorized("That API token is not valid (unknown or revoked).")
    if roles and user.role not in roles and user.role is not Role.ADMIN:
        raise Forbidden(f"A {user.role.value.replace('_', ' ')} account cannot do this.")
    return user
