"""The improvement cycle as the site shows it: results, targets, action plans, gaps.

`cycle_view(ctx)` computes, once per build, the health report (whose gap analysis gives every
series' state) and groups series and actions by service and indicator, so the dashboard,
the indicator, service and action pages and the display pages read the same figures. The
small formatters here (states, trends, due dates) are shared by those pages.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from weakref import WeakKeyDictionary

from markupsafe import Markup

from ..models import Action, ActionStatus
from ..present import (
    ACTION_STATUS_LABELS,
    NONE,
    STATE_LABELS,
    french_date,
)
from ..report import RecordRef, health_report
from ..report.gaps import SeriesGap
from ..report.health import HealthReport
from ..results import State
from .html import Link, badge, fold
from .render import render
from .routes import record_src
from .types import SiteContext

STATE_TONES = {
    State.MET: "good",
    State.OFF_TARGET: "bad",
    State.STALE: "mixed",
    State.NO_TARGET: "neutral",
    State.NO_DATA: "neutral",
}
ACTION_TONES = {
    ActionStatus.PLANNED: "neutral",
    ActionStatus.IN_PROGRESS: "mixed",
    ActionStatus.DONE: "good",
    ActionStatus.ABANDONED: "neutral",
}
# Open actions first (soonest due first), then done ones (latest first), then abandoned.
_PLAN_ORDER = {
    ActionStatus.IN_PROGRESS: 0,
    ActionStatus.PLANNED: 0,
    ActionStatus.DONE: 1,
    ActionStatus.ABANDONED: 2,
}


@dataclass
class CycleView:
    """The cycle's figures for one build, grouped the ways pages read them."""

    report: HealthReport
    by_service: dict[str, list[SeriesGap]] = field(default_factory=dict)
    by_indicator: dict[str, list[SeriesGap]] = field(default_factory=dict)
    actions_by_service: dict[str, list[Action]] = field(default_factory=dict)


_VIEWS: WeakKeyDictionary[SiteContext, CycleView] = WeakKeyDictionary()


def cycle_view(ctx: SiteContext) -> CycleView:
    """The cycle's figures for ``ctx``, computed on first use (as of ``ctx.today``)."""
    found = _VIEWS.get(ctx)
    if found is None:
        found = _VIEWS[ctx] = _compute(ctx)
    return found


def _compute(ctx: SiteContext) -> CycleView:
    report = health_report(ctx.corpus, ctx.today)
    view = CycleView(report, defaultdict(list), defaultdict(list), defaultdict(list))
    for s in report.results.series:
        view.by_service[s.service.id].append(s)
        view.by_indicator[s.indicator.id].append(s)
    for series in view.by_indicator.values():
        series.sort(key=lambda s: (fold(s.service.title), s.location or ""))
    for action in ctx.corpus.actions.values():
        for sid in dict.fromkeys(action.services):
            view.actions_by_service[sid].append(action)
    for actions in view.actions_by_service.values():
        actions.sort(key=plan_order)
    return view


def plan_order(action: Action) -> tuple[int, int, str]:
    """Sort key of an action plan: open actions by due date, then done (latest first), then
    abandoned."""
    rank = _PLAN_ORDER[action.status]
    if rank == 0:
        day = action.due.toordinal() if action.due else 0
    else:
        day = -(action.done or action.due or action.started or dt.date.min).toordinal()
    return rank, day, action.title.casefold()


def ref_link(ref: RecordRef) -> Link:
    """A link to the page of the record ``ref`` names."""
    return Link(record_src(ref.kind, ref.id), ref.title)


def action_link(action: Action) -> Link:
    """A link to an action's page."""
    return Link(record_src(action.kind, action.id), action.title)


def state_badge(state: str) -> Markup:
    """A series' state as a coloured label (the words say it too)."""
    member = State(state)
    return _badge(STATE_LABELS[member], STATE_TONES[member])


def action_badge(status: ActionStatus) -> Markup:
    """An action's status as a label."""
    return _badge(ACTION_STATUS_LABELS[status], ACTION_TONES[status])


@cache  # a few labels, each on many rows: one macro call per label, not per row
def _badge(text: str, tone: str) -> Markup:
    return badge(text, tone)


def due(action: Action, today: dt.date) -> Markup:
    """An action's due date, with a "en retard" label when it is open and past due."""
    return due_label(french_date(action.due) or NONE, action.overdue(today))


@lru_cache(maxsize=4096)  # actions share due dates: one render per date shown
def due_label(date: str, late: bool) -> Markup:
    """A due date as written, with a "en retard" label when ``late``."""
    return render("cycle/due.html", date=date, late=late)


def where(s: SeriesGap) -> str:
    """The site of a series, or nothing when it is the whole service."""
    return s.location or ""
