"""Practices: the bonnes pratiques other teams can adopt."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from typing import Annotated, ClassVar

from pydantic import ConfigDict, Field, StringConstraints

from .common import Meta, RecordBase, RecordId, Status, Text
from .context import Approach, NotDuplicateOf, Supersedes, Themes, WebLinks
from .kinds import Kind, KindSpec, SearchFields


class PracticeMeta(Meta):
    """Front matter of a practice (a bonne pratique others can adopt)."""

    model_config = ConfigDict(
        title="rex practice", extra="forbid", frozen=True, serialize_by_alias=True
    )

    summary: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
        Field(description="One or two sentences shown in lists (300 characters at most)."),
    ]
    status: Status = Field(description="draft, proposed, validated or retired.")
    services: list[RecordId] = Field(
        min_length=1, description="Ids of the services concerned (at least one)."
    )
    indicators: list[RecordId] = Field(
        min_length=1, description="Ids of the indicators the practice aims to move (at least one)."
    )
    owner: Text | None = Field(default=None, description="Who keeps the practice up to date.")
    created: dt.date | None = Field(default=None, description="Date written (YYYY-MM-DD).")
    updated: dt.date | None = Field(default=None, description="Date last updated (YYYY-MM-DD).")
    review_by: dt.date | None = Field(
        default=None, description="Date by which the practice should be reviewed (YYYY-MM-DD)."
    )
    themes: Themes
    approach: Approach
    web_links: WebLinks
    supersedes: Supersedes
    not_duplicate_of: NotDuplicateOf


class Practice(PracticeMeta, RecordBase):
    """A bonne pratique."""

    kind: ClassVar[Kind] = Kind.PRACTICE


SPEC = KindSpec(
    name="practices",
    singular="practice",
    label="Bonne pratique",
    plural="Bonnes pratiques",
    meta=PracticeMeta,
    template=files("rex") / "templates" / "practice.md",
    record=Practice,
    links={
        "services": "services",
        "indicators": "indicators",
        "supersedes": "practices",
        "not_duplicate_of": "practices",
    },
    search=SearchFields(summary="summary", keywords=("owner",), date=("updated", "created")),
    intro="Les bonnes pratiques du référentiel, avec le nombre de retours "
    "d'expérience qui les documentent.",
    nav_order=10,
)
