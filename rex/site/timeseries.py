"""A time-series chart drawn at build time as inline SVG: one line per series, targets dashed.

Like `rex.site.charts`, the SVG is computed geometry with every text escaped, returned as
`Markup`. A series of more than `MAX_POINTS` points is drawn from period means (by month,
then quarter, then year) so a page stays light; the table beside the chart keeps every value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..present import count
from ..results import Granularity, Period
from .charts import _svg, _truncate
from .html import number
from .render import escape as esc

MAX_POINTS = 200
WIDTH = 640
HEIGHT = 300
LEFT = 64
RIGHT = 176  # room for the label at the end of each line
TOP = 16
BOTTOM = 34
LABEL_GAP = 14  # the least vertical room between two end labels
# Dark enough for text on white (4.5:1) and told apart by more than hue: each line ends
# with its name, and the table under the chart holds the same values.
PALETTE = (
    "#1f4e9c",
    "#b3261e",
    "#1b7a3e",
    "#8a4f00",
    "#6a1b9a",
    "#00695c",
    "#ad1457",
    "#37474f",
)
TARGET_COLOUR = "#3c4043"
_COARSER = (Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR)
_WORDS = {Granularity.MONTH: "mois", Granularity.QUARTER: "trimestre", Granularity.YEAR: "année"}

Point = tuple[Period, float]


@dataclass(frozen=True)
class Line:
    """One series to draw: its name, its points (sorted by period), its latest value's text."""

    label: str
    points: Sequence[Point]
    latest: str


@dataclass(frozen=True)
class TargetLine:
    """A target drawn as a dashed horizontal line, with its text."""

    value: float
    label: str


def aggregate(
    points: Sequence[Point], limit: int = MAX_POINTS
) -> tuple[list[Point], Granularity | None]:
    """``points`` as they are if they are at most ``limit``, else the means of the first
    coarser granularity (month, quarter, year) that brings them under it; and that
    granularity (None when nothing was aggregated)."""
    if len(points) <= limit:
        return list(points), None
    found: list[Point] = list(points)
    used: Granularity | None = None
    for granularity in _COARSER:
        buckets: dict[Period, list[float]] = {}
        for period, value in points:
            buckets.setdefault(period.coarsen(granularity), []).append(value)
        found = [(p, math.fsum(v) / len(v)) for p, v in sorted(buckets.items())]
        used = granularity
        if len(found) <= limit:
            break
    return found, used


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round values between ``low`` and ``high`` for the vertical axis."""
    raw = (high - low) / count or 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(count + 2) if first + i * step <= high + 1e-9]


def _spread(wanted: list[float], low: float, high: float) -> list[float]:
    """End-label positions near ``wanted`` but at least `LABEL_GAP` apart, within the box."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [0.0] * len(wanted)
    previous = low - LABEL_GAP
    for i in order:
        previous = placed[i] = max(wanted[i], previous + LABEL_GAP)
    overflow = previous - high
    if overflow > 0:  # push the whole stack up, as far as the top allows
        for i in order:
            placed[i] = max(low, placed[i] - overflow)
    return placed


