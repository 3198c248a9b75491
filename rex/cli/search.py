"""`rex search`: full-text search of the records, updating the index first if needed."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..context import BUDGET_BANDS, POPULATION_BANDS
from ..errors import RexError
from ..i18n import N_, _, ngettext
from ..models import Kind, Outcome, Status, TerritoryType
from ..search import SearchResult, ensure_index, open_index
from ..search.freshness import stamp_root
from .base import content_argument_or_option, format_option
from .index import INDEX_OPTION, progress_bar, warn_skipped

_KIND_CHOICES = [k.singular for k in Kind] + [k.value for k in Kind if k.value != k.singular]


@click.command("search")
@click.argument("query")
@content_argument_or_option
@INDEX_OPTION
@click.option("--kind", type=click.Choice(_KIND_CHOICES), help=N_("Only this kind of record."))
@click.option("--service", metavar="ID", help=N_("Only records linked to this service."))
@click.option("--indicator", metavar="ID", help=N_("Only records linked to this indicator."))
@click.option("--tag", metavar="TAG", help=N_("Only records with this tag."))
@click.option(
    "--status", type=click.Choice([s.value for s in Status]), help=N_("Only this status.")
)
@click.option("--year", type=int, help=N_("Only REX of this year (practices: year last updated)."))
@click.option("--territory", metavar="ID", help=N_("Only records of this territory's services."))
@click.option(
    "--territory-type",
    type=click.Choice([t.value for t in TerritoryType]),
    help=N_("Only records of this type of authority."),
)
@click.option(
    "--population-band",
    type=click.Choice([name for name, _ in POPULATION_BANDS]),
    help=N_("Only records of authorities of this size."),
)
@click.option(
    "--budget-band",
    type=click.Choice([name for name, _ in BUDGET_BANDS]),
    help=N_("Only REX of this budget (euros)."),
)
@click.option("--theme", metavar="ID", help=N_("Only records with this theme (vocabulary.yml)."))
@click.option("--approach", metavar="ID", help=N_("Only records with this approach."))
@click.option(
    "--outcome", type=click.Choice([o.value for o in Outcome]), help=N_("Only this outcome.")
)
@click.option("--limit", type=click.IntRange(min=0), default=10, show_default=True)
@format_option("text", "json", help=N_("text for people, json for tools."))
def search_command(
    query: str,
    content: Path,
    index_dir: Path,
    kind: str | None,
    service: str | None,
    indicator: str | None,
    tag: str | None,
    status: str | None,
    year: int | None,
    limit: int,
    fmt: str,
    **context: str | None,
) -> None:
    """Search the records for QUERY: all words must match, best first.

    The index is updated first when it is older than CONTENT (default: ./content).

    QUERY accepts OR, NOT, "exact phrases", field:value (title:, tags:, service:, kind:,
    year:...), prefixes (interv*) and word~ for approximate words. Accents and plurals do not
    matter: 'delais' finds 'délai'.
    """
    from ..search.query import check_syntax

    check_syntax(query)  # before any indexing: a typo in the query should cost nothing
    _refresh(content, index_dir)
    with open_index(index_dir) as index:
        result = index.search(
            query,
            kind=kind,
            service=service,
            indicator=indicator,
            tag=tag,
            status=status,
            year=year,
            limit=limit,
            **context,
        )
    if result.corrected is not None:
        click.echo(
            _("no result for {query}; showing results for {corrected}").format(
                query=repr(query), corrected=repr(result.corrected)
            ),
            err=True,
        )
    if fmt == "json":
        click.echo(result.to_json())
    else:
        click.echo(format_result(result))


def _refresh(content: Path, index_dir: Path) -> None:
    if not content.is_dir() and index_dir.is_dir():
        _warn_unchecked(content, index_dir)  # a published index without its sources is fine
        return
    if not content.is_dir():
        raise RexError(
            _("{content}: no such folder, and no index at {index}").format(
                content=content, index=index_dir
            ),
            hint=_("give the corpus as CONTENT, or the index with --index DIR"),
        )

    def starting(missing: bool) -> None:
        text = (
            _("building the index {index} (none yet)...")
            if missing
            else _("updating the index {index} (older than {content})...")
        )
        click.echo(text.format(index=index_dir.as_posix(), content=content.as_posix()), err=True)

    with progress_bar() as progress:
        stats = ensure_index(content, index_dir, progress=progress, starting=starting)
    if stats.changed:
        warn_skipped(stats, content)
        done = _("index built: {summary}") if stats.full else _("index updated: {summary}")
        click.echo(done.format(summary=stats.summary()), err=True)


def _warn_unchecked(content: Path, index_dir: Path) -> None:
    # Answering silently from an index that may be stale misleads: say so, and how to fix it.
    source = stamp_root(index_dir)
    built = _(" (it was built from {source})").format(source=source) if source else ""
    click.secho(
        _(
            "warning: cannot check that the index {index} is current: "
            "no corpus folder {content} here{built}; searching it as it is"
        ).format(index=index_dir.as_posix(), content=repr(content.as_posix()), built=built),
        err=True,
        fg="yellow",
    )
    click.echo(
        "  "
        + _("hint: {hint}").format(hint=_("give the corpus as CONTENT to update the index first")),
        err=True,
    )


def format_result(result: SearchResult) -> str:
    """The hits with highlighted snippets, then the facet counts, for a terminal."""
    lines: list[str] = []
    head = ngettext("{count} result for {query}", "{count} results for {query}", result.total)
    lines.append(click.style(head.format(count=result.total, query=repr(result.query)), bold=True))
    for rank, hit in enumerate(result.hits, 1):
        kind = Kind(hit.kind).singular
        lines.append("")
        lines.append(f"{rank:>2}. {click.style(hit.title, bold=True)}  [{kind}: {hit.id}]")
        lines.append(f"    {click.style(hit.path, fg='cyan')}")
        if hit.snippet:
            lines.append(f"    {_highlight(hit.snippet)}")
    shown = {name: counts for name, counts in result.facets.items() if counts}
    if shown and result.total:
        lines.append("")
        for name, counts in shown.items():
            top = ", ".join(f"{value} ({count})" for value, count in list(counts.items())[:8])
            more = _(", +{count} more").format(count=len(counts) - 8) if len(counts) > 8 else ""
            lines.append(f"{name}: {top}{more}")
    return "\n".join(lines)


def _highlight(snippet: str) -> str:
    return re.sub(
        r"\*\*(.+?)\*\*", lambda m: click.style(m.group(1), fg="yellow", bold=True), snippet
    )
