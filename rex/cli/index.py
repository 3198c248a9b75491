"""`rex index`: build or update the search index of a corpus."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..i18n import N_, _
from ..search import DEFAULT_INDEX, IndexStats, ensure_index
from .base import CONTENT_ARGUMENT

INDEX_OPTION = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=str(DEFAULT_INDEX),
    show_default=True,
    help=N_("Folder of the search index."),
)
_PROGRESS_FROM = 500  # records: below this the run is too short for a bar to help


@click.command("index")
@CONTENT_ARGUMENT
@INDEX_OPTION
@click.option("--full", is_flag=True, help=N_("Rebuild from scratch instead of updating."))
def index_command(content: Path, index_dir: Path, full: bool) -> None:
    """Build or update the search index of CONTENT (default: ./content).

    Only added, changed and removed records are written unless --full; with no file changed
    since the last update, the records are not even read. Files with errors are skipped: run
    'rex validate' to see why.
    """
    started = time.perf_counter()
    with progress_bar() as progress:
        stats = ensure_index(content, index_dir, full=full, progress=progress)
    warn_skipped(stats, content)
    elapsed = time.perf_counter() - started
    how = (
        _("{index}: rebuilt in {seconds} s: {summary}")
        if stats.full
        else _("{index}: updated in {seconds} s: {summary}")
    )
    click.echo(
        how.format(index=index_dir.as_posix(), seconds=f"{elapsed:.1f}", summary=stats.summary())
    )


@contextmanager
def progress_bar() -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback drawing a bar on a terminal for large corpora."""
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if total < _PROGRESS_FROM or not sys.stderr.isatty():
                return
            bar = click.progressbar(length=total, label=_("indexing"), file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def warn_skipped(stats: IndexStats, content: Path) -> None:
    """Say on stderr how many files were left out of the index for their errors."""
    if stats.skipped:
        click.secho(
            _("skipped {count} files with errors (run 'rex validate {content}')").format(
                count=stats.skipped, content=content
            ),
            err=True,
            fg="yellow",
        )
