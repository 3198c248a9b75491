"""The health report as aligned plain text for a terminal, from the same sections as the page."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from ..i18n import _
from ..models import Status
from ..present import STATUS_LABELS
from .health import HealthReport, RecordRef
from .sections import (
    Bars,
    Block,
    Cell,
    Document,
    Items,
    Lines,
    Paragraph,
    Part,
    Table,
    report_sections,
)

WIDTH = 100
STEP = "  "


def render_text(report: HealthReport) -> str:
    """The report as plain text: sections, then their parts, indented; records by id."""
    return render_document(report_sections(report))


def render_document(doc: Document) -> str:
    """A document of sections as plain text (`render_text` of any `Document`)."""
    out = [doc.title]
    out += _blocks(doc.intro, "")
    for section in doc.sections:
        out += ["", section.title]
        for block in section.blocks:
            if isinstance(block, Part):
                out += ["", STEP + block.title]
                out += _blocks(block.blocks, STEP * 2)
            else:
                out += _blocks([block], STEP)
    return "\n".join(out)


def _blocks(blocks: Iterable[Block], indent: str) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out += textwrap.wrap(block.text, WIDTH, initial_indent=indent, subsequent_indent=indent)
        elif isinstance(block, Table):
            out += _table(block.headers, block.rows, indent)
        elif isinstance(block, Items):
            # A list names files to open: the path goes with the id.
            items = [f"{indent}- {_cell(item, paths=True)[0]}" for item in block.items]
            out += items or [indent + _(block.empty)]
        elif isinstance(block, Bars):
            continue  # the table that follows holds the same figures
    return out


def _cell(cell: Cell, *, paths: bool = False) -> list[str]:
    """A cell as lines: its pieces joined by a space, `Lines` one per line."""
    pieces = cell if isinstance(cell, tuple) else (cell,)
    head: list[str] = []
    rest: list[str] = []
    for piece in pieces:
        if isinstance(piece, RecordRef):
            head.append(f"{piece.id} ({piece.path})" if paths else piece.id)
        elif isinstance(piece, Status):
            head.append(f"({STATUS_LABELS.local(piece)})")
        elif isinstance(piece, Lines):
            rest += piece.items
        else:
            head.append(piece)
    first = " ".join(head)
    return [first, *rest] if first else rest or [""]


def _table(headers: Sequence[str], rows: Iterable[Sequence[Cell]], indent: str) -> list[str]:
    grid = [[[h] for h in headers], *([_cell(c) for c in row] for row in rows)]
    widths = [max(len(line) for row in grid for line in row[i]) for i in range(len(headers))]
    out = []
    for row in grid:
        # A cell of several lines (a practice's indicators) makes its row that tall.
        for n in range(max(len(cell) for cell in row)):
            parts = [
                (cell[n] if n < len(cell) else "").ljust(width)
                for cell, width in zip(row, widths, strict=True)
            ]
            out.append((indent + "  ".join(parts)).rstrip())
    return out


__all__ = ["render_document", "render_text"]
