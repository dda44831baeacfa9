"""The interface's language: English or Spanish, from a visible switch (remembered in a cookie the browser keeps)
or else the browser's Accept-Language. Listings are shown as entered, whatever the interface's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from flask import Flask, g, has_request_context, request
from flask_babel import Babel, get_locale, get_translations

from directory.wording import ENGLISH, Words

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


class _Bound:
    """One request's language, for code that writes phrases (`wording.Words`): its catalog and its locale, looked
    up once: Flask-Babel's `gettext` finds the catalog again at every call, and a match writes thousands of
    phrases."""

    def __init__(self) -> None:
        self._catalog = get_translations()
        self._locale = get_locale() or Locale.parse(FORMATS[DEFAULT])
        self.language = str(self._locale.language)

    def gettext(self, text: str, **values: Any) -> str:
        said = str(self._catalog.ugettext(text))
        return said % values if values else said

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str:
        return str(self._catalog.ungettext(singular, plural, num)) % {"num": num, **values}

    def money(self, amount: float, *, cents: bool = False) -> str:
        pattern = "¤#,##0.00" if cents else "¤#,##0"
        return format_currency(amount, "USD", format=pattern, currency_digits=False, locale=self._locale)

    def number(self, value: float, digits: int | None = None) -> str:
        pattern = "#,##0.###" if digits is None else "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self._locale)

    def day(self, value: date) -> str:
        return format_date(value, "long", locale=self._locale)


def translated() -> Words:
    """The words of the request being answered, in its language (bound at the first call of the request);
    English as written outside a request (the command line, a unit test of a form)."""
    if not has_request_context():
        return ENGLISH
    bound: _Bound | None = g.get("directory_words")
    if bound is None:
        bound = g.directory_words = _Bound()
    return bound


def install(app: Flask) -> None:
    Babel(app, locale_selector=_locale, default_translation_directories="translations")

    @app.context_processor
    def _languages() -> dict[str, object]:
        here = current_language()
        return {"language": here, "other_languages": {code: name for code, name in LANGUAGES.items() if code != here}}
