"""The controlled vocabulary: the themes and approaches records may name (``vocabulary.yml``).

The file sits at the top of the corpus folder. Its problems are diagnostics at their line;
records are then checked against it. Without the file, records that name themes or an
approach get a warning (nothing to check them against) and keep their values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Severity
from .frontmatter import KeyPath, ParsedText, Position, decode, parse
from .i18n import N_, _
from .models import Kind
from .validate import FileResult, suggest, valid_id

VOCABULARY_FILE = "vocabulary.yml"
#: The lists the file declares, and the record key each one checks.
LISTS = {"themes": "themes", "approaches": "approach"}
_NOUN = {"themes": N_("theme"), "approaches": N_("approach")}
_TERM_KEYS = ("id", "label", "description")
_DOCUMENT_MARK = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of the vocabulary: an id records use, the label people read."""

    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Themes and approaches by id, in the file's order."""

    themes: dict[str, Term] = field(default_factory=dict)
    approaches: dict[str, Term] = field(default_factory=dict)

    def terms(self, name: str) -> dict[str, Term]:
        """The terms of one list (``themes`` or ``approaches``)."""
        found: dict[str, Term] = getattr(self, name)
        return found

    def label(self, name: str, term_id: str) -> str:
        """The label of a term, or its id when the vocabulary does not know it."""
        term = self.terms(name).get(term_id)
        return term.label if term is not None else term_id


