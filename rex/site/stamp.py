"""Record pages stamped into a theme page rendered once per shape, instead of once per page.

Rendering the theme's ``main.html`` (navigation, header, footer) for every one of 50,000
record pages costs minutes, although the pages of one folder differ only in their title,
content and table of contents. For each *shape* (folder, front matter keys, table of
contents or not, title in the content or not) the theme renders one page with markers in
those places; the other pages are that *shell* with their own values put in.

The shell must prove itself first: the first two pages of a shape are rendered by the theme
as well, and when stamping does not give the same bytes for both, that shape is rendered by
the theme throughout. Only a build whose sole plugin is rex stamps (another plugin could
change a page in ways a shell would not carry).
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from jinja2 import Environment
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc

#: The template a stamped page is given: the theme renders nothing for it.
STAMP_TEMPLATE = "rex-stamp.html"
#: The table of contents alone, as the theme writes it (its language macros in scope).
TOC_TEMPLATE = "rex-toc.html"
TEMPLATES = {
    STAMP_TEMPLATE: "",
    TOC_TEMPLATE: '{% import "partials/language.html" as lang with context %}'
    '{% include "partials/toc.html" %}',
}
_MARK = "rexstamp{}x7f3a"
#: The theme adds the title as ``<h1>`` to a page whose content has none: the content marker
#: carries one when the page does (and the shape says which).
_MARKS = re.compile(_MARK.format("(title|content|toc|skip|canonical|edit)") + "(?:<h1)?")
_TOC_START = '<nav class="md-nav md-nav--secondary"'
#: How many pages of a shape the theme renders to check the shell against.
PROOFS = 2


class Stamps:
    """The shells of one build, by shape."""

    def __init__(self, env: Environment) -> None:
        self._env = env
        self._shells: dict[tuple[Any, ...], str | None] = {}
        self._proved: dict[tuple[Any, ...], int] = {}

    def output(self, page: MkPage, context: Any) -> str:
        """The page's whole HTML, stamped when its shape's shell is proven."""
        key = _shape(page)
        if key not in self._shells:
            self._shells[key] = self._shell(page, context)
            self._proved[key] = 0
        shell = self._shells[key]
        if shell is None:
            return self._theme(context)
        stamped = self._stamp(shell, page, context)
        if self._proved[key] < PROOFS:
            if stamped != self._theme(context):
                self._shells[key] = None
                return self._theme(context)
            self._proved[key] += 1
        return stamped

    def _theme(self, context: Any) -> str:
        return self._env.get_template("main.html").render(context)

    def _shell(self, page: MkPage, context: Any) -> str | None:
        """The theme's page with markers for what differs from one page to the next."""
        saved = (page.meta, page.content, page.toc, page.canonical_url, page.edit_url)
        tokens = [
            {"level": 2, "id": _MARK.format("skip"), "name": "rexstamptocname", "children": []}
        ]
        page.meta = {**page.meta, "title": _MARK.format("title")}
        page.content = _MARK.format("content") + ("<h1" if "<h1" in (page.content or "") else "")
        page.toc = get_toc(tokens if len(page.toc) else [])  # type: ignore[arg-type]
        page.canonical_url = _MARK.format("canonical") if page.canonical_url else None
        page.edit_url = _MARK.format("edit") if page.edit_url else None
        try:
            html = self._theme(context)
        finally:
            page.meta, page.content, page.toc, page.canonical_url, page.edit_url = saved
        start = html.find(_TOC_START)
        end = html.find("</nav>", start) + len("</nav>")
        if start < 0 or end < start or html.count(_MARK.format("content")) != 1:
            return None
        html = html[:start] + _MARK.format("toc") + html[end:]
        return None if "rexstamptocname" in html else html

    def _stamp(self, shell: str, page: MkPage, context: Any) -> str:
        first = next(iter(page.toc), None)
        values = {
            "title": str(page.meta.get("title", "")),
            "content": page.content or "",
            "toc": self._env.get_template(TOC_TEMPLATE).render(context).strip(),
            "skip": first.id if first is not None else "",
            "canonical": page.canonical_url or "",
            "edit": page.edit_url or "",
        }
        # One pass: a value holding a marker's text (a stranger's title) is never read again.
        return _MARKS.sub(lambda m: values[m[1]], shell)


def _shape(page: MkPage) -> tuple[Any, ...]:
    meta = tuple(sorted((k, repr(v)) for k, v in page.meta.items() if k != "title"))
    # Links are relative: the pages of one folder share them (another folder at the same
    # depth does not, the theme shortens the links to its own folder).
    folder = posixpath.dirname(page.url.rstrip("/"))
    return folder, meta, bool(len(page.toc)), "<h1" in (page.content or "")
