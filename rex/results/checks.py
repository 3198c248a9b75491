"""Checks of results against the corpus: every indicator and service must exist."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable

from ..diagnostics import Diagnostic, Severity
from ..i18n import N_, _, ngettext
from .model import Measurement

_MISSING = {
    "indicator": N_("indicator '{value}' does not exist{others}"),
    "service": N_("service '{value}' does not exist{others}"),
}


def check_results(
    measurements: Iterable[Measurement],
    indicators: Collection[str],
    services: Collection[str],
) -> list[Diagnostic]:
    """Report indicators and services that no record defines, once per file and id."""
    first: dict[tuple[str, str, str], Measurement] = {}
    counts: dict[tuple[str, str, str], int] = {}
    known = {"indicator": indicators, "service": services}
    for m in measurements:
        for kind, value in (("indicator", m.indicator), ("service", m.service)):
            if value in known[kind]:
                continue
            key = (m.path, kind, value)
            first.setdefault(key, m)
            counts[key] = counts.get(key, 0) + 1
    diagnostics = [_diagnostic(m, key[1], key[2], counts[key], known) for key, m in first.items()]
    return sorted(dict.fromkeys(diagnostics), key=Diagnostic.sort_key)


def _diagnostic(
    m: Measurement, kind: str, value: str, count: int, known: dict[str, Collection[str]]
) -> Diagnostic:
    column = m.indicator_column if kind == "indicator" else m.service_column
    path, line = m.path, m.line
    fixed = m.origin.sidecar is not None and column == 0
    if fixed and m.origin.sidecar is not None:
        # The value comes from the sidecar: point there, where it can be fixed once.
        path = m.origin.sidecar
        line, column = m.origin.fixed.get(kind, (1, 1))
    close = difflib.get_close_matches(value, list(known[kind]), n=1, cutoff=0.6)
    folder = "indicators" if kind == "indicator" else "services"
    hint = (
        _("did you mean '{suggestion}'?").format(suggestion=close[0])
        if close
        else _("use the id of a record in {folder}/ (the file name without .md)").format(
            folder=folder
        )
    )
    others = (
        ""
        if fixed or count == 1
        else ngettext(" ({count} row of this file)", " ({count} rows of this file)", count).format(
            count=count
        )
    )
    return Diagnostic(
        path,
        line,
        max(column, 1),
        Severity.ERROR,
        f"unknown-{kind}",
        _(_MISSING[kind]).format(value=value, others=others),
        hint,
        related=f"{folder}/{value}",
    )
