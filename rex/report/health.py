"""The health report: where capitalisation is strong or weak, computed from a `Corpus`.

`health_report(corpus, today)` returns a `HealthReport` of typed dataclasses; `to_dict()` gives
its documented JSON shape. Its renderings live beside it in `rex.report`.

Rules that are choices, not facts (documented in the README):
- retired practices and retired REX are counted in ``counts`` but are neither evidence nor gaps;
- a service is "covered" when a practice names it or one of its descendant services;
- a draft is stale when its last date (``updated``, else ``created`` for a practice; ``date``
  for a REX) is more than 12 months before ``today``; undated drafts are not listed.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..corpus import Corpus
from ..models import Indicator, Kind, Measure, Outcome, Practice, Rex, Status
from .cycle import ActionHealth, action_health
from .gaps import GapAnalysis, gap_analysis
from .refs import JsonData, ref
from .refs import RecordRef as RecordRef  # re-exported: renderers import it from here

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class OverdueReview:
    """A practice whose ``review_by`` date has passed."""

    record: RecordRef
    review_by: dt.date
    days_overdue: int


@dataclass(frozen=True, slots=True)
class StaleDraft:
    """A practice or REX still in draft whose last date is over 12 months old."""

    record: RecordRef
    last_change: dt.date
    days: int


@dataclass(frozen=True, slots=True)
class ServiceCounts:
    """How many indicators, practices and REX name one service (any status)."""

    record: RecordRef
    indicators: int
    practices: int
    rex: int


@dataclass(frozen=True, slots=True)
class Counts:
    """How many records there are, by kind, status, outcome, service and year."""

    kinds: dict[str, int]
    status: dict[str, dict[str, int]]
    outcome: dict[str, int]
    services: list[ServiceCounts]
    years: dict[str, dict[int, int]]


@dataclass(frozen=True, slots=True)
class Gaps:
    """Where capitalisation is weak."""

    practices_without_rex: list[RecordRef]
    untargeted_indicators: list[RecordRef]
    services_without_practice: list[RecordRef]
    overdue_reviews: list[OverdueReview]
    stale_drafts: list[StaleDraft]


@dataclass(frozen=True, slots=True)
class IndicatorStats:
    """What the REX measures say about one indicator."""

    record: RecordRef
    unit: str
    direction: str
    practices: int
    measures: int
    improved: int
    worsened: int
    unchanged: int
    improved_share: float | None
    median_change: float | None
    median_relative_change: float | None


@dataclass(frozen=True, slots=True)
class IndicatorEffect:
    """How one indicator moved in the REX that applied a practice."""

    indicator: str
    title: str
    targeted: bool
    measures: int
    improved: int
    worsened: int
    median_change: float | None


@dataclass(frozen=True, slots=True)
class PracticeStats:
    """The evidence behind one practice: its REX by outcome and the indicators they moved."""

    record: RecordRef
    status: str
    rex: int
    evidence: dict[str, int]
    indicators: list[IndicatorEffect]


@dataclass(frozen=True, slots=True)
class RexContext:
    """How complete one REX's context is: the share filled and what is missing."""

    record: RecordRef
    score: float
    missing: list[str]


@dataclass(frozen=True, slots=True)
class ContextStats:
    """The context of active REX: the share complete, and each REX least complete first."""

    complete_share: float | None = None
    rex: list[RexContext] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class HealthReport(JsonData):
    """The whole health report; `to_dict()` is its stable JSON shape."""

    today: dt.date
    validation: dict[str, int]
    counts: Counts
    gaps: Gaps
    indicators: list[IndicatorStats]
    practices: list[PracticeStats]
    #: The improvement cycle: action plans, and results against their targets.
    actions: ActionHealth
    results: GapAnalysis
    context: ContextStats = field(default_factory=ContextStats)
    schema_version: int = field(default=SCHEMA_VERSION)


_ref = ref


def _active(record: Practice | Rex) -> bool:
    return record.status is not Status.RETIRED


def _year_before(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 4) if values else None


def health_report(corpus: Corpus, today: dt.date | None = None) -> HealthReport:
    """Compute the health report of ``corpus`` as of ``today`` (default: the current date)."""
    today = today or dt.date.today()
    # The corpus builds its by-id dicts on each access: take them once.
    indicators = corpus.indicators
    measures: dict[str, list[Measure]] = defaultdict(list)
    for r in corpus.rex.values():
        if _active(r):
            for m in r.measures:
                measures[m.indicator].append(m)
    return HealthReport(
        today=today,
        validation=corpus.report.summary(),
        counts=_counts(corpus),
        gaps=_gaps(corpus, today),
        indicators=[_indicator_stats(corpus, i, measures[i.id]) for i in indicators.values()],
        practices=[_practice_stats(corpus, p, indicators) for p in corpus.practices.values()],
        actions=action_health(corpus, today),
        results=gap_analysis(corpus, today),
        context=_context(corpus),
    )


def _context(corpus: Corpus) -> ContextStats:
    from ..context import completeness

    scored = [(r, completeness(r)) for r in corpus.rex.values() if _active(r)]
    rows = [RexContext(_ref(r), c.score, list(c.missing)) for r, c in scored]
    rows.sort(key=lambda row: (row.score, row.record.id))
    complete = sum(1 for _, c in scored if c.complete)
    return ContextStats(round(complete / len(scored), 4) if scored else None, rows)


