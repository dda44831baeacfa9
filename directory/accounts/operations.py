"""Creating users and checking passwords (scrypt, memory-hard, through Werkzeug)."""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from directory.accounts.models import ApiToken, LoginFailure, Role, User
from directory.db import utcnow
from directory.errors import DirectoryError, InvalidInput, NotFound
from directory.wording import N_

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 12
# Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password", method="scrypt")


def create_user(session: Session, email: str, password: str, role: Role) -> User:
    email = email.strip().lower()
    problems: dict[str, list[str]] = {}
    if not EMAIL.match(email):
        problems["email"] = ["is not an email address"]
    elif session.scalar(select(func.count()).select_from(User).where(User.email == email)):
        problems["email"] = ["already has an account"]
    if len(password) < MIN_PASSWORD:
        problems["password"] = [f"must be at least {MIN_PASSWORD} characters"]
    if problems:
        raise InvalidInput("The account cannot be created.", problems)
    user = User(email=email, password_hash=generate_password_hash(password, method="scrypt"), role=role)
    session.add(user)
    session.commit()
    return user


MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)


class TooManyAttempts(DirectoryError):
    status_code = 429


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or None (the same answer whichever was wrong).

    After MAX_FAILURES failures for one email within FAILURE_WINDOW, sign-in for it waits (TooManyAttempts).
    """
    email = email.strip().lower()
    since = utcnow() - FAILURE_WINDOW
    failures = session.scalar(
        select(func.count()).select_from(LoginFailure).where(LoginFailure.email == email, LoginFailure.at > since)
    )
    if (failures or 0) >= MAX_FAILURES:
        raise TooManyAttempts(N_("Too many attempts to sign in. Please wait 15 minutes and try again."))
    user = session.scalar(select(User).where(User.email == email))
    valid = user is not None and user.is_active and check_password_hash(user.password_hash, password)
    if user is None or not user.is_active:
        check_password_hash(_DUMMY_HASH, password)  # the same time whichever part was wrong
    if not valid or user is None:
        session.execute(delete(LoginFailure).where(LoginFailure.at <= since))
        session.add(LoginFailure(email=email))
        session.commit()
        return None
    session.execute(delete(LoginFailure).where(LoginFailure.email == email))
    user.last_login_at = utcnow()
    session.commit()
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, email: str) -> str:
    """A new API token for the user; only its hash is kept, so this is the one time it can be seen."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_active:
        raise NotFound(f"No active account for {email}.")
    token = f"dir_{secrets.token_urlsafe(32)}"
    session.add(ApiToken(user_id=user.id, token_hash=_digest(token)))
    session.commit()
    return token


def revoke_tokens(session: Session, email: str) -> int:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise NotFound(f"No account for {email}.")
    tokens = list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))))
    for token in tokens:
        token.revoked_at = utcnow()
    session.commit()
    return len(tokens)


def user_for_token(session: Session, token: str) -> User | None:
    """The active user a bearer token belongs to, or None when it is unknown or revoked."""
    found = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token), ApiToken.revoked_at.is_(None)))
    if found is None or not found.user.is_active:
        return None
    return found.user


def find_user(session: Session, user_id: uuid.UUID) -> User | None:
    user = session.get(User, user_id)
    return user if user is not None and user.is_active else None
