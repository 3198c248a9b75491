"""What the health report shows, in order, in words: one definition for every rendering.

`report_sections(report)` turns a `HealthReport` into a `Document` of sections, tables, lists
and charts whose text is final (in the language spoken now, `rex.i18n`: the words are English
messages translated as the document is built, the formats come from `rex.report.words`) but
not yet marked up. The text
and Markdown renderings (`rex.report.text`, `rex.report.markdown`) and the site's dashboard
(`rex.site.dashboard`) each walk the same document, so they show the same sections with the
same words; only the markup, links, charts and caps differ.
"""

from __future__ import annotations

from ..i18n import N_, _, ngettext
from ..models import Direction, Kind, Outcome, Status
from ..present import (
    DIRECTION_SHORT,
    NONE,
    OUTCOME_LABELS,
    OUTCOME_PLURALS,
    STATUS_LABELS,
)
from .blocks import (
    NO_GAP,
    Bar,
    Bars,
    Block,
    Cell,
    Document,
    Items,
    Lines,
    Paragraph,
    Part,
    Piece,
    Section,
    Table,
)
from .cycle_sections import cycle_sections
from .health import HealthReport, IndicatorStats, PracticeStats
from .words import (
    date,
    days,
    kind_plural,
    number,
    outcome_count,
    percent,
    share,
    signed_number,
    stale_note,
)

# Marked for the catalogue, translated where they are used: the language is chosen per run.
TITLE = N_("Dashboard")
CONTEXT = N_("Context of the experience reports")
KINDS = (Kind.PRACTICE, Kind.REX, Kind.INDICATOR, Kind.SERVICE)
DATA_NOTE = N_("The values are in the table that follows.")


def report_sections(report: HealthReport, *, validation: bool = True) -> Document:
    """What ``report`` shows, in order; ``validation=False`` leaves out the validation counts."""
    first = (_volumes(report), _gaps(report), _indicators(report), _practices(report))
    return Document(
        _(TITLE), _intro(report, validation), (*first, _context(report), *cycle_sections(report))
    )


def _intro(report: HealthReport, validation: bool) -> tuple[Paragraph, ...]:
    v = report.validation
    total = sum(report.counts.kinds.values())
    records = ngettext("{n} record", "{n} records", total).format(n=number(total))
    if validation:
        errors = ngettext("{n} error", "{n} errors", v["errors"]).format(n=number(v["errors"]))
        warnings = ngettext("{n} warning", "{n} warnings", v["warnings"]).format(
            n=number(v["warnings"])
        )
        state = _("State on {date}: {records}; {errors} and {warnings} at validation.").format(
            date=date(report.today), records=records, errors=errors, warnings=warnings
        )
    else:
        state = _("State on {date}: {records}.").format(date=date(report.today), records=records)
    return (
        Paragraph(state),
        Paragraph(
            _(
                "Where capitalisation is solid and where it is lacking: volumes, points of "
                "attention, results measured by indicator and level of evidence of the "
                "practices. Retired records are counted but serve neither as evidence nor as "
                "points of attention."
            )
        ),
    )


