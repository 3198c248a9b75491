"""The health report as a Markdown page, from the same sections as the site's dashboard."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

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

Link = Callable[[RecordRef], str | None]

_BACKSLASH = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]|#"})


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it literally, in a paragraph or a table cell."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.translate(_BACKSLASH)


def render_markdown(
    report: HealthReport, link: Link | None = None, *, level: int = 1, validation: bool = True
) -> str:
    """The report as a Markdown page ("Dashboard", in the language spoken now).

    ``link`` maps a record to its URL (None: plain text); ``level`` is the level of the page
    title, the sections follow below it. ``validation=False`` leaves out the validation counts,
    which cover every file read (internal records included): use it for a public site.
    """
    return render_markdown_document(report_sections(report, validation=validation), link, level)


def render_markdown_document(doc: Document, link: Link | None = None, level: int = 1) -> str:
    """A document of sections as Markdown (`render_markdown` of any `Document`)."""
    writer = _Writer(link)
    h1, h2, h3 = ("#" * (level + i) for i in range(3))
    out = [f"{h1} {md_escape(doc.title)}", ""]
    out += writer.blocks(doc.intro)
    for section in doc.sections:
        out += [f"{h2} {md_escape(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Part):
                out += [f"{h3} {md_escape(block.title)}", ""]
                out += writer.blocks(block.blocks)
            else:
                out += writer.blocks([block])
    return "\n".join(out).rstrip() + "\n"


class _Writer:
    """Markdown for blocks and cells; every text goes through `md_escape`."""

    def __init__(self, link: Link | None) -> None:
        self.link = link

    def cell(self, cell: Cell) -> str:
        """One cell: its pieces joined by a space."""
        pieces = cell if isinstance(cell, tuple) else (cell,)
        return " ".join(self.piece(p) for p in pieces)

    def piece(self, piece: str | RecordRef | Status | Lines) -> str:
        """Text escaped, a record linked, a status in brackets, lines joined by breaks."""
        if isinstance(piece, RecordRef):
            url = self.link(piece) if self.link else None
            label = md_escape(piece.title)
            return f"[{label}]({url})" if url else label
        if isinstance(piece, Status):
            return f"({STATUS_LABELS.local(piece)})"
        if isinstance(piece, Lines):
            return "<br>".join(md_escape(line) for line in piece.items)
        return md_escape(piece)

    def blocks(self, blocks: Iterable[Block]) -> list[str]:
        """The Markdown lines of ``blocks``, each followed by a blank line (charts left out)."""
        out: list[str] = []
        for block in blocks:
            if isinstance(block, Paragraph):
                out += [md_escape(block.text), ""]
            elif isinstance(block, Table):
                out += self.table(block.headers, block.rows)
            elif isinstance(block, Items):
                items = [f"- {self.cell(item)}" for item in block.items]
                out += [*(items or [md_escape(_(block.empty))]), ""]
            elif isinstance(block, Bars):
                continue  # the table that follows holds the same figures
        return out

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> list[str]:
        """A pipe table."""
        lines = ["| " + " | ".join(md_escape(h) for h in headers) + " |"]
        lines.append("|" + "---|" * len(headers))
        lines += ["| " + " | ".join(self.cell(c) for c in row) + " |" for row in rows]
        return [*lines, ""]


__all__ = ["Link", "md_escape", "render_markdown", "render_markdown_document"]
