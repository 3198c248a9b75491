"""Long index lists in Chromium: filter and sort across every page without downloading them.

A synthetic corpus with more rows than a page (`benchmarks/generate.py`): the table script asks
the lists' Pagefind bundle for the matching rows and fetches only those it shows.
"""

from __future__ import annotations

import sys
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


@pytest.fixture(scope="module")
def lists_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A 400-record synthetic corpus (140 practices, 240 REX), built and served."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    work = tmp_path_factory.mktemp("lists")
    generate(work / "content", 400)
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
    assert 0 < len(found) < 140, status.inner_text()
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
        assert pg.locator("table[data-rex-table] tbody tr").count() == 40
        pg.get_by_role("link", name="1", exact=True).click()
        pg.wait_for_url("**/practices/")
        assert pg.locator("table[data-rex-table] tbody tr").count() == 100
        context.close()
