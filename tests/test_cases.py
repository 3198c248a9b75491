"""One folder per bad input under tests/cases: its files are laid over a valid corpus and
exactly the diagnostics listed in its expected.txt must come out, at those lines."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import rex
from rex.diagnostics import Severity

from .conftest import MINIMAL, WriteTree

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())
TODAY = dt.date(2026, 1, 1)


def expected(case: Path) -> set[str]:
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL)
    shutil.copytree(case / "content", root, dirs_exist_ok=True)
    corpus = rex.load(root, today=TODAY)
    found = {
        f"{Path(d.path).relative_to(root).as_posix()}:{d.line}:{d.severity}[{d.code}]"
        for d in corpus.report
    }
    assert found == expected(case)
    for diagnostic in corpus.report:
        assert diagnostic.message
        assert diagnostic.column >= 1


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_files_stay_out_of_the_corpus(case: Path, write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL)
    shutil.copytree(case / "content", root, dirs_exist_ok=True)
    corpus = rex.load(root, today=TODAY)
    with_errors = {d.path for d in corpus.report if d.severity is Severity.ERROR}
    for record in corpus:
        assert record.path.as_posix() not in with_errors


def test_every_case_has_an_expectation_and_a_content_folder() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        assert (case / "content").is_dir(), case
        assert (case / "expected.txt").is_file(), case
