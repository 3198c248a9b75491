"""The pre-commit hook and the example CI files name real commands with options rex accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from rex.cli import COMMANDS, cli

from .conftest import ROOT


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def check_rex_command(line: str) -> None:
    """Parse a ``rex ...`` shell line with the real click command (shell variables made up)."""
    line = re.sub(r"\$\{\{[^}]*\}\}|\$[A-Z_]+", "x", line).split(">>")[0]
    args = shlex.split(line)
    assert args[0] == "rex"
    assert args[1] in COMMANDS, line
    ctx = click.Context(cli)
    command = cli.get_command(ctx, args[1])
    assert command is not None, f"'rex {args[1]}' is not built yet"
    command.make_context(args[1], args[2:], parent=ctx)  # raises on an unknown option


def test_pre_commit_hook() -> None:
    hooks = load_yaml(ROOT / ".pre-commit-hooks.yaml")
    assert [h["id"] for h in hooks] == ["rex-validate"]
    hook = hooks[0]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    check_rex_command(hook["entry"])
    files = re.compile(hook["files"])
    assert files.search("content/practices/pesee.md")
    assert files.search("content/rex/2024/cantine.md")
    assert not files.search("README.md")
    assert not files.search("docs/content.md")


def test_example_pre_commit_config_uses_the_hook() -> None:
    config = load_yaml(ROOT / "examples" / "pre-commit-config.yaml")
    assert [h["id"] for r in config["repos"] for h in r["hooks"]] == ["rex-validate"]


def workflow_steps() -> list[dict[str, Any]]:
    workflow = load_yaml(ROOT / "examples" / "github-actions" / "rex.yml")
    jobs = workflow["jobs"]
    return [step for job in jobs.values() for step in job["steps"]]


def test_workflow_validates_with_annotations_builds_and_uploads() -> None:
    steps = workflow_steps()
    runs = [step.get("run", "") for step in steps]
    assert any("rex validate" in r and "--format github" in r for r in runs)
    assert any(r.startswith("rex build") for r in runs)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # --changed-since needs the base branch


@pytest.mark.parametrize(
    "line",
    [s["run"] for s in workflow_steps() if s.get("run", "").startswith("rex ")],
)
def test_workflow_rex_commands_parse(line: str) -> None:
    check_rex_command(line)
