"""Checks: first each file on its own, then the corpus as a whole (ids, links, dates)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .codes import severity_of
from .diagnostics import Diagnostic, Severity
from .frontmatter import KeyPath, ParsedText, Position, decode, parse
from .i18n import N_, _
from .loader import SourceFile, digest
from .models import (
    ID_MAX,
    ID_MIN,
    ID_PATTERN,
    Kind,
    Record,
    iter_links,
)
from .validate_corpus import check_cycles, check_dates
from .validate_messages import bound_message, kind_word, length_message
from .validate_text import (
    check_body_controls,
    check_reserved_id,
    check_tag_collisions,
    check_tags,
)
from .yaml_rules import path_name

_ID_RE = re.compile(ID_PATTERN)


@dataclass(slots=True)
class FileResult:
    """What reading one file gave: the record if it is valid on its own, and the problems."""

    source: SourceFile
    record: Record | None = None
    parsed: ParsedText | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        position: Position,
        code: str,
        message: str,
        hint: str | None = None,
        related: str | None = None,
    ) -> None:
        """Record a diagnostic at ``position`` in this file (its severity is the code's)."""
        self.diagnostics.append(
            Diagnostic(
                self.source.display,
                position.line,
                position.column,
                severity_of(code),
                code,
                message,
                hint,
                related,
            )
        )

    @property
    def has_errors(self) -> bool:
        """True when any diagnostic of this file is an error."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def valid_id(value: str) -> bool:
    """Whether ``value`` is a well-formed record id."""
    return ID_MIN <= len(value) <= ID_MAX and _ID_RE.match(value) is not None


def suggest_id(value: str) -> str:
    """A well-formed id close to ``value`` (accents and spaces removed)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:ID_MAX].rstrip("-") or "mon-enregistrement"


def read_file(source: SourceFile) -> FileResult:
    """Read, parse and validate one record file on its own. Never raises on content."""
    result = FileResult(source)
    start = Position(1, 1)
    try:
        raw = source.path.read_bytes()
    except OSError as exc:
        result.add(
            start,
            "unreadable",
            _("cannot read the file: {error}").format(error=exc.strerror or exc),
        )
        return result
    if not valid_id(source.id):
        result.add(
            start,
            "invalid-id",
            _("'{id}' is not a valid id (the file name is the id)").format(id=source.id),
            _(
                "rename the file to '{suggestion}.md': lowercase letters, digits and "
                "single hyphens, {min} to {max} characters"
            ).format(suggestion=suggest_id(source.id), min=ID_MIN, max=ID_MAX),
        )
    else:
        check_reserved_id(result)
    text, problem = decode(raw)
    if problem is not None or text is None:
        if problem is not None:
            result.add(problem.position, problem.code, problem.message, problem.hint)
        return result
    parsed = parse(text)
    result.parsed = parsed
    for p in parsed.problems:
        result.add(p.position, p.code, p.message, p.hint)
    _check_body(result, parsed)
    check_body_controls(result, parsed)
    if not isinstance(parsed.data, dict):
        return result
    check_tags(result, parsed)
    meta_model = source.kind.spec.meta
    try:
        meta = meta_model.model_validate(parsed.data)
    except ValidationError as exc:
        # A value the reader already reported (a NaN, a control character) is not reported twice.
        seen = {p.position for p in parsed.problems}
        for error in exc.errors():
            if error["type"] == "missing" or parsed.position(tuple(error["loc"])) not in seen:
                _report_model_error(result, parsed, error)
        return result
    if result.has_errors:
        return result
    record_model = source.kind.spec.record
    # A registered kind's record is a RecordBase model; `Record` types the built-in ones.
    result.record = record_model.model_construct(  # type: ignore[assignment]
        **dict(meta),
        id=source.id,
        path=source.path,
        relpath=source.relpath,
        body=parsed.body,
        body_line=parsed.body_line,
        digest=digest(raw),
    )
    return result


