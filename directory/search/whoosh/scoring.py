"""Scoring words in the Whoosh index: BM25F over whole posting arrays, as Whoosh itself scores, and a bonus
for the query's words kept together in a name.

Whoosh's matchers cost microseconds a posting; reading each term's postings whole (`SearcherColumns.postings`)
and scoring them as arrays gives the same scores for a fraction of that.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from whoosh.fields import Schema
from whoosh.query import Phrase, Query

from directory.search.interface import SearchHit
from directory.search.query import UnderstoodQuery
from directory.search.whoosh.schema import STRONG_FIELDS, TEXT_FIELDS
from directory.search.whoosh.searcher import SearcherColumns

BM25_B, BM25_K1 = 0.75, 1.2  # Whoosh's BM25F defaults
PHRASE_BOOST = 3.0  # the words of the query together in a name: in order, each next to the one before
EXPANSION_BOOST = 6.0  # a synonym that names a service type ("food stamps") weighs like several matched words
KEYWORD_TEXT_BOOST = 1.5  # "medicaid" alone: services accepting Medicaid rank a little higher
PAYER_BOOST = 4.0  # "a shrink that takes medicaid": accepting Medicaid matters nearly as much as the need


@dataclass(frozen=True)
class TextQuery:
    """A typed query as weighted index terms, split by the strength of the evidence, and phrases.

    `strong` terms match what a service is (its name, service types, the service types the words point at, a
    payer named); `weak` terms what is merely mentioned (description, organization, eligibility, places).
    Documents with strong evidence rank before those with only weak evidence. A document's score is BM25F over
    all its terms, as Whoosh scores an Or of them, plus a phrase bonus where its name keeps the words together.
    """

    strong: tuple[tuple[str, str, float], ...]  # (field, token, query boost)
    weak: tuple[tuple[str, str, float], ...]
    phrase: Query | None

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.strong, self.weak, repr(self.phrase))


def build_text_query(query: UnderstoodQuery, schema: Schema) -> TextQuery | None:
    """Words in every text field (stemmed, weighted), synonym expansions, payers, and a boost for words kept
    together in a name."""
    analyzer = schema["name"].analyzer
    steered = query.payer_words if query.steer_payers else frozenset()
    strong: list[tuple[str, str, float]] = []
    weak: list[tuple[str, str, float]] = []
    stems: list[str] = []
    for word in query.meaningful_words:
        typed = query.corrections.get(word, word)
        if typed in steered:
            continue  # "... that takes medicaid": a payer to prefer, not words to find
        tokens = [token.text for phrase in typed.split() for token in analyzer(phrase)]
        if not tokens:
            continue
        stems.extend(tokens)
        for field in TEXT_FIELDS:
            (strong if field in STRONG_FIELDS else weak).extend((field, token, 1.0) for token in tokens)
    for code, weight in query.expansions.items():
        strong.append(("taxonomy_code", code, EXPANSION_BOOST * weight))
    for category in query.payers:
        strong.append(("insurance", category, PAYER_BOOST if query.steer_payers else KEYWORD_TEXT_BOOST))
    if not strong and not weak:
        return None
    phrase = Phrase("name", stems, slop=1, boost=PHRASE_BOOST) if len(stems) >= 2 else None
    return TextQuery(tuple(dict.fromkeys(strong)), tuple(dict.fromkeys(weak)), phrase)


def bm25(searcher: Any, columns: SearcherColumns, field: str, token: str, docnums: Any, weights: Any) -> Any:
    """A term's BM25F score in each document of its postings, as Whoosh's scorer computes it."""
    idf = math.log(searcher.doc_count_all() / (searcher.doc_frequency(field, token) + 1)) + 1
    average = searcher.avg_field_length(field) or 1
    lengths = columns.lengths(field)[docnums]
    norm = BM25_K1 * ((1 - BM25_B) + BM25_B * lengths / average)
    return idf * (weights * (BM25_K1 + 1)) / (weights + norm)


def term_scores(searcher: Any, columns: SearcherColumns, terms: Iterable[tuple[str, str, float]]) -> Any:
    """Every document's score for an Or of these terms: BM25F as Whoosh computes it, summed over the terms,
    but over whole posting arrays at once instead of a tree of matchers document by document."""
    scores = numpy.zeros(columns.size, dtype=numpy.float64)
    schema = searcher.schema
    for field, token, boost in terms:
        docnums, weights = columns.postings(field, token)
        if not len(docnums):
            continue
        if schema[field].scorable:
            scores[docnums] += boost * bm25(searcher, columns, field, token, docnums, weights)
        else:
            scores[docnums] += boost * weights
    return scores


def follows_on(words: Sequence[str], name: Sequence[str], slop: int = 1) -> bool:
    """Whether a name holds the words in order, each within `slop` positions of the one before (and not at the
    same one): Whoosh's SpanNear2 (ordered, mindist 1), span for span."""
    places: dict[str, list[int]] = {}
    for position, word in enumerate(name):
        places.setdefault(word, []).append(position)
    spans = {(position, position) for position in places.get(words[0], ())}
    for word in words[1:]:
        if not spans:
            return False
        after = places.get(word, [])
        joined = set()
        for start, end in spans:
            for position in after[bisect.bisect_left(after, start) :]:
                if position > end + slop:
                    break
                if start <= position <= end:
                    continue  # overlapping: distance 0
                if position - end <= slop:
                    joined.add((start, position))
        spans = joined
    return bool(spans)


