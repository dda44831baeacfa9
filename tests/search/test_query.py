"""Query understanding: folding, synonym expansion, edit distance, spelling correction and `understand`."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directory.search.query import (
    FILLER,
    MAX_WORDS,
    Corrector,
    damerau_levenshtein,
    fold,
    understand,
    vocabulary_words,
)
from directory.search.vocabulary import EXTRA_WORDS, MISSPELLINGS

#: Index words with document counts, as the index would report them, plus the corrector's extra words.
INDEX_WORDS = {"housing": 30, "pantry": 12, "clinic": 25, "dental": 8, "legal": 9, "services": 40}
CORRECTOR = Corrector(INDEX_WORDS, EXTRA_WORDS)


# -- fold ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("médico", "medico", id="accent"),
        pytest.param("MÉDICO", "medico", id="upper-case-accent"),
        pytest.param("Niño", "nino", id="tilde"),
        pytest.param("crème brûlée", "creme brulee", id="several-accents"),
        pytest.param("Straße", "strasse", id="sharp-s"),
        pytest.param("ｆｏｏｄ ｂａｎｋ", "food bank", id="full-width"),
        pytest.param("Food-Stamps!!!", "food stamps", id="punctuation"),
        pytest.param("section-8", "section 8", id="hyphen-digit"),
        pytest.param("🍎 food 🥫 pantry 🙏", "food pantry", id="emoji"),
        pytest.param('"food bank"', "food bank", id="double-quotes"),
        pytest.param("“food” ‘bank’", "food bank", id="curly-quotes"),
        pytest.param("(shelter) [tonight] {now} <b>", "shelter tonight now b", id="brackets"),
        pytest.param("food* AND -rent OR title:x", "food and rent or title x", id="query-syntax-is-text"),
        pytest.param("  lots \t of\n\nspace  ", "lots of space", id="whitespace"),
        pytest.param("¿Dónde está la clínica?", "donde esta la clinica", id="spanish-question"),
        pytest.param("!!!???...", "", id="punctuation-only"),
        pytest.param("", "", id="empty"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


# -- expansion ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "weight"),
    [
        pytest.param("food stamps", "snap_enrollment_help", 1.0, id="food-stamps"),
        pytest.param("Food Stamps?", "snap_enrollment_help", 1.0, id="food-stamps-folded"),
        pytest.param("where do I apply for food stamps", "snap_enrollment_help", 1.0, id="phrase-in-a-sentence"),
        pytest.param("Section 8", "housing_authority", 1.0, id="section-8"),
        pytest.param("section-8 waitlist", "housing_authority", 1.0, id="section-8-hyphen"),
        pytest.param("section8", "housing_authority", 1.0, id="section8-one-word"),
        pytest.param("place to sleep tonight", "emergency_shelter_adult", 1.0, id="place-to-sleep-tonight"),
        pytest.param("cupones de alimentos", "snap_enrollment_help", 1.0, id="cupones-de-alimentos"),
        pytest.param("salud mental", "mh_outpatient", 1.0, id="salud-mental"),
        pytest.param("violencia doméstica", "dv_shelter_hotline", 1.0, id="violencia-domestica"),
        pytest.param("¿Dónde hay un médico?", "fqhc_primary_care", 1.0, id="medico"),
        pytest.param("meals on wheels", "senior_meals", 1.0, id="three-word-phrase"),
        pytest.param("fentanyl test strips", "harm_reduction", 1.0, id="fentanyl-test-strips"),
        pytest.param("abogado de inmigracion", "immigration_legal", 1.0, id="abogado-de-inmigracion"),
        pytest.param("crisis line", "crisis_line", 1.0, id="strongest-weight-wins"),
        pytest.param("crisis", "crisis_line", 0.7, id="ambiguous-crisis-line"),
        pytest.param("crisis", "mobile_crisis", 0.5, id="ambiguous-mobile-crisis"),
        pytest.param("rehab", "residential_sud", 0.9, id="rehab-treatment"),
        pytest.param("rehab", "vocational_rehab", 0.3, id="rehab-also-vocational"),
        pytest.param("cupones de alimentos", "food_pantry", 0.8, id="single-word-inside-phrase-also-counts"),
    ],
)
def test_expansion(text: str, code: str, weight: float) -> None:
    assert understand(text).expansions[code] == pytest.approx(weight)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("stamps", "snap_enrollment_help", id="half-a-phrase"),
        pytest.param("stamps food", "snap_enrollment_help", id="phrase-words-reversed"),
        pytest.param("section", "housing_authority", id="section-alone"),
        pytest.param("salud", "mh_outpatient", id="salud-alone"),
        pytest.param("food", "snap_enrollment_help", id="food-is-not-food-stamps"),
    ],
)
def test_no_expansion_from_part_of_a_phrase(text: str, code: str) -> None:
    assert code not in understand(text).expansions


def test_expansion_is_additive_the_typed_words_are_kept() -> None:
    understood = understand("Food stamps near 97205")
    assert understood.words == ("food", "stamps", "near", "97205")
    assert understood.meaningful_words == ("food", "stamps", "97205")
    assert understood.expansions["snap_enrollment_help"] == 1.0
    assert understood.expansions["food_pantry"] == 0.8  # "food" on its own
    assert understood.original == "Food stamps near 97205"


def test_unknown_words_have_no_expansion_but_are_not_empty() -> None:
    understood = understand("xylophone lessons")
    assert understood.expansions == {}
    assert understood.words == ("xylophone", "lessons")
    assert not understood.is_empty


# -- caps ---------------------------------------------------------------------------------------------------


def test_only_the_first_2000_characters_are_read() -> None:
    within = "." * 1990 + " shelter"  # 1998 characters
    beyond = "." * 2000 + " shelter"
    assert understand(within).words == ("shelter",)
    assert understand(beyond).words == ()
    assert understand(beyond).is_empty
    assert understand(beyond).original == beyond  # what was typed is kept as typed


def test_only_the_first_32_words_are_read() -> None:
    understood = understand(" ".join(f"w{n}" for n in range(40)) + " food stamps")
    assert len(understood.words) == MAX_WORDS == 32
    assert understood.words[0] == "w0"
    assert understood.words[-1] == "w31"
    assert "snap_enrollment_help" not in understood.expansions


def test_a_phrase_at_the_32_word_boundary_is_still_read() -> None:
    understood = understand(" ".join(["x"] * 30) + " food stamps")
    assert understood.words[-2:] == ("food", "stamps")
    assert understood.expansions["snap_enrollment_help"] == 1.0


# -- emptiness ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "!!!", "¿?¡!", "🙂🙂🙂", '"" () [] {}', "—…–"])
def test_punctuation_only_is_empty(text: str) -> None:
    understood = understand(text, CORRECTOR)
    assert understood.is_empty
    assert understood.words == ()
    assert understood.corrected_text is None


def test_a_number_alone_is_not_empty() -> None:
    assert not understand("97205").is_empty
    assert understand("988").expansions["crisis_line"] == 1.0


# -- edit distance ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "limit", "distance"),
    [
        pytest.param("", "", 2, 0, id="both-empty"),
        pytest.param("abc", "", 5, 3, id="one-empty"),
        pytest.param("shelter", "shelter", 2, 0, id="same"),
        pytest.param("shleter", "shelter", 2, 1, id="transposition-is-one"),
        pytest.param("ab", "ba", 1, 1, id="transposition-of-two"),
        pytest.param("shelter", "shelters", 2, 1, id="insertion"),
        pytest.param("sheltr", "shelter", 2, 1, id="deletion"),
        pytest.param("shelder", "shelter", 2, 1, id="substitution"),
        pytest.param("medicade", "medicaid", 2, 2, id="two-substitutions"),
        pytest.param("kitten", "sitting", 3, 3, id="classic-kitten-sitting"),
        pytest.param("kitten", "sitting", 2, 3, id="over-limit-is-limit-plus-one"),
        pytest.param("kitten", "sitting", 0, 1, id="limit-zero"),
        pytest.param("a", "abcdef", 2, 3, id="length-gap-over-limit"),
        pytest.param("abcdef", "ghijkl", 1, 2, id="early-exit"),
        pytest.param("bbb", "aaaca", 3, 4, id="far-over-limit-still-limit-plus-one"),
        pytest.param("suboxin", "suboxone", 2, 2, id="suboxin"),
    ],
)
def test_damerau_levenshtein(a: str, b: str, limit: int, distance: int) -> None:
    assert damerau_levenshtein(a, b, limit) == distance
    assert damerau_levenshtein(b, a, limit) == distance


def _reference_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, the full table without shortcuts."""
    table = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


