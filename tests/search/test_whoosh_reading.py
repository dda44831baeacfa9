"""How the Whoosh index is read: in place from the mapped files, not copied into each process."""

from __future__ import annotations

import io
import pickle
import random
import tracemalloc
import uuid
from pathlib import Path

import numpy
import pytest

from directory.search import SearchFilters, SearchRequest, ServiceDocument
from directory.search.query import understand
from directory.search.whoosh import WhooshIndex
from directory.search.whoosh.internals import ViewFile
from directory.search.whoosh.scoring import build_text_query, phrase_bonus

WORDS = "food pantry shelter rent counseling detox legal clinic dental youth senior meals".split()  # noqa: SIM905


def test_a_view_file_reads_seeks_and_unpickles_as_bytesio_does() -> None:
    data = pickle.dumps({"a": list(range(50)), "b": "line one\nline two\n"}) + b"tail\nend"
    view, copy = ViewFile(memoryview(data)), io.BytesIO(data)
    rng = random.Random(3)  # noqa: S311 - a repeatable sequence of reads, not a secret
    for _ in range(300):
        operation = rng.choice(("read", "seek", "readline", "readinto"))
        if operation == "read":
            size = rng.choice((-1, 0, 1, 7, 64, 1000))
            assert view.read(size) == copy.read(size)
        elif operation == "seek":
            offset, whence = rng.randrange(0, len(data) + 5), rng.choice((0, 1, 2))
            offset = -min(offset, len(data)) if whence == 2 else offset if whence == 0 else rng.randrange(-3, 10)
            if copy.tell() + offset < 0 and whence == 1:
                offset = 0
            assert view.seek(offset, whence) == copy.seek(offset, whence)
        elif operation == "readline":
            assert view.readline() == copy.readline()
        else:
            mine, theirs = bytearray(rng.randrange(0, 20)), bytearray(0)
            theirs = bytearray(len(mine))
            assert view.readinto(mine) == copy.readinto(theirs)
            assert mine == theirs
        assert view.tell() == copy.tell()
    view.seek(0)
    assert pickle.load(view) == pickle.loads(data)  # noqa: S301 - our own bytes


def test_opening_a_searcher_does_not_copy_the_index_into_memory(tmp_path: Path) -> None:
    rng = random.Random(5)  # noqa: S311
    docs = [
        ServiceDocument(
            id=uuid.uuid4(),
            name=" ".join(rng.sample(WORDS, 3)),
            description=" ".join(rng.choice(WORDS) + str(rng.randrange(400)) for _ in range(60)),
        )
        for _ in range(1500)
    ]
    index = WhooshIndex(tmp_path / "services")
    index.rebuild(docs, position=1)
    on_disk = sum(path.stat().st_size for path in (tmp_path / "services").resolve().iterdir())
    index.close()
    tracemalloc.start()
    try:
        assert index.count() == 1500  # opens a searcher
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert on_disk > 1_000_000
    assert peak < on_disk / 2  # copying the postings and term tables in took more than the index's size
    assert len(index.search(SearchRequest(understand("pantry"), SearchFilters(), limit=5)).hits) == 5


def _tokens(analyzer: object, text: str, **options: object) -> list[tuple[str, int | None, float]]:
    return [(t.text, getattr(t, "pos", None), t.boost) for t in analyzer(text, **options)]  # type: ignore[operator]


