"""`rex new`: start a record from a commented French template."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import N_
from ..models import parse_kind
from ..scaffold import new_record
from .base import content_argument_or_option


@click.command("new")
@click.argument("kind", metavar="KIND")
@click.argument("record_id", metavar="ID")
@content_argument_or_option
@click.option("--title", default=None, help=N_("The record's title."))
def new_command(kind: str, record_id: str, content: Path, title: str | None) -> None:
    """Create CONTENT/<kind>/<ID>.md from a template (KIND: service, indicator, practice, rex).

    CONTENT is the corpus folder (default: ./content).

    Never overwrites an existing file.
    """
    target = new_record(content, parse_kind(kind), record_id, title)
    click.echo(f"Created {target.as_posix()}: fill it in, then run 'rex validate {content}'.")