@settings(deadline=None, database=None, max_examples=300)
@given(
    a=st.text(alphabet="abcx", max_size=7),
    b=st.text(alphabet="abcx", max_size=7),
    limit=st.integers(min_value=0, max_value=4),
)
def test_damerau_levenshtein_is_the_distance_capped_at_limit_plus_one(a: str, b: str, limit: int) -> None:
    assert damerau_levenshtein(a, b, limit) == min(_reference_distance(a, b), limit + 1)


# -- spelling correction ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        pytest.param("shleter", "shelter", id="shleter"),
        pytest.param("suboxin", "suboxone", id="suboxin"),
        pytest.param("medicade", "medicaid", id="medicade"),
        pytest.param("detoxx", "detox", id="detoxx"),
        pytest.param("sheltr", "shelter", id="missing-letter"),
        pytest.param("methadne", "methadone", id="methadne"),
        pytest.param("conseling", "counseling", id="conseling"),
        pytest.param("dentst", "dentist", id="dentst"),
        pytest.param("pantri", "pantry", id="index-word"),
        pytest.param("alimentso", "alimentos", id="spanish-transposition"),
        pytest.param("snapp", "snap", id="five-letters-one-edit"),
        pytest.param("snpa", "snap", id="four-letters-one-transposition"),
        pytest.param("dnetla", "dental", id="six-letters-two-edits"),
        pytest.param("hosuing", "housing", id="index-word-transposition"),
    ],
)
def test_corrector_fixes_misspellings(typed: str, corrected: str) -> None:
    assert CORRECTOR.correct(typed) == corrected


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("shelter", id="vocabulary-word"),
        pytest.param("medicare", id="extra-word"),
        pytest.param("services", id="index-word"),
        pytest.param("she", id="three-letters"),
        pytest.param("rnt", id="short-typo"),
        pytest.param("97205", id="number"),
        pytest.param("r2d2", id="letters-and-digits"),
        pytest.param("zzzzzz", id="nothing-close"),
        pytest.param("xylophone", id="nothing-close-long"),
        pytest.param("snaappp", id="three-edits-away"),
        pytest.param("dnetl", id="five-letters-two-edits-away"),
    ],
)
def test_corrector_leaves_known_short_numeric_and_far_words_alone(typed: str) -> None:
    assert CORRECTOR.correct(typed) is None


