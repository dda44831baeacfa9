"""Reading a JSON API request's body: a JSON object, or an InvalidInput (422) that says what is wrong with it."""

from __future__ import annotations

from typing import Any

from flask import request
from werkzeug.exceptions import BadRequest

from directory.errors import InvalidInput


def json_object(what: str = "The body") -> dict[str, Any]:
    """The request's JSON object; `what` names it in the error ("The body must be a JSON object with a profile")."""
    if not request.is_json:
        raise InvalidInput("Send the body as JSON (Content-Type: application/json).", {"_body": ["not JSON"]})
    try:
        body = request.get_json()
    except BadRequest:
        message = "The body is not valid JSON (or is nested too deeply)."
        raise InvalidInput(message, {"_body": ["not valid JSON"]}) from None
    if not isinstance(body, dict):
        raise InvalidInput(f"{what} must be a JSON object.", {"_body": ["not a JSON object"]})
    return body
