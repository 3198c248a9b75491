"""The blocks a report is made of: sections, parts, paragraphs, tables, lists and charts.

Plain text, not yet marked up: each renderer (text, Markdown, the site's dashboard) escapes
and marks it up its own way.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_
from ..models import Status
from .refs import RecordRef

#: What an empty list says; marked for the catalogue, translated by each renderer.
NO_GAP = N_("No point of attention.")


@dataclass(frozen=True, slots=True)
class Lines:
    """Several short lines in one table cell; ``bullets``: a list rather than line breaks."""

    items: tuple[str, ...]
    bullets: bool = False


# A piece of a cell: text, a record (a link where there are links) or a status (a badge).
# The report holds plain text; each renderer escapes it for its own markup.
Piece = str | RecordRef | Status | Lines
Cell = Piece | tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of plain text."""

    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table whose first column names the row; ``grows``: one row per record, so a page may
    cap it."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    grows: bool = False
    compact: bool = False


@dataclass(frozen=True, slots=True)
class Items:
    """A list of records (each item a cell), or ``empty`` (a message id, translated when
    rendered) when there are none."""

    items: tuple[Cell, ...]
    empty: str = NO_GAP


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart: its label, one value per series (stacked), the text after it."""

    label: str
    values: tuple[float, ...]
    text: str


@dataclass(frozen=True, slots=True)
class Bars:
    """A bar chart of the table that follows it; renderings without charts leave it out."""

    id: str
    title: str
    desc: str
    bars: tuple[Bar, ...]
    series: tuple[str, ...] = ("",)
    maximum: float | None = None
    caption: str = ""
    grows: bool = False


Block = Paragraph | Table | Items | Bars


@dataclass(frozen=True, slots=True)
class Part:
    """A titled part of a section."""

    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A titled section of the report: blocks and parts, in order."""

    title: str
    blocks: tuple[Block | Part, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """The whole report: its title, introduction and sections."""

    title: str
    intro: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
