"""Walk a corpus folder into source documents: each record file's path, text and kind.

One rule for files, shared with the site: only regular files inside the corpus folder are
read or copied. A link is followed only when its target resolves inside the corpus (and does
not lead back to a folder that contains it); other links, and hidden or oddly named files in
kind folders, are reported as warnings and skipped.
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import os
import stat
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .errors import RexError
from .i18n import _
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
        raise RexError(
            _("{root}: no such folder").format(root=root),
            hint=_("give the folder that holds your records"),
        )
    if not root.is_dir():
        raise RexError(
            _("{root}: not a folder").format(root=root),
            hint=_("give the folder that holds your records"),
        )


def discover(root: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Find every record file below ``root``, in a stable order.

    Markdown files in a folder that is not a kind's are reported as warnings (a misspelt
    ``practice/`` folder would otherwise hide its records); files at the top level are left
    alone (a README), except links, which follow the file rule like any other.
    """
    check_root(root)
    walker = _Walker(root)
    files: list[SourceFile] = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith((".", "_")):
            continue
        path = Path(entry.path)
        real = walker.follow(path) if entry.is_symlink() else walker.real_root / entry.name
        if real is None or not real.is_dir():
            continue
        kind = KIND_FOLDERS.get(entry.name)
        for found in walker.walk(
            path, real, {walker.real_root, real}, kind_folder=kind is not None
        ):
            if kind is not None:
                files.append(SourceFile(kind, found, found.relative_to(root).as_posix()))
            else:
                walker.unknown_folder(found, entry.name)
    diagnostics = walker.diagnostics
    if not files:
        diagnostics.append(_empty_corpus(root))
    return files, diagnostics


def corpus_files(root: Path, data: Collection[str] = ()) -> Iterator[str]:
    """The files of the corpus a site may hold beside its pages (images, documents).

    Relative POSIX paths of the `copyable` files that are not Markdown, leaving out the
    top-level ``data`` names (files and folders rex reads as data, such as ``results``).
    Linked folders are not walked, so a loop of links cannot hold the build; a linked file
    inside the corpus is.
    """
    for dirpath, dirnames, filenames in os.walk(root):
        top = Path(dirpath) == root
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not (top and d in data)
        )
        for name in sorted(n for n in filenames if not (top and n in data)):
            path = Path(dirpath, name)
            if path.suffix.lower() != ".md" and copyable(path, root):
                yield path.relative_to(root).as_posix()


def copyable(path: str | Path, root: str | Path) -> bool:
    """Whether a file found below the corpus folder ``root`` may be copied into a site.

    The file rule as the site applies it: ``path`` (as found, links not resolved) is below
    ``root``, no part of it is hidden, every linked folder on the way resolves inside the
    corpus without looping back, and the file itself is (or links to) a regular file inside.
    """
    root = Path(root).absolute()
    try:
        parts = Path(path).absolute().relative_to(root).parts
        real_root = root.resolve()
        current, chain = root, {real_root}
        for part in parts[:-1]:
            current = current / part
            real = current.resolve()
            if real in chain or not real.is_relative_to(real_root):
                return False
            chain.add(real)
        real = (current / parts[-1]).resolve()
        mode = real.stat().st_mode
    # Outside the root, an empty path, a missing file, or a cycle of links (RuntimeError
    # from resolve() before Python 3.13).
    except (ValueError, IndexError, OSError, RuntimeError):
        return False
    visible = not any(part.startswith(".") for part in parts)
    return visible and real.is_relative_to(real_root) and stat.S_ISREG(mode)


