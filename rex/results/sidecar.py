"""The optional YAML file beside a results file (``gmao.yml`` for ``gmao.csv``).

It says what an export from a business tool does not: the indicator or service of every row,
the names its columns have, and whether the table is long (one row per measure) or wide (one
column per period).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from ..diagnostics import Diagnostic, Severity
from ..i18n import _
from .cells import COLUMNS, CONSTANT_COLUMNS
from .period import Granularity

SIDECAR_SUFFIXES = (".yml", ".yaml")
SIDECAR_KEYS = (*CONSTANT_COLUMNS, "columns", "layout", "granularity")
LAYOUTS = ("long", "wide")

#: Where a value stands: (line, column), both 1-based.
Position = tuple[int, int]


@dataclass(slots=True)
class Sidecar:
    """What a sidecar file declares, with the position of each key for later diagnostics."""

    path: str
    constants: dict[str, str] = field(default_factory=dict)
    #: Column name -> header text used in the data file instead of the usual names.
    renames: dict[str, str] = field(default_factory=dict)
    layout: str = "long"
    granularity: Granularity | None = None
    positions: dict[str, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def position(self, key: str) -> Position:
        """Where ``key`` is set in the sidecar (the top of the file when it is not)."""
        return self.positions.get(key, (1, 1))

    def error(self, at: Position, message: str, hint: str | None = None) -> None:
        """Record an ``invalid-sidecar`` error at ``at``."""
        self.diagnostics.append(
            Diagnostic(self.path, at[0], at[1], Severity.ERROR, "invalid-sidecar", message, hint)
        )


def _at(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _suggest(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return (
        _("did you mean '{value}'?").format(value=close[0])
        if close
        else _("allowed: ") + ", ".join(choices)
    )


def read_sidecar(path: Path) -> Sidecar:
    """Read a sidecar file; every problem is a diagnostic at its line, never an exception."""
    sidecar = Sidecar(path.as_posix())
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        sidecar.error(
            (1, 1), _("cannot read the sidecar file: {value}").format(value=exc.strerror or exc)
        )
        return sidecar
    except UnicodeDecodeError:
        sidecar.error((1, 1), _("the sidecar file is not UTF-8"), _("save it as UTF-8 text"))
        return sidecar
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        sidecar.error(at, _("YAML syntax error: {value}").format(value=exc.problem or exc))
        return sidecar
    except (yaml.YAMLError, RecursionError) as exc:
        sidecar.error((1, 1), _("YAML syntax error: {exc}").format(exc=exc))
        return sidecar
    if root is None:
        return sidecar
    if not isinstance(root, yaml.MappingNode):
        sidecar.error(_at(root), _("a sidecar is 'key: value' lines"), _("e.g. 'service: voirie'"))
        return sidecar
    seen: set[str] = set()
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        at = _at(key_node)
        if key in seen:
            sidecar.error(at, _("'{key}' is given twice").format(key=key), _("keep one"))
            continue
        seen.add(key)
        if key not in SIDECAR_KEYS:
            sidecar.error(at, _("unknown key '{key}'").format(key=key), _suggest(key, SIDECAR_KEYS))
            continue
        sidecar.positions[key] = _at(value_node)
        if key == "columns":
            _read_renames(sidecar, value_node)
            continue
        value = _scalar(sidecar, key, value_node)
        if value is None:
            continue
        if key == "layout":
            if value in LAYOUTS:
                sidecar.layout = value
            else:
                sidecar.error(
                    _at(value_node),
                    _("unknown layout '{value}'").format(value=value),
                    _suggest(value, LAYOUTS),
                )
        elif key == "granularity":
            choices = tuple(g.value for g in Granularity)
            if value in choices:
                sidecar.granularity = Granularity(value)
            else:
                sidecar.error(
                    _at(value_node),
                    _("unknown granularity '{value}'").format(value=value),
                    _suggest(value, choices),
                )
        else:
            sidecar.constants[key] = value
    return sidecar


def _scalar(sidecar: Sidecar, key: str, node: yaml.Node) -> str | None:
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        sidecar.error(
            _at(node),
            _("'{key}' needs one value").format(key=key),
            _("e.g. '{key}: voirie'").format(key=key),
        )
        return None
    return str(node.value).strip()


def _read_renames(sidecar: Sidecar, node: yaml.Node) -> None:
    if not isinstance(node, yaml.MappingNode):
        sidecar.error(
            _at(node),
            "'columns' maps a column to the header your file uses",
            _("e.g. 'columns: {period: Mois, value: \"Délai moyen (j)\"}'"),
        )
        return
    headers: dict[str, str] = {}
    for key_node, value_node in node.value:
        column = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        if column not in COLUMNS:
            sidecar.error(
                _at(key_node),
                _("unknown column '{column}'").format(column=column),
                _suggest(column, COLUMNS),
            )
            continue
        if column in sidecar.renames:
            sidecar.error(
                _at(key_node),
                _("column '{column}' is renamed twice").format(column=column),
                _("keep one"),
            )
            continue
        header = _scalar(sidecar, column, value_node)
        if header is None:
            continue
        if header in headers:
            sidecar.error(
                _at(value_node),
                _("'{header}' is already the header of '{value}'").format(
                    header=header, value=headers[header]
                ),
                _("give each column its own header"),
            )
            continue
        headers[header] = column
        sidecar.renames[column] = header
        sidecar.positions["columns." + column] = _at(value_node)