def test_every_vocabulary_word_is_known() -> None:
    unknown = [word for word in vocabulary_words() if not CORRECTOR.knows(word) or CORRECTOR.correct(word)]
    assert unknown == []


def test_known_misspellings_win_over_a_close_index_stem() -> None:
    corrector = Corrector({"suboxon": 50}, EXTRA_WORDS)
    assert corrector.correct("suboxin") == MISSPELLINGS["suboxin"] == "suboxone"


@pytest.mark.parametrize(
    ("frequencies", "typed", "corrected"),
    [
        pytest.param({"suboxon": 12}, "suboxonx", "suboxon", id="frequent-index-stem-wins-a-tie"),
        pytest.param({"suboxon": 12}, "suboxonne", "suboxone", id="closer-beats-more-frequent"),
        pytest.param({"housing": 30, "hosting": 2}, "housting", "housing", id="more-frequent-wins"),
        pytest.param({"housing": 2, "hosting": 30}, "housting", "hosting", id="more-frequent-wins-flipped"),
        pytest.param({"housing": 5, "hosting": 5}, "housting", "hosting", id="equal-then-alphabetical"),
    ],
)
def test_corrector_tie_breaking(frequencies: dict[str, int], typed: str, corrected: str) -> None:
    assert Corrector(frequencies, EXTRA_WORDS).correct(typed) == corrected


