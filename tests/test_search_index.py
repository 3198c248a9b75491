"""Keeping the index in line with the corpus: incremental updates, locking, crashes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import rex
from rex.search.store import IndexLock

from .conftest import ROOT, WriteTree
from .search_corpus import SEARCH_CORPUS


@pytest.fixture
def content(write_tree: WriteTree) -> Path:
    return write_tree(SEARCH_CORPUS)


def found(index: Path, query: str) -> set[str]:
    with rex.open_index(index) as opened:
        result = opened.search(query, limit=100)
    return set() if result.corrected else {hit.id for hit in result.hits}


def test_second_run_writes_nothing(content: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    first = rex.build_index(rex.load(content), index)
    assert (first.added, first.full) == (8, True)
    files = sorted(p.name for p in index.iterdir())
    again = rex.build_index(rex.load(content), index)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 8)
    assert not again.changed
    assert sorted(p.name for p in index.iterdir()) == files  # no new generation


def test_edited_added_and_deleted_records(content: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    rex.build_index(rex.load(content), index)
    practice = content / "practices" / "pesee-des-restes.md"
    practice.write_text(
        practice.read_text(encoding="utf-8").replace("assiettes", "barquettes"),
        encoding="utf-8",
    )
    (content / "rex" / "grille-voirie-2024.md").unlink()
    (content / "services" / "piscine.md").write_text(
        "---\ntitle: Piscine municipale\n---\nLes bassins.\n", encoding="utf-8"
    )
    stats = rex.build_index(rex.load(content), index)
    assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (1, 1, 1, 6)
    assert found(index, "barquettes") == {"pesee-des-restes"}
    assert found(index, "assiettes") == set()
    assert found(index, "allongeaient") == set()
    assert found(index, "bassins") == {"piscine"}
    with rex.open_index(index) as opened:
        assert opened.search("restes OR bassins OR voirie").total == 6


def test_spelling_fixes_follow_incremental_updates(content: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    rex.build_index(rex.load(content), index)
    with rex.open_index(index) as opened:
        assert opened.search("compozteurs").corrected is None  # no such word yet
        practice = content / "practices" / "pesee-des-restes.md"
        text = practice.read_text(encoding="utf-8")
        practice.write_text(text.replace("summary: Des", "summary: Composteurs. Des"), "utf-8")
        rex.build_index(rex.load(content), index)
        assert opened.search("compozteurs").corrected == "composteurs"  # seen while open
        practice.write_text(text, encoding="utf-8")
        rex.build_index(rex.load(content), index)
        assert opened.search("compozteurs").corrected != "composteurs"  # forgotten again


def test_renaming_a_linked_record_updates_the_records_that_link_to_it(
    content: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    rex.build_index(rex.load(content), index)
    indicator = content / "indicators" / "gaspillage-alimentaire.md"
    indicator.write_text(
        indicator.read_text(encoding="utf-8").replace(
            "title: Gaspillage alimentaire", "title: Déchets de repas"
        ),
        encoding="utf-8",
    )
    stats = rex.build_index(rex.load(content), index)
    # The indicator itself, and the practice and REX that link to it.
    assert (stats.updated, stats.unchanged) == (3, 5)
    assert "cantine-jaures-2025" in found(index, "déchets repas")


def test_full_rebuilds_and_records_with_errors_are_skipped(content: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    (content / "practices" / "cassee.md").write_text("---\ntitle: x\n", encoding="utf-8")
    rex.build_index(rex.load(content), index)
    stats = rex.build_index(rex.load(content), index, full=True)
    assert (stats.full, stats.added, stats.skipped) == (True, 8, 1)


def test_a_damaged_or_foreign_index_is_rebuilt(content: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    rex.build_index(rex.load(content), index)
    for toc in index.glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    stats = rex.build_index(rex.load(content), index)
    assert stats.full and found(index, "jaures") == {"cantine-jaures-2025"}


def test_a_second_writer_waits_for_the_first(content: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    corpus = rex.load(content)
    lock = IndexLock(index)
    lock.__enter__()
    releaser = threading.Timer(0.3, lock.__exit__, (None, None, None))
    releaser.start()
    started = time.monotonic()
    stats = rex.build_index(corpus, index, lock_timeout=10)
    assert time.monotonic() - started >= 0.25
    assert stats.added == 8


def test_a_second_writer_fails_clearly_after_its_timeout(content: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    with IndexLock(index), pytest.raises(rex.RexError, match=r"another rex process \(pid \d+\)"):
        rex.build_index(rex.load(content), index, lock_timeout=0.2)


def test_concurrent_writers_in_two_processes(content: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    code = f"import rex; print(rex.build_index(rex.load({str(content)!r}), {str(index)!r}))"
    procs = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=60)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    # One built the index, the other waited and then found nothing to do.
    assert sorted("unchanged=8" in out for out in outputs) == [False, True]
    assert found(index, "jaures") == {"cantine-jaures-2025"}


# Stops a writer at its most delicate point, then waits to be killed.
KILL_SCRIPT = """
import sys, time
import rex
from whoosh.filedb import filestore

mode, content, index, ready = sys.argv[1:]

def hang():
    open(ready, "w").close()
    time.sleep(60)

if mode == "commit":
    # New segment files and the new table of contents are written, not yet renamed.
    original = filestore.FileStorage.rename_file
    def rename_file(self, frm, to, safe=False):
        if to.endswith(".toc"):
            hang()
        return original(self, frm, to, safe)
    filestore.FileStorage.rename_file = rename_file
    rex.build_index(rex.load(content), index)
else:
    rex.build_index(rex.load(content), index, full=True, progress=lambda done, total: hang())
"""


@pytest.mark.parametrize("mode", ["commit", "full"])
def test_a_writer_killed_mid_write_leaves_the_previous_index(
    content: Path, tmp_path: Path, mode: str
) -> None:
    index = tmp_path / "index"
    rex.build_index(rex.load(content), index)
    (content / "rex" / "cantine-jaures-2025.md").unlink()
    (content / "services" / "piscine.md").write_text(
        "---\ntitle: Piscine municipale\n---\n", encoding="utf-8"
    )
    ready = tmp_path / "ready"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(KILL_SCRIPT),
            mode,
            str(content),
            str(index),
            str(ready),
        ],
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert proc.poll() is None, "the writer ended before reaching the kill point"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    # Still the previous index, readable.
    assert found(index, "jaures") == {"cantine-jaures-2025"}
    assert found(index, "piscine") == set()
    # The next run is not blocked by the dead writer's lock, and repairs the index.
    stats = rex.build_index(rex.load(content), index, lock_timeout=2)
    assert (stats.added, stats.removed) == (1, 1) or stats.full
    assert found(index, "jaures") == set()
    assert found(index, "piscine") == {"piscine"}
    assert not list(tmp_path.glob(".index.tmp-*"))
