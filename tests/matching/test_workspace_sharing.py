"""Sharing from the case manager's workspace and handout: the services ticked, as one short link that holds
nothing of the client (not the profile, not the note), opened signed out as the client would."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.listings.models import SharedList
from tests.matching.test_workspace import HANDED, PROFILE, make_services, print_handout, sign_in


def shared_rows(session: Session) -> list[SharedList]:
    return list(session.scalars(select(SharedList)))


NOTE = "Call Monday; client fleeing DV at 4417 SE Secret St"


def test_the_workspace_shares_the_ticked_services_and_nothing_of_the_client(
    client: FlaskClient, db_session: Session
) -> None:
    made = make_services()
    csrf = sign_in(client, db_session)
    client.post("/casework", data={**PROFILE, "income_amount": "3141", "csrf_token": csrf})
    workspace = client.get("/casework").get_data(as_text=True)
    assert 'formaction="/casework/share"' in workspace
    assert "Share as a link" in workspace
    chosen = [str(made["Low Income Counseling"]), str(made["Open Door Counseling"])]
    response = client.post("/casework/share", data={"service_id": chosen, "note": NOTE, "csrf_token": csrf})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert re.fullmatch(r"/s/[0-9a-z]{8}", location)
    [row] = shared_rows(db_session)
    assert row.service_ids == chosen  # in the order ticked
    stored = f"{row.code} {row.service_ids} {row.created_on}"
    client.post("/logout", data={"csrf_token": csrf})
    page = client.get(location)  # signed out, as the client opens it
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.index("Low Income Counseling") < html.index("Open Door Counseling")
    for private in ("Monday", "4417", "Secret", "3141", "2,500"):
        assert private not in location
        assert private not in stored
        assert private not in html


def test_the_workspace_share_needs_a_ticked_service_and_a_csrf_token(client: FlaskClient, db_session: Session) -> None:
    made = make_services()
    csrf = sign_in(client, db_session)
    nothing = client.post("/casework/share", data={"note": NOTE, "csrf_token": csrf})
    assert nothing.status_code == 302
    assert nothing.headers["Location"].endswith("/casework#results")
    forged = client.post("/casework/share", data={"service_id": [str(made["Open Door Counseling"])]})
    assert forged.status_code == 400
    assert shared_rows(db_session) == []


def test_the_handout_prints_one_link_and_qr_code_for_the_whole_list(client: FlaskClient, db_session: Session) -> None:
    made = make_services()
    csrf = sign_in(client, db_session)
    handout = print_handout(client, csrf, made, note=NOTE)
    html = handout.get_data(as_text=True)
    assert handout.status_code == 200
    [row] = shared_rows(db_session)
    assert sorted(row.service_ids) == sorted(str(made[name]) for name in HANDED)
    link = f"http://localhost/s/{row.code}"
    top = html.split('class="referral"')[0]
    assert "All these services in one link" in top
    assert f'<a href="{link}">{link}</a>' in top
    assert "QR code: all these services online" in top
    assert html.count("<svg") == 3  # the list's, then each service's
    assert NOTE not in str(row.service_ids)
    count = db_session.scalar(select(func.count()).select_from(SharedList))
    print_handout(client, csrf, made, note="other")
    assert db_session.scalar(select(func.count()).select_from(SharedList)) == count  # printed again: same link
