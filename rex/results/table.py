"""Turn a table (a CSV file or a workbook sheet) into measurements, long or wide.

The readers give rows of cells (text for CSV; text, numbers or dates for workbooks) and a way
to locate a field of the current row; this module knows the columns and the layouts.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import cast

from ..diagnostics import Diagnostic, Severity
from ..i18n import N_, _
from .cells import (
    ALIASES,
    REQUIRED,
    WIDE_KEYS,
    cell_number,
    cell_period,
    cell_text,
    fold,
    number_problem,
)
from .model import Measurement, Origin
from .period import PERIOD_HINT, Period
from .sidecar import Sidecar

#: Column names a message may name (``the {column} is empty``), for the catalogue.
_NAMED_COLUMNS = (N_("indicator"), N_("service"))
_FRENCH = {"indicator": "indicateur", "period": "période", "value": "valeur", "location": "lieu"}


@dataclass(slots=True)
class Table:
    """Rows of one CSV file or workbook sheet, with the positions of their fields."""

    origin: Origin
    header: Sequence[object]
    header_line: int
    #: (line, cells, simple) for each non-blank row after the header; ``simple`` when the row
    #: is one line without quotes, so that a field's column is the length of those before it.
    rows: Iterator[tuple[int, Sequence[object], bool]]
    #: The (line, column) of a field of the record read last (the header, then each row).
    locate: Callable[[int], tuple[int, int]]
    sidecar: Sidecar | None = None
    stem: str = ""
    #: True for workbooks: a field's column is its cell's column number (A = 1).
    by_index: bool = False
    pool: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        at: tuple[int, int],
        code: str,
        message: str,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
        path: str | None = None,
    ) -> None:
        """Record a diagnostic at ``at`` in this table (or in ``path``)."""
        self.diagnostics.append(
            Diagnostic(path or self.origin.path, at[0], at[1], severity, code, message, hint)
        )


@dataclass(slots=True)
class _Columns:
    index: dict[str, int]
    constants: dict[str, str]
    periods: list[tuple[int, Period]]
    width: int
    # The index of each column, -1 when absent (read once per row, so kept as attributes).
    i_ind: int = -1
    i_srv: int = -1
    i_loc: int = -1
    i_note: int = -1
    i_src: int = -1

    def __post_init__(self) -> None:
        get = self.index.get
        self.i_ind, self.i_srv = get("indicator", -1), get("service", -1)
        self.i_loc, self.i_note = get("location", -1), get("note", -1)
        self.i_src = get("source", -1)


def looks_like_results(header: Sequence[object], sidecar: Sidecar | None) -> bool:
    """Whether a first row is a results header: two known columns, or a column and periods."""
    renames = {fold(h) for h in sidecar.renames.values()} if sidecar else set()
    known = periods = 0
    for cell in header:
        name = fold(cell_text(cell))
        if name in ALIASES or name in renames:
            known += 1
        elif cell_period(cell, None) is not None:
            periods += 1
    return known >= 2 or (known >= 1 and periods >= 1)


def read_table(table: Table, out: list[Measurement]) -> int:
    """Append the table's valid measurements to ``out``; return how many rows were read."""
    columns = _map_header(table)
    if columns is None:
        return 0
    wide = table.sidecar is not None and table.sidecar.layout == "wide"
    return (_read_wide if wide else _read_long)(table, columns, out)


