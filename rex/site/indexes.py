"""Pages that list records: the home page, one index per kind, and the tag pages.

Long lists are paginated (`PAGE_SIZE` rows a page) so no page grows with the corpus; their
rows also go to a small Pagefind index (`RowList`, written by `rex.site.pagefind`) that the
table script queries to filter and sort across every page, fetching only the rows it shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..models import Indicator, Kind, Practice
from ..present import count, kind_label
from .html import KIND_LABELS, block, esc, french_date, link, outcome_badge
from .routes import (
    DASHBOARD,
    HOME,
    TAGS,
    folder_index,
    kind_index,
    list_page,
    record_src,
    tag_folder,
    tag_index,
)
from .rows import Cell, Row, kind_rows, text_cell, title_cell
from .types import Page, RowList, SearchEntry, SiteContext, page_markdown

PAGE_SIZE = 100
LATEST_REX = 8
MATRIX_ROWS = 25
MATRIX_COLUMNS = 12


def _row_html(row: Row) -> str:
    cells = "".join(
        (f'<th scope="row" data-sort="{esc(c.sort)}">{c.html}</th>' if i == 0 else "")
        or f'<td data-sort="{esc(c.sort)}">{c.html}</td>'
        for i, c in enumerate(row)
    )
    return f"<tr>{cells}</tr>"


def _sortable_table(caption: str, headers: Sequence[str], rows: Sequence[Row], attrs: str) -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join(_row_html(r) for r in rows)
    return (
        f"<table data-rex-table{attrs}>"
        f"<caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _pager(ctx: SiteContext, here: str, srcs: Sequence[str], current: int) -> str:
    if len(srcs) < 2:
        return ""
    items = []
    for i, src in enumerate(srcs):
        label = str(i + 1)
        if i == current:
            items.append(f'<li><span aria-current="page">{label}</span></li>')
        else:
            items.append(f'<li><a href="{esc(ctx.linker.href(here, src))}">{label}</a></li>')
    return f'<nav class="rex-pager" aria-label="Pages de la liste"><ul>{"".join(items)}</ul></nav>'


def paginated(
    ctx: SiteContext,
    folder: str,
    title: str,
    intro: str,
    headers: Sequence[str],
    rows: Sequence[Row],
    nav: str | None = None,
    nav_order: int = 100,
) -> Iterator[Page]:
    """A list split into pages ``folder/index.md``, ``folder/page-2.md``… with a sortable
    table; the rows of a list longer than a page go to ``ctx.lists`` for the table script."""
    chunks = [rows[i : i + PAGE_SIZE] for i in range(0, len(rows), PAGE_SIZE)] or [[]]
    srcs = [list_page(folder, i + 1) for i in range(len(chunks))]
    if len(chunks) > 1:
        ctx.lists.append(row_list(folder, srcs[0], rows))
    for i, (src, chunk) in enumerate(zip(srcs, chunks, strict=True)):
        shown = f"{len(rows)} au total" + (f", page {i + 1} sur {len(chunks)}" if i else "")
        rows_href = (
            f' data-rex-list="{esc(folder)}" data-rex-first="{esc(ctx.linker.href(src, srcs[0]))}"'
            if len(chunks) > 1
            else ""
        )
        html_rows = [_relink(ctx, srcs[0], src, r) for r in chunk]
        yield Page(
            src,
            title,
            page_markdown(
                title if not i else f"{title} (page {i + 1})",
                block(f"<h1>{esc(title)}</h1>", f"<p>{esc(intro)}</p>"),
                block(
                    _sortable_table(f"{title} : {shown}", headers, html_rows, rows_href),
                    _pager(ctx, src, srcs, i),
                ),
            ),
            SearchEntry(title, intro) if not i else None,
            nav if not i else None,
            nav_order,
        )


_TAG = re.compile(r"<[^>]+>")


def row_list(folder: str, first: str, rows: Sequence[Row]) -> RowList:
    """The rows of a long list as the table script's index holds them (links relative to the
    list's first page ``first``)."""
    return RowList(
        folder,
        first,
        tuple(
            (_row_html(r), " ".join(_TAG.sub(" ", c.html) for c in r), tuple(c.sort for c in r))
            for r in rows
        ),
    )


def _relink(ctx: SiteContext, base: str, src: str, row: Row) -> Row:
    # Rows are built with links relative to the first page; later pages sit one folder deeper.
    if base == src or not ctx.linker.directory_urls:
        return row
    return [Cell(c.html.replace('href="', 'href="../'), c.sort) for c in row]


def kind_indexes(ctx: SiteContext) -> Iterator[Page]:
    """One index page (paginated) per kind, with a table that sorts and filters."""
    for kind in site_kinds():
        here = kind_index(kind)
        headers, rows = kind_rows(ctx, kind, here)
        spec = kind.spec
        yield from paginated(
            ctx, kind.value, spec.plural, spec.intro, headers, rows, spec.plural, spec.nav_order
        )


def site_kinds() -> list[Kind]:
    """The kinds in the order of the site's navigation."""
    return sorted(Kind, key=lambda kind: kind.spec.nav_order)


