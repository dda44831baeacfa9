"""English that the code writes and the pages show in the reader's language.

`N_("...")` returns its text unchanged; it only marks the text for the catalogs (`pybabel extract` collects
`N_` calls), so code that knows nothing of requests or languages can name what a page will translate. Code that
writes phrases (`listings.presentation`, `eligibility`) takes `Words`: `ENGLISH` as written, or the request's language
(`locales.translated()`), both filling `%(name)s` from keyword arguments the gettext way.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol


def N_(text: str) -> str:  # noqa: N802 - gettext's own name for "translate later"
    return text


class Words(Protocol):
    @property
    def language(self) -> str:
        """The reader's language: "en" or "es" (for what is written outside the gettext catalogs, such as the
        taxonomy's names in directory/catalogue)."""
        ...

    def gettext(self, text: str, **values: Any) -> str: ...

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str: ...

    def money(self, amount: float, *, cents: bool = False) -> str:
        """US dollars as the reader writes them: $1,234 (or $1,234.50 with cents)."""
        ...

    def number(self, value: float, digits: int | None = None) -> str:
        """A number as the reader writes it: as few decimals as it needs, or exactly `digits`."""
        ...

    def day(self, value: date) -> str:
        """A date as the reader writes it."""
        ...


class _English:
    """The text as written: `%(name)s` filled in, the plural when `num` is not 1."""

    language = "en"

    def gettext(self, text: str, **values: Any) -> str:
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str:
        return (singular if num == 1 else plural) % {"num": num, **values}

    def money(self, amount: float, *, cents: bool = False) -> str:
        return f"${amount:,.2f}" if cents else f"${amount:,.0f}"

    def number(self, value: float, digits: int | None = None) -> str:
        return f"{value:g}" if digits is None else f"{value:.{digits}f}"

    def day(self, value: date) -> str:
        return value.isoformat()


ENGLISH: Words = _English()
