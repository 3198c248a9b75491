"""Territories: the authorities services belong to, so a reader can tell whether a REX fits."""

from __future__ import annotations

import re
from enum import StrEnum
from importlib.resources import files
from typing import ClassVar

from pydantic import ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from ..i18n import _
from .common import Meta, RecordBase, Text
from .kinds import Kind, KindSpec, SearchFields

#: INSEE code of a commune (5 characters: digits, or 2A/2B for Corsica) or SIREN (9 digits).
CODE_PATTERN = re.compile(r"^(?:\d{5}|2[AB]\d{3}|\d{9})$")


class TerritoryType(StrEnum):
    """What kind of authority a territory is."""

    COMMUNE = "commune"
    INTERCOMMUNALITE = "intercommunalite"
    DEPARTEMENT = "departement"
    REGION = "region"
    ETAT = "etat"
    ETABLISSEMENT = "etablissement"
    AUTRE = "autre"


class TerritoryMeta(Meta):
    """Front matter of a territory (the authority a service belongs to)."""

    model_config = ConfigDict(title="rex territory", extra="forbid", frozen=True)

    type: TerritoryType = Field(
        description="commune, intercommunalite, departement, region, etat, etablissement or autre.",
    )
    population: int = Field(ge=0, description="Inhabitants (0 or more).", examples=[41200])
    region: Text = Field(description="The region it lies in.", examples=["Occitanie"])
    code: Text | None = Field(
        default=None,
        description="Official code: INSEE (5 characters, e.g. 31555 or 2A004) or SIREN (9 digits).",
        examples=["31555", "200046977"],
    )

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str | None) -> str | None:
        if value is not None and not CODE_PATTERN.match(value):
            raise PydanticCustomError(
                "territory_code",
                _("'{value}' is neither an INSEE code nor a SIREN number"),
                {
                    "value": value,
                    "code": "invalid-value",
                    "hint": _(
                        "INSEE: 5 characters (digits, or 2A/2B then 3 digits); "
                        "SIREN: 9 digits; put it in quotes to keep leading zeros"
                    ),
                },
            )
        return value


class Territory(TerritoryMeta, RecordBase):
    """A territory: a commune, an intercommunalité, a département..."""

    kind: ClassVar[Kind] = Kind.TERRITORY


SPEC = KindSpec(
    name="territories",
    singular="territory",
    label="Territoire",
    plural="Territoires",
    meta=TerritoryMeta,
    template=files("rex") / "templates" / "territory.md",
    record=Territory,
    search=SearchFields(keywords=("region", "code")),
    intro="Les collectivités et établissements dont les services ont écrit les fiches.",
    nav_order=45,
)
