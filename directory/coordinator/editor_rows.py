"""The listing editor's repeated rows (phones, languages, documents, hours) as WTForms forms.

A list is rendered as numbered rows (`phones-0-number`, `phones-1-number`, ...): a hidden id for each existing
item, a "remove" checkbox, and one blank row to add an item, so no JavaScript is needed. WTForms'
`FieldList(FormField(...))` reads exactly those names back. Problems are keyed by the row a person sees
(`phones[1].number`), whatever rows were removed or left blank before the body went to the importer.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from wtforms import BooleanField, Field, FieldList, Form, FormField, HiddenField, SelectMultipleField, StringField
from wtforms.validators import ValidationError

from directory import locales
from directory.listings import presentation
from directory.listings.models import Schedule
from directory.wording import N_

Errors = dict[str, list[str]]
Row = dict[str, Any]


def _(text: str, **values: Any) -> str:
    """`text` in the language of the request being answered (English outside one), `%(name)s` filled in."""
    return locales.translated().gettext(text, **values)


def stripped(value: Any) -> str:
    """A posted text without the spaces around it (an absent field reads as empty)."""
    return str(value or "").strip()


def text_of(value: Any) -> str:
    """A stored value as a form shows it (`12.0` -> "12")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


#: RFC 6350 phone types (as HSDS says), and the directory's crisis lines.
#: Their names (and the days') are translated by the pages (`N_` marks them for the catalogs).
PHONE_TYPES = {
    "voice": N_("Voice"),
    "text": N_("Text (SMS)"),
    "hotline": N_("Hotline"),
    "fax": N_("Fax"),
    "cell": N_("Cell"),
    "video": N_("Video"),
    "pager": N_("Pager"),
    "textphone": N_("Textphone (TTY)"),
}
DAYS = {
    "MO": N_("Mon"),
    "TU": N_("Tue"),
    "WE": N_("Wed"),
    "TH": N_("Thu"),
    "FR": N_("Fri"),
    "SA": N_("Sat"),
    "SU": N_("Sun"),
}

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def required_in_row(form: Form, field: Field) -> None:
    if not field.data:
        raise ValidationError(_("is required (or tick “remove”)"))


def ticked(values: list[str] | None) -> list[str]:
    """The boxes ticked (an empty value is none)."""
    return [value for value in values or () if value]


def weekdays(form: Form, field: Field) -> None:
    unknown = [day for day in field.data or () if day not in DAYS]
    if unknown:
        raise ValidationError(_("%(days)s is not a day of the week", days=", ".join(unknown)))


class EditorForm(Form):
    """A form of the listing editor: it carries the ETag of the listing as it was read, so that a save over
    someone else's is refused."""

    etag = HiddenField(filters=[stripped])

    @property
    def if_match(self) -> str | None:
        return self.etag.data or None


class ItemRow(Form):
    """One row of a list: an existing item (its id) or the blank row that adds one; "remove" drops it."""

    id = HiddenField(filters=[stripped])
    remove = BooleanField()

    #: What a row edits (besides its id and "remove"), in the order its problems are named.
    EDITS: tuple[str, ...] = ()

    @property
    def is_new(self) -> bool:
        return not self.id.data

    @property
    def blank(self) -> bool:
        return not any(self[name].data for name in self.EDITS)

    @property
    def skipped(self) -> bool:
        """Removed, or a new row left blank: nothing to write, nothing to judge."""
        return bool(self.remove.data) or (self.is_new and self.blank)

    def validate(self, extra_validators: Mapping[str, Any] | None = None) -> bool:
        return True if self.skipped else super().validate(extra_validators)

    def row(self) -> Row:
        """What the page shows again."""
        return {"id": self.id.data, "new": self.is_new, "remove": bool(self.remove.data), **self.values()}

    def text(self, name: str) -> str:
        return str(self[name].data or "")

    def values(self) -> Row:
        return {name: self[name].data for name in self.EDITS}

    def body(self) -> dict[str, Any]:
        """The item as the JSON the importer expects (it judges everything HSDS defines)."""
        return {name: self[name].data or None for name in self.EDITS}


