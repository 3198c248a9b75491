"""A `ValidationReport` as a GitLab Code Quality report (``rex validate --format gitlab``).

GitLab reads a JSON array of Code Climate issues and uses these fields: ``description``,
``check_name``, ``fingerprint``, ``severity`` (``info``, ``minor``, ``major``, ``critical`` or
``blocker``) and ``location.path`` with ``location.lines.begin``. Errors are ``major``,
warnings ``minor``.

The fingerprint is what GitLab compares between a merge request's report and its target
branch's to show problems as new or resolved. It hashes the path, the code and the message,
**not the line**: a line added above a problem moves it without making it "new". The same
message twice in one file (two identical problems) gets its rank among them (in line order)
in the hash, so every problem has its own fingerprint. A message that changes (another
wording, another language of rex's messages) makes a new fingerprint: run CI in one locale.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path, PurePosixPath
from typing import Any

from .diagnostics import Diagnostic, Severity, ValidationReport

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor"}
#: The severities GitLab knows.
GITLAB_SEVERITIES = ("info", "minor", "major", "critical", "blocker")
_WORKBOOK = ".xlsx:"


def code_quality(report: ValidationReport, cwd: Path | None = None) -> list[dict[str, Any]]:
    """One Code Climate issue per diagnostic, with paths relative to ``cwd`` (the repository
    root CI runs in; default: the current folder)."""
    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for d in sorted(report, key=Diagnostic.sort_key):
        path, sheet = _location(d.path, cwd or Path.cwd())
        key = (path, d.code, d.message)
        rank = seen[key] = seen.get(key, -1) + 1
        description = d.message + (f" (hint: {d.hint})" if d.hint else "")
        issues.append(
            {
                "type": "issue",
                "description": f"{sheet}: {description}" if sheet else description,
                "check_name": d.code,
                "categories": ["Bug Risk" if d.severity is Severity.ERROR else "Style"],
                "fingerprint": fingerprint(path, d.code, d.message, rank),
                "severity": SEVERITIES[d.severity],
                "location": {"path": path, "lines": {"begin": max(d.line, 1)}},
            }
        )
    return issues


def fingerprint(path: str, code: str, message: str, rank: int = 0) -> str:
    """A stable id of one problem: a SHA-256 of its path, code, message and rank."""
    text = json.dumps([path, code, message, rank], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def format_gitlab(report: ValidationReport, cwd: Path | None = None) -> str:
    """The Code Quality report as JSON text (``[]`` when there is no problem)."""
    return json.dumps(code_quality(report, cwd), ensure_ascii=False, indent=2)


def _location(path: str, cwd: Path) -> tuple[str, str]:
    """The file's path as GitLab wants it (relative to the repository, POSIX), and the sheet
    of a workbook, which diagnostics write after the file (``voirie.xlsx:Feuil1``)."""
    sheet = ""
    if _WORKBOOK in path:
        path, _, sheet = path.partition(_WORKBOOK)
        path += _WORKBOOK[:-1]
    if Path(path).is_absolute():
        with contextlib.suppress(ValueError):  # another drive (Windows)
            path = os.path.relpath(path, cwd)
    posix = PurePosixPath(path.replace(os.sep, "/")).as_posix()
    return posix.removeprefix("./"), sheet


__all__ = ["GITLAB_SEVERITIES", "SEVERITIES", "code_quality", "fingerprint", "format_gitlab"]
