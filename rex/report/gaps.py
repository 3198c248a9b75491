"""Gap analysis: each result against its target, and what could close the gap.

`gap_analysis(corpus, today)` (``rex.gaps``) gives, per service and indicator (and site): the
latest and previous values, the trend, the target and the series' state (`rex.results.
series_status`). For each series off target it lists the open actions already aimed at it,
and the practices that target the indicator, best evidence first, leaving out those the
service already applies (named by one of its actions, abandoned ones aside, or its REX).

Ranking, most convincing first: evidence level (the site's rule: élevé, modéré, faible,
aucun), then practice status (validated, proposed, draft; retired ones are never proposed),
then how many REX measured an improvement on the indicator, then the median relative change
on it, read in the indicator's direction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..corpus import Corpus
from ..errors import UsageError
from ..i18n import _
from ..models import ActionStatus, Indicator, Outcome, Practice, Rex, Status
from ..results import State, series_status
from .refs import JsonData, RecordRef, ref

LEVELS = ("high", "moderate", "low", "none")
_STATUS_RANK = {Status.VALIDATED: 0, Status.PROPOSED: 1, Status.DRAFT: 2}


@dataclass(frozen=True, slots=True)
class RexEvidence:
    """A REX behind a practice, with what it measured on the indicator (if it did)."""

    record: RecordRef
    date: dt.date
    outcome: str
    services: list[str]
    before: float | None
    after: float | None
    relative_change: float | None
    improved: bool | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A practice that targets the indicator, and the evidence behind it."""

    practice: RecordRef
    status: str
    evidence: str
    rex: int
    measured: int
    improved: int
    median_relative_change: float | None
    rex_list: list[RexEvidence]


@dataclass(frozen=True, slots=True)
class OpenAction:
    """A planned or running action of the service aimed at the indicator."""

    record: RecordRef
    status: str
    owner: str
    due: dt.date | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class SeriesGap:
    """One series (indicator, service, site) on a given day, and what could close its gap."""

    indicator: RecordRef
    service: RecordRef
    location: str | None
    unit: str
    direction: str
    state: str
    latest_period: str | None
    latest: float | None
    previous_period: str | None
    previous: float | None
    trend: str
    change: float | None
    target: float | None
    target_by: str | None
    gap: float | None
    gap_percent: float | None
    #: The last complete period, which should have a value by now.
    expected_period: str | None
    actions: list[OpenAction]
    practices: list[Candidate]

    @property
    def off_target(self) -> bool:
        """Whether the latest value misses its target (even when the series is stale)."""
        return self.state == State.OFF_TARGET or (self.state == State.STALE and self.gap_off)

    @property
    def gap_off(self) -> bool:
        """Whether there is a target and the latest value misses it."""
        if self.gap is None:
            return False
        return self.gap < 0 if self.direction == "increase" else self.gap > 0


@dataclass(frozen=True, slots=True)
class GapAnalysis(JsonData):
    """Every series with its status, by service then indicator; `to_dict()` is its JSON."""

    today: dt.date
    series: list[SeriesGap]

    def by_state(self, state: State) -> list[SeriesGap]:
        """The series in ``state``."""
        return [s for s in self.series if s.state == state]


def gap_analysis(
    corpus: Corpus, today: dt.date | None = None, *, service: str | None = None
) -> GapAnalysis:
    """Each series of ``corpus`` against its target on ``today``; ``service``: only that one.

    Raises `RexError` for a ``service`` that is not a service of the corpus.
    """
    today = today or dt.date.today()
    if service is not None and service not in corpus.services:
        from ..validate import suggest

        close = suggest(service, corpus.services)
        hint = (
            _("did you mean '{value}'?").format(value=close[0])
            if close
            else _("give the id of a service record")
        )
        raise UsageError(_("service '{service}' does not exist").format(service=service), hint=hint)
    applied = _applied(corpus)
    # The ranking of an indicator's practices does not depend on the series: computed once.
    ranked: dict[str, list[Candidate]] = {}
    found: list[SeriesGap] = []
    for (iid, sid, location), series in corpus.series.items():
        if service is not None and sid != service:
            continue
        indicator, svc = corpus.indicators[iid], corpus.services[sid]
        status = series_status(series, indicator.result_targets(), indicator.direction.value, today)
        latest, previous, target = status.latest, status.previous, status.target
        gap = SeriesGap(
            ref(indicator),
            ref(svc),
            location,
            indicator.unit,
            indicator.direction.value,
            status.state.value,
            latest[0].iso if latest else None,
            latest[1] if latest else None,
            previous[0].iso if previous else None,
            previous[1] if previous else None,
            status.trend.value,
            _round(status.change),
            target.value if target else None,
            target.by.iso if target and target.by else None,
            _round(status.gap),
            _round(status.gap_percent),
            status.expected.iso if status.expected else None,
            [],
            [],
        )
        if gap.off_target:
            if iid not in ranked:
                ranked[iid] = _candidates(corpus, indicator)
            done = applied.get(sid, set())
            gap = dataclasses.replace(
                gap,
                actions=_open_actions(corpus, iid, sid, today),
                practices=[c for c in ranked[iid] if c.practice.id not in done],
            )
        found.append(gap)
    found.sort(key=lambda g: (g.service.id, g.indicator.id, g.location or ""))
    return GapAnalysis(today, found)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _applied(corpus: Corpus) -> dict[str, set[str]]:
    """Service id -> the practices it already applies, through its actions or its REX."""
    applied: dict[str, set[str]] = {}
    for action in corpus.actions.values():
        if action.status is not ActionStatus.ABANDONED:
            for sid in action.services:
                applied.setdefault(sid, set()).update(action.practices)
    for rex in corpus.rex.values():
        if rex.status is not Status.RETIRED:
            for sid in rex.services:
                applied.setdefault(sid, set()).update(rex.practices)
    return applied


