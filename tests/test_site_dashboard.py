"""The "Tableau de bord" page: figures of the health report, gaps linked, charts, public view."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

import rex
from rex.i18n import use_language
from rex.report.markdown import render_markdown
from rex.site import SiteContext, build_site, generate, public_corpus
from rex.site import dashboard as site_dashboard
from rex.site.charts import Bar, Series, bar_chart
from rex.site.dashboard import dashboard_page
from rex.site.html import Linker
from tests.conftest import MINIMAL, ROOT, SAMPLE, WriteTree
from tests.corpora import HOSTILE, with_internal_record

TODAY = dt.date(2025, 6, 1)

# MINIMAL plus a failed REX of the same practice, a practice without REX whose review is
# overdue, an old draft, an indicator no practice targets and a service with no practice.
FILES: dict[str, str | bytes] = {
    **MINIMAL,
    "rex/echec-voirie-2023.md": """\
        ---
        title: Une grille mal comprise
        date: 2023-03-15
        status: validated
        outcome: failure
        services: [voirie]
        practices: [priorisation-des-demandes]
        measures:
          - indicator: delai-moyen-intervention
            before: 7
            after: 9
        lessons: [Former avant de déployer.]
        ---
        """,
    "practices/guichet-unique.md": """\
        ---
        title: Un guichet unique pour les demandes
        summary: Une seule porte d'entrée, un suivi par ticket.
        status: validated
        services: [voirie]
        indicators: [delai-moyen-intervention]
        created: 2022-01-10
        review_by: 2025-01-01
        ---
        """,
    "practices/vieux-brouillon.md": """\
        ---
        title: Un brouillon oublié
        summary: Jamais terminé.
        status: draft
        services: [voirie]
        indicators: [delai-moyen-intervention]
        created: 2023-02-01
        ---
        """,
    "indicators/taux-decroche.md": """\
        ---
        title: Taux de décroché téléphonique
        definition: Appels décrochés sur appels reçus.
        unit: "%"
        direction: increase
        ---
        """,
    "services/mediatheque.md": """\
        ---
        title: Médiathèque
        ---
        """,
}


def _dashboard(root: Path, today: dt.date = TODAY, public: bool = False) -> str:
    corpus = rex.load(root)
    assert corpus.report.valid, corpus.report
    if public:
        corpus = public_corpus(corpus)
    (page,) = dashboard_page(SiteContext(corpus, Linker()), today)
    return page.markdown


def _section(markdown: str, heading: str) -> str:
    """The HTML between an ``<h3>`` starting with ``heading`` and the next heading."""
    match = re.search(rf"<h3>{re.escape(heading)}.*?(?=<h3>|\n## |\Z)", markdown, re.S)
    assert match, heading
    return match.group(0)


def test_dashboard_is_in_the_nav_after_home_and_linked_from_home(minimal_corpus: Path) -> None:
    content = generate(rex.load(minimal_corpus))
    assert content.nav[:2] == [("Accueil", "index.md"), ("Tableau de bord", "tableau-de-bord.md")]
    home = next(p for p in content.pages if p.src == "index.md").markdown
    assert '<a href="tableau-de-bord/">Tableau de bord :' in home
    assert Linker().url("tableau-de-bord.md") == "tableau-de-bord/"


def test_counts_by_kind_status_outcome_year_and_service(write_tree: WriteTree) -> None:
    page = _dashboard(write_tree(FILES))
    # Validation counts come from the corpus's report (a warning: the review overdue today).
    assert "État au 1er juin 2025\u202f: 9 fiches\u202f; 0 erreur et 1 avertissement" in page
    assert '<th scope="row">Bonnes pratiques</th><td>3</td>' in page
    # practices: draft 1, proposed 0, validated 2, retired 0
    assert '<th scope="row">Bonnes pratiques</th><td>1</td><td>0</td><td>2</td><td>0</td>' in page
    assert '<th scope="row">réussite</th><td>1</td>' in page
    assert '<th scope="row">échec</th><td>1</td>' in page
    # year, practices created, REX
    assert '<th scope="row">2023</th><td>1</td><td>1</td>' in page
    assert '<th scope="row">2024</th><td>1</td><td>1</td>' in page
    assert '<a href="../services/voirie/">Voirie</a></th><td>1</td><td>3</td><td>2</td>' in page
    assert 'aria-labelledby="rex-par-annee-t rex-par-annee-d"' in page


def test_gaps_are_listed_and_linked(write_tree: WriteTree) -> None:
    page = _dashboard(write_tree(FILES))
    assert '<a href="../practices/guichet-unique/">' in _section(
        page, "Bonnes pratiques sans retour d&#x27;expérience (2)"
    )  # the draft has no REX either
    assert '<a href="../indicators/taux-decroche/">' in _section(
        page, "Indicateurs visés par aucune bonne pratique (1)"
    )
    assert '<a href="../services/mediatheque/">Médiathèque</a>' in _section(
        page, "Services sans bonne pratique (1)"
    )
    overdue = _section(page, "Revues en retard (1)")
    assert "guichet-unique/" in overdue
    assert "à revoir avant le 1er janvier 2025 (151 jours de retard)" in overdue
    stale = _section(page, "Brouillons non modifiés depuis plus de 12 mois (1)")
    assert "vieux-brouillon/" in stale and "dernière date\u202f: 1er février 2023" in stale


def test_the_date_is_injectable(write_tree: WriteTree) -> None:
    root = write_tree(FILES)
    earlier = _dashboard(root, dt.date(2024, 1, 1))
    assert "État au 1er janvier 2024" in earlier
    assert "<h3>Revues en retard (0)</h3>\n<p>Aucun point d&#x27;attention.</p>" in earlier
    assert "Brouillons non modifiés depuis plus de 12 mois (0)" in earlier


def test_indicator_and_practice_figures(write_tree: WriteTree) -> None:
    page = _dashboard(write_tree(FILES))
    # 12 -> 7 is better and 7 -> 9 worse for a "lower is better" indicator: 1 of 2, median -1.5.
    row = re.search(r"<tr><th scope=\"row\"><a href=\"../indicators/delai-moyen.*?</tr>", page)
    assert row is not None
    assert re.findall(r"<td>(.*?)</td>", row.group(0)) == [
        "à la baisse",
        "3",  # practices targeting it, the draft included
        "2",  # measures
        "1 (50\u202f%)",
        "−1,5 jours",
    ]
    assert "50\u202f% (1 sur 2)" in page  # the bar's text in the chart
    evidence = re.search(r"<a href=\"../practices/priorisation-des-demandes/\">.*?</tr>", page)
    assert evidence is not None
    cells = evidence.group(0)
    assert "<td>2</td><td>1 réussite<br>0 réussite partielle<br>1 échec</td>" in cells
    assert (
        "Délai moyen d&#x27;intervention\u202f: 1 sur 2 en amélioration, médiane −1,5 jours"
        in cells
    )
    # The stacked bar: one success segment and one failure segment of equal width.
    svg = re.search(r'<svg[^>]*aria-labelledby="pratiques-resultats-t.*?</svg>', page)
    assert svg is not None
    assert "réussite partielle</text>" in svg.group(0)  # the legend names the colours
    widths = re.findall(r'width="([\d.]+)" height="16"', svg.group(0))
    assert len(widths) == 2 and widths[0] == widths[1]


def test_public_dashboard_counts_public_records_only(write_tree: WriteTree) -> None:
    files = with_internal_record(dict(MINIMAL))
    # Internal records the dashboard would name: a practice without REX and an old draft.
    files["practices/pratique-confidentielle.md"] = """\
        ---
        title: Une pratique confidentielle
        summary: Interne.
        status: draft
        services: [voirie]
        indicators: [delai-moyen-intervention]
        created: 2020-01-01
        ---
        """
    root = write_tree(files)
    internal = _dashboard(root)
    # So that the assertions below can fail: the internal view names and counts them.
    assert "pratique-confidentielle/" in internal and "Une pratique confidentielle" in internal
    assert '<th scope="row">échec</th><td>1</td>' in internal
    assert "à la validation" in internal
    public = _dashboard(root, public=True)
    for secret in ("pratique-confidentielle", "secret-interne-2024", "confidentiel"):
        assert secret not in public
    # The validation counts cover the public records only on a public site.
    assert "0 erreur et 0 avertissement à la validation" in public
    assert '<th scope="row">échec</th><td>0</td>' in public
    assert '<th scope="row">Retours d&#x27;expérience</th><td>1</td>' in public
    assert "<h3>Brouillons non modifiés depuis plus de 12 mois (0)</h3>" in public


def _plain(fragment: str) -> str:
    """Text of an HTML or Markdown fragment: a badge in brackets, line breaks as " / "."""
    fragment = re.sub(r'<span class="rex-badge[^"]*">(.*?)</span>', r"(\1)", fragment)
    fragment = re.sub(r"<br>|</li><li>", " / ", fragment)
    fragment = re.sub(r"<[^>]+>", "", fragment)
    return html.unescape(re.sub(r"\\(.)", r"\1", fragment)).strip()


def _markdown_words(markdown: str) -> list[tuple[str, ...]]:
    """Headings, paragraphs, list items and table rows (cell by cell) of the Markdown report."""
    words: list[tuple[str, ...]] = []
    for line in markdown.splitlines():
        if line.startswith("#"):
            words.append(("heading", _plain(line.lstrip("#"))))
        elif line.startswith("| "):
            cells = re.split(r"(?<!\\)\|", line.strip("|"))
            words.append(("row", *(_plain(c) for c in cells)))
        elif line.startswith("- "):
            words.append(("item", _plain(line[2:])))
        elif line and not line.startswith("|---"):
            words.append(("paragraph", _plain(line)))
    return words


def _page_words(page: str) -> list[tuple[str, ...]]:
    """The same from the dashboard's HTML, in page order (charts and captions left out)."""
    body = page.split("---\n\n", 1)[1]
    body = re.sub(r"<figure.*?</figure>|<caption>.*?</caption>", "", body, flags=re.S)
    words: list[tuple[str, ...]] = []
    pattern = r"<h[13]>(.*?)</h[13]>|^## ([^\n]*)$|<tr>(.*?)</tr>|<li>(.*?)</li>|<p>(.*?)</p>"
    for m in re.finditer(pattern, body, re.M | re.S):
        heading, section, row, item, paragraph = m.groups()
        if row is not None:
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            words.append(("row", *(_plain(c) for c in cells)))
        elif item is not None:
            words.append(("item", _plain(item)))
        elif paragraph is not None:
            words.append(("paragraph", _plain(paragraph)))
        else:
            words.append(("heading", _plain(heading or section)))
    return words


