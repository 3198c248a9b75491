"""`ensure_index`: keep an index in line with its corpus folder, reading it only on a change.

The policy every caller (`rex index`, `rex search`, library users) shares: with no record file
changed since the last update (same sizes and times, see `rex.search.freshness`), answer
without reading the corpus; otherwise read it and write only what changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import LOCK_TIMEOUT, check_apart
from .freshness import Starting, save_stamp, source_stamp, stamp_stats
from .results import IndexStats

if TYPE_CHECKING:
    from .store import Progress


def ensure_index(
    content: str | Path,
    index_dir: str | Path,
    *,
    full: bool = False,
    progress: Progress | None = None,
    starting: Starting | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
) -> IndexStats:
    """Bring the index at ``index_dir`` in line with the corpus folder ``content``.

    With no file changed since the last update, answers from the files' sizes and times alone
    (the counts come from that update). Otherwise reads the corpus and writes only the added,
    changed and removed records; ``full`` rebuilds. `RexError` if ``content`` is not a folder
    or the index folder is the corpus, inside it or contains it. Returns what changed
    (`IndexStats.changed` is False when nothing was written).
    """
    from ..corpus import load
    from .indexer import build_index

    content, index_dir = Path(content), Path(index_dir)
    stamp = source_stamp(content)  # before reading: a file edited meanwhile looks changed
    check_apart(index_dir, content, "index", "--index")
    if not full:
        known = stamp_stats(index_dir, stamp)
        if known is not None:
            return known
    corpus = load(content)
    # Even when the records turn out unchanged, build_index runs: under the index's lock it
    # repairs what a killed writer left and marks an index an earlier rex wrote.
    stats = build_index(
        corpus,
        index_dir,
        full=full,
        progress=progress,
        starting=starting,
        lock_timeout=lock_timeout,
    )
    save_stamp(index_dir, stamp, stats)
    return stats