def phrase_bonus(searcher: Any, columns: SearcherColumns, phrase: Phrase, candidates: Any) -> Any:
    """Each candidate's score for a phrase in its name (0 where the name does not keep the words together), as
    Whoosh scores the phrase (the boost times the sum of its words' scores), from the names' words column."""
    bonus = numpy.zeros(len(candidates), dtype=numpy.float64)
    words = list(phrase.words)
    score = numpy.zeros(len(candidates), dtype=numpy.float64)
    holding = numpy.ones(len(candidates), dtype=bool)
    for word in words:
        docnums, weights = columns.postings(phrase.fieldname, word)
        if not len(docnums):
            return bonus
        at = numpy.minimum(numpy.searchsorted(docnums, candidates), len(docnums) - 1)
        holds = docnums[at] == candidates
        holding &= holds
        term = bm25(searcher, columns, phrase.fieldname, word, docnums[at], weights[at])
        score += numpy.where(holds, term, 0.0)
    chosen = numpy.flatnonzero(holding)
    if not len(chosen):
        return bonus
    names = columns.name_words(candidates[chosen])
    kept = numpy.array([follows_on(words, name, phrase.slop) for name in names], dtype=bool)
    bonus[chosen[kept]] = phrase.boost * score[chosen[kept]]
    return bonus


#: How many of the best by words are looked at again for a phrase in their name, beyond those asked for.
PHRASE_POOL = 200


def best_by_words(
    searcher: Any, columns: SearcherColumns, text: TextQuery, matched: int, strong: int, limit: int | None
) -> list[SearchHit]:
    """The matched documents, best first: strong evidence before weak, then by score, then index order."""
    docnums, scores = text_order(searcher, columns, text, matched, strong, limit)
    return [SearchHit(columns.uid(docnum), float(scores[docnum])) for docnum in docnums.tolist()]


def text_order(
    searcher: Any, columns: SearcherColumns, text: TextQuery, matched: int, strong: int, limit: int | None
) -> tuple[Any, Any]:
    """(the best `limit` matched documents in order of the words, every document's text score)."""
    if not matched or limit == 0:
        return numpy.zeros(0, dtype=numpy.int64), numpy.zeros(columns.size)
    scores = term_scores(searcher, columns, (*text.strong, *text.weak))
    candidates = numpy.flatnonzero(columns.mask(matched))
    tier = columns.mask(strong)[candidates]
    keys = scores[candidates] + numpy.where(tier, 1e9, 0.0)
    wanted = len(candidates) if limit is None else min(len(candidates), limit + PHRASE_POOL)
    if wanted < len(candidates):
        best = numpy.argpartition(-keys, wanted - 1)[:wanted]
        candidates, keys = candidates[best], keys[best]
    if text.phrase is not None:  # the pool again, with a bonus where the name keeps the words together
        extra = phrase_bonus(searcher, columns, text.phrase, candidates)
        keys = keys + extra
        scores[candidates] += extra
    order = numpy.lexsort((candidates, -keys))
    if limit is not None:
        order = order[:limit]
    return candidates[order], scores
