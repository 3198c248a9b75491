"""`build_index`: bring a search index in line with a corpus, writing only what changed."""

from __future__ import annotations

from pathlib import Path

from ..atomic import check_apart
from ..corpus import Corpus
from ..diagnostics import Severity
from ..gc_pause import collector_paused
from .documents import build_documents
from .freshness import Starting, forget_stamp
from .results import IndexStats
from .store import (
    LOCK_TIMEOUT,
    IndexLock,
    Progress,
    open_existing,
    remove_leftovers,
    stored_hashes,
    write_all,
    write_changes,
)


def build_index(
    corpus: Corpus,
    path: str | Path,
    *,
    full: bool = False,
    progress: Progress | None = None,
    starting: Starting | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
) -> IndexStats:
    """Index every valid record of ``corpus`` in the folder ``path``; return what changed.

    Incremental unless ``full``: records whose content hash is unchanged are not rewritten.
    A missing, damaged or outdated index is rebuilt from scratch. Only one process writes an
    index at a time; another waits up to ``lock_timeout`` seconds, then raises `RexError`.
    ``progress(done, total)`` is called as documents are written, ``starting(missing)`` once
    before anything is (``missing``: there was no index folder). The index folder may be
    neither the corpus folder, nor inside it, nor contain it (`RexError`).
    """
    index_dir = Path(path)
    check_apart(index_dir, corpus.root, "index", "--index")
    # whoosh allocates a tuple per posting, which triggers the cyclic garbage collector over
    # and over; each pass rescans the loaded corpus (millions of objects, no garbage). That
    # doubled a build at 10,000 records against a process holding nothing but the documents.
    with collector_paused():
        return _build(corpus, index_dir, full, progress, starting, lock_timeout)


def _build(
    corpus: Corpus,
    index_dir: Path,
    full: bool,
    progress: Progress | None,
    starting: Starting | None,
    lock_timeout: float,
) -> IndexStats:
    documents = build_documents(corpus)
    skipped = _files_with_errors(corpus)
    missing = not index_dir.is_dir()
    with IndexLock(index_dir, timeout=lock_timeout):
        remove_leftovers(index_dir)
        ix = None if full else open_existing(index_dir)
        if ix is None:
            if starting is not None:
                starting(missing)
            write_all(index_dir, documents.values(), progress)
            return IndexStats(added=len(documents), skipped=skipped, full=True)
        try:
            old = stored_hashes(ix)
            removed = [key for key in old if key not in documents]
            added = [key for key in documents if key not in old]
            updated = [
                key for key, doc in documents.items() if key in old and old[key] != doc["hash"]
            ]
            if removed or added or updated:
                # The stamp describes the files of the last `ensure_index`; whatever this
                # corpus is (filtered, loaded earlier), the stamp no longer vouches for it.
                forget_stamp(index_dir)
                if starting is not None:
                    starting(missing)
                todo = [documents[key] for key in added + updated]
                write_changes(ix, removed + updated, todo, documents.values(), progress)
        finally:
            ix.close()
    return IndexStats(
        added=len(added),
        updated=len(updated),
        removed=len(removed),
        unchanged=len(documents) - len(added) - len(updated),
        skipped=skipped,
    )


def is_current(corpus: Corpus, path: str | Path) -> bool:
    """True when the index at ``path`` holds exactly the records of ``corpus`` as they are."""
    ix = open_existing(Path(path))
    if ix is None:
        return False
    try:
        old = stored_hashes(ix)
    finally:
        ix.close()
    documents = build_documents(corpus)
    return old == {key: doc["hash"] for key, doc in documents.items()}


def _files_with_errors(corpus: Corpus) -> int:
    return len({d.path for d in corpus.report.diagnostics if d.severity is Severity.ERROR})
