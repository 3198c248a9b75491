"""The sample corpus's site, used as a person would: search, follow links, check accessibility.

One build and one browser per session; each test opens its own page and fails if the page
asked anything of a host other than 127.0.0.1 or logged a console error.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

import rex
from rex.models import TerritoryType
from rex.site import build_site
from tests.browser.harness import (
    RESULT_TITLES,
    RESULTS_DONE,
    SEARCH_DIALOG,
    SEARCH_INPUT,
    SEARCH_TRIGGER,
    chromium,
    search,
    serve,
)
from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample corpus built once with the repository's mkdocs.yml, served on 127.0.0.1."""
    corpus = rex.load(SAMPLE)
    assert corpus.report.valid, corpus.report
    site = tmp_path_factory.mktemp("browser") / "site"
    build_site(corpus, site, config_file=ROOT / "mkdocs.yml")
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium."""
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    """A fresh page that records outside requests and console errors, checked at the end."""
    context = browser.new_context()
    pg = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    pg.on(
        "request",
        lambda r: None if urlsplit(r.url).hostname == "127.0.0.1" else outside.append(r.url),
    )
    pg.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.base = site_url
    yield pg
    context.close()
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    assert errors == [], f"console errors: {errors}"


def _search(page: Any, query: str) -> list[str]:
    page.goto(page.base)
    return search(page, query, timeout_ms=20_000)


FRENCH_QUERIES = [
    ("delai", "Délai moyen d'intervention"),
    ("délais", "Délai moyen d'intervention"),
    ("Délai", "Délai moyen d'intervention"),
    ("pesées", "Pesées des restes au restaurant scolaire des Tanneries"),
    ("pesee", "Peser les restes alimentaires et ajuster les quantités servies"),
]


@pytest.mark.parametrize(("query", "expected"), FRENCH_QUERIES)
def test_search_ignores_accents_and_plurals(page: Any, query: str, expected: str) -> None:
    assert expected in _search(page, query)


@pytest.fixture(scope="session")
def sub_path_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site served from a sub-path (``/intranet/rex/``), as an intranet would."""
    www = tmp_path_factory.mktemp("www")
    build_site(rex.load(SAMPLE), www / "intranet" / "rex", config_file=ROOT / "mkdocs.yml")
    with serve(www) as url:
        yield url + "intranet/rex/"


@pytest.mark.parametrize(("query", "expected"), FRENCH_QUERIES[::2])
def test_search_works_from_a_sub_path(
    page: Any, sub_path_url: str, query: str, expected: str
) -> None:
    page.goto(sub_path_url + "practices/pesee-dechets-alimentaires/")
    assert expected in search(page, query, timeout_ms=20_000)
    link = page.locator(RESULT_TITLES, has_text=expected).first
    assert link.get_attribute("href").startswith("/intranet/rex/")
    link.click()
    page.wait_for_url(sub_path_url + "**")
    assert expected in page.inner_text("h1")


def test_search_shows_kind_and_excerpt_and_filters(page: Any) -> None:
    _search(page, "delai")
    result = page.locator(
        f"{SEARCH_DIALOG} .rex-search__result", has_text="Délai moyen d'intervention"
    )
    assert result.locator(".rex-search__kind").first.inner_text() == "Indicateur"
    assert result.locator(".rex-search__excerpt mark").count() >= 1
    modal = page.locator(SEARCH_DIALOG)
    for label in ["Type", "Service", "Indicateur", "Statut", "Résultat", "Année", "Étiquette"]:
        assert modal.get_by_text(label, exact=True).count() >= 1, label
    # Escape closes the search, as any dialog.
    page.keyboard.press("Escape")
    modal.wait_for(state="hidden")


def test_search_filters_by_the_context_of_a_record(page: Any) -> None:
    """A reader from a small authority keeps only what was done in one like theirs."""
    corpus = rex.load(SAMPLE)
    expected = {
        r.title
        for r in corpus
        if TerritoryType.INTERCOMMUNALITE in corpus.territory_profile(r).types
    }
    everything = set(_search(page, "restaurants"))
    modal = page.locator(SEARCH_DIALOG)
    select = modal.get_by_label("Type de collectivité", exact=True)
    select.focus()
    option = select.locator("option", has_text="intercommunalité")
    option.wait_for(state="attached", timeout=20_000)
    select.select_option(option.get_attribute("value"))
    page.wait_for_function(
        "([selector, before]) => document.querySelectorAll(selector).length < before",
        arg=[RESULT_TITLES, len(everything)],
        timeout=20_000,
    )
    page.wait_for_selector(RESULTS_DONE, timeout=20_000)
    narrowed = {t.strip() for t in page.locator(RESULT_TITLES).all_inner_texts()}
    assert narrowed and narrowed <= expected, narrowed - expected
    assert "Généralisation des pesées à l'ensemble des restaurants scolaires" in narrowed


