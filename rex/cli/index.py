"""`rex index`: build or update the search index of a corpus."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from ..atomic import check_apart
from ..corpus import Corpus, load
from ..search import DEFAULT_INDEX, IndexStats, build_index
from ..search.freshness import save_stamp, source_stamp
from .base import CONTENT_ARGUMENT

INDEX_OPTION = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=str(DEFAULT_INDEX),
    show_default=True,
    help="Folder of the search index.",
)
_PROGRESS_FROM = 500  # records: below this the run is too short for a bar to help


@click.command("index")
@CONTENT_ARGUMENT
@INDEX_OPTION
@click.option("--full", is_flag=True, help="Rebuild from scratch instead of updating.")
def index_command(content: Path, index_dir: Path, full: bool) -> None:
    """Build or update the search index of CONTENT (default: ./content).

    Only added, changed and removed records are written unless --full. Files with errors are
    skipped: run 'rex validate' to see why.
    """
    started = time.perf_counter()
    if content.is_dir():  # else load() says so
        check_apart(index_dir, content, "index", "--index")
    stamp = source_stamp(content)  # before reading: a file edited meanwhile looks changed
    corpus = load(content)
    stats = update_index(corpus, index_dir, full=full)
    save_stamp(index_dir, stamp)
    elapsed = time.perf_counter() - started
    how = "rebuilt" if stats.full else "updated"
    click.echo(f"{index_dir.as_posix()}: {how} in {elapsed:.1f} s: {stats.summary()}")


def update_index(corpus: Corpus, index_dir: Path, *, full: bool = False) -> IndexStats:
    """Run `build_index` with a progress bar on a terminal and the skipped-files warning."""
    check_apart(index_dir, corpus.root, "index", "--index")
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if total < _PROGRESS_FROM or not sys.stderr.isatty():
                return
            bar = click.progressbar(length=total, label="indexing", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        stats = build_index(corpus, index_dir, full=full, progress=progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if stats.skipped:
        click.secho(
            f"skipped {stats.skipped} files with errors (run 'rex validate {corpus.root}')",
            err=True,
            fg="yellow",
        )
    return stats