# -- understand with a corrector ----------------------------------------------------------------------------


def test_understand_corrects_and_expands_the_corrected_word() -> None:
    understood = understand("shleter tonight", CORRECTOR)
    assert understood.corrections == {"shleter": "shelter"}
    assert understood.corrected_text == "shelter tonight"
    assert understood.words == ("shleter", "tonight")  # what was typed
    assert understood.expansions["emergency_shelter_adult"] == 1.0


def test_corrected_text_keeps_the_other_words_in_order() -> None:
    understood = understand("I need a sheltr for my family", CORRECTOR)
    assert understood.corrected_text == "i need a shelter for my family"


def test_corrected_phrase_expands_as_a_phrase() -> None:
    understood = understand("cupones de alimentso", CORRECTOR)
    assert understood.corrections == {"alimentso": "alimentos"}
    assert understood.expansions["snap_enrollment_help"] == 1.0


def test_no_corrections_means_no_corrected_text() -> None:
    understood = understand("food bank", CORRECTOR)
    assert understood.corrections == {}
    assert understood.corrected_text is None


def test_filler_words_are_never_corrected() -> None:
    assert "please" in FILLER
    assert CORRECTOR.correct("please") == "place"  # the corrector alone would "fix" it
    understood = understand("please shelter", CORRECTOR)
    assert understood.corrections == {}
    assert understood.corrected_text is None


def test_known_misspellings_are_fixed_without_a_corrector() -> None:
    understood = understand("suboxin")
    assert understood.corrections == {"suboxin": "suboxone"}
    assert understood.expansions["buprenorphine_obot"] == 1.0


def test_without_a_corrector_other_typos_stay_as_typed() -> None:
    understood = understand("sheltr")
    assert understood.corrections == {}
    assert understood.expansions == {}


class _FixedCorrector(Corrector):
    """Corrects exactly the words given, as a corrector over some other index might."""

    def __init__(self, fixes: dict[str, str]) -> None:
        super().__init__({})
        self.fixes = fixes

    def correct(self, word: str) -> str | None:
        return self.fixes.get(word)


def test_the_typed_words_expansions_survive_a_correction() -> None:
    understood = understand("baby formula", _FixedCorrector({"formula": "forum"}))
    assert understood.corrections == {"formula": "forum"}
    assert understood.corrected_text == "baby forum"
    assert understood.expansions["wic"] == 1.0  # "baby formula", as typed


def test_both_the_typed_and_corrected_words_expand() -> None:
    understood = understand("rent", _FixedCorrector({"rent": "dentist"}))
    assert understood.expansions["rental_assistance"] == 0.9
    assert understood.expansions["dental_clinic"] == 1.0


# -- any input ----------------------------------------------------------------------------------------------

WORD = re.compile(r"^[0-9a-z]+$")


@settings(deadline=None, database=None, max_examples=200)
@given(st.text(max_size=3000))
def test_understand_never_fails_and_yields_plain_words(text: str) -> None:
    for corrector in (None, CORRECTOR):
        understood = understand(text, corrector)
        assert len(understood.words) <= MAX_WORDS
        assert all(WORD.match(word) for word in understood.words)
        assert set(understood.corrections) <= set(understood.words)
        assert all(0.0 < weight <= 1.0 for weight in understood.expansions.values())
