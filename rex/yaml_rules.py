"""rex's rules for YAML values, shared by the fast reader (here) and the careful one.

What the README promises about front matter is decided here once: YAML 1.2 booleans, numbers
that survive a round trip through JSON, no control characters however they are written, and
limits on size and depth. The fast reader uses PyYAML's C loader without marks and hands
anything these rules would report to the careful reader (`rex.yaml_careful`), which knows
where each value stands.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

from .i18n import N_, _

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class Loader(_Loader):
    """PyYAML's safe loader, the C one (libyaml) when PyYAML was built with it."""


#: A path to a value inside the front matter, e.g. ``("measures", 0, "before")``.
KeyPath = tuple[str | int, ...]

#: YAML 1.2 booleans; YAML 1.1's yes/no/on/off stay strings (``owner: no`` is not False).
BOOLEANS = {"true": True, "false": False}
#: More values than any record needs; also bounds the work a hostile file can cause.
MAX_VALUES = 100_000
#: Deeper nesting than any record needs would exhaust Python's recursion limit.
MAX_DEPTH = 40
#: Beyond 2^53 an integer is rounded by JSON readers (and by float): 2^53 + 1 becomes 2^53.
MAX_EXACT_INT = 2**53
TAG = "tag:yaml.org,2002:"

#: C0 and C1 control characters and DEL; tab and line feed are ordinary text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Hints, marked for the catalogue: translate them where they are used (``_(CONTROL_HINT)``).
CONTROL_HINT = N_(
    "remove it: control characters (raw, or written as escapes such as \\e or \\u001b) "
    "can rewrite a terminal or hide text"
)
NUMBER_HINT = N_("write a finite number; an identifier or a code goes in quotes, as text")


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


def path_name(path: KeyPath) -> str:
    """``("measures", 0, "before")`` as ``measures[0].before`` (a key path as people read it)."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or _("the front matter")


def find_control(text: str) -> re.Match[str] | None:
    """The first control character of ``text`` (tab and line feed are not), if any."""
    return _CONTROL.search(text)


def control_message(char: str, where: str) -> str:
    """The message for a control character found in ``where``."""
    return _("{where} contains the control character {code}").format(
        where=where, code=f"U+{ord(char):04X}"
    )


def number_problem(value: Any, written: str = "") -> str | None:
    """Why ``value`` (``written`` so) is not a number rex keeps as written, or None if fine."""
    if isinstance(value, float) and not math.isfinite(value):
        return _(
            "'{value}' is not a finite number (JSON and charts have no NaN or infinity)"
        ).format(value=written or value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_EXACT_INT:
        return _("{value} is beyond 2^53 and would be rounded").format(value=written or value)
    return None


_DASH_CHAIN = re.compile(rf"^(?:[ \t]*-[ \t]+){{{MAX_DEPTH}}}", re.MULTILINE)
_DEEP_INDENT = re.compile(rf"^[ \t]{{{MAX_DEPTH * 8}}}", re.MULTILINE)


def too_deep(source: str) -> int | None:
    """The 0-based line where nesting deeper than any record needs starts, or None.

    libyaml's composer recurses in C without a limit: a few thousand nested brackets crash
    the interpreter, so such input never reaches it.
    """
    chain = _DASH_CHAIN.search(source)
    if chain:
        return source.count("\n", 0, chain.start())
    indent = _DEEP_INDENT.search(source)
    if indent:
        # The nesting starts at the top-level key the indented block belongs to.
        top = re.compile(r"^[^ \t\n]", re.MULTILINE)
        starts = [m.start() for m in top.finditer(source, 0, indent.start())]
        return source.count("\n", 0, starts[-1] if starts else indent.start())
    if source.count("[") + source.count("{") <= MAX_DEPTH:
        return None
    depth, opened = 0, 0
    for index, char in enumerate(source):
        if char in "[{":
            if depth == 0:
                opened = index
            depth += 1
            if depth > MAX_DEPTH:
                return source.count("\n", 0, opened)
        elif char in "]}":
            depth = max(0, depth - 1)
    return None


class SlowPath(Exception):
    """Raised by `FastLoader` when a front matter needs the careful reading."""


class FastLoader(Loader):
    """PyYAML's C loader with rex's value rules, for front matter that has nothing unusual.

    Building values from composed nodes with marks costs more than the whole of PyYAML's own
    loading, and marks are only needed to report a problem. So most files are read here, and
    anything this loader cannot read exactly as the careful reader would (or that it would
    report) goes the careful way.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = set()
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != TAG + "str":
                raise SlowPath
            if key_node.value in keys:
                raise SlowPath
            keys.add(key_node.value)
        return super().construct_mapping(node, deep=deep)

    def construct_rex_str(self, node: yaml.ScalarNode) -> Any:
        value = self.construct_scalar(node)
        if find_control(value):
            raise SlowPath
        return value

    def construct_rex_number(self, node: yaml.ScalarNode) -> Any:
        value: float = (
            self.construct_yaml_int(node)
            if node.tag == TAG + "int"
            else self.construct_yaml_float(node)
        )
        if number_problem(value):
            raise SlowPath
        return value

    def construct_rex_bool(self, node: yaml.ScalarNode) -> Any:
        return BOOLEANS.get(node.value.lower(), node.value)

    def construct_rex_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return node.value


FastLoader.add_constructor(TAG + "str", FastLoader.construct_rex_str)
FastLoader.add_constructor(TAG + "int", FastLoader.construct_rex_number)
FastLoader.add_constructor(TAG + "float", FastLoader.construct_rex_number)
FastLoader.add_constructor(TAG + "bool", FastLoader.construct_rex_bool)
FastLoader.add_constructor(TAG + "timestamp", FastLoader.construct_rex_timestamp)
#: Anchors, aliases, tags and merge keys are rare and refused: leave them to the careful reader.
_UNUSUAL = re.compile(r"[&*!]|<<")


def fast_read(source: str) -> dict[Any, Any] | None:
    """The values of ``source`` read without marks if it is plain, else None (read carefully)."""
    # A value takes at least two characters, so a longer source may exceed MAX_VALUES.
    if len(source) > 2 * MAX_VALUES or _UNUSUAL.search(source):
        return None
    try:
        data = yaml.load(source, Loader=FastLoader)
    except (SlowPath, yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return None
    # None is an empty block or an explicit null ('~'), which the careful reader tells apart.
    if not isinstance(data, dict) or (_may_nest_deep(source) and _nests_deep(data)):
        return None
    return data


def _may_nest_deep(source: str) -> bool:
    # A value's depth is at most its indentation plus two plus the brackets around it, so
    # most front matter needs no walk.
    budget = MAX_DEPTH - 2 - source.count("[") - source.count("{")
    return budget <= 0 or re.search(rf"^[ \t]{{{budget}}}", source, re.MULTILINE) is not None


def _nests_deep(data: dict[Any, Any]) -> bool:
    """Whether a value of ``data`` lies more than MAX_DEPTH keys or items deep."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = value.values() if isinstance(value, dict) else value
        if isinstance(value, dict | list):
            stack.extend((child, depth + 1) for child in children)
    return False
