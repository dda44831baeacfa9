"""Search: the small interface the rest of the directory sees.

`SearchIndex` is the protocol; `WhooshIndex` (directory/search/whoosh_index.py, the only module that imports
whoosh) is the real one and `InMemoryIndex` its twin for tests. The index stores ids only: the database
hydrates results.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class ServiceDocument:
    """What the index knows about one service (derived from the database, never shown to people)."""

    id: uuid.UUID
    name: str
    alternate_name: str = ""
    organization: str = ""
    description: str = ""
    taxonomy_codes: tuple[str, ...] = ()
    taxonomy_text: str = ""
    eligibility: str = ""
    languages: tuple[str, ...] = ()
    insurance: tuple[str, ...] = ()
    places: str = ""  # cities and ZIP codes
    postcodes: tuple[str, ...] = ()
    status: str = "active"
    min_age: float | None = None
    max_age: float | None = None
    accepting_new_clients: bool | None = None
    coordinates: tuple[tuple[float, float], ...] = field(default=())

    def text(self) -> str:
        return " ".join(
            [
                self.name,
                self.alternate_name,
                self.organization,
                self.description,
                self.taxonomy_text,
                self.eligibility,
                self.places,
            ]
        )


@dataclass(frozen=True)
class SearchHit:
    id: uuid.UUID
    score: float


class SearchIndex(Protocol):
    def rebuild(self, documents: Iterable[ServiceDocument]) -> int:
        """Replace the whole index with these documents; returns how many were indexed."""
        ...

    def upsert(self, documents: Sequence[ServiceDocument]) -> None: ...

    def remove(self, ids: Sequence[uuid.UUID]) -> None: ...

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]: ...

    def count(self) -> int: ...


_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


class InMemoryIndex:
    """A dictionary-backed twin of WhooshIndex for tests: same interface, term-overlap scoring."""

    def __init__(self) -> None:
        self.documents: dict[uuid.UUID, ServiceDocument] = {}

    def rebuild(self, documents: Iterable[ServiceDocument]) -> int:
        self.documents = {doc.id: doc for doc in documents}
        return len(self.documents)

    def upsert(self, documents: Sequence[ServiceDocument]) -> None:
        for doc in documents:
            self.documents[doc.id] = doc

    def remove(self, ids: Sequence[uuid.UUID]) -> None:
        for doc_id in ids:
            self.documents.pop(doc_id, None)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        terms = set(words(query))
        hits = []
        for doc in self.documents.values():
            doc_words = words(doc.text())
            score = float(sum(doc_words.count(term) for term in terms)) + 2.0 * len(terms & set(words(doc.name)))
            if score > 0 or not terms:
                hits.append(SearchHit(doc.id, score))
        hits.sort(key=lambda hit: (-hit.score, str(hit.id)))
        return hits[:limit]

    def count(self) -> int:
        return len(self.documents)

    def clear(self) -> None:
        self.documents.clear()
