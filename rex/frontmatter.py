"""Split a record into YAML front matter and Markdown body, keeping the line of every value.

python-frontmatter can split and write records, but it hides what rex must report: a UTF-8 BOM
hides the block, leading blank lines shift the lines, duplicate keys keep the last value silently,
an impossible date raises a bare ValueError and YAML 1.1 reads ``no`` as False. So the block is
split here and the YAML is composed with PyYAML's C parser into nodes, which carry their marks,
then turned into plain Python values by `_Builder`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: A path to a value inside the front matter, e.g. ``("measures", 0, "before")``.
KeyPath = tuple[str | int, ...]

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
#: YAML 1.2 booleans; YAML 1.1's yes/no/on/off stay strings (``owner: no`` is not False).
_BOOLEANS = {"true": True, "false": False}
#: Aliases can make a small file expand into a huge value ("billion laughs").
_MAX_VALUES = 100_000
#: Deeper nesting than any record needs would exhaust Python's recursion limit.
_MAX_DEPTH = 40

_TAG = "tag:yaml.org,2002:"


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a file: 1-based line and column."""

    line: int
    column: int


@dataclass(slots=True)
class Problem:
    """A problem met while reading a file, before any model sees it."""

    code: str
    message: str
    position: Position
    hint: str | None = None


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
            try:
                node = yaml.compose(source, Loader=_Loader)
            except RecursionError:  # positions fall back to the opening line
                return
            if node is not None:
                _Builder(offset, self).build(node, ())


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    """Decode file bytes as UTF-8 (BOM accepted); say where the first bad byte is if it is not."""
    if b"\x00" in raw[:8192]:
        return None, Problem(
            "binary-file",
            "this is a binary file, not a Markdown record",
            Position(1, 1),
            "records are UTF-8 text files ending in .md; move other files out of the corpus",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, Problem(
            "not-utf8",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            Position(line, column),
            "save the file as UTF-8 in your editor (often 'Encoding > UTF-8')",
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
                "the file does not start with a front matter block",
                Position(first + 1 if first < len(lines) else 1, 1),
                "start the file with a line '---', the YAML keys (title: ...), then '---'",
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
                "the front matter block opened here is never closed",
                Position(first + 1, 1),
                "add a line '---' after the last YAML key, before the text",
            )
        )
        return result
    result.body = "\n".join(lines[end + 1 :])
    result.body_line = end + 2
    source = "\n".join(lines[first + 1 : end])
    if _too_deep(source):
        result.problems.append(
            Problem(
                "yaml-unsupported",
                f"values are nested more than {_MAX_DEPTH} levels deep",
                Position(first + 2, 1),
                "front matter needs at most a list of mappings: remove the nesting",
            )
        )
        return result
    if marks or not _fast_read(source, first + 2, result):
        _read_yaml(source, first + 2, result)
    return result


_DASH_CHAIN = re.compile(rf"^(?:[ \t]*-[ \t]+){{{_MAX_DEPTH}}}", re.MULTILINE)
_DEEP_INDENT = re.compile(rf"^[ \t]{{{_MAX_DEPTH * 8}}}", re.MULTILINE)


def _too_deep(source: str) -> bool:
    """Whether the YAML nests deeper than any record needs.

    libyaml's composer recurses in C without a limit: a few thousand nested brackets crash
    the interpreter, so such input never reaches it.
    """
    if _DASH_CHAIN.search(source) or _DEEP_INDENT.search(source):
        return True
    if source.count("[") + source.count("{") <= _MAX_DEPTH:
        return False
    depth = 0
    for char in source:
        if char in "[{":
            depth += 1
            if depth > _MAX_DEPTH:
                return True
        elif char in "]}":
            depth = max(0, depth - 1)
    return False


class _SlowPath(Exception):
    """Raised by `_FastLoader` when a front matter needs the careful reading."""