def _open_actions(corpus: Corpus, indicator: str, service: str, today: dt.date) -> list[OpenAction]:
    return [
        OpenAction(ref(a), a.status.value, a.owner, a.due, a.overdue(today))
        for a in corpus.actions.values()
        if a.is_open and service in a.services and indicator in a.indicators
    ]


def _candidates(corpus: Corpus, indicator: Indicator) -> list[Candidate]:
    """Every practice (retired ones aside) that targets ``indicator``, best evidence first."""
    found: list[tuple[tuple[Any, ...], Candidate]] = []
    for practice in corpus.practices.values():
        if indicator.id not in practice.indicators or practice.status is Status.RETIRED:
            continue
        rexes = [
            r
            for r in corpus.incoming(practice, "rex")
            if isinstance(r, Rex) and r.status is not Status.RETIRED
        ]
        behind = sorted(
            (_rex_evidence(r, indicator) for r in rexes),
            key=lambda e: (e.improved is not True, e.before is None, -e.date.toordinal()),
        )
        relative = [e.relative_change for e in behind if e.relative_change is not None]
        median = round(statistics.median(relative), 4) if relative else None
        improved = sum(1 for e in behind if e.improved)
        level = evidence_level(practice, rexes, corpus.indicators)
        candidate = Candidate(
            ref(practice),
            practice.status.value,
            level,
            len(rexes),
            sum(1 for e in behind if e.before is not None),
            improved,
            median,
            behind,
        )
        # A change in the right direction is a gain: lower is better for a decreasing one.
        gain = None if median is None else (median if indicator.better(0, 1) else -median)
        key = (
            LEVELS.index(level),
            _STATUS_RANK.get(practice.status, 3),
            -improved,
            -gain if gain is not None else float("inf"),
            practice.title,
        )
        found.append((key, candidate))
    return [c for _, c in sorted(found, key=lambda item: item[0])]


def _rex_evidence(rex: Rex, indicator: Indicator) -> RexEvidence:
    measure = next((m for m in rex.measures if m.indicator == indicator.id), None)
    return RexEvidence(
        ref(rex),
        rex.date,
        rex.outcome.value,
        list(rex.services),
        measure.before if measure else None,
        measure.after if measure else None,
        _round(measure.relative_change) if measure else None,
        indicator.better(measure.before, measure.after) if measure else None,
    )


@dataclass(frozen=True, slots=True)
class EvidenceFacts:
    """What a practice's level of evidence rests on: its REX, how many measured an
    improvement on an indicator it targets, how many failed."""

    rex_count: int
    improved: int
    failures: int

    @property
    def level(self) -> str:
        """``high``, ``moderate``, ``low`` or ``none``: the rule of the site's niveau de preuve.

        high: at least 3 REX, 2 of them with a measured improvement on an indicator the
        practice targets, failures at most a third; moderate: at least 2 REX, one improvement,
        failures at most half; low: any other REX; none: no REX.
        """
        n, improved, failures = self.rex_count, self.improved, self.failures
        if n == 0:
            return "none"
        if n >= 3 and improved >= 2 and failures * 3 <= n:
            return "high"
        if n >= 2 and improved >= 1 and failures * 2 <= n:
            return "moderate"
        return "low"


def evidence_facts(
    practice: Practice, rexes: Sequence[Rex], indicators: Mapping[str, Indicator]
) -> EvidenceFacts:
    """The facts behind ``practice``'s level of evidence, from the REX that applied it."""
    targeted = set(practice.indicators)
    improved = sum(
        1
        for r in rexes
        if any(
            indicators[m.indicator].better(m.before, m.after)
            for m in r.measures
            if m.indicator in targeted and m.indicator in indicators
        )
    )
    failures = sum(1 for r in rexes if r.outcome is Outcome.FAILURE)
    return EvidenceFacts(len(rexes), improved, failures)


def evidence_level(
    practice: Practice, rexes: Sequence[Rex], indicators: Mapping[str, Indicator]
) -> str:
    """``high``, ``moderate``, ``low`` or ``none`` (see `EvidenceFacts.level`)."""
    return evidence_facts(practice, rexes, indicators).level
