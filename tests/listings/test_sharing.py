"""Sharing services as one short link: a code derived from the ids in order, one row per distinct list, nothing
else kept; unknown, retired, repeated and too many ids handled by name."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from directory.listings import sharing
from directory.listings.models import ServiceStatus, SharedList
from tests import factories as f

TODAY = date(2026, 12, 2)


def rows(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(SharedList)) or 0


def test_the_same_list_in_the_same_order_gets_the_same_code_and_one_row(db_session: Session) -> None:
    first, second = f.ServiceFactory(), f.ServiceFactory()
    code = sharing.share_services(db_session, [first.id, second.id], today=TODAY)
    again = sharing.share_services(db_session, [str(first.id), str(second.id).upper()], today=date(2027, 1, 5))
    assert code == again
    assert len(code) == sharing.CODE_LENGTH
    assert set(code) <= set(sharing.ALPHABET)
    assert rows(db_session) == 1
    assert sharing.share_services(db_session, [second.id, first.id], today=TODAY) != code  # order is part of a list
    assert rows(db_session) == 2


def test_the_order_is_kept_and_repeats_dropped(db_session: Session) -> None:
    a, b, c = (f.ServiceFactory(name=name) for name in ("Alpha", "Bravo", "Charlie"))
    code = sharing.share_services(db_session, [c.id, a.id, c.id, b.id, a.id], today=TODAY)
    assert code == sharing.share_services(db_session, [c.id, a.id, b.id], today=TODAY)
    found = sharing.find_shared_list(db_session, code)
    assert found is not None
    assert [s.name for s in found.services] == ["Charlie", "Alpha", "Bravo"]
    assert found.no_longer_listed == 0
    assert found.created_on == TODAY


def test_the_row_holds_only_the_code_the_ids_and_the_day(db_session: Session) -> None:
    service = f.ServiceFactory()
    code = sharing.share_services(db_session, [service.id], today=TODAY)
    assert [column.name for column in inspect(SharedList).columns] == ["code", "service_ids", "created_on"]
    row = db_session.get(SharedList, code)
    assert row is not None
    assert (row.code, row.service_ids, row.created_on) == (code, [str(service.id)], TODAY)


@pytest.mark.parametrize(
    ("ids", "named"),
    [
        (lambda known: [known, uuid.UUID(int=7)], str(uuid.UUID(int=7))),
        (lambda known: [known, "not-an-id"], "not-an-id"),
        (lambda known: [f.ServiceFactory(retired=True).id, known], "no longer listed"),
        (lambda known: [f.ServiceFactory(status=ServiceStatus.INACTIVE).id], "no longer listed"),
        (lambda known: [], "at least one"),
        (lambda known: [known] + [f.ServiceFactory().id for _ in range(20)], "at most 20"),
    ],
    ids=["unknown", "malformed", "defunct", "inactive", "none", "21"],
)
def test_a_list_that_cannot_be_shared_is_refused_by_name_and_nothing_is_written(
    db_session: Session, ids: Callable[[uuid.UUID], list[Any]], named: str
) -> None:
    known = f.ServiceFactory().id
    wanted = ids(known)
    with pytest.raises(sharing.SharingRefused) as refused:
        sharing.share_services(db_session, wanted, today=TODAY)
    assert named in refused.value.message
    assert refused.value.status_code == 422
    assert "service" in (refused.value.errors or {})
    assert rows(db_session) == 0


def test_twenty_services_fit_in_one_link(db_session: Session) -> None:
    ids = [f.ServiceFactory().id for _ in range(20)]
    found = sharing.find_shared_list(db_session, sharing.share_services(db_session, ids, today=TODAY))
    assert found is not None
    assert [s.id for s in found.services] == ids


def test_a_temporarily_closed_listing_can_be_shared(db_session: Session) -> None:
    service = f.ServiceFactory(status=ServiceStatus.TEMPORARILY_CLOSED)
    found = sharing.find_shared_list(db_session, sharing.share_services(db_session, [service.id], today=TODAY))
    assert found is not None
    assert [s.id for s in found.services] == [service.id]


def test_codes_are_read_in_any_case_and_unknown_ones_are_none(db_session: Session) -> None:
    service = f.ServiceFactory()
    code = sharing.share_services(db_session, [service.id], today=TODAY)
    found = sharing.find_shared_list(db_session, f"  {code.upper()} ")
    assert found is not None
    assert found.code == code
    assert sharing.find_shared_list(db_session, code.replace("0", "O").replace("1", "l")) is not None
    other = "z" * 8 if code != "z" * 8 else "y" * 8
    assert sharing.find_shared_list(db_session, other) is None
    for nonsense in ("", "abc", "u" * 8, "<script>", "x" * 53):
        assert sharing.find_shared_list(db_session, nonsense) is None


def test_a_service_retired_after_sharing_is_left_out_and_counted(db_session: Session) -> None:
    kept, retired, removed = f.ServiceFactory(name="Kept"), f.ServiceFactory(), f.ServiceFactory()
    code = sharing.share_services(db_session, [kept.id, retired.id, removed.id], today=TODAY)
    retired.status = ServiceStatus.DEFUNCT
    db_session.delete(removed)
    db_session.commit()
    found = sharing.find_shared_list(db_session, code)
    assert found is not None
    assert [s.name for s in found.services] == ["Kept"]
    assert found.no_longer_listed == 2


def test_a_code_another_list_holds_grows_a_character(db_session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = f.ServiceFactory(), f.ServiceFactory()
    monkeypatch.setattr(sharing, "full_code", lambda ids: "abcdefgh" + ("jk" if ids[0] == first.id else "mn") * 22)
    one = sharing.share_services(db_session, [first.id], today=TODAY)
    two = sharing.share_services(db_session, [second.id], today=TODAY)
    assert (one, two) == ("abcdefgh", "abcdefghm")
    assert sharing.share_services(db_session, [second.id], today=TODAY) == "abcdefghm"  # found again, not re-made
    assert rows(db_session) == 2
    found = sharing.find_shared_list(db_session, "ABCDEFGHM")
    assert found is not None
    assert [s.id for s in found.services] == [second.id]


def test_the_code_is_the_digest_of_the_ids_in_order() -> None:
    ids = [uuid.UUID(int=1), uuid.UUID(int=2)]
    code = sharing.full_code(ids)
    assert len(code) == 52
    assert code == sharing.full_code(list(ids))
    assert code != sharing.full_code(list(reversed(ids)))
    assert set(code) <= set(sharing.ALPHABET)
    assert not set("ilou") & set(code)
