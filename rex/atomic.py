"""Replace generated outputs atomically, so an interrupted run leaves the last good one.

Folders (the site, the index) are only ever replaced when rex wrote them: each carries a
marker file naming its kind, and a folder without one is left alone whatever it holds.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import RexError
from .i18n import N_, _

#: The file that says "rex wrote this folder, as a <kind>": the only licence to replace it.
MARKER_FILE = ".rex-output"
LOCK_TIMEOUT = 30.0
#: Threads removing a replaced folder (see `remove_tree`).
REMOVE_THREADS = 8

#: Recognises a folder written by a rex older than the marker, from rex's own files in it.
Recognise = Callable[[Path], bool]


class FolderLock:
    """An exclusive ``flock`` on ``path``, held while ``target`` is written.

    The kernel drops an ``flock`` when its holder dies, so a writer killed with SIGKILL never
    leaves a lock behind that blocks the next run. The lock file is left in place: deleting it
    would let a waiting process lock a file nobody else sees any more.
    """

    def __init__(self, path: Path, target: Path, timeout: float = LOCK_TIMEOUT) -> None:
        self.path = path
        self.target = target
        self.timeout = timeout
        self._fd: int | None = None

    def __enter__(self) -> FolderLock:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
                    os.close(fd)
                    raise RexError(
                        _(
                            "{target} is being written by another rex process{pid}; "
                            "waited {seconds} s"
                        ).format(
                            target=self.target,
                            pid=_(" (pid {pid})").format(pid=holder) if holder else "",
                            seconds=f"{self.timeout:g}",
                        ),
                        hint=_("wait for it to finish, then run the command again"),
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing releases the flock
            self._fd = None


def output_lock(target: Path, timeout: float = LOCK_TIMEOUT) -> FolderLock:
    """The lock serialising writers of the folder ``target``: ``.<name>.lock`` beside it."""
    target = target.absolute()
    return FolderLock(target.with_name(f".{target.name}.lock"), target, timeout)


def read_marker(folder: Path) -> str | None:
    """The kind named by rex's marker in ``folder``, or None when it carries none."""
    try:
        data = json.loads((folder / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and data.get("tool") == "rex" and isinstance(data.get("kind"), str):
        return str(data["kind"])
    return None


def write_marker(folder: Path, kind: str) -> None:
    """Mark ``folder`` as a rex output of ``kind`` (``site``, ``index``)."""
    text = json.dumps({"tool": "rex", "kind": kind}) + "\n"
    write_text_atomic(folder / MARKER_FILE, text)


def check_replaceable(target: Path, kind: str, recognise: Recognise | None = None) -> None:
    """Raise `RexError` unless rex may replace ``target`` with a new output of ``kind``.

    Allowed: no such folder, an empty folder, a folder with rex's marker of that kind, or one
    that ``recognise`` identifies as written by an earlier rex. Anything else may be somebody's
    work, so nothing in it is looked at further.
    """
    if not target.exists():
        return
    if not target.is_dir():
        raise RexError(
            _("{target}: exists and is not a folder").format(target=target),
            hint=_("give a folder name"),
        )
    marked = read_marker(target)
    if marked == kind or not any(target.iterdir()):
        return
    if marked is None and recognise is not None and recognise(target):
        return
    article = "an" if kind[0] in "aeiou" else "a"
    a_kind = _(_A_KIND[kind]) if kind in _A_KIND else f"{article} {kind}"
    what = (
        _("a rex {marked}, not {a_kind}").format(marked=_(marked), a_kind=a_kind)
        if marked
        else _("not a rex {kind} (no {marker})").format(kind=_(kind), marker=MARKER_FILE)
    )
    raise RexError(
        _(
            "{target}: this folder is {what}; rex replaces only the folders it wrote, "
            "so it is left untouched"
        ).format(target=target, what=what),
        hint=_("choose a new or empty folder for the {kind}").format(kind=_(kind)),
    )


#: The kinds of output folder, as messages name them.
_A_KIND = {"site": N_("a site"), "index": N_("an index")}
N_("site")
N_("index")


def check_apart(output: Path, corpus: Path, what: str, option: str) -> None:
    """Raise `RexError` if ``output`` is the ``corpus`` folder, inside it or contains it."""
    out, root = output.resolve(), corpus.resolve()
    if out == root:
        relation = _("is the corpus folder")
    elif root in out.parents:
        relation = _("is inside the corpus folder {corpus}").format(corpus=corpus)
    elif out in root.parents:
        relation = _("contains the corpus folder {corpus}").format(corpus=corpus)
    else:
        return
    raise RexError(
        _("{output}: the {what} folder {relation}; nothing was written or deleted").format(
            output=output, what=_(what), relation=relation
        ),
        hint=_("give {option} a folder beside the corpus, e.g. {option} {what}").format(
            option=option, what=what
        ),
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


def clean_leftovers(target: Path) -> None:
    """Remove the half-built folders of killed runs beside ``target`` (call under its lock).

    Outside the lock this would delete the folders of a run still at work.
    """
    target = target.absolute()
    for stale in target.parent.glob(f".{target.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for old in sorted(target.parent.glob(f".{target.name}.old-*")):
        # A run killed between its two renames left the last good output here.
        if not target.exists():
            old.rename(target)
        else:
            shutil.rmtree(old, ignore_errors=True)


def remove_tree(folder: Path) -> None:
    """Remove ``folder`` and all it holds, its sub-folders' sub-folders in parallel threads.

    The file system makes each removal wait (a 50,000-record site, 173,000 files, took 24 s
    one file after another): threads overlap those waits. Links are removed, never followed.
    Errors are ignored, as `shutil.rmtree` with ``ignore_errors`` does.
    """
    branches: list[str] = []
    with contextlib.suppress(OSError):
        for entry in _entries(str(folder)):
            if not entry.is_dir(follow_symlinks=False):
                continue
            for inner in _entries(entry.path):
                if inner.is_dir(follow_symlinks=False):
                    branches.append(inner.path)
    if len(branches) > 1:
        with ThreadPoolExecutor(REMOVE_THREADS) as pool:
            for branch in branches:
                pool.submit(shutil.rmtree, branch, True)
    shutil.rmtree(folder, ignore_errors=True)


def _entries(path: str) -> list[os.DirEntry[str]]:
    with os.scandir(path) as found:
        return list(found)


@contextlib.contextmanager
def replace_dir(
    target: Path,
    *,
    kind: str | None = None,
    recognise: Recognise | None = None,
    locked: bool = False,
    lock_timeout: float = LOCK_TIMEOUT,
) -> Iterator[Path]:
    """Yield a fresh folder beside ``target``; on success swap it in place of ``target``.

    If the body raises (or the process is killed), ``target`` is left as it was and the
    temporary folder is removed (or left as ``.<name>.tmp-*`` for the next run to clean).
    With ``kind`` (``site``, ``index``) an existing ``target`` is replaced only as
    `check_replaceable` allows, and the new folder is marked. Writers of one ``target`` take
    turns through `output_lock`, waiting up to ``lock_timeout`` seconds; ``locked`` says the
    caller already holds a lock of its own for ``target``.
    """
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if not locked:
            stack.enter_context(output_lock(target, lock_timeout))
        clean_leftovers(target)
        if kind is not None:
            check_replaceable(target, kind, recognise)
        work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.tmp-"))
        work.chmod(0o755)
        try:
            yield work
            if kind is not None:
                write_marker(work, kind)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        _swap(work, target)


def _swap(work: Path, target: Path) -> None:
    if target.exists():
        # Two renames: a reader sees either the old folder or the new one, never a mix.
        old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
        old.rmdir()
        target.rename(old)
        work.rename(target)
        remove_tree(old)
    else:
        work.rename(target)
