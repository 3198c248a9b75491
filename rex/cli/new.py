"""`rex new`: start a record from a commented French template."""

from __future__ import annotations

from pathlib import Path

import click

from ..models import Kind, parse_kind
from ..scaffold import new_record
from .base import content_argument_or_option


@click.command("new")
@click.argument("kind", metavar="KIND")
@click.argument("record_id", metavar="ID")
@content_argument_or_option
@click.option("--title", default=None, help="The record's title.")
def new_command(kind: str, record_id: str, content: Path, title: str | None) -> None:
    """Create CONTENT/<kind>/<ID>.md from a template (KIND: service, indicator, practice, rex).

    CONTENT is the corpus folder (default: ./content).

    Never overwrites an existing file. With --title, the existing records of that kind
    whose title and summary are closest to it are listed first: check that it does not
    exist already.
    """
    record_kind = parse_kind(kind)
    if title and content.is_dir():
        _show_close(content, record_kind, title)
    target = new_record(content, record_kind, record_id, title)
    click.echo(f"Created {target.as_posix()}: fill it in, then run 'rex validate {content}'.")


def _show_close(content: Path, kind: Kind, title: str) -> None:
    """List the records of ``kind`` that already look like ``title`` (`rex.duplicates`)."""
    from ..corpus import load
    from ..duplicates import closest_titles

    close = closest_titles(load(content), kind, title)
    if not close:
        return
    click.echo(f"Existing {kind.value} close to this title: does it exist already?")
    for found in close:
        record = found.record
        click.echo(
            f"  {record.id}: {record.title}  ({record.relpath}, {found.score:.0%} of the words)"
        )
