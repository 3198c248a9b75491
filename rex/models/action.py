"""Actions: the steps of an action plan, from the measure or complaint that started them to
the dated notes that follow them up; a finished action is the moment to write a REX."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from enum import StrEnum
from importlib.resources import files
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..frontmatter import KeyPath
from ..i18n import _
from .common import Meta, RecordBase, RecordId, Text
from .kinds import Kind, KindSpec, SearchFields


class ActionStatus(StrEnum):
    """Where an action stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    ABANDONED = "abandoned"


class ActionOrigin(StrEnum):
    """What started an action."""

    MEASURE = "measure"
    SURVEY = "survey"
    COMPLAINT = "complaint"
    COMMITTEE = "committee"
    DIAGNOSTIC = "diagnostic"
    USER_FEEDBACK = "user-feedback"
    OTHER = "other"


class Priority(StrEnum):
    """How urgent an action is."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


#: Statuses of an action that is still to be carried out.
OPEN = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class Update(BaseModel):
    """A dated note in an action's follow-up log."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date = Field(description="When (YYYY-MM-DD).")
    note: Text = Field(description="What happened, what was decided.")


class ActionMeta(Meta):
    """Front matter of an action (one step of a service's action plan)."""

    model_config = ConfigDict(title="rex action", extra="forbid", frozen=True)

    services: list[RecordId] = Field(
        min_length=1, description="Ids of the services that carry the action (at least one)."
    )
    status: ActionStatus = Field(description="planned, in-progress, done or abandoned.")
    owner: Text = Field(description="Who leads the action (a role rather than a name).")
    due: dt.date | None = Field(
        default=None, description="Due date (YYYY-MM-DD); required unless abandoned."
    )
    started: dt.date | None = Field(default=None, description="When work began (YYYY-MM-DD).")
    done: dt.date | None = Field(
        default=None,
        description="When it was finished (YYYY-MM-DD); required when status is done.",
    )
    indicators: list[RecordId] = Field(
        default_factory=list, description="Ids of the indicators the action aims to move."
    )
    practices: list[RecordId] = Field(
        default_factory=list, description="Ids of the practices the action applies."
    )
    origin: ActionOrigin | None = Field(
        default=None,
        description="What started it: measure, survey, complaint, committee, diagnostic, "
        "user-feedback or other.",
    )
    priority: Priority | None = Field(default=None, description="high, medium or low.")
    updates: list[Update] = Field(
        default_factory=list, description="Dated follow-up notes ({date, note}), oldest first."
    )


class Action(ActionMeta, RecordBase):
    """An action of an action plan."""

    kind: ClassVar[Kind] = Kind._intern("actions")

    @property
    def is_open(self) -> bool:
        """Whether the action is still to be carried out (planned or in progress)."""
        return self.status in OPEN

    def overdue(self, today: dt.date) -> bool:
        """Whether the action is open and its due date is before ``today``."""
        return self.is_open and self.due is not None and self.due < today


#: A problem the model alone cannot see: where (None: the front matter as a whole), code,
#: message, hint.
Problem = tuple[KeyPath | None, str, str, str]


def _date(data: Mapping[str, Any], key: str) -> dt.date | None:
    value = data.get(key)
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def action_problems(data: Mapping[str, Any]) -> Iterator[Problem]:
    """Rules between keys: ``due`` unless abandoned, ``done`` when done, not before ``started``."""
    status = data.get("status")
    if status in [s.value for s in ActionStatus]:
        if status != ActionStatus.ABANDONED and data.get("due") is None:
            yield (
                None,
                "missing-key",
                _("required key 'due' is missing (an action that is not abandoned has a due date)"),
                _("add a line 'due: YYYY-MM-DD' to the front matter"),
            )
        if status == ActionStatus.DONE and data.get("done") is None:
            yield (
                None,
                "missing-key",
                _("required key 'done' is missing (the action's status is done)"),
                _("add a line 'done: YYYY-MM-DD' with the day it was finished"),
            )
    started, done = _date(data, "started"), _date(data, "done")
    if started and done and done < started:
        yield (
            ("done",),
            "date-order",
            _("'done' ({done}) is before 'started' ({started})").format(done=done, started=started),
            _("swap the dates or correct one of them"),
        )


SPEC = KindSpec(
    name="actions",
    singular="action",
    label="Action",
    plural="Actions",
    meta=ActionMeta,
    template=files("rex") / "templates" / "action.md",
    record=Action,
    links={"services": "services", "indicators": "indicators", "practices": "practices"},
    search=SearchFields(keywords=("owner", "updates[].note"), date=("done", "due", "started")),
    intro="Les actions des plans d'action des services : pilote, échéance, statut et suivi daté.",
    nav_order=25,
)
