"""What every response carries for safety, and how much a request may send.

- Headers: a Content-Security-Policy with no inline script or style and no framing (`frame-ancestors 'none'`),
  `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (a search's words and place never leave in a
  Referer), and HSTS over HTTPS (or when cookies are marked Secure: the directory is behind HTTPS).
- Sizes: a request body may be at most `MAX_CONTENT_LENGTH` (1 MiB by default: a listing is a few KB); the import
  upload raises its own limit (`IMPORT_MAX_BYTES`). Larger requests get 413 in the error envelope.
- JSON nested deeper than Python's parser goes is invalid JSON (400), not a crash.
- A NUL character in a query, a form field or a JSON string is refused (422, naming where), before any view: no
  text the directory keeps or searches can hold one (PostgreSQL refuses it), so it is never a real value.
- Behind proxies: with `PROXY_HOPS` = n, the client's address, scheme and host are read from the X-Forwarded-*
  headers the last n proxies set (werkzeug's ProxyFix), so rate limits count each client rather than the proxy and
  `request.is_secure` is true behind HTTPS. With 0 (the default) those headers are ignored: a client cannot forge
  them to dodge a limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Flask, Response, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.middleware.proxy_fix import ProxyFix

from directory.errors import InvalidInput

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class JSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("the JSON is nested too deeply") from None


NUL = "\x00"


def nul_character_at() -> str | None:
    """Where the request holds a NUL character (a query or form field's name, or the path of a JSON string)."""
    for key, value in [*request.args.items(multi=True), *request.form.items(multi=True)]:
        if NUL in key or NUL in value:
            return key.replace(NUL, "")
    if request.is_json:
        return next(_nul_paths(request.get_json(silent=True)), None)
    return None


def _nul_paths(document: Any) -> Iterator[str]:
    pending: list[tuple[str, Any]] = [("body", document)]
    while pending:  # a loop, not recursion: the parser's own depth limit is the only one
        path, value = pending.pop()
        if isinstance(value, str) and NUL in value:
            yield path
        elif isinstance(value, dict):
            for key, item in value.items():
                if NUL in key:
                    yield path
                pending.append((f"{path}.{key}" if path != "body" else str(key), item))
        elif isinstance(value, list):
            pending.extend((f"{path}[{index}]", item) for index, item in enumerate(value))


def install(app: Flask) -> None:
    app.json = JSONProvider(app)

    @app.before_request
    def _refuse_nul_characters() -> None:
        where = nul_character_at()
        if where is not None:
            raise InvalidInput(
                f"{where} holds a NUL character, which no text here can hold.",
                {where: ["must not contain a NUL character"]},
            )

    hops = app.config.get("PROXY_HOPS") or 0
    if not isinstance(hops, int) or isinstance(hops, bool) or hops < 0:
        raise ValueError(f"DIRECTORY_PROXY_HOPS must be a whole number of proxies, 0 or more, not {hops!r}")
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    secure = bool(app.config.get("SESSION_COOKIE_SECURE"))

    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers.setdefault("X-Frame-Options", "DENY")
        if secure or request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response
