"""The sign-in form, as a WTForms form."""

from __future__ import annotations

from wtforms import Form, HiddenField, PasswordField, StringField


class SignInForm(Form):
    email = StringField()
    password = PasswordField()
    #: Where to go once signed in (checked before it is followed: only a path on this site).
    next = HiddenField()
