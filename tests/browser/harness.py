"""Serve a built site on 127.0.0.1 and drive it in Debian's Chromium (never a downloaded one).

Shared by the browser tests and `benchmarks/bench_site.py`, so the search timing the benchmark
prints is measured exactly as the tests use the site.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SEARCH_INPUT = "input.md-search__input"
RESULT_TITLES = ".md-search-result__item h1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser from Debian's package, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


READY = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  const text = meta === null ? "" : meta.textContent.trim();
  return text !== "" && !/Initialisation/.test(text);
}"""


def search(page: Any, query: str, timeout_ms: int = 60_000) -> list[str]:
    """Type ``query`` in the site's search box once the index is ready; the result titles.

    Typing before the theme's search worker is ready is lost (the theme resets the box), so
    wait for its "type to search" message first, as a reader would see it.
    """
    page.wait_for_function(READY, timeout=timeout_ms)
    # Key by key: the theme reads the query on key events, not on a programmatic fill.
    page.locator(SEARCH_INPUT).press_sequentially(query)
    page.wait_for_selector(RESULT_TITLES, timeout=timeout_ms)
    return [t.strip() for t in page.locator(RESULT_TITLES).all_inner_texts()]


def first_results_seconds(browser: Any, url: str, query: str, timeout_ms: int = 60_000) -> float:
    """Seconds from opening ``url`` until the search shows its first result for ``query``.

    The clock starts before navigation, as a reader would feel it: the page loads, the search
    worker downloads and indexes the data, then the query is answered.
    """
    page = browser.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        search(page, query, timeout_ms)
        return time.perf_counter() - start
    finally:
        page.close()
