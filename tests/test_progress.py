"""Long runs (indexing, site builds) report their progress to the caller."""

from __future__ import annotations

from pathlib import Path


def test_long_runs_report_progress_to_the_caller(minimal_corpus: Path, tmp_path: Path) -> None:
    import rex
    from rex.site import build_site

    corpus = rex.load(minimal_corpus)
    indexed: list[tuple[int, int]] = []
    rex.build_index(corpus, tmp_path / "index", progress=lambda d, t: indexed.append((d, t)))
    assert indexed and indexed[-1] == (4, 4)
    assert [d for d, _ in indexed] == sorted(d for d, _ in indexed)
    built: list[tuple[int, int]] = []
    result = build_site(corpus, tmp_path / "site", progress=lambda d, t: built.append((d, t)))
    assert built[-1] == (result.pages, result.pages)
    assert len(built) == result.pages
