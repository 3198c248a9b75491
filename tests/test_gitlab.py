"""`rex validate --format gitlab`: a GitLab Code Quality report with stable fingerprints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import rex
from rex.diagnostics import Diagnostic, Severity, ValidationReport
from rex.gitlab import GITLAB_SEVERITIES, code_quality, fingerprint
from tests.conftest import MINIMAL, ROOT, Invoke, WriteTree

E = Severity.ERROR

# Two problems with the same message in one file, a warning, and an error elsewhere.
BROKEN = {
    "practices/cassee.md": """\
        ---
        title: Pratique cassée
        summary: Elle nomme un service inconnu, deux fois.
        status: validated
        services: [voiri, voiri]
        indicators: [delai-moyen-intervention]
        ---
        """,
    "rex/futur.md": """\
        ---
        title: Un REX daté dans le futur
        date: 2999-01-01
        status: validated
        outcome: success
        services: [voirie]
        lessons: [Une leçon.]
        ---
        """,
    "indicators/sans-unite.md": """\
        ---
        title: Sans unité
        definition: Il lui manque une unité.
        direction: decrease
        ---
        """,
}

# GitLab's documented Code Quality fields and their types (docs.gitlab.com, "Code Quality":
# "Implement a custom tool": description, check_name, fingerprint, severity, location.path,
# location.lines.begin).
REQUIRED: dict[str, type] = {
    "description": str,
    "check_name": str,
    "fingerprint": str,
    "severity": str,
}


def _report(invoke: Invoke, root: Path, cwd: Path) -> tuple[int, list[dict[str, Any]]]:
    result = invoke("validate", "content", "--format", "gitlab", cwd=cwd)
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def broken(write_tree: WriteTree) -> Path:
    return write_tree({**MINIMAL, **BROKEN})


def test_the_report_has_gitlabs_fields(invoke: Invoke, broken: Path) -> None:
    code, issues = _report(invoke, broken, broken.parent)
    assert code == 1
    assert isinstance(issues, list) and len(issues) >= 4
    for issue in issues:
        for name, kind in REQUIRED.items():
            assert isinstance(issue[name], kind), (name, issue)
        assert issue["severity"] in GITLAB_SEVERITIES
        location = issue["location"]
        assert isinstance(location["path"], str) and not Path(location["path"]).is_absolute()
        assert isinstance(location["lines"]["begin"], int) and location["lines"]["begin"] >= 1
        assert len(issue["fingerprint"]) == 64
    by_code = {}
    for issue in issues:
        by_code.setdefault(issue["check_name"], []).append(issue)
    unknown = by_code["unknown-link"]
    assert [i["location"] for i in unknown] == [
        {"path": "content/practices/cassee.md", "lines": {"begin": 5}},
        {"path": "content/practices/cassee.md", "lines": {"begin": 5}},
    ]
    assert unknown[0]["severity"] == "major"
    assert "did you mean 'voirie'" in unknown[0]["description"]
    assert by_code["date-in-future"][0]["severity"] == "minor"
    assert by_code["missing-key"][0]["location"]["path"] == "content/indicators/sans-unite.md"


def test_fingerprints_are_unique_and_stable_across_runs(invoke: Invoke, broken: Path) -> None:
    _, first = _report(invoke, broken, broken.parent)
    _, second = _report(invoke, broken, broken.parent)
    prints = [i["fingerprint"] for i in first]
    assert len(set(prints)) == len(prints)  # the two identical unknown-links included
    assert prints == [i["fingerprint"] for i in second]


def test_moving_a_problem_keeps_its_fingerprint(invoke: Invoke, broken: Path) -> None:
    _, before = _report(invoke, broken, broken.parent)
    path = broken / "practices" / "cassee.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status:", "tags: [voirie]\nowner: Qualité\nstatus:"), "utf-8")
    _, after = _report(invoke, broken, broken.parent)
    moved = [i for i in after if i["check_name"] == "unknown-link"]
    assert [i["location"]["lines"]["begin"] for i in moved] == [7, 7]
    assert {i["fingerprint"] for i in after} == {i["fingerprint"] for i in before}
    # Fixing one of the two leaves the other's fingerprint as it was.
    path.write_text(text.replace("[voiri, voiri]", "[voiri, voirie]"), "utf-8")
    _, fixed = _report(invoke, broken, broken.parent)
    left = {i["fingerprint"] for i in fixed if i["check_name"] == "unknown-link"}
    assert len(left) == 1 and left < {i["fingerprint"] for i in before}


def test_a_clean_corpus_gives_an_empty_report(invoke: Invoke, minimal_corpus: Path) -> None:
    code, issues = _report(invoke, minimal_corpus, minimal_corpus.parent)
    assert (code, issues) == (0, [])


def test_the_cli_prints_the_librarys_report(invoke: Invoke, broken: Path) -> None:
    _, issues = _report(invoke, broken, broken.parent)
    assert issues == code_quality(rex.load(Path("content")).report)


def test_paths_are_relative_posix_and_sheets_go_to_the_description(tmp_path: Path) -> None:
    report = ValidationReport()
    report.extend(
        [
            Diagnostic(str(tmp_path / "content" / "rex" / "a.md"), 3, 1, E, "yaml-syntax", "x"),
            Diagnostic("./content/results/voirie.xlsx:Feuil1", 12, 3, E, "invalid-number", "n/a"),
        ]
    )
    issues = {i["check_name"]: i for i in code_quality(report, cwd=tmp_path)}
    assert issues["yaml-syntax"]["location"]["path"] == "content/rex/a.md"
    sheet = issues["invalid-number"]
    assert sheet["location"] == {"path": "content/results/voirie.xlsx", "lines": {"begin": 12}}
    assert sheet["description"] == "Feuil1: n/a"


def test_fingerprint_depends_on_path_code_message_and_rank_not_line() -> None:
    base = fingerprint("a.md", "unknown-link", "m")
    assert base == fingerprint("a.md", "unknown-link", "m", 0)
    others = {
        fingerprint("b.md", "unknown-link", "m"),
        fingerprint("a.md", "invalid-link", "m"),
        fingerprint("a.md", "unknown-link", "n"),
        fingerprint("a.md", "unknown-link", "m", 1),
    }
    assert base not in others and len(others) == 4


def test_the_example_pipeline_reports_code_quality_and_publishes_pages() -> None:
    pipeline = yaml.safe_load((ROOT / "examples" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    validate, pages = pipeline["validate"], pipeline["pages"]
    report = validate["artifacts"]["reports"]["codequality"]
    assert validate["artifacts"]["when"] == "always"
    assert any(f"--format gitlab > {report}" in line for line in validate["script"])
    assert validate["script"][-1] == "exit ${status:-0}"
    assert any("--site-dir public" in line for line in pages["script"])
    assert pages["artifacts"]["paths"] == ["public"]
    assert pipeline["stages"] == ["validate", "deploy"]