RowT = TypeVar("RowT", bound=ItemRow)


class PhoneRow(ItemRow):
    number = StringField(filters=[stripped])
    extension = StringField(filters=[stripped])
    type = StringField(filters=[stripped])
    description = StringField(filters=[stripped])
    EDITS = ("number", "extension", "type", "description")

    def body(self) -> dict[str, Any]:
        extension = self.text("extension")
        # the importer names an extension that is not a whole number
        return {**super().body(), "extension": int(extension) if extension.isdigit() else extension or None}


class LanguageRow(ItemRow):
    name = StringField(filters=[stripped], validators=[required_in_row])
    code = StringField(filters=[stripped])
    EDITS = ("name", "code")

    def validate_code(self, field: Field) -> None:
        if field.data and not _LANGUAGE_CODE.match(str(field.data).lower()):
            raise ValidationError(_("must be an ISO 639 code of 2 or 3 letters, such as es or spa"))

    def body(self) -> dict[str, Any]:
        return {**super().body(), "code": self.text("code").lower() or None}


class DocumentRow(ItemRow):
    document = StringField(filters=[stripped], validators=[required_in_row])
    EDITS = ("document",)


def clock(text: str) -> str | None:
    """'9:00' -> '09:00' (HSDS times are HH:MM); anything else is left for the problem already named."""
    match = _TIME.match(text)
    return f"{int(match[1]):02d}:{match[2]}" if match else text or None


class ScheduleRow(ItemRow):
    """Weekly hours; a monthly or dated rule (`repeats`, shown in words) keeps its days as they are."""

    days = SelectMultipleField(validate_choice=False, filters=[ticked], validators=[weekdays])
    opens_at = StringField(filters=[stripped])
    closes_at = StringField(filters=[stripped])
    description = StringField(filters=[stripped])
    repeats = HiddenField()
    EDITS = ("days", "opens_at", "closes_at", "description")

    def validate_days(self, field: Field) -> None:
        if not self.repeats.data and not field.data and (self.opens_at.data or self.closes_at.data):
            raise ValidationError(_("tick the days these hours are for"))

    def validate_opens_at(self, field: Field) -> None:
        self._judge_time(field, self.closes_at)

    def validate_closes_at(self, field: Field) -> None:
        self._judge_time(field, self.opens_at)

    @staticmethod
    def _judge_time(field: Field, other: Field) -> None:
        if field.data and not _TIME.match(field.data):
            raise ValidationError(_("must be a time such as 09:00 or 17:30"))
        if not field.data and other.data:
            raise ValidationError(_("give both the opening and closing time, or neither"))

    def values(self) -> Row:
        shown = super().values()
        if self.repeats.data:
            shown["repeats"] = self.repeats.data
        return shown

    def body(self) -> dict[str, Any]:
        item: dict[str, Any] = {}
        if not self.repeats.data:
            item["freq"] = "WEEKLY"
            item["byday"] = ",".join(day for day in DAYS if day in (self.days.data or ())) or None
        item["opens_at"], item["closes_at"] = clock(self.text("opens_at")), clock(self.text("closes_at"))
        item["description"] = self.description.data or None
        return item


def rows_field(row: type[RowT]) -> FieldList[FormField[RowT]]:
    """Numbered rows of one kind: `FieldList(FormField(row))` names them `phones-0-number`."""
    return FieldList(FormField(row))


# -- reading a list ------------------------------------------------------------------------------------------

#: Judges one kept row against what is stored (its path, its body, the problems so far).
Check = Callable[[str, ItemRow, dict[str, Any], Errors], None]


@dataclass(frozen=True)
class ReadList:
    """A list as read: the rows to show again, the items for the body, each item's row (for the importer)."""

    rows: list[Row]
    items: list[dict[str, Any]]
    positions: list[int]


