"""The sample corpus's site, used as a person would: search, follow links, check accessibility.

One build and one browser per session; each test opens its own page and fails if the page
asked anything of a host other than 127.0.0.1 or logged a console error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

import rex
from rex.site import build_site
from tests.browser.harness import RESULT_TITLES, chromium, search, serve
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


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("delai", "Délai moyen d'intervention"),
        ("délais", "Délai moyen d'intervention"),
        ("pesées", "Pesées des restes au restaurant scolaire des Tanneries"),
        ("pesee", "Peser les restes alimentaires et ajuster les quantités servies"),
    ],
)
def test_search_ignores_accents_and_plurals(page: Any, query: str, expected: str) -> None:
    assert expected in _search(page, query)


def test_search_result_opens_the_indicator(page: Any) -> None:
    _search(page, "delai")
    page.locator(RESULT_TITLES, has_text="Délai moyen d'intervention").first.click()
    page.wait_for_url(re.compile(r".*/indicators/delai-moyen-intervention/(\?.*)?$"))
    assert page.locator("svg.rex-chart[role=img]").count() == 1


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
        "rex/pesee-restaurant-tanneries-2023/",
        "practices/cahier-des-signalements/",
    ],
)
def test_no_serious_accessibility_violation(page: Any, path: str) -> None:
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