_TYPE_NOUNS = {
    "string_type": N_("text"),
    "list_type": N_("a list (one '- item' per line)"),
    "dict_type": N_("a mapping of 'key: value' lines"),
    "model_type": N_("a mapping of 'key: value' lines"),
    "model_attributes_type": N_("a mapping of 'key: value' lines"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "int_type": N_("a whole number"),
}
_NUMBER_ERRORS = {"finite_number", "number_bool", "number_too_large"}
_DATE_ERRORS = {
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "datetime_type",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return _("the boolean {value}").format(value=str(value).lower())
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    if value is None:
        return _("an empty value")
    if isinstance(value, int | float):
        return _("the number {value}").format(value=value)
    return _("'{value}'").format(value=value)


def _report_model_error(result: FileResult, parsed: ParsedText, error: ErrorDetails) -> None:
    loc: KeyPath = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    name = path_name(loc)
    position = parsed.position(loc)
    if kind == "missing":
        result.add(
            Position(parsed.start_line, 1),
            "missing-key",
            _("required key '{name}' is missing").format(name=name),
            _("add a line '{key}: ...' to the front matter").format(key=loc[-1]),
        )
    elif kind == "extra_forbidden":
        allowed = _allowed_keys(loc, result.source.kind)
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = (
            _("did you mean '{suggestion}'?").format(suggestion=close[0])
            if close
            else _("allowed keys: {keys}").format(keys=", ".join(allowed))
        )
        if not close:
            hint += _("; put local data under 'extra:'")
        result.add(
            parsed.key_position(loc),
            "unknown-key",
            _("unknown key '{name}'").format(name=name),
            hint,
        )
    elif kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        close = difflib.get_close_matches(
            str(value), re.findall(r"'([^']+)'", expected), n=1, cutoff=0.6
        )
        hint = (
            _("did you mean '{suggestion}'?").format(suggestion=close[0])
            if close
            else _("use one of: {choices}").format(choices=expected)
        )
        result.add(
            position,
            "invalid-choice",
            _("{value} is not allowed for '{name}'").format(value=_describe(value), name=name),
            hint,
        )
    elif kind in _NUMBER_ERRORS:
        result.add(
            position,
            "invalid-number",
            _("'{name}' must be a finite number, not {value}").format(
                name=name, value=_describe(value)
            ),
            _("write a figure such as 12 or 4.5; whole numbers up to 2^53"),
        )
    elif kind in _DATE_ERRORS:
        result.add(
            position,
            "invalid-date",
            _("'{name}' must be a real date, not {value}").format(
                name=name, value=_describe(value)
            ),
            _("write dates as YYYY-MM-DD, e.g. 2024-03-15, and check the day exists"),
        )
    elif kind == "string_pattern_mismatch":
        result.add(
            position,
            "invalid-link",
            _("{value} in '{name}' is not a record id").format(value=_describe(value), name=name),
            _("ids are lowercase with hyphens, e.g. '{suggestion}'").format(
                suggestion=suggest_id(str(value))
            ),
        )
    elif kind == "too_short" and isinstance(value, list):
        result.add(
            position,
            "invalid-value",
            _("'{name}' needs at least one item").format(name=name),
            _("add a '- ...' line"),
        )
    elif kind in {"string_too_short", "string_too_long", "too_long", "too_short"}:
        result.add(position, "invalid-value", length_message(name, kind, error.get("ctx", {})))
    elif kind in _TYPE_NOUNS:
        hint = None
        if kind == "string_type" and isinstance(value, int | float | bool):
            hint = _("put the value in quotes to make it text")
        elif kind == "string_type" and value is None:
            hint = _("write a value after '{key}:' or remove the line").format(key=loc[-1])
        result.add(
            position,
            "invalid-type",
            _("'{name}' should be {expected}, not {value}").format(
                name=name, expected=_(_TYPE_NOUNS[kind]), value=_describe(value)
            ),
            hint,
        )
    elif "-" in kind:  # pydantic's own types use underscores: this is a rex code
        result.add(
            position,
            kind,
            _("'{name}': {problem}").format(name=name, problem=error["msg"]),
            error.get("ctx", {}).get("hint"),
        )
    else:
        # Custom checks in the models (a URL, an official code) name their code and hint.
        ctx = error.get("ctx", {})
        code, hint = ctx.get("code", "invalid-value"), ctx.get("hint")
        problem = bound_message(kind, ctx) or error["msg"]
        message = _("'{name}': {problem}").format(name=name, problem=problem)
        result.add(position, str(code), message, hint and str(hint))


def _allowed_keys(loc: KeyPath, kind: Kind) -> list[str]:
    nested = kind.spec.nested()
    if len(loc) > 1 and loc[0] in nested:
        return list(nested[str(loc[0])].model_fields)
    info = kind.spec.meta.model_fields.get(str(loc[0])) if len(loc) > 1 else None
    inner = [a for a in get_args(info.annotation) if isinstance(a, type)] if info else []
    if inner and issubclass(inner[0], BaseModel):  # a mapping such as budget: {amount, note}
        return list(inner[0].model_fields)
    return [info.alias or name for name, info in kind.spec.meta.model_fields.items()]


def _check_body(result: FileResult, parsed: ParsedText) -> None:
    """Report what the site's sanitizer would remove from the body (`rex.sanitize`)."""
    from .sanitize import check_body

    for finding in check_body(parsed.body):
        position = Position(parsed.body_line + finding.offset, finding.column)
        if finding.remote:
            result.add(
                position,
                "remote-image",
                _("the text shows {what}, which the site shows as a link instead").format(
                    what=finding.what
                ),
                _(
                    "copy the image beside the record and link to it by a relative path, or "
                    "allow its host with the rex plugin's 'allowed_hosts' option"
                ),
            )
        else:
            result.add(
                position,
                "active-content",
                _("the text contains {what}, which the site removes").format(what=finding.what),
                _("remove it; to show code, put it between backticks"),
            )


def check_corpus(results: list[FileResult], today: dt.date, known: Mapping[Kind, set[str]]) -> None:
    """Checks across files: duplicate ids, links, parent cycles, dates."""
    seen: dict[tuple[Kind, str], FileResult] = {}
    for res in results:
        key = (res.source.kind, res.source.id)
        if key in seen:
            first = seen[key].source
            res.add(
                Position(1, 1),
                "duplicate-id",
                _("id '{id}' is already used by {other}").format(
                    id=res.source.id, other=first.display
                ),
                _("ids must be unique within a kind: rename one of the files"),
                related=first.display,
            )
            res.record = None
        else:
            seen[key] = res
    for res in results:
        if res.parsed is None or not isinstance(res.parsed.data, dict):
            continue
        _check_links(res, res.parsed, known)
        check_dates(res, res.parsed, today)
    check_cycles(results)
    check_tag_collisions(results)


def _check_links(res: FileResult, parsed: ParsedText, known: Mapping[Kind, set[str]]) -> None:
    for link in iter_links(res.source.kind, parsed.data):
        # A malformed id was already reported by the model (invalid-link): once is enough.
        if link.id in known[link.kind] or not valid_id(link.id):
            continue
        close = suggest(link.id, known[link.kind])
        res.add(
            parsed.position(link.path),
            "unknown-link",
            _("{kind} '{id}' does not exist").format(
                kind=kind_word(link.kind.singular), id=link.id
            ),
            _("did you mean '{suggestion}'?").format(suggestion=close[0])
            if close
            else _("create it with 'rex new {kind} {id}' or fix the id").format(
                kind=link.kind.singular, id=link.id
            ),
            related=f"{link.kind.value}/{link.id}",
        )


def suggest(word: str, candidates: Collection[str]) -> list[str]:
    """The closest candidate to ``word``, if one is close enough ("did you mean ...?").

    On large corpora only candidates of a similar length are compared, so a corpus full of
    broken links still validates in seconds.
    """
    if len(candidates) > 200:
        size = len(word)
        candidates = [c for c in candidates if abs(len(c) - size) <= 3 and c[:1] == word[:1]]
    return difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
