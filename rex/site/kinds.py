"""Record pages by kind: the dedicated page of each built-in kind, a generic one for the rest.

A kind registered without a renderer in `RENDERERS` still gets a page: its information box
(every front matter key), its links, its body, and the records that link to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from enum import Enum
from functools import partial
from typing import Any

from ..models import Action, Kind, Record, link_sources, link_targets
from .actions import action_page
from .html import KIND_LABELS, french_date, infobox
from .records import (
    LIST_CAP,
    _body,
    _heading,
    _links,
    _list,
    _more,
    _search,
    _tags,
    indicator_page,
    practice_page,
    rex_page,
    service_page,
)
from .routes import record_src
from .types import Page, SiteContext, page_markdown

#: A function that renders one record's page.
Renderer = Callable[[SiteContext, Any], Page]

#: The kinds with a dedicated page, in the order their pages are generated.
RENDERERS: dict[Kind, Renderer] = {
    Kind.PRACTICE: practice_page,
    Kind.REX: rex_page,
    Kind.INDICATOR: indicator_page,
    Kind.SERVICE: service_page,
    Action.kind: action_page,
}
_SHOWN_ELSEWHERE = {"title", "tags", "visibility", "extra"}


def record_pages(ctx: SiteContext) -> Iterator[Page]:
    """Every record's page, kinds with a dedicated page first.

    The pages are lazy: each is written when the builder asks for it, so a build holds one
    record page at a time, not the whole site.
    """
    kinds = [*(k for k in RENDERERS if k in Kind), *(k for k in Kind if k not in RENDERERS)]
    for kind in kinds:
        render = RENDERERS.get(kind, generic_page)
        for record in ctx.corpus.records(kind):
            yield Page(
                record_src(kind, record.id), record.title, partial(_write, render, ctx, record)
            )


def _write(render: Renderer, ctx: SiteContext, record: Record) -> str:
    return render(ctx, record).markdown


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return french_date(value)
    return "" if value is None else str(value)


def generic_page(ctx: SiteContext, record: Record) -> Page:
    """A record of a kind without a dedicated page: its keys, links, body and backlinks."""
    kind = record.kind
    spec = kind.spec
    here = record_src(kind, record.id)
    summary = _text(getattr(record, spec.search.summary, None)) if spec.search.summary else ""
    skip = _SHOWN_ELSEWHERE | {spec.search.summary or ""}
    skip |= {path.partition("[].")[0] for path in spec.links}
    fields = spec.meta.model_fields
    rows = [
        (info.title or name.replace("_", " ").capitalize(), _text(getattr(record, name)))
        for name, info in fields.items()
        if name not in skip
    ]
    rows += [
        (KIND_LABELS[target][1], _links(ctx, here, ctx.corpus.outgoing(record, target)))
        for target in link_targets(kind)
    ]
    rows.append(("Étiquettes", _tags(ctx, here, record) if record.tags else ""))
    backlinks: list[str] = []  # Markdown headings and HTML blocks
    for source in link_sources(kind):
        found = ctx.corpus.incoming(record, source)
        if found:
            backlinks += [
                f"## {KIND_LABELS[source][1]}",
                _list(ctx, here, found[:LIST_CAP]),
                _more(ctx, here, source, len(found), record.title),
            ]
    markdown = page_markdown(
        record.title,
        _heading(record, summary),
        infobox(rows),
        _body(ctx, record),
        *backlinks,
    )
    return Page(here, record.title, markdown, _search(ctx, record, summary))