def test_the_page_and_the_markdown_report_say_the_same(write_tree: WriteTree) -> None:
    corpus = rex.load(write_tree(FILES))
    (page,) = dashboard_page(SiteContext(corpus, Linker()), TODAY)
    with use_language("fr"):  # the site is French; `rex report` speaks the user's language
        markdown = render_markdown(rex.health_report(corpus, TODAY))
    words = _page_words(page.markdown)
    assert words == _markdown_words(markdown)
    # So that the comparison can fail: it covers every section, part, label and figure.
    titles = [w[1] for w in words if w[0] == "heading"]
    assert titles[:3] == ["Tableau de bord", "Volumes", "Par statut"]
    assert "Revues en retard (1)" in titles
    assert "Niveau de preuve des bonnes pratiques" in titles
    assert "Contexte des retours d'expérience" in titles
    assert {"Plans d'action", "Résultats et objectifs"} <= set(titles)
    assert titles[-1] == "Pistes d'amélioration"
    assert ("row", "Type de fiche", "brouillon", "proposée", "validée", "retirée") in words
    assert (
        "row",
        "Priorisation des demandes (validée)",
        "2",
        "1 réussite / 0 réussite partielle / 1 échec",
        "Délai moyen d'intervention\u202f: 1 sur 2 en amélioration, médiane −1,5 jours",
    ) in words
    assert any(w[0] == "item" and "151 jours de retard" in w[1] for w in words)


