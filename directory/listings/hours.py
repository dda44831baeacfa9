"""Opening hours from HSDS 3.1 schedules (RFC 5545 RRULE parts): is it open now, when does it open next.

Conventions (beyond HSDS's own fields):
- Regular hours: a row with `freq` (WEEKLY, MONTHLY or DAILY), `byday`/`bymonthday`, `opens_at`, `closes_at`,
  optionally bounded by `valid_from` / `valid_to` (seasonal hours, e.g. a winter shelter).
- Exceptions: a row without `freq` but with `valid_from` (and optionally `valid_to`) replaces the regular
  hours on those dates: with `opens_at`/`closes_at` it gives special hours, without them the service is closed
  (holidays).
- `closes_at` of "23:59" or "24:00" means midnight; a `closes_at` earlier than `opens_at` runs past midnight.
A service with no usable schedule has unknown hours (None), never "closed".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil import rrule

from directory.listings.models import Schedule

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_RRULE_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)
_ANCHOR = datetime(2020, 1, 6)  # a Monday: the default DTSTART for rules that need one


@dataclass(slots=True)
class ScheduleRow:
    """A schedule's hours without the ORM (as the index's reader selects them): the `Schedule` table's columns
    that hours are made of, in this order."""

    valid_from: date | None
    valid_to: date | None
    dtstart: date | None
    until: date | None
    count: int | None
    freq: str | None
    interval: int | None
    byday: str | None
    bymonthday: str | None
    byweekno: str | None
    byyearday: str | None
    opens_at: str | None
    closes_at: str | None


SCHEDULE_FIELDS = tuple(field.name for field in fields(ScheduleRow))

#: Anything with a schedule's hours: a row of the table, or the same columns read without the ORM.
ScheduleLike = ScheduleRow | Schedule


def _clock(value: str | None) -> time | None:
    if not value:
        return None
    try:
        hours, minutes = (int(part) for part in value.strip().split(":")[:2])
    except ValueError:
        return None
    if (hours, minutes) in ((24, 0), (23, 59)):
        return time(23, 59, 59, 999999)
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        return None
    return time(hours, minutes)


@dataclass(frozen=True)
class _Day:
    """A byday part: weekday index 0-6 and an optional ordinal (1SA = first Saturday, -1FR = last Friday)."""

    weekday: int
    ordinal: int | None


def _days(byday: str | None) -> list[_Day]:
    days = []
    for part in (byday or "").upper().replace(" ", "").split(","):
        if len(part) >= 2 and part[-2:] in WEEKDAYS:
            ordinal = part[:-2]
            try:
                days.append(_Day(WEEKDAYS.index(part[-2:]), int(ordinal) if ordinal else None))
            except ValueError:
                continue
    return days


def _numbers(value: str | None) -> list[int]:
    numbers = []
    for part in (value or "").split(","):
        try:
            numbers.append(int(part))
        except ValueError:
            continue
    return numbers


def _nth_weekday_matches(day: date, target: _Day) -> bool:
    if day.weekday() != target.weekday:
        return False
    if target.ordinal is None:
        return True
    if target.ordinal > 0:
        return (day.day - 1) // 7 + 1 == target.ordinal
    days_in_month = ((day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).day
    return -((days_in_month - day.day) // 7 + 1) == target.ordinal


def _within_validity(row: ScheduleLike, day: date) -> bool:
    if row.valid_from and day < row.valid_from:
        return False
    return not (row.valid_to and day > row.valid_to)


def _recurs_on(row: ScheduleLike, day: date) -> bool:
    """Whether a regular row's recurrence includes `day` (fast paths for the common rules, rrule otherwise)."""
    freq = (row.freq or "").upper()
    simple = (row.interval in (None, 1)) and not (row.count or row.until or row.byweekno or row.byyearday)
    if simple and freq in ("DAILY", "WEEKLY"):
        days = _days(row.byday)
        return any(d.weekday == day.weekday() for d in days) if days else True
    if simple and freq == "MONTHLY" and not row.bymonthday:
        return any(_nth_weekday_matches(day, d) for d in _days(row.byday))
    if simple and freq == "MONTHLY" and not row.byday:
        return day.day in _numbers(row.bymonthday)
    return _rrule_recurs_on(row, day, freq)


def _rrule_recurs_on(row: ScheduleLike, day: date, freq: str) -> bool:
    frequencies: dict[str, Any] = {
        "DAILY": rrule.DAILY,
        "WEEKLY": rrule.WEEKLY,
        "MONTHLY": rrule.MONTHLY,
        "YEARLY": rrule.YEARLY,
    }
    if freq not in frequencies:
        return False
    weekdays = [_RRULE_DAYS[d.weekday](d.ordinal) if d.ordinal else _RRULE_DAYS[d.weekday] for d in _days(row.byday)]
    start = datetime.combine(row.dtstart or row.valid_from or _ANCHOR.date(), time())
    rule = rrule.rrule(
        frequencies[freq],
        dtstart=start,
        interval=row.interval or 1,
        count=row.count,
        until=datetime.combine(row.until, time.max) if row.until else None,
        byweekday=weekdays or None,
        bymonthday=_numbers(row.bymonthday) or None,
        byweekno=_numbers(row.byweekno) or None,
        byyearday=_numbers(row.byyearday) or None,
        cache=False,
    )
    hit = rule.after(datetime.combine(day, time()) - timedelta(microseconds=1))
    return hit is not None and hit.date() == day


def _is_exception(row: ScheduleLike) -> bool:
    return not row.freq and row.valid_from is not None


def _exception_covers(row: ScheduleLike, day: date) -> bool:
    start = row.valid_from
    end = row.valid_to or row.valid_from
    return start is not None and end is not None and start <= day <= end


