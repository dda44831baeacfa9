"""Understanding what people type: folding, synonym expansion and spelling correction. Pure Python.

Nothing here parses query syntax: quotes, brackets, operators and emoji are just characters, so any input is
safe. The result says which words to look for and which service types the words point at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from directory.search.vocabulary import MISSPELLINGS, PAYER_WORDS, SYNONYMS, phrase_index

MAX_WORDS = 32
MAX_PHRASE_WORDS = 4
_NON_WORD = re.compile(r"[^0-9a-z]+")

#: Words that carry no meaning for search (English and Spanish), beyond the analyzer's own stop list.
FILLER = frozenset(
    """a an and are as at be but by can do for from get go help i i'm im in is it me my need near of on or
    please some that the there this to want where who with you your any anyone find looking place places
    takes take accepts accept accepting uses m s t
    el la los las un una de del en y o para por con que mi me necesito ayuda donde cerca""".split()  # noqa: SIM905
)


def fold(text: str) -> str:
    """Lower case, accents removed, anything that is not a letter or digit turned into a single space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only).strip()


@dataclass(frozen=True)
class UnderstoodQuery:
    """A typed query after folding, correction and expansion."""

    original: str
    words: tuple[str, ...]
    expansions: Mapping[str, float] = field(default_factory=dict)  # taxonomy code -> weight
    corrections: Mapping[str, str] = field(default_factory=dict)  # typed word -> corrected word
    payers: Mapping[str, str] = field(default_factory=dict)  # insurance category -> the words that named it
    steer_payers: bool = False  # payer words qualify another need ("... that takes medicaid")

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.expansions

    @property
    def corrected_text(self) -> str | None:
        if not self.corrections:
            return None
        return " ".join(self.corrections.get(word, word) for word in self.words)

    @property
    def meaningful_words(self) -> tuple[str, ...]:
        return tuple(word for word in self.words if word not in FILLER)

    @property
    def payer_words(self) -> frozenset[str]:
        """The (corrected) words that name a payer."""
        return frozenset(word for phrase in self.payers.values() for word in phrase.split())


@lru_cache(maxsize=1)
def _phrases() -> dict[str, dict[str, float]]:
    return phrase_index()


@lru_cache(maxsize=1)
def vocabulary_words() -> frozenset[str]:
    """Every single word of the synonym phrases (for spelling correction)."""
    return frozenset(word for entries in SYNONYMS.values() for phrase in entries for word in phrase.split())


def expand(words: tuple[str, ...]) -> dict[str, float]:
    """Taxonomy codes the words point at, each with its strongest weight."""
    phrases = _phrases()
    found: dict[str, float] = {}
    for size in range(1, MAX_PHRASE_WORDS + 1):
        for start in range(len(words) - size + 1):
            for code, weight in phrases.get(" ".join(words[start : start + size]), {}).items():
                found[code] = max(found.get(code, 0.0), weight)
    return found


def _payers(words: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for size in (2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if phrase in PAYER_WORDS:
                found.setdefault(PAYER_WORDS[phrase], phrase)
    return found


def understand(text: str, corrector: Corrector | None = None) -> UnderstoodQuery:
    """Fold the text, correct words nobody has written in the directory, expand with synonyms."""
    words = tuple(fold(text[:2000]).split()[:MAX_WORDS])
    corrections: dict[str, str] = {}
    for word in words:
        if word in FILLER:
            continue
        fixed = MISSPELLINGS.get(word) or (corrector.correct(word) if corrector is not None else None)
        if fixed and fixed != word:
            corrections[word] = fixed
    corrected = tuple(corrections.get(word, word) for word in words)
    expansions = expand(corrected)
    if corrections:  # what was typed still counts, in case the "typo" was a real word
        for code, weight in expand(words).items():
            expansions[code] = max(expansions.get(code, 0.0), weight)
    payers = _payers(corrected)
    steer = False
    if payers:
        payer_words = {word for phrase in payers.values() for word in phrase.split()}
        others = expand(tuple(word for word in corrected if word not in payer_words))
        if others and max(others.values()) >= 0.8:
            expansions, steer = others, True
    return UnderstoodQuery(text, words, expansions, corrections, payers, steer)


def damerau_levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions; returns limit + 1 as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


class Corrector:
    """Corrects a word that appears nowhere in the directory to the closest word that does.

    Known words are the index's own terms plus the search vocabulary; a word of 4 or 5 letters may be one edit
    away, a longer word two. Ties go to the more frequent word.
    """

    def __init__(self, frequencies: Mapping[str, int], extra: Iterable[str] = ()) -> None:
        self.frequencies = dict(frequencies)
        for word in (*vocabulary_words(), *extra):
            self.frequencies.setdefault(word, 1)
        self._by_initial: dict[str, list[str]] = {}
        for word in self.frequencies:
            if len(word) >= 3 and word.isalpha():
                self._by_initial.setdefault(word[0], []).append(word)

    def knows(self, word: str) -> bool:
        return word in self.frequencies

    def correct(self, word: str) -> str | None:
        """The corrected word, or None when the word is known, too short, or nothing is close."""
        if word in MISSPELLINGS:
            return MISSPELLINGS[word]
        if len(word) < 4 or not word.isalpha() or self.knows(word):
            return None
        limit = 1 if len(word) <= 5 else 2
        best: tuple[int, int, str] | None = None
        for candidate in self._by_initial.get(word[0], ()):
            distance = damerau_levenshtein(word, candidate, limit)
            if distance <= limit:
                rank = (distance, -self.frequencies[candidate], candidate)
                if best is None or rank < best:
                    best = rank
        return best[2] if best else None