def _volumes(report: HealthReport) -> Section:
    c = report.counts
    kinds = (Kind.PRACTICE, Kind.REX)
    blocks: list[Block | Part] = [
        Table(
            _("Records by kind"),
            (_("Kind of record"), _("Count")),
            tuple((kind_plural(k), number(c.kinds[k.value])) for k in KINDS),
        ),
        Part(
            _("By status"),
            (
                Table(
                    _("Records by status"),
                    (_("Kind of record"), *(STATUS_LABELS.local(s) for s in Status)),
                    tuple(
                        (kind_plural(k), *(number(c.status[k.value][s.value]) for s in Status))
                        for k in kinds
                    ),
                ),
            ),
        ),
        Part(
            _("By outcome"),
            (
                Table(
                    _("Experience reports by outcome"),
                    (_("Outcome"), _("Count")),
                    tuple((OUTCOME_LABELS.local(o), number(c.outcome[o.value])) for o in Outcome),
                ),
            ),
        ),
    ]
    practices, rexes = c.years[Kind.PRACTICE.value], c.years[Kind.REX.value]
    years = sorted(set(practices) | set(rexes))
    if years:
        n = sum(rexes.values())
        dated = ngettext("{n} dated experience report", "{n} dated experience reports", n)
        chart = Bars(
            "rex-par-annee",
            _("Experience reports by year"),
            _("{dated} from {first} to {last}.").format(
                dated=dated.format(n=number(n)), first=years[0], last=years[-1]
            )
            + " "
            + _(DATA_NOTE),
            tuple(Bar(str(y), (float(rexes.get(y, 0)),), number(rexes.get(y, 0))) for y in years),
        )
        table = Table(
            _("Records by year"),
            (_("Year"), _("Practices created"), _("Experience reports")),
            tuple((str(y), number(practices.get(y, 0)), number(rexes.get(y, 0))) for y in years),
        )
        blocks.append(Part(_("By year"), (chart, table)))
    if c.services:
        # The most documented services first, so a cap drops the least useful rows.
        ranked = sorted(c.services, key=lambda s: (-s.practices, -s.rex, s.record.title))
        table = Table(
            _("Records by service"),
            (_("Service"), _("Indicators"), _("Practices"), _("Experience reports")),
            tuple(
                (s.record, number(s.indicators), number(s.practices), number(s.rex)) for s in ranked
            ),
            grows=True,
        )
        blocks.append(Part(_("By service"), (table,)))
    return Section(_("Volumes"), tuple(blocks))


def _gaps(report: HealthReport) -> Section:
    g = report.gaps
    lists: list[tuple[str, tuple[Cell, ...]]] = [
        (_("Practices without experience report"), tuple(g.practices_without_rex)),
        (_("Indicators no practice targets"), tuple(g.untargeted_indicators)),
        (_("Services without practice"), tuple(g.services_without_practice)),
        (
            _("Overdue reviews"),
            tuple(
                (
                    o.record,
                    _("(review by {date}, {days} late)").format(
                        date=date(o.review_by), days=days(o.days_overdue)
                    ),
                )
                for o in g.overdue_reviews
            ),
        ),
        (
            _("Drafts not changed for over 12 months"),
            tuple(
                (
                    s.record,
                    stale_note(s.record.kind, date(s.last_change)),
                )
                for s in g.stale_drafts
            ),
        ),
    ]
    return Section(
        _("Points of attention"),
        tuple(Part(f"{title} ({len(items)})", (Items(items),)) for title, items in lists),
    )


def _indicators(report: HealthReport) -> Section:
    title = _("Indicators")
    if not report.indicators:
        return Section(title, (Paragraph(_("No indicator.")),))
    # The most measured first: a cap keeps the indicators the figures say most about.
    ranked = sorted(report.indicators, key=lambda i: (-i.measures, i.record.title))
    measured = [i for i in ranked if i.measures]
    blocks: list[Block | Part] = []
    if measured:
        blocks.append(
            Bars(
                "indicateurs-ameliores",
                _("Share of measures improving, by indicator"),
                _(
                    "{measured}; share of the before → after measures that go the right way, "
                    "by the direction of each indicator."
                ).format(
                    measured=ngettext(
                        "{n} measured indicator", "{n} measured indicators", len(measured)
                    ).format(n=number(len(measured)))
                )
                + " "
                + _(DATA_NOTE),
                tuple(
                    Bar(
                        i.record.title,
                        ((i.improved_share or 0.0) * 100,),
                        _("{share} ({improved} of {measures})").format(
                            share=share(i.improved_share), improved=i.improved, measures=i.measures
                        ),
                    )
                    for i in measured
                ),
                maximum=100,
                caption=_("Bar length: share of measures improving (from 0 to {hundred}).").format(
                    hundred=percent(100, 0)
                ),
                grows=True,
            )
        )
    blocks.append(
        Table(
            _("Experience report results by indicator"),
            (
                _("Indicator"),
                _("Direction"),
                _("Practices"),
                _("Measures"),
                _("Improving"),
                _("Median change"),
            ),
            tuple(_indicator_row(i) for i in ranked),
            grows=True,
        )
    )
    return Section(title, tuple(blocks))


def _change(value: float | None, unit: str) -> str:
    return NONE if value is None else f"{signed_number(value)} {unit}"


