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
        "services/voirie/",
        "actions/",
        "actions/astreinte-hivernale-voirie/",
        "services/voirie/affichage/",
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
