"""English that the code writes and the pages show in the reader's language.

`N_("...")` returns its text unchanged; it only marks the text for the catalogs (`pybabel extract` collects
`N_` calls), so code that knows nothing of requests or languages can name what a page will translate.
"""

from __future__ import annotations


def N_(text: str) -> str:  # noqa: N802 - gettext's own name for "translate later"
    return text
