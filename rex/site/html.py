"""Small HTML helpers for the generated pages: escaping, relative links, badges and tables.

Every value that comes from front matter goes through `esc` before it reaches a page. Pages
hold raw HTML blocks (never Markdown built from user text), so a title such as
``[x](javascript:...)`` or ``<img onerror=...>`` comes out as inert text.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable, Sequence

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


def esc(value: object) -> str:
    """``value`` as HTML text, quotes included (safe in element content and attributes)."""
    return html.escape(str(value), quote=True)


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
        here = self.url(from_src)
        target = self.url(to_src) if to_src.endswith(".md") else to_src
        base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
        rel = posixpath.relpath(target.rstrip("/") or ".", base or ".")
        if target.endswith("/") or not target:
            return "./" if rel == "." else rel + "/"
        return rel


def link(linker: Linker, here: str, to: str, text: str, cls: str | None = None) -> str:
    """An ``<a>`` with escaped ``text`` pointing from page ``here`` to page ``to``."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(linker.href(here, to))}"{attr}>{esc(text)}</a>'


def badge(text: str, tone: str) -> str:
    """A small coloured label (tone: good, bad, mixed, neutral)."""
    return f'<span class="rex-badge rex-badge--{esc(tone)}">{esc(text)}</span>'


def outcome_badge(outcome: Outcome) -> str:
    """The outcome of a REX as a coloured label."""
    tone = {Outcome.SUCCESS: "good", Outcome.PARTIAL: "mixed", Outcome.FAILURE: "bad"}[outcome]
    return badge(OUTCOME_LABELS[outcome], tone)


def status_badge(status: Status) -> str:
    """The status of a practice or REX as a label."""
    tone = "good" if status is Status.VALIDATED else "neutral"
    return badge(STATUS_LABELS[status], tone)


def join(items: Iterable[str], empty: str = "—") -> str:
    """Comma-separated HTML fragments, or ``empty``."""
    parts = list(items)
    return ", ".join(parts) if parts else esc(empty)


def infobox(rows: Sequence[tuple[str, str]], label: str = "Informations") -> str:
    """An information box: a description list of (label, HTML value) pairs."""
    items = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows if v)
    return f'<aside class="rex-info" aria-label="{esc(label)}"><dl>{items}</dl></aside>'


def table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    attrs: str = "",
) -> str:
    """An HTML table; ``rows`` hold HTML cells (already escaped); the first cell is a row head."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{c}</th>' if i == 0 else f"<td>{c}</td>" for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f"<table{attrs}><caption>{esc(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def block(*parts: str) -> str:
    """HTML fragments as one raw block for Markdown (no blank line inside, so it stays raw)."""
    return "\n".join(p.replace("\n\n", "\n") for p in parts if p)


# The words and number formats come from `rex.present`; they are re-exported here so the
# site's modules keep importing every helper from one place.
__all__ = [
    "DIRECTION_LABELS",
    "KIND_LABELS",
    "OUTCOME_LABELS",
    "STATUS_LABELS",
    "Linker",
    "badge",
    "block",
    "esc",
    "fold",
    "french_date",
    "infobox",
    "join",
    "link",
    "number",
    "outcome_badge",
    "percent_change",
    "signed_percent",
    "slugify",
    "status_badge",
    "table",
]
