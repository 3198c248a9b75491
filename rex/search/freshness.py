"""The stamp: the size and modification time of every record file at an index's last update.

Deciding from the records themselves whether an index is current means reading and validating
the whole corpus (seconds on 10,000 records). The files' sizes and modification times, taken
before the corpus was read for the last update, tell the same in milliseconds when nothing
changed; when anything differs, `rex.search.ensure` falls back to the exact comparison.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from ..loader import discover
from .documents import SCHEMA_VERSION
from .results import IndexStats

STAMP_FILE = "rex-sources.json"
#: rex's metadata in an index folder: the layout version the index was written with.
META_FILE = "rex-index.json"

Stamp = dict[str, Any]

#: Called once before an index is written, with True when there was no index yet.
Starting = Callable[[bool], None]


def source_stamp(root: Path) -> Stamp:
    """The corpus folder and, for each record file, its size and modification time."""
    sources, _ = discover(root)
    files: dict[str, list[int]] = {}
    for source in sources:
        try:
            info = source.path.stat()
        except OSError:
            continue
        files[source.relpath] = [info.st_size, info.st_mtime_ns]
    return {"root": str(root.resolve()), "files": files}


def save_stamp(index_dir: Path, stamp: Stamp, stats: IndexStats) -> None:
    """Record ``stamp`` (taken before the corpus was read) and the index's counts beside it."""
    if index_dir.is_dir():
        records = stats.added + stats.updated + stats.unchanged
        counts = {"records": records, "skipped": stats.skipped}
        text = json.dumps({**stamp, "counts": counts}, sort_keys=True)
        write_text_atomic(index_dir / STAMP_FILE, text)


def forget_stamp(index_dir: Path) -> None:
    """Drop the stamp: the index is about to change in a way it does not describe."""
    with contextlib.suppress(FileNotFoundError):
        (index_dir / STAMP_FILE).unlink()


def current_layout(index_dir: Path) -> bool:
    """Whether the index in ``index_dir`` was written with this rex's layout version."""
    try:
        meta = json.loads((index_dir / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(meta, dict) and meta.get("schema") == SCHEMA_VERSION


def stamp_stats(index_dir: Path, stamp: Stamp) -> IndexStats | None:
    """The counts of the last update if it read the files exactly as ``stamp`` describes them
    (None too when the index has an older layout: it must be rebuilt)."""
    if not current_layout(index_dir):
        return None
    saved = _read(index_dir)
    if saved is None or {k: saved.get(k) for k in stamp} != json.loads(json.dumps(stamp)):
        return None
    counts = saved.get("counts")
    if not isinstance(counts, dict):  # a stamp from before the counts were kept
        return None
    records, skipped = counts.get("records"), counts.get("skipped")
    if not isinstance(records, int) or not isinstance(skipped, int):
        return None
    return IndexStats(unchanged=records, skipped=skipped)


def stamp_root(index_dir: Path) -> str | None:
    """The corpus folder the index was last updated from, if its stamp says."""
    saved = _read(index_dir)
    root = saved.get("root") if saved is not None else None
    return root if isinstance(root, str) else None


def _read(index_dir: Path) -> dict[str, Any] | None:
    try:
        saved = json.loads((index_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return saved if isinstance(saved, dict) else None
