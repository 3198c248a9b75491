"""Indicators: the KPIs measured before and after an action."""

from __future__ import annotations

from enum import StrEnum
from importlib.resources import files
from typing import ClassVar

from pydantic import ConfigDict, Field

from .common import Meta, RecordBase, RecordId, Text
from .kinds import Kind, KindSpec, SearchFields


class Direction(StrEnum):
    """Which way an indicator is better."""

    INCREASE = "increase"
    DECREASE = "decrease"


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


class Indicator(IndicatorMeta, RecordBase):
    """An indicator (KPI)."""

    kind: ClassVar[Kind] = Kind.INDICATOR

    def better(self, before: float, after: float) -> bool | None:
        """Whether going from ``before`` to ``after`` is an improvement (None if unchanged)."""
        if after == before:
            return None
        return (after > before) == (self.direction is Direction.INCREASE)


SPEC = KindSpec(
    name="indicators",
    singular="indicator",
    label="Indicateur",
    plural="Indicateurs",
    meta=IndicatorMeta,
    template=files("rex") / "templates" / "indicator.md",
    record=Indicator,
    links={"services": "services"},
    search=SearchFields(summary="definition", keywords=("unit", "formula", "source")),
    intro="Les indicateurs suivis avant et après les actions.",
    nav_order=30,
)
