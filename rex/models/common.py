"""What every kind shares: ids, text, the common front matter keys, links, the record base.

Each kind has a ``*Meta`` model (exactly the front matter, exported as JSON Schema) built on
`Meta`, and a record model that adds what rex knows from the file (`RecordBase`: id, path,
body).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from ..frontmatter import KeyPath
from ..i18n import _
from ..yaml_rules import MAX_EXACT_INT
from .kinds import Kind

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
        raise PydanticCustomError("number_bool", _("a number is expected, not true or false"))
    if isinstance(value, int) and abs(value) > MAX_EXACT_INT:
        raise PydanticCustomError("number_too_large", _("the integer is beyond 2^53"))
    return value


#: A finite number, as JSON readers and charts can use it.
Number = Annotated[float, BeforeValidator(_plain_number), Field(allow_inf_nan=False)]


class Status(StrEnum):
    """Where a practice or REX stands in its review cycle."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    VALIDATED = "validated"
    RETIRED = "retired"


@dataclass(frozen=True, slots=True)
class Link:
    """A reference from one record to another, with where it is written."""

    kind: Kind
    id: str
    path: KeyPath


class Meta(BaseModel):
    """The front matter keys of every kind: title, tags, visibility, extra."""

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


_Meta = Meta  # the name the models used before the package split


def _item(value: Any, key: str) -> Any:
    # Raw front matter holds mappings; a record holds models: read both the same way.
    return value.get(key) if isinstance(value, Mapping) else getattr(value, key, None)


def iter_links(kind: Kind, data: Mapping[str, Any]) -> Iterator[Link]:
    """The links written in a record's front matter, valid or not.

    Works on raw front matter too (values of the wrong type are skipped), so links are
    checked even in a file that has other errors.
    """
    for field_path, target_name in kind.spec.links.items():
        target = Kind(target_name)
        outer, _, inner = field_path.partition("[].")
        value = data.get(outer)
        if not inner:
            if isinstance(value, str):
                yield Link(target, value, (outer,))
                continue
            items: list[tuple[KeyPath, Any]] = (
                [((outer, i), item) for i, item in enumerate(value)]
                if isinstance(value, list)
                else []
            )
        elif isinstance(value, list):
            items = [((outer, i, inner), _item(item, inner)) for i, item in enumerate(value)]
        else:
            items = []
        for path, item in items:
            if isinstance(item, str):
                yield Link(target, item, path)


class RecordBase(BaseModel):
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


_RecordMixin = RecordBase