def tag_pages(ctx: SiteContext) -> Iterator[Page]:
    """A page listing the tags, and one (paginated) page per tag."""
    headers = ["Étiquette", "Fiches"]
    rows: list[Row] = [
        [
            Cell(link(ctx.linker, folder_index(TAGS), tag_index(slug), tag), tag.casefold()),
            Cell(str(len(records)), len(records)),
        ]
        for slug, (tag, records) in ctx.tags.items()
    ]
    yield from paginated(
        ctx,
        TAGS,
        "Étiquettes",
        "Les mots-clés posés sur les fiches.",
        headers,
        rows,
        "Étiquettes",
        50,
    )
    for slug, (tag, records) in ctx.tags.items():
        here = tag_index(slug)
        tag_rows: list[Row] = [
            [title_cell(ctx, here, r), text_cell(KIND_LABELS[r.kind][0])] for r in records
        ]
        yield from paginated(
            ctx,
            tag_folder(slug),
            f"Étiquette « {tag} »",
            f"Les fiches portant l'étiquette « {tag} ».",
            ["Titre", "Type"],
            tag_rows,
        )


def home_page(ctx: SiteContext) -> Iterator[Page]:
    """The home page: counts, latest REX, practices x indicators matrix, links to indexes."""
    here = HOME
    corpus = ctx.corpus
    cards = "".join(
        f'<li><a href="{esc(ctx.linker.href(here, kind_index(kind)))}">'
        f'<span class="rex-count">{len(corpus.records(kind))}</span> '
        f"{esc(kind_label(kind, len(corpus.records(kind))))}</a></li>"
        for kind in site_kinds()
    )
    latest = sorted(corpus.rex.values(), key=lambda r: (r.date, r.id), reverse=True)[:LATEST_REX]
    latest_items = "".join(
        f"<li>{link(ctx.linker, here, record_src(Kind.REX, r.id), r.title)} — "
        f"{esc(french_date(r.date))} {outcome_badge(r.outcome)}</li>"
        for r in latest
    )
    markdown = page_markdown(
        "Accueil",
        block(
            "<h1>Bonnes pratiques et retours d'expérience</h1>",
            "<p>Ce qui a marché, ce qui a moins bien marché, et ce qu'on en a appris : "
            "cherchez avant de lancer un projet.</p>",
            f'<ul class="rex-cards">{cards}</ul>',
            # The whole sentence is the link: a link inside text would need more than colour.
            f'<p><a href="{esc(ctx.linker.href(here, DASHBOARD))}">Tableau de bord : volumes, '
            "points d'attention et niveau de preuve des bonnes pratiques</a></p>",
        ),
        "## Derniers retours d'expérience",
        f'<ul class="rex-list">{latest_items}</ul>'
        if latest_items
        else "<p>Aucun pour l'instant.</p>",
        "## Pratiques et indicateurs",
        _matrix(ctx, here),
    )
    yield Page(here, "Accueil", markdown, None, "Accueil", 0)


def _matrix(ctx: SiteContext, here: str) -> str:
    practices = sorted(
        ctx.corpus.practices.values(),
        key=lambda p: (-len(ctx.rex_by_practice.get(p.id, [])), p.title),
    )[:MATRIX_ROWS]
    targeted: dict[str, int] = {}
    for p in practices:
        for iid in p.indicators:
            targeted[iid] = targeted.get(iid, 0) + 1
    columns = [
        i
        for i in sorted(
            ctx.corpus.indicators.values(), key=lambda i: (-targeted.get(i.id, 0), i.title)
        )
        if targeted.get(i.id)
    ][:MATRIX_COLUMNS]
    if not practices or not columns:
        return "<p>Aucune pratique pour l'instant.</p>"
    head = "".join(
        f'<th scope="col">{link(ctx.linker, here, record_src(Kind.INDICATOR, i.id), i.title)}</th>'
        for i in columns
    )
    body = []
    for p in practices:
        cells = []
        for i in columns:
            n = _rex_behind(ctx, p, i)
            if i.id in p.indicators:
                label = f"visé, {count(n, 'REX', 'REX')}"
                cells.append(
                    f'<td class="rex-cell--on"><span title="{esc(label)}">● {n}</span>'
                    f'<span class="rex-sr"> {esc(label)}</span></td>'
                )
            else:
                cells.append('<td><span class="rex-sr">non visé</span></td>')
        title = link(ctx.linker, here, record_src(Kind.PRACTICE, p.id), p.title)
        body.append(f'<tr><th scope="row">{title}</th>{"".join(cells)}</tr>')
    more = len(ctx.corpus.practices) > MATRIX_ROWS or len(targeted) > MATRIX_COLUMNS
    note = (
        f"<p>Les {len(practices)} pratiques les plus documentées et les {len(columns)} "
        "indicateurs qu'elles visent le plus ; ● : la pratique vise l'indicateur, avec le "
        "nombre de retours d'expérience qui l'ont appliquée et mesuré cet indicateur.</p>"
        if more
        else "<p>● : la pratique vise l'indicateur, avec le nombre de retours d'expérience "
        "qui l'ont appliquée et mesuré cet indicateur.</p>"
    )
    return block(
        note,
        "<table data-rex-matrix><caption>Pratiques × indicateurs</caption>"
        f'<thead><tr><th scope="col">Pratique</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>",
    )


def _rex_behind(ctx: SiteContext, practice: Practice, indicator: Indicator) -> int:
    return sum(
        1
        for r in ctx.rex_by_practice.get(practice.id, [])
        if any(m.indicator == indicator.id for m in r.measures)
    )


__all__ = ["home_page", "kind_indexes", "paginated", "site_kinds", "tag_pages"]