def test_a_word_ranks_first_the_indicator_it_names(page: Any) -> None:
    """Issue 12: for "delai", an indicator whose title holds the word comes first, not an
    action that only mentions it nor one whose "d'élagage" shares the stem's prefix."""
    titles = _search(page, "delai")
    first = page.locator(f"{SEARCH_DIALOG} .rex-search__result").first
    assert first.locator(".rex-search__kind").inner_text() == "Indicateur", titles
    assert titles[0].startswith("Délai"), titles


@pytest.fixture(scope="session")
def sharded_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site with its search records dealt into indexes of 7, as a large corpus's."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("rex.site.pagefind.SHARD_SIZE", 7)
        build_site(rex.load(SAMPLE), site, config_file=ROOT / "mkdocs.yml")
    assert (site / "pagefind" / "s1" / "pagefind-entry.json").is_file()
    with serve(site) as url:
        yield url


def _found(page: Any, url: str, query: str) -> tuple[str, list[str], list[str]]:
    page.goto(url + "practices/")
    titles = search(page, query, timeout_ms=20_000)
    select = page.locator(SEARCH_DIALOG).get_by_label("Type", exact=True)
    select.focus()
    select.locator("option", has_text="Indicateur").wait_for(state="attached", timeout=20_000)
    kinds = select.locator("option").all_inner_texts()
    return page.locator(f"{SEARCH_DIALOG} .rex-search__status").inner_text(), titles, kinds


def test_search_over_several_indexes_finds_and_counts_as_one(page: Any, sharded_url: str) -> None:
    whole, whole_titles, whole_kinds = _found(page, page.base, "restaurants")
    spread, spread_titles, spread_kinds = _found(page, sharded_url, "restaurants")
    assert spread == whole and "résultats" in spread
    assert spread_kinds == whole_kinds
    assert "Pesées des restes au restaurant scolaire des Tanneries" in spread_titles
    assert len(spread_titles) == len(whole_titles)


def test_search_opens_with_the_keyboard(page: Any) -> None:
    page.goto(page.base + "indicators/delai-moyen-intervention/")
    page.locator(SEARCH_TRIGGER).wait_for()
    page.keyboard.press("/")
    page.wait_for_function(
        "(s) => document.activeElement && document.activeElement.matches(s)", arg=SEARCH_INPUT
    )
    page.keyboard.type("pesee")
    page.locator(RESULT_TITLES).first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/(practices|rex)/[^/]+/$"))


def test_no_page_fetches_the_theme_search_index(page: Any) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(page.base + "practices/")
    _search(page, "delai")
    assert not any("search_index.json" in u or "/search/" in u for u in fetched), fetched


def test_search_result_opens_the_indicator(page: Any) -> None:
    _search(page, "delai")
    page.locator(RESULT_TITLES, has_text="Délai moyen d'intervention").first.click()
    page.wait_for_url(re.compile(r".*/indicators/delai-moyen-intervention/(\?.*)?$"))
    # The results over time, then the REX measures before -> after.
    assert page.locator("svg.rex-chart[role=img]").count() == 2


def test_practice_links_to_its_rex_and_an_indicator(page: Any) -> None:
    page.goto(page.base + "practices/pesee-dechets-alimentaires/")
    assert "Niveau de preuve" in page.inner_text("article")
    page.get_by_role(
        "link", name="Pesées des restes au restaurant scolaire des Tanneries"
    ).first.click()
    page.wait_for_url("**/rex/pesee-restaurant-tanneries-2023/")
    measures = page.get_by_role("table", name="Mesures avant → après")
    assert "mieux" in measures.inner_text()
    measures.get_by_role("link").first.click()
    page.wait_for_url("**/indicators/gaspillage-alimentaire/")
    assert "Mesures avant → après" in page.inner_text("article")


def test_rex_page_shows_its_identity_card_and_similar_records(page: Any) -> None:
    page.goto(page.base + "rex/pesee-restaurant-tanneries-2023/")
    card = page.get_by_role("complementary", name="Fiche d'identité")
    assert card.is_visible()
    text = card.inner_text()
    assert "Ville de Castelbrune" in text and "9 mois" in text and "Diététicienne" in text
    see_also = page.locator("ul.rex-see-also")
    assert see_also.is_visible()
    assert 0 < see_also.locator("li").count() <= 5
    assert "En commun" in see_also.inner_text() or "en commun" in see_also.inner_text()
    see_also.get_by_role(
        "link", name="Généralisation des pesées à l'ensemble des restaurants scolaires"
    ).click()
    page.wait_for_url("**/rex/pesee-generalisation-restaurants-scolaires-2024/")


