"""Who may use each view: anyone, signed-in staff of some roles, or API clients with a token of some roles.

Each decorator states its rule on the view itself as `view.access` (a test walks every route with every role):
("public", ()) for anyone, ("session", roles) for signed-in users of those roles (admins always), and
("token", roles) for API clients whose bearer token belongs to those roles (admins always).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from flask import g, redirect, request, session, url_for

from directory.accounts import operations
from directory.accounts.models import Role, User
from directory.db import Session
from directory.errors import Forbidden, Unauthorized
from directory.wording import N_

F = TypeVar("F", bound=Callable[..., Any])


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
                raise Forbidden(N_("Your account cannot use this page."))
            g.user = user
            return view(*args, **kwargs)

        wrapped.access = ("session", roles or ALL_ROLES)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate


#: The roles that keep listings (admins may do all).
COORDINATORS = (Role.COORDINATOR,)
#: The roles whose API tokens may write listings.
WRITERS = (Role.COORDINATOR, Role.ADMIN)


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
