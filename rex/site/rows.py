"""The rows of each kind's index table: cells that carry their HTML and their sort key.

The four built-in kinds have their own columns; a registered kind without an entry in `ROWS`
gets `generic_rows`: its title, the records it links to (one column per kind) and its date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..models import Kind, Record, link_targets
from .html import KIND_LABELS, esc, french_date, join, link, outcome_badge, status_badge
from .routes import record_src
from .types import SiteContext


@dataclass(frozen=True)
class Cell:
    """A table cell: HTML, and the key it sorts by."""

    html: str
    sort: str | int = ""


def text_cell(text: str) -> Cell:
    return Cell(esc(text), text.casefold())


def date_cell(value: dt.date | None) -> Cell:
    return Cell(esc(french_date(value)) if value else "—", str(value or ""))


Row = Sequence[Cell]


def _links(ctx: SiteContext, here: str, records: Sequence[Record]) -> Cell:
    return Cell(
        join(link(ctx.linker, here, record_src(r.kind, r.id), r.title) for r in records),
        ", ".join(r.title for r in records).casefold(),
    )


def title_cell(ctx: SiteContext, here: str, record: Record) -> Cell:
    return Cell(
        link(ctx.linker, here, record_src(record.kind, record.id), record.title),
        record.title.casefold(),
    )


def _practice_rows(ctx: SiteContext, here: str) -> tuple[list[str], list[Row]]:
    headers = ["Titre", "Statut", "Services", "Indicateurs", "Mise à jour", "REX"]
    rows: list[Row] = []
    for p in ctx.corpus.practices.values():
        n = len(ctx.rex_by_practice.get(p.id, []))
        rows.append(
            [
                title_cell(ctx, here, p),
                Cell(status_badge(p.status), p.status.value),
                _links(ctx, here, ctx.services_of(p)),
                _links(ctx, here, ctx.indicators_of(p)),
                date_cell(p.updated or p.created),
                Cell(str(n), n),
            ]
        )
    return headers, rows


def _rex_rows(ctx: SiteContext, here: str) -> tuple[list[str], list[Row]]:
    headers = ["Titre", "Statut", "Services", "Indicateurs", "Date", "Résultat"]
    rexes = sorted(ctx.corpus.rex.values(), key=lambda r: (r.date, r.id), reverse=True)
    rows: list[Row] = [
        [
            title_cell(ctx, here, r),
            Cell(status_badge(r.status), r.status.value),
            _links(ctx, here, ctx.services_of(r)),
            _links(ctx, here, ctx.indicators_of(r)),
            date_cell(r.date),
            Cell(outcome_badge(r.outcome), r.outcome.value),
        ]
        for r in rexes
    ]
    return headers, rows


def _indicator_rows(ctx: SiteContext, here: str) -> tuple[list[str], list[Row]]:
    headers = ["Titre", "Unité", "Services", "Pratiques", "Mesures", "REX"]
    rows: list[Row] = []
    for i in ctx.corpus.indicators.values():
        measures = ctx.measures_by_indicator.get(i.id, [])
        practices = len(ctx.corpus.incoming(i, Kind.PRACTICE))
        rex = len({r.id for r, _ in measures})
        rows.append(
            [
                title_cell(ctx, here, i),
                text_cell(i.unit),
                _links(ctx, here, ctx.services_of(i)),
                Cell(str(practices), practices),
                Cell(str(len(measures)), len(measures)),
                Cell(str(rex), rex),
            ]
        )
    return headers, rows


def _service_rows(ctx: SiteContext, here: str) -> tuple[list[str], list[Row]]:
    headers = ["Titre", "Domaine", "Service parent", "Pratiques", "Indicateurs", "REX"]
    rows: list[Row] = []
    for s in ctx.corpus.services.values():
        counts = [len(ctx.corpus.incoming(s, k)) for k in (Kind.PRACTICE, Kind.INDICATOR, Kind.REX)]
        rows.append(
            [
                title_cell(ctx, here, s),
                text_cell(s.domain or ""),
                _links(ctx, here, ctx.corpus.outgoing(s, Kind.SERVICE)),
                *(Cell(str(n), n) for n in counts),
            ]
        )
    return headers, rows


RowMaker = Callable[[SiteContext, str], tuple[list[str], list[Row]]]

#: The index table of the kinds that have their own; others get `generic_rows`.
ROWS: dict[Kind, RowMaker] = {
    Kind.PRACTICE: _practice_rows,
    Kind.REX: _rex_rows,
    Kind.INDICATOR: _indicator_rows,
    Kind.SERVICE: _service_rows,
}


def generic_rows(ctx: SiteContext, kind: Kind, here: str) -> tuple[list[str], list[Row]]:
    """Title, linked records by kind and date (when the kind has one), for any kind."""
    targets = link_targets(kind)
    dated = bool(kind.spec.search.date)
    headers = ["Titre", *(KIND_LABELS[t][1] for t in targets), *(["Date"] if dated else [])]
    rows: list[Row] = []
    for record in ctx.corpus.records(kind):
        days = [getattr(record, name, None) for name in kind.spec.search.date]
        day = next((d for d in days if isinstance(d, dt.date)), None)
        rows.append(
            [
                title_cell(ctx, here, record),
                *(_links(ctx, here, ctx.corpus.outgoing(record, t)) for t in targets),
                *([date_cell(day)] if dated else []),
            ]
        )
    return headers, rows


def kind_rows(ctx: SiteContext, kind: Kind, here: str) -> tuple[list[str], list[Row]]:
    """The headers and rows of ``kind``'s index table."""
    maker = ROWS.get(kind)
    return maker(ctx, here) if maker is not None else generic_rows(ctx, kind, here)
