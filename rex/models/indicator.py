"""Indicators: the KPIs measured before and after an action."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from importlib.resources import files
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..i18n import _
from .common import Meta, RecordBase, RecordId, Text
from .kinds import Kind, KindSpec, SearchFields

if TYPE_CHECKING:
    from ..results.status import Target


class Direction(StrEnum):
    """Which way an indicator is better."""

    INCREASE = "increase"
    DECREASE = "decrease"


def _period_text(value: Any) -> str:
    """The canonical text of a period written as ``2026``, ``2026-T4``, ``2026-12``..."""
    # Imported here: rex.results reads files through the loader, which imports the models.
    from ..results.period import PERIOD_HINT, parse_period

    # YAML reads `by: 2026` as a number and `by: 2026-12-31` as a date.
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    period = None if isinstance(value, bool) else parse_period(text)
    if period is None:
        raise PydanticCustomError(
            "invalid-period",
            _("'{value}' is not a period"),
            {"value": text, "hint": _(PERIOD_HINT)},
        )
    return period.iso


PeriodText = Annotated[
    str,
    BeforeValidator(_period_text),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "integer"}],
            "description": "A period: 2026 (year), 2026-T4 or 2026-Q4 (quarter), 2026-12 "
            "(month) or 2026-12-31 (day).",
        }
    ),
]


class TargetSpec(BaseModel):
    """A value an indicator should reach: for one service or all, by a period or for good."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float = Field(description="The value to reach, in the indicator's unit.")
    service: RecordId | None = Field(
        default=None, description="The service it applies to (default: every service)."
    )
    by: PeriodText | None = Field(
        default=None, description="The period by which to reach it (default: for good)."
    )


class IndicatorMeta(Meta):
    """Front matter of an indicator (a KPI measured before and after actions)."""

    model_config = ConfigDict(title="rex indicator", extra="forbid", frozen=True)

    definition: Text = Field(description="What the indicator measures.")
    unit: Text = Field(description="Unit of the values, e.g. 'jours', '%', '€'.")
    direction: Direction = Field(
        description="Which way is better: 'increase' or 'decrease'.",
    )
    formula: Text | None = Field(default=None, description="How the value is computed.")
    frequency: Text | None = Field(default=None, description="How often it is measured.")
    source: Text | None = Field(default=None, description="Where the data comes from.")
    services: list[RecordId] = Field(
        default_factory=list, description="Ids of the services that use this indicator."
    )
    targets: list[TargetSpec] = Field(
        default_factory=list,
        description="Objectives: {value, service (default: all), by (a period; default: for "
        "good)}; a service's own target wins over one for all services.",
    )


class Indicator(IndicatorMeta, RecordBase):
    """An indicator (KPI)."""

    kind: ClassVar[Kind] = Kind.INDICATOR

    def better(self, before: float, after: float) -> bool | None:
        """Whether going from ``before`` to ``after`` is an improvement (None if unchanged)."""
        if after == before:
            return None
        return (after > before) == (self.direction is Direction.INCREASE)

    def result_targets(self) -> list[Target]:
        """The targets as `rex.results.Target`, ready for `rex.results.series_status`."""
        from ..results.period import Period
        from ..results.status import Target

        return [
            Target(t.value, t.service, Period.parse(t.by) if t.by else None) for t in self.targets
        ]


SPEC = KindSpec(
    name="indicators",
    singular="indicator",
    label="Indicateur",
    plural="Indicateurs",
    meta=IndicatorMeta,
    template=files("rex") / "templates" / "indicator.md",
    record=Indicator,
    links={"services": "services", "targets[].service": "services"},
    search=SearchFields(summary="definition", keywords=("unit", "formula", "source")),
    intro="Les indicateurs suivis avant et après les actions.",
    nav_order=30,
)
