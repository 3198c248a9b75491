"""Page generation (pure, no mkdocs): pages, relations, wording, escaping, public view."""

from __future__ import annotations

import gzip
import json
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import rex
from rex.site import Page, SiteContext, generate, public_corpus, row_file
from rex.site import indexes as site_indexes
from rex.site.evidence import evidence
from rex.site.html import Linker, number, signed_percent
from rex.site.pagefind import row_records, search_records
from rex.site.types import SiteContent
from tests.conftest import MINIMAL, WriteTree
from tests.corpora import HOSTILE, with_internal_record


def _pages(root: Path, **kwargs: object) -> dict[str, Page]:
    corpus = rex.load(root)
    assert corpus.report.valid, corpus.report
    return {p.src: p for p in generate(corpus, **kwargs).pages}  # type: ignore[arg-type]


def test_one_page_per_record_and_an_index_per_kind(minimal_corpus: Path) -> None:
    pages = _pages(minimal_corpus)
    assert {
        "index.md",
        "practices/index.md",
        "rex/index.md",
        "indicators/index.md",
        "services/index.md",
        "tags/index.md",
        "practices/priorisation-des-demandes.md",
        "rex/grille-voirie-2024.md",
        "indicators/delai-moyen-intervention.md",
        "services/voirie.md",
    } <= set(pages)
    content = generate(rex.load(minimal_corpus))
    assert [src for _, src in content.nav] == [
        "index.md",
        "tableau-de-bord.md",
        "practices/index.md",
        "rex/index.md",
        "actions/index.md",
        "indicators/index.md",
        "services/index.md",
        "territories/index.md",
        "tags/index.md",
        "contribuer.md",
    ]


def test_practice_page_lists_its_rex_with_measured_change(minimal_corpus: Path) -> None:
    page = _pages(minimal_corpus)["practices/priorisation-des-demandes.md"].markdown
    assert 'href="../../rex/grille-voirie-2024/"' in page
    assert 'href="../../indicators/delai-moyen-intervention/"' in page
    assert "réussite" in page
    assert "12 → 7 jours (−41,7\u202f%, mieux)" in page
    assert "Niveau de preuve : faible." in page
    assert "## Retours d'expérience" in page
    assert "Les demandes sont classées" in page  # the body


def test_rex_page_has_measures_lessons_and_links(minimal_corpus: Path) -> None:
    page = _pages(minimal_corpus)["rex/grille-voirie-2024.md"].markdown
    assert "<caption>Mesures avant → après</caption>" in page
    assert "−41,7\u202f%" in page and "mieux" in page
    assert "<li>Associer les agents dès le début.</li>" in page
    assert 'href="../../practices/priorisation-des-demandes/"' in page
    assert 'href="../../services/voirie/"' in page


def test_indicator_page_has_an_accessible_chart_and_its_data(minimal_corpus: Path) -> None:
    page = _pages(minimal_corpus)["indicators/delai-moyen-intervention.md"].markdown
    assert '<svg class="rex-chart"' in page and 'role="img"' in page
    assert "<desc" in page and "1 en amélioration" in page
    assert "<caption>Mesures de l&#x27;indicateur en jours</caption>" in page
    assert 'href="../../practices/priorisation-des-demandes/"' in page
    assert "à la baisse" in page


def test_service_and_home_pages(minimal_corpus: Path) -> None:
    pages = _pages(minimal_corpus)
    service = pages["services/voirie.md"].markdown
    assert "## Bonnes pratiques" in service and "priorisation-des-demandes/" in service
    home = pages["index.md"].markdown
    assert '<span class="rex-count">1</span> Bonne pratique' in home
    assert "<caption>Pratiques × indicateurs</caption>" in home
    assert "● 1" in home  # one REX applied the practice and measured the indicator


def test_links_work_without_directory_urls(minimal_corpus: Path) -> None:
    page = _pages(minimal_corpus, directory_urls=False)["practices/priorisation-des-demandes.md"]
    assert 'href="../rex/grille-voirie-2024.html"' in page.markdown


@pytest.mark.parametrize(
    ("here", "target", "expected"),
    [
        ("index.md", "practices/x.md", "practices/x/"),
        ("practices/x.md", "rex/y.md", "../../rex/y/"),
        ("practices/x.md", "index.md", "../../"),
        ("practices/index.md", "practices/x.md", "x/"),
        ("practices/page-2.md", "practices/index.md", "../"),
        ("index.md", "index.md", "./"),
        ("rex/y.md", "assets/rex/rex.css", "../../assets/rex/rex.css"),
    ],
)
def test_links_are_relative(here: str, target: str, expected: str) -> None:
    assert Linker().href(here, target) == expected


