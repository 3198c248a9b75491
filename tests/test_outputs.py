"""rex replaces only what it wrote: markers, folders apart from the corpus, one writer at a time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import rex
from rex.atomic import MARKER_FILE, output_lock, read_marker
from rex.site import build_site
from tests.conftest import ROOT, SAMPLE, Invoke


def run(invoke: Invoke, cwd: Path, *args: str) -> tuple[int, str, str]:
    result = invoke(*args, cwd=cwd)  # no mkdocs.yml there: rex's built-in configuration
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path below ``folder`` with its bytes (None for a folder)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def _user_folder(folder: Path) -> Path:
    (folder / "Documents").mkdir(parents=True)
    (folder / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    (folder / "Documents" / "report.odt").write_bytes(b"PK\x03\x04 not really odt")
    return folder


# --- the site ------------------------------------------------------------------------


def test_a_user_folder_with_an_index_html_is_refused_and_untouched(
    invoke: Invoke, minimal_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = _user_folder(tmp_path / "home")
    before = snapshot(home)
    code, _, err = run(invoke, tmp_path, "build", str(minimal_corpus), "--site-dir", "home")
    assert code == 1
    assert f"{home}: this folder is not a rex site (no {MARKER_FILE})" in err
    assert "Traceback" not in err
    assert snapshot(home) == before


@pytest.mark.parametrize(
    ("site_dir", "relation"),
    [
        ("content", "is the corpus folder"),
        ("content/site", "is inside the corpus folder"),
        ("content/rex", "is inside the corpus folder"),
        (".", "contains the corpus folder"),
    ],
)
def test_a_site_dir_that_overlaps_the_corpus_is_refused(
    invoke: Invoke,
    site_dir: str,
    relation: str,
    minimal_corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "README.md").write_text("# my repository", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>a page</p>", encoding="utf-8")
    before = snapshot(tmp_path)
    code, _, err = run(invoke, tmp_path, "build", "content", "--site-dir", site_dir)
    assert code == 1
    assert f"Error: {site_dir}: the site folder {relation}" in err
    assert "--site-dir" in err  # the hint says which option to change
    assert snapshot(tmp_path) == before  # not even a lock file


def test_a_previous_rex_site_without_marker_is_accepted_and_marked(
    invoke: Invoke, minimal_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    build_site(rex.load(minimal_corpus), site)
    (site / MARKER_FILE).unlink()  # as an earlier rex left it
    (site / "stale.html").write_text("from the earlier build", encoding="utf-8")
    code, out, err = run(invoke, tmp_path, "build", "content")
    assert code == 0, err
    assert "-> site" in out
    assert read_marker(site) == "site"
    assert not (site / "stale.html").exists()
    assert (site / "assets" / "rex" / "rex.css").is_file()


def test_a_second_build_replaces_the_first(
    invoke: Invoke, minimal_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(invoke, tmp_path, "build", "content", "--site-dir", "out")[0] == 0
    (minimal_corpus / "services" / "voirie.md").unlink()
    (minimal_corpus / "services" / "eclairage.md").write_text(
        "---\ntitle: Éclairage public\n---\n", encoding="utf-8"
    )
    (minimal_corpus / "indicators" / "delai-moyen-intervention.md").unlink()
    for kind in ("practices", "rex"):
        for path in (minimal_corpus / kind).iterdir():
            path.unlink()
    code, _, err = run(invoke, tmp_path, "build", "content", "--site-dir", "out")
    assert code == 0, err
    assert (tmp_path / "out" / "services" / "eclairage" / "index.html").is_file()
    assert not (tmp_path / "out" / "services" / "voirie").exists()
    assert read_marker(tmp_path / "out") == "site"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == [".out.lock"]


def test_a_folder_marked_for_another_kind_is_refused(minimal_corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    rex.build_index(rex.load(minimal_corpus), index)
    before = snapshot(index)
    with pytest.raises(rex.RexError, match="this folder is a rex index, not a site"):
        build_site(rex.load(minimal_corpus), index)
    assert snapshot(index) == before


def test_a_build_waits_for_the_lock_and_cleans_only_under_it(
    minimal_corpus: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    # Another build at work: it holds the lock and is writing its temporary folder.
    working = tmp_path / ".site.tmp-other"
    working.mkdir()
    (working / "index.html").write_text("half-built", encoding="utf-8")
    with (
        output_lock(site),
        pytest.raises(rex.RexError, match=r"site is being written by another rex process"),
    ):
        build_site(rex.load(minimal_corpus), site, lock_timeout=0.2)
    assert (working / "index.html").read_text(encoding="utf-8") == "half-built"
    assert not site.exists()
    build_site(rex.load(minimal_corpus), site)  # once the lock is free, leftovers go
    assert not working.exists()
    assert (site / "index.html").is_file()


def test_two_builds_at_once_leave_a_complete_site(minimal_corpus: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "rex", "build", "content", "--site-dir", "site"]
    procs = [
        subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 or "is being written by another rex process" in err, err
        assert "Traceback" not in err
    site = tmp_path / "site"
    assert (site / "index.html").is_file()
    assert (site / "assets" / "rex" / "rex.css").is_file()
    assert (site / "assets" / "rex" / "rex.js").is_file()
    assert (site / "practices" / "priorisation-des-demandes" / "index.html").is_file()
    assert read_marker(site) == "site"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]
    assert leftovers == [".site.lock"]
    # And the folder is still one rex accepts.
    assert subprocess.run(command, cwd=tmp_path, env=env, capture_output=True).returncode == 0


# --- the index -----------------------------------------------------------------------


@pytest.mark.parametrize("full", [False, True])
def test_a_latex_folder_is_not_taken_for_an_index(
    invoke: Invoke,
    full: bool,
    minimal_corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    for name, text in {"thesis.toc": "\\contentsline", "thesis.tex": "\\chapter{}"}.items():
        (thesis / name).write_text(text, encoding="utf-8")
    (thesis / "figures").mkdir()
    (thesis / "figures" / "plot.pdf").write_bytes(b"%PDF-1.7")
    before = snapshot(thesis)
    args = ["index", "content", "--index", "thesis", *(["--full"] if full else [])]
    code, _, err = run(invoke, tmp_path, *args)
    assert code == 1
    assert f"{thesis}: this folder is not a rex index (no {MARKER_FILE})" in err
    assert snapshot(thesis) == before


@pytest.mark.parametrize(
    ("index_dir", "relation"),
    [
        ("content", "is the corpus folder"),
        ("content/.rex/index", "is inside the corpus folder"),
        (".", "contains the corpus folder"),
    ],
)
@pytest.mark.parametrize("command", ["index", "search"])
def test_an_index_that_overlaps_the_corpus_is_refused(
    invoke: Invoke,
    command: str,
    index_dir: str,
    relation: str,
    minimal_corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "README.md").write_text("# my repository", encoding="utf-8")
    before = snapshot(tmp_path)
    args = ["index", "content"] if command == "index" else ["search", "voirie"]
    code, _, err = run(invoke, tmp_path, *args, "--index", index_dir)
    assert code == 1
    assert f"Error: {index_dir}: the index folder {relation}" in err
    assert "--index" in err
    assert snapshot(tmp_path) == before


def test_a_previous_rex_index_without_marker_is_accepted_and_marked(
    invoke: Invoke, minimal_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "idx"
    rex.build_index(rex.load(minimal_corpus), index)
    assert read_marker(index) == "index"
    (index / MARKER_FILE).unlink()  # as an earlier rex left it
    content = str(minimal_corpus)  # the records' paths, hence their hashes, as above
    code, out, err = run(invoke, tmp_path, "index", content, "--index", "idx")
    assert code == 0, err
    assert "unchanged 4" in out
    assert read_marker(index) == "index"
    (index / MARKER_FILE).unlink()
    code, out, err = run(invoke, tmp_path, "index", content, "--index", "idx", "--full")
    assert code == 0, err
    assert "rebuilt" in out and read_marker(index) == "index"


def test_two_index_runs_at_once_leave_a_searchable_index(
    minimal_corpus: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "rex", "index", "content", "--index", "idx", "--full"]
    procs = [
        subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    with rex.open_index(tmp_path / "idx") as index:
        assert index.search("voirie").total == 4
    assert read_marker(tmp_path / "idx") == "index"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".idx")] == []


# --- rex search ----------------------------------------------------------------------


def test_search_warns_when_it_cannot_check_the_index(
    invoke: Invoke, minimal_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "idx"
    assert run(invoke, tmp_path, "index", "content", "--index", "idx")[0] == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, out, err = run(invoke, elsewhere, "search", "voirie", "--index", str(index))
    assert code == 0
    assert "Voirie" in out  # it still answers
    assert f"cannot check that the index {index.as_posix()} is current" in err
    assert f"built from {minimal_corpus.resolve()}" in err
    assert "give the corpus as CONTENT" in err
    code, out, err = run(invoke, tmp_path, "search", "voirie", "--index", "idx")
    assert code == 0 and "cannot check" not in err  # beside the content: checked, silent


def test_search_in_a_published_index_without_stamp_still_warns(
    invoke: Invoke, minimal_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "published"
    rex.build_index(rex.load(minimal_corpus), index)  # the library writes no stamp
    code, _, err = run(
        invoke, tmp_path, "search", "voirie", "--index", str(index), "--content", "nowhere"
    )
    assert code == 0
    assert "cannot check that the index" in err and "'nowhere'" in err
    assert "built from" not in err
    assert json.loads((index / MARKER_FILE).read_text(encoding="utf-8"))["kind"] == "index"


def test_a_site_built_as_of_a_day_reads_results_and_actions_that_day(
    invoke: Invoke, tmp_path: Path
) -> None:
    def dashboard(day: str) -> str:
        site = tmp_path / day
        result = invoke("build", SAMPLE, "--site-dir", site, "--today", day)
        assert result.exit_code == 0, result.stderr
        return (site / "tableau-de-bord" / "index.html").read_text(encoding="utf-8")

    then, later = dashboard("2026-01-15"), dashboard("2031-06-01")
    assert "État au 15 janvier 2026" in then and "État au 1er juin 2031" in later
    # Five years on, the series are stale; on the day, none was.
    assert "Résultats non à jour (0)" in then
    assert re.search(r"Résultats non à jour \([1-9][0-9]*\)", later)
    assert invoke("build", SAMPLE, "--site-dir", tmp_path / "x", "--today", "demain").exit_code == 2