def test_front_matter_values_are_escaped(write_tree: WriteTree) -> None:
    files = dict(MINIMAL)
    files["practices/priorisation-des-demandes.md"] = str(
        MINIMAL["practices/priorisation-des-demandes.md"]
    ).replace("title: Priorisation des demandes", f"title: '{HOSTILE}'")
    files["indicators/xss.md"] = f"""\
        ---
        title: '{HOSTILE}'
        definition: x
        unit: '<b>u</b>'
        direction: increase
        ---
        """
    page = _dashboard(write_tree(files))
    assert "<img src=x" not in page and "<b>u</b>" not in page
    assert 'href="javascript' not in page
    # In the chart label (truncated), the evidence table and the gaps list.
    assert "&lt;img src=x onerror=alert(1)&gt; [cli…</text>" in page
    assert '<a href="../practices/priorisation-des-demandes/">&lt;img src=x' in page
    assert '<a href="../indicators/xss/">&lt;img src=x' in page


def test_long_lists_are_capped(write_tree: WriteTree, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_dashboard, "LIST_CAP", 1)
    monkeypatch.setattr(site_dashboard, "CHART_CAP", 1)
    files = dict(FILES)
    files["rex/guichet-2024.md"] = str(FILES["rex/echec-voirie-2023.md"]).replace(
        "practices: [priorisation-des-demandes]", "practices: [guichet-unique]"
    )
    files["practices/vieux-brouillon-2.md"] = FILES["practices/vieux-brouillon.md"]
    page = _dashboard(write_tree(files))
    # Services, practices without REX, stale drafts, indicators (2), practices (4) and REX
    # to complete (3).
    rest = re.findall(r'<p class="rex-more">… et (\d+ autres?)\.</p>', page)
    assert rest == ["1 autre", "1 autre", "1 autre", "1 autre", "3 autres", "2 autres"]
    assert "Retours d&#x27;expérience par résultat, par bonne pratique (1 sur 2)" in page
    assert page.count('<tr><th scope="row"><a href="../practices/') == 1