class _FastLoader(_Loader):
    """PyYAML's C loader with rex's value rules, for front matter that has nothing unusual.

    Building values from composed nodes with marks costs more than the whole of PyYAML's own
    loading, and marks are only needed to report a problem. So most files are read here, and
    anything this loader cannot read exactly as `_Builder` would goes the careful way.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _TAG + "str":
                raise _SlowPath
            if key_node.value in keys:
                raise _SlowPath
            keys.add(key_node.value)
        return super().construct_mapping(node, deep=deep)

    def construct_rex_bool(self, node: yaml.ScalarNode) -> Any:
        return _BOOLEANS.get(node.value.lower(), node.value)

    def construct_rex_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return node.value


_FastLoader.add_constructor(_TAG + "bool", _FastLoader.construct_rex_bool)
_FastLoader.add_constructor(_TAG + "timestamp", _FastLoader.construct_rex_timestamp)
#: Anchors, aliases, tags and merge keys are rare and read differently: leave them to _Builder.
_UNUSUAL = re.compile(r"[&*!]|<<")


def _fast_read(source: str, line_offset: int, result: ParsedText) -> bool:
    """Read ``source`` without marks if it is plain; return False to ask for the careful way."""
    if _UNUSUAL.search(source):
        return False
    try:
        data = yaml.load(source, Loader=_FastLoader)
    except (_SlowPath, yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return False
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return False
    result.data = data
    result._pending = (source, line_offset)
    return True


def _read_yaml(source: str, line_offset: int, result: ParsedText) -> None:
    try:
        node = yaml.compose(source, Loader=_Loader)
    except RecursionError:
        result.problems.append(
            Problem(
                "yaml-unsupported",
                "values are nested too deeply to be read",
                Position(line_offset, 1),
                "front matter needs at most a list of mappings: remove the nesting",
            )
        )
        return
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and (mark is None or mark.line >= source.count("\n")):
            # An unclosed bracket or quote is found at the end; its opening is what to fix.
            mark = exc.context_mark
        position = (
            Position(mark.line + line_offset, mark.column + 1)
            if mark is not None
            else Position(line_offset - 1, 1)
        )
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        result.problems.append(
            Problem(
                "yaml-syntax",
                f"YAML syntax error: {problem}",
                position,
                "check indentation and quoting; a value containing ': ' or starting with "
                "a special character needs quotes",
            )
        )
        return
    except yaml.YAMLError as exc:  # reader errors (control characters) have no problem_mark
        result.problems.append(
            Problem("yaml-syntax", f"YAML error: {exc}", Position(line_offset - 1, 1))
        )
        return
    if node is None:
        result.data = {}
        return
    builder = _Builder(line_offset, result)
    data = builder.build(node, ())
    if not isinstance(node, yaml.MappingNode):
        kind = type(data).__name__ if data is not None else "empty"
        result.problems.append(
            Problem(
                "frontmatter-not-mapping",
                f"the front matter must be a set of 'key: value' lines, not a {kind} value",
                Position(node.start_mark.line + line_offset, node.start_mark.column + 1),
                "write one 'key: value' per line, e.g. 'title: Mon titre'",
            )
        )
        return
    result.data = data


class _Builder:
    """Turns composed YAML nodes into Python values and records their positions."""

    def __init__(self, line_offset: int, result: ParsedText) -> None:
        self.offset = line_offset
        self.result = result
        self.count = 0
        self.active: set[int] = set()
        self.too_deep = False
        self.constructor = yaml.SafeLoader("")

    def at(self, node: yaml.Node) -> Position:
        return Position(node.start_mark.line + self.offset, node.start_mark.column + 1)

    def problem(self, code: str, message: str, node: yaml.Node, hint: str | None = None) -> None:
        self.result.problems.append(Problem(code, message, self.at(node), hint))

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.count += 1
        if len(path) > _MAX_DEPTH:
            if not self.too_deep:
                self.too_deep = True
                self.problem(
                    "yaml-unsupported",
                    f"values are nested more than {_MAX_DEPTH} levels deep",
                    node,
                    "front matter needs at most a list of mappings: remove the nesting",
                )
            return None
        if self.count > _MAX_VALUES:
            if self.count == _MAX_VALUES + 1:
                self.problem(
                    "yaml-unsupported",
                    f"the front matter expands to more than {_MAX_VALUES} values",
                    node,
                    "remove YAML anchors and aliases (& and *)",
                )
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.active:
            self.problem(
                "yaml-unsupported",
                "a YAML alias refers to the value that contains it",
                node,
                "remove the recursive anchor (& and *)",
            )
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self.sequence(node, path)
            assert isinstance(node, yaml.MappingNode)
            return self.mapping(node, path)
        finally:
            self.active.discard(id(node))

    def sequence(self, node: yaml.SequenceNode, path: KeyPath) -> list[Any]:
        items = []
        for index, child in enumerate(node.value):
            child_path = (*path, index)
            self.result.values[child_path] = self.at(child)
            items.append(self.build(child, child_path))
        return items

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[Any, Any]:
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int | float | bool | dt.date) or key is None:
                self.problem(
                    "yaml-unsupported",
                    "a key must be a plain word, not a list or mapping",
                    key_node,
                    "write keys as 'name: value'",
                )
                continue
            key = str(key) if not isinstance(key, str) else key
            child_path = (*path, key)
            if key in data:
                first = self.result.keys[child_path]
                self.problem(
                    "duplicate-key",
                    f"key '{key}' appears twice (first at line {first.line}); "
                    "YAML would silently keep only the last value",
                    key_node,
                    f"merge the two '{key}' entries into one",
                )
            self.result.keys[child_path] = self.at(key_node)
            self.result.values[child_path] = (
                self.at(value_node)
                if isinstance(value_node, yaml.ScalarNode) and value_node.value != ""
                else self.at(key_node)
            )
            data[key] = self.build(value_node, child_path)
        return data

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if not tag.startswith(_TAG):
            self.problem(
                "yaml-unsupported",
                f"YAML tag '{tag}' is not supported",
                node,
                "remove the '!' tag before the value",
            )
            return node.value
        name = tag[len(_TAG) :]
        if name == "str":
            return node.value
        if name == "bool":
            # YAML 1.1 reads yes/no/on/off as booleans; rex follows YAML 1.2 (only true/false).
            return _BOOLEANS.get(node.value.lower(), node.value)
        if name == "null":
            return None
        converter = _SCALARS.get(name)
        if converter is None:
            self.problem(
                "yaml-unsupported",
                f"YAML type '!!{name}' is not supported",
                node,
                "write the value as plain text, a number or a date",
            )
            return node.value
        try:
            return converter(self.constructor, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            # An impossible date (2024-02-30) stays text; the model then reports it at its line.
            return node.value


_SCALARS: dict[str, Callable[[yaml.SafeLoader, yaml.ScalarNode], Any]] = {
    "int": yaml.SafeLoader.construct_yaml_int,
    "float": yaml.SafeLoader.construct_yaml_float,
    "timestamp": yaml.SafeLoader.construct_yaml_timestamp,
}
