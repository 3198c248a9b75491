"""Pages that list records: the home page, one index per kind, and the tag pages.

Long lists are paginated (`PAGE_SIZE` rows a page) so no page grows with the corpus. The table
script filters and sorts a long list across every page: from a file of its rows when they are
few enough (`rex.site.row_file`), otherwise from a Pagefind index of its rows (`RowList`,
written by `rex.site.pagefind`), fetching only the rows it shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from ..models import Indicator, Kind, Practice
from ..present import count, kind_label
from .html import KIND_LABELS, Link, french_date, outcome_badge
from .render import block, render
from .routes import (
    DASHBOARD,
    HOME,
    TAGS,
    kind_index,
    list_page,
    rows_file,
    tag_folder,
    tag_index,
)
from .row_file import row_cells_json, rows_json
from .row_markup import row_html
from .rows import (
    Cell,
    Row,
    kind_rows,
    number_cell,
    record_link,
    text_cell,
    title_cell,
)
from .types import Asset, Page, RowList, SearchEntry, SiteContext, page_markdown

PAGE_SIZE = 100
LATEST_REX = 8
MATRIX_ROWS = 25
MATRIX_COLUMNS = 12


def _table(
    ctx: SiteContext,
    here: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Row],
    listed: str,
    first: str,
    data: str,
) -> Markup:
    return render(
        "partials/sortable-table.html",
        caption=caption,
        headers=headers,
        rows=rows,
        listed=listed,
        data=data and ctx.linker.href(here, data),
        first=ctx.linker.href(here, first),
        href=partial(ctx.linker.href, here),
        row_html=row_html,
    )


def _pager(ctx: SiteContext, here: str, srcs: Sequence[str], current: int) -> Markup:
    if len(srcs) < 2:
        return Markup()
    pages = [
        (i + 1, None if i == current else ctx.linker.href(here, src)) for i, src in enumerate(srcs)
    ]
    return render("partials/pager.html", pages=pages)


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
    table; the rows of a list longer than a page go to a file beside it or, when too many for
    one, to ``ctx.lists``, for the table script."""
    chunks = [rows[i : i + PAGE_SIZE] for i in range(0, len(rows), PAGE_SIZE)] or [[]]
    srcs = [list_page(folder, i + 1) for i in range(len(chunks))]
    listed = data = ""
    if len(chunks) > 1:
        found = rows_json(rows, partial(ctx.linker.href, srcs[0]))
        if found is None:
            ctx.lists.append(row_list(ctx, folder, srcs[0], rows))
            listed = folder
        else:
            data = rows_file(folder)
            ctx.assets.append(Asset(data, found))
    table = _ListTable(title, intro, headers, len(rows), listed, data, srcs)
    for i, chunk in enumerate(chunks):
        # Written when rendered: a later page is not in the navigation, so it is written
        # while the search job and the pages written ahead share the machine (rex.site.ahead).
        yield Page(
            srcs[i],
            title,
            partial(table.page, ctx, i, chunk),
            SearchEntry(title, intro) if not i else None,
            nav if not i else None,
            nav_order,
        )


@dataclass(frozen=True)
class _ListTable:
    """What every page of one list shows: its title, intro, headers and where its rows are."""

    title: str
    intro: str
    headers: Sequence[str]
    total: int
    listed: str
    data: str
    srcs: list[str]

    def page(self, ctx: SiteContext, i: int, chunk: Sequence[Row]) -> str:
        """Page ``i`` (from 0) of the list, showing ``chunk``."""
        title, src, count = self.title, self.srcs[i], len(self.srcs)
        shown = f"{self.total} au total" + (f", page {i + 1} sur {count}" if i else "")
        return page_markdown(
            title if not i else f"{title} (page {i + 1})",
            render("partials/title.html", title=title, paragraphs=[self.intro]),
            block(
                _table(
                    ctx,
                    src,
                    f"{title} : {shown}",
                    self.headers,
                    chunk,
                    self.listed,
                    self.srcs[0],
                    self.data,
                ),
                _pager(ctx, src, self.srcs, i),
            ),
        )


def row_list(ctx: SiteContext, folder: str, first: str, rows: Sequence[Row]) -> RowList:
    """The rows of a long list as the table script's index holds them: each row's cells
    (`rex.site.row_file`'s JSON, links relative to the list's first page ``first``), its text
    and its sort keys, written when the search job asks (on the build's other core)."""
    return RowList(folder, first, partial(_row_cells, ctx, first, rows))


def _row_cells(
    ctx: SiteContext, first: str, rows: Sequence[Row]
) -> list[tuple[str, str, tuple[str | int, ...]]]:
    href = partial(ctx.linker.href, first)
    return [(row_cells_json(r, href), _row_text(r), tuple(c.sort for c in r)) for r in rows]


def _row_text(row: Row) -> str:
    # A badge's text, not its HTML: a filter on "span" or "badge" matched every row.
    return " ".join(
        (c.content.striptags() if isinstance(c.content, Markup) else c.content)
        if isinstance(c.content, str)
        else " ".join(link.text for link in c.content)
        for c in row
    )


def kind_indexes(ctx: SiteContext) -> Iterator[Page]:
    """One index page (paginated) per kind, with a table that sorts and filters."""
    for kind in site_kinds():
        headers, rows = kind_rows(ctx, kind)
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
            Cell((Link(tag_index(slug), tag),), tag.casefold()),
            number_cell(len(records)),
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
        tag_rows: list[Row] = [[title_cell(r), text_cell(KIND_LABELS[r.kind][0])] for r in records]
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
    cards = [
        (ctx.linker.href(here, kind_index(kind)), n, kind_label(kind, n))
        for kind in site_kinds()
        for n in [len(corpus.records(kind))]
    ]
    latest = sorted(corpus.rex.values(), key=lambda r: (r.date, r.id), reverse=True)[:LATEST_REX]
    href = partial(ctx.linker.href, here)
    latest_rows = [(record_link(r), french_date(r.date), outcome_badge(r.outcome)) for r in latest]
    markdown = page_markdown(
        "Accueil",
        render("partials/home.html", cards=cards, dashboard=href(DASHBOARD)),
        "## Derniers retours d'expérience",
        render(
            "partials/latest.html",
            latest=latest_rows,
            href=href,
        ),
        "## Pratiques et indicateurs",
        _matrix(ctx, here),
    )
    yield Page(here, "Accueil", markdown, None, "Accueil", 0)


def _matrix(ctx: SiteContext, here: str) -> Markup:
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
    rows = [
        (
            record_link(p),
            [
                (n, f"visé, {count(n, 'REX', 'REX')}") if i.id in p.indicators else None
                for i in columns
                for n in [_rex_behind(ctx, p, i)]
            ],
        )
        for p in practices
    ]
    return render(
        "partials/matrix.html",
        more=len(ctx.corpus.practices) > MATRIX_ROWS or len(targeted) > MATRIX_COLUMNS,
        columns=[record_link(i) for i in columns],
        rows=rows if columns else [],
        href=partial(ctx.linker.href, here),
    )


def _rex_behind(ctx: SiteContext, practice: Practice, indicator: Indicator) -> int:
    return sum(
        1
        for r in ctx.rex_by_practice.get(practice.id, [])
        if any(m.indicator == indicator.id for m in r.measures)
    )


__all__ = ["home_page", "kind_indexes", "paginated", "site_kinds", "tag_pages"]
