"""Search quality on a small French corpus: accents, plurals, links, syntax, filters, facets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import rex
from rex.cli.base import exit_code
from rex.search.query import SearchIndex
from rex.search.results import FACET_NAMES

from .conftest import WriteTree
from .search_corpus import SEARCH_CORPUS


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """The search corpus, indexed once for the whole module (the tests only read it)."""
    root = tmp_path_factory.mktemp("search")
    from .conftest import _write

    content = _write(root / "content", SEARCH_CORPUS)
    corpus = rex.load(content)
    assert corpus.valid, corpus.report.diagnostics
    rex.build_index(corpus, root / "index")
    with rex.open_index(root / "index") as opened:
        yield opened


def ids(result: rex.SearchResult) -> list[str]:
    return [hit.id for hit in result.hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("delai", "delai-moyen-intervention"),  # typed without accent
        ("délais", "delai-moyen-intervention"),  # plural
        ("DÉLAI", "delai-moyen-intervention"),
        ("pesee", "pesee-des-restes"),  # the text says "pesées"
        ("pèsent", "pesee-des-restes"),
        ("cantines", "cantine-jaures-2025"),
        ("ete", "cantine-jaures-2025"),  # "été" is a word, not a stop word
        ("jaures", "cantine-jaures-2025"),
        ("priorisation demandes", "priorisation-des-demandes"),
    ],
)
def test_french_words_match_as_people_type_them(
    index: SearchIndex, query: str, expected: str
) -> None:
    assert expected in ids(index.search(query))


def test_all_words_must_match(index: SearchIndex) -> None:
    assert ids(index.search("cantine voirie")) == []
    assert ids(index.search("cantine légumes")) == ["cantine-jaures-2025"]


def test_a_record_is_found_by_the_titles_it_links_to_below_its_own_text(
    index: SearchIndex,
) -> None:
    # The REX never says "gaspillage": it measured the gaspillage alimentaire indicator.
    found = ids(index.search("gaspillage"))
    assert "cantine-jaures-2025" in found
    assert found.index("gaspillage-alimentaire") < found.index("cantine-jaures-2025")


def test_title_words_rank_above_body_words(index: SearchIndex) -> None:
    # "restes" is in the title of the practice and of the REX, in the body of neither other.
    found = ids(index.search("cuisine"))
    assert found[0] == "pesee-des-restes"  # in its summary; the REX has it in its body only
    assert set(found) == {"pesee-des-restes", "cantine-jaures-2025"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"classées selon une échelle"', {"priorisation-des-demandes"}),  # a stop word inside
        ('"échelle classées"', set()),
        ('"cartographie des processus"', {"cantine-jaures-2025"}),
        (
            "cantine OR voirie",
            {
                "voirie",
                "cantine-jaures-2025",
                "pesee-des-restes",
                "grille-voirie-2024",
                "priorisation-des-demandes",
                "delai-moyen-intervention",
                "restauration-scolaire",
            },
        ),
        ("restes NOT jaures", {"pesee-des-restes"}),
        ("title:restes", {"pesee-des-restes", "cantine-jaures-2025"}),
        ("kind:practice restes", {"pesee-des-restes"}),
        ("service:voirie kind:rex", {"grille-voirie-2024"}),
        (
            "interv*",
            {"delai-moyen-intervention", "priorisation-des-demandes", "grille-voirie-2024"},
        ),
        ("tags:cantine", {"pesee-des-restes", "cantine-jaures-2025"}),
    ],
)
def test_query_syntax(index: SearchIndex, query: str, expected: set[str]) -> None:
    result = index.search(query, limit=50)
    assert set(ids(result)) == expected
    assert result.total == len(expected)
    assert result.corrected is None


def test_a_typo_falls_back_to_the_closest_words(index: SearchIndex) -> None:
    result = index.search("Peser les restes pour ajuster les protions")
    assert result.corrected == "Peser les restes pour ajuster les portions"
    assert ids(result)[0] == "pesee-des-restes"


def test_a_typo_in_the_body_falls_back_to_fuzzy_matching(index: SearchIndex) -> None:
    result = index.search("légummes")  # only in a body, which is not in the spelling list
    assert ids(result) == ["cantine-jaures-2025"]
    assert result.corrected is not None and result.corrected.endswith("~")


def test_no_match_stays_empty(index: SearchIndex) -> None:
    result = index.search("zzzyxw")
    assert (result.total, result.hits, result.corrected) == (0, [], None)


def test_hits_carry_title_path_score_and_a_marked_snippet(index: SearchIndex) -> None:
    hit = index.search("assiettes").hits[0]
    assert (hit.id, hit.kind, hit.title) == (
        "pesee-des-restes",
        "practices",
        "Peser les restes pour ajuster les portions",
    )
    assert hit.path.endswith("practices/pesee-des-restes.md")
    assert hit.score > 0
    assert "**assiettes**" in hit.snippet


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": "practice"}, {"pesee-des-restes"}),
        ({"kind": "rex"}, {"cantine-jaures-2025"}),
        ({"service": "restauration-scolaire", "kind": "indicators"}, {"gaspillage-alimentaire"}),
        ({"indicator": "gaspillage-alimentaire", "kind": "rex"}, {"cantine-jaures-2025"}),
        ({"tag": "proprete"}, {"pesee-des-restes"}),  # the tag is "Propreté"
        ({"status": "validated"}, {"cantine-jaures-2025"}),
        ({"year": 2025}, {"cantine-jaures-2025"}),
        ({"year": "2023"}, {"pesee-des-restes"}),
        ({"service": "voirie"}, set()),
    ],
)
def test_filters(index: SearchIndex, filters: dict[str, str], expected: set[str]) -> None:
    result = index.search("restes OR gaspillage", limit=50, **filters)  # type: ignore[arg-type]
    assert set(ids(result)) == expected


def test_facets_count_every_match_not_only_the_shown_hits(index: SearchIndex) -> None:
    result = index.search("restes OR gaspillage", limit=1)
    assert result.total == 3 and len(result.hits) == 1
    assert result.facets["kind"] == {"indicators": 1, "practices": 1, "rex": 1}
    assert result.facets["services"] == {"restauration-scolaire": 3}
    assert result.facets["indicators"] == {"gaspillage-alimentaire": 3}
    assert result.facets["tags"] == {"cantine": 2, "propreté": 1}
    assert result.facets["status"] == {"proposed": 1, "validated": 1}
    data = result.to_dict()
    assert list(data) == ["query", "total", "hits", "facets", "corrected"]
    assert list(data["facets"]) == list(FACET_NAMES)
    assert list(FACET_NAMES)[:5] == ["kind", "services", "indicators", "tags", "status"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ('"délai moyen', "unclosed quote"),
        ("(délai OR coût", "unbalanced parentheses"),
        ("délai)", "unbalanced parentheses"),
        ("auteur:dupont", "unknown field 'auteur'"),
        ("le la les", "no word to search"),
        ("kind:procedure", "unknown kind"),
    ],
)
def test_malformed_queries_raise_a_clear_error(
    index: SearchIndex, query: str, message: str
) -> None:
    with pytest.raises(rex.UsageError, match=message) as caught:
        index.search(query)
    assert exit_code(caught.value) == 2  # what the CLI makes of it


def test_open_index_without_an_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(rex.RexError, match="no rex search index"):
        rex.open_index(tmp_path / "nothing")


def test_the_analyzer_folds_accents_plurals_and_elisions() -> None:
    from rex.search.analysis import french_analyzer

    analyze = french_analyzer()

    def stems(text: str) -> list[str]:
        return [t.text for t in analyze(text)]

    assert stems("Délais d’intervention") == stems("delai intervention")
    assert stems("les pesées") == stems("pesee")
    assert stems("usagers") == stems("usager") == stems("usagères")
    assert stems("journaux") == stems("journal")
    assert stems("l'été") == ["ete"]


def test_the_analyzer_gives_positions_ranges_and_stop_words_as_whoosh_does() -> None:
    import re

    from rex.search.analysis import STOP_WORDS, FrenchStemFilter, fold, french_analyzer

    text = "Les délais d'intervention (3,5 jours) baissent : l'été, 12.000 usagères."
    stem = FrenchStemFilter().stem
    expected = []  # the tokenizer, then the filters, as separate steps
    for pos, match in enumerate(re.finditer(r"\w+(?:[.,]\d+)*", text), 10):
        word = fold(match.group(0))
        stopped = word in STOP_WORDS
        expected.append((word if stopped else stem(word), pos, match.start() + 5, stopped))
    tokens = french_analyzer()(
        text, positions=True, chars=True, removestops=False, start_pos=10, start_char=5
    )
    got = [(t.text, t.pos, t.startchar, t.endchar, t.stopped) for t in tokens]
    assert [(w, p, c, s) for w, p, c, _, s in got] == expected
    assert ("3,5", 14, 32, 35, False) in got and ("l", 17, 54, 55, True) in got
    kept = [t.text for t in french_analyzer()(text)]
    assert kept == [w for w, _, _, s in expected if not s]
    assert [t.text for t in french_analyzer()("Délais", tokenize=False)] == ["del"]


def test_importing_rex_does_not_import_whoosh(write_tree: WriteTree) -> None:
    import subprocess
    import sys

    code = "import rex, sys; assert 'whoosh' not in sys.modules; rex.load('.')"
    subprocess.run([sys.executable, "-c", code], check=True)
