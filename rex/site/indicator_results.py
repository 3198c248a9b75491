"""The "Résultats" section of an indicator page: a time-series chart of its series, the
latest value of each against its target, and every value as tables."""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from ..models import Indicator
from ..present import count, french_period, measured, number
from ..report.cycle_sections import series_gap as gap
from ..report.cycle_sections import series_latest as latest
from ..report.cycle_sections import series_target as target
from ..report.cycle_sections import series_trend as trend
from ..report.gaps import SeriesGap
from .cycle import cycle_view, ref_link, state_badge
from .html import links, table
from .render import render
from .timeseries import Line, TargetLine, time_series_chart, values_table
from .types import SiteContext

#: Series drawn on one chart; the table of latest values lists more (`LIST_CAP`).
CHART_LINES = 8
LIST_CAP = 25
TARGET_LINES = 4


def indicator_results(ctx: SiteContext, indicator: Indicator, here: str) -> Markup:
    """The chart, the latest values and the data of ``indicator``'s results."""
    series = cycle_view(ctx).by_indicator.get(indicator.id, [])
    if not series:
        return render("cycle/indicator-results.html", chart=Markup(), latest=Markup(), data="")
    shown = series[:CHART_LINES]
    points = [ctx.corpus.series[(s.indicator.id, s.service.id, s.location)].points for s in shown]
    of = f" ({len(shown)} séries sur {len(series)})" if len(shown) < len(series) else ""
    chart = time_series_chart(
        f"resultats-{indicator.id}",
        f"{indicator.title} : résultats par service en {indicator.unit}{of}",
        indicator.unit,
        [Line(_name(s), p, _short(s)) for s, p in zip(shown, points, strict=True)],
        _targets(shown),
    )
    href = partial(links, ctx.linker, here)
    sites = any(s.location for s in series)
    rows = [
        (
            href([ref_link(s.service)]),
            *((s.location or "",) if sites else ()),
            latest(s),
            target(s),
            gap(s),
            state_badge(s.state),
            trend(s),
        )
        for s in series[:LIST_CAP]
    ]
    headers = ["Service", *(["Lieu"] if sites else []), "Dernière valeur", "Objectif", "Écart"]
    latest_table = table(
        f"Dernière valeur de chaque série en {indicator.unit}",
        [*headers, "État", "Tendance"],
        rows,
    )
    # One row per period and one column per series: the series read side by side, and the
    # table stays a fraction of the size of one table per series.
    values = [dict(p) for p in points]
    periods = sorted({period for p in points for period, _ in p})
    data = values_table(
        f"Toutes les valeurs des séries du graphique, en {indicator.unit}",
        ["Période", *(_name(s) for s in shown)],
        [(french_period(period), *(_value(v.get(period)) for v in values)) for period in periods],
    )
    left = len(series) - LIST_CAP
    more = count(left, "autre série", "autres séries") if left > 0 else ""
    return render(
        "cycle/indicator-results.html", chart=chart, latest=latest_table, data=data, more=more
    )


def _value(value: float | None) -> str:
    return "—" if value is None else number(value)


def _name(s: SeriesGap) -> str:
    return f"{s.service.title} ({s.location})" if s.location else s.service.title


def _short(s: SeriesGap) -> str:
    return number(s.latest) if s.latest is not None else "—"


def _targets(series: list[SeriesGap]) -> list[TargetLine]:
    """One dashed line per target value, naming the services it applies to when they differ."""
    groups: dict[float, list[SeriesGap]] = {}
    for s in series:
        if s.target is not None:
            groups.setdefault(s.target, []).append(s)
    # The target most series share goes unnamed; the others name the series they apply to.
    ranked = sorted(groups.items(), key=lambda item: -len(item[1]))[:TARGET_LINES]
    found = []
    for i, (value, members) in enumerate(ranked):
        names = "" if i == 0 else " " + ", ".join(dict.fromkeys(_name(m) for m in members))
        found.append(TargetLine(value, f"objectif{names} : {measured(value, members[0].unit)}"))
    return found
