"""Plain-language renderings of listing data for pages: hours, costs, freshness (in English, or in the words a
page passes: `wording.Words`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import segno
from babel import Locale, UnknownLocaleError

from directory.catalogue import catalogue
from directory.eligibility.insurance import INSURANCE_CATEGORIES, PAYMENT_OPTIONS, PLAN_NAMES, plan_name
from directory.listings.models import Schedule, Service
from directory.wording import ENGLISH, N_, Words

DAY_NAMES = {
    "MO": N_("Mon"), "TU": N_("Tue"), "WE": N_("Wed"), "TH": N_("Thu"),
    "FR": N_("Fri"), "SA": N_("Sat"), "SU": N_("Sun"),
}  # fmt: skip
ORDINALS = {"1": N_("First"), "2": N_("Second"), "3": N_("Third"), "4": N_("Fourth"), "-1": N_("Last")}


_BARE_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$", re.IGNORECASE)


def term_name(code: str, name: str, words: Words = ENGLISH) -> str:
    """A category's name: ours (directory/catalogue) in the reader's language, anyone else's (a term renamed or
    imported under another name) as entered."""
    ours = catalogue().term(code)
    return ours.name_in(words.language) if ours is not None and ours.name == name else name


def language_name(code: str | None, name: str, locale: str) -> str:
    """A language a service speaks, named in the reader's language ("vietnamita" for a Spanish reader), from its
    ISO 639 code; as entered for English readers, and when the code is not one Babel knows."""
    if not code or locale.startswith("en"):
        return name
    try:
        known = Locale.parse(locale).languages.get(code.strip().lower().replace("_", "-").split("-")[0])
    except (UnknownLocaleError, ValueError):
        return name
    return str(known) if known else name


def web_address(url: str | None) -> str | None:
    """A listing's website as a link that is safe to follow: http(s) as given, a bare host ('www.example.org', as
    directories often write it) made https; anything else (javascript:, data:, a phone number) is no link."""
    text = (url or "").strip()
    if not text or any(character.isspace() or ord(character) < 32 for character in text):
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() in ("http", "https"):
        return text if parts.netloc else None
    if not parts.scheme and _BARE_HOST.match(text):
        return f"https://{text}"
    return None


def qr_code(url: str, title: str, *, scale: int = 2) -> str:
    """An inline SVG QR code for `url` (black on white, prints crisp; `title` names it for screen readers), `scale`
    pixels a module."""
    return str(segno.make(url, error="m").svg_inline(scale=scale, dark="#000", title=title, svgclass="qr"))


def clock(value: str | None, words: Words = ENGLISH) -> str:
    """'17:30' -> '5:30pm', '09:00' -> '9am', '23:59' -> 'midnight'."""
    if not value:
        return ""
    try:
        hours, minutes = (int(part) for part in value.split(":")[:2])
    except ValueError:
        return value
    if (hours, minutes) in ((23, 59), (24, 0)):
        return words.gettext("midnight")
    if (hours, minutes) == (12, 0):
        return words.gettext("noon")
    hour12 = hours % 12 or 12
    if minutes == 0:
        return words.gettext("%(hour)dam", hour=hour12) if hours < 12 else words.gettext("%(hour)dpm", hour=hour12)
    if hours < 12:
        return words.gettext("%(hour)d:%(minutes)02dam", hour=hour12, minutes=minutes)
    return words.gettext("%(hour)d:%(minutes)02dpm", hour=hour12, minutes=minutes)


def _days(byday: str, words: Words = ENGLISH) -> str:
    parts = [part.strip().upper() for part in byday.split(",") if part.strip()]
    if [p for p in parts if p in DAY_NAMES] == list(DAY_NAMES)[:5] and len(parts) == 5:
        return words.gettext("Mon–Fri")
    if len(parts) == 7 and set(parts) == set(DAY_NAMES):
        return words.gettext("Every day")
    names = []
    for part in parts:
        day = part[-2:]
        ordinal = part[:-2]
        if day in DAY_NAMES:
            name = words.gettext(DAY_NAMES[day])
            if ordinal:
                which = words.gettext(ORDINALS[ordinal]) if ordinal in ORDINALS else ordinal
                name = words.gettext("%(which)s %(day)s of the month", which=which, day=name)
            names.append(name)
    return ", ".join(names)


def describe_schedule(schedule: Schedule, words: Words = ENGLISH) -> str:
    """The hours a person reads; the listing's own description wins when it has one."""
    if schedule.description:
        return schedule.description
    if schedule.opens_at == "00:00" and schedule.closes_at in ("23:59", "24:00"):
        hours = words.gettext("24 hours")
    elif schedule.opens_at and schedule.closes_at:
        hours = f"{clock(schedule.opens_at, words)}–{clock(schedule.closes_at, words)}"
    else:
        hours = ""
    days = _days(schedule.byday, words) if schedule.byday else ""
    return " ".join(part for part in (days, hours) if part) or (schedule.notes or "")