def _map_header(table: Table) -> _Columns | None:
    sidecar = table.sidecar
    wide = sidecar is not None and sidecar.layout == "wide"
    granularity = sidecar.granularity if sidecar else None
    renames = {fold(h): c for c, h in sidecar.renames.items()} if sidecar else {}
    names = {**ALIASES, **renames}
    index: dict[str, int] = {}
    periods: list[tuple[int, Period]] = []
    for i, cell in enumerate(table.header):
        text = cell_text(cell)
        if not text:
            continue  # Excel writes a trailing ';' after the last header
        column = names.get(fold(text))
        if column is None and wide:
            period = cell_period(cell, granularity)
            if period is not None:
                periods.append((i, period))
                continue
        if column is None:
            close = difflib.get_close_matches(fold(text), names, n=1, cutoff=0.6)
            hint = (
                _("did you mean '{value}'?").format(value=close[0])
                if close
                else _(
                    "columns: indicator (indicateur), service, period (période), value (valeur), "
                    "location (lieu), note (commentaire), source"
                )
            )
            if wide:
                hint += "; in a wide table the other headers are periods such as 2025-03"
            table.add(
                table.locate(i),
                "unknown-column",
                _("unknown column '{text}'").format(text=text),
                hint,
            )
        elif wide and column in ("period", "value"):
            table.add(
                table.locate(i),
                "unknown-column",
                _("column '{text}' has no place in a wide table").format(text=text),
                _("a wide table has one column per period (2025-01, 2025-02, …) holding values"),
            )
        elif column in index:
            table.add(
                table.locate(i),
                "duplicate-column",
                _("column '{text}' is the same as an earlier column ({column})").format(
                    text=text, column=column
                ),
                _("keep one of them"),
            )
        else:
            index[column] = i
    constants: dict[str, str] = {}
    if sidecar is not None:
        for column, value in sidecar.constants.items():
            if column in index:
                sidecar.error(
                    sidecar.position(column),
                    _("'{column}' is fixed here but the file also has a '{column}' column").format(
                        column=column
                    ),
                    _("remove it from the sidecar, or remove the column"),
                )
            else:
                constants[column] = value
    required = ("indicator", "service") if wide else REQUIRED
    missing = [c for c in required if c not in index and c not in constants]
    for column in missing:
        table.add((table.header_line, 1), "missing-column", *_missing(table, column))
    if wide and not periods:
        table.add(
            (table.header_line, 1),
            "missing-column",
            _("a wide table needs period headers (2025-01, 2025-02, …)"),
            _(PERIOD_HINT),
        )
        return None
    return None if missing else _Columns(index, constants, periods, len(table.header))


def _missing(table: Table, column: str) -> tuple[str, str]:
    sidecar = table.sidecar
    if sidecar is not None and column in sidecar.renames:
        return (
            _("no column '{value}' (the sidecar's header for '{column}')").format(
                value=sidecar.renames[column], column=column
            ),
            _("fix the header in the file or in the sidecar's 'columns'"),
        )
    french = _(" (or '{value}')").format(value=_FRENCH[column]) if column in _FRENCH else ""
    hint = _("add a column '{column}'{french}").format(column=column, french=french)
    if column in WIDE_KEYS:
        hint += _(", or set it for the whole file in {value}.yml: '{column}: …'").format(
            value=table.stem or _("the file"), column=column
        )
    return _("missing column '{column}'").format(column=column), hint


def _text(cells: Sequence[object], i: int, n: int) -> str:
    cell = cells[i] if i < n else ""
    return cell.strip() if type(cell) is str else cell_text(cell)


def _column(table: Table, cells: Sequence[object], i: int, simple: bool) -> int:
    """Where field ``i`` of the current row starts; 0 when a sidecar fixes the value."""
    if i < 0:
        return 0
    if table.by_index:
        return i + 1
    if simple:  # one line, no quotes: each field is its text plus a delimiter
        return sum(map(len, cast("list[str]", cells[:i]))) + i + 1
    return table.locate(i)[1]


_Ids = tuple[str, str, str | None, str | None, str | None, int, int]


