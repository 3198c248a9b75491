"""REX (retours d'expérience): one dated project in one place, with its measures."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from importlib.resources import files
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from .common import Meta, Number, RecordBase, RecordId, Status, Text
from .context import Approach, Budget, NotDuplicateOf, Staff, Supersedes, Themes, WebLinks
from .kinds import Kind, KindSpec, SearchFields


class Outcome(StrEnum):
    """What a REX achieved."""

    SUCCESS = "success"
    PARTIAL = "partial"
    FAILURE = "failure"


class Measure(BaseModel):
    """An indicator's value before and after the action a REX describes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    indicator: RecordId = Field(description="Id of the indicator measured.")
    before: Number = Field(description="Value before the action.")
    after: Number = Field(description="Value after the action.")
    period: Text | None = Field(default=None, description="When, e.g. '2023 → 2024'.")
    note: Text | None = Field(default=None, description="How to read the figures.")

    @property
    def relative_change(self) -> float | None:
        """``(after - before) / |before|``, e.g. -0.25 for 12 -> 9; None when ``before`` is 0."""
        if self.before == 0:
            return None
        return (self.after - self.before) / abs(self.before)


class RexMeta(Meta):
    """Front matter of a REX (retour d'expérience: one dated project in one place)."""

    model_config = ConfigDict(title="rex rex", extra="forbid", frozen=True, serialize_by_alias=True)

    date: dt.date = Field(description="When the project ended or was assessed (YYYY-MM-DD).")
    status: Status = Field(description="draft, proposed, validated or retired.")
    outcome: Outcome = Field(description="success, partial or failure.")
    services: list[RecordId] = Field(
        min_length=1, description="Ids of the services concerned (at least one)."
    )
    practices: list[RecordId] = Field(
        default_factory=list, description="Ids of the practices applied."
    )
    actions: list[RecordId] = Field(
        default_factory=list, description="Ids of the actions this REX capitalises."
    )
    measures: list[Measure] = Field(
        default_factory=list, description="Indicator values before and after."
    )
    lessons: list[Text] = Field(
        min_length=1, description="What others should learn from it (at least one)."
    )
    authors: list[Text] = Field(default_factory=list, description="Who wrote it.")
    location: Text | None = Field(default=None, description="Where it happened.")
    # The context a reader needs to judge whether the project transfers to them.
    started: dt.date | None = Field(
        default=None,
        description="When the project started (YYYY-MM-DD; not after 'date').",
        examples=["2023-01-09"],
    )
    budget: Budget | None = Field(default=None, description="{amount, currency: EUR, note}.")
    staff: Staff | None = Field(default=None, description="{fte, note}: the people it took.")
    partners: list[Text] = Field(
        default_factory=list,
        description="Partners involved.",
        examples=[["Centre communal d'action sociale"]],
    )
    funding: list[Text] = Field(
        default_factory=list, description="Who paid.", examples=[["Budget de fonctionnement"]]
    )
    context: Text | None = Field(
        default=None,
        description="The situation before, in a sentence or two.",
        examples=["Des délais de 12 jours et des usagers qui relançaient."],
    )
    difficulties: list[Text] = Field(default_factory=list, description="What was hard.")
    success_factors: list[Text] = Field(default_factory=list, description="What made it work.")
    transferability: Text | None = Field(
        default=None,
        description="For whom it would work, and on what condition.",
        examples=["Toute commune de plus de 5 000 habitants dotée d'un logiciel de suivi."],
    )
    contact: Text | None = Field(
        default=None,
        description="A role or a service mailbox (never a person's address); left out of "
        "public sites and exports unless 'contact_public' is true.",
        examples=["Mission performance, performance@example.fr"],
    )
    contact_public: bool = Field(default=False, description="Whether a public site may show it.")
    themes: Themes
    approach: Approach
    web_links: WebLinks
    supersedes: Supersedes
    not_duplicate_of: NotDuplicateOf


class Rex(RexMeta, RecordBase):
    """A retour d'expérience."""

    kind: ClassVar[Kind] = Kind.REX


SPEC = KindSpec(
    name="rex",
    singular="rex",
    label="Retour d'expérience",
    plural="Retours d'expérience",
    meta=RexMeta,
    template=files("rex") / "templates" / "rex.md",
    record=Rex,
    links={
        "services": "services",
        "practices": "practices",
        "actions": "actions",
        "measures[].indicator": "indicators",
        "supersedes": "rex",
        "not_duplicate_of": "rex",
    },
    search=SearchFields(
        lessons="lessons",
        keywords=(
            "location",
            "authors",
            "measures[].note",
            "partners",
            "context",
            "difficulties",
            "success_factors",
            "transferability",
        ),
        date=("date",),
    ),
    intro="Chaque retour d'expérience raconte un projet daté, ses résultats et ses "
    "enseignements ; les échecs sont aussi utiles que les réussites.",
    nav_order=20,
)
