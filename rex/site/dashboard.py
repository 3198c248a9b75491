"""The "Tableau de bord" page: the sections of `rex report`, as HTML with SVG charts.

The figures and words come from `rex.report.report_sections` on the corpus the site is built
from, so a ``--public`` site's dashboard only counts public records, and the page says what
``rex report --format markdown`` says. What is the site's own: links to record pages, status
badges, bar charts, and caps on the lists that grow with the corpus (`LIST_CAP` rows,
`CHART_CAP` bars, `EFFECTS_CAP` lines a cell) with a "… et N autres" line, so the page's size
does not grow with the corpus.

The report's words follow the language spoken (`rex.i18n`); the site is French, so the page is
built in French (`LANGUAGE`) whoever calls it, and says what ``rex --lang fr report --format
markdown`` says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from markupsafe import Markup

from ..i18n import _, use_language
from ..models import Outcome, Status
from ..present import OUTCOME_LABELS, count
from ..report import HealthReport, RecordRef, health_report
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
from .cycle import cycle_view
from .html import items, link, paragraph, status_badge, table
from .render import block, escape, macro, render
from .routes import DASHBOARD as SRC
from .routes import record_src
from .types import Page, SearchEntry, SiteContext, page_markdown

#: The site's language: its pages, the dashboard included, are in French.
LANGUAGE = "fr"
TITLE = "Tableau de bord"
NAV_ORDER = 5  # right after the home page (0), before the indexes (10 and up)
LIST_CAP = 50
CHART_CAP = 25
EFFECTS_CAP = 5
#: Records in one cell (the REX behind a practice): the rest are on the practice's page.
CELL_RECORDS = 5
#: Parts of a section (the gap analysis has one per missed target): the rest are on the
#: service pages.
PARTS_CAP = 5
# The series of the stacked bars are outcomes; a chart of one series is neutral.
COLOURS = {
    Outcome.SUCCESS: "#1b7a3e",
    Outcome.PARTIAL: "#a35a00",
    Outcome.FAILURE: "#b3261e",
}


def dashboard_page(ctx: SiteContext, today: dt.date | None = None) -> Iterator[Page]:
    """The "Tableau de bord" page as of ``today`` (default: the day of the build)."""
    # The build's report is shared with the pages of services and indicators.
    report = cycle_view(ctx).report if today is None else health_report(ctx.corpus, today)
    # Built whole before the yield: a generator paused inside `use_language` would leave the
    # caller speaking French.
    with use_language(LANGUAGE):
        doc = report_sections(_light(report))
        html = _Html(ctx)
        blocks: list[str] = [html.heading(doc)]
        for section in doc.sections:
            # Sections stay Markdown headings so that the theme lists them in the page's
            # contents.
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
    """HTML for the report's blocks, from templates: every text is escaped, every record is a
    link."""

    def __init__(self, ctx: SiteContext) -> None:
        self.ctx = ctx
        #: The outcomes' colours by their label in the page's language (the charts' series).
        self.colours = {OUTCOME_LABELS.local(o): colour for o, colour in COLOURS.items()}

    def heading(self, doc: Document) -> Markup:
        """The title and the introduction (the date, the validation counts)."""
        return render(
            "partials/title.html", title=doc.title, paragraphs=[p.text for p in doc.intro]
        )

    def blocks(self, blocks: Iterable[Block | Part]) -> Markup:
        """Blocks and parts as one raw HTML block."""
        parts: list[Markup] = []
        blocks = list(blocks)
        shown, total = 0, sum(1 for b in blocks if isinstance(b, Part))
        for b in blocks:
            if isinstance(b, Part):
                shown += 1
                if shown > PARTS_CAP:
                    parts.append(_macro("more_parts")(count(total - PARTS_CAP, "autre")))
                    break
                parts.append(_macro("part")(b.title))
                parts += (self.block(inner) for inner in b.blocks)
            else:
                parts.append(self.block(b))
        return block(*parts)

    def block(self, b: Block) -> Markup:
        """One block: a paragraph, a table, a list or a chart in a figure."""
        if isinstance(b, Paragraph):
            return paragraph(b.text)
        if isinstance(b, Items):
            if not b.items:
                return paragraph(_(b.empty))
            found = items((self.cell(item) for item in b.items[:LIST_CAP]), "rex-list")
            return block(found, _rest(len(b.items), LIST_CAP))
        if isinstance(b, Table):
            cap = LIST_CAP if b.grows else len(b.rows)
            rows = [[self.cell(c) for c in row] for row in b.rows[:cap]]
            found = table(b.caption, b.headers, rows, compact=b.compact)
            return block(found, _rest(len(b.rows), cap))
        return self.chart(b)

    def chart(self, b: Bars) -> Markup:
        """A bar chart, capped to `CHART_CAP` bars when it grows with the corpus."""
        shown = b.bars[:CHART_CAP] if b.grows else b.bars
        of = f" ({len(shown)} sur {len(b.bars)})" if len(shown) < len(b.bars) else ""
        svg = bar_chart(
            b.id,
            b.title + of,
            b.desc,
            [Bar(bar.label, bar.values, bar.text) for bar in shown],
            [Series(label, self.colours.get(label, NEUTRAL)) for label in b.series],
            b.maximum,
        )
        return _macro("figure")(svg, b.caption)

    def cell(self, cell: Cell) -> Markup:
        """One cell's HTML: its pieces separated by a space."""
        pieces = cell if isinstance(cell, tuple) else (cell,)
        records = [i for i, p in enumerate(pieces) if isinstance(p, RecordRef)]
        if len(records) > CELL_RECORDS:
            left = count(len(records) - CELL_RECORDS, "autre")
            pieces = (*pieces[: records[CELL_RECORDS]], f"… et {left}")
        return Markup(" ").join(self.piece(p) for p in pieces)

    def piece(self, piece: Piece) -> Markup:
        """A record as a link, a status as a badge, lines as a list or line breaks."""
        if isinstance(piece, RecordRef):
            return link(self.ctx.linker, SRC, record_src(piece.kind, piece.id), piece.title)
        if isinstance(piece, Status):
            return status_badge(piece)
        if isinstance(piece, Lines):
            shown = piece.items[:EFFECTS_CAP] if piece.bullets else piece.items
            more = len(piece.items) - len(shown)
            return _macro("lines")(shown, piece.bullets, count(more, "autre") if more else "")
        return escape(piece)


def _light(report: HealthReport) -> HealthReport:
    """``report`` with what the page leaves out emptied: the actions and practices of the
    missed targets beyond the first `PARTS_CAP` (the report's own order, largest gap first),
    whose parts are never shown but would cost most of the page's time to lay out."""
    series = report.results.series
    off = sorted((s for s in series if s.off_target), key=lambda s: -abs(s.gap_percent or 0.0))
    if len(off) <= PARTS_CAP:
        return report
    hidden = {id(s) for s in off[PARTS_CAP:]}
    light = [replace(s, actions=[], practices=[]) if id(s) in hidden else s for s in series]
    return replace(report, results=replace(report.results, series=light))


def _macro(name: str) -> Callable[..., Markup]:
    return macro("dashboard.html", name)


def _rest(total: int, cap: int) -> Markup:
    return _macro("rest")(count(total - cap, "autre")) if total > cap else Markup()


__all__ = ["SRC", "dashboard_page"]
