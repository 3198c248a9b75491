"""The record models: what the front matter of each kind may hold.

Each kind has a ``*Meta`` model (exactly the front matter, exported as JSON Schema) and a record
model that adds what rex knows from the file: its id, path and body.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from .errors import RexError
from .frontmatter import KeyPath
from .yaml_rules import MAX_EXACT_INT

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MIN, ID_MAX = 2, 80

RecordId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, min_length=ID_MIN, max_length=ID_MAX),
    Field(description="The id of another record: its file name without '.md'."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: Tags become page names (``tags/<slug>/``): longer ones make file names too long to write.
TAG_MAX = 80
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TAG_MAX)]


def _plain_number(value: Any) -> Any:
    # pydantic reads true as 1 and rounds huge integers silently: a figure must be written as one.
    if isinstance(value, bool):
        raise PydanticCustomError("number_bool", "a number is expected, not true or false")
    if isinstance(value, int) and abs(value) > MAX_EXACT_INT:
        raise PydanticCustomError("number_too_large", "the integer is beyond 2^53")
    return value


#: A finite number, as JSON readers and charts can use it.
Number = Annotated[float, BeforeValidator(_plain_number), Field(allow_inf_nan=False)]


class Kind(StrEnum):
    """The four kinds of record, named after their folder in the corpus."""

    SERVICE = "services"
    INDICATOR = "indicators"
    PRACTICE = "practices"
    REX = "rex"

    @property
    def singular(self) -> str:
        """The kind's name in the singular, as used on the command line (``rex new practice``)."""
        return _SINGULAR[self]

    @classmethod
    def _missing_(cls, value: object) -> Kind | None:
        # Kind("practice") and Kind("Practices") work too: people name kinds both ways.
        if isinstance(value, str):
            name = value.lower()
            for kind in cls:
                if name in (kind.value, _SINGULAR[kind]):
                    return kind
        return None


def parse_kind(name: str) -> Kind:
    """The kind named ``name`` (``practice`` or ``practices``); raise `RexError` otherwise."""
    try:
        return Kind(name)
    except ValueError:
        choices = ", ".join(kind.singular for kind in Kind)
        raise RexError(
            f"unknown kind '{name}'", hint=f"use one of: {choices}", exit_code=2
        ) from None


_SINGULAR = {
    Kind.SERVICE: "service",
    Kind.INDICATOR: "indicator",
    Kind.PRACTICE: "practice",
    Kind.REX: "rex",
}


