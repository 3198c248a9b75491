"""Small HTML helpers for the generated pages: escaping, relative links, French wording.

Every value that comes from front matter goes through `esc` before it reaches a page. Pages
hold raw HTML blocks (never Markdown built from user text), so a title such as
``[x](javascript:...)`` or ``<img onerror=...>`` comes out as inert text.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from collections.abc import Iterable, Sequence

from ..models import Direction, Kind, Measure, Outcome, Status

# Re-exported: the site modules import them from here; validation uses rex.slug directly.
from ..slug import fold as fold
from ..slug import slugify as slugify

KIND_LABELS: dict[Kind, tuple[str, str]] = {
    Kind.PRACTICE: ("Bonne pratique", "Bonnes pratiques"),
    Kind.REX: ("Retour d'expérience", "Retours d'expérience"),
    Kind.INDICATOR: ("Indicateur", "Indicateurs"),
    Kind.SERVICE: ("Service", "Services"),
}
STATUS_LABELS = {
    Status.DRAFT: "brouillon",
    Status.PROPOSED: "proposée",
    Status.VALIDATED: "validée",
    Status.RETIRED: "retirée",
}
OUTCOME_LABELS = {
    Outcome.SUCCESS: "réussite",
    Outcome.PARTIAL: "réussite partielle",
    Outcome.FAILURE: "échec",
}
DIRECTION_LABELS = {
    Direction.INCREASE: "à la hausse (plus c'est haut, mieux c'est)",
    Direction.DECREASE: "à la baisse (plus c'est bas, mieux c'est)",
}
_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def esc(value: object) -> str:
    """``value`` as HTML text, quotes included (safe in element content and attributes)."""
    return html.escape(str(value), quote=True)


def french_date(value: dt.date | None) -> str:
    """``7 juillet 2023``, or an empty string."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MONTHS[value.month - 1]} {value.year}"


def number(value: float, decimals: int = 2) -> str:
    """A number the French way: ``12,5``, ``1 250`` (no trailing zeros)."""
    text = f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text.replace("-", "−")


def percent_change(measure: Measure) -> float | None:
    """The measure's change in percent of the value before (None if that is 0)."""
    change = measure.relative_change
    return None if change is None else change * 100


def signed_percent(value: float | None) -> str:
    """``+12,5 %`` / ``−3 %`` / ``n.d.`` (not defined)."""
    if value is None:
        return "n.d."
    sign = "+" if value > 0 else ""
    return f"{sign}{number(value, 1)}\u00a0%"


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


def record_src(kind: Kind | str, record_id: str) -> str:
    """The Markdown source path of a record's page: ``practices/<id>.md``."""
    return f"{Kind(kind).value}/{record_id}.md"


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
