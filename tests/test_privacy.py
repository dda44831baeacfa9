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


def test_a_shared_list_keeps_only_its_code_the_services_and_the_day() -> None:
    """Whoever adds a column to shared_lists (a note, a user, an address, a referrer) has to come past this test."""
    from directory.listings.models import SharedList

    columns = {column.name: str(column.type) for column in SharedList.__table__.columns}
    assert columns == {"code": "VARCHAR(52)", "service_ids": "JSON", "created_on": "DATE"}


def test_sharing_from_the_workspace_logs_nothing_of_the_client(client, db_session, caplog) -> None:  # type: ignore[no-untyped-def]
    from tests.matching.test_workspace import PROFILE, make_services, sign_in

    made = make_services()
    csrf = sign_in(client, db_session)
    client.post("/casework", data={**PROFILE, "income_amount": "3141", "csrf_token": csrf})
    with caplog.at_level(logging.DEBUG):
        shared = client.post(
            "/casework/share",
            data={"service_id": [str(made["Open Door Counseling"])], "note": "fleeing at 4417 SE", "csrf_token": csrf},
        )
        client.get(shared.headers["Location"])
    assert shared.status_code == 303
    for private in ("4417", "fleeing", "3141"):
        assert private not in caplog.text
        assert private not in shared.headers["Location"]
