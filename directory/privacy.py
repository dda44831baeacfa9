"""Keeping what people search for out of logs.

The development server logs each request line ("GET /search?search=detox&postcode=97205 HTTP/1.1"). What a
person typed and where they are is about them, so request lines are logged without their query strings.
"""

from __future__ import annotations

import logging
import re

_QUERY = re.compile(r"((?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) [^\s?\"]*)\?[^\s\"]*")


class StripQueryStrings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.args = tuple(_QUERY.sub(r"\1?…", arg) if isinstance(arg, str) else arg for arg in record.args)
        record.msg = _QUERY.sub(r"\1?…", str(record.msg))
        return True


def install() -> None:
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(existing, StripQueryStrings) for existing in logger.filters):
        logger.addFilter(StripQueryStrings())