def time_series_chart(
    chart_id: str,
    title: str,
    unit: str,
    lines: Sequence[Line],
    targets: Sequence[TargetLine] = (),
) -> Markup:
    """An SVG line chart of ``lines`` over time, targets as dashed lines, with a text
    alternative (title and description) that names each series' latest value."""
    drawn = [(line, *aggregate(line.points)) for line in lines]
    periods = [p for _, points, _ in drawn for p, _ in points]
    values = [v for _, points, _ in drawn for _, v in points] + [t.value for t in targets]
    if not periods:
        return Markup()
    start = min(p.start for p in periods)
    end = max(p.start for p in periods)
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    if min(values) >= 0 > low:
        low = 0.0
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    days = (end - start).days or 1

    def x(day: dt.date) -> float:
        return round(LEFT + (day - start).days / days * inner_w, 1)

    def y(value: float) -> float:
        return round(TOP + (high - value) / (high - low) * inner_h, 1)

    parts = [_svg(chart_id, HEIGHT, title, _describe(unit, drawn, targets))]
    for tick in _ticks(low, high):
        parts += [
            f'<line x1="{LEFT}" y1="{y(tick)}" x2="{WIDTH - RIGHT}" y2="{y(tick)}" '
            'stroke="#dadce0"/>',
            f'<text x="{LEFT - 6}" y="{y(tick) + 4}" text-anchor="end" '
            f'class="rex-chart__axis">{esc(number(tick))}</text>',
        ]
    parts += _time_axis(start, end, x)
    for t in targets:
        parts += [
            f'<line x1="{LEFT}" y1="{y(t.value)}" x2="{WIDTH - RIGHT}" y2="{y(t.value)}" '
            f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4" '
            'class="rex-chart__target"/>',
            f'<text x="{LEFT + 4}" y="{y(t.value) - 4}" class="rex-chart__axis rex-chart__halo">'
            f"{esc(_truncate(t.label, 48))}</text>",
        ]
    ends: list[float] = []
    for i, (_, points, _) in enumerate(drawn):
        colour = PALETTE[i % len(PALETTE)]
        path = " ".join(f"{x(p.start)},{y(v)}" for p, v in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2" '
            'stroke-linejoin="round"/>'
        )
        if len(points) <= 40:  # few points: show each one
            parts += [
                f'<circle cx="{x(p.start)}" cy="{y(v)}" r="2.5" fill="{colour}"/>'
                for p, v in points
            ]
        ends.append(y(points[-1][1]))
    for i, ((line, points, _), label_y) in enumerate(
        zip(drawn, _spread(ends, TOP + 4, HEIGHT - BOTTOM), strict=True)
    ):
        colour = PALETTE[i % len(PALETTE)]
        last_x = x(points[-1][0].start)
        parts += [
            f'<circle cx="{last_x}" cy="{ends[i]}" r="4" fill="{colour}"/>',
            f'<text x="{WIDTH - RIGHT + 8}" y="{label_y + 4}" fill="{colour}" '
            f'class="rex-chart__end">{esc(_truncate(f"{line.latest} · {line.label}", 26))}</text>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))


def _time_axis(start: dt.date, end: dt.date, x: Callable[[dt.date], float]) -> list[str]:
    """The horizontal axis: a tick at each 1st of January, or the first and last dates."""
    base = HEIGHT - BOTTOM
    parts = [f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#9aa0a6"/>']
    years = [dt.date(year, 1, 1) for year in range(start.year + 1, end.year + 1)]
    step = max(1, len(years) // 8)
    marks = [(day, str(day.year)) for day in years[::step]]
    if len(marks) < 2:
        marks = [(start, _month(start)), (end, _month(end))]
    for day, text in marks:
        parts += [
            f'<line x1="{x(day)}" y1="{base}" x2="{x(day)}" y2="{base + 5}" stroke="#9aa0a6"/>',
            f'<text x="{x(day)}" y="{base + 18}" text-anchor="middle" class="rex-chart__axis">'
            f"{esc(text)}</text>",
        ]
    return parts


def _month(day: dt.date) -> str:
    return f"{day.month:02d}/{day.year}"


def _describe(
    unit: str,
    drawn: Sequence[tuple[Line, list[Point], Granularity | None]],
    targets: Sequence[TargetLine],
) -> str:
    """The chart in words: each series' latest value, the targets, any aggregation."""
    latest = " ; ".join(f"{line.label} : {line.latest}" for line, _, _ in drawn)
    text = f"{count(len(drawn), 'série')} en {unit}. Dernières valeurs : {latest}."
    if targets:
        text += " Objectifs (lignes en tirets) : " + " ; ".join(t.label for t in targets) + "."
    means = sorted({_WORDS[g] for _, _, g in drawn if g is not None})
    if means:
        text += f" Séries longues dessinées par moyenne ({', '.join(means)})."
    return text + " Toutes les valeurs figurent dans le tableau qui suit."


def values_table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> Markup:
    """The table of every value beside a chart: ``rex.site.html.table(caption, headers, rows,
    compact=True)`` written here, as the chart is (its template's work per cell was most of
    an indicator page's cost); every cell is escaped."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join(
        f'<tr><th scope="row">{esc(row[0])}</th>'
        + "".join([f"<td>{esc(cell)}</td>" for cell in row[1:]])
        + "</tr>"
        for row in rows
    )
    return Markup(
        f"<table data-rex-compact><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )
