"""`WhooshIndex`: the search index the directory serves from, a Whoosh index on disk (storage.py for its layout).

A process keeps one searcher and the columns read for it (`SearcherColumns`) until the index changes. A search
is bitsets over the searcher's documents: the filters (`directory.search.columns`, as the in-memory twin works
them out too), the words' terms, then the best by words (scoring.py) or by the ranking the request asks for.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import numpy

from directory.search import columns, ranking
from directory.search.interface import SearchHit, SearchRequest, SearchResults, ServiceDocument
from directory.search.whoosh import storage
from directory.search.whoosh.scoring import best_by_words, build_text_query, text_order
from directory.search.whoosh.searcher import SearcherColumns


class WhooshIndex:
    """A Whoosh index at `path` (a symlink to the live generation)."""

    def __init__(self, path: str | os.PathLike[str], *, results_cache: int = 256) -> None:
        """`results_cache`: how many search results each searcher keeps for repeats (0: none)."""
        self.path = Path(path)
        self.results_cache = results_cache
        self._lock = threading.Lock()
        self._target: Path | None = None
        self._index: Any = None
        self._searcher: Any = None
        self._frequencies: tuple[Any, Mapping[str, int]] | None = None
        self._columns: SearcherColumns | None = None

    # -- the live generation, this process's searcher -----------------------------------------------------------

    def _open(self) -> Any:
        """The Whoosh index of the live generation (reopened when a rebuild swapped generations)."""
        live = storage.live_generation(self.path)
        if live is None:
            raise FileNotFoundError(f"no search index at {self.path}")
        if self._index is None or live != self._target:
            index = storage.open_generation(live)
            old = self._searcher
            self._index, self._target, self._searcher = index, live, None
            if old is not None:
                old.close()
        return self._index

    def _reader(self) -> Any:
        """This process's searcher, reopened when the index has a new generation.

        Whoosh's `Searcher.refresh()` reuses segment readers and so keeps documents that another writer deleted
        from an existing segment (a retired listing would still match); a new searcher reads deletions afresh.
        Checking the generation costs a directory listing, so an unchanged index costs next to nothing.
        """
        with self._lock:
            index = self._open()
            if self._searcher is not None and index.latest_generation() != self._searcher.reader().generation():
                self._searcher.close()
                self._searcher = None
            if self._searcher is None:
                self._searcher = index.searcher()
            return self._searcher

    def _reader_and_cache(self) -> tuple[Any, SearcherColumns]:
        """The searcher and the columns kept for it (started afresh with each new searcher)."""
        searcher = self._reader()
        kept = self._columns
        if kept is None or kept.searcher is not searcher:
            kept = self._columns = SearcherColumns(searcher, self.results_cache)
        return searcher, kept

    def keep_results(self, count: int) -> None:
        """Keep up to `count` search results per searcher for repeats from now on (0: none, and forget those kept)."""
        with self._lock:
            self.results_cache = count
            if self._columns is not None:
                self._columns.keep_results(count)

    # -- position and writing -----------------------------------------------------------------------------------

    def position(self) -> int | None:
        live = storage.live_generation(self.path)
        return None if live is None else storage.usable_position(live, self._open)

    def rebuild(self, documents: Iterable[ServiceDocument], *, position: int) -> int:
        return storage.rebuild(self.path, documents, position)

    def update(
        self,
        upserts: Sequence[ServiceDocument],
        removals: Sequence[uuid.UUID],
        *,
        position: int,
        blocking: bool = True,
    ) -> bool:
        with self._lock:
            index = self._open()
            target = self._target
        return storage.update(index, target, (upserts, removals), position, blocking)

    # -- reading --------------------------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResults:
        searcher, kept = self._reader_and_cache()
        text = build_text_query(request.query, searcher.schema) if request.query else None
        filters = request.filters
        key = (
            text.key if text else None,
            dataclasses.replace(filters, stale_before=None),
            columns.stale_key(kept, filters.stale_before),
            request.limit,
            request.facets,
            request.ranking,
        )
        cached = kept.result(key)
        if cached is not None:
            return cast(SearchResults, cached)
        allowed = columns.filter_bits(kept, filters)
        order = request.ranking
        if text is None:
            matched = allowed
            if order is None:
                hits = self._unscored(kept, matched, request.limit)
            else:
                docs = numpy.flatnonzero(kept.mask(matched))
                hits = columns.rank(kept, docs, None, order, filters.stale_before, request.limit)
        else:
            strong = allowed & kept.any_of_terms((field, token) for field, token, _ in text.strong)
            matched = strong | (allowed & kept.any_of_terms((field, token) for field, token, _ in text.weak))
            if order is None:
                hits = best_by_words(searcher, kept, text, matched, strong, request.limit)
            else:  # the best by words blended (every match for another order)
                pool = None
                if order.sort == "relevance" and request.limit is not None:
                    pool = max(ranking.RERANK_POOL, request.limit)
                docs, scores = text_order(searcher, kept, text, matched, strong, pool)
                hits = columns.rank(kept, docs, scores[docs], order, filters.stale_before, request.limit)
        facets = columns.facet_counts(kept, matched, filters.stale_before) if request.facets else {}
        return kept.put_result(key, SearchResults(hits, matched.bit_count(), facets))

    @staticmethod
    def _unscored(kept: SearcherColumns, matched: int, limit: int | None) -> list[SearchHit]:
        """Every document passing the filters, equal, in index order."""
        hits: list[SearchHit] = []
        if limit == 0:
            return hits
        for docnum in columns.docnums(matched):
            hits.append(SearchHit(kept.uid(docnum), 1.0))
            if limit is not None and len(hits) >= limit:
                break
        return hits

    def count(self) -> int:
        if storage.live_generation(self.path) is None:
            return 0
        return int(self._reader().doc_count())

    def word_frequencies(self) -> Mapping[str, int]:
        """Unstemmed words of names and service types with their document counts (cached per index state)."""
        searcher = self._reader()
        key = (self._target, id(searcher))
        if self._frequencies is not None and self._frequencies[0] == key:
            return self._frequencies[1]
        frequencies: dict[str, int] = {}
        for term, info in searcher.reader().iter_field("words"):
            word = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            frequencies[word] = int(info.doc_frequency())
        self._frequencies = (key, frequencies)
        return frequencies

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._columns = None
            self._index = None
            self._target = None
