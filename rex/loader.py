"""Walk a corpus folder into source documents: each record file's path, text and kind."""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .errors import RexError
from .models import Kind, RegistryView, folder_list

#: Folder name -> kind, for every registered kind (read at each use, so new kinds count).
KIND_FOLDERS: RegistryView[str, Kind] = RegistryView(lambda: {kind.value: kind for kind in Kind})


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A record file found in the corpus, before it is read."""

    kind: Kind
    path: Path
    relpath: str

    @property
    def id(self) -> str:
        """The record id: the file name without ``.md``."""
        return self.path.name[:-3]

    @property
    def display(self) -> str:
        """The path as shown in diagnostics."""
        return self.path.as_posix()


def check_root(root: Path) -> None:
    """Raise `RexError` if ``root`` is not a folder that can hold a corpus."""
    if not root.exists():
        raise RexError(f"{root}: no such folder", hint="give the folder that holds your records")
    if not root.is_dir():
        raise RexError(f"{root}: not a folder", hint="give the folder that holds your records")


def discover(root: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Find every record file below ``root``, in a stable order.

    Markdown files in a folder that is not a kind's are reported as warnings (a misspelt
    ``practice/`` folder would otherwise hide its records); files at the top level are left
    alone (a README).
    """
    check_root(root)
    files: list[SourceFile] = []
    diagnostics: list[Diagnostic] = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith((".", "_")) or not entry.is_dir():
            continue
        kind = KIND_FOLDERS.get(entry.name)
        for path in _markdown_files(Path(entry.path)):
            if kind is not None:
                relpath = path.relative_to(root).as_posix()
                files.append(SourceFile(kind, path, relpath))
            else:
                close = difflib.get_close_matches(entry.name, KIND_FOLDERS, n=1, cutoff=0.6)
                diagnostics.append(
                    Diagnostic(
                        path.as_posix(),
                        1,
                        1,
                        Severity.WARNING,
                        "unknown-folder",
                        f"folder '{entry.name}' is not a kind folder; this file is ignored",
                        f"did you mean '{close[0]}/'?"
                        if close
                        else f"put records in {folder_list('or')}",
                    )
                )
    if not files:
        nested = root / "content"
        diagnostics.append(
            Diagnostic(
                root.as_posix(),
                1,
                1,
                Severity.WARNING,
                "empty-corpus",
                f"no record file in {root.as_posix()}",
                f"did you mean '{nested.as_posix()}'?"
                if nested.is_dir()
                else f"records go in {folder_list('and')} below it",
            )
        )
    return files, diagnostics


def _markdown_files(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(".md") and not name.startswith("."):
                yield Path(dirpath, name)


def digest(raw: bytes) -> str:
    """A short, stable hash of a file's bytes (for incremental indexing)."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()
