"""`rex gaps`: each result against its target, and what could close each gap."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..corpus import load
from ..i18n import N_, _
from ..report.cycle_sections import gap_document
from ..report.gaps import gap_analysis
from ..report.markdown import render_markdown_document
from ..report.text import render_document
from .base import CONTENT_ARGUMENT, format_option, today_option


@click.command("gaps")
@CONTENT_ARGUMENT
@click.option("--service", default=None, metavar="ID", help=N_("Only this service (its id)."))
@format_option(
    "text",
    "json",
    "markdown",
    help=N_(
        "text for a terminal, json for tools, markdown for a page (text and markdown are "
        "in the language of --lang)."
    ),
)
@today_option(
    help=N_("Date the status is computed at (default: today): results not updated since are stale.")
)
def gaps_command(content: Path, service: str | None, fmt: str, today: dt.date | None) -> None:
    """Compare the results in CONTENT/results/ with the indicators' targets.

    For each series (one indicator for one service): latest and previous values, trend,
    target and status. For each target missed: the open actions aimed at it, and the
    practices that target the indicator, best evidence first, that the service does not
    apply yet. Files with errors are left out: run 'rex validate' to see them.
    """
    day = today or dt.date.today()
    corpus = load(content, today=day)
    analysis = gap_analysis(corpus, day, service=service)
    if fmt == "json":
        click.echo(analysis.to_json())
    elif fmt == "markdown":
        click.echo(render_markdown_document(gap_document(analysis)), nl=False)
    else:
        click.echo(render_document(gap_document(analysis)))
    errors = len(corpus.report.errors)
    if errors:
        click.secho(
            _(
                "warning: {errors} errors; records and results with errors are left out "
                "(run 'rex validate')"
            ).format(errors=errors),
            err=True,
            fg="yellow",
        )
