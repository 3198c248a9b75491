"""Problems found in content, as data: a `Diagnostic` per problem, a `ValidationReport` per run."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from .codes import CODES
from .codes import Severity as Severity


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file, at a line and column (both 1-based)."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str | None = None
    #: What else the problem is about, for tools that narrow a report: the missing target of
    #: an unknown link (``kind/id``), the other file of a duplicate id. Not in the JSON shape.
    related: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # Severity is the registry's, decided once per code: a check cannot choose another.
        info = CODES.get(self.code)
        if info is None:
            raise ValueError(f"unregistered diagnostic code {self.code!r} (add it to rex.codes)")
        if info.severity is not self.severity:
            raise ValueError(f"{self.code} is a {info.severity}, not a {self.severity}")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the diagnostic."""
        data = asdict(self)
        data["severity"] = str(self.severity)
        del data["related"]
        return data

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order diagnostics by file, then position, then code."""
        return (self.path, self.line, self.column, self.code)


@dataclass(slots=True)
class ValidationReport:
    """Every diagnostic of a run, with the counts CI and people read."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    records: int = 0

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    def __len__(self) -> int:
        return len(self.diagnostics)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add diagnostics to the report."""
        self.diagnostics.extend(diagnostics)

    def sort(self) -> None:
        """Sort diagnostics by path and position, for stable output."""
        self.diagnostics.sort(key=Diagnostic.sort_key)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics of severity error."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics of severity warning."""
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def valid(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def ok(self, *, strict: bool = False) -> bool:
        """True when the run passes: no error, and no warning either when ``strict``."""
        return not self.diagnostics if strict else self.valid

    def summary(self) -> dict[str, int]:
        """Counts of files, records, errors and warnings."""
        return {
            "files": self.files,
            "records": self.records,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the documented JSON shape: ``{"diagnostics": [...], "summary": {...}}``."""
        return {
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "summary": self.summary(),
        }

    def to_json(self) -> str:
        """Return the report as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def for_paths(self, paths: Iterable[str]) -> ValidationReport:
        """A copy keeping only the diagnostics of the given paths."""
        wanted = set(paths)
        return ValidationReport(
            diagnostics=[d for d in self.diagnostics if d.path in wanted],
            files=len(wanted),
            records=self.records,
        )


#: Deprecated name of `ValidationReport` (``rex.HealthReport`` is the other report).
Report = ValidationReport
