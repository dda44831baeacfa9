"""What people type, mapped to the directory's taxonomy codes (English and Spanish, plus common misspellings).

The phrases and their weights are written with each code in the taxonomy catalogue (directory/catalogue). Each
phrase expands a query towards services carrying the code; it never replaces what was typed. Weights say how sure
the expansion is: 1.0 for a plain name of the service type, lower for ambiguous words.
"""

from __future__ import annotations

from collections.abc import Mapping

from directory.catalogue import catalogue

#: code -> {phrase: weight}; phrases are matched on folded text (lower case, no accents, punctuation as spaces).
SYNONYMS: Mapping[str, Mapping[str, float]] = {term.code: term.typed for term in catalogue().terms if term.typed}

#: Extra words the spelling corrector knows, beyond the index's own terms and the phrases above.
EXTRA_WORDS = ("medicaid", "medicare", "insurance", "shelter", "suboxone", "methadone", "counseling")


def phrase_index() -> dict[str, dict[str, float]]:
    """phrase -> {code: weight}, for matching typed text."""
    phrases: dict[str, dict[str, float]] = {}
    for code, entries in SYNONYMS.items():
        for phrase, weight in entries.items():
            phrases.setdefault(phrase, {})[code] = weight
    return phrases


#: Misspellings people type often enough to correct without guessing; others are left to the edit-distance
#: corrector.
MISSPELLINGS: Mapping[str, str] = {
    "medicade": "medicaid",
    "medicaide": "medicaid",
    "medicad": "medicaid",
    "medicaire": "medicare",
    "suboxin": "suboxone",
    "suboxen": "suboxone",
    "saboxone": "suboxone",
    "methadon": "methadone",
    "methadome": "methadone",
    "detoxx": "detox",
    "shleter": "shelter",
    "shelther": "shelter",
    "sheltor": "shelter",
    "narcon": "narcan",
    "councelling": "counseling",
    "counceling": "counseling",
    "councling": "counseling",
    "pyschiatrist": "psychiatrist",
    "psychiatrisk": "psychiatrist",
    "therapest": "therapist",
    "dentis": "dentist",
    "foodstamp": "food stamps",
    "forclosure": "foreclosure",
    "evicted": "eviction",
}

#: Words that name a way of paying, and the insurance category each means. When a query also names a kind of
#: service ("a shrink that takes medicaid"), these steer towards services accepting that coverage instead of
#: towards insurance enrollment help.
PAYER_WORDS: Mapping[str, str] = {
    "medicaid": "medicaid",
    "ohp": "medicaid",
    "oregon health plan": "medicaid",
    "apple health": "medicaid",
    "medicare": "medicare",
    "tricare": "tricare",
    "va": "va",
    "private insurance": "private",
    "insurance": "private",
    "marketplace": "marketplace",
    "obamacare": "marketplace",
    "sliding scale": "self_pay",
    "no insurance": "self_pay",
    "uninsured": "self_pay",
    "sin seguro": "self_pay",
}
