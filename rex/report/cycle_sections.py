"""The improvement cycle in the report's sections: action plans, results against their
targets, and the gap analysis (pistes d'amélioration), in the language spoken now (English
messages translated as the document is built, formats from `rex.report.words`).

`cycle_sections(report)` adds these to the health report (text, Markdown and the site's
dashboard walk them like the others); `gap_document(analysis)` is `rex gaps` on its own.
"""

from __future__ import annotations

import datetime as dt

from ..i18n import N_, _, ngettext
from ..models import ActionStatus
from ..present import ACTION_STATUS_LABELS, NONE, STATE_LABELS, TREND_LABELS, Labels
from ..results import State, Trend
from .blocks import Block, Cell, Document, Items, Paragraph, Part, Piece, Section, Table
from .cycle import CAPITALISATION_DAYS, ActionHealth
from .gaps import Candidate, GapAnalysis, SeriesGap
from .health import HealthReport
from .words import date, days, measured, number, period, signed_number, signed_percent

#: ``EVIDENCE_LABELS[level]`` is French (the site's pages), ``.local(level)`` follows the language.
EVIDENCE_LABELS = Labels(
    {"high": N_("high"), "moderate": N_("moderate"), "low": N_("low"), "none": N_("none")}
)
# Marked for the catalogue, translated where they are used: the language is chosen per run.
GAPS_TITLE = N_("Gap analysis")
SERIES_HEADERS = (
    N_("Latest value"),
    N_("Previous"),
    N_("Trend"),
    N_("Target"),
    N_("State"),
)
CANDIDATE_HEADERS = (
    N_("Practice"),
    N_("Level of evidence"),
    N_("Improving REX"),
    N_("Median change"),
    N_("Experience reports"),
)


def cycle_sections(report: HealthReport) -> tuple[Section, ...]:
    """The action plans, the results and the gap analysis of ``report``."""
    return (_actions(report.actions), _results(report.results), _gaps(report.results))


def gap_document(analysis: GapAnalysis) -> Document:
    """`rex gaps`: the results against their targets, then what could close each gap."""
    intro = Paragraph(
        _(
            "State on {date}: each series of results (an indicator, a service) compared with "
            "its target, then, for each target missed, the actions already under way and the "
            "practices to consider, the best proven first."
        ).format(date=date(analysis.today))
    )
    return Document(_(GAPS_TITLE), (intro,), (_results(analysis), _gaps(analysis)))


# Records in lists of actions and series go in tables, one record per cell: a link alone in
# its cell, rather than inside a sentence, is easy to tell from the text around it.
def _actions(health: ActionHealth) -> Section:
    table = Table(
        _("Actions by status"),
        (_("Status"), _("Count")),
        tuple(
            (ACTION_STATUS_LABELS.local(s), number(health.status[s.value])) for s in ActionStatus
        ),
    )
    overdue = Table(
        _("Overdue actions, the most overdue first"),
        (_("Action"), _("Due"), _("Delay"), _("Owner")),
        tuple((i.record, date(i.due), days(i.days), i.owner) for i in health.overdue),
        grows=True,
    )
    uncapitalised = Table(
        _("Actions done without experience report, the oldest first"),
        (_("Action"), _("Done on"), _("Since"), _("Owner")),
        tuple((i.record, date(i.done), days(i.days), i.owner) for i in health.uncapitalised),
        grows=True,
    )
    n, m = len(health.overdue), len(health.uncapitalised)
    return Section(
        _("Action plans"),
        (
            table,
            Part(_("Overdue actions ({n})").format(n=n), (overdue if n else Items(()),)),
            Part(
                _("Actions done more than {days} days ago without experience report ({n})").format(
                    days=CAPITALISATION_DAYS, n=m
                ),
                (uncapitalised if m else Items(()),),
            ),
        ),
    )


def series_latest(s: SeriesGap) -> str:
    """The latest value with its unit and period: ``5,2 jours (octobre 2026)``."""
    if s.latest is None:
        return NONE
    return f"{measured(s.latest, s.unit)} ({period(s.latest_period)})"


def series_target(s: SeriesGap) -> str:
    """The target that applies, with its deadline: ``4 jours d'ici 2026``."""
    if s.target is None:
        return NONE
    value = measured(s.target, s.unit)
    if not s.target_by:
        return value
    return _("{value} by {period}").format(value=value, period=period(s.target_by))


def series_delta(value: float, unit: str) -> str:
    """A difference in the unit; a change of a percentage is in points, not a relative %."""
    return f"{signed_number(value)} {_('points') if unit == '%' else unit}"


def series_gap(s: SeriesGap) -> str:
    """How far the latest value is from its target, in the unit and in % of the target."""
    if s.gap is None:
        return NONE
    return f"{series_delta(s.gap, s.unit)} ({signed_percent(s.gap_percent)})"


def series_trend(s: SeriesGap) -> str:
    """The trend in words, with the change over its window."""
    label = TREND_LABELS.local(Trend(s.trend))
    return label if s.change is None else f"{label} ({series_delta(s.change, s.unit)})"


def _where(s: SeriesGap, sites: bool) -> tuple[Cell, ...]:
    # The site gets its own column (only in tables that have one): a link alone in its cell.
    return (s.indicator, s.service, *((s.location or NONE,) if sites else ()))


def _heads(sites: bool, *rest: str) -> tuple[str, ...]:
    return (_("Indicator"), _("Service"), *((_("Site"),) if sites else ()), *rest)


