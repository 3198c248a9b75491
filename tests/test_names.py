"""One word per thing, and the layers apart: click stays in the CLI, old names keep working."""

from __future__ import annotations

import ast
from pathlib import Path

import rex
import rex.diagnostics
from rex.diagnostics_format import format_text

PACKAGE = Path(rex.__file__).parent
#: Where click may be imported: the command line, and the mkdocs plugin (mkdocs uses click).
CLICK_ALLOWED = ("cli/", "site/plugin.py")


def imported_modules(path: Path) -> set[str]:
    """The top-level names of every module ``path`` imports, at any depth of its code."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_no_library_module_imports_click() -> None:
    offenders = [
        path.relative_to(PACKAGE).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if not path.relative_to(PACKAGE).as_posix().startswith(CLICK_ALLOWED)
        and "click" in imported_modules(path)
    ]
    assert offenders == []


def test_the_scan_sees_local_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from click.testing import CliRunner\n", encoding="utf-8")
    assert "click" in imported_modules(module)


def test_report_is_a_deprecated_alias_of_validation_report(minimal_corpus: Path) -> None:
    assert rex.Report is rex.ValidationReport is rex.diagnostics.Report
    report = rex.load(minimal_corpus).report
    assert isinstance(report, rex.ValidationReport) and report.valid
    assert format_text(report).startswith("ok: 4 files")
