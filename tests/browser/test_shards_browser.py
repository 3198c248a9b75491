"""A site whose search bundles come in several indexes (`rex.site.pagefind.write_bundle`,
written by `rex.site.search_job`): the search and the long lists find, and the lists sort,
what every index holds, in Chromium."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import rex
from rex.corpus import Corpus
from rex.site import build_site, pagefind, row_file
from tests.browser.harness import chromium, search, serve
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
HOSTILE_TITLE = 'Espaces <img src=x onerror="window.__pwned=1"> piégés'


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, rex.Corpus]]:
    """A 400-record synthetic corpus built in indexes of 100 records and of 150 rows (every
    long list in the rows bundle, none in a file of its own)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    work = tmp_path_factory.mktemp("shards")
    generate(work / "content", 400)
    loaded = rex.load(work / "content")
    # A stranger's title among the rows of the long lists (see test_a_hostile_title_...).
    target = sorted(loaded.rex)[50]
    corpus = Corpus(
        loaded.root,
        [r.model_copy(update={"title": HOSTILE_TITLE}) if r.id == target else r for r in loaded],
        loaded.report,
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagefind, "SHARD_SIZE", 100)
        patch.setattr(pagefind, "ROWS_SHARD_SIZE", 150)
        patch.setattr(row_file, "ROWS_FILE_LIMIT", 0)
        build_site(corpus, work / "site")
    with serve(work / "site") as url:
        yield url, work / "site", corpus


@pytest.fixture
def page(sharded: tuple[str, Path, rex.Corpus]) -> Iterator[Any]:
    """A page that fails on console errors or requests leaving the site."""
    with chromium() as browser:
        pg = browser.new_page()
        errors: list[str] = []
        outside: list[str] = []
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on(
            "request",
            lambda r: None if urlsplit(r.url).hostname == "127.0.0.1" else outside.append(r.url),
        )
        yield pg
        assert errors == [] and outside == [], (errors, outside)


def test_bundles_are_sharded_and_listed(sharded: tuple[str, Path, rex.Corpus]) -> None:
    _, site, _ = sharded
    for name in ("pagefind", "pagefind-rows"):
        shards = json.loads((site / name / "rex-shards.json").read_text(encoding="utf-8"))
        assert len(shards["shards"]) >= 2, name
        for shard in shards["shards"]:
            assert (site / name / shard / "pagefind-entry.json").is_file()


def test_search_finds_records_of_the_last_shard(
    page: Any, sharded: tuple[str, Path, rex.Corpus]
) -> None:
    url, _, corpus = sharded
    # Dealt round-robin: the first practice and the last REX are in different indexes.
    last = list(corpus.rex.values())[-1]
    first = next(iter(corpus.practices.values()))
    for record in (last, first):
        page.goto(url)
        assert record.title in search(page, record.title)[:3]
        # The filters load after the results: leaving before would abort their requests.
        page.wait_for_load_state("networkidle")


def _row_titles(html: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'<th scope="row"[^>]*><a [^>]*>([^<]+)</a>', html)]


def test_a_long_list_filters_across_shards(
    page: Any, sharded: tuple[str, Path, rex.Corpus]
) -> None:
    url, site, _ = sharded
    pages = sorted(site.glob("rex/page-*/index.html"), key=lambda p: int(p.parent.name[5:]))
    first = _row_titles((site / "rex" / "index.html").read_text(encoding="utf-8"))[0]
    last = _row_titles(pages[-1].read_text(encoding="utf-8"))[-1]
    for title in (first, last):
        page.goto(url + "rex/")
        page.get_by_label("Filtrer la liste").press_sequentially(title)
        # Each key starts a search: wait for the rows of the whole title (or time out).
        page.wait_for_function(
            """(title) => [...document.querySelectorAll("table[data-rex-table] tbody tr th")]
                .slice(0, 5).some((th) => th.textContent.trim() === title)""",
            arg=title,
        )
        page.wait_for_load_state("networkidle")


def test_a_long_list_sorts_across_shards(page: Any, sharded: tuple[str, Path, rex.Corpus]) -> None:
    url, _, corpus = sharded
    page.goto(url + "rex/")
    page.get_by_role("button", name="Date").click()
    page.wait_for_function(
        "() => /trouvée/.test(document.querySelector('p.rex-sr[aria-live]').textContent)"
    )
    shown = page.eval_on_selector_all(
        "table[data-rex-table] tbody tr",
        "rows => rows.slice(0, 20).map(r => r.cells[4].getAttribute('data-sort'))",
    )
    dates = sorted(r.date.isoformat() for r in corpus.rex.values())
    assert shown in (dates[:20], dates[::-1][:20]), shown
    page.wait_for_load_state("networkidle")


def test_a_page_of_a_large_site_loads_the_search_only_when_asked(
    page: Any, sharded: tuple[str, Path, rex.Corpus]
) -> None:
    url, _, _ = sharded
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(url + "rex/", wait_until="networkidle")
    page.wait_for_timeout(1000)  # the idle moment when a small site loads its engine
    assert not any("pagefind-entry" in u or u.endswith("pagefind.js") for u in fetched)
    page.locator(".rex-search__open").hover()
    page.wait_for_function(
        """() => performance.getEntriesByType("resource")
            .some((e) => /pagefind\\/s1\\/pagefind-entry/.test(e.name))"""
    )
    page.wait_for_load_state("networkidle")


def test_a_hostile_title_in_the_rows_bundle_stays_text(
    page: Any, sharded: tuple[str, Path, rex.Corpus]
) -> None:
    url, _, _ = sharded
    page.goto(url + "rex/")
    page.get_by_label("Filtrer la liste").press_sequentially("piégés")
    page.wait_for_function(
        """(title) => [...document.querySelectorAll("table[data-rex-table] tbody tr th")]
            .some((th) => th.textContent.trim() === title)""",
        arg=HOSTILE_TITLE,
    )
    assert page.locator("table[data-rex-table] tbody img").count() == 0
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__pwned || 0") == 0
    page.wait_for_load_state("networkidle")
