"""Read results from an Excel workbook (.xlsx), sheet by sheet, in openpyxl's read-only mode.

Every sheet whose first row is a results header is read; the others (a chart, notes) are
skipped. Diagnostics name the sheet in their path (``results/voirie.xlsx:Feuil1``), with the
sheet's row number as the line and the column number (A = 1) as the column, as Excel shows
them. Cells are read as Excel stores them: numbers as numbers, dates as dates. A date in the
period column is a day, unless its display format shows no day (``mmm-yy`` is a month, ``yyyy``
a year) or the sidecar's ``granularity`` says otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..i18n import _
from .cells import cell_text
from .model import Measurement, Origin
from .period import Granularity, Period
from .sidecar import Sidecar
from .table import Table, looks_like_results, read_table

_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def read_workbook(
    path: Path, display: str, sidecar: Sidecar | None, out: list[Measurement]
) -> tuple[list[Diagnostic], list[str]]:
    """Append the measurements of every results sheet to ``out``; return problems and sheets."""
    import openpyxl  # heavy: only when a corpus has workbooks

    problems: list[Diagnostic] = []
    sheets: list[str] = []
    mark = len(out)
    # openpyxl raises many kinds of exceptions on a damaged file (zip, XML, KeyError, …);
    # a bad workbook is a diagnostic, so every one of them is caught here.
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        return [_invalid(display, exc)], sheets
    try:
        for sheet in workbook.worksheets:
            origin = Origin(
                f"{display}:{sheet.title}",
                sidecar.path if sidecar else None,
                dict(sidecar.positions) if sidecar else {},
            )
            problems.extend(_read_sheet(sheet, origin, sidecar, path.stem, out, sheets))
    except Exception as exc:
        del out[mark:]
        return [*problems, _invalid(display, exc)], sheets
    finally:
        workbook.close()
    if not sheets:
        problems.append(
            Diagnostic(
                display,
                1,
                1,
                Severity.WARNING,
                "no-results-sheet",
                _("no sheet of this workbook starts with a results header"),
                _(
                    "put the headers indicator, service, period, value (or indicateur, service, "
                    "période, valeur) in the first row of the sheet"
                ),
            )
        )
    return problems, sheets


def _read_sheet(
    sheet: Any,
    origin: Origin,
    sidecar: Sidecar | None,
    stem: str,
    out: list[Measurement],
    sheets: list[str],
) -> list[Diagnostic]:
    if hasattr(sheet, "reset_dimensions"):
        # Files written by other tools often declare wrong dimensions; read what is there.
        sheet.reset_dimensions()
    rows = sheet.iter_rows()
    first = next(rows, None)
    if first is None:
        return []
    header = [_value(cell) for cell in first]
    if not looks_like_results(header, sidecar):
        return []
    sheets.append(origin.path)
    state = {"line": 1}

    def locate(field: int) -> tuple[int, int]:
        return state["line"], field + 1

    def body() -> Iterator[tuple[int, Sequence[object], bool]]:
        for line, row in enumerate(rows, start=2):
            values = [_value(cell) for cell in row]
            if any(v is not None and v != "" for v in values):
                state["line"] = line
                yield line, values, True

    table = Table(origin, header, 1, body(), locate, sidecar, stem, by_index=True)
    count = read_table(table, out)
    problems = table.diagnostics
    if count == 0 and not any(d.code == "missing-column" for d in problems):
        problems.append(
            Diagnostic(
                origin.path,
                1,
                1,
                Severity.WARNING,
                "empty-file",
                _("the sheet has a header but no measurement row"),
                _("add rows below the header, or remove the sheet"),
            )
        )
    return problems


def _value(cell: Any) -> object:
    """The cell's value; a date shown without its day becomes a month (or year) period."""
    value = getattr(cell, "value", None)
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        granularity = _shown(getattr(cell, "number_format", "") or "")
        if granularity is not None:
            return Period.containing(day, granularity)
        return day
    return value


def _shown(number_format: str) -> Granularity | None:
    """The granularity a date format displays, when it hides the day."""
    codes = _LITERALS.sub("", number_format).lower()
    if "d" in codes or "h" in codes or "s" in codes:
        return None
    if "m" in codes:
        return Granularity.MONTH
    return Granularity.YEAR if "y" in codes else None


def _invalid(display: str, exc: BaseException) -> Diagnostic:
    return Diagnostic(
        display,
        1,
        1,
        Severity.ERROR,
        "invalid-workbook",
        _("cannot read this workbook: {value}").format(
            value=cell_text(str(exc)) or type(exc).__name__
        ),
        _("open it in Excel or LibreOffice and save it again as .xlsx"),
    )
