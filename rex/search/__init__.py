"""Full-text search over a corpus, for French as people type it.

`ensure_index(content, path)` brings an index in line with a corpus folder (reading it only
when a file changed); `build_index(corpus, path)` writes or updates an index from a loaded
corpus; `open_index(path).search(...)` queries it. whoosh is imported only when one of them is
called, so ``import rex`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .ensure import ensure_index
from .results import Hit, IndexStats, SearchResult

if TYPE_CHECKING:
    from ..corpus import Corpus
    from .query import SearchIndex
    from .store import Progress

#: Where `rex index` and `rex search` keep the index unless told otherwise.
DEFAULT_INDEX = Path(".rex/index")
DEFAULT_LOCK_TIMEOUT = 30.0


def build_index(
    corpus: Corpus,
    path: str | Path = DEFAULT_INDEX,
    full: bool = False,
    *,
    progress: Progress | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> IndexStats:
    """Write only the added, changed and removed records of ``corpus`` into the index at ``path``.

    ``full=True`` rebuilds it from scratch. Another process writing the same index is waited
    for up to ``lock_timeout`` seconds, then `rex.RexError` is raised.
    """
    from .indexer import build_index as _build_index

    return _build_index(corpus, path, full=full, progress=progress, lock_timeout=lock_timeout)


def index_is_current(corpus: Corpus, path: str | Path = DEFAULT_INDEX) -> bool:
    """True when the index at ``path`` holds exactly the records of ``corpus`` as they are now."""
    from .indexer import is_current

    return is_current(corpus, path)


def open_index(path: str | Path = DEFAULT_INDEX) -> SearchIndex:
    """Open the index at ``path`` for searching; `rex.RexError` if there is none."""
    from .query import SearchIndex

    return SearchIndex(path)


__all__ = [
    "DEFAULT_INDEX",
    "Hit",
    "IndexStats",
    "SearchResult",
    "build_index",
    "ensure_index",
    "index_is_current",
    "open_index",
]
