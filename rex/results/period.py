"""Periods of measurement: a year, a quarter, a month or a day, parsed from what people write."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from ..i18n import N_


class Granularity(StrEnum):
    """How long a period lasts."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"


_PERIOD = re.compile(
    r"(?P<year>\d{4})"
    r"(?:-(?:[TtQq](?P<quarter>\d)|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?"
)
# French Excel writes date cells as 14/03/2025 when it saves a CSV.
_FRENCH_DATE = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A calendar period, ordered by its start (then shortest first).

    Build one with `Period.parse` or `Period.containing`; ``start`` is always the first day
    of the period.
    """

    start: dt.date
    granularity: Granularity

    def __post_init__(self) -> None:
        if Period.containing(self.start, self.granularity).start != self.start:
            raise ValueError(f"{self.start} does not start a {self.granularity}")

    @staticmethod
    def containing(day: dt.date, granularity: Granularity) -> Period:
        """The period of ``granularity`` that contains ``day``."""
        if granularity is Granularity.DAY:
            start = day
        elif granularity is Granularity.MONTH:
            start = day.replace(day=1)
        elif granularity is Granularity.QUARTER:
            start = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        else:
            start = dt.date(day.year, 1, 1)
        period = object.__new__(Period)
        object.__setattr__(period, "start", start)
        object.__setattr__(period, "granularity", granularity)
        return period

    @staticmethod
    def parse(text: str) -> Period | None:
        """Read ``2025``, ``2025-T1``/``2025-Q1``, ``2025-03``, ``2025-03-14`` or ``14/03/2025``."""
        return parse_period(text)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        return self.next().start - dt.timedelta(days=1)

    @property
    def iso(self) -> str:
        """The canonical text: ``2025``, ``2025-Q1``, ``2025-03`` or ``2025-03-14``."""
        start, granularity = self.start, self.granularity
        if granularity is Granularity.YEAR:
            return f"{start.year:04d}"
        if granularity is Granularity.QUARTER:
            return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
        if granularity is Granularity.MONTH:
            return f"{start.year:04d}-{start.month:02d}"
        return start.isoformat()

    def __str__(self) -> str:
        return self.iso

    def next(self) -> Period:
        """The period of the same granularity that follows this one."""
        return self.shift(1)

    def previous(self) -> Period:
        """The period of the same granularity that precedes this one."""
        return self.shift(-1)

    def shift(self, count: int) -> Period:
        """The period ``count`` steps later (earlier when negative), same granularity."""
        granularity, start = self.granularity, self.start
        if granularity is Granularity.DAY:
            return Period.containing(start + dt.timedelta(days=count), granularity)
        months = {Granularity.MONTH: 1, Granularity.QUARTER: 3, Granularity.YEAR: 12}[granularity]
        index = start.year * 12 + start.month - 1 + count * months
        return Period.containing(dt.date(index // 12, index % 12 + 1, 1), granularity)

    def coarsen(self, granularity: Granularity) -> Period:
        """The period of ``granularity`` that contains this period's start."""
        return Period.containing(self.start, granularity)


@lru_cache(maxsize=8192)
def parse_period(text: str) -> Period | None:
    """A period from its text (see `Period.parse`), or None; cached."""
    # Cached: a results file repeats the same few periods on every row.
    text = text.strip()
    match = _PERIOD.fullmatch(text)
    if match is not None:
        year = int(match["year"])
        try:
            if match["quarter"] is not None:
                quarter = int(match["quarter"])
                if not 1 <= quarter <= 4:
                    return None
                return Period.containing(dt.date(year, 3 * quarter - 2, 1), Granularity.QUARTER)
            if match["day"] is not None:
                day = dt.date(year, int(match["month"]), int(match["day"]))
                return Period.containing(day, Granularity.DAY)
            if match["month"] is not None:
                return Period.containing(dt.date(year, int(match["month"]), 1), Granularity.MONTH)
            if year < 1:
                return None
            return Period.containing(dt.date(year, 1, 1), Granularity.YEAR)
        except ValueError:
            return None
    match = _FRENCH_DATE.fullmatch(text)
    if match is not None:
        try:
            day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return None
        return Period.containing(day, Granularity.DAY)
    return None


PERIOD_HINT = N_(
    "write 2025 (year), 2025-T1 or 2025-Q1 (quarter), 2025-03 (month) or 2025-03-14 (day)"
)
