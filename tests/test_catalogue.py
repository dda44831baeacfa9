"""The taxonomy catalogue (directory/catalogue/taxonomy.toml): the one place each code's facts are written."""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib

import pytest

from directory.catalogue import CatalogueError, SamhsaCode, catalogue, parse
from directory.hsds import samhsa
from directory.search.query import fold
from directory.search.vocabulary import SYNONYMS
from tests.conftest import ROOT

GOOD = """
[taxonomy]
name = "Test taxonomy"
version = "1"
description = "Two terms."

[[category]]
code = "food"
name = "Food"
name_es = "Comida"
description = "Food."

[[service_type]]
code = "food_pantry"
parent = "food"
name = "Food pantry"
name_es = "Despensa de alimentos"
description = "Groceries."
documents = [[], ["Photo ID"]]
samhsa = ["SU:OTP"]
[service_type.typed]
"food bank" = 1.0
"""


def test_the_catalogue_is_the_seeded_taxonomy_term_for_term() -> None:
    seeded = json.loads((ROOT / "seed_data" / "county" / "taxonomy_terms.json").read_text(encoding="utf-8"))
    ids = {term["id"]: term["code"] for term in seeded}
    written = [(term["code"], term["name"], term["description"], ids.get(term.get("parent_id", ""))) for term in seeded]
    ours = [(term.code, term.name, term.description, term.parent) for term in catalogue().terms]
    assert ours == written
    assert (len(catalogue().categories), len(catalogue().service_types)) == (12, 49)


def test_every_kind_of_service_has_a_spanish_name_words_people_type_and_documents() -> None:
    for term in catalogue().service_types:
        assert term.name_es.strip(), term.code
        assert term.typed, term.code
        assert term.documents, term.code  # [[]] when there is nothing to bring: the seed still draws one set
        assert all(fold(phrase) == phrase for phrase in term.typed), term.code
    assert catalogue().term("food_pantry").name_in("es") == "Despensa de alimentos"  # type: ignore[union-attr]
    assert catalogue().term("food_pantry").name_in("en") == "Food pantry"  # type: ignore[union-attr]
    assert catalogue().term("nothing_like_it") is None


def test_the_search_vocabulary_is_the_catalogues_words() -> None:
    assert dict(SYNONYMS) == {term.code: dict(term.typed) for term in catalogue().service_types}
    assert SYNONYMS["food_pantry"]["despensa"] == 1.0


def test_samhsa_codes_map_under_the_category_of_their_type_of_care() -> None:
    broad = {code.type_of_care: term.code for term in catalogue().categories for code in term.samhsa}
    assert broad == samhsa.BROAD_TERMS == {"MH": "mental_health", "SU": "substance_use"}
    for term in catalogue().service_types:
        for code in term.samhsa:
            assert code.service_code is not None, term.code
            assert broad[code.type_of_care] == term.parent, term.code
            assert samhsa.SPECIFIC_TERMS[code.type_of_care][code.service_code] == term.code
            assert code.service_code in samhsa.CODES  # a code SAMHSA's dictionary has


def test_a_good_file_reads() -> None:
    found = parse(GOOD)
    (pantry,) = found.service_types
    assert pantry.documents == ((), ("Photo ID",))
    assert pantry.samhsa == (SamhsaCode("SU", "OTP"),)
    assert pantry.typed == {"food bank": 1.0}
    assert [term.code for term in found.terms] == ["food", "food_pantry"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('parent = "food"', 'parent = "fod"'), "food_pantry: parent 'fod' is not a category"),
        (('"food bank" = 1.0', '"Food Bank" = 1.0'), "food_pantry: typed 'Food Bank' is not folded"),
        (('"food bank" = 1.0', '"food bank" = 1.5'), "food_pantry: typed 'food bank' needs a weight"),
        (('samhsa = ["SU:OTP"]', 'samhsa = ["SU OTP"]'), "food_pantry: samhsa 'SU OTP' is not a type of care"),
        (('name_es = "Comida"', 'name_es = ""'), "food: name_es is missing or empty"),
        (('code = "food_pantry"', 'code = "food"'), "food: the code is listed twice"),
        (('documents = [[], ["Photo ID"]]', 'documents = ["Photo ID"]'), "food_pantry: documents must be a list"),
        (('samhsa = ["SU:OTP"]', 'samhsa = ["SU:OTP"]\nsynonyms = []'), "food_pantry: unknown field 'synonyms'"),
        (("[taxonomy]", "[taxonomies]"), "the file: [taxonomy] is missing"),
        (('"food bank" = 1.0', '"food bank" = '), "not valid TOML"),
    ],
)
def test_a_mistake_in_the_file_names_the_code_and_the_field(change: tuple[str, str], message: str) -> None:
    with pytest.raises(CatalogueError, match=re.escape(message)):
        parse(GOOD.replace(*change, 1))


def test_the_catalogue_ships_with_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["setuptools"]["package-data"]["directory"]
    assert any(fnmatch.fnmatch("catalogue/taxonomy.toml", pattern) for pattern in shipped)