def test_front_matter_values_are_escaped(write_tree: WriteTree) -> None:
    files = dict(MINIMAL)
    files["practices/xss.md"] = f"""\
        ---
        title: '{HOSTILE}'
        summary: '{HOSTILE}'
        status: draft
        owner: '{HOSTILE}'
        services: [voirie]
        indicators: [delai-moyen-intervention]
        tags: ['<b>tag</b>']
        ---
        """
    pages = _pages(write_tree(files))
    for page in pages.values():
        assert "<img src=x" not in page.markdown, page.src
        assert "<b>tag</b>" not in page.markdown, page.src
    practice = pages["practices/xss.md"].markdown
    assert "&lt;img src=x onerror=alert(1)&gt;" in practice
    # The title goes to the theme escaped, since the theme prints it as it is.
    assert 'title: "&lt;img src=x' in practice
    # The Markdown link is inside a raw HTML block, so it stays text.
    assert '<h1 id="titre">&lt;img src=x onerror=alert(1)&gt; [clic](javascript:' in practice


def test_public_view_drops_internal_records_everywhere(write_tree: WriteTree) -> None:
    corpus = rex.load(write_tree(with_internal_record(dict(MINIMAL))))
    assert corpus.report.valid, corpus.report
    assert "secret-interne-2024" in corpus.rex
    everything = generate(corpus)
    assert any("secret-interne-2024" in p.markdown for p in everything.pages)
    public = generate(public_corpus(corpus))
    texts = [p.markdown for p in public.pages] + [a.content for a in public.assets]
    for text in texts:
        assert "secret-interne-2024" not in text
        assert "confidentiel" not in text
    home = next(p for p in public.pages if p.src == "index.md").markdown
    assert '<span class="rex-count">1</span> Retour d&#x27;expérience' in home


def _long_rex_list(root: Path, monkeypatch: pytest.MonkeyPatch) -> SiteContent:
    """The minimal corpus with 4 REX, listed 2 a page."""
    files = {f"rex/essai-{i}.md": MINIMAL["rex/grille-voirie-2024.md"] for i in range(3)}
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(str(text)), encoding="utf-8")
    monkeypatch.setattr(site_indexes, "PAGE_SIZE", 2)
    content = generate(rex.load(root))
    assert {"rex/index.md", "rex/page-2.md"} <= {p.src for p in content.pages}
    return content


