"""`rex index` and `rex search` through click's CliRunner: counts, JSON shape, exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import rex
from rex.search.results import FACET_NAMES

from .conftest import Invoke, WriteTree
from .search_corpus import SEARCH_CORPUS


def run(invoke: Invoke, *args: str) -> tuple[int, str, str]:
    result = invoke(*args)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def content(write_tree: WriteTree) -> Path:
    return write_tree(SEARCH_CORPUS)


def test_index_reports_counts_then_nothing_to_do(
    invoke: Invoke, content: Path, tmp_path: Path
) -> None:
    index = str(tmp_path / "index")
    code, out, _ = run(invoke, "index", str(content), "--index", index)
    assert code == 0 and "rebuilt" in out and "added 8," in out
    code, out, _ = run(invoke, "index", str(content), "--index", index)
    assert code == 0 and "added 0, updated 0, removed 0, unchanged 8" in out
    code, out, _ = run(invoke, "index", str(content), "--index", index, "--full")
    assert code == 0 and "rebuilt" in out


def test_index_skips_broken_files_and_points_to_validate(
    invoke: Invoke, content: Path, tmp_path: Path
) -> None:
    (content / "rex" / "cassee.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    code, _, err = run(invoke, "index", str(content), "--index", str(tmp_path / "index"))
    assert code == 0
    assert "skipped 1 files with errors (run 'rex validate" in err


def test_search_json_is_the_library_result(invoke: Invoke, content: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    args = ["search", "restes", "--content", str(content), "--index", str(index)]
    code, out, err = run(invoke, *args, "--format", "json", "--limit", "1")
    assert code == 0
    assert "building the index" in err  # there was none: built first, said on stderr
    data = json.loads(out)
    assert list(data) == ["query", "total", "hits", "facets", "corrected"]
    assert (data["query"], data["total"], len(data["hits"])) == ("restes", 2, 1)
    assert set(data["hits"][0]) == {"id", "kind", "title", "path", "score", "snippet"}
    assert list(data["facets"]) == list(FACET_NAMES)
    assert list(FACET_NAMES)[:5] == ["kind", "services", "indicators", "tags", "status"]
    with rex.open_index(index) as opened:
        assert data == json.loads(opened.search("restes", limit=1).to_json())


def test_search_updates_an_index_older_than_the_content(
    invoke: Invoke, content: Path, tmp_path: Path
) -> None:
    index = str(tmp_path / "index")
    run(invoke, "index", str(content), "--index", index)
    code, out, err = run(invoke, "search", "bassins", "--content", str(content), "--index", index)
    assert err == "" or "updating" not in err
    (content / "services" / "piscine.md").write_text(
        "---\ntitle: Piscine municipale\n---\nLes bassins.\n", encoding="utf-8"
    )
    code, out, err = run(invoke, "search", "bassins", "--content", str(content), "--index", index)
    assert code == 0
    assert "updating the index" in err and "added 1" in err
    assert "Piscine municipale" in out and "[service: piscine]" in out


def test_search_text_shows_hits_and_facets(invoke: Invoke, content: Path, tmp_path: Path) -> None:
    code, out, _ = run(
        invoke,
        "search",
        "restes",
        "--content",
        str(content),
        "--index",
        str(tmp_path / "i"),
        "--kind",
        "practice",
    )
    assert code == 0
    assert "1 result for 'restes'" in out
    assert "Peser les restes pour ajuster les portions  [practice: pesee-des-restes]" in out
    assert "practices/pesee-des-restes.md" in out
    assert "kind: practices (1)" in out and "tags: cantine (1), propreté (1)" in out


def test_search_says_which_query_it_ran_instead(
    invoke: Invoke, content: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        invoke,
        "search",
        "prorité",
        "--content",
        str(content),
        "--index",
        str(tmp_path / "i"),
        "--format",
        "json",
    )
    assert code == 0
    assert "showing results for 'propreté'" in err or "showing results for" in err
    assert json.loads(out)["corrected"]


@pytest.mark.parametrize("query", ['"délai', "(délai", "auteur:x", "", "les"])
def test_malformed_query_exits_2_without_traceback(
    invoke: Invoke, content: Path, tmp_path: Path, query: str
) -> None:
    code, out, err = run(
        invoke, "search", query, "--content", str(content), "--index", str(tmp_path / "i")
    )
    assert code == 2
    assert err.startswith("Error: ") and "Traceback" not in err + out
    assert not (tmp_path / "i").exists()  # refused before building anything


def test_search_without_content_or_index_is_a_clear_error(invoke: Invoke, tmp_path: Path) -> None:
    code, _, err = run(
        invoke, "search", "x", "--content", str(tmp_path / "none"), "--index", str(tmp_path / "i")
    )
    assert code == 1 and "no such folder" in err


def test_bad_option_values_are_usage_errors(invoke: Invoke, content: Path) -> None:
    assert run(invoke, "search", "x", "--kind", "procedure")[0] == 2
    assert run(invoke, "search", "x", "--limit", "-1")[0] == 2
    assert run(invoke, "search", "x", "--status", "ok")[0] == 2


@pytest.mark.parametrize("command", ["index", "search"])
def test_help(invoke: Invoke, command: str) -> None:
    code, out, _ = run(invoke, command, "--help")
    assert code == 0 and "Usage: " in out


def test_unchanged_files_skip_reading_the_corpus(
    invoke: Invoke, content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = str(tmp_path / "index")
    run(invoke, "index", str(content), "--index", index)
    loads: list[Path] = []
    real_load = rex.load

    def counting_load(path: Path, **kwargs: object) -> rex.Corpus:
        loads.append(path)
        return real_load(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("rex.corpus.load", counting_load)
    code, _, err = run(invoke, "search", "restes", "--content", str(content), "--index", index)
    assert (code, err, loads) == (0, "", [])  # sizes and times unchanged: corpus not read
    # Same bytes, new modification time: the exact check runs, finds nothing to update.
    practice = next((content / "practices").glob("*.md"))
    info = practice.stat()
    os.utime(practice, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    code, _, err = run(invoke, "search", "restes", "--content", str(content), "--index", index)
    assert (code, err, len(loads)) == (0, "", 1)
    code, _, err = run(invoke, "search", "restes", "--content", str(content), "--index", index)
    assert (code, err, len(loads)) == (0, "", 1)  # the new times were recorded
    practice.write_text(practice.read_text(encoding="utf-8") + "\nAjout.\n", encoding="utf-8")
    code, _, err = run(invoke, "search", "restes", "--content", str(content), "--index", index)
    assert code == 0 and "updating the index" in err and "updated 1" in err
