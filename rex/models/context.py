"""Keys that tell a reader whether a practice or a REX transfers: budget, staff, links, themes.

Practices and REX share the annotated types below (themes, approach, web links, supersedes,
not_duplicate_of); REX also take a `Budget` and `Staff` (their other context keys are plain
text in `rex.py`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Annotated, Literal
from urllib.parse import unquote

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from ..i18n import _
from .common import RecordId, Text

#: Schemes a link in front matter may use; anything else (javascript:, data:...) is refused.
URL_SCHEMES = frozenset({"http", "https"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be a link (None when it is http, https or a relative path).

    It is judged as a browser would read it: character references and percent escapes
    decoded, controls and spaces dropped (``jav&#x09;ascript:``, ``%6Aavascript:``).
    """
    squeezed = url
    for _round in range(3):  # escapes of escapes: decode until nothing changes
        decoded = unquote(html.unescape(squeezed))
        if decoded == squeezed:
            break
        squeezed = decoded
    squeezed = "".join(
        c for c in squeezed if not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf"))
    ).replace("\\", "/")
    scheme = _SCHEME.match(squeezed)
    if scheme is not None and scheme.group(1).lower() not in URL_SCHEMES:
        return _("the '{scheme}:' scheme").format(scheme=scheme.group(1).lower())
    if scheme is None and squeezed.startswith("//"):
        return _("a link to another host without 'https:'")
    return None


class WebLink(BaseModel):
    """A document or page to read further: a title and an http(s) or relative URL."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text = Field(description="What the link leads to.", examples=["Délibération du 12 mai"])
    url: Text = Field(
        description="An http or https address, or a path relative to the record.",
        examples=["https://www.example.fr/bilan.pdf", "../annexes/bilan.pdf"],
    )

    @field_validator("url")
    @classmethod
    def _safe(cls, value: str) -> str:
        problem = url_problem(value)
        if problem is not None:
            raise PydanticCustomError(
                "unsafe_url",
                _("{what} is not allowed in a link"),
                {
                    "what": problem,
                    "code": "invalid-url",
                    "hint": _("use an http or https address, or a path relative to the record"),
                },
            )
        return value


class Budget(BaseModel):
    """What a project cost: an amount in euros and how to read it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: float = Field(ge=0, description="Amount in euros (0 or more).", examples=[12000])
    currency: Literal["EUR"] = Field(default="EUR", description="Always 'EUR'.")
    note: Text | None = Field(
        default=None,
        description="What it covers.",
        examples=["Balances et bacs, hors temps des agents"],
    )


class Staff(BaseModel):
    """The people a project took, in full-time equivalents."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fte: float = Field(ge=0, description="Full-time equivalents (ETP), e.g. 0.5.", examples=[1.5])
    note: Text | None = Field(
        default=None, description="Who, for how long.", examples=["Deux agents pendant six mois"]
    )


Themes = Annotated[
    list[Text],
    Field(
        default_factory=list,
        description="Theme ids from content/vocabulary.yml.",
        examples=[["relation-usager", "delais"]],
    ),
]
Approach = Annotated[
    Text | None,
    Field(
        default=None,
        description="The approach id from content/vocabulary.yml.",
        examples=["mesure-et-affichage"],
    ),
]
WebLinks = Annotated[
    list[WebLink],
    Field(
        default_factory=list,
        alias="links",
        description="Documents to read further: {title, url} (http, https or relative path).",
    ),
]
Supersedes = Annotated[
    list[RecordId],
    Field(
        default_factory=list,
        description="Ids of records of the same kind this one replaces.",
        examples=[["ancienne-fiche"]],
    ),
]
NotDuplicateOf = Annotated[
    list[RecordId],
    Field(
        default_factory=list,
        description="Ids of records of the same kind that look alike but are not the same "
        "thing: silences the 'possible-duplicate' warning for those pairs.",
        examples=[["pesee-ecole-jaures-2024"]],
    ),
]
TextList = Annotated[list[Text], Field(default_factory=list)]
