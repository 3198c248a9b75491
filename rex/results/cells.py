"""Column names and cell values as spreadsheets write them (French headers, decimal commas)."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Final

from ..i18n import _
from .period import Granularity, Period, parse_period

#: The columns of a results file, in the order the schema lists them.
COLUMNS: Final = ("indicator", "service", "location", "period", "value", "note", "source")
REQUIRED: Final = ("indicator", "service", "period", "value")
#: Columns whose value a sidecar may fix for a whole file.
CONSTANT_COLUMNS: Final = ("indicator", "service", "location", "note", "source")
#: Keys of the rows identifying a series in a wide table (everything but period and value).
WIDE_KEYS: Final = CONSTANT_COLUMNS

#: Accepted header names, folded (lowercase, no accents), and the column each one means.
ALIASES: Final = {
    **{name: name for name in COLUMNS},
    "indicateur": "indicator",
    "periode": "period",
    "valeur": "value",
    "lieu": "location",
    "commentaire": "note",
}


def fold(text: str) -> str:
    """Compare headers without case, accents or surrounding spaces (``Période`` is ``periode``)."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Fast path: what most cells are. Spaces around are fine for float().
_PLAIN = re.compile(r"\s*[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)\s*")
# Thousands separated by spaces, as French Excel and LibreOffice write them: 1 250,5.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?")
_UNIT = re.compile(r"[+-]?[\d\s\u00a0\u202f.,]*\d[\d\s\u00a0\u202f.,]*\s*(?:%|€|EUR|j|h|jours?)")


def parse_number(text: str) -> float | None:
    """A finite number from ``12.5``, ``12,5``, ``1 250`` (spaces or no-break spaces); else None."""
    if _PLAIN.fullmatch(text) is not None:
        value = float(text.replace(",", "."))
    else:
        stripped = text.strip(" \t\u00a0\u202f")
        if _GROUPED.fullmatch(stripped) is None:
            return None
        cleaned = stripped.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        value = float(cleaned.replace(",", "."))
    # 400 digits parse as inf.
    return value if math.isfinite(value) else None


def number_problem(text: str) -> tuple[str, str]:
    """The message and hint for a value that `parse_number` refused."""
    shown = text.strip()
    if not shown:
        return _("the value is empty"), _(
            "write a number, or remove the row if there is no measure"
        )
    if _UNIT.fullmatch(shown):
        return (
            _("'{shown}' is not a number (it has a unit)").format(shown=shown),
            _("write the number only: the unit belongs to the indicator"),
        )
    return (
        _("'{shown}' is not a number").format(shown=shown),
        _("write a number such as 12, 12,5 or 1 250 (no text, no n/a; remove the row instead)"),
    )


def cell_number(cell: object) -> float | None:
    """A finite number from a workbook or CSV cell (booleans and dates are not numbers)."""
    if type(cell) is str:
        return parse_number(cell)
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        return None
    value = float(cell)
    return value if math.isfinite(value) else None


def cell_text(cell: object) -> str:
    """The text of a cell, stripped (numbers as written: ``42``, not ``42.0``)."""
    if cell is None:
        return ""
    if type(cell) is str:
        return cell.strip()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    return str(cell).strip()


def cell_period(cell: object, granularity: Granularity | None) -> Period | None:
    """A period from a cell: period text, a date (day unless ``granularity`` says), a year."""
    if type(cell) is str:  # the common case first: every CSV cell
        return _fit(parse_period(cell), granularity)
    if isinstance(cell, Period):  # a workbook date shown as a month
        return _fit(cell, granularity)
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if isinstance(cell, dt.date):
        return Period.containing(cell, granularity or Granularity.DAY)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        # A workbook stores a typed year as the number 2025.
        if not (float(cell).is_integer() and 1000 <= cell <= 9999):
            return None
        return _fit(parse_period(str(int(cell))), granularity)
    return None


def _fit(period: Period | None, granularity: Granularity | None) -> Period | None:
    """Coarsen ``period`` to ``granularity`` when it is shorter (a day into its month)."""
    if period is None or granularity is None or _rank(period.granularity) <= _rank(granularity):
        return period
    return period.coarsen(granularity)


def _rank(granularity: Granularity) -> int:
    """Shorter periods rank higher: a day can be coarsened into a month, not the reverse."""
    return list(Granularity).index(granularity)
