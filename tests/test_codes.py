"""The registry of codes: README's table is the registry, every code has a case, severities
are the registry's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import rex
from rex.codes import CODES, Severity, markdown_table
from rex.diagnostics import Diagnostic

from .conftest import MINIMAL, ROOT, WriteTree

TESTS = Path(__file__).parent


def readme_table() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("| code | severity | what |")
    end = text.index("\n\n", start)
    return text[start:end]


def test_the_readme_table_is_the_registry() -> None:
    assert readme_table() == markdown_table()


def test_every_code_has_a_bad_input_case() -> None:
    in_cases: set[str] = set()
    for expected in (TESTS / "cases").glob("*/expected.txt"):
        in_cases |= set(re.findall(r"\[([a-z0-9-]+)\]", expected.read_text(encoding="utf-8")))
    # Cases that cannot be laid out as files (links, unreadable files, workbooks) are built
    # by a test instead; they name the code they expect.
    tests = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py"))
    named = set(re.findall(r"[\"\[]([a-z0-9]+(?:-[a-z0-9]+)*)[\"\]]", tests))
    missing = [c for c in CODES if c not in in_cases | named]
    assert missing == []


def test_a_diagnostic_takes_its_severity_from_the_registry() -> None:
    with pytest.raises(ValueError, match="unregistered"):
        Diagnostic("x.md", 1, 1, Severity.ERROR, "no-such-code", "?")
    with pytest.raises(ValueError, match="is a warning"):
        Diagnostic("x.md", 1, 1, Severity.ERROR, "review-overdue", "?")
    assert Diagnostic("x.md", 1, 1, Severity.WARNING, "review-overdue", "?").code


def test_an_unreadable_file_is_reported(
    write_tree: WriteTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree(MINIMAL)
    target = root / "services" / "voirie.md"
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == target:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    found = [(d.path, d.code, d.severity) for d in rex.load(root).report]
    assert (target.as_posix(), "unreadable", Severity.ERROR) in found


def test_a_workbook_without_a_results_sheet_is_a_warning(tmp_path: Path) -> None:
    import openpyxl

    from rex.results import read_results

    book = openpyxl.Workbook()
    book.active.append(["Ce classeur contient des notes, pas de résultats."])
    (tmp_path / "results").mkdir()
    book.save(tmp_path / "results" / "notes.xlsx")
    found = [(d.code, d.severity) for d in read_results(tmp_path).diagnostics]
    assert found == [("no-results-sheet", Severity.WARNING)]
