"""A generated page's HTML and table of contents, written without a Markdown pass.

rex's pages are raw HTML blocks (bodies already rendered and sanitized) between plain
``##`` headings that exist only so the theme lists them in the page's table of contents.
Running Python-Markdown over them (an HTML parser over every block, to give them back
unchanged) was a third of a large site's build. `finish` writes what Python-Markdown with
its ``toc`` extension writes for such a page — the tests compare both on whole sites — and
returns None for anything else (a page of another generator written in Markdown, a
configuration whose extensions would change a heading), which then takes the Markdown path.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

import yaml
from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from markdown.util import BLOCK_LEVEL_ELEMENTS

#: Extensions that leave raw HTML blocks and plain headings as they are.
SAFE_EXTENSIONS = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",
        "footnotes",
        "md_in_html",
        "sane_lists",
        "tables",
        "toc",
        "markdown.extensions.admonition",
        "markdown.extensions.attr_list",
        "markdown.extensions.def_list",
        "markdown.extensions.fenced_code",
        "markdown.extensions.footnotes",
        "markdown.extensions.md_in_html",
        "markdown.extensions.tables",
        "markdown.extensions.toc",
    }
)
#: ``toc`` options that change nothing for these pages (any other: the Markdown path).
_SAFE_TOC = {"permalink": (False, None), "title": None, "toc_depth": (6, "1-6", None)}
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*")
_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
#: Inline text Markdown gives back unchanged: a backslash escape, an entity, or plain text.
_INLINE = re.compile(
    r"\\([\\`*_{}\[\]()>#+\-.!])|(&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);)|([^\\`*_\[\]<>!&]+)"
)
#: The block tags Python-Markdown keeps as raw HTML.
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)


@dataclass(frozen=True)
class Finished:
    """A page ready for the theme: its front matter, HTML, and table of contents tokens
    (Python-Markdown's ``toc_tokens``, nested)."""

    meta: dict[str, Any]
    html: str
    toc: list[dict[str, Any]]


def fast_path(extensions: list[Any], configs: dict[str, dict[str, Any]]) -> bool:
    """Whether pages may skip Markdown under these ``markdown_extensions`` and options."""
    if not all(isinstance(e, str) and e in SAFE_EXTENSIONS for e in extensions):
        return False
    toc = configs.get("toc") or configs.get("markdown.extensions.toc") or {}
    for key, value in toc.items():
        allowed = _SAFE_TOC.get(key, ())
        if allowed is not None and value not in (allowed if isinstance(allowed, tuple) else ()):
            return False
    return True


def finish(markdown: str) -> Finished | None:
    """The page ``markdown`` (front matter, raw HTML blocks, plain headings) as HTML, or None
    when it holds anything else."""
    meta: dict[str, Any] = {}
    body = markdown
    written = _REX_FRONT_MATTER.match(markdown)
    if written is not None:
        meta, body = _rex_front_matter(written), markdown[written.end() :]
    elif markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 3)
        if end < 0:
            return None
        loaded = yaml.load(markdown[4:end], Loader=yaml.CSafeLoader)
        if not isinstance(loaded, dict):
            return None
        meta, body = loaded, markdown[end + 5 :]
    parts: list[str] = []
    headings: list[dict[str, Any]] = []
    used: set[str] = set()
    chunks = body.split("\n\n")
    i = 0
    while i < len(chunks):
        chunk = chunks[i].strip("\n")
        i += 1
        if not chunk.strip():
            continue
        heading = _HEADING.fullmatch(chunk)
        if heading is not None:
            text = _inline(heading[2])
            if text is None:
                return None
            level = len(heading[1])
            anchor = unique(slugify(html.unescape(text), "-"), used)
            headings.append(
                {
                    "level": level,
                    "id": anchor,
                    "name": text,
                    "html": text,
                    "data-toc-label": "",
                    "children": [],
                }
            )
            parts.append(f'<h{level} id="{anchor}">{text}</h{level}>')
            continue
        opening = _OPENING.match(chunk)
        if opening is None or opening[1].lower() not in _BLOCK_TAGS:
            return None
        tag = opening[1]
        # A raw block runs to the blank line after its tag is closed, blank lines inside
        # (a code block in a body) included, as Python-Markdown reads it.
        while not _closed(chunk, tag):
            if i == len(chunks):
                return None
            chunk += "\n\n" + chunks[i]
            i += 1
        parts.append(chunk.strip("\n"))
    return Finished(meta, "\n".join(parts), nest_toc_tokens(headings))


#: The front matter `rex.site.types.page_markdown` writes: read without a YAML parser (a
#: tenth of this step at 50,000 records). Its title is JSON, which YAML reads the same.
_REX_FRONT_MATTER = re.compile(
    r'---\ntitle: ("(?:[^"\\\n]|\\.)*")\n(?:hide:((?:\n  - [a-z]+)+)\n)?'
    r"search:\n  exclude: true\n---\n"
)


def _rex_front_matter(found: re.Match[str]) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": json.loads(found[1])}
    if found[2]:
        meta["hide"] = found[2].split("\n  - ")[1:]
    meta["search"] = {"exclude": True}
    return meta


def _closed(block: str, tag: str) -> bool:
    opened = len(re.findall(rf"<{tag}[\s>/]", block, re.I))
    return len(re.findall(rf"</{tag}\s*>", block, re.I)) >= opened


def _inline(text: str) -> str | None:
    """``text`` as Python-Markdown writes a heading's plain text, or None if it holds markup."""
    out: list[str] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() != pos:
            return None
        pos = match.end()
        if match[1] is not None:
            out.append({"<": "&lt;", ">": "&gt;"}.get(match[1], match[1]))
        else:
            out.append(match[0])
    return "".join(out) if pos == len(text) else None
