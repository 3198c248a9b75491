"""The "Tableau de bord" page: the sections of `rex report`, as HTML with SVG charts.

The figures and words come from `rex.report.report_sections` on the corpus the site is built
from, so a ``--public`` site's dashboard only counts public records, and the page says what
``rex report --format markdown`` says. What is the site's own: links to record pages, status
badges, bar charts, and caps on the lists that grow with the corpus (`LIST_CAP` rows,
`CHART_CAP` bars, `EFFECTS_CAP` lines a cell) with a "… et N autres" line, so the page's size
does not grow with the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from ..models import Outcome, Status
from ..present import OUTCOME_LABELS, count
from ..report import RecordRef, health_report
from ..report.sections import (
    Bars,
    Block,
    Cell,
    Document,
    Items,
    Lines,
    Paragraph,
    Part,
    Piece,
    Table,
    report_sections,
)
from .charts import NEUTRAL, Bar, Series, bar_chart
from .html import block, esc, link, status_badge, table
from .routes import DASHBOARD as SRC
from .routes import record_src
from .types import Page, SearchEntry, SiteContext, page_markdown

TITLE = "Tableau de bord"
NAV_ORDER = 5  # right after the home page (0), before the indexes (10 and up)
LIST_CAP = 50
CHART_CAP = 25
EFFECTS_CAP = 5
# The series of the stacked bars are outcomes; a chart of one series is neutral.
COLOURS = {
    OUTCOME_LABELS[Outcome.SUCCESS]: "#1b7a3e",
    OUTCOME_LABELS[Outcome.PARTIAL]: "#a35a00",
    OUTCOME_LABELS[Outcome.FAILURE]: "#b3261e",
}


def dashboard_page(ctx: SiteContext, today: dt.date | None = None) -> Iterator[Page]:
    """The "Tableau de bord" page as of ``today`` (default: the day of the build)."""
    doc = report_sections(health_report(ctx.corpus, today))
    html = _Html(ctx)
    blocks = [html.heading(doc)]
    for section in doc.sections:
        # Sections stay Markdown headings so that the theme lists them in the page's contents.
        blocks += [f"## {section.title}", html.blocks(section.blocks)]
    yield Page(
        SRC,
        TITLE,
        page_markdown(TITLE, *blocks),
        SearchEntry(
            TITLE,
            "Volumes, points d'attention, résultats des indicateurs et niveau de preuve "
            "des bonnes pratiques.",
        ),
        TITLE,
        NAV_ORDER,
    )


class _Html:
    """HTML for the report's blocks; every text goes through `esc`, every record through
    `link`."""

    def __init__(self, ctx: SiteContext) -> None:
        self.ctx = ctx

    def heading(self, doc: Document) -> str:
        """The title and the introduction (the date, the validation counts)."""
        return block(f"<h1>{esc(doc.title)}</h1>", *(f"<p>{esc(p.text)}</p>" for p in doc.intro))

    def blocks(self, blocks: Iterable[Block | Part]) -> str:
        """Blocks and parts as one raw HTML block."""
        parts: list[str] = []
        for b in blocks:
            if isinstance(b, Part):
                parts.append(f"<h3>{esc(b.title)}</h3>")
                parts += (self.block(inner) for inner in b.blocks)
            else:
                parts.append(self.block(b))
        return block(*parts)

    def block(self, b: Block) -> str:
        """One block: a paragraph, a table, a list or a chart in a figure."""
        if isinstance(b, Paragraph):
            return f"<p>{esc(b.text)}</p>"
        if isinstance(b, Items):
            if not b.items:
                return f"<p>{esc(b.empty)}</p>"
            lis = "".join(f"<li>{self.cell(item)}</li>" for item in b.items[:LIST_CAP])
            return block(f'<ul class="rex-list">{lis}</ul>', _rest(len(b.items), LIST_CAP))
        if isinstance(b, Table):
            cap = LIST_CAP if b.grows else len(b.rows)
            rows = [[self.cell(c) for c in row] for row in b.rows[:cap]]
            attrs = " data-rex-compact" if b.compact else ""
            return block(table(b.caption, b.headers, rows, attrs), _rest(len(b.rows), cap))
        return self.chart(b)

    def chart(self, b: Bars) -> str:
        """A bar chart, capped to `CHART_CAP` bars when it grows with the corpus."""
        shown = b.bars[:CHART_CAP] if b.grows else b.bars
        of = f" ({len(shown)} sur {len(b.bars)})" if len(shown) < len(b.bars) else ""
        svg = bar_chart(
            b.id,
            b.title + of,
            b.desc,
            [Bar(bar.label, bar.values, bar.text) for bar in shown],
            [Series(label, COLOURS.get(label, NEUTRAL)) for label in b.series],
            b.maximum,
        )
        note = f"<figcaption>{esc(b.caption)}</figcaption>" if b.caption else ""
        return f'<figure class="rex-figure rex-figure--bars">{svg}{note}</figure>'

    def cell(self, cell: Cell) -> str:
        """One cell's HTML: its pieces joined by a space."""
        pieces = cell if isinstance(cell, tuple) else (cell,)
        return " ".join(self.piece(p) for p in pieces)

    def piece(self, piece: Piece) -> str:
        """A record as a link, a status as a badge, lines as a list or line breaks."""
        if isinstance(piece, RecordRef):
            return link(self.ctx.linker, SRC, record_src(piece.kind, piece.id), piece.title)
        if isinstance(piece, Status):
            return status_badge(piece)
        if isinstance(piece, Lines):
            if not piece.bullets:
                return "<br>".join(esc(line) for line in piece.items)
            lis = [f"<li>{esc(line)}</li>" for line in piece.items[:EFFECTS_CAP]]
            more = len(piece.items) - EFFECTS_CAP
            if more > 0:
                lis.append(f"<li>… et {esc(count(more, 'autre'))}</li>")
            return f'<ul class="rex-measures">{"".join(lis)}</ul>'
        return esc(piece)


def _rest(total: int, cap: int) -> str:
    return (
        f'<p class="rex-more">… et {esc(count(total - cap, "autre"))}.</p>' if total > cap else ""
    )


__all__ = ["SRC", "dashboard_page"]
