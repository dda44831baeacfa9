"""The in-memory twin of the Whoosh index, for tests: the same interface and filters, simple word scoring."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Mapping, Sequence

import numpy

from directory import geo
from directory.listings import hours
from directory.search import ranking
from directory.search.interface import (
    FACET_FIELDS,
    SearchFilters,
    SearchHit,
    SearchRequest,
    SearchResults,
    ServiceDocument,
    accepting_label,
    current_accepting,
    ranked_hits,
)
from directory.search.query import UnderstoodQuery, fold
from directory.search.ranking import Ranking


def matches_filters(doc: ServiceDocument, filters: SearchFilters) -> bool:
    """The filter semantics every index implements (the in-memory twin uses this directly)."""
    if filters.service_ids is not None and doc.id not in filters.service_ids:
        return False
    if filters.statuses and doc.status not in filters.statuses:
        return False
    if filters.taxonomy_ids and not set(filters.taxonomy_ids) & set(doc.taxonomy_ids):
        return False
    if filters.languages and not set(filters.languages) & set(doc.languages):
        return False
    if filters.insurance and not set(filters.insurance) & set(doc.insurance):
        return False
    if filters.age is not None:
        if doc.min_age is not None and filters.age < doc.min_age:
            return False
        if doc.max_age is not None and filters.age > doc.max_age:
            return False
    if (
        filters.accepting_new_clients is not None
        and current_accepting(doc, filters.stale_before) is not filters.accepting_new_clients
    ):
        return False
    if filters.organization_id and doc.organization_id != filters.organization_id:
        return False
    if filters.modified_after is not None and doc.modified <= filters.modified_after:
        return False
    return _near(doc, filters) and _open(doc, filters)


def _near(doc: ServiceDocument, filters: SearchFilters) -> bool:
    """Within the distance asked for: in a cell wholly inside it, or measured, or serving the area."""
    if not (filters.cells or filters.areas):
        return True
    if not doc.cells:
        return bool(set(filters.areas) & set(doc.areas))
    if not set(filters.cells) & set(doc.cells):
        return False
    if set(filters.inner_cells) & set(doc.cells) or filters.near is None or not doc.coordinates:
        return True  # without a point to measure from, any of the cells will do
    return _nearest(doc, filters.near[0], filters.near[1]) <= filters.near[2]


def _open(doc: ServiceDocument, filters: SearchFilters) -> bool:
    """Open at `open_at`: an hour it is open throughout, else what its schedule says exactly."""
    hour = filters.open_hour
    if filters.open_at is None or hour is None:
        return True
    if hour not in doc.open_hours:
        return False
    if hour in doc.open_hours_sure:
        return True
    return hours.is_open([hours.ScheduleRow(*row) for row in doc.schedule], filters.open_at) is True


def _nearest(doc: ServiceDocument, latitude: float, longitude: float) -> float:
    """Miles to the document's nearest located site (NaN with none)."""
    if not doc.coordinates:
        return math.nan
    points = numpy.array(doc.coordinates, dtype=numpy.float64)
    return float(geo.distance_miles_array(latitude, longitude, points[:, 0], points[:, 1]).min())