def _rows_for(rows: Sequence[ScheduleLike], day: date) -> list[ScheduleLike] | None:
    """The rows in force on `day`: its exceptions if it has any, else its regular rows. None: no usable rows."""
    exceptions = [row for row in rows if _is_exception(row) and _exception_covers(row, day)]
    if exceptions:
        return exceptions
    regular = [row for row in rows if row.freq and _clock(row.opens_at) and _clock(row.closes_at)]
    if not regular:
        return None
    return [row for row in regular if _within_validity(row, day) and _recurs_on(row, day)]


def is_open(rows: Sequence[ScheduleLike], at: datetime) -> bool | None:
    """Open at the local wall-clock time `at`? None when the schedule does not say."""
    today = _rows_for(rows, at.date())
    if today is None:
        return None
    now = at.time()
    for row in today:
        opens, closes = _clock(row.opens_at), _clock(row.closes_at)
        if opens is None or closes is None:
            continue  # a closed-day exception
        if opens <= closes and opens <= now and (now < closes or closes == time.max):
            return True
        if closes < opens and now >= opens:
            return True
    for row in _rows_for(rows, at.date() - timedelta(days=1)) or []:
        opens, closes = _clock(row.opens_at), _clock(row.closes_at)
        if opens is not None and closes is not None and closes < opens and now < closes:
            return True
    return False


def next_opening(rows: Sequence[ScheduleLike], at: datetime, days: int = 8) -> datetime | None:
    """When it next opens after `at` (within `days`), or None when unknown or not within that time."""
    for offset in range(days):
        day = at.date() + timedelta(days=offset)
        candidates = []
        for row in _rows_for(rows, day) or []:
            opens = _clock(row.opens_at)
            if opens is None or _clock(row.closes_at) is None:
                continue
            moment = datetime.combine(day, opens, tzinfo=at.tzinfo)
            if moment > at:
                candidates.append(moment)
        if candidates:
            return min(candidates)
    return None


def open_hour_tokens(rows: Iterable[ScheduleLike]) -> set[str]:
    """Weekday-hour tokens ("TU13") in which a row (regular or special hours) may be open: a coarse filter's superset.

    Special hours count for the weekdays of their dates, so "open now" finds a service open on a special day.
    """
    tokens: set[str] = set()
    for row in rows:
        if not row.freq and not _is_exception(row):
            continue
        opens, closes = _clock(row.opens_at), _clock(row.closes_at)
        if opens is None or closes is None:
            continue
        freq = (row.freq or "").upper()
        weekdays = sorted({d.weekday for d in _days(row.byday)}) or list(range(7))
        if freq == "MONTHLY" and row.bymonthday and not row.byday:
            weekdays = list(range(7))
        if _is_exception(row) and row.valid_from is not None:  # special hours: the weekdays of its dates
            span = max(0, min(((row.valid_to or row.valid_from) - row.valid_from).days, 6))
            weekdays = sorted({(row.valid_from + timedelta(days=n)).weekday() for n in range(span + 1)})
        # Closing on the hour (17:00) does not open that hour; closing within it (17:30) does.
        closing_hour = closes.hour if closes.minute or closes == time.max else closes.hour - 1
        for weekday in weekdays:
            last_hour = closing_hour if closes >= opens else 23
            for hour in range(opens.hour, last_hour + 1):
                tokens.add(f"{WEEKDAYS[weekday]}{hour:02d}")
            if closes < opens:
                following = WEEKDAYS[(weekday + 1) % 7]
                for hour in range(0, closing_hour + 1):
                    tokens.add(f"{following}{hour:02d}")
    return tokens


def _plain(row: ScheduleLike) -> bool:
    """A regular row that recurs every week the same way, whatever the date."""
    return (
        (row.freq or "").upper() in ("DAILY", "WEEKLY")
        and row.interval in (None, 1)
        and not (row.count or row.until or row.byweekno or row.byyearday)
        and row.valid_from is None
        and row.valid_to is None
    )


def open_throughout_tokens(rows: Iterable[ScheduleLike]) -> set[str]:
    """Weekday-hour tokens in which `is_open` holds for the whole hour on any date: a subset of
    `open_hour_tokens`, so that only the hours in between need an exact look.

    Only a schedule of plain weekly rows qualifies (an exception, a season or another recurrence depends on
    the date), and only hours one row covers from start to end.
    """
    rows = list(rows)
    if any(_is_exception(row) for row in rows):
        return set()
    regular = [row for row in rows if row.freq and _clock(row.opens_at) and _clock(row.closes_at)]
    if not all(_plain(row) for row in regular):
        return set()
    tokens: set[str] = set()
    for row in regular:
        opens, closes = _clock(row.opens_at), _clock(row.closes_at)
        if opens is None or closes is None:
            continue
        weekdays = sorted({d.weekday for d in _days(row.byday)}) or list(range(7))
        first = opens.hour + (1 if (opens.minute, opens.second, opens.microsecond) != (0, 0, 0) else 0)
        # To midnight or on past it, every hour to the end of the day; else each hour must end by closing time.
        last = 23 if closes == time.max or closes < opens else closes.hour - 1
        for weekday in weekdays:
            tokens.update(f"{WEEKDAYS[weekday]}{hour:02d}" for hour in range(first, last + 1))
            if closes < opens:
                following = WEEKDAYS[(weekday + 1) % 7]
                tokens.update(f"{following}{hour:02d}" for hour in range(0, closes.hour))
    return tokens


def hour_token(at: datetime) -> str:
    return f"{WEEKDAYS[at.weekday()]}{at.hour:02d}"
