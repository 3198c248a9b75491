"""Long index lists in Chromium: filter and sort across every page.

A synthetic corpus with more rows than a page (`benchmarks/generate.py`): its lists are short
enough for a file of their rows (`rex.site.row_file`), which the table script fetches once
when the reader filters or sorts. Lists too long for a file, searched in the rows bundle, are
tested in `test_shards_browser`.
"""

from __future__ import annotations

import gzip
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

import rex
from rex.site import build_site
from tests.browser.harness import chromium, serve
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

#: Opening an index page and filtering it must stay far below the whole list.
MAX_FILTER_BYTES = 400_000
#: A stranger's practice whose title and tag are HTML: shown as text, never run.
HOSTILE_PRACTICE = """\
---
title: "Zzpiege <img src=x onerror=\\"window.__pwned=1\\"> <b>gras</b>"
summary: "Un titre qui tente d'injecter du HTML."
status: proposed
services: [{service}]
indicators: [{indicator}]
owner: "Inconnu"
created: 2024-01-01
review_by: 2028-01-01
tags: ["gaspillage"]
visibility: public
---

Du texte.
"""


@pytest.fixture(scope="module")
def lists_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A 400-record synthetic corpus (141 practices with a stranger's, 240 REX), served."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    work = tmp_path_factory.mktemp("lists")
    generate(work / "content", 400)
    content = work / "content"
    service, indicator = (min(content.glob(f"{k}/*.md")).stem for k in ("services", "indicators"))
    hostile = HOSTILE_PRACTICE.format(service=service, indicator=indicator)
    (content / "practices" / "piege.md").write_text(hostile, encoding="utf-8")
    build_site(rex.load(work / "content"), work / "site")
    with serve(work / "site") as url:
        yield url


@pytest.fixture
def page(lists_url: str) -> Iterator[Any]:
    """A page that counts the bytes it receives and fails on outside requests or errors."""
    with chromium() as browser:
        pg = browser.new_page()
        errors: list[str] = []
        outside: list[str] = []
        pg.received = {}
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on(
            "request",
            lambda r: None if urlsplit(r.url).hostname == "127.0.0.1" else outside.append(r.url),
        )

        def finished(request: Any) -> None:
            sizes = request.sizes()
            pg.received[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

        pg.on("requestfinished", finished)
        pg.base = lists_url
        yield pg
        assert errors == [] and outside == [], (errors, outside)


def _rows(page: Any) -> list[str]:
    rows = page.locator("table[data-rex-table] tbody tr")
    return [r.inner_text() for r in rows.all() if r.is_visible()]


def test_filtering_a_long_list_fetches_only_matching_rows(page: Any) -> None:
    page.goto(page.base + "practices/")
    assert len(_rows(page)) == 100
    assert not any(u.endswith(".json") and "rows" in u for u in page.received)
    page.wait_for_load_state("networkidle")
    opened = dict(page.received)
    page.get_by_label("Filtrer la liste").press_sequentially("Espaces verts")
    status = page.locator("p.rex-sr[aria-live]").first
    page.wait_for_function(
        "() => /trouvée/.test(document.querySelector('p.rex-sr[aria-live]').textContent)"
    )
    found = _rows(page)
    assert 0 < len(found) < 141, status.inner_text()
    assert all("Espaces verts" in row for row in found)
    assert page.locator(".rex-pager").is_hidden()
    query = {u: n for u, n in page.received.items() if u not in opened}
    print({u.rsplit("/", 1)[-1]: n for u, n in query.items()})
    assert sum(query.values()) < MAX_FILTER_BYTES, query
    # Links in fetched rows lead to the records' pages.
    page.locator("table[data-rex-table] tbody a").first.click()
    page.wait_for_url("**/practices/*/")


def test_sorting_a_long_list_covers_every_page(page: Any) -> None:
    page.goto(page.base + "practices/")
    header = page.get_by_role("button", name="REX")
    header.click()
    header.click()  # descending: the most documented practice of the whole list first
    page.wait_for_function(
        "() => /trouvée/.test(document.querySelector('p.rex-sr[aria-live]').textContent)"
    )
    counts = [int(r.locator("td").last.inner_text()) for r in page.locator("tbody tr").all()]
    assert counts == sorted(counts, reverse=True) and len(counts) == 100
    clear = page.get_by_label("Filtrer la liste")
    clear.press_sequentially("x")
    clear.press("Backspace")


def test_later_pages_work_without_javascript(lists_url: str) -> None:
    with chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        pg = context.new_page()
        pg.goto(lists_url + "practices/page-2/")
        assert pg.locator("table[data-rex-table] tbody tr").count() == 41
        pg.get_by_role("link", name="1", exact=True).click()
        pg.wait_for_url("**/practices/")
        assert pg.locator("table[data-rex-table] tbody tr").count() == 100
        context.close()


def test_a_stranger_s_title_in_a_list_file_stays_text(page: Any) -> None:
    page.goto(page.base + "practices/")
    page.get_by_label("Filtrer la liste").press_sequentially("zzpiege")
    page.wait_for_function(
        "() => /1 ligne/.test(document.querySelector('p.rex-sr[aria-live]').textContent)"
    )
    row = page.locator("table[data-rex-table] tbody tr").first
    assert row.locator("th a").inner_text().startswith("Zzpiege <img src=x onerror=")
    assert row.locator("img, b").count() == 0
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__pwned") is None


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def test_a_list_sorts_and_filters_from_its_file(page: Any) -> None:
    page.goto(page.base + "practices/")
    table = page.locator("table[data-rex-table]")
    assert table.get_attribute("data-rex-rows") == "rows.json.gz"
    page.get_by_role("button", name="Titre").click()
    page.get_by_role("button", name="Titre").click()  # descending, across every page
    page.wait_for_function(
        "() => /trouvée/.test(document.querySelector('p.rex-sr[aria-live]').textContent)"
    )
    keys = page.eval_on_selector_all("tbody tr th", "ths => ths.map(t => t.dataset.sort)")
    assert len(keys) == 100 and keys[0].startswith("zzpiege")
    # In French order: accents count only between words otherwise equal.
    assert keys == sorted(keys, key=_unaccented, reverse=True)
    page.get_by_label("Filtrer la liste").press_sequentially("pesees")
    # The sort stays; the rows become those of the filter once it has run.
    page.wait_for_function(
        """() => ![...document.querySelectorAll("tbody tr th")]
            .some((th) => th.textContent.startsWith("Zzpiege"))"""
    )
    found = page.locator("tbody tr")
    texts = [_unaccented(t).lower() for t in found.all_inner_texts()]
    assert 0 < len(texts) <= 100 and all("pesees" in t for t in texts)
    # Links lead to the records, whatever page of the list they came from.
    found.first.locator("th a").click()
    page.wait_for_url("**/practices/*/")


def test_a_list_file_the_server_inflated_still_reads(page: Any) -> None:
    # Some servers send a .gz file with "Content-Encoding: gzip": the browser inflates it.
    def inflated(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=gzip.decompress(response.body()))

    page.route("**/rows.json.gz", inflated)
    page.goto(page.base + "practices/")
    page.get_by_label("Filtrer la liste").press_sequentially("zzpiege")
    page.wait_for_function(
        "() => /1 ligne/.test(document.querySelector('p.rex-sr[aria-live]').textContent)"
    )
