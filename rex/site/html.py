"""HTML helpers for the generated pages: relative links, badges, lists and tables.

Each helper renders a template (`rex.site.render`) and returns a `Markup` fragment; the text
it is given (front matter values) is escaped by the template. Pages hold raw HTML blocks
(never Markdown built from user text), so a title such as ``[x](javascript:...)`` or
``<img onerror=...>`` comes out as inert text.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from markupsafe import Markup

from ..models import Measure, Outcome, Status
from ..present import (
    DIRECTION_LABELS,
    KIND_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    french_date,
    number,
    signed_percent,
)

# Re-exported: the site modules import them from here; validation uses rex.slug directly.
from ..slug import fold as fold
from ..slug import slugify as slugify
from .render import block, escape, macro, render


def esc(value: object) -> Markup:
    """``value`` as HTML text, quotes included (safe in element content and attributes)."""
    return escape(value)


def percent_change(measure: Measure) -> float | None:
    """The measure's change in percent of the value before (None if that is 0)."""
    change = measure.relative_change
    return None if change is None else change * 100


class Linker:
    """Relative URLs between generated pages, so the site works from any sub-path.

    Page paths are Markdown source paths (``practices/x.md``); with directory URLs
    (mkdocs' default) ``practices/x.md`` is served at ``practices/x/``.
    """

    def __init__(self, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls

    def url(self, src: str) -> str:
        """The site-relative URL of the page written from ``src``."""
        stem = src.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/"

    def href(self, from_src: str, to_src: str) -> str:
        """A relative link from the page ``from_src`` to the page (or file) ``to_src``."""
        # A listing writes each row's links twice (its page and the rows file), and relpath
        # is most of what links cost.
        return _href(self.directory_urls, from_src, to_src)


@lru_cache(maxsize=1 << 16)
def _href(directory_urls: bool, from_src: str, to_src: str) -> str:
    linker = Linker(directory_urls)
    here = linker.url(from_src)
    target = linker.url(to_src) if to_src.endswith(".md") else to_src
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    rel = _relpath(target.rstrip("/"), base)
    if target.endswith("/") or not target:
        return "./" if rel == "." else rel + "/"
    return rel


def _relpath(target: str, base: str) -> str:
    """``posixpath.relpath(target or ".", base or ".")`` for clean relative paths, without
    its two ``abspath`` calls (most of a large site's link cost)."""
    to, start = target.split("/") if target else [], base.split("/") if base else []
    if any(part in ("", ".", "..") for part in (*to, *start)):
        return posixpath.relpath(target or ".", base or ".")
    same = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        same += 1
    return "/".join([".."] * (len(start) - same) + to[same:]) or "."


@dataclass(frozen=True)
class Link:
    """A link to the page ``to`` (a source path), written relative to the page it lands on."""

    to: str
    text: str
    cls: str | None = None


def link(linker: Linker, here: str, to: str, text: str, cls: str | None = None) -> Markup:
    """An ``<a>`` with escaped ``text`` pointing from page ``here`` to page ``to``."""
    return macro("macros.html", "link")(linker.href(here, to), text, cls)


def links(linker: Linker, here: str, items: Iterable[Link], empty: str = "—") -> Markup:
    """Links from page ``here`` separated by commas, or ``empty``."""
    return macro("macros.html", "links")(list(items), partial(linker.href, here), empty)


def badge(text: str, tone: str) -> Markup:
    """A small coloured label (tone: good, bad, mixed, neutral)."""
    return macro("macros.html", "badge")(text, tone)


def outcome_badge(outcome: Outcome) -> Markup:
    """The outcome of a REX as a coloured label."""
    tone = {Outcome.SUCCESS: "good", Outcome.PARTIAL: "mixed", Outcome.FAILURE: "bad"}[outcome]
    return badge(OUTCOME_LABELS[outcome], tone)


def status_badge(status: Status) -> Markup:
    """The status of a practice or REX as a label."""
    tone = "good" if status is Status.VALIDATED else "neutral"
    return badge(STATUS_LABELS[status], tone)


def items(values: Iterable[str], cls: str) -> Markup:
    """A ``<ul>`` of class ``cls`` with one item per value (text, or a `Markup` fragment)."""
    return macro("macros.html", "items")(list(values), cls)


def paragraph(text: str, cls: str | None = None) -> Markup:
    """A ``<p>`` of text (or of a `Markup` fragment)."""
    return macro("macros.html", "paragraph")(text, cls)


def infobox(rows: Sequence[tuple[str, str]], label: str = "Informations") -> Markup:
    """An information box: (label, value) pairs, values text or `Markup`; empty ones left out."""
    return render("partials/infobox.html", rows=rows, label=label)


def table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    compact: bool = False,
) -> Markup:
    """A data table; cells are text or `Markup`; the first cell of a row is its head."""
    return render(
        "partials/table.html", caption=caption, headers=headers, rows=rows, compact=compact
    )


# The words and number formats come from `rex.present`; they are re-exported here so the
# site's modules keep importing every helper from one place.
__all__ = [
    "DIRECTION_LABELS",
    "KIND_LABELS",
    "OUTCOME_LABELS",
    "STATUS_LABELS",
    "Link",
    "Linker",
    "Markup",
    "badge",
    "block",
    "esc",
    "fold",
    "french_date",
    "infobox",
    "items",
    "link",
    "links",
    "number",
    "outcome_badge",
    "paragraph",
    "percent_change",
    "signed_percent",
    "slugify",
    "status_badge",
    "table",
]
