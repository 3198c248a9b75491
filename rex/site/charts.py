"""Charts rendered at build time as inline SVG: no script, no outside request.

The one part of the pages still written in code: an SVG is mostly numbers computed here
(positions, lengths), which a template would only receive ready-made. Every text a chart
embeds (titles, labels, units, ids, colours) goes through `escape`, and each chart is
returned as `Markup`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .html import number
from .render import escape as esc

WIDTH = 640
ROW = 28
LEFT = 230
RIGHT = 24
TOP = 34
COLOURS = {True: "#1b7a3e", False: "#b3261e", None: "#5f6368"}


@dataclass(frozen=True)
class Span:
    """One before -> after pair drawn as a line from a hollow dot to a filled dot."""

    label: str
    before: float
    after: float
    better: bool | None


def _truncate(text: str, size: int = 34) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def before_after_chart(chart_id: str, title: str, unit: str, spans: Sequence[Span]) -> Markup:
    """An SVG 'dumbbell' chart of before -> after values, with a text alternative.

    Colours repeat what the text says (better/worse is also in the data table), so the chart
    never carries information by colour alone.
    """
    values = [v for s in spans for v in (s.before, s.after)] or [0.0]
    # A dumbbell compares positions, not lengths: zoom on the data rather than start at 0.
    pad = (max(values) - min(values)) * 0.05 or abs(max(values)) * 0.05 or 1.0
    low, high = min(values) - pad, max(values) + pad
    if min(values) >= 0 > low:
        low = 0.0
    span = high - low
    inner = WIDTH - LEFT - RIGHT
    height = TOP + ROW * len(spans) + 10

    def x(value: float) -> float:
        return round(LEFT + (value - low) / span * inner, 1)

    better = sum(1 for s in spans if s.better)
    worse = sum(1 for s in spans if s.better is False)
    desc = (
        f"{len(spans)} mesures avant → après en {unit} : {better} en amélioration, "
        f"{worse} en dégradation. Les valeurs figurent dans le tableau qui suit."
    )
    parts = [
        _svg(chart_id, height, title, desc),
        f'<text x="{LEFT}" y="14" class="rex-chart__axis">{esc(number(low))} {esc(unit)}</text>',
        f'<text x="{WIDTH - RIGHT}" y="14" text-anchor="end" class="rex-chart__axis">'
        f"{esc(number(high))} {esc(unit)}</text>",
        f'<line x1="{LEFT}" y1="22" x2="{WIDTH - RIGHT}" y2="22" stroke="#9aa0a6"/>',
    ]
    for i, s in enumerate(spans):
        y = TOP + ROW * i + ROW / 2
        colour = COLOURS[s.better]
        parts += [
            f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end" class="rex-chart__label">'
            f"{esc(_truncate(s.label))}</text>",
            f'<line x1="{x(s.before)}" y1="{y}" x2="{x(s.after)}" y2="{y}" '
            f'stroke="{colour}" stroke-width="3"/>',
            f'<circle cx="{x(s.before)}" cy="{y}" r="5" fill="#fff" stroke="{colour}" '
            'stroke-width="2"/>',
            f'<circle cx="{x(s.after)}" cy="{y}" r="5" fill="{colour}"/>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))


def _svg(chart_id: str, height: int | float, title: str, desc: str) -> str:
    """The opening of a chart: its box, and its title and description for screen readers."""
    ident = esc(chart_id)
    return (
        f'<svg class="rex-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(desc)}</desc>'
    )


BAR = 16
VALUE_SPACE = 90  # room after the longest bar for its value ("100 % (12 sur 12)")
NEUTRAL = "#3f51b5"


@dataclass(frozen=True)
class Series:
    """One series of a bar chart: its name in the legend and its colour."""

    label: str
    colour: str = NEUTRAL


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: a label, one value per series (stacked), the text after it."""

    label: str
    values: tuple[float, ...]
    text: str


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    bars: Sequence[Bar],
    series: Sequence[Series] = (Series(""),),
    maximum: float | None = None,
) -> Markup:
    """Horizontal bars, stacked when there are several series, with a text alternative.

    ``desc`` says in words what the chart shows; ``maximum`` fixes the scale (e.g. 100 for
    shares in percent), else the longest bar fills the width. Each bar ends with its ``text``
    and a legend names the series, so no value is carried by length or colour alone.
    """
    legend = len(series) > 1
    top = 26 if legend else 6
    height = top + ROW * len(bars) + 6
    scale = maximum or max((sum(max(v, 0) for v in b.values) for b in bars), default=0) or 1.0
    inner = WIDTH - LEFT - RIGHT - VALUE_SPACE
    parts = [
        _svg(chart_id, height, title, desc),
    ]
    if legend:
        x = float(LEFT)
        for s in series:
            parts += [
                f'<rect x="{x}" y="4" width="12" height="12" fill="{esc(s.colour)}"/>',
                f'<text x="{x + 16}" y="14" class="rex-chart__label">{esc(s.label)}</text>',
            ]
            x += 32 + 7 * len(s.label)  # about 7 px a character at the chart's 13 px
    parts.append(f'<line x1="{LEFT}" y1="{top}" x2="{LEFT}" y2="{height - 6}" stroke="#9aa0a6"/>')
    for i, bar in enumerate(bars):
        y = top + ROW * i + (ROW - BAR) / 2
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + BAR / 2 + 4}" text-anchor="end" '
            f'class="rex-chart__label">{esc(_truncate(bar.label))}</text>'
        )
        x = float(LEFT)
        for value, s in zip(bar.values, series, strict=True):
            width = round(max(value, 0) / scale * inner, 1)
            if width > 0:
                # A white edge keeps adjacent segments apart where colours are hard to tell.
                parts.append(
                    f'<rect x="{round(x, 1)}" y="{y}" width="{width}" height="{BAR}" '
                    f'fill="{esc(s.colour)}" stroke="#fff" stroke-width="1"/>'
                )
            x += width
        parts.append(
            f'<text x="{round(x + 6, 1)}" y="{y + BAR / 2 + 4}" class="rex-chart__label">'
            f"{esc(bar.text)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
