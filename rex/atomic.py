"""Replace generated outputs atomically, so an interrupted run leaves the last good one."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import RexError


def _check_replaceable(target: Path, expect: str) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise RexError(f"{target}: exists and is not a folder", hint="give a folder name")
    if any(target.iterdir()) and not any(target.glob(expect)):
        raise RexError(
            f"{target}: not empty, and not an output of rex (no {expect}); left untouched",
            hint="choose a new or empty folder",
        )


def write_text_atomic(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` through a temporary file renamed over it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def write_new_file(target: Path, text: str) -> None:
    """Create ``target`` with ``text``; raise FileExistsError if it exists (never overwrite)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


@contextlib.contextmanager
def replace_dir(target: Path, *, expect: str | None = None) -> Iterator[Path]:
    """Yield a fresh folder beside ``target``; on success swap it in place of ``target``.

    If the body raises (or the process is killed), ``target`` is left as it was and the
    temporary folder is removed (or left as ``.<name>.tmp-*`` for the next run to clean).
    With ``expect`` (a glob such as ``index.html``), an existing non-empty ``target`` is
    replaced only if it holds a match, i.e. looks like a previous output: a mistyped
    ``--site-dir content`` must not delete the records.
    """
    target = target.absolute()
    if expect is not None:
        _check_replaceable(target, expect)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for old in sorted(target.parent.glob(f".{target.name}.old-*")):
        # A run killed between its two renames left the last good output here.
        if not target.exists():
            old.rename(target)
        else:
            shutil.rmtree(old, ignore_errors=True)
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.tmp-"))
    work.chmod(0o755)
    try:
        yield work
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if target.exists():
        # Two renames: a reader sees either the old folder or the new one, never a mix.
        old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
        old.rmdir()
        target.rename(old)
        work.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        work.rename(target)
