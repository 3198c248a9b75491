"""Read a results CSV file as spreadsheets save it, streaming, with the position of every field.

French Excel writes ``;`` between fields, decimal commas, a BOM and CRLF, and saves plain
"CSV" in Windows-1252: all are accepted. Lines are read one at a time, so memory does not
grow with the file beyond the measurements kept.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from ..diagnostics import Diagnostic, Severity
from ..i18n import N_, _
from .model import Measurement, Origin
from .sidecar import Sidecar
from .table import Table, read_table

_DELIMITERS = (";", ",", "\t")
EXCEL_UTF8_HINT = N_(
    "in Excel, use 'File > Save as' and choose 'CSV UTF-8 (comma delimited) "
    "(*.csv)'; in LibreOffice, tick 'Edit filter settings' and pick 'Unicode (UTF-8)'"
)


class _Lines:
    """The physical lines of a file, remembering those of the record being read."""

    __slots__ = ("_file", "pushed", "raw")

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.raw: list[str] = []
        self.pushed: str | None = None

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pushed is not None:
            line, self.pushed = self.pushed, None
        else:
            line = next(self._file)
        self.raw.append(line)
        return line


def read_csv(
    path: Path, origin: Origin, sidecar: Sidecar | None, out: list[Measurement]
) -> list[Diagnostic]:
    """Append the measurements of a CSV file to ``out``; return its problems."""
    display = origin.path
    try:
        with path.open("rb") as file:
            head = file.read(8192)
    except OSError as exc:
        return [_unreadable(display, exc)]
    if b"\x00" in head:
        hint = (
            _("this is an Excel workbook: name it .xlsx")
            if head.startswith(b"PK\x03\x04")
            else _("save the table as CSV (or .xlsx) from your spreadsheet")
        )
        return [_diag(display, 1, 1, "not-csv", _("this is a binary file, not a CSV file"), hint)]
    mark = len(out)
    try:
        return _read(path, origin, sidecar, "utf-8-sig", out)
    except UnicodeDecodeError:
        del out[mark:]  # start again from the top in the other encoding
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [_unreadable(display, exc)]
    line, column, byte = _first_bad_byte(raw)
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return [
            _diag(
                display,
                line,
                column,
                "not-utf8",
                _("the file is not UTF-8 text (byte 0x{byte})").format(byte=f"{byte:02x}"),
                _(EXCEL_UTF8_HINT),
            )
        ]
    warning = _diag(
        display,
        line,
        column,
        "legacy-encoding",
        _("the file is not UTF-8; it was read as Windows-1252 (accents may be wrong)"),
        _(EXCEL_UTF8_HINT),
        Severity.WARNING,
    )
    return [warning, *_read(path, origin, sidecar, "cp1252", out)]


def _read(
    path: Path, origin: Origin, sidecar: Sidecar | None, encoding: str, out: list[Measurement]
) -> list[Diagnostic]:
    display = origin.path
    with path.open(encoding=encoding, newline="") as file:
        lines = _Lines(file)
        # Blank lines before the header are skipped here, so the reader never counts them.
        first, offset = next(file, ""), 0
        while first and not first.strip():
            first, offset = next(file, ""), offset + 1
        if not first:
            return [_empty(display, _("the file is empty"))]
        lines.pushed = first
        delimiter = max(_DELIMITERS, key=first.count)
        reader = csv.reader(lines, delimiter=delimiter)
        problems: list[Diagnostic] = []
        try:
            header = next(reader)
        except csv.Error as exc:
            return [
                _diag(display, 1, 1, "not-csv", _("the CSV reader stopped: {exc}").format(exc=exc))
            ]

        def start() -> int:
            return offset + reader.line_num - len(lines.raw) + 1

        def locate(field: int) -> tuple[int, int]:
            return _locate(lines.raw, start(), delimiter, field)

        def rows() -> Iterator[tuple[int, Sequence[object], bool]]:
            raw = lines.raw
            raw.clear()
            try:
                for cells in reader:
                    if any(cells):
                        simple = len(raw) == 1 and '"' not in raw[0]
                        yield offset + reader.line_num - len(raw) + 1, cells, simple
                    raw.clear()
            except csv.Error as exc:
                line = offset + reader.line_num
                message = _(
                    "the CSV reader stopped here: {exc}; the rest of the file is ignored"
                ).format(exc=exc)
                hint = _('check the quotes (") on this line: a field that opens one must close it')
                problems.append(_diag(display, line, 1, "not-csv", message, hint))

        table = Table(origin, header, start(), rows(), locate, sidecar, path.stem)
        count = read_table(table, out)
        problems[:0] = table.diagnostics
        if count == 0 and not any(d.code == "missing-column" for d in table.diagnostics):
            problems.append(_empty(display, _("the file has a header but no measurement row")))
        return problems


def _locate(raw: list[str], line: int, delimiter: str, field: int) -> tuple[int, int]:
    """The (line, column) where field ``field`` of the record made of ``raw`` lines starts."""
    if len(raw) == 1 and '"' not in raw[0]:
        parts = raw[0].split(delimiter, field)
        if len(parts) > field:
            return line, sum(len(p) for p in parts[:field]) + field + 1
        return line, len(raw[0].rstrip("\r\n")) + 1
    # Quoted fields may hold delimiters and line breaks: walk the record once.
    current, quoted, row, column = 0, False, line, 1
    for text in raw:
        for char in text:
            if current == field:
                return row, column
            if char == '"':
                quoted = not quoted
            elif char == delimiter and not quoted:
                current += 1
            if char == "\n" or (char == "\r" and not text.endswith("\r\n")):
                row, column = row + 1, 1
            elif char != "\r":
                column += 1
        if not text.endswith(("\n", "\r")):
            break
    return (row, column) if current == field else (line, 1)


def _first_bad_byte(raw: bytes) -> tuple[int, int, int]:
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        return line, exc.start - (before.rfind(b"\n") + 1) + 1, raw[exc.start]
    return 1, 1, 0


def _empty(display: str, message: str) -> Diagnostic:
    hint = _("add rows 'indicator;service;period;value', or remove the file")
    return _diag(display, 1, 1, "empty-file", message, hint, Severity.WARNING)


def _unreadable(display: str, exc: OSError) -> Diagnostic:
    return _diag(
        display,
        1,
        1,
        "unreadable",
        _("cannot read the file: {value}").format(value=exc.strerror or exc),
    )


def _diag(
    path: str,
    line: int,
    column: int,
    code: str,
    message: str,
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    return Diagnostic(path, line, column, severity, code, message, hint)
