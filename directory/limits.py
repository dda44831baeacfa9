"""Rate limits per client on what the public can call many times: search, matching, suggested fixes, sharing a
list, signing in.

Counts live in this process's memory by default, or in Redis when `DIRECTORY_RATELIMIT_STORAGE_URL` is set
(`redis://host:6379`), so every worker and machine counts together. A client is its address, hashed with the
secret key: the store never holds an address. Over the limit: 429 in the error envelope, with Retry-After.
Each limit is a setting (`DIRECTORY_RATELIMIT_SEARCH`, `_MATCH`, `_SUGGEST`, `_SHARE`, `_LOGIN`);
`DIRECTORY_RATELIMIT_ENABLED=false` turns them all off.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, current_app, request
from flask_limiter import Limiter


def client_key() -> str:
    """The address the request came from, hashed with the secret key (behind a proxy: the proxy's address)."""
    address = request.remote_addr or "unknown"
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:32]


#: The endpoints limited, and which setting limits them (GET /login, reading the form, is not an attempt).
LIMITED = {
    "api.list_services": "RATELIMIT_SEARCH",
    "public.search": "RATELIMIT_SEARCH",
    "match_api.match": "RATELIMIT_MATCH",
    "public.check_answers": "RATELIMIT_MATCH",
    "public.suggest": "RATELIMIT_SUGGEST",
    "public.share": "RATELIMIT_SHARE",
    "accounts.login": "RATELIMIT_LOGIN",
}


def install(app: Flask) -> None:
    """A limiter of this app's own (its storage and settings), wrapping the limited endpoints' views."""
    limiter = Limiter(client_key, app=app, strategy="moving-window", headers_enabled=True)
    for endpoint, setting in LIMITED.items():
        scope = setting.removeprefix("RATELIMIT_").lower()  # the page and the API of one thing count together
        reading_the_form = _is_get if endpoint == "accounts.login" else None
        decorate = limiter.shared_limit(str(app.config[setting]), scope=scope, exempt_when=reading_the_form)
        app.view_functions[endpoint] = decorate(app.view_functions[endpoint])  # type: ignore[assignment]
    app.extensions["directory.limiter"] = limiter  # the app's hooks hold it only weakly: this keeps it alive


def _is_get() -> bool:
    return request.method in ("GET", "HEAD")
