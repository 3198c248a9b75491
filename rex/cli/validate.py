"""`rex validate`: check every record and report each problem at its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..changes import changed_files, narrow_report
from ..corpus import load
from ..diagnostics_format import format_github, format_text
from ..i18n import N_
from .base import CONTENT_ARGUMENT, format_option, today_option
from .quick_exit import hold


@click.command("validate")
@CONTENT_ARGUMENT
@format_option(
    "text",
    "json",
    "github",
    "gitlab",
    help=N_(
        "text for people, json for tools, github for workflow annotations, "
        "gitlab for a GitLab Code Quality report."
    ),
)
@click.option("--strict", is_flag=True, help=N_("Fail on warnings too."))
@today_option(help=N_("Date used to find overdue reviews (default: today)."))
@click.option(
    "--changed-since",
    metavar="REF",
    default=None,
    help=N_("Only report on files changed since this git ref (links still resolve everywhere)."),
)
def validate_command(
    content: Path, fmt: str, strict: bool, today: dt.date | None, changed_since: str | None
) -> None:
    """Check every record in CONTENT (default: ./content).

    Exit 0 when there is no error (no warning either with --strict), 1 otherwise.
    """
    changed = changed_files(content, changed_since) if changed_since else None
    corpus = load(content, today=today)
    hold(corpus)
    report = corpus.report if changed is None else narrow_report(corpus.report, content, changed)
    if fmt == "json":
        click.echo(report.to_json())
    elif fmt == "github":
        text = format_github(report)
        if text:
            click.echo(text)
    elif fmt == "gitlab":
        from ..gitlab import format_gitlab

        click.echo(format_gitlab(report))
    else:
        click.echo(format_text(report, style=click.style))
    raise SystemExit(0 if report.ok(strict=strict) else 1)
