"""Measurements read from results files, grouped into series."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..diagnostics import Diagnostic, Severity
from .period import Granularity, Period


@dataclass(frozen=True, slots=True, eq=False)
class Origin:
    """The table a measurement comes from, shared by all its rows."""

    #: The path shown in diagnostics: the file, or ``file.xlsx:Sheet`` for a workbook sheet.
    path: str
    #: The sidecar file that fixed some columns, if any, and where each fixed value stands.
    sidecar: str | None = None
    fixed: dict[str, tuple[int, int]] = field(default_factory=dict)


class Measurement(NamedTuple):
    """One value of one indicator, for one service (and maybe one site), over one period.

    A named tuple rather than a dataclass: a corpus holds hundreds of thousands of them.
    """

    indicator: str
    service: str
    period: Period
    value: float
    location: str | None
    note: str | None
    source: str | None
    origin: Origin
    line: int
    #: Where the indicator and the service are written in the row; 0 when a sidecar fixes them.
    indicator_column: int = 1
    service_column: int = 1

    @property
    def path(self) -> str:
        """The path of the file (or sheet) shown in diagnostics."""
        return self.origin.path

    @property
    def series_key(self) -> SeriesKey:
        """The series this measurement belongs to."""
        return self.indicator, self.service, self.location


#: (indicator, service, location): one line on a chart.
SeriesKey = tuple[str, str, str | None]
#: One point of a series.
Point = tuple[Period, float]


@dataclass(frozen=True, slots=True)
class Series:
    """The values of one indicator for one service (and site), sorted by period."""

    indicator: str
    service: str
    location: str | None
    points: tuple[Point, ...]

    @property
    def granularity(self) -> Granularity | None:
        """The most common granularity of the points (None for an empty series)."""
        counts = Counter(period.granularity for period, _ in self.points)
        return counts.most_common(1)[0][0] if counts else None


def group_series(measurements: Iterable[Measurement]) -> dict[SeriesKey, Series]:
    """Group measurements into series, each sorted by period, in a stable key order."""
    groups: dict[SeriesKey, list[Point]] = {}
    for m in measurements:
        groups.setdefault((m.indicator, m.service, m.location), []).append((m.period, m.value))
    return {
        key: Series(key[0], key[1], key[2], tuple(sorted(points, key=lambda p: p[0])))
        for key, points in sorted(groups.items(), key=lambda item: _key_order(item[0]))
    }


def _key_order(key: SeriesKey) -> tuple[str, str, str]:
    return key[0], key[1], key[2] or ""


@dataclass(slots=True)
class ResultsSet:
    """What reading a corpus's results gave: valid measurements, problems, files read."""

    measurements: list[Measurement] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Every data file read (CSV and workbooks), as shown in diagnostics.
    files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics of severity error."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def series(self) -> dict[SeriesKey, Series]:
        """The measurements grouped by (indicator, service, location)."""
        return group_series(self.measurements)
