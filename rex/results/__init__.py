"""Results: indicator values over time, kept as tables in ``content/results/``.

How to write results files (this text is meant for the people who keep them):

- Put ``.csv`` or ``.xlsx`` files anywhere below ``content/results/`` (any names, sub-folders
  allowed). One row per measurement, with a header row naming the columns:

  ========== ============================= ==================================================
  column     French header accepted        what it holds
  ========== ============================= ==================================================
  indicator  indicateur                    the indicator's id (required)
  service    service                       the service's id (required)
  period     période (or periode)          the period measured (required)
  value      valeur                        the number measured (required)
  location   lieu                          a site of the service, e.g. an annex town hall
  note       commentaire                   a remark
  source     source                        where the value comes from
  ========== ============================= ==================================================

  Columns may come in any order; headers are read without regard to case or accents
  (``Période`` is ``periode``). Any other column is an error, so a misspelt header never
  loses data silently.
- Periods: ``2025`` (a year), ``2025-T1`` or ``2025-Q1`` (a quarter), ``2025-03`` (a month),
  ``2025-03-14`` or ``14/03/2025`` (a day). A series (one indicator, one service, one site)
  keeps one kind of period: mixing months and quarters is warned about.
- Numbers as French Excel writes them are fine: ``12,5`` or ``12.5``, ``1 250`` (spaces or
  no-break spaces between thousands). Write the number only (no ``%``, no ``€``) and leave no
  row with ``n/a``: remove the row instead.
- Excel's "CSV UTF-8" is the best format; ``;`` or ``,`` separators, a BOM and Windows line
  ends are all accepted. A file saved as plain "CSV" (Windows-1252) is read too, with a
  warning explaining how to save it as "CSV UTF-8".
- The same indicator, service, site and period twice (in one file or two) is an error.
- Workbooks (``.xlsx``): every sheet whose first row is such a header is read; other sheets
  are skipped. Dates are read as days, or as months when the cell shows only month and year.
  Problems are reported as ``results/voirie.xlsx:Feuil1:12:3`` (sheet, row, column number).
- A sidecar file with the same name (``gmao.yml`` beside ``gmao.csv``) describes exports
  that do not follow these rules::

      indicator: delai-moyen-intervention   # the same for every row: no column needed
      service: voirie
      columns:                              # the headers your export uses
        period: Mois
        value: "Délai moyen (j)"
      granularity: month                    # dates (14/03/2025) count for their month
      layout: wide                          # one row per indicator or service and one
                                            # column per period (2025-01, 2025-02, …)

  ``indicator``, ``service``, ``location``, ``note`` and ``source`` may be fixed this way.
  In a wide table, an empty cell is a period not measured yet.

Library use: `read_results` reads a corpus's results into a `ResultsSet` (measurements,
diagnostics, files read); `check_results` checks ids against the corpus; `series_status`
compares a series with its targets; `table_schema` describes the CSV format.
"""

from __future__ import annotations

from .checks import check_results
from .model import Measurement, Origin, ResultsSet, Series, SeriesKey, group_series
from .period import Granularity, Period
from .reader import read_results
from .schema import table_schema
from .status import SeriesStatus, State, Target, Trend, meets, select_target, series_status

__all__ = [
    "Granularity",
    "Measurement",
    "Origin",
    "Period",
    "ResultsSet",
    "Series",
    "SeriesKey",
    "SeriesStatus",
    "State",
    "Target",
    "Trend",
    "check_results",
    "group_series",
    "meets",
    "read_results",
    "select_target",
    "series_status",
    "table_schema",
]
