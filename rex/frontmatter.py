"""Split a record into YAML front matter and Markdown body, keeping the line of every value.

python-frontmatter can split and write records, but it hides what rex must report: a UTF-8 BOM
hides the block, leading blank lines shift the lines, duplicate keys keep the last value silently,
an impossible date raises a bare ValueError and YAML 1.1 reads ``no`` as False. So the block is
split here; the YAML is read by `rex.yaml_rules.fast_read` when it is plain, else composed into
nodes, which carry their marks, by `rex.yaml_careful`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .i18n import _
from .yaml_careful import compute_marks, read_yaml
from .yaml_rules import (
    CONTROL_HINT,
    MAX_DEPTH,
    KeyPath,
    Position,
    Problem,
    control_message,
    fast_read,
    find_control,
    too_deep,
)

__all__ = ["KeyPath", "ParsedText", "Position", "Problem", "decode", "parse"]

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass(slots=True)
class ParsedText:
    """A record's text split into data (with positions) and body."""

    data: Any = None
    #: Where each value starts (for scalars) or where its key stands (for blocks).
    values: dict[KeyPath, Position] = field(default_factory=dict)
    #: Where each mapping key stands.
    keys: dict[KeyPath, Position] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    #: The line of the opening ``---`` (where missing keys are reported).
    start_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    #: YAML read on the fast path, whose marks are computed only if a position is asked for.
    _pending: tuple[str, int] | None = None

    def position(self, path: KeyPath) -> Position:
        """The best position for a problem at ``path``: the value, its key, or an ancestor."""
        self._marks()
        while path:
            found = self.values.get(path) or self.keys.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return Position(self.start_line, 1)

    def key_position(self, path: KeyPath) -> Position:
        """The position of the key at ``path`` (falls back to `position`)."""
        self._marks()
        return self.keys.get(path) or self.position(path)

    def _marks(self) -> None:
        if self._pending is not None:
            source, offset = self._pending
            self._pending = None
            compute_marks(source, offset, self)


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    """Decode file bytes as UTF-8 (BOM accepted); say where the first bad byte is if it is not."""
    if b"\x00" in raw[:8192]:
        return None, Problem(
            "binary-file",
            _("this is a binary file, not a Markdown record"),
            Position(1, 1),
            _("records are UTF-8 text files ending in .md; move other files out of the corpus"),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, Problem(
            "not-utf8",
            _("the file is not valid UTF-8 (byte {byte})").format(byte=f"0x{raw[exc.start]:02x}"),
            Position(line, column),
            _("save the file as UTF-8 in your editor (often 'Encoding > UTF-8')"),
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


def parse(text: str, *, marks: bool = False) -> ParsedText:
    """Split ``text`` into front matter and body and read the front matter's YAML.

    Never raises on content: every problem is returned in ``ParsedText.problems``. Positions
    of values are computed when first asked for, unless ``marks`` asks for them at once.
    """
    result = ParsedText()
    lines = text.split("\n")
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first == len(lines) or not _FENCE.match(lines[first]):
        result.problems.append(
            Problem(
                "frontmatter-missing",
                _("the file does not start with a front matter block"),
                Position(first + 1 if first < len(lines) else 1, 1),
                _("start the file with a line '---', the YAML keys (title: ...), then '---'"),
            )
        )
        result.body = text
        return result
    result.start_line = first + 1
    end = next((i for i in range(first + 1, len(lines)) if _CLOSE.match(lines[i])), None)
    if end is None:
        result.problems.append(
            Problem(
                "frontmatter-unterminated",
                _("the front matter block opened here is never closed"),
                Position(first + 1, 1),
                _("add a line '---' after the last YAML key, before the text"),
            )
        )
        return result
    result.body = "\n".join(lines[end + 1 :])
    result.body_line = end + 2
    source = "\n".join(lines[first + 1 : end])
    source = _refuse_raw_controls(source, first + 2, result)
    deep = too_deep(source)
    if deep is not None:
        result.problems.append(
            Problem(
                "yaml-unsupported",
                _("values are nested more than {count} levels deep").format(count=MAX_DEPTH),
                Position(first + 2 + deep, 1),
                _("front matter needs at most a list of mappings: remove the nesting"),
            )
        )
        return result
    data = None if marks else fast_read(source)
    if data is None:
        read_yaml(source, first + 2, result)
    else:
        result.data = data
        result._pending = (source, first + 2)
    return result


def _refuse_raw_controls(source: str, line_offset: int, result: ParsedText) -> str:
    """Report each line holding a raw control character, and blank those characters out.

    libyaml would stop at the first with a message pointing at the opening line; blanked out
    (as U+FFFD), the rest of the front matter is still read and checked.
    """
    if find_control(source) is None:
        return source
    lines = source.split("\n")
    for index, line in enumerate(lines):
        control = find_control(line)
        if control is not None:
            result.problems.append(
                Problem(
                    "control-character",
                    control_message(control.group(), _("this line")),
                    Position(line_offset + index, control.start() + 1),
                    _(CONTROL_HINT),
                )
            )
            lines[index] = re.sub(control.re, "\ufffd", line)
    return "\n".join(lines)
