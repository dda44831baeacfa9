"""English that the code writes and the pages show in the reader's language.

`N_("...")` returns its text unchanged; it only marks the text for the catalogs (`pybabel extract` collects
`N_` calls), so code that knows nothing of requests or languages can name what a page will translate. Code that
writes phrases (`listings.presentation`) takes `Words`: `ENGLISH` as written, or the request's language
(`locales.translated()`), both filling `%(name)s` from keyword arguments the gettext way.
"""

from __future__ import annotations

from typing import Any, Protocol


def N_(text: str) -> str:  # noqa: N802 - gettext's own name for "translate later"
    return text


class Words(Protocol):
    def gettext(self, text: str, **values: Any) -> str: ...

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str: ...


class _English:
    """The text as written: `%(name)s` filled in, the plural when `num` is not 1."""

    def gettext(self, text: str, **values: Any) -> str:
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str:
        return (singular if num == 1 else plural) % {"num": num, **values}


ENGLISH: Words = _English()