def test_a_superseded_practice_points_to_the_newer_one(page: Any) -> None:
    page.goto(page.base + "practices/cahier-des-signalements/")
    banner = page.locator(".rex-superseded")
    assert banner.is_visible() and "Remplacée par" in banner.inner_text()
    banner.get_by_role("link").click()
    page.wait_for_url("**/practices/guichet-unique-demandes/")
    assert "Remplace" in page.locator(".rex-replaces").inner_text()


def test_index_table_filters_and_sorts(page: Any) -> None:
    page.goto(page.base + "practices/")
    rows = page.locator("table[data-rex-table] tbody tr")
    total = rows.count()
    assert total > 5
    page.get_by_label("Filtrer la liste").fill("reclamations")  # accents ignored: "réclamations"
    visible = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(visible) < total
    assert all("réclamations" in r.inner_text().lower() for r in visible)
    page.get_by_label("Filtrer la liste").fill("")
    header = page.get_by_role("button", name="REX")
    header.click()
    header.click()  # descending: the most documented practice first
    counts = [int(r.locator("td").last.inner_text()) for r in rows.all()]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(
    "path",
    [
        "",
        "tableau-de-bord/",
        "practices/pesee-dechets-alimentaires/",
        "indicators/delai-moyen-intervention/",
        "contribuer/",
        "search:delai",
        "services/voirie/",
        "actions/",
        "actions/astreinte-hivernale-voirie/",
        "services/voirie/affichage/",
        "rex/pesee-restaurant-tanneries-2023/",
        "practices/cahier-des-signalements/",
    ],
)
def test_no_serious_accessibility_violation(page: Any, path: str) -> None:
    if path.startswith("search:"):
        _search(page, path.removeprefix("search:"))  # the open search dialog, with results
    else:
        page.goto(page.base + path)
    # Through DevTools: the site's Content-Security-Policy rightly refuses an inline <script>.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)


def test_axe_is_installed() -> None:
    # The accessibility tests need axe-core from npm (`npm install --prefix tests`).
    assert AXE.is_file(), "run: npm install --prefix tests"


def test_site_has_no_outside_reference(site_url: str) -> None:
    from urllib.request import urlopen

    with urlopen(site_url) as response:
        html = response.read().decode()
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert 'src="http' not in html


def test_contributor_guide_is_in_the_navigation_and_announces_the_feed(page: Any) -> None:
    page.goto(page.base)
    page.get_by_role("link", name="Contribuer").first.click()
    page.wait_for_url("**/contribuer/")
    article = page.locator("article")
    assert article.get_by_role("table", name="Clés : Bonne pratique").is_visible()
    assert "validée" in article.get_by_role("table", name="Clés : Bonne pratique").inner_text()
    assert article.get_by_role("table", name="Codes des erreurs et avertissements").is_visible()
    assert "rex new practice" in article.inner_text()
    feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert feed.get_attribute("href") == "../feeds/nouveautes.xml"
    response = page.request.get(page.base + "feeds/nouveautes.xml")
    assert response.ok and b"<feed" in response.body()


PDF_PAGE = re.compile(rb"/Type\s*/Page\b")  # a page object; the page tree is /Pages


def test_every_display_prints_on_one_a4_page(page: Any) -> None:
    """Each service's display, printed by Chromium, is one A4 sheet with its key texts."""
    services = rex.load(SAMPLE).services.values()
    for service in services:
        page.goto(page.base + f"services/{service.id}/affichage/")
        poster = page.inner_text(".rex-poster")
        for text in (service.title, "Nos résultats", "Nos actions", "affiché le"):
            assert text in poster, (service.id, text)
        page.emulate_media(media="print")
        assert not page.locator(".md-header").is_visible()
        assert not page.locator(".md-sidebar--primary").is_visible()
        pdf = page.pdf(format="A4")
        page.emulate_media(media="screen")
        assert len(PDF_PAGE.findall(pdf)) == 1, service.id
        if shutil.which("pdftotext"):  # poppler-utils: the text really is on the sheet
            text = subprocess.run(
                ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
            ).stdout.decode()
            assert "Nos résultats" in text and "Nos actions" in text, service.id
            assert "Rechercher" not in text, service.id  # no search box on paper
