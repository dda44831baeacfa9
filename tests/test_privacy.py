"""What people search for stays out of the logs."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from directory import create_app
from directory.db import make_engine


def test_request_lines_are_logged_without_their_query_strings(caplog: pytest.LogCaptureFixture) -> None:
    create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": "sqlite://", "INDEX_BACKEND": "memory"})
    logger = logging.getLogger("werkzeug")
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logger.info(
            '%s - - [%s] "%s" %s %s', "127.0.0.1", "now", "GET /search?search=detox&postcode=97205 HTTP/1.1", "200", "-"
        )
    text = caplog.text
    assert "GET /search?… HTTP/1.1" in text
    assert "detox" not in text
    assert "97205" not in text


def test_a_search_logs_nothing_of_what_was_typed(client, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level(logging.DEBUG):
        client.get("/api/services", query_string={"search": "methadone pregnant", "postcode": "97205"})
        client.get("/search", query_string={"search": "methadone pregnant", "postcode": "97205"})
    assert "methadone" not in caplog.text
    assert "97205" not in caplog.text


def test_a_failed_statement_is_reported_without_the_values_it_carried() -> None:
    engine = make_engine("sqlite://")
    with engine.connect() as connection, pytest.raises(OperationalError) as failure:
        connection.execute(text("SELECT no_such_column WHERE :postcode = :postcode"), {"postcode": "97205"})
    assert "no_such_column" in str(failure.value)  # what went wrong is still said
    assert "97205" not in str(failure.value)  # an unexpected error's log line never carries a client's answers
    engine.dispose()
