"""The rows of each kind's index table: cells that carry their content and their sort key.

A cell holds text, a `Markup` fragment (a badge) or links (`Link`: a target page and a text),
never a URL: the table's template writes each link relative to the page the row lands on
(a listing's page 1 or page 2, or the rows file beside page 1).

The built-in kinds have their own columns; a registered kind without an entry in `ROWS`
gets `generic_rows`: its title, the records it links to (one column per kind) and its date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..models import Action, ActionStatus, Kind, Priority, Record, link_targets
from ..present import PRIORITY_LABELS
from .cycle import action_badge, due
from .html import KIND_LABELS, Link, french_date, outcome_badge, status_badge
from .routes import record_src
from .types import SiteContext


@dataclass(frozen=True)
class Cell:
    """A table cell: text or `Markup`, or links (shown comma-separated, ``—`` if none); and
    the key it sorts by."""

    content: str | Markup | tuple[Link, ...]
    sort: str | int = ""


def text_cell(text: str) -> Cell:
    """A cell of text, sorted without case."""
    return Cell(text, text.casefold())


def number_cell(value: int) -> Cell:
    """A cell of a count, sorted as a number."""
    return Cell(str(value), value)


def date_cell(value: dt.date | None) -> Cell:
    """A date in French (``—`` if none), sorted by the ISO date."""
    return Cell(french_date(value) if value else "—", str(value or ""))


Row = Sequence[Cell]


def record_link(record: Record) -> Link:
    """A link to ``record``'s page, with its title."""
    return Link(record_src(record.kind, record.id), record.title)


def _links(records: Sequence[Record]) -> Cell:
    return Cell(
        tuple(record_link(r) for r in records), ", ".join(r.title for r in records).casefold()
    )


def title_cell(record: Record) -> Cell:
    """A link to ``record``, sorted by its title."""
    return Cell((record_link(record),), record.title.casefold())


def _practice_rows(ctx: SiteContext) -> tuple[list[str], list[Row]]:
    headers = ["Titre", "Statut", "Services", "Indicateurs", "Mise à jour", "REX"]
    rows: list[Row] = []
    for p in ctx.corpus.practices.values():
        n = len(ctx.rex_by_practice.get(p.id, []))
        rows.append(
            [
                title_cell(p),
                Cell(status_badge(p.status), p.status.value),
                _links(ctx.services_of(p)),
                _links(ctx.indicators_of(p)),
                date_cell(p.updated or p.created),
                number_cell(n),
            ]
        )
    return headers, rows


def _rex_rows(ctx: SiteContext) -> tuple[list[str], list[Row]]:
    headers = ["Titre", "Statut", "Services", "Indicateurs", "Date", "Résultat"]
    rexes = sorted(ctx.corpus.rex.values(), key=lambda r: (r.date, r.id), reverse=True)
    rows: list[Row] = [
        [
            title_cell(r),
            Cell(status_badge(r.status), r.status.value),
            _links(ctx.services_of(r)),
            _links(ctx.indicators_of(r)),
            date_cell(r.date),
            Cell(outcome_badge(r.outcome), r.outcome.value),
        ]
        for r in rexes
    ]
    return headers, rows


def _indicator_rows(ctx: SiteContext) -> tuple[list[str], list[Row]]:
    headers = ["Titre", "Unité", "Services", "Pratiques", "Mesures", "REX"]
    rows: list[Row] = []
    for i in ctx.corpus.indicators.values():
        measures = ctx.measures_by_indicator.get(i.id, [])
        practices = len(ctx.corpus.incoming(i, Kind.PRACTICE))
        rex = len({r.id for r, _ in measures})
        rows.append(
            [
                title_cell(i),
                text_cell(i.unit),
                _links(ctx.services_of(i)),
                number_cell(practices),
                number_cell(len(measures)),
                number_cell(rex),
            ]
        )
    return headers, rows


def _service_rows(ctx: SiteContext) -> tuple[list[str], list[Row]]:
    headers = ["Titre", "Domaine", "Service parent", "Pratiques", "Indicateurs", "REX"]
    rows: list[Row] = []
    for s in ctx.corpus.services.values():
        counts = [len(ctx.corpus.incoming(s, k)) for k in (Kind.PRACTICE, Kind.INDICATOR, Kind.REX)]
        rows.append(
            [
                title_cell(s),
                text_cell(s.domain or ""),
                _links(ctx.corpus.outgoing(s, Kind.SERVICE)),
                *(number_cell(n) for n in counts),
            ]
        )
    return headers, rows


def _action_rows(ctx: SiteContext) -> tuple[list[str], list[Row]]:
    headers = ["Titre", "Statut", "Services", "Pilote", "Échéance", "Priorité"]
    statuses, priorities = list(ActionStatus), list(Priority)
    rows: list[Row] = []
    for a in sorted(ctx.corpus.actions.values(), key=lambda a: (a.due or dt.date.max, a.id)):
        rows.append(
            [
                title_cell(a),
                Cell(action_badge(a.status), statuses.index(a.status)),
                _links(ctx.corpus.outgoing(a, Kind.SERVICE)),
                text_cell(a.owner),
                Cell(due(a, ctx.today), str(a.due or "")),
                Cell(PRIORITY_LABELS[a.priority], priorities.index(a.priority))
                if a.priority
                else Cell("—", len(priorities)),
            ]
        )
    return headers, rows


RowMaker = Callable[[SiteContext], tuple[list[str], list[Row]]]

#: The index table of the kinds that have their own; others get `generic_rows`.
ROWS: dict[Kind, RowMaker] = {
    Kind.PRACTICE: _practice_rows,
    Kind.REX: _rex_rows,
    Kind.INDICATOR: _indicator_rows,
    Kind.SERVICE: _service_rows,
    Action.kind: _action_rows,
}


def generic_rows(ctx: SiteContext, kind: Kind) -> tuple[list[str], list[Row]]:
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
                title_cell(record),
                *(_links(ctx.corpus.outgoing(record, t)) for t in targets),
                *([date_cell(day)] if dated else []),
            ]
        )
    return headers, rows


def kind_rows(ctx: SiteContext, kind: Kind) -> tuple[list[str], list[Row]]:
    """The headers and rows of ``kind``'s index table."""
    maker = ROWS.get(kind)
    return maker(ctx) if maker is not None else generic_rows(ctx, kind)
