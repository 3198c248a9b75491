"""`rex.ensure_index`: the freshness policy in the library; the index kept apart from content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import rex

from .conftest import WriteTree
from .search_corpus import SEARCH_CORPUS


@pytest.fixture
def content(write_tree: WriteTree) -> Path:
    return write_tree(SEARCH_CORPUS)


def test_unchanged_files_are_answered_without_reading_the_corpus(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "index"
    first = rex.ensure_index(content, index)
    assert first.full and first.added == len(SEARCH_CORPUS)
    loads: list[Path] = []
    real_load = rex.corpus.load

    def counting_load(path: Path, **kwargs: object) -> rex.Corpus:
        loads.append(path)
        return real_load(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("rex.corpus.load", counting_load)
    again = rex.ensure_index(content, index)
    assert loads == [] and not again.changed
    assert again.summary() == f"added 0, updated 0, removed 0, unchanged {len(SEARCH_CORPUS)}"
    practice = next((content / "practices").glob("*.md"))
    practice.write_text(practice.read_text(encoding="utf-8") + "\nAjout.\n", encoding="utf-8")
    changed = rex.ensure_index(content, index)
    assert (len(loads), changed.updated, changed.changed) == (1, 1, True)
    assert not rex.ensure_index(content, index).changed and len(loads) == 1


def test_a_library_build_invalidates_the_stamp(content: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    rex.ensure_index(content, index)
    other = tmp_path / "other"
    shutil.copytree(content, other)
    next((other / "practices").glob("*.md")).unlink()
    rex.build_index(rex.load(other), index)  # another corpus written by the library
    stats = rex.ensure_index(content, index)  # same files as the stamp says: still re-read
    assert stats.changed and stats.added >= 1  # the deleted practice is back


def test_an_index_of_an_older_layout_is_rebuilt_though_no_file_changed(
    content: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    rex.ensure_index(content, index)
    # What an earlier rex left: its layout version in the metadata, the stamp still matching.
    (index / "rex-index.json").write_text('{"schema": "rex-search-3"}\n', encoding="utf-8")
    stats = rex.ensure_index(content, index)
    assert stats.full and stats.added == len(SEARCH_CORPUS)
    with rex.open_index(index) as opened:
        assert opened.search("protions").corrected == "portions"


def test_starting_is_called_only_when_the_index_is_written(content: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    calls: list[bool] = []
    rex.ensure_index(content, index, starting=calls.append)
    rex.ensure_index(content, index, starting=calls.append)
    rex.ensure_index(content, index, full=True, starting=calls.append)
    assert calls == [True, False]


@pytest.mark.parametrize("where", [".", "inside", ".."])
def test_the_library_refuses_an_index_folder_overlapping_the_corpus(
    content: Path, where: str
) -> None:
    index = {".": content, "inside": content / "idx", "..": content.parent}[where]
    before = sorted(content.rglob("*"))
    with pytest.raises(rex.RexError, match="the index folder"):
        rex.build_index(rex.load(content), index)
    with pytest.raises(rex.RexError, match="the index folder"):
        rex.ensure_index(content, index)
    assert sorted(content.rglob("*")) == before


def test_a_missing_corpus_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(rex.RexError, match="no such folder"):
        rex.ensure_index(tmp_path / "none", tmp_path / "index")
