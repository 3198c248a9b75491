"""Generated folders are swapped in whole, and never replace a folder rex did not write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rex import atomic
from rex.atomic import MARKER_FILE, replace_dir, write_marker
from rex.errors import RexError

from .conftest import Invoke


def test_replace_dir_swaps_on_success_and_keeps_the_old_one_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out"
    with replace_dir(target, kind="site") as work:
        (work / "index.html").write_text("v1", encoding="utf-8")
    assert (target / "index.html").read_text(encoding="utf-8") == "v1"
    with pytest.raises(KeyError), replace_dir(target, kind="site") as work:
        (work / "index.html").write_text("v2", encoding="utf-8")
        raise KeyError("interrupted")
    assert (target / "index.html").read_text(encoding="utf-8") == "v1"
    # No temporary folder left; the lock file stays (deleting it would race with a waiter).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]
    assert json.loads((target / MARKER_FILE).read_text(encoding="utf-8")) == {
        "tool": "rex",
        "kind": "site",
    }


def test_replace_dir_restores_an_output_left_between_two_renames(tmp_path: Path) -> None:
    target = tmp_path / "out"
    old = tmp_path / ".out.old-abc"
    old.mkdir()
    (old / "index.html").write_text("last good", encoding="utf-8")
    write_marker(old, "site")
    with pytest.raises(RuntimeError), replace_dir(target, kind="site"):
        raise RuntimeError
    assert (target / "index.html").read_text(encoding="utf-8") == "last good"


def test_replace_dir_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    target = tmp_path / "records"
    target.mkdir()
    (target / "precious.md").write_text("keep me", encoding="utf-8")
    with (
        pytest.raises(RexError, match="records: this folder is not a rex site"),
        replace_dir(target, kind="site"),
    ):
        pytest.fail("must not get here")
    assert (target / "precious.md").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    "args",
    [
        ["build", "{content}", "--site-dir", "{content}"],
        ["index", "{content}", "--index", "{content}", "--full"],
        ["index", "{content}", "--index", "{content}"],
    ],
)
def test_commands_never_replace_the_records(
    invoke: Invoke, args: list[str], minimal_corpus: Path
) -> None:
    before = sorted(p.relative_to(minimal_corpus) for p in minimal_corpus.rglob("*"))
    result = invoke(*(a.format(content=minimal_corpus) for a in args))
    assert result.exit_code == 1
    assert "the corpus folder" in result.output
    assert sorted(p.relative_to(minimal_corpus) for p in minimal_corpus.rglob("*")) == before


def test_remove_tree_removes_every_branch_and_follows_no_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not rex's")
    folder = tmp_path / "old-site"
    for top in ("rex", "practices", "pagefind"):
        for inner in range(5):
            leaf = folder / top / f"p{inner}" / "deep"
            leaf.mkdir(parents=True)
            (leaf / "index.html").write_text("<p>")
        (folder / top / "index.html").write_text("<p>")
    (folder / "404.html").write_text("<p>")
    (folder / "rex" / "link").symlink_to(outside, target_is_directory=True)
    (folder / "rex" / "p0" / "link").symlink_to(outside, target_is_directory=True)
    (folder / "top-link").symlink_to(outside, target_is_directory=True)

    atomic.remove_tree(folder)

    assert not folder.exists()
    assert (outside / "keep.txt").read_text() == "not rex's"
    atomic.remove_tree(folder)  # already gone: nothing to do, no error
