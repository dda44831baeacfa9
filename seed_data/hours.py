"""Opening hours as HSDS schedule rows (RRULE fields) and as the phrase a description uses ("weekdays from 9am to
5pm"): one pattern per kind of opening, each drawing its details from the generator's random stream."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from seed_data.wording import join_words

DASH: Final = "\u2013"  # en dash, as in "Mon-Fri" written properly
DAYS: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAYS: Final = "MO,TU,WE,TH,FR"
EVERY_DAY: Final = "MO,TU,WE,TH,FR,SA,SU"
SHORT_DAY: Final = dict(zip(DAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))
LONG_DAY: Final = dict(
    zip(
        DAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
ORDINALS: Final = {"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}


@dataclass(frozen=True)
class Row:
    freq: Literal["WEEKLY", "MONTHLY"]
    byday: str
    opens_at: str
    closes_at: str
    description: str | None = None  # default: built from the fields
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass(frozen=True)
class Hours:
    """A schedule pattern drawn for one service: HSDS rows plus the phrase for text."""

    rows: tuple[Row, ...]
    phrase: str  # "every Tuesday and Thursday from 1pm to 4pm"
    day: str = ""  # the main weekday, for names like "Tuesday Night Community Dinner"


def clock(hhmm: str) -> str:
    hour, minute = (int(part) for part in hhmm.split(":"))
    if (hour, minute) in {(0, 0), (23, 59)}:
        return "midnight"
    if (hour, minute) == (12, 0):
        return "noon"
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12}{suffix}" if minute == 0 else f"{hour12}:{minute:02d}{suffix}"


def _runs(days: Sequence[str]) -> list[list[str]]:
    runs: list[list[str]] = []
    for day in days:
        if runs and DAYS.index(day) == DAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def short_days(byday: str) -> str:
    days = byday.split(",")
    if len(days) == 7:
        return "Daily"
    parts = []
    for run in _runs(days):
        if len(run) >= 2:
            parts.append(f"{SHORT_DAY[run[0]]}{DASH}{SHORT_DAY[run[-1]]}")
        else:
            parts.append(SHORT_DAY[run[0]])
    return ", ".join(parts)


def long_days(byday: str) -> str:
    days = byday.split(",")
    if len(days) == 7:
        return "every day"
    if len(days) >= 3 and len(_runs(days)) == 1:
        return f"{LONG_DAY[days[0]]} through {LONG_DAY[days[-1]]}"
    return join_words([LONG_DAY[d] for d in days])


def row_description(row: Row) -> str:
    if row.description:
        return row.description
    span = f"{clock(row.opens_at)}{DASH}{clock(row.closes_at)}"
    if row.freq == "MONTHLY":
        match = re.fullmatch(r"(-?\d)([A-Z]{2})", row.byday)
        if match:
            ordinal, day = match.groups()
            return f"{ORDINALS[ordinal].capitalize()} {LONG_DAY[day]} of the month, {span}"
    return f"{short_days(row.byday)} {span}"


def span_phrase(opens: str, closes: str) -> str:
    return f"{clock(opens)} to {clock(closes)}"


def _pick_hours(rng: random.Random, options: Sequence[tuple[str, str]]) -> tuple[str, str]:
    return options[rng.randrange(len(options))]


def hours_business(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(
        rng,
        [("08:00", "17:00"), ("08:30", "17:00"), ("09:00", "17:00"), ("08:00", "16:30")],
    )
    row = Row("WEEKLY", WEEKDAYS, opens, closes)
    return Hours((row,), f"Monday through Friday, {span_phrase(opens, closes)}")


def hours_business_evening(rng: random.Random) -> Hours:
    opens = rng.choice(["08:00", "08:30", "09:00"])
    late = rng.choice(["19:00", "20:00"])
    rows = (Row("WEEKLY", "MO,TU,WE,TH", opens, late), Row("WEEKLY", "FR", opens, "17:00"))
    phrase = f"Monday through Thursday, {span_phrase(opens, late)}, and Friday, {span_phrase(opens, '17:00')}"
    return Hours(rows, phrase)


def hours_split_week(rng: random.Random) -> Hours:
    close_late = rng.choice(["18:00", "19:00"])
    rows = (
        Row("WEEKLY", "MO,WE,FR", "09:00", "12:00"),
        Row("WEEKLY", "TU,TH", "13:00", close_late),
    )
    phrase = (
        "Monday, Wednesday and Friday mornings (9am to noon) and Tuesday and "
        f"Thursday afternoons (1pm to {clock(close_late)})"
    )
    return Hours(rows, phrase)


def hours_always(rng: random.Random) -> Hours:
    row = Row("WEEKLY", EVERY_DAY, "00:00", "23:59", "Open 24 hours, 7 days a week")
    return Hours((row,), "24 hours a day, 7 days a week")


def hours_daily_extended(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("07:00", "23:00"), ("06:00", "22:00")])
    row = Row("WEEKLY", EVERY_DAY, opens, closes)
    return Hours((row,), f"every day from {span_phrase(opens, closes)}")


def _overnight(opens: str, closes: str, valid: tuple[str, str] | None) -> tuple[Row, ...]:
    text = f"Nightly {clock(opens)}{DASH}{clock(closes)}"
    start, end = valid if valid else (None, None)
    return (
        Row("WEEKLY", EVERY_DAY, opens, "23:59", text, start, end),
        Row("WEEKLY", EVERY_DAY, "00:00", closes, text, start, end),
    )


def hours_overnight(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("19:00", "07:00"), ("18:00", "08:00")])
    return Hours(_overnight(opens, closes, None), f"nightly from {span_phrase(opens, closes)}")


def hours_winter(rng: random.Random) -> Hours:
    rows = _overnight("19:00", "07:00", ("2026-11-15", "2027-03-31"))
    return Hours(rows, "nightly from 7pm to 7am, November 15 through March 31")


DAY_PAIRS: Final = (("TU", "TH"), ("MO", "WE"), ("WE", "FR"), ("MO", "TH"))


def hours_pantry(rng: random.Random) -> Hours:
    pair = rng.choice(DAY_PAIRS)
    opens, closes = _pick_hours(rng, [("13:00", "16:00"), ("14:00", "18:00"), ("10:00", "13:00")])
    part = "afternoon" if opens >= "12:00" else "morning"
    byday = ",".join(pair)
    rows = [Row("WEEKLY", byday, opens, closes)]
    phrase = f"every {long_days(byday)} {part} ({span_phrase(opens, closes)})"
    if rng.random() < 0.5:
        rows.append(Row("MONTHLY", "1SA", "10:00", "12:00"))
        phrase += " and on the first Saturday of the month (10am to noon)"
    return Hours(tuple(rows), phrase, LONG_DAY[pair[0]])


def hours_first_saturday(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("10:00", "13:00"), ("09:00", "12:00")])
    row = Row("MONTHLY", "1SA", opens, closes)
    return Hours((row,), f"on the first Saturday of every month, {span_phrase(opens, closes)}")


def hours_weekday_afternoons(rng: random.Random) -> Hours:
    opens = rng.choice(["12:00", "13:00"])
    row = Row("WEEKLY", WEEKDAYS, opens, "16:00")
    return Hours((row,), f"weekday afternoons, {span_phrase(opens, '16:00')}")


def hours_dinner_one(rng: random.Random) -> Hours:
    day = rng.choice(["MO", "TU", "WE", "TH", "SU"])
    opens = rng.choice(["17:00", "17:30"])
    row = Row("WEEKLY", day, opens, "19:00")
    phrase = f"every {LONG_DAY[day]} evening from {span_phrase(opens, '19:00')}"
    return Hours((row,), phrase, LONG_DAY[day])


def hours_dinner_multi(rng: random.Random) -> Hours:
    byday = rng.choice(["MO,WE,FR", "TU,TH,SA", EVERY_DAY])
    row = Row("WEEKLY", byday, "17:00", "18:30")
    when = "every evening" if byday == EVERY_DAY else f"{long_days(byday)} evenings"
    return Hours((row,), f"{when} from 5pm to 6:30pm")


def hours_lunch_weekday(rng: random.Random) -> Hours:
    row = Row("WEEKLY", WEEKDAYS, "11:30", "13:00")
    return Hours((row,), "Monday through Friday from 11:30am to 1pm")


def hours_lunch_3days(rng: random.Random) -> Hours:
    byday = rng.choice(["MO,WE,FR", "TU,WE,TH"])
    row = Row("WEEKLY", byday, "11:30", "12:30")
    return Hours((row,), f"{long_days(byday)} at 11:30am")


def hours_breakfast_weekend(rng: random.Random) -> Hours:
    row = Row("WEEKLY", "SA,SU", "08:00", "10:00")
    return Hours((row,), "Saturday and Sunday mornings from 8am to 10am")


def hours_dropin_afternoon(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("14:00", "19:00"), ("15:00", "20:00"), ("12:00", "18:00")])
    rows = [Row("WEEKLY", WEEKDAYS, opens, closes)]
    phrase = f"weekdays from {span_phrase(opens, closes)}"
    if rng.random() < 0.5:
        rows.append(Row("WEEKLY", "SA", "12:00", "17:00"))
        phrase += " and Saturdays from noon to 5pm"
    return Hours(tuple(rows), phrase)


def hours_weekend(rng: random.Random) -> Hours:
    rows = (
        Row("WEEKLY", WEEKDAYS, "10:00", "16:00"),
        Row("WEEKLY", "SA,SU", "11:00", "15:00"),
    )
    return Hours(rows, "weekdays from 10am to 4pm and weekends from 11am to 3pm")


def hours_evening_clinic(rng: random.Random) -> Hours:
    byday = rng.choice(["TU,TH", "MO,WE"])
    opens = rng.choice(["17:00", "18:00"])
    row = Row("WEEKLY", byday, opens, "21:00")
    return Hours((row,), f"{long_days(byday)} evenings from {span_phrase(opens, '21:00')}")


def hours_weekly_one_day(rng: random.Random) -> Hours:
    day = rng.choice(["MO", "TU", "WE", "TH", "FR"])
    opens, closes = _pick_hours(rng, [("10:00", "14:00"), ("13:00", "17:00"), ("09:00", "12:00")])
    row = Row("WEEKLY", day, opens, closes)
    return Hours((row,), f"every {LONG_DAY[day]} from {span_phrase(opens, closes)}", LONG_DAY[day])


def hours_call_center(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("08:00", "18:00"), ("07:00", "19:00")])
    rows = (Row("WEEKLY", WEEKDAYS, opens, closes), Row("WEEKLY", "SA", "09:00", "13:00"))
    phrase = f"Monday through Friday, {span_phrase(opens, closes)}, and Saturday, 9am to 1pm"
    return Hours(rows, phrase)


def hours_dosing(rng: random.Random) -> Hours:
    opens = rng.choice(["05:30", "06:00"])
    rows = (Row("WEEKLY", WEEKDAYS, opens, "13:00"), Row("WEEKLY", "SA,SU", "07:00", "10:00"))
    phrase = f"Monday through Friday, {span_phrase(opens, '13:00')}, and weekends, 7am to 10am"
    return Hours(rows, phrase)


def hours_iop_day(rng: random.Random) -> Hours:
    row = Row("WEEKLY", WEEKDAYS, "09:00", "15:00")
    return Hours((row,), "Monday through Friday, 9am to 3pm")


def hours_iop_evening(rng: random.Random) -> Hours:
    row = Row("WEEKLY", "MO,TU,TH", "17:30", "20:30")
    return Hours((row,), "Monday, Tuesday and Thursday evenings, 5:30pm to 8:30pm")


def hours_preschool(rng: random.Random) -> Hours:
    opens, closes = _pick_hours(rng, [("08:30", "14:30"), ("08:00", "15:00")])
    row = Row("WEEKLY", "MO,TU,WE,TH", opens, closes, None, "2026-09-08", "2027-06-11")
    phrase = f"Monday through Thursday, {span_phrase(opens, closes)}, September to June"
    return Hours((row,), phrase)


def hours_walkin_mornings(rng: random.Random) -> Hours:
    rows = (
        Row("WEEKLY", WEEKDAYS, "08:00", "12:00"),
        Row("WEEKLY", "MO,TU,WE,TH", "13:00", "17:00"),
    )
    return Hours(rows, "weekday mornings from 8am to noon, with afternoon visits by appointment")


def hours_evening_groups(rng: random.Random) -> Hours:
    rows = (
        Row("WEEKLY", WEEKDAYS, "09:00", "17:00"),
        Row("WEEKLY", "MO,TU,TH", "18:00", "21:00"),
    )
    phrase = "weekdays from 9am to 5pm, with evening groups Monday, Tuesday and Thursday"
    return Hours(rows, phrase)


HOURS: Final[dict[str, Callable[[random.Random], Hours]]] = {
    "business": hours_business,
    "business_evening": hours_business_evening,
    "split_week": hours_split_week,
    "always": hours_always,
    "daily_extended": hours_daily_extended,
    "overnight": hours_overnight,
    "winter": hours_winter,
    "pantry": hours_pantry,
    "first_saturday": hours_first_saturday,
    "weekday_afternoons": hours_weekday_afternoons,
    "dinner_one": hours_dinner_one,
    "dinner_multi": hours_dinner_multi,
    "lunch_weekday": hours_lunch_weekday,
    "lunch_3days": hours_lunch_3days,
    "breakfast_weekend": hours_breakfast_weekend,
    "dropin_afternoon": hours_dropin_afternoon,
    "weekend": hours_weekend,
    "evening_clinic": hours_evening_clinic,
    "weekly_one_day": hours_weekly_one_day,
    "call_center": hours_call_center,
    "dosing": hours_dosing,
    "iop_day": hours_iop_day,
    "iop_evening": hours_iop_evening,
    "preschool": hours_preschool,
    "walkin_mornings": hours_walkin_mornings,
    "evening_groups": hours_evening_groups,
}
