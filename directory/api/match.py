"""POST /api/match (public; nothing of the profile is stored or logged)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from directory.accounts.access import public
from directory.bodies import json_object
from directory.db import Session
from directory.localtime import local_now
from directory.matching import operations
from directory.matching.schemas import MatchRequestSchema, match_request

bp = Blueprint("match_api", __name__, url_prefix="/api")


@bp.post("/match")
@public
def match() -> dict[str, Any]:
    body = json_object("The body (with a `profile`)")
    now = local_now()
    data = MatchRequestSchema().load(body)
    wanted = match_request(data, now.date())
    answer = operations.match_services(Session(), wanted, now=now, summary=True)  # as dump_answer shows
    return operations.dump_answer(answer)
