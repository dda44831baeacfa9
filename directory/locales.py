"""The interface's language: English or Spanish, from a visible switch (remembered in a cookie the browser keeps)
or else the browser's Accept-Language. Listings are shown as entered, whatever the interface's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask, request
from flask_babel import Babel, format_currency, format_date, format_decimal, get_locale, gettext, ngettext

from directory.wording import Words

#: The languages the interface is written in, each named in itself (as the switch shows it).
LANGUAGES = {"en": "English", "es": "Español"}
#: How each language writes dates, numbers and money here: as in the United States (es_US: "$1,234.50", "1 de
#: diciembre de 2026"; Spain's "1.234,50 US$" would misread a US income).
FORMATS = {"en": "en_US", "es": "es_US"}
COOKIE = "lang"
DEFAULT = "en"


def chosen_language() -> str:
    """The switch's choice if any, else the best of the browser's languages, else English."""
    remembered = request.cookies.get(COOKIE, "")
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT) or DEFAULT


def _locale() -> str:
    return FORMATS[chosen_language()]


def current_language() -> str:
    here = get_locale()
    return here.language if here else DEFAULT


class _Translated:
    """The request's language, for code that writes phrases (`wording.Words`)."""

    def gettext(self, text: str, **values: Any) -> str:
        return str(gettext(text, **values))

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str:
        return str(ngettext(singular, plural, num, **values))

    def money(self, amount: float, *, cents: bool = False) -> str:
        return str(format_currency(amount, "USD", format="¤#,##0.00" if cents else "¤#,##0", currency_digits=False))

    def number(self, value: float, digits: int | None = None) -> str:
        pattern = "#,##0.###" if digits is None else "#,##0" + ("." + "0" * digits if digits else "")
        return str(format_decimal(value, format=pattern))

    def day(self, value: date) -> str:
        return str(format_date(value, "long"))


_TRANSLATED = _Translated()


def translated() -> Words:
    """The words of the request being answered (the language is looked up at each call, not here)."""
    return _TRANSLATED


def install(app: Flask) -> None:
    Babel(app, locale_selector=_locale, default_translation_directories="translations")

    @app.context_processor
    def _languages() -> dict[str, object]:
        here = current_language()
        return {"language": here, "other_languages": {code: name for code, name in LANGUAGES.items() if code != here}}
