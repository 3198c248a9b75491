"""The query path's shortcuts give what whoosh gives when it scores every match.

Cached score vectors, prefixes expanded into words, facets tallied from either side and rex's
posting blocks are each checked against whoosh walking every matching document of a generated
corpus whose common words span several posting blocks, in one segment and in several.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query as wq

import rex
from rex.search.documents import SUPERSEDED
from rex.search.query import SearchIndex
from rex.search.results import FACET_NAMES

from .conftest import _write
from .search_corpus import COMMON, RARE, SERVICES, generated_corpus

RECORDS = 420


@pytest.fixture(scope="module", params=["one segment", "several segments"])
def index(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchIndex]:
    root = tmp_path_factory.mktemp("exhaustive")
    content = _write(root / "content", generated_corpus(RECORDS))
    path = root / "index"
    if request.param == "one segment":
        rex.build_index(rex.load(content), path)
    else:
        # A first build without the last records, then an update that adds them and edits
        # and deletes others: new segments beside the first, deleted documents in it.
        later = sorted((content / "practices").glob("*.md"))[-60:]
        aside = root / "aside"
        aside.mkdir()
        for file in later:
            shutil.move(file, aside / file.name)
        rex.build_index(rex.load(content), path)
        for file in later:
            shutil.move(aside / file.name, content / "practices" / file.name)
        for file in sorted((content / "practices").glob("*.md"))[:40:4]:
            file.write_text(file.read_text("utf-8") + "\nUsagers du guichet.\n", "utf-8")
        (content / "practices" / "pratique-3.md").unlink()
        stats = rex.build_index(rex.load(content), path)
        assert stats.added and stats.updated and stats.removed
    with rex.open_index(path) as opened:
        if request.param == "several segments":
            assert len(list(opened._searcher.reader().leaf_readers())) > 1
        yield opened


def reference(
    index: SearchIndex, query: str, service: str | None
) -> tuple[list[tuple[bool, float, int]], set[int]]:
    """Every match ranked as rex shows them (current records first, then by whoosh's score
    of every match, then by document number), and the set of matches."""
    searcher = index._searcher
    everything = searcher.search(index._parse(query), limit=None, optimize=False)
    scores = {hit.docnum: hit.score for hit in everything}
    if service is not None:
        allowed = set(searcher.docs_for_query(wq.Term("services", service)))
        scores = {docnum: score for docnum, score in scores.items() if docnum in allowed}
    old = set(searcher.docs_for_query(wq.Term(*SUPERSEDED)))
    ranked = sorted((docnum in old, -score, docnum) for docnum, score in scores.items())
    return [(is_old, -score, docnum) for is_old, score, docnum in ranked], set(scores)


def facet_reference(index: SearchIndex, matches: set[int]) -> dict[str, dict[str, int]]:
    """Facet counts by reading each value's postings."""
    reader = index._searcher.reader()
    counts: dict[str, dict[str, int]] = {}
    for name in FACET_NAMES:
        found = {}
        for raw in reader.lexicon(name):
            count = len(matches & set(reader.postings(name, raw).all_ids()))
            if count:
                found[raw.decode("utf-8")] = count
        counts[name] = dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))
    return counts


words = st.sampled_from([*COMMON, *RARE, "interv*", "usag*", "quart*"])
queries = st.one_of(
    st.lists(words, min_size=1, max_size=3).map(" ".join),
    st.tuples(words, words).map(" OR ".join),
    st.tuples(words, words, words).map(lambda w: f"({w[0]} {w[1]}) OR {w[2]}"),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(queries, st.sampled_from([None, None, *SERVICES]), st.sampled_from([3, 10, 25]))
def test_same_hits_totals_and_facets_as_whoosh_scoring_every_match(
    index: SearchIndex, query: str, service: str | None, limit: int
) -> None:
    result = index.search(query, service=service, limit=limit)
    if result.corrected:  # nothing matched: the fallback has tests of its own
        return
    ranked, matches = reference(index, query, service)
    assert result.total == len(matches)
    assert result.facets == facet_reference(index, matches)
    stored = index._searcher.reader().stored_fields
    got = [(hit.id, hit.score) for hit in result.hits]
    expected = ranked[:limit]
    assert len(got) == len(expected)
    # The same scores in the same places; between equal scores, the lower document first.
    assert [score for _, score in got] == [round(score, 4) for _, score, _ in expected]
    exact = {docnum: score for _, score, docnum in ranked}
    ids = {stored(docnum)["id"]: docnum for _, _, docnum in ranked}
    for (hit_id, _), (_, score, docnum) in zip(got, expected, strict=True):
        assert abs(exact[ids[hit_id]] - score) < 1e-9, (query, hit_id)
        if ids[hit_id] != docnum:  # only an equal score may stand in another's place
            assert abs(exact[docnum] - exact[ids[hit_id]]) < 1e-9


def test_the_generated_corpus_spans_several_blocks(index: SearchIndex) -> None:
    reader = index._searcher.reader()
    assert reader.doc_frequency("text", "usag") > 300  # blocks of 128 postings
    assert len(list(reader.lexicon("services"))) > 64  # facets counted both ways
