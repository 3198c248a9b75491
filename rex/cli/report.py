"""`rex report`: the health report of a corpus, for people (text, Markdown) or tools (JSON)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..corpus import load
from ..i18n import N_, _
from ..report import health_report
from ..report.markdown import render_markdown
from ..report.text import render_text
from .base import CONTENT_ARGUMENT, format_option, today_option


@click.command("report")
@CONTENT_ARGUMENT
@format_option(
    "text",
    "json",
    "markdown",
    help=N_(
        "text for a terminal, json for tools, markdown for a page (text and markdown are "
        "in the language of --lang, like the site's dashboard in French)."
    ),
)
@today_option(help=N_("Date the report is computed at (default: today), for reproducible output."))
def report_command(content: Path, fmt: str, today: dt.date | None) -> None:
    """Show where capitalisation is strong or weak in CONTENT (default: ./content).

    Counts, gaps (practices without REX, untargeted indicators, overdue reviews, stale
    drafts...), indicator results and practice evidence. Files with errors are left out:
    run 'rex validate' to see them.
    """
    day = today or dt.date.today()
    report = health_report(load(content, today=day), day)
    if fmt == "json":
        click.echo(report.to_json())
    elif fmt == "markdown":
        click.echo(render_markdown(report), nl=False)
    else:
        click.echo(render_text(report))
    if report.validation["errors"]:
        click.secho(
            _(
                "warning: {errors} errors; records with errors are not counted (run 'rex validate')"
            ).format(errors=report.validation["errors"]),
            err=True,
            fg="yellow",
        )