def test_the_fused_analyzer_gives_the_tokens_stemming_analyzer_gives() -> None:
    from whoosh.analysis import StemmingAnalyzer

    from directory.search.whoosh.schema import FusedStemmingAnalyzer

    fused, plain = FusedStemmingAnalyzer(), StemmingAnalyzer()
    rng = random.Random(11)  # noqa: S311
    alphabet = "abcdefghij ABC  .,;-'é ñ ü 中 42 the of a I s x\n\t*"
    texts = [
        "The Food Bank of the Columbia Gorge: groceries, diapers & rent help.",
        "Counseling for adults 18+ (Medicaid, OHP); walk-ins Mon-Fri 9.30-5.",
        "of the a",
        "",
        "e.g. U.S. veterans' benefits — ayuda en español, niños y familias",
        *("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))) for _ in range(400)),
        *(
            " ".join(rng.choice([*WORDS, "the", "and", "a", "is", "running", "housing"]) for _ in range(30))
            for _ in range(50)
        ),
    ]
    for text in texts:
        for options in (
            {},
            {"positions": True},
            {"positions": True, "start_pos": 5},
            {"mode": "index"},
            {"mode": "query"},
        ):
            assert _tokens(fused, text, **options) == _tokens(plain, text, **options), (text, options)
        # what it hands to StemmingAnalyzer itself
        for options in ({"chars": True, "positions": True}, {"removestops": False}, {"tokenize": False}):
            assert _tokens(fused, text, **options) == _tokens(plain, text, **options), (text, options)
    assert pickle.loads(pickle.dumps(fused)) == fused  # noqa: S301 - a rebuild sends the schema to its processes


def test_a_phrase_in_a_name_scores_as_whooshs_own_phrase_search(tmp_path: Path) -> None:
    rng = random.Random(11)  # noqa: S311
    vocabulary = [*WORDS[:6], "the", "of", "and", "a"]  # stop words too: the words around them still follow on

    def doc() -> ServiceDocument:
        return ServiceDocument(id=uuid.uuid4(), name=" ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 6))))

    index = WhooshIndex(tmp_path / "services")
    docs = [doc() for _ in range(600)]
    index.rebuild(docs[:400], position=1)
    index.update(docs[400:], [d.id for d in docs[:30]], position=2)  # a second segment, and deletions
    searcher, cache = index._reader_and_cache()
    live = numpy.array(sorted(searcher.reader().all_doc_ids()), dtype=numpy.int64)
    phrases = [["food", "pantry"], ["pantry", "food"], ["food", "food"], ["shelter", "rent", "counseling"]]
    phrases += [[rng.choice(WORDS[:6]) for _ in range(rng.randint(2, 3))] for _ in range(20)]
    kept = 0
    for words in phrases:
        text = build_text_query(understand(" ".join(words)), searcher.schema)
        phrase = text.phrase if text is not None else None
        assert phrase is not None
        theirs = {hit.docnum: hit.score for hit in searcher.search(phrase, limit=None)}
        mine = phrase_bonus(searcher, cache, phrase, live)
        assert {int(d) for d in live[mine > 0]} == set(theirs), words
        for docnum, score in zip(live.tolist(), mine.tolist(), strict=True):
            assert score == pytest.approx(theirs.get(docnum, 0.0), rel=1e-12), words
        kept += len(theirs)
    assert kept > 100  # many names keep the words together, many do not


def _pantries(count: int) -> list[ServiceDocument]:
    return [
        ServiceDocument(id=uuid.uuid4(), name=f"Pantry {n}", description="food " * (n % 5 + 1)) for n in range(count)
    ]


def test_a_repeated_search_is_answered_from_the_results_kept_for_the_searcher(tmp_path: Path) -> None:
    index = WhooshIndex(tmp_path / "services", results_cache=2)
    index.rebuild(_pantries(20), position=1)
    request = SearchRequest(understand("pantry"), SearchFilters(), limit=5)
    first = index.search(request)
    assert index.search(request) is first  # kept
    for other in ("food", "pantry food"):  # two more: the least recently used of three makes way
        index.search(SearchRequest(understand(other), SearchFilters(), limit=5))
    again = index.search(request)
    assert again is not first
    assert again == first
    index.keep_results(0)  # none kept from now on
    assert index.search(request) is not index.search(request)
    assert index.search(request) == first


def test_a_term_in_more_documents_than_the_postings_kept_is_still_scored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from directory.search.whoosh.searcher import SearcherColumns

    WhooshIndex(tmp_path / "services").rebuild(_pantries(40), position=1)
    request = SearchRequest(understand("pantry food"), SearchFilters(), limit=None)
    expected = WhooshIndex(tmp_path / "services").search(request)
    monkeypatch.setattr(SearcherColumns, "MAX_POSTINGS", 10)  # each term's postings are bigger than that
    bounded = WhooshIndex(tmp_path / "services", results_cache=0)
    assert bounded.search(request) == expected
    assert bounded.search(request) == expected  # and again, nothing kept to read from
    assert len(expected.hits) == 40
