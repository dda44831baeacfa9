"""Configuration: defaults, then DIRECTORY_* environment variables, then what the caller passes.

Only `create_app` reads configuration; everything else receives values through constructors.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def defaults(instance_path: Path) -> dict[str, Any]:
    """Working defaults for one machine: SQLite in instance/, a Whoosh index under indexes/. Every setting the
    application reads has its default here (each can be set as a DIRECTORY_* environment variable)."""
    return {
        "DATABASE_URL": f"sqlite:///{instance_path / 'directory.sqlite3'}",
        "INDEX_BACKEND": "whoosh",
        "INDEX_DIR": str(PROJECT_ROOT / "indexes" / "services"),
        "SEED_DIR": str(PROJECT_ROOT / "seed_data" / "county"),
        "TIMEZONE": "America/Los_Angeles",
        "SECRET_KEY": None,
        "SQL_ECHO": False,
        "READY_MAX_BEHIND": 100,  # /readyz: changes the index may lag the change log and still serve
        "MAX_CONTENT_LENGTH": 1024 * 1024,  # any request body (413 beyond it); the import upload sets its own
        "BIND": "127.0.0.1:8000",  # `make serve`: gunicorn's address (put a TLS-terminating proxy in front)
        "WORKERS": 4,  # `make serve`: gunicorn's sync workers (searches are CPU-bound: about two per core)
        "PROXY_HOPS": 0,  # proxies in front whose X-Forwarded-For/-Proto/-Host are trusted (0: none, headers ignored)
        "IMPORT_MAX_BYTES": 64 * 1024 * 1024,  # the largest file the coordinators' upload page takes
        "SEARCH_PAGE_MEMORY": None,  # search answers kept per process for repeats: 512, none under TESTING
        "SEARCH_RESULTS_CACHE": 256,  # index results each searcher keeps for repeats (0: none)
        "DIRECTORY_TOTALS_MEMORY": None,  # categories and languages counted once a minute: on, off under TESTING
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,  # true behind HTTPS: the sign-in cookie is then sent only over it
        "RATELIMIT_STORAGE_URL": None,  # redis://host:6379 so every worker and machine counts together
        # Per client, over each: 429 with Retry-After.
        "RATELIMIT_SEARCH": "120 per minute",  # a person browsing pages of results; a script scraping the directory
        "RATELIMIT_MATCH": "60 per minute",
        "RATELIMIT_SUGGEST": "10 per hour",
        "RATELIMIT_SHARE": "60 per hour",  # a link per list shared; a script filling the table with made-up lists
        "RATELIMIT_LOGIN": "10 per minute",
    }


def settle(config: dict[str, Any]) -> None:
    """Settings whose default depends on others, once every source has been read: the memories of repeated
    answers are off in tests, so one test's answers never stand in for another's."""
    testing = bool(config.get("TESTING"))
    if config.get("SEARCH_PAGE_MEMORY") is None:
        config["SEARCH_PAGE_MEMORY"] = 0 if testing else 512
    if config.get("DIRECTORY_TOTALS_MEMORY") is None:
        config["DIRECTORY_TOTALS_MEMORY"] = not testing
    config.setdefault("RATELIMIT_STORAGE_URI", config.get("RATELIMIT_STORAGE_URL") or "memory://")


def environment_setting(name: str) -> Any:
    """One setting as `DIRECTORY_<name>` gives it, else its default: for what reads settings before any app
    exists (gunicorn's configuration). A whole number's default makes the variable read as one."""
    default = defaults(PROJECT_ROOT / "instance")[name]
    given = os.environ.get(f"DIRECTORY_{name}")
    if given is None:
        return default
    return int(given) if isinstance(default, int) and not isinstance(default, bool) else given


def load_secret_key(instance_path: Path) -> str:
    """The secret key kept in instance/secret_key, generated on first use (never committed)."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        key = key_file.read_text().strip()
        if key:
            return key
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key + "\n")
    key_file.chmod(0o600)
    return key
