"""Which record files changed since a git ref, and the validation report narrowed to them.

The corpus is still loaded whole, so links resolve against every record; only the report is
narrowed. A change can break a file that did not change (deleting a record breaks the links
to it; adding one can clash with an existing id), so those diagnostics are kept too.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from .diagnostics import Report
from .errors import RexError, UsageError
from .i18n import _
from .loader import KIND_FOLDERS


def _git(cwd: Path, *args: str) -> str:
    git = shutil.which("git")
    if git is None:
        raise RexError(_("--changed-since needs git, which is not installed"))
    done = subprocess.run(
        [git, "-C", str(cwd), *args], capture_output=True, text=True, encoding="utf-8", check=False
    )
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else _("git failed")
        raise RexError(
            _("git {command}: {message}").format(command=args[0], message=message),
            hint=_("run from a git repository ({cwd})").format(cwd=cwd),
        )
    return done.stdout


def changed_files(root: Path, ref: str) -> list[Path]:
    """Files (absolute, existing or deleted) changed since ``ref``, committed or not.

    Compares the working tree with the merge base of ``ref`` and HEAD, so on a branch only the
    branch's own changes count; untracked files count as changed.
    """
    root = root.resolve()
    if not root.is_dir():
        raise RexError(
            _("{root}: no such folder").format(root=root),
            hint=_("give the folder that holds your records"),
        )
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except RexError:
        raise UsageError(
            _("unknown git ref '{ref}'").format(ref=ref),
            hint=_("give a branch, tag or commit; in CI, fetch the history (fetch-depth: 0)"),
        ) from None
    try:
        base = _git(root, "merge-base", ref, "HEAD").strip()
    except RexError:  # unrelated histories or a shallow clone: compare with ref itself
        base = ref
    diff = _git(top, "diff", "--name-only", "--no-renames", "-z", base, "--")
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z")
    names = {n for n in (diff + untracked).split("\0") if n}
    return sorted(top / n for n in names)


def narrow_report(report: Report, root: Path, changed: Iterable[Path]) -> Report:
    """The diagnostics of the changed files under ``root``, plus those a change caused elsewhere.

    Diagnostic paths are matched as the loader writes them (``root`` joined with the path
    below it), so ``root`` must be the folder given to `rex.load`.
    """
    resolved = root.resolve()
    shown: set[str] = set()
    existing = 0
    gone: set[str] = set()
    for path in changed:
        try:
            rel = path.relative_to(resolved)
        except ValueError:
            continue
        if path.suffix != ".md":
            continue
        display = (root / rel).as_posix()
        shown.add(display)
        if path.exists():
            existing += 1
        elif len(rel.parts) > 1 and rel.parts[0] in KIND_FOLDERS:
            gone.add(f"{rel.parts[0]}/{path.stem}")
    kept = [
        d
        for d in report
        if d.path in shown
        # a link to a deleted record, or an id clash with a changed file
        or (d.code == "unknown-link" and d.related in gone)
        or (d.code in ("duplicate-id", "possible-duplicate") and d.related in shown)
    ]
    return Report(diagnostics=kept, files=existing, records=report.records)
