"""Creating users and checking passwords (scrypt, memory-hard, through Werkzeug)."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from directory.accounts.models import Role, User
from directory.db import utcnow
from directory.errors import InvalidInput

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


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or None (the same answer whichever was wrong)."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_active:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    user.last_login_at = utcnow()
    session.commit()
    return user


def find_user(session: Session, user_id: uuid.UUID) -> User | None:
    user = session.get(User, user_id)
    return user if user is not None and user.is_active else None
