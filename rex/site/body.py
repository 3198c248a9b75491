"""A record's body on its page: rendered Markdown, sanitized, with its headings kept.

The HTML goes in raw blocks mkdocs does not read again; the top-level headings stay Markdown
so mkdocs gives them page-wide unique ids and lists them in the page's table of contents.
"""

from __future__ import annotations

import html
import posixpath
import re

from ..models import Record
from ..sanitize import render_body
from .html import esc
from .routes import record_src
from .types import SiteContext


def body_markdown(ctx: SiteContext, record: Record) -> str:
    """The body as sanitized HTML blocks, its top-level headings as Markdown headings.

    The HTML goes in raw blocks mkdocs does not read again; the headings stay Markdown so
    mkdocs gives them page-wide unique ids and lists them in the page's table of contents.
    """
    text = _relink(ctx, record, render_body(record.body, ctx.markdown, ctx.allowed_hosts))
    parts: list[str] = []
    done = 0
    for level, start, end in _top_headings(text):
        inner = text[text.index(">", start) + 1 : text.rindex("<", start, end)]
        words = " ".join(html.unescape(re.sub(r"<[^>]*>", "", inner)).split())
        if not words:
            continue
        parts.extend([_raw(text[done:start]), "#" * level + " " + _md_text(words)])
        done = end
    parts.append(_raw(text[done:]))
    return "\n\n".join(p for p in parts if p)


_HREF_RE = re.compile(r'href="([^":#?]+\.md)(#[^"]*)?"')


def _relink(ctx: SiteContext, record: Record, text: str) -> str:
    """Point links to other record files (``../rex/x.md``) at their pages.

    Authors link files as they see them in the corpus; the pages live elsewhere. A link to a
    file that is not a published record is left as written.
    """
    here = record_src(record.kind, record.id)
    folder = posixpath.dirname(record.relpath)

    def page(match: re.Match[str]) -> str:
        target = ctx.by_relpath.get(posixpath.normpath(posixpath.join(folder, match[1])))
        if target is None:
            return match[0]
        href = ctx.linker.href(here, record_src(target.kind, target.id))
        return f'href="{esc(href)}{match[2] or ""}"'

    return _HREF_RE.sub(page, text)


def _raw(fragment: str) -> str:
    # One <div> is one raw block for Markdown, blank lines inside (code) included.
    return f'<div class="rex-body">\n{fragment.strip()}\n</div>' if fragment.strip() else ""


_MD_ESCAPE_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def _md_text(text: str) -> str:
    # Heading text is plain text again: escape what Markdown or HTML would read as markup
    # (Markdown first: escaping the ``#`` of an HTML entity would show the entity as text).
    return esc(_MD_ESCAPE_RE.sub(r"\\\1", text))


#: A start or end tag of sanitized HTML (attribute values quoted, ``<`` escaped in text).
_TAG_RE = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_HEADING_TAG_RE = re.compile(r"h[1-6]")
#: Elements without an end tag.
_VOID = frozenset({"br", "hr", "img"})


def _top_headings(text: str) -> list[tuple[int, int, int]]:
    """``(level, start, end)`` of each heading outside any other element of sanitized (well
    formed) HTML, by counting tags: an HTML parser took a tenth of a large site's pages."""
    found: list[tuple[int, int, int]] = []
    depth = 0
    heading: tuple[str, int] | None = None
    for tag in _TAG_RE.finditer(text):
        name = tag[2].lower()
        if tag[1]:
            depth -= 1
            if depth == 0 and heading is not None and heading[0] == name:
                found.append((int(name[1]), heading[1], tag.end()))
                heading = None
        elif name not in _VOID:
            if depth == 0 and _HEADING_TAG_RE.fullmatch(name):
                heading = (name, tag.start())
            depth += 1
    return found
