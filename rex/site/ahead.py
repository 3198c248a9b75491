"""Record pages written ahead by a process that uses only a core nobody else wants.

A large build runs two processes on two cores: mkdocs rendering the pages, and the search job
(`rex.site.search_job`). The job ends first, and its core then sits idle while mkdocs writes
the last record pages alone. `Ahead` forks a third process at the lowest priority (nice 19:
it gets a core only when the other two leave one free) that writes record pages from the end
of the list while mkdocs writes them from the start. A page is claimed once, by whoever
reaches it first: mkdocs takes the pages written ahead from a scratch folder instead of
writing them, and the two meet wherever the machine's load puts them (the page being written
ahead when mkdocs reaches it is written by mkdocs as well: it never waits).

Only a page's own HTML is written ahead (`GeneratedPage.materialize`'s work: the record page
and `rex.site.finish`); the theme, stamping and the site folder stay with mkdocs.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .finish import Finished, finish
from .types import Page

#: A page's state: nobody's yet, mkdocs', being written ahead, written ahead, failed ahead
#: (mkdocs writes it again, and meets the error itself).
FREE, MINE, AHEAD, DONE, FAILED = range(5)
#: Record pages below which a site is written by mkdocs alone (a fork is not worth it).
AHEAD_FROM = 200

#: A page written ahead: its Markdown when it takes the Markdown path, or its finished HTML.
Written = tuple[str | None, Finished | None]


class Ahead:
    """Pages written ahead (`start`), taken one by one (`take`), then `stop`."""

    def __init__(self, pages: Sequence[Page], fast: bool) -> None:
        self._pages = pages
        self._fast = fast
        context = multiprocessing.get_context("fork")
        self._context = context
        self._state: Any = context.Array(ctypes.c_byte, len(pages))
        self._folder = Path(tempfile.mkdtemp(prefix="rex-ahead-"))
        self._process: Any = None

    def start(self) -> None:
        """Fork the process that writes pages from the end of the list."""
        self._process = self._context.Process(target=self._run, daemon=True)
        self._process.start()

    def _claim(self, number: int, who: int) -> bool:
        with self._state.get_lock():
            if self._state[number] != FREE:
                return False
            self._state[number] = who
            return True

    def _run(self) -> None:
        os.nice(19)
        for number in reversed(range(len(self._pages))):
            if not self._claim(number, AHEAD):
                continue
            try:
                written = write(self._pages[number], self._fast)
                path = self._folder / str(number)
                path.with_suffix(".part").write_bytes(pickle.dumps(written, protocol=5))
                path.with_suffix(".part").rename(path)
                self._state[number] = DONE
            except BaseException:  # written again by mkdocs, which reports the error
                self._state[number] = FAILED

    def take(self, number: int) -> Written | None:
        """Page ``number`` if it was written ahead; None when the caller is to write it (a
        page still being written ahead is written again rather than waited for: the process
        writing it may be waiting for a core)."""
        if self._claim(number, MINE) or self._state[number] != DONE:
            return None
        path = self._folder / str(number)
        written: Written = pickle.loads(path.read_bytes())
        path.unlink()
        return written

    def stop(self) -> None:
        """Stop writing ahead and remove the scratch folder (rex's own, made in __init__)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
        shutil.rmtree(self._folder, ignore_errors=True)


def write(page: Page, fast: bool) -> Written:
    """A page's finished HTML, or its Markdown when it is not for the fast path."""
    text = page.markdown
    finished = finish(text) if fast else None
    return (text if finished is None else None, finished)
