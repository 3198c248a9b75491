"""The site's Pagefind bundles, written by a second process while mkdocs renders the pages.

Two reasons. Time: Pagefind's indexing is a third of a large build, and a build has two
cores; the job starts as soon as every page's URL is known and mkdocs keeps the other core.
Memory: Pagefind holds about 150 kB per record while it indexes (6.7 GB for 50,000 records),
so a bundle is written in *shards* of at most `SHARD_BUDGET` bytes of that estimate, one
Pagefind process after the other; the first shard is the bundle the pages load
(``pagefind/``), the others sit beside it (``pagefind-2/``…) and are listed in its
``rex-shards.json``, which the search merges (Pagefind's ``mergeIndex``).

The job is a fork of the build's process: it reads the corpus already in memory instead of
pickling it to a fresh interpreter (slower than the job itself).
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..errors import RexError
from .pagefind import BundleStats, SearchRecord, write_bundle

#: Pagefind's memory per process, estimated from what it is given (see `estimate`).
SHARD_BUDGET = 1_200_000_000
#: Measured with Pagefind 1.5 (10,000 synthetic records): bytes per record and per character.
PER_RECORD, PER_CHAR = 30_000, 50
MANIFEST = "rex-shards.json"

#: What the job writes: (bundle folder name, function returning its records).
Bundles = Sequence[tuple[str, Callable[[], Sequence[SearchRecord]]]]


def estimate(record: SearchRecord) -> int:
    """Pagefind's memory for ``record`` while it indexes, in bytes (measured, rounded up)."""
    text = len(record.content) + sum(len(v) for v in record.meta.values())
    return PER_RECORD + PER_CHAR * text


def shards(records: Sequence[SearchRecord], budget: int | None = None) -> list[list[SearchRecord]]:
    """``records`` cut in order into runs whose estimated memory stays under ``budget``
    (default `SHARD_BUDGET`)."""
    budget = budget or SHARD_BUDGET
    found: list[list[SearchRecord]] = [[]]
    used = 0
    for record in records:
        cost = estimate(record)
        if found[-1] and used + cost > budget:
            found.append([])
            used = 0
        found[-1].append(record)
        used += cost
    return found


def shard_name(name: str, n: int) -> str:
    """The folder of shard ``n`` (0 = the bundle itself) of bundle ``name``."""
    return name if n == 0 else f"{name}-{n + 1}"


def write_sharded(
    records: Sequence[SearchRecord], site: Path, name: str, budget: int | None = None
) -> list[BundleStats]:
    """Write ``records`` as the bundle ``site/name`` and its shards, with their manifest."""
    runs = shards(records, budget)
    stats = [write_bundle(run, site / shard_name(name, n)) for n, run in enumerate(runs)]
    others = [f"{shard_name(name, n)}/" for n in range(1, len(runs))]
    (site / name / MANIFEST).write_text(json.dumps({"shards": others}), encoding="utf-8")
    return stats


class SearchJob:
    """The bundles of a site, written by a forked process (`start`, then `wait` or `stop`)."""

    def __init__(self, bundles: Bundles, site: Path) -> None:
        self._bundles = bundles
        self._site = site
        self._process: Any = None
        self._answer: Connection | None = None
        #: Peak resident memory of the job and of its largest Pagefind process, in bytes.
        self.peaks: tuple[int, int] = (0, 0)

    def start(self) -> None:
        """Fork the job (the caller's memory is shared, copied only where the job writes)."""
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=self._run, args=(send,), daemon=True)
        self._process.start()
        send.close()
        self._answer = receive

    def _run(self, send: Connection) -> None:
        try:
            stats = [write_sharded(make(), self._site, name) for name, make in self._bundles]
            peaks = (
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
            )
            send.send(("ok", ([s for run in stats for s in run], peaks)))
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
        if self._answer is not None:
            self._answer.close()