class _Reader:
    """Reads vocabulary.yml into a `Vocabulary`, collecting diagnostics with lines."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.parsed = ParsedText()

    def add(self, where: Position, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(
                self.path.as_posix(), where.line, where.column, Severity.ERROR, code, message, hint
            )
        )

    def at(self, path: KeyPath, *, key: bool = False) -> Position:
        # The text was wrapped in one more line (the opening ---) to reuse the record parser.
        found = self.parsed.key_position(path) if key else self.parsed.position(path)
        return Position(max(found.line - 1, 1), found.column)

    def read(self, text: str) -> Vocabulary | None:
        text = re.sub(r"\A---[ \t]*\n", "\n", text)  # a leading document mark is plain YAML
        extra = _DOCUMENT_MARK.search(text)
        if extra is not None:
            line = text.count("\n", 0, extra.start()) + 1
            self.add(
                Position(line, 1), "invalid-vocabulary", _("only one YAML document is allowed")
            )
            return None
        self.parsed = parse(f"---\n{text}\n---\n", marks=True)
        for p in self.parsed.problems:
            self.add(Position(max(p.position.line - 1, 1), p.position.column), p.code, p.message)
        data = self.parsed.data
        if self.parsed.problems:
            return None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.add(
                Position(1, 1),
                "invalid-vocabulary",
                _("the vocabulary must be a mapping with 'themes:' and 'approaches:'"),
            )
            return None
        for key in data:
            if key not in LISTS:
                self.add(
                    self.at((key,), key=True),
                    "invalid-vocabulary",
                    _("unknown key '{key}'").format(key=key),
                    _("the vocabulary holds 'themes:' and 'approaches:'"),
                )
        return Vocabulary(**{name: self.terms(name, data.get(name)) for name in LISTS})

    def terms(self, name: str, items: Any) -> dict[str, Term]:
        found: dict[str, Term] = {}
        if items is None:
            return found
        if not isinstance(items, list):
            self.add(
                self.at((name,)),
                "invalid-vocabulary",
                _("'{name}' must be a list").format(name=name),
            )
            return found
        for i, item in enumerate(items):
            term = self.term((name, i), item)
            if term is None:
                continue
            if term.id in found:
                self.add(
                    self.at((name, i, "id")),
                    "duplicate-id",
                    _("{noun} '{id}' is declared twice").format(noun=_(_NOUN[name]), id=term.id),
                    _("keep one entry per id"),
                )
            found[term.id] = term
        return found

    def term(self, path: KeyPath, item: Any) -> Term | None:
        if not isinstance(item, dict):
            self.add(
                self.at(path),
                "invalid-vocabulary",
                _("each entry is a mapping: '- id: ...' then 'label: ...'"),
            )
            return None
        ok = True
        for key in item:
            if key not in _TERM_KEYS:
                self.add(
                    self.at((*path, key), key=True),
                    "invalid-vocabulary",
                    _("unknown key '{key}' in an entry").format(key=key),
                    _("entries hold 'id', 'label' and 'description'"),
                )
                ok = False
        term_id, label, description = (item.get(k) for k in _TERM_KEYS)
        if not isinstance(term_id, str) or not valid_id(term_id):
            self.add(
                self.at((*path, "id")),
                "invalid-vocabulary",
                _("'id' must be an id such as 'relation-usager'")
                + (
                    _(", not {value}").format(value=repr(term_id))
                    if term_id is not None
                    else _(" (it is missing)")
                ),
            )
            ok = False
        for key, value, required in (("label", label, True), ("description", description, False)):
            if (value is not None or required) and not (isinstance(value, str) and value.strip()):
                self.add(
                    self.at((*path, key)),
                    "invalid-vocabulary",
                    _("'{key}' must be text").format(key=key),
                )
                ok = False
        if not ok:
            return None
        assert isinstance(term_id, str) and isinstance(label, str)
        return Term(term_id, label.strip(), description.strip() if description else None)


def load_vocabulary(root: Path) -> tuple[Vocabulary | None, list[Diagnostic]]:
    """The vocabulary of the corpus at ``root`` (None without the file, or when it is
    unreadable) and the problems found in it."""
    path = root / VOCABULARY_FILE
    if not path.is_file():
        return None, []
    reader = _Reader(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reader.add(
            Position(1, 1),
            "unreadable",
            _("cannot read the file: {value}").format(value=exc.strerror or exc),
        )
        return None, reader.diagnostics
    text, problem = decode(raw)
    if problem is not None or text is None:
        if problem is not None:
            reader.add(problem.position, problem.code, problem.message, problem.hint)
        return None, reader.diagnostics
    return reader.read(text), reader.diagnostics


def check_terms(
    results: Iterable[FileResult], vocabulary: Vocabulary | None, file_found: bool
) -> None:
    """Check the themes and approach of every practice and REX against ``vocabulary``.

    ``file_found``: the file exists but could not be read (its own errors say why), so the
    records are not warned about a missing vocabulary.
    """
    for res in results:
        data = res.parsed.data if res.parsed is not None else None
        if res.source.kind not in (Kind.PRACTICE, Kind.REX) or not isinstance(data, dict):
            continue
        assert res.parsed is not None
        used = list(_used(data))
        if not used:
            continue
        if vocabulary is None:
            if not file_found:
                res.add(
                    res.parsed.key_position((used[0][1][0],)),
                    "vocabulary-missing",
                    _("'{value}' is set but the corpus has no {file}").format(
                        value=used[0][1][0], file=VOCABULARY_FILE
                    ),
                    _(
                        "declare themes and approaches in {file} at the top of the corpus "
                        "folder, so they can be checked"
                    ).format(file=VOCABULARY_FILE),
                    Severity.WARNING,
                )
            continue
        for name, path, value in used:
            terms = vocabulary.terms(name)
            if value in terms:
                continue
            close = suggest(value, terms)
            res.add(
                res.parsed.position(path),
                "unknown-vocabulary",
                _("{noun} '{value}' is not in {file}").format(
                    noun=_(_NOUN[name]), value=value, file=VOCABULARY_FILE
                ),
                _("did you mean '{suggestion}'?").format(suggestion=close[0])
                if close
                else _("use one of: {choices}, or add it to {file}").format(
                    choices=", ".join(terms) or _("(none declared)"), file=VOCABULARY_FILE
                ),
            )


def _used(data: Mapping[str, Any]) -> Iterable[tuple[str, KeyPath, str]]:
    themes = data.get("themes")
    if isinstance(themes, list):
        for i, value in enumerate(themes):
            if isinstance(value, str):
                yield "themes", ("themes", i), value
    approach = data.get("approach")
    if isinstance(approach, str):
        yield "approaches", ("approach",), approach
