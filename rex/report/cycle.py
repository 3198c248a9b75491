"""Action plans in the health report: actions by status, overdue actions, and finished
actions nobody has written a REX about (the capitalisation gap)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..corpus import Corpus
from ..models import Action, ActionStatus, Kind
from .refs import RecordRef, ref

#: A finished action should lead to a REX within this many days.
CAPITALISATION_DAYS = 90


@dataclass(frozen=True, slots=True)
class ActionItem:
    """An action named in the report, with how many days late (or since done) it is."""

    record: RecordRef
    status: str
    owner: str
    due: dt.date | None
    done: dt.date | None
    services: list[str]
    indicators: list[str]
    days: int


@dataclass(frozen=True, slots=True)
class ActionHealth:
    """Where the action plans stand."""

    status: dict[str, int]
    #: Open actions (planned or in progress) whose due date has passed, latest first.
    overdue: list[ActionItem]
    #: Actions done more than `CAPITALISATION_DAYS` ago that no REX names, oldest first.
    uncapitalised: list[ActionItem]


def _item(action: Action, days: int) -> ActionItem:
    return ActionItem(
        ref(action),
        action.status.value,
        action.owner,
        action.due,
        action.done,
        list(action.services),
        list(action.indicators),
        days,
    )


def action_health(corpus: Corpus, today: dt.date) -> ActionHealth:
    """The actions of ``corpus`` as of ``today``: by status, overdue, not capitalised."""
    actions = list(corpus.actions.values())
    status = {s.value: sum(1 for a in actions if a.status is s) for s in ActionStatus}
    overdue = [_item(a, (today - a.due).days) for a in actions if a.overdue(today) and a.due]
    overdue.sort(key=lambda i: (-i.days, i.record.id))
    limit = today - dt.timedelta(days=CAPITALISATION_DAYS)
    uncapitalised = [
        _item(a, (today - a.done).days)
        for a in actions
        if a.status is ActionStatus.DONE
        and a.done is not None
        and a.done < limit
        and not corpus.incoming(a, Kind.REX)
    ]
    uncapitalised.sort(key=lambda i: (-i.days, i.record.id))
    return ActionHealth(status, overdue, uncapitalised)
