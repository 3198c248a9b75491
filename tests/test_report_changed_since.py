"""rex validate --changed-since: only changed files are reported, links still resolve."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import MINIMAL, Invoke, WriteTree

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
BROKEN_OLD = {
    "practices/ancienne.md": """\
        ---
        title: Ancienne erreur
        summary: Un lien cassé depuis longtemps.
        status: validated
        services: [voiri]
        indicators: [delai-moyen-intervention]
        ---
        """,
}
NEW_PRACTICE = """\
---
title: Nouvelle pratique
summary: Elle vise un indicateur existant et un service inconnu.
status: proposed
services: [voirie, inconnu]
indicators: [delai-moyen-intervention]
---
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, env=os.environ | GIT_ENV
    )


@pytest.fixture
def repo(write_tree: WriteTree, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_tree(MINIMAL | BROKEN_OLD)
    repo = root.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")
    monkeypatch.chdir(repo)
    return repo


def validate(invoke: Invoke, *args: str) -> tuple[int, dict[str, object]]:
    result = invoke("validate", "content", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout) if result.stdout.startswith("{") else {}


def codes(data: dict[str, object]) -> list[tuple[str, str]]:
    diagnostics = data["diagnostics"]
    assert isinstance(diagnostics, list)
    return [(d["path"], d["code"]) for d in diagnostics]


def test_only_changed_files_are_reported(invoke: Invoke, repo: Path) -> None:
    assert codes(validate(invoke)[1]) == [("content/practices/ancienne.md", "unknown-link")]
    code, data = validate(invoke, "--changed-since", "main")
    assert (code, codes(data)) == (0, [])
    # an untracked new file, linking to records that did not change
    (repo / "content/practices/nouvelle.md").write_text(NEW_PRACTICE, encoding="utf-8")
    code, data = validate(invoke, "--changed-since", "main")
    assert code == 1
    assert codes(data) == [("content/practices/nouvelle.md", "unknown-link")]
    assert data["summary"] == {"files": 1, "records": 4, "errors": 1, "warnings": 0}


def test_committed_changes_on_a_branch_count(invoke: Invoke, repo: Path) -> None:
    git(repo, "switch", "-q", "-c", "feature")
    (repo / "content/practices/nouvelle.md").write_text(NEW_PRACTICE, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "new")
    assert codes(validate(invoke, "--changed-since", "main")[1]) == [
        ("content/practices/nouvelle.md", "unknown-link")
    ]
    assert validate(invoke, "--changed-since", "HEAD")[1]["diagnostics"] == []


def test_deleting_a_record_reports_the_links_it_breaks(invoke: Invoke, repo: Path) -> None:
    (repo / "content/indicators/delai-moyen-intervention.md").unlink()
    code, data = validate(invoke, "--changed-since", "main")
    assert code == 1
    # ancienne.md also names the deleted indicator; its older error (service 'voiri') stays out
    assert [d["message"] for d in data["diagnostics"] if "ancienne" in d["path"]] == [
        "indicator 'delai-moyen-intervention' does not exist"
    ]
    assert sorted(set(codes(data))) == [
        ("content/practices/ancienne.md", "unknown-link"),
        ("content/practices/priorisation-des-demandes.md", "unknown-link"),
        ("content/rex/grille-voirie-2024.md", "unknown-link"),
    ]


def test_bad_ref_and_no_repository(
    invoke: Invoke, repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = invoke("validate", "content", "--changed-since", "nope")
    assert result.exit_code == 2
    assert "unknown git ref 'nope'" in result.output
    elsewhere = tmp_path_factory.mktemp("plain")
    (elsewhere / "services").mkdir()
    result = invoke("validate", str(elsewhere), "--changed-since", "main")
    assert result.exit_code == 1
    assert "git rev-parse" in result.output and "not a git repository" in result.output


def test_an_id_clash_is_reported_on_the_unchanged_file_too(invoke: Invoke, repo: Path) -> None:
    old = repo / "content/services/zz/piscine.md"
    old.parent.mkdir()
    old.write_text("---\ntitle: Piscine\n---\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "piscine")
    # the new file is read first (top folder before sub-folders): the clash lands on the old one
    (repo / "content/services/piscine.md").write_text("---\ntitle: Bis\n---\n", encoding="utf-8")
    code, data = validate(invoke, "--changed-since", "main")
    assert code == 1
    assert codes(data) == [("content/services/zz/piscine.md", "duplicate-id")]