def _indicator_row(i: IndicatorStats) -> tuple[Cell, ...]:
    return (
        i.record,
        DIRECTION_SHORT.local(Direction(i.direction)),
        number(i.practices),
        number(i.measures),
        f"{number(i.improved)} ({share(i.improved_share)})" if i.measures else NONE,
        _change(i.median_change, i.unit) if i.measures else NONE,
    )


def _practices(report: HealthReport) -> Section:
    title = _("Level of evidence of the practices")
    if not report.practices:
        return Section(title, (Paragraph(_("No practice.")),))
    ranked = sorted(report.practices, key=lambda p: (-p.rex, p.record.title))
    documented = [p for p in ranked if p.rex]
    units = {i.record.id: i.unit for i in report.indicators}
    blocks: list[Block | Part] = []
    if documented:
        success, partial, failure = (OUTCOME_PLURALS.local(o) for o in Outcome)
        n = len(documented)
        blocks.append(
            Bars(
                "pratiques-resultats",
                _("Experience reports by outcome, by practice"),
                _(
                    "{documented} by at least one experience report; each bar is split into "
                    "{success}, {partial} and {failure}."
                ).format(
                    documented=ngettext(
                        "{n} practice documented", "{n} practices documented", n
                    ).format(n=number(n)),
                    success=success,
                    partial=partial,
                    failure=failure,
                )
                + " "
                + _(DATA_NOTE),
                tuple(
                    Bar(
                        p.record.title,
                        tuple(float(p.evidence[o.value]) for o in Outcome),
                        ngettext("{n} REX", "{n} REX", p.rex).format(n=number(p.rex)),
                    )
                    for p in documented
                ),
                tuple(OUTCOME_LABELS.local(o) for o in Outcome),
                grows=True,
            )
        )
    blocks.append(
        Table(
            _("Experience reports and indicators by practice"),
            (_("Practice"), _("REX"), _("Outcomes"), _("Measured indicators")),
            tuple(_practice_row(p, units) for p in ranked),
            grows=True,
            compact=True,
        )
    )
    return Section(title, tuple(blocks))


def _practice_row(p: PracticeStats, units: dict[str, str]) -> tuple[Cell, ...]:
    outcomes = tuple(outcome_count(o, p.evidence[o.value]) for o in Outcome)
    effects = tuple(
        (
            _("{indicator}: {improved} of {measures} improving, median {change}")
            if e.targeted
            else _(
                "{indicator}: {improved} of {measures} improving (not targeted), median {change}"
            )
        )
        .format(
            indicator=e.title,
            improved=e.improved,
            measures=e.measures,
            change=_change(e.median_change, units.get(e.indicator, "")),
        )
        .rstrip()
        for e in p.indicators
    )
    return (
        # The status rides with the title: a separate column would not fit beside the rest.
        (p.record, Status(p.status)),
        number(p.rex),
        Lines(outcomes) if p.rex else NONE,
        Lines(effects, bullets=True) if effects else NONE,
    )


__all__ = [
    "NO_GAP",
    "Bar",
    "Bars",
    "Block",
    "Cell",
    "Document",
    "Items",
    "Lines",
    "Paragraph",
    "Part",
    "Piece",
    "Section",
    "Table",
    "report_sections",
]


def _context(report: HealthReport) -> Section:
    c = report.context
    if c.complete_share is None:
        return Section(_(CONTEXT), (Paragraph(_("No active experience report.")),))
    full = sum(1 for r in c.rex if not r.missing)
    intro = ngettext(
        "{full} experience report of {total} ({share}) gives its full context: dates, "
        "budget, means, partners, difficulties, success factors, what it takes to reproduce "
        "it. The least complete first.",
        "{full} experience reports of {total} ({share}) give their full context: dates, "
        "budget, means, partners, difficulties, success factors, what it takes to reproduce "
        "it. The least complete first.",
        full,
    ).format(full=number(full), total=number(len(c.rex)), share=share(c.complete_share))
    rows = tuple(
        (r.record, share(r.score), ", ".join(r.missing) or NONE) for r in c.rex if r.missing
    )
    table = Table(
        _("Experience reports to complete"),
        (_("Experience report"), _("Completeness"), _("To complete")),
        rows,
        grows=True,
    )
    return Section(_(CONTEXT), (Paragraph(intro), table))
