"""Opening hours from HSDS 3.1 schedule rows: open now, next opening and the coarse weekday-hour tokens.

Calendar used throughout (2026): Monday 23 November; Thursday 26 November (Thanksgiving); first Saturdays
7 November and 5 December; last Fridays 30 October (31-day month), 27 November (30-day month), 31 July (a 31st).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from directory.listings.hours import hour_token, is_open, next_opening, open_hour_tokens, open_throughout_tokens

LA = ZoneInfo("America/Los_Angeles")


@dataclass(frozen=True)
class Row:
    """The attributes of hours.ScheduleLike, all optional."""

    valid_from: date | None = None
    valid_to: date | None = None
    dtstart: date | None = None
    until: date | None = None
    count: int | None = None
    freq: str | None = None
    interval: int | None = None
    byday: str | None = None
    bymonthday: str | None = None
    byweekno: str | None = None
    byyearday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=LA)


def weekly(byday: str, opens: str, closes: str, until: date | None = None) -> Row:
    return Row(freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes, until=until)


def closed_on(first: date, last: date | None = None) -> Row:
    """An exception row without hours: closed on those dates."""
    return Row(valid_from=first, valid_to=last)


EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
WEEKDAYS_9_TO_5 = [weekly("MO,TU,WE,TH,FR", "09:00", "17:00")]
ALWAYS = [weekly(EVERY_DAY, "00:00", "23:59")]
ALWAYS_DAILY_2400 = [Row(freq="DAILY", opens_at="00:00", closes_at="24:00")]
FIRST_SATURDAY = [Row(freq="MONTHLY", byday="1SA", opens_at="10:00", closes_at="14:00")]
LAST_FRIDAY = [Row(freq="MONTHLY", byday="-1FR", opens_at="10:00", closes_at="14:00")]
FIRST_AND_FIFTEENTH = [Row(freq="MONTHLY", bymonthday="1,15", opens_at="09:00", closes_at="12:00")]
NIGHTLY = [Row(freq="DAILY", opens_at="19:00", closes_at="07:00")]
FRIDAY_NIGHT = [weekly("FR", "19:00", "07:00")]
SUNDAY_NIGHT = [weekly("SU", "22:00", "02:30")]
SPLIT_SHIFT = [weekly("MO", "09:00", "12:00"), weekly("MO", "13:00", "17:00")]
WINTER_SHELTER = [
    Row(freq="DAILY", opens_at="19:00", closes_at="07:00", valid_from=date(2026, 11, 1), valid_to=date(2027, 3, 31))
]
THANKSGIVING_CLOSED = [*WEEKDAYS_9_TO_5, closed_on(date(2026, 11, 26))]
WINTER_BREAK_CLOSED = [*WEEKDAYS_9_TO_5, closed_on(date(2026, 12, 24), date(2027, 1, 1))]
CHRISTMAS_EVE_SHORT = [*WEEKDAYS_9_TO_5, Row(valid_from=date(2026, 12, 24), opens_at="09:00", closes_at="12:00")]
SATURDAY_DISTRIBUTION = [*WEEKDAYS_9_TO_5, Row(valid_from=date(2026, 11, 28), opens_at="10:00", closes_at="14:00")]
EXTENDED_HOURS_WEEK = [
    *WEEKDAYS_9_TO_5,
    Row(valid_from=date(2026, 12, 14), valid_to=date(2026, 12, 18), opens_at="07:30", closes_at="20:00"),
]
SPECIAL_OVERNIGHT = [*FRIDAY_NIGHT, Row(valid_from=date(2026, 12, 19), opens_at="20:00", closes_at="03:00")]
EVERY_OTHER_TUESDAY = [
    Row(freq="WEEKLY", interval=2, byday="TU", dtstart=date(2026, 11, 24), opens_at="10:00", closes_at="12:00")
]
THREE_WEDNESDAYS = [
    Row(freq="WEEKLY", byday="WE", count=3, dtstart=date(2026, 11, 4), opens_at="10:00", closes_at="12:00")
]
WEDNESDAYS_UNTIL = [weekly("WE", "10:00", "12:00", until=date(2026, 11, 18))]
DAILY_ON_SOME_DAYS = [Row(freq="DAILY", byday="MO,WE,FR", opens_at="08:30", closes_at="11:15")]


def case(rows: list[Row], moment: datetime, expected: bool | None, name: str) -> object:
    return pytest.param(rows, moment, expected, id=name)


IS_OPEN_CASES = [
    # Weekday business hours; closing time itself is closed (a 9-5 office is shut at 17:00).
    case(WEEKDAYS_9_TO_5, at(2026, 11, 23, 8, 59), False, "weekday-before-opening"),
    case(WEEKDAYS_9_TO_5, at(2026, 11, 23, 9, 0), True, "weekday-at-opening-minute"),
    case(WEEKDAYS_9_TO_5, at(2026, 11, 23, 12, 30), True, "weekday-midday"),
    case(WEEKDAYS_9_TO_5, at(2026, 11, 23, 16, 59, 59), True, "weekday-last-second"),
    case(WEEKDAYS_9_TO_5, at(2026, 11, 23, 17, 0), False, "weekday-at-closing"),
    case(WEEKDAYS_9_TO_5, at(2026, 11, 23, 17, 1), False, "weekday-after-closing"),
    case(WEEKDAYS_9_TO_5, at(2026, 11, 23, 0, 0), False, "weekday-midnight"),
    case(WEEKDAYS_9_TO_5, at(2026, 11, 27, 10, 0), True, "friday"),
    case(WEEKDAYS_9_TO_5, at(2026, 11, 28, 12, 0), False, "saturday"),
    case(WEEKDAYS_9_TO_5, at(2026, 11, 29, 12, 0), False, "sunday"),
    # Around the clock.
    case(ALWAYS, at(2026, 11, 23, 0, 0), True, "24-7-monday-midnight"),
    case(ALWAYS, at(2026, 11, 25, 13, 37), True, "24-7-wednesday-afternoon"),
    case(ALWAYS, at(2026, 11, 28, 23, 59), True, "24-7-saturday-2359"),
    case(ALWAYS, at(2026, 11, 29, 23, 59, 30), True, "24-7-sunday-23-59-30"),
    case(ALWAYS_DAILY_2400, at(2026, 11, 29, 23, 59, 30), True, "24-00-closing-23-59-30"),
    case(ALWAYS_DAILY_2400, at(2026, 11, 24, 0, 0), True, "24-00-closing-midnight"),
    # First Saturday of the month.
    case(FIRST_SATURDAY, at(2026, 11, 7, 11, 0), True, "1SA-first-saturday"),
    case(FIRST_SATURDAY, at(2026, 11, 14, 11, 0), False, "1SA-second-saturday"),
    case(FIRST_SATURDAY, at(2026, 11, 28, 11, 0), False, "1SA-fourth-saturday"),
    case(FIRST_SATURDAY, at(2026, 12, 5, 11, 0), True, "1SA-december-fifth"),
    case(FIRST_SATURDAY, at(2026, 11, 7, 15, 0), False, "1SA-after-hours"),
    case(FIRST_SATURDAY, at(2026, 11, 6, 11, 0), False, "1SA-the-friday-before"),
    # Last Friday of the month, in months of 28, 30 and 31 days.
    case(LAST_FRIDAY, at(2026, 11, 27, 11, 0), True, "-1FR-30-day-month"),
    case(LAST_FRIDAY, at(2026, 11, 20, 11, 0), False, "-1FR-30-day-month-one-week-early"),
    case(LAST_FRIDAY, at(2026, 10, 30, 11, 0), True, "-1FR-31-day-month"),
    case(LAST_FRIDAY, at(2026, 10, 23, 11, 0), False, "-1FR-31-day-month-one-week-early"),
    case(LAST_FRIDAY, at(2026, 7, 31, 11, 0), True, "-1FR-on-the-31st"),
    case(LAST_FRIDAY, at(2026, 7, 24, 11, 0), False, "-1FR-24th-when-31st-is-friday"),
    case(LAST_FRIDAY, at(2026, 2, 27, 11, 0), True, "-1FR-february"),
    case(LAST_FRIDAY, at(2026, 10, 31, 11, 0), False, "-1FR-saturday-after"),
    # Days of the month.
    case(FIRST_AND_FIFTEENTH, at(2026, 12, 1, 10, 0), True, "bymonthday-1st"),
    case(FIRST_AND_FIFTEENTH, at(2026, 12, 15, 10, 0), True, "bymonthday-15th"),
    case(FIRST_AND_FIFTEENTH, at(2026, 11, 15, 10, 0), True, "bymonthday-15th-on-a-sunday"),
    case(FIRST_AND_FIFTEENTH, at(2026, 12, 2, 10, 0), False, "bymonthday-2nd"),
    case(FIRST_AND_FIFTEENTH, at(2026, 12, 31, 10, 0), False, "bymonthday-31st"),
    case(FIRST_AND_FIFTEENTH, at(2026, 12, 1, 12, 30), False, "bymonthday-1st-after-hours"),
    # Overnight hours.
    case(NIGHTLY, at(2026, 11, 23, 18, 59), False, "overnight-before-opening"),
    case(NIGHTLY, at(2026, 11, 23, 23, 0), True, "overnight-at-23"),
    case(NIGHTLY, at(2026, 11, 24, 2, 0), True, "overnight-next-morning-02"),
    case(NIGHTLY, at(2026, 11, 24, 6, 59), True, "overnight-next-morning-0659"),
    case(NIGHTLY, at(2026, 11, 24, 7, 0), False, "overnight-at-closing"),
    case(NIGHTLY, at(2026, 11, 24, 8, 0), False, "overnight-next-morning-08"),
    case(FRIDAY_NIGHT, at(2026, 11, 27, 23, 0), True, "friday-night-at-23"),
    case(FRIDAY_NIGHT, at(2026, 11, 28, 2, 0), True, "friday-night-spills-into-saturday"),
    case(FRIDAY_NIGHT, at(2026, 11, 28, 8, 0), False, "friday-night-saturday-08"),
    case(FRIDAY_NIGHT, at(2026, 11, 27, 2, 0), False, "friday-night-not-thursday-night"),
    case(FRIDAY_NIGHT, at(2026, 11, 29, 2, 0), False, "friday-night-not-saturday-night"),
    case(SUNDAY_NIGHT, at(2026, 11, 30, 1, 0), True, "sunday-night-spills-into-monday"),
    # Split shift: two rows on one day.
    case(SPLIT_SHIFT, at(2026, 11, 23, 10, 0), True, "split-morning"),
    case(SPLIT_SHIFT, at(2026, 11, 23, 12, 30), False, "split-lunch-break"),
    case(SPLIT_SHIFT, at(2026, 11, 23, 13, 0), True, "split-afternoon-opening"),
    case(SPLIT_SHIFT, at(2026, 11, 23, 17, 30), False, "split-evening"),
    case(SPLIT_SHIFT, at(2026, 11, 24, 10, 0), False, "split-tuesday"),
    # Seasonal validity: a winter shelter from 1 November to 31 March, across the new year.
    case(WINTER_SHELTER, at(2026, 10, 31, 20, 0), False, "winter-day-before-season"),
    case(WINTER_SHELTER, at(2026, 11, 1, 2, 0), False, "winter-first-morning-nothing-spills"),
    case(WINTER_SHELTER, at(2026, 11, 1, 20, 0), True, "winter-first-night"),
    case(WINTER_SHELTER, at(2026, 12, 31, 23, 30), True, "winter-new-years-eve"),
    case(WINTER_SHELTER, at(2027, 1, 1, 2, 0), True, "winter-new-years-morning"),
    case(WINTER_SHELTER, at(2027, 2, 15, 20, 0), True, "winter-february"),
    case(WINTER_SHELTER, at(2027, 3, 31, 20, 0), True, "winter-last-night"),
    case(WINTER_SHELTER, at(2027, 4, 1, 2, 0), True, "winter-last-night-spills-into-april"),
    case(WINTER_SHELTER, at(2027, 4, 1, 20, 0), False, "winter-over"),
    case(WINTER_SHELTER, at(2026, 7, 15, 20, 0), False, "winter-summer-is-closed-not-unknown"),
    # Holiday exceptions close a day regular hours would open.
    case(THANKSGIVING_CLOSED, at(2026, 11, 25, 10, 0), True, "holiday-day-before"),
    case(THANKSGIVING_CLOSED, at(2026, 11, 26, 10, 0), False, "holiday-closed"),
    case(THANKSGIVING_CLOSED, at(2026, 11, 27, 10, 0), True, "holiday-next-day-back-to-normal"),
    case(WINTER_BREAK_CLOSED, at(2026, 12, 23, 10, 0), True, "break-before"),
    case(WINTER_BREAK_CLOSED, at(2026, 12, 28, 10, 0), False, "break-middle"),
    case(WINTER_BREAK_CLOSED, at(2027, 1, 1, 10, 0), False, "break-last-day"),
    case(WINTER_BREAK_CLOSED, at(2027, 1, 4, 10, 0), True, "break-over"),
    # Special hours replace the regular ones on their date.
    case(CHRISTMAS_EVE_SHORT, at(2026, 12, 24, 10, 0), True, "special-hours-open"),
    case(CHRISTMAS_EVE_SHORT, at(2026, 12, 24, 13, 0), False, "special-hours-closed-early"),
    case(CHRISTMAS_EVE_SHORT, at(2026, 12, 23, 13, 0), True, "special-hours-day-before-normal"),
    case(SATURDAY_DISTRIBUTION, at(2026, 11, 28, 11, 0), True, "special-hours-on-a-closed-saturday"),
    case(SATURDAY_DISTRIBUTION, at(2026, 12, 5, 11, 0), False, "special-hours-only-that-saturday"),
    case(EXTENDED_HOURS_WEEK, at(2026, 12, 15, 19, 0), True, "extended-hours-evening"),
    case(EXTENDED_HOURS_WEEK, at(2026, 12, 22, 19, 0), False, "extended-hours-over"),
    case(SPECIAL_OVERNIGHT, at(2026, 12, 19, 21, 0), True, "special-overnight-evening"),
    case(SPECIAL_OVERNIGHT, at(2026, 12, 20, 2, 0), True, "special-overnight-spills-into-sunday"),
    case(SPECIAL_OVERNIGHT, at(2026, 12, 20, 3, 0), False, "special-overnight-closed-at-three"),
    # Every other week (rrule with interval and dtstart).
    case(EVERY_OTHER_TUESDAY, at(2026, 11, 17, 11, 0), False, "biweekly-before-dtstart"),
    case(EVERY_OTHER_TUESDAY, at(2026, 11, 24, 11, 0), True, "biweekly-first"),
    case(EVERY_OTHER_TUESDAY, at(2026, 12, 1, 11, 0), False, "biweekly-off-week"),
    case(EVERY_OTHER_TUESDAY, at(2026, 12, 8, 11, 0), True, "biweekly-third-week"),
    case(EVERY_OTHER_TUESDAY, at(2026, 12, 8, 12, 30), False, "biweekly-after-hours"),
    # Count and until limits.
    case(THREE_WEDNESDAYS, at(2026, 11, 4, 11, 0), True, "count-first"),
    case(THREE_WEDNESDAYS, at(2026, 11, 18, 11, 0), True, "count-third"),
    case(THREE_WEDNESDAYS, at(2026, 11, 25, 11, 0), False, "count-fourth-is-past-the-count"),
    case(WEDNESDAYS_UNTIL, at(2026, 11, 18, 11, 0), True, "until-last-day"),
    case(WEDNESDAYS_UNTIL, at(2026, 11, 25, 11, 0), False, "until-passed"),
    # DAILY restricted to some weekdays.
    case(DAILY_ON_SOME_DAYS, at(2026, 11, 25, 9, 0), True, "daily-byday-wednesday"),
    case(DAILY_ON_SOME_DAYS, at(2026, 11, 24, 9, 0), False, "daily-byday-tuesday"),
]


@pytest.mark.parametrize(("rows", "moment", "expected"), IS_OPEN_CASES)
def test_is_open(rows: list[Row], moment: datetime, expected: bool | None) -> None:
    assert is_open(rows, moment) is expected


UNKNOWN_SCHEDULES = [
    pytest.param([], id="no-rows"),
    pytest.param([Row(freq="WEEKLY", byday="MO,TU")], id="days-without-hours"),
    pytest.param([weekly("MO", "9am", "5pm")], id="unreadable-hours"),
    pytest.param([weekly("MO", "25:00", "26:00")], id="impossible-hours"),
    pytest.param([weekly("MO", "09:00", "")], id="no-closing-time"),
    pytest.param([Row(byday="MO", opens_at="09:00", closes_at="17:00")], id="no-freq-no-dates"),
    pytest.param([closed_on(date(2026, 12, 25))], id="only-a-holiday-on-another-day"),
]


@pytest.mark.parametrize("rows", UNKNOWN_SCHEDULES)
def test_unusable_schedules_are_unknown_not_closed(rows: list[Row]) -> None:
    monday = at(2026, 11, 23, 12, 0)
    assert is_open(rows, monday) is None
    assert next_opening(rows, monday) is None


def test_an_exception_alone_still_answers_for_its_own_date() -> None:
    assert is_open([closed_on(date(2026, 11, 23))], at(2026, 11, 23, 12, 0)) is False


def test_hours_with_seconds_are_read() -> None:
    rows = [weekly("MO", "09:00:00", "17:30:00")]
    assert is_open(rows, at(2026, 11, 23, 17, 15)) is True
    assert is_open(rows, at(2026, 11, 23, 17, 45)) is False


NEXT_OPENING_CASES = [
    pytest.param(WEEKDAYS_9_TO_5, at(2026, 11, 23, 7, 0), at(2026, 11, 23, 9, 0), id="later-today"),
    pytest.param(WEEKDAYS_9_TO_5, at(2026, 11, 23, 8, 59, 59), at(2026, 11, 23, 9, 0), id="one-second-before"),
    pytest.param(WEEKDAYS_9_TO_5, at(2026, 11, 23, 18, 0), at(2026, 11, 24, 9, 0), id="tomorrow"),
    pytest.param(WEEKDAYS_9_TO_5, at(2026, 11, 27, 17, 0), at(2026, 11, 30, 9, 0), id="after-the-weekend"),
    pytest.param(WEEKDAYS_9_TO_5, at(2026, 11, 28, 12, 0), at(2026, 11, 30, 9, 0), id="from-saturday"),
    pytest.param(SPLIT_SHIFT, at(2026, 11, 23, 12, 15), at(2026, 11, 23, 13, 0), id="after-lunch"),
    pytest.param(FIRST_SATURDAY, at(2026, 11, 30, 9, 0), at(2026, 12, 5, 10, 0), id="first-saturday-next-month"),
    pytest.param(THANKSGIVING_CLOSED, at(2026, 11, 25, 18, 0), at(2026, 11, 27, 9, 0), id="skips-the-holiday"),
    pytest.param(CHRISTMAS_EVE_SHORT, at(2026, 12, 23, 18, 0), at(2026, 12, 24, 9, 0), id="special-hours-day"),
    pytest.param(SATURDAY_DISTRIBUTION, at(2026, 11, 27, 18, 0), at(2026, 11, 28, 10, 0), id="special-saturday"),
    pytest.param(NIGHTLY, at(2026, 11, 24, 8, 0), at(2026, 11, 24, 19, 0), id="overnight-opens-this-evening"),
    pytest.param(WINTER_SHELTER, at(2026, 10, 28, 12, 0), at(2026, 11, 1, 19, 0), id="season-starts"),
    pytest.param(EVERY_OTHER_TUESDAY, at(2026, 12, 1, 9, 0), at(2026, 12, 8, 10, 0), id="biweekly-skips-a-week"),
]


@pytest.mark.parametrize(("rows", "moment", "expected"), NEXT_OPENING_CASES)
def test_next_opening(rows: list[Row], moment: datetime, expected: datetime) -> None:
    found = next_opening(rows, moment)
    assert found == expected
    assert found is not None
    assert found.tzinfo == LA


NEVER_WITHIN_A_WEEK = [
    pytest.param(FIRST_SATURDAY, at(2026, 11, 8, 12, 0), id="monthly-four-weeks-away"),
    pytest.param(WINTER_SHELTER, at(2027, 4, 1, 8, 0), id="season-over"),
    pytest.param(THREE_WEDNESDAYS, at(2026, 11, 18, 13, 0), id="count-used-up"),
    pytest.param(EVERY_OTHER_TUESDAY, at(2026, 11, 24, 13, 0), id="biweekly-fourteen-days-away"),
    pytest.param(WINTER_BREAK_CLOSED, at(2026, 12, 23, 18, 0), id="long-closure"),
]


@pytest.mark.parametrize(("rows", "moment"), NEVER_WITHIN_A_WEEK)
def test_next_opening_is_none_when_nothing_within_eight_days(rows: list[Row], moment: datetime) -> None:
    assert next_opening(rows, moment) is None


def test_next_opening_looks_exactly_eight_days_ahead() -> None:
    sunday = at(2026, 11, 29, 12, 0)
    assert next_opening(FIRST_SATURDAY, sunday) == at(2026, 12, 5, 10, 0)  # six days ahead
    assert next_opening(FIRST_SATURDAY, at(2026, 11, 27, 12, 0)) is None  # eight days ahead
    assert next_opening(FIRST_SATURDAY, at(2026, 11, 27, 12, 0), days=9) == at(2026, 12, 5, 10, 0)


# -- weekday-hour tokens ------------------------------------------------------------------------------------

TOKEN_SCHEDULES = [
    pytest.param(WEEKDAYS_9_TO_5, id="weekdays"),
    pytest.param(ALWAYS, id="24-7"),
    pytest.param(ALWAYS_DAILY_2400, id="24-7-daily-2400"),
    pytest.param(FIRST_SATURDAY, id="first-saturday"),
    pytest.param(LAST_FRIDAY, id="last-friday"),
    pytest.param(FIRST_AND_FIFTEENTH, id="1st-and-15th"),
    pytest.param(NIGHTLY, id="nightly"),
    pytest.param(FRIDAY_NIGHT, id="friday-night"),
    pytest.param(SUNDAY_NIGHT, id="sunday-night"),
    pytest.param(SPLIT_SHIFT, id="split"),
    pytest.param(WINTER_SHELTER, id="winter"),
    pytest.param(THANKSGIVING_CLOSED, id="holiday"),
    pytest.param(CHRISTMAS_EVE_SHORT, id="christmas-eve"),
    pytest.param(SATURDAY_DISTRIBUTION, id="special-saturday"),
    pytest.param(EXTENDED_HOURS_WEEK, id="extended-hours-week"),
    pytest.param(SPECIAL_OVERNIGHT, id="special-overnight"),
    pytest.param(EVERY_OTHER_TUESDAY, id="biweekly"),
    pytest.param(DAILY_ON_SOME_DAYS, id="daily-byday"),
]


def _moments() -> list[datetime]:
    """Every hour (at :00, :30 and :59:59) of five weeks from Monday 23 November, covering every case above."""
    start = at(2026, 11, 23)
    found = []
    for hours in range(35 * 24):
        hour = start + timedelta(hours=hours)
        found.extend((hour, hour + timedelta(minutes=30), hour + timedelta(minutes=59, seconds=59)))
    return found


MOMENTS = _moments()


@pytest.mark.parametrize("rows", TOKEN_SCHEDULES)
def test_open_hour_tokens_cover_every_hour_that_is_open(rows: list[Row]) -> None:
    tokens = open_hour_tokens(rows)
    missing = {hour_token(moment) for moment in MOMENTS if is_open(rows, moment) and hour_token(moment) not in tokens}
    assert not missing
    assert any(is_open(rows, moment) for moment in MOMENTS)  # the schedule does open in the window checked


def test_weekday_tokens_are_the_working_hours_only() -> None:
    tokens = open_hour_tokens(WEEKDAYS_9_TO_5)
    for day in ("MO", "TU", "WE", "TH", "FR"):
        assert {f"{day}{hour:02d}" for hour in range(9, 17)} <= tokens
        assert f"{day}08" not in tokens
        assert f"{day}17" not in tokens  # closed from 17:00: nothing in that hour needs a look
    assert not {token for token in tokens if token.startswith(("SA", "SU"))}


def test_24_7_tokens_are_every_hour_of_the_week() -> None:
    every_hour = {f"{day}{hour:02d}" for day in ("MO", "TU", "WE", "TH", "FR", "SA", "SU") for hour in range(24)}
    assert open_hour_tokens(ALWAYS) == every_hour
    assert open_hour_tokens(ALWAYS_DAILY_2400) == every_hour


def test_overnight_tokens_spill_into_the_next_morning() -> None:
    tokens = open_hour_tokens(FRIDAY_NIGHT)
    assert {"FR19", "FR23", "SA00", "SA06"} <= tokens
    assert not {"FR18", "SA08", "SA19", "TH23", "SU00"} & tokens


def test_sunday_overnight_tokens_wrap_to_monday() -> None:
    tokens = open_hour_tokens(SUNDAY_NIGHT)
    assert {"SU22", "SU23", "MO00", "MO01", "MO02"} <= tokens
    assert "MO03" not in tokens
    assert "SA23" not in tokens


def test_first_saturday_tokens_are_on_saturdays() -> None:
    tokens = open_hour_tokens(FIRST_SATURDAY)
    assert {"SA10", "SA13"} <= tokens
    assert {token[:2] for token in tokens} == {"SA"}


def test_days_of_the_month_can_fall_on_any_weekday() -> None:
    assert {token[:2] for token in open_hour_tokens(FIRST_AND_FIFTEENTH)} == {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}


def test_rows_without_hours_give_no_tokens() -> None:
    assert open_hour_tokens([]) == set()
    assert open_hour_tokens([Row(freq="WEEKLY", byday="MO"), closed_on(date(2026, 11, 26))]) == set()


def test_special_hours_on_a_saturday_give_saturday_tokens() -> None:
    tokens = open_hour_tokens(SATURDAY_DISTRIBUTION)
    assert {"SA10", "SA13"} <= tokens
    assert "SA09" not in tokens


@pytest.mark.parametrize(
    ("moment", "token"),
    [
        (at(2026, 11, 23, 9, 15), "MO09"),
        (at(2026, 11, 23, 0, 0), "MO00"),
        (at(2026, 11, 25, 13, 59, 59), "WE13"),
        (at(2026, 11, 29, 23, 59), "SU23"),
    ],
)
def test_hour_token(moment: datetime, token: str) -> None:
    assert hour_token(moment) == token


def test_weekend_only_hours() -> None:
    moved = replace(WEEKDAYS_9_TO_5[0], byday="SA,SU")
    assert is_open([moved], at(2026, 11, 28, 10, 0)) is True
    assert is_open([moved], at(2026, 11, 23, 10, 0)) is False


@pytest.mark.parametrize("rows", TOKEN_SCHEDULES)
def test_open_throughout_tokens_are_hours_open_from_start_to_end_on_every_date(rows: list[Row]) -> None:
    sure = open_throughout_tokens(rows)
    assert sure <= open_hour_tokens(rows)
    wrong = {hour_token(moment) for moment in MOMENTS if hour_token(moment) in sure and not is_open(rows, moment)}
    assert not wrong


def test_open_throughout_tokens_leave_out_hours_a_service_opens_or_closes_in() -> None:
    half_past = [weekly("MO", "08:30", "17:30")]
    assert open_throughout_tokens(half_past) == {f"MO{hour:02d}" for hour in range(9, 17)}
    assert open_throughout_tokens(WEEKDAYS_9_TO_5) >= {"MO09", "FR16"}
    assert not {"MO08", "MO17"} & open_throughout_tokens(WEEKDAYS_9_TO_5)
    assert {"FR23", "SA00", "SA05"} <= open_throughout_tokens(FRIDAY_NIGHT)
    for dated in (WINTER_SHELTER, THANKSGIVING_CLOSED, FIRST_SATURDAY, EVERY_OTHER_TUESDAY):
        assert open_throughout_tokens(dated) == set()  # the date decides: every hour needs an exact look
