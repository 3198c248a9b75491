"""Record pages written ahead by a second process (`rex.site.ahead`) are the pages mkdocs
would have written, and a page that fails ahead is written again by mkdocs."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

import rex
from rex.site import ahead, build_site, generate
from tests.conftest import SAMPLE


def _pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*.html")}


def _all_ahead(monkeypatch: pytest.MonkeyPatch, taken: list[int]) -> None:
    """Write every page ahead before mkdocs renders one, and count those mkdocs takes."""
    monkeypatch.setattr(ahead, "AHEAD_FROM", 0)
    start, take = ahead.Ahead.start, ahead.Ahead.take

    def start_and_finish(self: ahead.Ahead) -> None:
        start(self)
        self._process.join()

    def counted(self: ahead.Ahead, number: int) -> Any:
        written = take(self, number)
        taken.append(written is not None)
        return written

    monkeypatch.setattr(ahead.Ahead, "start", start_and_finish)
    monkeypatch.setattr(ahead.Ahead, "take", counted)


def test_pages_written_ahead_are_mkdocs_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = rex.load(SAMPLE)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    build_site(corpus, tmp_path / "alone")
    taken: list[int] = []
    _all_ahead(monkeypatch, taken)
    build_site(corpus, tmp_path / "ahead")
    assert len(taken) > 50 and all(taken)  # every record page
    ours, theirs = _pages(tmp_path / "ahead"), _pages(tmp_path / "alone")
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert not list(tmp_path.glob("rex-ahead-*"))  # the scratch folder went with the build


def test_a_page_that_fails_ahead_is_written_by_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = rex.load(SAMPLE)
    build_site(corpus, tmp_path / "alone")
    taken: list[int] = []
    _all_ahead(monkeypatch, taken)

    def broken(page: Any, fast: bool) -> Any:
        raise RuntimeError("written ahead, badly")

    monkeypatch.setattr(ahead, "write", broken)  # the forked process's, not mkdocs'
    build_site(corpus, tmp_path / "ahead")
    assert taken and not any(taken)
    assert _pages(tmp_path / "ahead") == _pages(tmp_path / "alone")


def test_the_similar_records_index_is_built_before_pages_are_written_ahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Built lazily, it would be built again in the process that writes pages ahead.
    from rex.similar import SimilarityIndex

    built: list[int] = []
    build = SimilarityIndex.build.__func__  # type: ignore[attr-defined]

    def counted(cls: type[SimilarityIndex], corpus: rex.Corpus) -> SimilarityIndex:
        built.append(1)
        return build(cls, corpus)  # type: ignore[no-any-return]

    monkeypatch.setattr(SimilarityIndex, "build", classmethod(counted))
    content = generate(rex.load(SAMPLE))
    assert built == [1]
    page = next(p for p in content.pages if p.src == "practices/affichage-des-resultats.md")
    assert "À voir aussi" in page.markdown and built == [1]
