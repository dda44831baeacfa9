"""How the generator joins words into names and sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def join_words(words: Sequence[str], conjunction: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def acronym(name: str) -> str:
    letters = [w[0] for w in re.findall(r"[A-Za-z][A-Za-z'.-]*", name) if w[0].isupper()]
    return "".join(letters)
