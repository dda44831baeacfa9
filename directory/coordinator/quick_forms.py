"""The quick fixes on a listing's coordinator page, as WTForms forms: capacity now, and the core fields with the
main phone (validated by `editing` exactly as the write API validates them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wtforms import Field, Form, StringField
from wtforms.validators import ValidationError

from directory.listings.models import Phone
from directory.wording import N_

#: The core fields the page edits (in its order).
EDITABLE = ("name", "description", "eligibility_description", "application_process", "fees_description", "alert")


def _stripped(value: Any) -> str:
    return str(value or "").strip()


def sent(form: Form) -> dict[str, str]:
    """What was sent, as it was typed: the page shows it again beside its problems."""
    return {field.name: str(field.raw_data[0]) for field in form if field.raw_data}


def problems(form: Form) -> dict[str, list[str]]:
    return {field.name: list(field.errors) for field in form if field.errors}


class CapacityForm(Form):
    capacity = StringField()
    wait_weeks = StringField(filters=[_stripped])

    @property
    def weeks(self) -> float | None:
        """The wait in weeks (None: not given; -1: not a number, which `editing` names)."""
        try:
            return float(self.wait_weeks.data) if self.wait_weeks.data else None
        except ValueError:
            return -1.0


class CoreFieldsForm(Form):
    """Only the fields sent are changed; the main phone's number replaces the number of the phone it names."""

    name = StringField()
    description = StringField()
    eligibility_description = StringField()
    application_process = StringField()
    fees_description = StringField()
    alert = StringField()
    phone_id = StringField(filters=[_stripped])
    phone_number = StringField(filters=[_stripped])

    def validate_name(self, field: Field) -> None:
        if field.raw_data and not _stripped(field.data):
            raise ValidationError(N_("is required"))  # in the reader's words on the page, as the validator's are

    def changes(self, phones: Iterable[Phone]) -> dict[str, Any]:
        """The patch for `editing`."""
        changes: dict[str, Any] = {name: self[name].data or "" for name in EDITABLE if self[name].raw_data}
        phone_id, number = self.phone_id.data, self.phone_number.data
        if number and phone_id:
            changes["phones"] = [
                {"id": str(p.id), "number": number if str(p.id) == phone_id else p.number, "type": p.type}
                for p in phones
            ]
        return changes
