"""The Whoosh index: the only module of the directory that imports whoosh.

Stored fields are ids only. A rebuild writes a fresh index beside the live one and swaps directories, so
searches keep working throughout. An index that is missing or unreadable is reported as empty (callers
rebuild it from the database) instead of crashing the app.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup

from directory.search import SearchHit, ServiceDocument

log = logging.getLogger(__name__)

INDEX_NAME = "services"

_FIELD_BOOSTS = {
    "name": 4.0,
    "alternate_name": 2.5,
    "taxonomy": 2.0,
    "organization": 1.5,
    "description": 1.0,
    "eligibility": 0.7,
    "places": 0.7,
}


def build_schema() -> Schema:
    analyzer = StemmingAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        name=TEXT(analyzer=analyzer, field_boost=_FIELD_BOOSTS["name"]),
        alternate_name=TEXT(analyzer=analyzer, field_boost=_FIELD_BOOSTS["alternate_name"]),
        organization=TEXT(analyzer=analyzer, field_boost=_FIELD_BOOSTS["organization"]),
        description=TEXT(analyzer=analyzer, field_boost=_FIELD_BOOSTS["description"]),
        taxonomy=TEXT(analyzer=analyzer, field_boost=_FIELD_BOOSTS["taxonomy"]),
        eligibility=TEXT(analyzer=analyzer, field_boost=_FIELD_BOOSTS["eligibility"]),
        places=TEXT(analyzer=analyzer, field_boost=_FIELD_BOOSTS["places"]),
        taxonomy_code=KEYWORD(commas=True),
        language=KEYWORD(commas=True),
        insurance=KEYWORD(commas=True),
        postcode=KEYWORD(commas=True),
        status=ID(),
        min_age=NUMERIC(int, bits=16, signed=True),
        max_age=NUMERIC(int, bits=16, signed=True),
        accepting=ID(),
    )


def _fields(doc: ServiceDocument) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": str(doc.id),
        "name": doc.name,
        "alternate_name": doc.alternate_name,
        "organization": doc.organization,
        "description": doc.description,
        "taxonomy": doc.taxonomy_text,
        "eligibility": doc.eligibility,
        "places": doc.places,
        "taxonomy_code": ",".join(doc.taxonomy_codes),
        "language": ",".join(doc.languages),
        "insurance": ",".join(doc.insurance),
        "postcode": ",".join(doc.postcodes),
        "status": doc.status.replace(" ", "_"),
        "accepting": {True: "yes", False: "no", None: "unknown"}[doc.accepting_new_clients],
    }
    if doc.min_age is not None:
        fields["min_age"] = int(doc.min_age)
    if doc.max_age is not None:
        fields["max_age"] = int(doc.max_age)
    return fields


class WhooshIndex:
    """A Whoosh index in `path`; one writer at a time (Whoosh's lock), readers never blocked."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._index: Any = None
        self._searcher: Any = None

    # -- life cycle ---------------------------------------------------------------------------------

    def exists(self) -> bool:
        return bool(whoosh_index.exists_in(str(self.path), indexname=INDEX_NAME))

    def _open(self) -> Any:
        if self._index is None:
            if not self.exists():
                self.path.mkdir(parents=True, exist_ok=True)
                self._index = whoosh_index.create_in(str(self.path), build_schema(), indexname=INDEX_NAME)
            else:
                self._index = whoosh_index.open_dir(str(self.path), indexname=INDEX_NAME)
        return self._index

    def _reader(self) -> Any:
        with self._lock:
            if self._searcher is None:
                self._searcher = self._open().searcher()
            else:
                self._searcher = self._searcher.refresh()
            return self._searcher

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._index = None

    # -- writing --------------------------------------------------------------------------------------

    def rebuild(self, documents: Iterable[ServiceDocument]) -> int:
        """Build a complete new index beside the live one, then swap it in."""
        fresh = self.path.with_name(self.path.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        new_index = whoosh_index.create_in(str(fresh), build_schema(), indexname=INDEX_NAME)
        writer = new_index.writer(limitmb=128)
        count = 0
        try:
            for doc in documents:
                writer.add_document(**_fields(doc))
                count += 1
        except BaseException:
            writer.cancel()
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        writer.commit()
        old = self.path.with_name(self.path.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        with self._lock:
            if self.path.exists():
                self.path.rename(old)
            fresh.rename(self.path)
            self._index = None
            self._searcher = None
        shutil.rmtree(old, ignore_errors=True)
        return count

    def upsert(self, documents: Sequence[ServiceDocument]) -> None:
        if not documents:
            return
        with self._open().writer() as writer:
            for doc in documents:
                writer.update_document(**_fields(doc))

    def remove(self, ids: Sequence[uuid.UUID]) -> None:
        if not ids:
            return
        with self._open().writer() as writer:
            for doc_id in ids:
                writer.delete_by_term("id", str(doc_id))

    # -- reading --------------------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        searcher = self._reader()
        fields = list(_FIELD_BOOSTS)
        parser = MultifieldParser(fields, schema=searcher.schema, group=OrGroup.factory(0.9))
        parsed = parser.parse(query)
        results = searcher.search(parsed, limit=limit)
        return [SearchHit(uuid.UUID(hit["id"]), float(hit.score)) for hit in results]

    def count(self) -> int:
        if not self.exists():
            return 0
        return int(self._reader().doc_count())
