"""The cached-term ranker gives whoosh's own scores and order, and declines what it cannot do."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query as wq

import rex
from rex.search.query import SearchIndex
from rex.search.ranking import TermScores
from rex.search.store import TEXT_FIELDS

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """The sample corpus, indexed once (the tests only read it)."""
    path = tmp_path_factory.mktemp("ranking") / "index"
    rex.build_index(rex.load(SAMPLE), path)
    with rex.open_index(path) as opened:
        yield opened


def exhaustive(index: SearchIndex, query: str, limit: int) -> list[tuple[float, int]]:
    """whoosh scoring every match (no top-N shortcuts), best first, ties by document number."""
    parsed = index._parse(query)
    hits = index._searcher.search(parsed, limit=None, optimize=False)
    ranked = sorted(((hit.score, hit.docnum) for hit in hits), key=lambda t: (-t[0], t[1]))
    return [(round(score, 9), docnum) for score, docnum in ranked[:limit]]


@pytest.mark.parametrize(
    "query",
    ["delai", "usagers satisfaction", "pesées gaspillage", "accueil OR voirie", "comité élus"],
)
def test_same_scores_and_order_as_whoosh(index: SearchIndex, query: str) -> None:
    ranker = TermScores(index._searcher)
    parsed = index._parse(query)
    top = ranker.top(parsed, 10, index._docsets().of(parsed))
    assert top is not None
    assert top, query
    assert [(round(score, 9), docnum) for score, docnum in top] == exhaustive(index, query, 10)


def test_filters_keep_only_allowed_documents(index: SearchIndex) -> None:
    ranker = TermScores(index._searcher)
    parsed = index._parse("usagers")
    everything = ranker.top(parsed, 100, index._docsets().of(parsed))
    assert everything is not None and len(everything) > 2
    keep = everything[1][1]
    assert ranker.top(parsed, 100, allowed=1 << keep) == [everything[1]]


@pytest.mark.parametrize("query", ['"tableau de bord"', "interv*", "usagers NOT voirie", "delai~"])
def test_declines_queries_that_are_not_plain_words(index: SearchIndex, query: str) -> None:
    parsed = index._parse(query)
    assert TermScores(index._searcher).top(parsed, 10, index._docsets().of(parsed)) is None


def test_cache_stays_within_its_budget(index: SearchIndex) -> None:
    ranker = TermScores(index._searcher, budget=5)
    for word in ("usagers", "delai", "accueil", "voirie"):
        parsed = index._parse(word)
        ranker.top(parsed, 5, index._docsets().of(parsed))
    assert ranker._size <= 5 or len(ranker._cache) == 1


def test_search_api_uses_it_and_finds_the_best_hit(index: SearchIndex) -> None:
    result = index.search("gaspillage", limit=3)
    assert result.hits[0].score >= result.hits[-1].score
    assert [round(h.score, 4) for h in result.hits] == [
        round(score, 4) for score, _ in exhaustive(index, "gaspillage", 3)
    ]


@pytest.mark.parametrize("layout", ["one segment", "with deletions"])
def test_block_scores_equal_whoosh_scorer_for_every_term(layout: str, tmp_path: Path) -> None:
    path = tmp_path / "index"
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    rex.build_index(rex.load(content), path)
    if layout == "with deletions":  # an incremental update leaves deleted documents behind
        for practice in sorted((content / "practices").glob("*.md"))[::2]:
            practice.unlink()
        assert rex.build_index(rex.load(content), path).removed
        kept = sorted((content / "practices").glob("*.md"))[0]
        kept.write_text(kept.read_text(encoding="utf-8") + "\nAccueil le samedi.\n", "utf-8")
        assert rex.build_index(rex.load(content), path).updated  # a second segment
    with rex.open_index(path) as opened:
        searcher = opened._searcher
        ranker = TermScores(searcher)
        compared = 0
        for field in TEXT_FIELDS:
            for raw in searcher.reader().lexicon(field):
                term = wq.Term(field, raw.decode("utf-8"))
                fast, slow = ranker.scores(term), ranker._by_matcher(term)
                assert fast == slow, term
                compared += bool(fast)
        assert compared > 100
