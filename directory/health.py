"""Health for load balancers: `/healthz` (the process answers) and `/readyz` (it can serve searches now).

Ready means the database answers and this machine's index is usable and at most `READY_MAX_BEHIND` changes
behind the change log. `prepare` builds or catches up the index before a node serves (`directory.serving` runs it
before gunicorn's workers start) and searches keep it caught up after that. A probe that finds the index gone
(its directory deleted, say) starts rebuilding it in the background and answers at once: a node taken out of
rotation gets no searches that would rebuild it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from directory.accounts.access import public
from directory.db import Session as ScopedSession
from directory.listings.models import ListingChange
from directory.search.following import IndexFollower

log = logging.getLogger(__name__)

bp = Blueprint("health", __name__)


@dataclass
class Readiness:
    ready: bool
    checks: dict[str, Any] = field(default_factory=dict)


def readiness(session: Session, follower: IndexFollower, max_behind: int) -> Readiness:
    """Whether this node can serve searches: the database answers, the index is usable and nearly current."""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        session.rollback()
        return Readiness(False, {"database": f"unreachable ({type(error).__name__})"})
    checks: dict[str, Any] = {"database": "ok"}
    position = follower.index.position()
    if position is None:
        checks["index"] = "missing: being built"
        return Readiness(False, checks)
    behind = int(session.scalar(select(func.count()).where(ListingChange.id > position)) or 0)
    checks["index"] = "ok" if behind <= max_behind else "behind"
    checks["index_changes_behind"] = behind
    return Readiness(behind <= max_behind, checks)


def prepare(app: Flask) -> int:
    """Before a node serves: build its index from the database when it has none, else apply every change since
    (blocking). Returns how many services were (re)indexed."""
    with app.app_context():
        follower: IndexFollower = app.extensions["directory.follower"]
        try:
            return follower.catch_up(ScopedSession(), blocking=True)
        finally:
            ScopedSession.remove()


_rebuilding = threading.Lock()


def rebuild_in_background(app: Flask) -> bool:
    """Start building the index from the database in a thread of this process, unless one already is."""
    if not _rebuilding.acquire(blocking=False):
        return False

    def work() -> None:
        try:
            prepare(app)
        except Exception:
            log.exception("Rebuilding the search index failed")
        finally:
            _rebuilding.release()

    threading.Thread(target=work, name="index-rebuild", daemon=True).start()
    return True


@bp.get("/healthz")
@public
def healthz() -> Any:
    return jsonify({"status": "ok"})


@bp.get("/readyz")
@public
def readyz() -> Any:
    state = readiness(
        ScopedSession(), current_app.extensions["directory.follower"], int(current_app.config["READY_MAX_BEHIND"])
    )
    if state.checks.get("index", "").startswith("missing"):
        rebuild_in_background(current_app._get_current_object())  # type: ignore[attr-defined]
    body = {"status": "ready" if state.ready else "unavailable", "checks": state.checks}
    return jsonify(body), 200 if state.ready else 503
