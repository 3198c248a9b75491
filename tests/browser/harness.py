"""Serve a built site on 127.0.0.1 and drive it in Debian's Chromium (never a downloaded one).

Shared by the browser tests and `benchmarks/search_browser.py`, so the search timing the
benchmark prints is measured exactly as the tests use the site.
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
    # No host but the test server's resolves: a page can request nothing from elsewhere.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
SEARCH_TRIGGER = ".rex-search__open"
SEARCH_DIALOG = ".rex-search__dialog"
SEARCH_INPUT = ".rex-search__dialog input[type=search]"
RESULT_TITLES = ".rex-search__dialog .rex-search__title a"
#: The results list once every result of the first page is shown (each shows as it comes).
RESULTS_DONE = ".rex-search__dialog .rex-search__results:not([aria-busy])"


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


def type_query(page: Any, query: str, timeout_ms: int = 60_000) -> None:
    """Open the search from the header and type ``query`` key by key, as a reader would:
    click the search box in the header, wait for the search field to have the focus, type."""
    page.locator(SEARCH_TRIGGER).click(timeout=timeout_ms)
    field = page.locator(SEARCH_INPUT)
    field.wait_for(state="visible", timeout=timeout_ms)
    page.wait_for_function(
        "(s) => document.activeElement && document.activeElement.matches(s)",
        arg=SEARCH_INPUT,
        timeout=timeout_ms,
    )
    page.keyboard.type(query)


def search(page: Any, query: str, timeout_ms: int = 60_000) -> list[str]:
    """Open the search, type ``query`` (`type_query`); the titles of the first results (ten
    at most, each with its fragment) once all are shown."""
    type_query(page, query, timeout_ms)
    page.wait_for_selector(RESULT_TITLES, timeout=timeout_ms)
    page.wait_for_selector(RESULTS_DONE, timeout=timeout_ms)
    return [t.strip() for t in page.locator(RESULT_TITLES).all_inner_texts()]


def first_results_seconds(browser: Any, url: str, query: str, timeout_ms: int = 60_000) -> float:
    """Seconds from opening ``url`` until the search shows its first result for ``query``.

    The clock starts before navigation, as a reader would feel it: the page loads, the reader
    opens the search and types, Pagefind fetches what the query needs and answers.
    """
    page = browser.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        type_query(page, query, timeout_ms)
        page.wait_for_selector(RESULT_TITLES, timeout=timeout_ms)
        return time.perf_counter() - start
    finally:
        page.close()