def service_hours(service: Service, words: Words = ENGLISH) -> list[str]:
    schedules = list(service.schedules)
    for sal in service.service_at_locations:
        schedules.extend(sal.schedules)
    if not schedules:
        for sal in service.service_at_locations:
            schedules.extend(sal.location.schedules)
    return [text for text in dict.fromkeys(describe_schedule(s, words) for s in schedules) if text]


def payment_labels(service: Service, words: Words = ENGLISH) -> list[str]:
    """Payment options in words, leaving out what the fee description already says."""
    said = (service.fees_description or "").casefold()
    labels = [
        words.gettext(PAYMENT_OPTIONS[option]) if option in PAYMENT_OPTIONS else option.replace("_", " ").capitalize()
        for option in service.payment_options
    ]
    return [label for label in labels if label.casefold() not in said]


def insurance_labels(service: Service, words: Words = ENGLISH) -> list[str]:
    labels = []
    for row in service.insurance_accepted:
        category = str(row.get("category", ""))
        known = INSURANCE_CATEGORIES.get(category)
        label = words.gettext(known) if known else category.replace("_", " ").capitalize()
        plans = row.get("plans")
        labels.append(f"{label} ({', '.join(plan_name(str(p)) for p in plans)})" if plans else label)
    return labels


def verified_age(service: Service, today: date, words: Words = ENGLISH) -> tuple[str, bool]:
    """('Verified 3 months ago', is_stale) with stale meaning not verified in the last 12 months."""
    if service.assured_date is None:
        return words.gettext("Not yet verified"), True
    days = (today - service.assured_date).days
    if days < 1:
        text = words.gettext("Verified today")
    elif days < 31:
        text = words.ngettext("Verified %(num)d day ago", "Verified %(num)d days ago", days)
    elif days < 365:
        text = words.ngettext("Verified %(num)d month ago", "Verified %(num)d months ago", days // 30)
    else:
        text = words.ngettext("Verified over %(num)d year ago", "Verified over %(num)d years ago", days // 365)
    return text, days > 365


def opening_phrase(moment: datetime, now: datetime, words: Words = ENGLISH) -> str:
    """'Opens at 5pm' today, 'Opens tomorrow at 9am', 'Opens Tue at 9am'."""
    at = clock(moment.strftime("%H:%M"), words)
    days = (moment.date() - now.date()).days
    if days <= 0:
        return words.gettext("Opens at %(time)s", time=at)
    if days == 1:
        return words.gettext("Opens tomorrow at %(time)s", time=at)
    day = words.gettext(DAY_NAMES[list(DAY_NAMES)[moment.weekday()]])
    return words.gettext("Opens %(day)s at %(time)s", day=day, time=at)


def miles(distance: float | None, words: Words = ENGLISH) -> str:
    if distance is None:
        return ""
    if distance < 0.1:
        return words.gettext("nearby")
    return words.gettext("%(miles)s mi", miles=f"{distance:.1f}" if distance < 10 else f"{distance:.0f}")


#: For history: what to show of each element of a nested list (the rest is in the API).
_LIST_SUMMARY = {
    "phones": "number",
    "languages": "name",
    "schedules": "description",
    "required_documents": "document",
    "service_areas": "name",
    "cost_options": "option",
    "contacts": "name",
}


def history_value(field: str, raw: str) -> str:
    """A recorded value as a person reads it: phone numbers rather than the JSON of the phones."""
    key = _LIST_SUMMARY.get(field)
    if not key or not raw.startswith("["):
        return raw
    try:
        items = json.loads(raw)
    except ValueError:
        return raw
    shown = [str(item.get(key) or "") for item in items if isinstance(item, dict)]
    return "; ".join(value for value in shown if value) or "(none)"


def plan_text(plans: Iterable[Any]) -> str:
    """Plans as a coordinator types them, by name ("CareOregon, Trillium"); codes we have no name for as stored."""
    return ", ".join(PLAN_NAMES.get(str(plan), str(plan)) for plan in plans)
