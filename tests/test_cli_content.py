"""CONTENT is given the same way to every command; `--content` stays where it existed."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Invoke


@pytest.mark.parametrize("spelling", ["positional", "option"])
def test_new_takes_content_both_ways(invoke: Invoke, minimal_corpus: Path, spelling: str) -> None:
    where = (
        [str(minimal_corpus)] if spelling == "positional" else ["--content", str(minimal_corpus)]
    )
    result = invoke("new", "service", "piscine", *where)
    assert result.exit_code == 0, result.output
    assert (minimal_corpus / "services" / "piscine.md").is_file()


@pytest.mark.parametrize("spelling", ["positional", "option"])
def test_search_takes_content_both_ways(
    invoke: Invoke, minimal_corpus: Path, tmp_path: Path, spelling: str
) -> None:
    where = (
        [str(minimal_corpus)] if spelling == "positional" else ["--content", str(minimal_corpus)]
    )
    result = invoke("search", "voirie", *where, "--index", tmp_path / "index")
    assert result.exit_code == 0, result.output
    assert "grille-voirie-2024" in result.stdout  # the index was built from that folder


def test_content_given_twice_differently_is_a_usage_error(
    invoke: Invoke, minimal_corpus: Path, tmp_path: Path
) -> None:
    result = invoke("new", "service", "piscine", minimal_corpus, "--content", tmp_path / "other")
    assert result.exit_code == 2 and "given twice" in result.stderr
    assert not (minimal_corpus / "services" / "piscine.md").exists()
    same = invoke("new", "service", "piscine", minimal_corpus, "--content", minimal_corpus)
    assert same.exit_code == 0, same.output


def test_the_default_content_is_the_content_folder(invoke: Invoke, minimal_corpus: Path) -> None:
    result = invoke("new", "service", "piscine", cwd=minimal_corpus.parent)
    assert result.exit_code == 0, result.output
    assert (minimal_corpus / "services" / "piscine.md").is_file()  # minimal_corpus is ./content


def test_a_bad_kind_and_a_bad_query_exit_2(invoke: Invoke, minimal_corpus: Path) -> None:
    result = invoke("new", "procedure", "x", minimal_corpus)
    assert result.exit_code == 2 and "unknown kind 'procedure'" in result.stderr
    result = invoke("search", '"x', minimal_corpus, "--index", minimal_corpus.parent / "i")
    assert result.exit_code == 2 and "unclosed quote" in result.stderr
