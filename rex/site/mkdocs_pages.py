"""rex's generated pages as mkdocs pages, written one at a time when the theme needs them.

mkdocs reads and converts every page before it renders the first one, holding the whole site
in memory (2.6 GB at 50,000 records). A generated page here is written only when mkdocs is
about to render it (`GeneratedPage.materialize`, from the plugin's ``on_page_context``) and
forgotten once written (`GeneratedPage.release`): a build holds one page at a time. Pages go
to HTML through `rex.site.finish` when the site's Markdown configuration allows it, through
mkdocs' own Markdown otherwise.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta as front_matter

from .ahead import Ahead, write
from .html import esc
from .stamp import STAMP_TEMPLATE
from .types import Page


class GeneratedPage(MkPage):
    """An mkdocs page whose source is a rex `Page`, written when it is rendered."""

    def __init__(
        self, page: Page, file: File, config: MkDocsConfig, fast: bool, stamped: bool = False
    ) -> None:
        super().__init__(None, file, config)
        self.rex_page = page
        self._fast = fast
        #: Whether the theme leaves the page to `rex.site.stamp` (which may hand it back).
        self.stamped = stamped
        #: Where the page may have been written ahead, and its number there.
        self.ahead: tuple[Ahead, int] | None = None

    def read_source(self, config: MkDocsConfig) -> None:
        """Only the title for now: the page is written in `materialize`."""
        self.markdown = ""
        self.meta = {"title": esc(self.rex_page.title)}
        if self.stamped:
            self.meta["template"] = STAMP_TEMPLATE

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Nothing yet (see `materialize`)."""
        self.content = ""
        self.toc = get_toc([])

    def materialize(self, config: MkDocsConfig, files: Files) -> None:
        """Write the page (or take it written ahead): its front matter, HTML and table of
        contents."""
        written = self.ahead[0].take(self.ahead[1]) if self.ahead is not None else None
        text, finished = written if written is not None else write(self.rex_page, self._fast)
        if finished is None:
            assert text is not None
            self.markdown, self.meta = front_matter.get_data(text)
            super().render(config, files)
            return
        self.meta = finished.meta
        self.content = finished.html
        self.toc = get_toc(finished.toc)  # type: ignore[arg-type]
        self.present_anchor_ids = _ids(finished.toc)

    def release(self) -> None:
        """Forget the written page (its HTML is in the site folder now)."""
        self.content = ""
        self.markdown = ""


def _ids(tokens: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    for token in tokens:
        found.add(token["id"])
        found |= _ids(token["children"])
    return found