def test_bar_chart_scales_stacks_and_describes() -> None:
    svg = bar_chart(
        "c",
        "Titre <x>",
        "Description",
        [Bar("A", (1.0, 3.0), "4"), Bar("B", (2.0, 0.0), "2")],
        [Series("un", "#111111"), Series("deux", "#222222")],
    )
    assert svg.startswith('<svg class="rex-chart"') and 'role="img"' in svg
    assert '<title id="c-t">Titre &lt;x&gt;</title><desc id="c-d">Description</desc>' in svg
    widths = [float(w) for w in re.findall(r'width="([\d.]+)" height="16"', svg)]
    assert widths == [74.0, 222.0, 148.0]  # the longest bar (4) fills the 296 px for bars
    assert ">un</text>" in svg and ">deux</text>" in svg  # a legend, since there are 2 series
    single = bar_chart("s", "T", "D", [Bar("A", (50.0,), "50 %")], maximum=100)
    assert 'width="148.0"' in single and '<rect x="230" y="4"' not in single


def test_the_sample_site_has_the_dashboard(tmp_path: Path) -> None:
    corpus = rex.load(SAMPLE)
    site = tmp_path / "site"
    result = build_site(corpus, site, config_file=ROOT / "mkdocs.yml")
    assert result.warnings == []
    html = (site / "tableau-de-bord" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Tableau de bord</h1>" in html
    assert html.count('<svg class="rex-chart"') == 3
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = re.findall(
        r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', home
    )
    # The sidebar also lists the home page's sections: compare first appearances.
    order = list(dict.fromkeys(nav))
    assert (
        order.index("Accueil") < order.index("Tableau de bord") < order.index("Bonnes pratiques")
    ), order
    assert '<a href="tableau-de-bord/">Tableau de bord :' in home
