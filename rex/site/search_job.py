"""A site's Pagefind bundles, written by a second process while the build goes on.

Pagefind's indexing is a large part of a big build, and a build has two cores: a job runs
on the other core while the build plans and mkdocs renders the pages (`rex.site.site_search`
says when each job starts). Each bundle is written in indexes of a few hundred or thousand
records (`rex.site.pagefind.write_bundle`), one after the other in one Pagefind process that
frees each when written, so its memory stays that of one index (one index of 50,000 records
took 6.7 GB).

The job is a fork of the build's process: it reads the corpus already in memory instead of
pickling it to a fresh interpreter (slower than the job itself).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..errors import RexError
from .pagefind import BundleStats, SearchRecord, write_bundle


@dataclass(frozen=True)
class Bundle:
    """What the job writes in the folder ``name`` (see `rex.site.pagefind.write_bundle`):
    ``records()``, in indexes of ``shard_size``, grouped by ``group``, and ``late()``, the
    records known only once the job has started, in the last index."""

    name: str
    records: Callable[[], Sequence[SearchRecord]]
    shard_size: int | None
    group: Callable[[SearchRecord], str] | None = None
    late: Callable[[], Sequence[SearchRecord]] | None = None


Bundles = Sequence[Bundle]


class SearchJob:
    """The bundles of a site, written by a forked process (`start`, then `wait` or `stop`);
    what the job learns after it started comes through `post` (the job reads it with
    `receive`)."""

    def __init__(self, bundles: Bundles, site: Path) -> None:
        self._bundles = bundles
        self._site = site
        self._process: Any = None
        self._answer: Connection | None = None
        self._inbox: Connection | None = None
        self._outbox: Connection | None = None
        #: Peak resident memory of the job and of its largest Pagefind process, in bytes.
        self.peaks: tuple[int, int] = (0, 0)

    def start(self) -> None:
        """Fork the job (the caller's memory is shared, copied only where the job writes)."""
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        self._inbox, self._outbox = context.Pipe(duplex=False)
        self._process = context.Process(target=self._run, args=(send,), daemon=True)
        self._process.start()
        send.close()
        self._inbox.close()
        self._answer = receive

    def post(self, value: object) -> None:
        """Send ``value`` to the job (read there by `receive`), without waiting for the job
        to read it: a pipe holds 64 kB, and the job reads when it needs the value."""
        outbox = self._outbox
        assert outbox is not None

        def send() -> None:
            with contextlib.suppress(OSError):  # the job stopped: nobody is to read it
                outbox.send(value)

        threading.Thread(target=send, daemon=True).start()

    def receive(self) -> Any:
        """In the job: what the build sent with `post` (waiting for it)."""
        assert self._inbox is not None
        return self._inbox.recv()

    def _run(self, send: Connection) -> None:
        try:
            assert self._outbox is not None
            self._outbox.close()
            stats = [
                write_bundle(
                    b.records(),
                    self._site / b.name,
                    shard_size=b.shard_size,
                    group=b.group,
                    late=b.late,
                )
                for b in self._bundles
            ]
            peaks = (
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
            )
            send.send(("ok", (stats, peaks)))
        except RexError as error:
            send.send(("error", (str(error), error.hint)))
        except BaseException:  # reported to the build, which fails with it
            send.send(("error", (traceback.format_exc(limit=3), None)))
        finally:
            send.close()

    def wait(self) -> list[BundleStats]:
        """Wait for the job; its bundles' figures, or `RexError` with the job's error."""
        assert self._process is not None and self._answer is not None
        try:
            status, value = self._answer.recv()
        except EOFError:
            status, value = "error", ("the search indexing process stopped unexpectedly", None)
        finally:
            self._answer.close()
            self._process.join()
        if status == "error":
            message, hint = value
            raise RexError(message, hint=hint)
        stats, self.peaks = value
        return list(stats)

    def stop(self) -> None:
        """Stop the job if it still runs (the build failed)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
        for end in (self._answer, self._outbox):
            if end is not None:
                end.close()