@dataclass
class _Walker:
    """A walk of one corpus folder, collecting the warnings of the file rule."""

    root: Path
    real_root: Path = field(init=False)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.real_root = self.root.resolve()

    def walk(
        self, folder: Path, real: Path, chain: set[Path], *, kind_folder: bool
    ) -> Iterator[Path]:
        """Yield the ``.md`` files below ``folder`` (whose real path is ``real``)."""
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self._warn(
                folder,
                "ignored-file",
                _("cannot read this folder: {value}").format(value=exc.strerror or exc),
            )
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                if kind_folder:
                    what = _("folder") if entry.is_dir(follow_symlinks=False) else _("file")
                    self._warn(
                        path,
                        "ignored-file",
                        _("hidden {what} '{name}' is ignored").format(what=what, name=entry.name),
                        _("remove the leading '.' if it holds records"),
                    )
                continue
            if entry.is_symlink():
                target = self.follow(path)
                if target is None:
                    continue
            else:
                target = real / entry.name
            try:
                mode = target.stat().st_mode
            except OSError as exc:  # removed or made unreadable while we walk
                self._warn(
                    path,
                    "ignored-file",
                    _("cannot read it: {value}").format(value=exc.strerror or exc),
                )
                continue
            if stat.S_ISDIR(mode):
                if target in chain:
                    self._loop(path)
                else:
                    yield from self.walk(path, target, chain | {target}, kind_folder=kind_folder)
            elif not kind_folder:
                if entry.name.endswith(".md") and stat.S_ISREG(mode):
                    yield path
            elif entry.name.lower().endswith(".md") and not stat.S_ISREG(mode):
                self._warn(
                    path,
                    "ignored-file",
                    _("'{name}' is not a regular file").format(name=entry.name),
                )
            elif entry.name.endswith(".md"):
                yield path
            elif entry.name.lower().endswith(".md"):
                self._warn(
                    path,
                    "ignored-file",
                    _("'{name}' does not end in '.md' (lowercase); it is ignored").format(
                        name=entry.name
                    ),
                    _("rename it to '{value}.md'").format(value=entry.name[:-3]),
                )

    def follow(self, link: Path) -> Path | None:
        """The real path of ``link`` if the file rule lets it be followed, else None (warned)."""
        pointed = link.readlink()
        try:
            link.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self._loop(link)
            else:
                self._warn(
                    link,
                    "broken-link",
                    _("link to '{pointed}', which does not exist; it is ignored").format(
                        pointed=pointed
                    ),
                    _("remove the link or make it point to a file inside the corpus folder"),
                )
            return None
        real = link.resolve()
        if not real.is_relative_to(self.real_root):
            where = (
                _("'{pointed}'").format(pointed=pointed)
                if pointed == real
                else _("'{pointed}' ({real})").format(pointed=pointed, real=real)
            )
            self._warn(
                link,
                "link-outside-corpus",
                _("link to {where}, outside the corpus folder; it is ignored").format(where=where),
                _("copy the file into the corpus folder instead of linking to it"),
            )
            return None
        return real

    def unknown_folder(self, path: Path, folder: str) -> None:
        """Warn that ``path`` is a Markdown file outside every kind folder."""
        close = difflib.get_close_matches(folder, KIND_FOLDERS, n=1, cutoff=0.6)
        self._warn(
            path,
            "unknown-folder",
            _("folder '{folder}' is not a kind folder; this file is ignored").format(folder=folder),
            _("did you mean '{value}/'?").format(value=close[0])
            if close
            else _("put records in {value}").format(value=folder_list(_("or"))),
        )

    def _loop(self, link: Path) -> None:
        self._warn(
            link,
            "broken-link",
            _(
                "link to '{value}' leads back to a folder that contains it (a loop); it is not "
                "followed"
            ).format(value=link.readlink()),
            _("remove the link"),
        )

    def _warn(self, path: Path, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(path.as_posix(), 1, 1, Severity.WARNING, code, message, hint)
        )


def _empty_corpus(root: Path) -> Diagnostic:
    nested = root / "content"
    return Diagnostic(
        root.as_posix(),
        1,
        1,
        Severity.WARNING,
        "empty-corpus",
        _("no record file in {value}").format(value=root.as_posix()),
        _("did you mean '{value}'?").format(value=nested.as_posix())
        if nested.is_dir()
        else _("records go in {value} below it").format(value=folder_list(_("and"))),
    )


def digest(raw: bytes) -> str:
    """A short, stable hash of a file's bytes (for incremental indexing)."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()
