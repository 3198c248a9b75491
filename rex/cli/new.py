"""`rex new`: start a record from a commented French template, guided in a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from ..i18n import N_, _
from ..models import Kind, parse_kind
from ..scaffold import new_record
from .base import content_argument_or_option


@click.command("new")
@click.argument("kind", metavar="KIND")
@click.argument("record_id", metavar="ID")
@content_argument_or_option
@click.option("--title", default=None, help=N_("The record's title."))
@click.option(
    "--interactive",
    "-i",
    is_flag=True,
    help=N_("Ask for the title and the required keys (the default in a terminal without --title)."),
)
def new_command(
    kind: str, record_id: str, content: Path, title: str | None, interactive: bool
) -> None:
    """Create CONTENT/<kind>/<ID>.md from a template (KIND: service, indicator, practice, rex).

    CONTENT is the corpus folder (default: ./content). In a terminal, without --title, rex
    asks for the title and the required keys, offering the ids that exist; scripts and CI
    (no terminal) are never asked anything.

    Never overwrites an existing file. With --title, the existing records of that kind
    whose title and summary are closest to it are listed first: check that it does not
    exist already.
    """
    record_kind = parse_kind(kind)
    if title and content.is_dir():
        _show_close(content, record_kind, title)
    guided = interactive or (title is None and sys.stdin.isatty() and sys.stdout.isatty())
    target = new_record(
        content, record_kind, record_id, title, fill=_guided(record_kind, title) if guided else None
    )
    click.echo(
        _("Created {path}: fill it in, then run 'rex validate {content}'.").format(
            path=target.as_posix(), content=content
        )
    )


def _guided(kind: Kind, title: str | None) -> Callable[[str, dict[Kind, list[str]]], str]:
    def fill(text: str, existing: dict[Kind, list[str]]) -> str:
        from .guided import ask_record, fill_template, keep_valid

        return keep_valid(fill_template(text, ask_record(kind, existing, title)), kind)

    return fill


def _show_close(content: Path, kind: Kind, title: str) -> None:
    """List the records of ``kind`` that already look like ``title`` (`rex.duplicates`)."""
    from ..corpus import load
    from ..duplicates import closest_titles

    close = closest_titles(load(content), kind, title)
    if not close:
        return
    click.echo(
        _("Existing {kind} close to this title: does it exist already?").format(kind=kind.value)
    )
    for found in close:
        record = found.record
        click.echo(
            _("  {id}: {title}  ({path}, {share:.0%} of the words)").format(
                id=record.id, title=record.title, path=record.relpath, share=found.score
            )
        )