def read_rows(
    key: str, rows: FieldList[Any], errors: Errors, known: Iterable[str], check: Check | None = None
) -> ReadList:
    """The list's kept rows as items; its problems (the form's and `check`'s) added to `errors`.

    An existing row's id must be one of the listing's own (`known`): an id from elsewhere would move another
    listing's item here."""
    known = set(known)
    entries: list[ItemRow] = [entry.form for entry in rows.entries]
    shown = [entry.row() for entry in entries]
    if not entries or not entries[-1].blank:
        shown.append(blank_row(entries[0].EDITS if entries else ()))
    items: list[dict[str, Any]] = []
    positions: list[int] = []
    for i, entry in enumerate(entries):
        if entry.skipped:
            continue
        path = f"{key}[{i}]"
        if entry.is_new:
            item_id = str(uuid.uuid4())
        else:
            item_id = entry.text("id")
            if item_id not in known:
                errors.setdefault(f"{path}.id", []).append(
                    _("is not one of this listing's (was it removed meanwhile?); reload the page")
                )
        for name in entry.EDITS:
            if entry[name].errors:
                errors.setdefault(f"{path}.{name}", []).extend(entry[name].errors)
        item = {"id": item_id, **entry.body()}
        if check is not None:
            check(path, entry, item, errors)
        items.append(item)
        positions.append(i)
    return ReadList(shown, items, positions)


def blank_row(names: Iterable[str]) -> Row:
    row: Row = {"id": "", "new": True, "remove": False, **dict.fromkeys(names, "")}
    if "days" in row:
        row["days"] = []
    return row


def rows_of(row: type[ItemRow], items: Iterable[Any]) -> list[Row]:
    """Rows for a page: one per item, then a blank one to add an item."""
    fields = row.EDITS
    shown: list[Row] = [
        {"id": str(item.id), **{name: text_of(getattr(item, name)) for name in fields}} for item in items
    ]
    shown.append(blank_row(fields))
    return shown


def _is_weekly(schedule: Schedule) -> bool:
    days = [part.strip().upper() for part in (schedule.byday or "").split(",") if part.strip()]
    return (schedule.freq or "WEEKLY").upper() == "WEEKLY" and all(day in DAYS for day in days)


def schedule_rows(schedules: Iterable[Schedule]) -> list[Row]:
    rows: list[Row] = []
    for schedule in schedules:
        row: Row = {"id": str(schedule.id), **{name: text_of(getattr(schedule, name)) for name in SCHEDULE_FIELDS}}
        row["opens_at"], row["closes_at"] = row["opens_at"][:5], row["closes_at"][:5]
        if _is_weekly(schedule):
            row["days"] = [d.strip().upper() for d in (schedule.byday or "").split(",") if d.strip()]
        else:  # a monthly or dated rule: its days are kept as they are
            row["days"] = []
            row["repeats"] = (
                presentation.describe_schedule(
                    Schedule(byday=schedule.byday, opens_at=None, closes_at=None, description=None)
                )
                or (schedule.freq or "").lower()
            )
        rows.append(row)
    rows.append(blank_row(ScheduleRow.EDITS))
    return rows


SCHEDULE_FIELDS = ("opens_at", "closes_at", "description")


def stale_description(current: Mapping[str, Schedule]) -> Check:
    """A check that a schedule's unchanged description (which the public sees instead of the days and times)
    does not still describe hours that were just changed."""

    def check(path: str, entry: ItemRow, item: dict[str, Any], errors: Errors) -> None:
        stored = current.get(item["id"])
        if stored is None or not stored.description or entry["description"].data != stored.description.strip():
            return
        moved = (item.get("byday", stored.byday), item["opens_at"], item["closes_at"]) != (
            stored.byday,
            (stored.opens_at or "")[:5] or None,
            (stored.closes_at or "")[:5] or None,
        )
        if moved:
            errors.setdefault(f"{path}.description", []).append(
                _(
                    "still reads “%(description)s”, which the public sees instead of the days and times: "
                    "change it to match the new hours, or clear it",
                    description=stored.description,
                )
            )

    return check
