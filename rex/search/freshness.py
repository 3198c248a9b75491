"""A cheap check that an index is up to date: the size and modification time of every record.

Deciding from the records themselves means reading and validating the whole corpus (seconds
on 10,000 records) before every `rex search`. The files' sizes and modification times, taken
before the corpus was read for the last update, tell the same in milliseconds when nothing
changed; when anything differs, the caller falls back to the exact check.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..atomic import write_text_atomic
from ..loader import discover

STAMP_FILE = "rex-sources.json"

Stamp = dict[str, object]


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


def save_stamp(index_dir: Path, stamp: Stamp) -> None:
    """Record ``stamp`` (taken before the corpus was read) beside the index it describes."""
    if index_dir.is_dir():
        write_text_atomic(index_dir / STAMP_FILE, json.dumps(stamp, sort_keys=True))


def stamp_matches(index_dir: Path, stamp: Stamp) -> bool:
    """Whether the index was last updated from files exactly as ``stamp`` describes them."""
    try:
        saved = json.loads((index_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(saved == json.loads(json.dumps(stamp, sort_keys=True)))


def stamp_root(index_dir: Path) -> str | None:
    """The corpus folder the index was last updated from, if its stamp says."""
    try:
        saved = json.loads((index_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    root = saved.get("root") if isinstance(saved, dict) else None
    return root if isinstance(root, str) else None
