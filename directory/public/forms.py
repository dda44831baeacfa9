"""The public pages' forms, as WTForms forms: suggesting a correction to a listing, and sharing services as one
short link. (The "Do I qualify?" check uses the workspace's profile form, `matching.forms.ProfileForm`.)"""

from __future__ import annotations

import time
from typing import Any

from itsdangerous import BadData, URLSafeTimedSerializer
from wtforms import Form, HiddenField, SelectMultipleField, StringField, TextAreaField

MIN_SECONDS = 3  # people take longer than this to fill the form; robots usually do not
MAX_SECONDS = 2 * 60 * 60


def form_stamp(secret: str) -> str:
    """When the suggestion form was handed out, signed: `looks_automated` reads it back."""
    return URLSafeTimedSerializer(secret, salt="suggest").dumps(time.time())


class SuggestForm(Form):
    """A correction to a listing. `website` is a trap: hidden from people, filled in by robots."""

    field = StringField()
    proposed = TextAreaField()
    note = TextAreaField()
    stamp = HiddenField()
    website = StringField()

    def looks_automated(self, secret: str) -> bool:
        """Sent with the trap filled, with a stamp not ours (or too old), or faster than people type."""
        if str(self.website.data or "").strip():
            return True
        try:
            issued = URLSafeTimedSerializer(secret, salt="suggest").loads(self.stamp.data or "", max_age=MAX_SECONDS)
        except BadData:
            return True
        return bool(time.time() - float(issued) < MIN_SECONDS)

    @property
    def proposes(self) -> bool:
        return bool(str(self.proposed.data or "").strip())

    def suggestion(self) -> dict[str, Any]:
        """What `suggestions.suggest` takes, as typed (it judges the values)."""
        return {name: self[name].data or "" for name in ("field", "proposed", "note")}

    def sent(self) -> dict[str, str]:
        """What was sent, to show again beside its problems."""
        return {field.name: str(field.raw_data[0]) for field in self if field.raw_data}


class ShareForm(Form):
    """The services to share (their ids; `sharing` refuses what it cannot share)."""

    service = SelectMultipleField(validate_choice=False)

    @property
    def services(self) -> list[str]:
        return list(self.service.data or [])
