"""Find and read every results file below ``<corpus>/results/``; check what spans files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..i18n import N_, _
from ..loader import check_root
from .csvfile import read_csv
from .model import Measurement, Origin, ResultsSet, SeriesKey
from .period import Granularity
from .sidecar import SIDECAR_SUFFIXES, Sidecar, read_sidecar
from .workbook import read_workbook

RESULTS_FOLDER = "results"
CSV_SUFFIXES = (".csv",)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_UNSUPPORTED_HINTS = {
    ".xls": N_("save it as .xlsx (Excel 2007 and later) or as CSV UTF-8"),
    ".ods": N_("save it as .xlsx or as CSV UTF-8 from LibreOffice"),
    ".tsv": N_("name it .csv: tabs are recognised as separators"),
    ".txt": N_("name it .csv if it is a table"),
}


def read_results(root: Path) -> ResultsSet:
    """Read every results file below ``root/results/``. Never raises on content.

    Raises `rex.errors.RexError` only when ``root`` is not a folder.
    """
    check_root(root)
    result = ResultsSet()
    folder = root / RESULTS_FOLDER
    if not folder.is_dir():
        return result
    root_real = root.resolve()
    sidecar_paths: dict[tuple[Path, str], Path] = {}
    data: list[Path] = []
    for path in _files(folder, root_real, result.diagnostics):
        suffix = path.suffix.lower()
        if suffix in SIDECAR_SUFFIXES:
            sidecar_paths.setdefault((path.parent, path.stem), path)
        elif suffix in CSV_SUFFIXES or suffix in WORKBOOK_SUFFIXES:
            data.append(path)
        elif suffix != ".md":  # a README beside the data is welcome
            hint = _(_UNSUPPORTED_HINTS.get(suffix, N_("results are .csv or .xlsx files")))
            result.diagnostics.append(
                _warning(path.as_posix(), "unsupported-file", _("this file is not read"), hint)
            )
    sidecars: dict[Path, Sidecar] = {}
    for path in data:
        sidecar_path = sidecar_paths.get((path.parent, path.stem))
        sidecar = None
        if sidecar_path is not None:
            if sidecar_path not in sidecars:
                sidecars[sidecar_path] = read_sidecar(sidecar_path)
            sidecar = sidecars[sidecar_path]
        _read_file(path, sidecar, result)
    for sidecar in sidecars.values():
        result.diagnostics.extend(sidecar.diagnostics)
    used = set(sidecars)
    for sidecar_path in sorted(set(sidecar_paths.values()) - used):
        result.diagnostics.append(
            _warning(
                sidecar_path.as_posix(),
                "orphan-sidecar",
                _("no results file named {stem}.csv or {stem}.xlsx beside this sidecar").format(
                    stem=sidecar_path.stem
                ),
                _("a sidecar describes the .csv or .xlsx file with the same name"),
            )
        )
    result.measurements = _check(result.measurements, result.diagnostics)
    # A sidecar shared by a CSV and a workbook may report the same problem twice.
    result.diagnostics = sorted(dict.fromkeys(result.diagnostics), key=Diagnostic.sort_key)
    return result


def _read_file(path: Path, sidecar: Sidecar | None, result: ResultsSet) -> None:
    display = path.as_posix()
    result.files.append(display)
    if sidecar is not None and sidecar.diagnostics:
        return  # read with a broken sidecar, every row would be wrong: fix the sidecar first
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        problems, _ = read_workbook(path, display, sidecar, result.measurements)
    else:
        origin = Origin(
            display,
            sidecar.path if sidecar else None,
            dict(sidecar.positions) if sidecar else {},
        )
        problems = read_csv(path, origin, sidecar, result.measurements)
    result.diagnostics.extend(problems)


def _files(folder: Path, root_real: Path, diagnostics: list[Diagnostic]) -> Iterator[Path]:
    """Regular files below ``folder``, in name order; links out of the corpus are reported."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            diagnostics.append(
                Diagnostic(
                    current.as_posix(),
                    1,
                    1,
                    Severity.ERROR,
                    "unreadable",
                    _("cannot read the folder: {value}").format(value=exc.strerror or exc),
                )
            )
            continue
        folders: list[Path] = []
        for entry in entries:
            # Hidden files, Excel's lock files (~$x.xlsx) and _drafts are not results.
            if entry.name.startswith((".", "_", "~$")):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    target = path.resolve(strict=True)
                    if not target.is_relative_to(root_real):
                        diagnostics.append(
                            _warning(
                                path.as_posix(),
                                "link-outside-corpus",
                                _(
                                    "this link points outside the corpus ({target}); "
                                    "it is not followed"
                                ).format(target=target.as_posix()),
                                _("copy the file into the corpus instead of linking to it"),
                            )
                        )
                        continue
                    if target.is_dir():
                        continue  # not followed: a linked folder could loop or repeat files
                if entry.is_dir(follow_symlinks=False):
                    folders.append(path)
                elif entry.is_file():  # not a FIFO or a device, which would block a read
                    yield path
            except (OSError, RuntimeError):
                continue  # a broken or looping link: nothing to read
        stack.extend(reversed(folders))


def _check(measurements: list[Measurement], diagnostics: list[Diagnostic]) -> list[Measurement]:
    """Drop duplicate measurements (keeping the first) and warn about mixed granularities."""
    seen: dict[tuple[str, str, str | None, object], Measurement] = {}
    granularities: dict[SeriesKey, tuple[Granularity, Measurement]] = {}
    warned: set[SeriesKey] = set()
    kept: list[Measurement] = []
    for m in measurements:
        key = (m.indicator, m.service, m.location, m.period)
        first = seen.setdefault(key, m)
        if first is not m:
            where = _(" at '{location}'").format(location=m.location) if m.location else ""
            diagnostics.append(
                Diagnostic(
                    m.path,
                    m.line,
                    1,
                    Severity.ERROR,
                    "duplicate-measurement",
                    _(
                        "{indicator} for {service}{where} in {period} is already measured at "
                        "{path}:{line}"
                    ).format(
                        indicator=m.indicator,
                        service=m.service,
                        where=where,
                        period=m.period,
                        path=first.path,
                        line=first.line,
                    ),
                    _("keep one row per indicator, service, site and period"),
                    related=first.path,
                )
            )
            continue
        kept.append(m)
        series = key[:3]
        granularity, example = granularities.setdefault(series, (m.period.granularity, m))
        if granularity is not m.period.granularity and series not in warned:
            warned.add(series)
            diagnostics.append(
                _warning(
                    m.path,
                    "mixed-granularity",
                    _(
                        "{indicator} for {service} mixes {value} ({period} at {path}:{line}) and "
                        "{value2} ({period2}) periods"
                    ).format(
                        indicator=m.indicator,
                        service=m.service,
                        value=granularity.value,
                        period=example.period,
                        path=example.path,
                        line=example.line,
                        value2=m.period.granularity.value,
                        period2=m.period,
                    ),
                    _("keep one kind of period per series, or use another indicator"),
                    line=m.line,
                )
            )
    return kept


def _warning(path: str, code: str, message: str, hint: str, line: int = 1) -> Diagnostic:
    return Diagnostic(path, line, 1, Severity.WARNING, code, message, hint)
