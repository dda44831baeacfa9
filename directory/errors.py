"""Domain errors and the one place that renders every error: JSON under /api/, HTML elsewhere."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from flask import Flask, render_template, request
from marshmallow import ValidationError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from directory import locales
from directory.db import Session
from directory.wording import N_

log = logging.getLogger(__name__)


class DirectoryError(Exception):
    """Base of the errors operations raise; each knows its HTTP status but never touches HTTP."""

    status_code = 400

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors


class NotFound(DirectoryError):
    status_code = 404


class InvalidInput(DirectoryError):
    status_code = 422


class Unauthorized(DirectoryError):
    status_code = 401


class Forbidden(DirectoryError):
    status_code = 403


def envelope(code: int, message: str, errors: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "status": HTTPStatus(code).phrase, "message": message}
    if errors:
        body["errors"] = errors
    return body


def flat_messages(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Marshmallow's nested messages become {"field.path": ["what is wrong"]}: the one reading of them, for the
    API's error envelope and the pages' forms alike."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flat_messages(value, path))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        flat[prefix or "_schema"] = list(messages)
    elif isinstance(messages, list):
        for value in messages:
            flat.update(flat_messages(value, prefix))
    else:
        flat[prefix or "_schema"] = [str(messages)]
    return flat


#: What an error page says, for people (the API keeps HTTP's own phrases): a heading and, for a reader whose
#: language a specific message is not written in, what it means.
PAGE_TITLES = {
    400: N_("That did not work"),
    401: N_("Please sign in"),
    403: N_("This page is not for your account"),
    404: N_("Page not found"),
    405: N_("That did not work"),
    412: N_("Someone else changed this first"),
    413: N_("That is too large to send"),
    422: N_("Please check what you entered"),
    429: N_("Too many requests for now"),
    500: N_("Something went wrong"),
    503: N_("The directory is not available right now"),
}
PAGE_EXPLANATIONS = {
    400: N_("Something in that request could not be read. Go back and try again."),
    404: N_("There is no page at this address. The link may be old or copied only in part."),
    413: N_("What you sent is larger than the directory takes. Send something smaller."),
    422: N_("Something you entered could not be used. Go back, check it and try again."),
}


def _respond(code: int, message: str, errors: dict[str, list[str]] | None = None) -> Any:
    if request.path.startswith("/api/"):
        return envelope(code, message, errors), code
    words = locales.translated()
    title = words.gettext(PAGE_TITLES[code]) if code in PAGE_TITLES else HTTPStatus(code).phrase
    shown, detail = (words.gettext(message) if message else ""), None
    if shown == message and locales.current_language() != locales.DEFAULT and code in PAGE_EXPLANATIONS:
        # A detail written only in English: what it means in the reader's language, the detail below it.
        shown, detail = words.gettext(PAGE_EXPLANATIONS[code]), message
    return render_template("error.html", code=code, title=title, message=shown, detail=detail), code


DATABASE_UNAVAILABLE = N_("The directory's database is not answering just now. Please try again in a minute.")
TOO_MANY = N_("Too many requests from your connection in a short time. Please wait a minute.")
UNEXPECTED = N_("Something went wrong on our side. Please try again in a moment.")


def database_unavailable(error: BaseException) -> bool:
    """Whether an error means the database cannot be reached (down, restarting, connection cut, pool exhausted),
    as opposed to a mistake in what was asked of it."""
    if isinstance(error, OperationalError | PoolTimeout):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


def _forget_transaction() -> None:
    """Roll back what the request had begun; with the connection gone even that can fail, which is fine: the
    session is removed at teardown and the pool reconnects (pre-ping) on the next checkout."""
    try:
        Session.rollback()
    except Exception:  # the database that just failed may fail again here
        log.debug("Rollback after a database failure failed too", exc_info=True)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ValidationError)
    def _validation(error: ValidationError) -> Any:
        errors = flat_messages(error.messages)
        fields = ", ".join(sorted(errors))
        return _respond(422, f"Some values are not valid: {fields}.", errors)

    @app.errorhandler(DirectoryError)
    def _domain(error: DirectoryError) -> Any:
        response = _respond(error.status_code, error.message, error.errors)
        if isinstance(error, Unauthorized):
            return (*response, {"WWW-Authenticate": 'Bearer realm="directory"'})
        return response

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Any:
        code = error.code or 500
        if code == 429:  # the limiter's own description is its rule ("120 per 1 minute"), not what to do
            return _respond(code, TOO_MANY)
        if not request.path.startswith("/api/") and code in PAGE_EXPLANATIONS:
            return _respond(code, PAGE_EXPLANATIONS[code])  # a person's words, not the framework's
        return _respond(code, error.description or HTTPStatus(code).phrase)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Any:
        _forget_transaction()
        if database_unavailable(error):
            # The driver's message carries the statement and its parameters (a client's answers, say): only the
            # kind of failure is logged.
            cause = type(getattr(error, "orig", None) or error).__name__
            log.warning("Database unavailable on %s %s (%s)", request.method, request.path, cause)
            return (*_respond(503, DATABASE_UNAVAILABLE), {"Retry-After": "30"})
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return _respond(500, UNEXPECTED)
