"""Stable ids: every id is a UUIDv5 of a key such as ``service:17:phone:0``, so regenerating keeps ids."""

from __future__ import annotations

import uuid
from typing import Final

NAMESPACE: Final = uuid.UUID("5b1f7c1e-8d2a-5e4f-9a63-2c7d0e9b4a11")


def make_id(*parts: object) -> str:
    """UUIDv5 of a stable key such as ``make_id("service", 17, "phone", 0)``."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def term_id(code: str) -> str:
    return make_id("taxonomy_term", code)


TAXONOMY_ID: Final = make_id("taxonomy", "portland-metro")