def test_a_long_list_of_few_rows_comes_with_their_file(
    minimal_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _long_rex_list(minimal_corpus, monkeypatch)
    page2 = next(p for p in content.pages if p.src == "rex/page-2.md").markdown
    assert 'href="../essai-' in page2 or 'href="../grille-voirie-2024/"' in page2
    assert 'data-rex-rows="../rows.json.gz" data-rex-first="../"' in page2
    assert "data-rex-list" not in page2
    assert not [r for r in content.lists if r.folder == "rex"]
    (data,) = [a.content for a in content.assets if a.path == "rex/rows.json.gz"]
    assert isinstance(data, bytes)
    rows = json.loads(gzip.decompress(data))["rows"]
    assert len(rows) == 4
    title, status, services, indicators, date, outcome = rows[0]
    assert indicators == [["../indicators/delai-moyen-intervention/", indicators[0][1]]]
    assert outcome["s"] == "success"
    # Links relative to the list's first page; a title sorts as its text without case.
    assert title[0][0] in {f"essai-{i}/" for i in range(3)} | {"grille-voirie-2024/"}
    assert services == [["../services/voirie/", "Voirie"]]
    # A badge is rex's HTML with its sort key; a date is French, sorted as ISO.
    assert status["h"].startswith("<span") and status["s"] == "validated"
    assert date["s"] == "2024-09-30" and date["t"] == "30 septembre 2024"


def test_a_long_list_of_many_rows_goes_to_the_rows_bundle(
    minimal_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(row_file, "ROWS_FILE_LIMIT", 100)
    content = _long_rex_list(minimal_corpus, monkeypatch)
    page2 = next(p for p in content.pages if p.src == "rex/page-2.md").markdown
    assert 'data-rex-list="rex" data-rex-first="../"' in page2
    assert not any(a.path.endswith("rows.json.gz") for a in content.assets)
    (rows,) = [r for r in content.lists if r.folder == "rex"]
    assert rows.first == "rex/index.md" and len(rows.rows) == 4
    urls = {p.src: Linker().url(p.src) for p in content.pages}
    records = row_records(content.lists, urls)
    first = next(r for r in records if r.filters == {"list": ["rex"]})
    assert first.url == "rex/#0" and first.sort["n"] == "000000000000" and "c0" in first.sort
    # The row's cells as a list file has them, and nothing more in the meta (Pagefind indexes
    # the words of the meta too).
    cells = json.loads(first.meta["row"])
    (href, title), *_ = cells[0]
    assert href.endswith("/") and title in first.content
    assert set(first.meta) == {"row", "n"} and first.meta["n"] == "000000000000"


def test_extra_page_generators_plug_in(minimal_corpus: Path) -> None:
    def contacts(ctx: SiteContext) -> Iterator[Page]:
        yield Page("contacts.md", "Contacts qualité", "# Contacts\n", nav="Contacts", nav_order=90)

    content = generate(rex.load(minimal_corpus), generators=[contacts])
    assert ("Contacts", "contacts.md") in content.nav
    assert any(page.src == "contacts.md" for page in content.pages)


@pytest.mark.parametrize(
    ("outcomes", "improved", "level"),
    [
        ([], 0, "aucun"),
        (["success"], 1, "faible"),
        (["success", "partial"], 1, "modéré"),
        (["success", "success", "failure"], 2, "élevé"),
        (["failure", "failure", "success"], 1, "faible"),
    ],
)
def test_evidence_level(
    minimal_corpus: Path, outcomes: list[str], improved: int, level: str
) -> None:
    corpus = rex.load(minimal_corpus)
    practice = corpus.practices["priorisation-des-demandes"]
    base = corpus.rex["grille-voirie-2024"]
    rex_list = []
    for i, outcome in enumerate(outcomes):
        measures = base.measures if i < improved else []
        rex_list.append(base.model_copy(update={"outcome": outcome, "measures": measures}))
    for r in rex_list:
        object.__setattr__(r, "outcome", rex.Outcome(r.outcome))
    assert evidence(practice, rex_list, corpus.indicators).level == level


def test_french_numbers() -> None:
    assert number(1250.5) == "1\u202f250,5"
    assert number(7.0) == "7"
    assert signed_percent(-41.666) == "−41,7\u202f%"
    assert signed_percent(None) == "n.d."


def test_search_records_come_from_the_corpus_with_french_filters(minimal_corpus: Path) -> None:
    corpus = rex.load(minimal_corpus)
    content = generate(corpus)
    urls = {p.src: Linker().url(p.src) for p in content.pages}
    records = {r.url: r for r in search_records(corpus, urls, content.pages)}
    practice = records["practices/priorisation-des-demandes/"]
    assert practice.meta["title"] == "Priorisation des demandes"
    assert practice.meta["kind"] == "Bonne pratique"
    assert "grille partagée" in practice.content and "](" not in practice.content
    assert practice.filters["kind"] == ["Bonne pratique"]
    names = {"kind", "service", "indicator", "status", "outcome", "year", "tag"}
    assert set(practice.filters) <= names and all(practice.filters.values())
    entry = next(r for r in records.values() if r.url.startswith("rex/"))
    assert entry.filters["outcome"][0] in {"réussite", "réussite partielle", "échec"}
    assert entry.filters["year"] == [entry.sort["date"][:4]]
    # One entry per record; the site's own pages with a search entry follow.
    assert sum(1 for r in records.values() if r.meta["kind"] != "Page du site") == len(corpus)


def test_a_cell_is_written_short_only_when_the_script_finds_its_key_again() -> None:
    # The script takes a short cell's key to be its text lower-cased; "Straße" casefolds to
    # "strasse", so its cells say their key.
    from rex.site.html import Link as RowLink
    from rex.site.rows import Cell

    def href(to: str) -> str:
        return to

    plain = [Cell("Voirie", "voirie"), Cell((RowLink("a.md", "Voirie"),), "voirie")]
    assert json.loads(row_file.row_cells_json(plain, href)) == ["Voirie", [["a.md", "Voirie"]]]
    folded = [Cell("Straße", "strasse"), Cell((RowLink("a.md", "Straße"),), "strasse")]
    assert json.loads(row_file.row_cells_json(folded, href)) == [
        {"t": "Straße", "s": "strasse"},
        {"l": [["a.md", "Straße"]], "s": "strasse"},
    ]
