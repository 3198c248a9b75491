"""The careful YAML reader: compose nodes (which carry their marks), then build the values.

It reads what the fast reader (`rex.yaml_rules.fast_read`) hands over, and computes the marks
of files read the fast way when a position is asked for. Every rule of `rex.yaml_rules` is
reported here at the line of the value it is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml

from .i18n import N_, _
from .yaml_rules import (
    BOOLEANS,
    CONTROL_HINT,
    MAX_DEPTH,
    MAX_VALUES,
    NUMBER_HINT,
    TAG,
    KeyPath,
    Loader,
    Position,
    Problem,
    control_message,
    find_control,
    number_problem,
    path_name,
)

if TYPE_CHECKING:
    from .frontmatter import ParsedText

_DEEP_HINT = N_("front matter needs at most a list of mappings: remove the nesting")
_COLLECTION_TAGS = {TAG + "seq", TAG + "map"}


def read_yaml(source: str, line_offset: int, result: ParsedText) -> None:
    """Read ``source`` (whose first line is ``line_offset``) into ``result``, with positions."""
    try:
        anchor = _first_anchor(source)
        node = None if anchor else yaml.compose(source, Loader=Loader)
    except RecursionError:
        result.problems.append(
            Problem(
                "yaml-unsupported",
                _("values are nested too deeply to be read"),
                Position(line_offset, 1),
                _(_DEEP_HINT),
            )
        )
        return
    except yaml.MarkedYAMLError as exc:
        result.problems.append(_syntax_problem(exc, source, line_offset))
        return
    except yaml.YAMLError as exc:  # reader errors have no problem_mark
        result.problems.append(
            Problem(
                "yaml-syntax",
                _("YAML error: {error}").format(error=exc),
                Position(line_offset - 1, 1),
            )
        )
        return
    if anchor is not None:
        mark, what = anchor
        # Aliases are how a small file expands into a huge value ("billion laughs"); one
        # diagnostic names the first, and nothing is read past it.
        result.problems.append(
            Problem(
                "yaml-unsupported",
                _("YAML {what} is not supported").format(what=what),
                Position(mark.line + line_offset, mark.column + 1),
                _("remove anchors (&name) and aliases (*name): write each value in full"),
            )
        )
        return
    if node is None:
        result.data = {}
        return
    builder = Builder(line_offset, result)
    data = builder.build(node, ())
    if builder.stopped:
        return
    if not isinstance(node, yaml.MappingNode):
        kind = type(data).__name__ if data is not None else _("empty")
        result.problems.append(
            Problem(
                "frontmatter-not-mapping",
                _(
                    "the front matter must be a set of 'key: value' lines, not a {kind} value"
                ).format(kind=kind),
                Position(node.start_mark.line + line_offset, node.start_mark.column + 1),
                _("write one 'key: value' per line, e.g. 'title: Mon titre'"),
            )
        )
        return
    result.data = data


def compute_marks(source: str, line_offset: int, result: ParsedText) -> None:
    """Fill ``result``'s positions for YAML that the fast reader already read."""
    try:
        node = yaml.compose(source, Loader=Loader)
    except (RecursionError, yaml.YAMLError):  # positions fall back to the opening line
        return
    if node is not None:
        # The fast reader only takes YAML with nothing to report: keep the problems as they are.
        problems = list(result.problems)
        Builder(line_offset, result).build(node, ())
        result.problems[:] = problems


def _first_anchor(source: str) -> tuple[Any, str] | None:
    # The composer resolves aliases into shared nodes, so anchors are only seen as events.
    for event in yaml.parse(source, Loader=Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark, _("alias '*{name}'").format(name=event.anchor)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            return event.start_mark, _("anchor '&{name}'").format(name=anchor)
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, source: str, line_offset: int) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and (mark is None or mark.line >= source.count("\n")):
        # An unclosed bracket or quote is found at the end; its opening is what to fix.
        mark = exc.context_mark
    position = (
        Position(mark.line + line_offset, mark.column + 1)
        if mark is not None
        else Position(line_offset - 1, 1)
    )
    problem = " ".join(p for p in (exc.context, exc.problem) if p) or _("invalid YAML")
    return Problem(
        "yaml-syntax",
        _("YAML syntax error: {problem}").format(problem=problem),
        position,
        _(
            "check indentation and quoting; a value containing ': ' or starting with "
            "a special character needs quotes"
        ),
    )