def _counts(corpus: Corpus) -> Counts:
    kinds = {kind.value: len(corpus.records(kind)) for kind in Kind}
    status = {
        Kind.PRACTICE.value: _tally(p.status.value for p in corpus.practices.values()),
        Kind.REX.value: _tally(r.status.value for r in corpus.rex.values()),
    }
    status = {k: {s.value: v.get(s.value, 0) for s in Status} for k, v in status.items()}
    outcomes = _tally(r.outcome.value for r in corpus.rex.values())
    outcome = {o.value: outcomes.get(o.value, 0) for o in Outcome}
    services = [
        ServiceCounts(
            _ref(service),
            *(len(corpus.incoming(service, k)) for k in (Kind.INDICATOR, Kind.PRACTICE, Kind.REX)),
        )
        for service in corpus.services.values()
    ]
    years = {
        Kind.PRACTICE.value: _sorted_tally(
            p.created.year for p in corpus.practices.values() if p.created
        ),
        Kind.REX.value: _sorted_tally(r.date.year for r in corpus.rex.values()),
    }
    return Counts(kinds, status, outcome, services, years)


def _tally(values: Any) -> dict[str, int]:
    return dict(Counter(values))


def _sorted_tally(values: Any) -> dict[int, int]:
    return dict(sorted(Counter(values).items()))


def _gaps(corpus: Corpus, today: dt.date) -> Gaps:
    services = corpus.services
    active_practices = [p for p in corpus.practices.values() if _active(p)]
    without_rex = [
        _ref(p)
        for p in active_practices
        if not any(_active(r) for r in corpus.incoming(p, Kind.REX) if isinstance(r, Rex))
    ]
    targeted = {i for p in active_practices for i in p.indicators}
    untargeted = [_ref(i) for iid, i in corpus.indicators.items() if iid not in targeted]
    named = {s for p in active_practices for s in p.services}
    covered = set(named)
    for sid in named:  # a practice of a child service also serves its parents
        parent = services[sid].parent if sid in services else None
        seen = {sid}
        while parent and parent not in seen:
            covered.add(parent)
            seen.add(parent)
            parent = services[parent].parent if parent in services else None
    uncovered = [_ref(s) for sid, s in services.items() if sid not in covered]
    overdue = [
        OverdueReview(_ref(p), p.review_by, (today - p.review_by).days)
        for p in active_practices
        if p.review_by and p.review_by < today
    ]
    overdue.sort(key=lambda o: (-o.days_overdue, o.record.id))
    limit = _year_before(today)
    stale: list[StaleDraft] = []
    drafts: list[Practice | Rex] = [*corpus.practices.values(), *corpus.rex.values()]
    for record in drafts:
        if record.status is not Status.DRAFT:
            continue
        last = (record.updated or record.created) if isinstance(record, Practice) else record.date
        if last is not None and last < limit:
            stale.append(StaleDraft(_ref(record), last, (today - last).days))
    stale.sort(key=lambda s: (-s.days, s.record.kind, s.record.id))
    return Gaps(without_rex, untargeted, uncovered, overdue, stale)


def _indicator_stats(
    corpus: Corpus, indicator: Indicator, measures: list[Measure]
) -> IndicatorStats:
    changes = [m.after - m.before for m in measures]
    relative = [r for m in measures if (r := m.relative_change) is not None]
    verdicts = [indicator.better(m.before, m.after) for m in measures]
    improved = verdicts.count(True)
    practices = [
        p
        for p in corpus.incoming(indicator, Kind.PRACTICE)
        if isinstance(p, Practice) and _active(p)
    ]
    return IndicatorStats(
        record=_ref(indicator),
        unit=indicator.unit,
        direction=indicator.direction.value,
        practices=len(practices),
        measures=len(verdicts),
        improved=improved,
        worsened=verdicts.count(False),
        unchanged=verdicts.count(None),
        improved_share=round(improved / len(verdicts), 4) if verdicts else None,
        median_change=_median(changes),
        median_relative_change=_median(relative),
    )


def _practice_stats(
    corpus: Corpus, practice: Practice, indicators: dict[str, Indicator]
) -> PracticeStats:
    rexes = [r for r in corpus.incoming(practice, Kind.REX) if isinstance(r, Rex) and _active(r)]
    outcomes = Counter(r.outcome.value for r in rexes)
    by_indicator: dict[str, list[tuple[float, bool | None]]] = defaultdict(list)
    for rex in rexes:
        for m in rex.measures:
            indicator = indicators.get(m.indicator)
            if indicator is not None:
                verdict = indicator.better(m.before, m.after)
                by_indicator[m.indicator].append((m.after - m.before, verdict))
    effects = []
    for iid in sorted(by_indicator, key=lambda i: (i not in practice.indicators, i)):
        values = by_indicator[iid]
        verdicts = [v for _, v in values]
        effects.append(
            IndicatorEffect(
                indicator=iid,
                title=indicators[iid].title,
                targeted=iid in practice.indicators,
                measures=len(values),
                improved=verdicts.count(True),
                worsened=verdicts.count(False),
                median_change=_median([c for c, _ in values]),
            )
        )
    return PracticeStats(
        record=_ref(practice),
        status=practice.status.value,
        rex=len(rexes),
        evidence={o.value: outcomes.get(o.value, 0) for o in Outcome},
        indicators=effects,
    )
