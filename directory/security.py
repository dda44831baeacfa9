"""What every response carries for safety, and how much a request may send.

- Headers: a Content-Security-Policy with no inline script or style and no framing (`frame-ancestors 'none'`),
  `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (a search's words and place never leave in a
  Referer), and HSTS over HTTPS (or when cookies are marked Secure: the directory is behind HTTPS).
- Sizes: a request body may be at most `MAX_CONTENT_LENGTH` (1 MiB by default: a listing is a few KB); the import
  upload raises its own limit (`IMPORT_MAX_BYTES`). Larger requests get 413 in the error envelope.
- JSON nested deeper than Python's parser goes is invalid JSON (400), not a crash.
- Behind proxies: with `PROXY_HOPS` = n, the client's address, scheme and host are read from the X-Forwarded-*
  headers the last n proxies set (werkzeug's ProxyFix), so rate limits count each client rather than the proxy and
  `request.is_secure` is true behind HTTPS. With 0 (the default) those headers are ignored: a client cannot forge
  them to dodge a limit.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.middleware.proxy_fix import ProxyFix

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


def install(app: Flask) -> None:
    app.json = JSONProvider(app)
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
