"""Targets and the status of a series: met, off target, stale, no target; latest value, trend.

Pure functions over plain data, so the dashboard, the report and the tests compute the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .model import Point, Series
from .period import Period

DIRECTIONS = ("increase", "decrease")


@dataclass(frozen=True, slots=True)
class Target:
    """A value to reach: for every service (``service`` None) or one; by a period or for good."""

    value: float
    service: str | None = None
    by: Period | None = None


class State(StrEnum):
    """Where a series stands against its target."""

    MET = "met"
    OFF_TARGET = "off-target"
    STALE = "stale"
    NO_TARGET = "no-target"
    NO_DATA = "no-data"


class Trend(StrEnum):
    """Which way the last points go, read with the indicator's direction."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    STABLE = "stable"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class SeriesStatus:
    """The status of one series on a given day."""

    state: State
    latest: Point | None = None
    previous: Point | None = None
    target: Target | None = None
    #: Whether the latest value meets the target (also known when the series is stale).
    met: bool | None = None
    #: latest - target, in the indicator's unit (negative: below the target).
    gap: float | None = None
    #: gap as a percentage of the target (None when the target is 0).
    gap_percent: float | None = None
    #: The last complete period before today: the one that should have a value by now.
    expected: Period | None = None
    trend: Trend = Trend.UNKNOWN
    #: The change over the trend's window, in the indicator's unit (from a least-squares line).
    change: float | None = None


def select_target(targets: Iterable[Target], service: str, period: Period) -> Target | None:
    """The target that applies to ``service`` at ``period``.

    Targets for the service win over targets for every service. Among those, the nearest
    deadline not yet past at ``period`` wins, then a target without deadline, then the
    latest past deadline (the last commitment made).
    """
    pool = list(targets)
    own = [t for t in pool if t.service == service]
    pool = own or [t for t in pool if t.service is None]
    ahead = [t for t in pool if t.by is not None and t.by.end >= period.start]
    if ahead:
        return min(ahead, key=lambda t: t.by or period)
    undated = [t for t in pool if t.by is None]
    if undated:
        return undated[-1]
    return max(pool, key=lambda t: t.by or period) if pool else None


def meets(value: float, target: float, direction: str) -> bool:
    """Whether ``value`` reaches ``target`` for an indicator going ``direction``."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    return value >= target if direction == "increase" else value <= target


def trend(points: Sequence[Point], direction: str, window: int = 3) -> tuple[Trend, float | None]:
    """The trend of the last ``window`` points and their change (least squares), in units.

    A change smaller than 1 % of the values' mean size is stable.
    """
    values = [value for _, value in points[-window:]]
    n = len(values)
    if n < 2:
        return Trend.UNKNOWN, None
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    slope = sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values)) / sum(
        (i - mean_x) ** 2 for i in range(n)
    )
    change = slope * (n - 1)
    scale = sum(abs(v) for v in values) / n
    if abs(change) <= 0.01 * scale or change == 0:
        return Trend.STABLE, change
    better = (change > 0) == (direction == "increase")
    return (Trend.IMPROVING if better else Trend.WORSENING), change


def series_status(
    series: Series,
    targets: Iterable[Target],
    direction: str,
    today: dt.date,
    *,
    window: int = 3,
) -> SeriesStatus:
    """The status of ``series`` on ``today`` against ``targets``.

    Stale wins over met and off target: a value for the last complete period (by the
    series' granularity) is expected by ``today``; ``met`` and ``gap`` still say how the
    latest value compares.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    points = series.points
    granularity = series.granularity
    if not points or granularity is None:
        return SeriesStatus(State.NO_DATA)
    latest = points[-1]
    previous = points[-2] if len(points) > 1 else None
    expected = Period.containing(today, granularity).previous()
    target = select_target(targets, series.service, latest[0])
    met = gap = gap_percent = None
    if target is not None:
        met = meets(latest[1], target.value, direction)
        gap = latest[1] - target.value
        gap_percent = gap / abs(target.value) * 100 if target.value else None
    if latest[0].end < expected.start:
        state = State.STALE
    elif target is None:
        state = State.NO_TARGET
    else:
        state = State.MET if met else State.OFF_TARGET
    direction_trend, change = trend(points, direction, window)
    return SeriesStatus(
        state, latest, previous, target, met, gap, gap_percent, expected, direction_trend, change
    )