def _ids(table: Table, c: _Columns, cells: Sequence[object], simple: bool) -> _Ids | None:
    """The indicator, service, location, note and source of a row, and where the ids stand."""
    n = len(cells)
    indicator = c.constants.get("indicator") if c.i_ind < 0 else _text(cells, c.i_ind, n)
    service = c.constants.get("service") if c.i_srv < 0 else _text(cells, c.i_srv, n)
    location = c.constants.get("location") if c.i_loc < 0 else _text(cells, c.i_loc, n) or None
    note = c.constants.get("note") if c.i_note < 0 else _text(cells, c.i_note, n) or None
    source = c.constants.get("source") if c.i_src < 0 else _text(cells, c.i_src, n) or None
    if not indicator or not service:
        for name, i, value in (("indicator", c.i_ind, indicator), ("service", c.i_srv, service)):
            if not value:
                where = table.locate(i)
                table.add(
                    where,
                    "missing-value",
                    _("the {column} is empty").format(column=_(name)),
                    _("write the {column} id").format(column=_(name)),
                )
        return None
    # Share the strings repeated on every row: 100,000 measurements hold a few hundred ids.
    pool = table.pool
    return (
        pool.setdefault(indicator, indicator),
        pool.setdefault(service, service),
        location if location is None else pool.setdefault(location, location),
        note,
        source,
        _column(table, cells, c.i_ind, simple),
        _column(table, cells, c.i_srv, simple),
    )


def _extra(table: Table, columns: _Columns, cells: Sequence[object], warned: bool) -> bool:
    """Warn once per table about values beyond the header; return whether it warned."""
    if warned or len(cells) <= columns.width:
        return warned
    for i in range(columns.width, len(cells)):
        if cell_text(cells[i]):
            table.add(
                table.locate(i),
                "extra-field",
                _(
                    "this row has more fields than the header ({width}); extra values are ignored "
                    "(only the first such row is reported)"
                ).format(width=columns.width),
                _("add a header to the column, or remove the values"),
                Severity.WARNING,
            )
            return True
    return False


def _read_long(table: Table, columns: _Columns, out: list[Measurement]) -> int:
    origin, sidecar = table.origin, table.sidecar
    granularity = sidecar.granularity if sidecar else None
    i_per, i_val = columns.index["period"], columns.index["value"]
    width = columns.width
    append = out.append
    warned = False
    count = 0
    for line, cells, simple in table.rows:
        count += 1
        n = len(cells)
        if n > width:
            warned = _extra(table, columns, cells, warned)
        ids = _ids(table, columns, cells, simple)
        raw_period = cells[i_per] if i_per < n else ""
        period = cell_period(raw_period, granularity)
        if period is None:
            _bad_period(table, i_per, raw_period)
        raw_value = cells[i_val] if i_val < n else ""
        value = cell_number(raw_value)
        if value is None:
            _bad_number(table, i_val, raw_value)
        if ids is None or period is None or value is None:
            continue
        indicator, service, location, note, source, ind_col, srv_col = ids
        append(
            Measurement(
                indicator, service, period, value, location, note, source, origin, line,
                ind_col, srv_col,
            )
        )  # fmt: skip
    return count


def _read_wide(table: Table, columns: _Columns, out: list[Measurement]) -> int:
    origin = table.origin
    warned = False
    count = 0
    for line, cells, simple in table.rows:
        count += 1
        n = len(cells)
        warned = _extra(table, columns, cells, warned)
        ids = _ids(table, columns, cells, simple)
        for i, period in columns.periods:
            cell = cells[i] if i < n else None
            if cell is None or (type(cell) is str and not cell.strip()):
                continue  # an empty cell in a wide table is a period not measured (yet)
            value = cell_number(cell)
            if value is None:
                _bad_number(table, i, cell)
            elif ids is not None:
                indicator, service, location, note, source, ind_col, srv_col = ids
                out.append(
                    Measurement(
                        indicator, service, period, value, location, note, source, origin,
                        line, ind_col, srv_col,
                    )
                )  # fmt: skip
    return count


def _bad_period(table: Table, i: int, cell: object) -> None:
    text = cell_text(cell)
    if not text:
        table.add(table.locate(i), "missing-value", _("the period is empty"), _(PERIOD_HINT))
    else:
        table.add(
            table.locate(i),
            "invalid-period",
            _("'{text}' is not a period").format(text=text),
            _(PERIOD_HINT),
        )


def _bad_number(table: Table, i: int, cell: object) -> None:
    if type(cell) is str or cell is None:
        message, hint = number_problem(cell or "")
    else:
        message, hint = (
            _("'{cell}' is not a number").format(cell=cell_text(cell)),
            _("write a number in the cell"),
        )
    table.add(table.locate(i), "invalid-number", message, hint)