class InMemoryIndex:
    """A dictionary-backed twin of WhooshIndex for tests: same interface and filters, simple word scoring."""

    def __init__(self) -> None:
        self.documents: dict[uuid.UUID, ServiceDocument] = {}
        self._position: int | None = None

    def rebuild(self, documents: Iterable[ServiceDocument], *, position: int) -> int:
        self.documents = {doc.id: doc for doc in documents}
        self._position = position
        return len(self.documents)

    def update(
        self,
        upserts: Sequence[ServiceDocument],
        removals: Sequence[uuid.UUID],
        *,
        position: int,
        blocking: bool = True,
    ) -> bool:
        for doc_id in removals:
            self.documents.pop(doc_id, None)
        for doc in upserts:
            self.documents[doc.id] = doc
        self._position = max(position, self._position or 0)
        return True

    def position(self) -> int | None:
        return self._position

    def search(self, request: SearchRequest) -> SearchResults:
        hits = []
        tiers: dict[uuid.UUID, int] = {}  # strong evidence first, as WhooshIndex ranks
        for doc in self.documents.values():
            if not matches_filters(doc, request.filters):
                continue
            strong, score = _score(doc, request.query) if request.query and not request.query.is_empty else (True, 1.0)
            if score > 0:
                hits.append(SearchHit(doc.id, score))
                tiers[doc.id] = 0 if strong else 1
        hits.sort(key=lambda hit: (tiers[hit.id], -hit.score, str(hit.id)))
        total = len(hits)
        facets: dict[str, dict[str, int]] = {}
        if request.facets:
            facets = {name: {} for name in FACET_FIELDS}
            for hit in hits:
                doc = self.documents[hit.id]
                for name in FACET_FIELDS[:-1]:
                    for value in getattr(doc, name):
                        facets[name][value] = facets[name].get(value, 0) + 1
                label = accepting_label(current_accepting(doc, request.filters.stale_before))
                facets["accepting"][label] = facets["accepting"].get(label, 0) + 1
        if request.ranking is not None:
            hits = self._ranked(hits, request, request.ranking)
        return SearchResults(hits[: request.limit] if request.limit is not None else hits, total, facets)

    def _ranked(self, hits: list[SearchHit], request: SearchRequest, order: Ranking) -> list[SearchHit]:
        words = request.query is not None and not request.query.is_empty
        pool = hits
        if words and order.sort == "relevance" and request.limit is not None:
            pool = hits[: max(ranking.RERANK_POOL, request.limit)]
        docs = [self.documents[hit.id] for hit in pool]
        origin = order.origin
        stale_before = request.filters.stale_before
        signals = ranking.Signals(
            text=numpy.array([hit.score for hit in pool], dtype=numpy.float64) if words else None,
            distance=numpy.array([_nearest(doc, *origin) for doc in docs], dtype=numpy.float64) if origin else None,
            closed=numpy.array([doc.status == "temporarily closed" for doc in docs], dtype=bool),
            accepting=numpy.array(
                [{True: 1, False: 0, None: -1}[current_accepting(doc, stale_before)] for doc in docs], dtype=numpy.int8
            ),
            assured=numpy.array(
                [math.nan if doc.assured_day is None else doc.assured_day for doc in docs], dtype=numpy.float64
            ),
            name_order=lambda at: ranking.ranks_of([(docs[p].name.casefold(), docs[p].id.bytes) for p in at.tolist()]),
            id_order=lambda at: ranking.ranks_of([docs[p].id.bytes for p in at.tolist()]),
        )
        return ranked_hits(lambda position: docs[position].id, signals, order, request.limit)

    def count(self) -> int:
        return len(self.documents)

    def word_frequencies(self) -> Mapping[str, int]:
        frequencies: dict[str, int] = {}
        for doc in self.documents.values():
            for word in set(fold(" ".join(doc.text_fields().values())).split()):
                frequencies[word] = frequencies.get(word, 0) + 1
        return frequencies

    def clear(self) -> None:
        self.documents.clear()
        self._position = None


def _score(doc: ServiceDocument, query: UnderstoodQuery) -> tuple[bool, float]:
    """Whether the document has strong evidence (a word in what it is called or what it is, a service type or
    payer the words name), and a simple word score."""
    steered = query.payer_words if query.steer_payers else frozenset()
    words = {query.corrections.get(w, w) for w in query.meaningful_words} - steered
    name_words = set(fold(doc.name).split())
    what_words = set(fold(f"{doc.name} {doc.alternate_name} {doc.taxonomy_text}").split())
    all_words = set(fold(" ".join(doc.text_fields().values())).split())
    expanded = [weight for code, weight in query.expansions.items() if code in doc.taxonomy_codes]
    payers = [category for category in query.payers if category in doc.insurance]
    score = 3.0 * len(words & name_words) + float(len(words & all_words))
    score += sum(5.0 * weight for weight in expanded) + 3.0 * len(payers)
    return bool(words & what_words or expanded or payers), score