class Builder:
    """Turns composed YAML nodes into Python values and records their positions."""

    def __init__(self, line_offset: int, result: ParsedText) -> None:
        self.offset = line_offset
        self.result = result
        self.count = 0
        #: Set when a limit is reached: nothing more is read or reported, and no data is kept.
        self.stopped = False
        self.top: yaml.Node | None = None
        self.constructor = yaml.SafeLoader("")

    def at(self, node: yaml.Node) -> Position:
        """The position of ``node`` in the file."""
        return Position(node.start_mark.line + self.offset, node.start_mark.column + 1)

    def problem(self, code: str, message: str, node: yaml.Node, hint: str | None = None) -> None:
        """Report a problem at ``node``."""
        self.result.problems.append(Problem(code, message, self.at(node), hint))

    def stop(self, message: str, node: yaml.Node, hint: str) -> None:
        """Report a limit once, then read nothing more."""
        self.stopped = True
        self.problem("yaml-unsupported", message, node, hint)

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        """The value of ``node`` found at ``path``."""
        if self.stopped:
            return None
        self.count += 1
        if len(path) == 1:
            self.top = node
        if len(path) > MAX_DEPTH:
            # Reported where the deep value starts: the top-level value that holds it.
            self.stop(
                _("values are nested more than {count} levels deep").format(count=MAX_DEPTH),
                self.top or node,
                _(_DEEP_HINT),
            )
            return None
        if self.count > MAX_VALUES:
            self.stop(
                _("the front matter holds more than {count} values").format(count=MAX_VALUES),
                node,
                _("keep large data out of the front matter (link to a file instead)"),
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if node.tag not in _COLLECTION_TAGS:
            self.problem(
                "yaml-unsupported",
                _("YAML tag '{tag}' is not supported").format(tag=node.tag),
                node,
                _("remove the '!' tag before the list or mapping"),
            )
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, path)
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, path)

    def sequence(self, node: yaml.SequenceNode, path: KeyPath) -> list[Any]:
        """The items of a list."""
        items = []
        for index, child in enumerate(node.value):
            child_path = (*path, index)
            self.result.values[child_path] = self.at(child)
            items.append(self.build(child, child_path))
            if self.stopped:
                break
        return items

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[Any, Any]:
        """The keys and values of a mapping; a key given twice is reported."""
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            if self.stopped:
                break
            if not isinstance(key, str | int | float | bool | dt.date) or key is None:
                self.problem(
                    "yaml-unsupported",
                    _("a key must be a plain word, not a list or mapping"),
                    key_node,
                    _("write keys as 'name: value'"),
                )
                continue
            key = str(key) if not isinstance(key, str) else key
            child_path = (*path, key)
            if key in data:
                first = self.result.keys[child_path]
                self.problem(
                    "duplicate-key",
                    _(
                        "key '{key}' appears twice (first at line {line}); "
                        "YAML would silently keep only the last value"
                    ).format(key=key, line=first.line),
                    key_node,
                    _("merge the two '{key}' entries into one").format(key=key),
                )
            self.result.keys[child_path] = self.at(key_node)
            self.result.values[child_path] = (
                self.at(value_node)
                if isinstance(value_node, yaml.ScalarNode) and value_node.value != ""
                else self.at(key_node)
            )
            data[key] = self.build(value_node, child_path)
            if self.stopped:
                break
        return data

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        """A scalar's value under rex's rules (YAML 1.2 booleans, finite numbers, no controls)."""
        tag = node.tag
        if not tag.startswith(TAG):
            self.problem(
                "yaml-unsupported",
                _("YAML tag '{tag}' is not supported").format(tag=tag),
                node,
                _("remove the '!' tag before the value"),
            )
            return node.value
        name = tag[len(TAG) :]
        if name == "str":
            control = find_control(node.value)
            if control:
                self.problem(
                    "control-character",
                    control_message(control.group(), _("'{name}'").format(name=path_name(path))),
                    node,
                    _(CONTROL_HINT),
                )
            return node.value
        if name == "bool":
            # YAML 1.1 reads yes/no/on/off as booleans; rex follows YAML 1.2 (only true/false).
            return BOOLEANS.get(node.value.lower(), node.value)
        if name == "null":
            return None
        converter = _SCALARS.get(name)
        if converter is None:
            self.problem(
                "yaml-unsupported",
                _("YAML type '!!{name}' is not supported").format(name=name),
                node,
                _("write the value as plain text, a number or a date"),
            )
            return node.value
        try:
            value = converter(self.constructor, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            # An impossible date (2024-02-30) stays text; the model then reports it at its line.
            return node.value
        why = number_problem(value, node.value)
        if why:
            self.problem(
                "invalid-number",
                _("'{name}': {problem}").format(name=path_name(path), problem=why),
                node,
                _(NUMBER_HINT),
            )
        return value


_SCALARS: dict[str, Callable[[yaml.SafeLoader, yaml.ScalarNode], Any]] = {
    "int": yaml.SafeLoader.construct_yaml_int,
    "float": yaml.SafeLoader.construct_yaml_float,
    "timestamp": yaml.SafeLoader.construct_yaml_timestamp,
}
