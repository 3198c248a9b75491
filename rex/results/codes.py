"""The stable diagnostic codes of results files, with their severity and meaning."""

from __future__ import annotations

from typing import Final

from ..diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING

#: code -> (severity, what it means). Codes are a public contract: never rename one.
CODES: Final[dict[str, tuple[Severity, str]]] = {
    "invalid-number": (E, "a value that is not a finite number (empty, n/a, 12.5.3, NaN, 12 %)"),
    "invalid-period": (E, "a period that is not 2025, 2025-T1/2025-Q1, 2025-03 or 2025-03-14"),
    "missing-value": (E, "an empty indicator, service or period cell"),
    "duplicate-measurement": (E, "the same indicator, service, site and period twice"),
    "unknown-column": (E, "a header that is not a results column (did you mean)"),
    "missing-column": (E, "a required column absent from the header and not fixed by a sidecar"),
    "duplicate-column": (E, "two headers naming the same column"),
    "extra-field": (W, "values beyond the header's columns, ignored"),
    "mixed-granularity": (W, "one series mixing months, quarters, years or days"),
    "empty-file": (W, "a results file with no measurement"),
    "not-csv": (E, "a .csv file that is binary or that the CSV reader cannot split"),
    "not-utf8": (E, "a file that is neither UTF-8 nor Windows-1252 text"),
    "legacy-encoding": (W, "a file read as Windows-1252 because it is not UTF-8"),
    "invalid-workbook": (E, "an .xlsx file openpyxl cannot read"),
    "no-results-sheet": (W, "a workbook none of whose sheets starts with a results header"),
    "invalid-sidecar": (E, "a sidecar .yml file that is not valid (at its line)"),
    "orphan-sidecar": (W, "a sidecar .yml file with no results file of the same name"),
    "unsupported-file": (W, "a file in results/ that is neither .csv nor .xlsx (e.g. .xls, .ods)"),
    "link-outside-corpus": (W, "a symbolic link to a file outside the corpus, not followed"),
    "unreadable": (E, "a file that cannot be read (permissions, I/O error)"),
    "unknown-indicator": (E, "an indicator id that no indicator record has (did you mean)"),
    "unknown-service": (E, "a service id that no service record has (did you mean)"),
}
