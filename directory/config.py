"""Configuration: defaults, then DIRECTORY_* environment variables, then what the caller passes.

Only `create_app` reads configuration; everything else receives values through constructors.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def defaults(instance_path: Path) -> dict[str, Any]:
    """Working defaults for one machine: SQLite in instance/, a Whoosh index under indexes/."""
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
        "PROXY_HOPS": 0,  # proxies in front whose X-Forwarded-For/-Proto/-Host are trusted (0: none, headers ignored)
    }


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
