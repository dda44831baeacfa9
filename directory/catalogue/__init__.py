"""The directory's own taxonomy, as written once in `taxonomy.toml`: each code's names in English and Spanish, its
parent category, the words people type for it, the documents to bring, and the codes of other systems that mean it.

The search vocabulary, the pages' category names, the SAMHSA importer and the seed generator all read it from
here, so this module imports nothing else of the project. The file is checked as it is read: a typo in it fails at
start-up with the code and the field it is in, instead of a search that silently never matches.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

#: How the search folds what people type (lower case, no accents, one space between words): a phrase written any
#: other way would never match.
_FOLDED = re.compile(r"[0-9a-z]+(?: [0-9a-z]+)*")
_SAMHSA = re.compile(r"([A-Z]+)(?::([A-Z0-9]+))?")


class CatalogueError(ValueError):
    """The taxonomy file says something the directory cannot use."""


@dataclass(frozen=True)
class SamhsaCode:
    """A SAMHSA FindTreatment code that means one of ours: a type of care ("SU": every listing of it), or a service
    code on a listing of that type of care ("SU" and "OTP")."""

    type_of_care: str
    service_code: str | None = None


@dataclass(frozen=True)
class Term:
    """A category (no parent) or a kind of service under one."""

    code: str
    name: str
    name_es: str
    description: str
    parent: str | None = None
    #: Typical sets of documents to bring; a listing asks for one of them (an empty set: nothing to bring).
    documents: tuple[tuple[str, ...], ...] = ()
    samhsa: tuple[SamhsaCode, ...] = ()
    #: What people type for it, folded, and how sure the match is (1.0 for a plain name of the kind of service).
    typed: Mapping[str, float] = field(default_factory=dict)

    def name_in(self, language: str) -> str:
        """Its name in the reader's language ("es" for Spanish; English otherwise)."""
        return self.name_es if language == "es" else self.name


@dataclass(frozen=True)
class Catalogue:
    name: str
    version: str
    description: str
    categories: tuple[Term, ...]
    service_types: tuple[Term, ...]

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term: the categories, then the kinds of service, in the file's order."""
        return self.categories + self.service_types

    @cached_property
    def _by_code(self) -> dict[str, Term]:
        return {term.code: term for term in self.terms}

    def term(self, code: str | None) -> Term | None:
        return self._by_code.get(code) if code else None


@cache
def catalogue() -> Catalogue:
    """The taxonomy shipped with the directory (read once)."""
    return parse((resources.files(__name__) / "taxonomy.toml").read_text(encoding="utf-8"))


def parse(text: str) -> Catalogue:
    """A catalogue from the text of a taxonomy file, checked."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"taxonomy.toml is not valid TOML: {error}") from error
    header = _table(data, "taxonomy", "the file")
    categories = tuple(_term(entry, category=True) for entry in _tables(data, "category"))
    service_types = tuple(_term(entry, category=False) for entry in _tables(data, "service_type"))
    found = Catalogue(
        name=_text(header, "name", "[taxonomy]"),
        version=_text(header, "version", "[taxonomy]"),
        description=_text(header, "description", "[taxonomy]"),
        categories=categories,
        service_types=service_types,
    )
    _check_codes(found)
    return found


def _check_codes(found: Catalogue) -> None:
    seen: set[str] = set()
    for term in found.terms:
        if term.code in seen:
            raise CatalogueError(f"{term.code}: the code is listed twice")
        seen.add(term.code)
    parents = {category.code for category in found.categories}
    for term in found.service_types:
        if term.parent not in parents:
            raise CatalogueError(f"{term.code}: parent {term.parent!r} is not a category")


def _term(entry: Mapping[str, Any], *, category: bool) -> Term:
    code = _text(entry, "code", "an entry")
    allowed = {"code", "name", "name_es", "description", "samhsa"}
    if not category:
        allowed |= {"parent", "documents", "typed"}
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise CatalogueError(f"{code}: unknown field {unknown[0]!r}")
    return Term(
        code=code,
        name=_text(entry, "name", code),
        name_es=_text(entry, "name_es", code),
        description=_text(entry, "description", code),
        parent=None if category else _text(entry, "parent", code),
        documents=_documents(entry.get("documents", []), code),
        samhsa=tuple(_samhsa(value, code) for value in _list(entry.get("samhsa", []), code, "samhsa")),
        typed=_typed(entry.get("typed", {}), code),
    )


def _documents(value: object, code: str) -> tuple[tuple[str, ...], ...]:
    sets = _list(value, code, "documents")
    return tuple(tuple(_string(item, code, "documents") for item in _list(one, code, "documents")) for one in sets)


def _samhsa(value: object, code: str) -> SamhsaCode:
    match = _SAMHSA.fullmatch(_string(value, code, "samhsa"))
    if not match:
        raise CatalogueError(f"{code}: samhsa {value!r} is not a type of care (SU) or type:service code (SU:OTP)")
    return SamhsaCode(match[1], match[2])


def _typed(value: object, code: str) -> dict[str, float]:
    if not isinstance(value, dict):
        raise CatalogueError(f"{code}: typed must be a table of phrase = weight")
    typed: dict[str, float] = {}
    for phrase, weight in value.items():
        if not _FOLDED.fullmatch(phrase):
            raise CatalogueError(f"{code}: typed {phrase!r} is not folded (lower case, no accents, single spaces)")
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 1:
            raise CatalogueError(f"{code}: typed {phrase!r} needs a weight above 0 and at most 1")
        typed[phrase] = float(weight)
    return typed


def _tables(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    entries = _list(data.get(key, []), "the file", key)
    for entry in entries:
        if not isinstance(entry, dict):
            raise CatalogueError(f"[[{key}]] entries must be tables")
    return entries


def _table(data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise CatalogueError(f"{where}: [{key}] is missing")
    return value


def _list(value: object, where: str, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise CatalogueError(f"{where}: {key} must be a list")
    return value


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: {key} is missing or empty")
    return value


def _string(value: object, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: {key} holds something other than text")
    return value
