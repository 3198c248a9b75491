"""A site whose search bundles come in shards (`rex.site.search_job`): the search and the long
lists find what every shard holds, in Chromium."""

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
from rex.site import build_site, search_job
from tests.browser.harness import chromium, search, serve
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, rex.Corpus]]:
    """A 400-record synthetic corpus built with a shard budget of about 100 records."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    work = tmp_path_factory.mktemp("shards")
    generate(work / "content", 400)
    corpus = rex.load(work / "content")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_job, "SHARD_BUDGET", 100 * 200_000)
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
        assert len(shards["shards"]) >= 1, name
        for shard in shards["shards"]:
            assert (site / shard / "pagefind-entry.json").is_file()


def test_search_finds_records_of_the_last_shard(
    page: Any, sharded: tuple[str, Path, rex.Corpus]
) -> None:
    url, _, corpus = sharded
    # The records go to the shards in the corpus' order: the last REX is in the last shard.
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