def _results(analysis: GapAnalysis) -> Section:
    title = _("Results and targets")
    series = analysis.series
    if not series:
        return Section(title, (Paragraph(_("No result in results/.")),))
    tally = [
        _("{state}: {n}").format(
            state=STATE_LABELS.local(state), n=number(len(analysis.by_state(state)))
        )
        for state in (State.MET, State.OFF_TARGET, State.STALE, State.NO_TARGET)
    ]
    summary = Paragraph(
        ngettext(
            "{n} series of results (one indicator for one service); {tally}. A result not up "
            "to date that misses its target is also counted among the targets not met.",
            "{n} series of results (one indicator for one service); {tally}. A result not up "
            "to date that misses its target is also counted among the targets not met.",
            len(series),
        ).format(n=number(len(series)), tally=_("; ").join(tally))
    )
    off = sorted((s for s in series if s.off_target), key=lambda s: -abs(s.gap_percent or 0.0))
    stale = [s for s in series if s.state == State.STALE]
    sites = any(s.location for s in series)
    # The most off target first: a cap keeps the gaps that matter most.
    blocks: list[Block | Part] = [
        summary,
        Part(
            _("Targets not met ({n})").format(n=len(off)),
            (
                Table(
                    _("Targets not met, from the largest gap to the smallest"),
                    _heads(sites, _("Latest value"), _("Target"), _("Gap"), _("Trend")),
                    tuple(
                        (
                            *_where(s, sites),
                            series_latest(s),
                            series_target(s),
                            series_gap(s),
                            series_trend(s),
                        )
                        for s in off
                    ),
                    grows=True,
                )
                if off
                else Items(()),
            ),
        ),
        Part(
            _("Results not up to date ({n})").format(n=len(stale)),
            (
                Table(
                    _("Series without a value for the last period ended"),
                    _heads(sites, _("Latest period"), _("Expected period")),
                    tuple(
                        (*_where(s, sites), period(s.latest_period), period(s.expected_period))
                        for s in stale
                    ),
                    grows=True,
                )
                if stale
                else Items(()),
            ),
        ),
        Part(
            _("Latest values by service and indicator"),
            (
                Table(
                    _("Latest value, previous value, trend and target of each series"),
                    _heads(sites, *(_(h) for h in SERIES_HEADERS)),
                    tuple(_series_row(s, sites) for s in series),
                    grows=True,
                ),
            ),
        ),
    ]
    return Section(title, tuple(blocks))


def _series_row(s: SeriesGap, sites: bool) -> tuple[Cell, ...]:
    previous = NONE if s.previous is None else measured(s.previous, s.unit)
    state = STATE_LABELS.local(State(s.state))
    return (*_where(s, sites), series_latest(s), previous, series_trend(s), series_target(s), state)


def _gaps(analysis: GapAnalysis) -> Section:
    title = _("Ways to improve")
    off = sorted(
        (s for s in analysis.series if s.off_target), key=lambda s: -abs(s.gap_percent or 0.0)
    )
    if not off:
        return Section(title, (Paragraph(_("No target missed.")),))
    return Section(title, tuple(_gap_part(s) for s in off))


def _gap_part(s: SeriesGap) -> Part:
    where = f" ({s.location})" if s.location else ""
    facts = Paragraph(
        _("Latest value: {latest}; target: {target}; gap: {gap}; trend: {trend}.").format(
            latest=series_latest(s),
            target=series_target(s),
            gap=series_gap(s),
            trend=series_trend(s),
        )
    )
    actions: Block = (
        Table(
            _("Actions under way on this indicator for this service"),
            (_("Action"), _("Status"), _("Owner"), _("Due")),
            tuple(
                (
                    a.record,
                    ACTION_STATUS_LABELS.local(ActionStatus(a.status)),
                    a.owner,
                    _due(a.due, a.overdue),
                )
                for a in s.actions
            ),
        )
        if s.actions
        else Paragraph(_("No open action targets this indicator for this service."))
    )
    practices: Block = (
        Table(
            _("Practices to consider, the best proven first"),
            tuple(_(h) for h in CANDIDATE_HEADERS),
            tuple(_candidate_row(c) for c in s.practices),
            grows=True,
        )
        if s.practices
        else Paragraph(
            _(
                "No other practice of the repository targets this indicator: an experience "
                "report from another authority would be welcome."
            )
        )
    )
    return Part(
        f"{s.indicator.title} — {s.service.title}{where}",
        (
            facts,
            Paragraph(_("Actions under way ({n}):").format(n=len(s.actions))),
            actions,
            Paragraph(_("Practices to consider ({n}):").format(n=len(s.practices))),
            practices,
        ),
    )


def _due(due: dt.date | None, overdue: bool) -> str:
    text = date(due) if due else NONE
    return _("{due} (overdue)").format(due=text) if overdue else text


def _candidate_row(c: Candidate) -> tuple[Cell, ...]:
    # Each REX with the change it measured on the indicator, one after the other in the cell.
    behind: list[Piece] = []
    for e in c.rex_list:
        behind.append(e.record)
        if e.relative_change is not None:
            behind.append(f"({signed_percent(100 * e.relative_change)})")
    median = c.median_relative_change
    return (
        c.practice,
        EVIDENCE_LABELS.local(c.evidence),
        _("{improved} of {measured}").format(improved=c.improved, measured=c.measured)
        if c.measured
        else NONE,
        NONE if median is None else signed_percent(100 * median),
        tuple(behind) or NONE,
    )
