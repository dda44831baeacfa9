"""The directory's local time: opening hours are read on the wall clock of the place the directory serves."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app


def local_now() -> datetime:
    """Now, in the directory's time zone (DIRECTORY_TIMEZONE)."""
    return datetime.now(ZoneInfo(current_app.config["TIMEZONE"]))