class Status(StrEnum):
    """Where a practice or REX stands in its review cycle."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    VALIDATED = "validated"
    RETIRED = "retired"


class Outcome(StrEnum):
    """What a REX achieved."""

    SUCCESS = "success"
    PARTIAL = "partial"
    FAILURE = "failure"


class Direction(StrEnum):
    """Which way an indicator is better."""

    INCREASE = "increase"
    DECREASE = "decrease"


@dataclass(frozen=True, slots=True)
class Link:
    """A reference from one record to another, with where it is written."""

    kind: Kind
    id: str
    path: KeyPath


class _Meta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    title: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=3, max_length=200),
        Field(description="Title shown on the site and in search results (3 to 200 characters)."),
    ]
    tags: list[Tag] = Field(
        default_factory=list, description="Free keywords, e.g. 'usagers', 'restauration'."
    )
    visibility: Literal["internal", "public"] = Field(
        default="internal",
        description="'public' records may be published on a public site; records naming staff "
        "or residents must stay 'internal' (the default).",
    )
    extra: dict[str, Any] = Field(
        default_factory=dict, description="A free mapping for local data that rex does not read."
    )


class ServiceMeta(_Meta):
    """Front matter of a service (a team or department serving users)."""

    model_config = ConfigDict(title="rex service", extra="forbid", frozen=True)

    description: Text | None = Field(default=None, description="What the service does.")
    domain: Text | None = Field(default=None, description="Policy area, e.g. 'Cadre de vie'.")
    parent: RecordId | None = Field(
        default=None, description="The id of the service this one belongs to."
    )


class IndicatorMeta(_Meta):
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


class PracticeMeta(_Meta):
    """Front matter of a practice (a bonne pratique others can adopt)."""

    model_config = ConfigDict(title="rex practice", extra="forbid", frozen=True)

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


class RexMeta(_Meta):
    """Front matter of a REX (retour d'expérience: one dated project in one place)."""

    model_config = ConfigDict(title="rex rex", extra="forbid", frozen=True)

    date: dt.date = Field(description="When the project ended or was assessed (YYYY-MM-DD).")
    status: Status = Field(description="draft, proposed, validated or retired.")
    outcome: Outcome = Field(description="success, partial or failure.")
    services: list[RecordId] = Field(
        min_length=1, description="Ids of the services concerned (at least one)."
    )
    practices: list[RecordId] = Field(
        default_factory=list, description="Ids of the practices applied."
    )
    measures: list[Measure] = Field(
        default_factory=list, description="Indicator values before and after."
    )
    lessons: list[Text] = Field(
        min_length=1, description="What others should learn from it (at least one)."
    )
    authors: list[Text] = Field(default_factory=list, description="Who wrote it.")
    location: Text | None = Field(default=None, description="Where it happened.")


_LINK_FIELDS: dict[Kind, dict[str, Kind]] = {
    Kind.SERVICE: {"parent": Kind.SERVICE},
    Kind.INDICATOR: {"services": Kind.SERVICE},
    Kind.PRACTICE: {"services": Kind.SERVICE, "indicators": Kind.INDICATOR},
    Kind.REX: {"services": Kind.SERVICE, "practices": Kind.PRACTICE},
}


def iter_links(kind: Kind, data: Mapping[str, Any]) -> Iterator[Link]:
    """The links written in a record's front matter, valid or not.

    Works on raw front matter too (values of the wrong type are skipped), so links are
    checked even in a file that has other errors.
    """
    for name, target in _LINK_FIELDS[kind].items():
        value = data.get(name)
        if isinstance(value, str):
            yield Link(target, value, (name,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield Link(target, item, (name, i))
    measures = data.get("measures") if kind is Kind.REX else None
    if isinstance(measures, list):
        for i, measure in enumerate(measures):
            indicator = (
                measure.get("indicator")
                if isinstance(measure, Mapping)
                else getattr(measure, "indicator", None)
            )
            if isinstance(indicator, str):
                yield Link(Kind.INDICATOR, indicator, ("measures", i, "indicator"))


class _RecordMixin(BaseModel):
    """What rex adds to the front matter: identity, file and body."""

    kind: ClassVar[Kind]
    id: str = Field(description="The file name without '.md'.")
    path: Path = Field(description="The file, as found under the corpus folder given to rex.")
    relpath: str = Field(description="The file's path relative to the corpus folder (POSIX).")
    body: str = Field(default="", description="The Markdown text after the front matter.")
    body_line: int = Field(default=1, description="The line where the body starts.")
    digest: str = Field(default="", description="A hash of the file's bytes.")

    def links(self) -> Iterator[Link]:
        """Every reference this record makes to another, with where it is written."""
        return iter_links(self.kind, self.__dict__)


class Service(ServiceMeta, _RecordMixin):
    """A service: a team or department serving users."""

    kind: ClassVar[Kind] = Kind.SERVICE


class Indicator(IndicatorMeta, _RecordMixin):
    """An indicator (KPI)."""

    kind: ClassVar[Kind] = Kind.INDICATOR

    def better(self, before: float, after: float) -> bool | None:
        """Whether going from ``before`` to ``after`` is an improvement (None if unchanged)."""
        if after == before:
            return None
        return (after > before) == (self.direction is Direction.INCREASE)


class Practice(PracticeMeta, _RecordMixin):
    """A bonne pratique."""

    kind: ClassVar[Kind] = Kind.PRACTICE


class Rex(RexMeta, _RecordMixin):
    """A retour d'expérience."""

    kind: ClassVar[Kind] = Kind.REX


Record = Service | Indicator | Practice | Rex

META_MODELS: dict[Kind, type[_Meta]] = {
    Kind.SERVICE: ServiceMeta,
    Kind.INDICATOR: IndicatorMeta,
    Kind.PRACTICE: PracticeMeta,
    Kind.REX: RexMeta,
}
RECORD_MODELS: dict[Kind, type[Service | Indicator | Practice | Rex]] = {
    Kind.SERVICE: Service,
    Kind.INDICATOR: Indicator,
    Kind.PRACTICE: Practice,
    Kind.REX: Rex,
}
