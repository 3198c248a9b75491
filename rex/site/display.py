"""The display (affichage) of each service: its results and its action plan on one A4 page.

Public services show their results and current action plan at the counter; this page is that
poster. On screen it reads as a poster; printed (A4 portrait), the theme's header,
navigation, search and footer are left out (`rex.css`, scoped by the page's ``rex-poster``
class), and the lists are capped so the page always fits on one sheet.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Service
from ..present import NONE, STATE_LABELS, french_date, french_period, measured
from ..report.cycle_sections import series_latest as latest
from ..report.gaps import SeriesGap
from ..results import Period, State
from .cycle import cycle_view
from .render import render
from .routes import display_src, record_src
from .types import Page, SiteContext, page_markdown

#: What fits on one A4 page in the poster's type: more is on the service page.
RESULTS_CAP = 8
ACTIONS_CAP = 6
# Words and a sign for each state, so the poster reads in black and white too.
MARKS = {
    State.MET: "✔",
    State.OFF_TARGET: "✘",
    State.STALE: "…",
    State.NO_TARGET: "",
    State.NO_DATA: "",
}


def display_pages(ctx: SiteContext) -> Iterator[Page]:
    """One display page per service."""
    for service in ctx.corpus.services.values():
        yield display_page(ctx, service)


def display_page(ctx: SiteContext, service: Service) -> Page:
    """The poster of ``service``: "Nos résultats", "Nos actions", the date of the data."""
    here = display_src(service.id)
    view = cycle_view(ctx)
    series = view.by_service.get(service.id, [])
    # Only what is under way or to come: the poster shows commitments, not the archive.
    actions = [a for a in view.actions_by_service.get(service.id, []) if a.is_open]
    results = [
        (
            s.indicator.title + (f" ({s.location})" if s.location else ""),
            latest(s),
            _target(s),
            MARKS[State(s.state)],
            STATE_LABELS[State(s.state)],
            State(s.state).value,
        )
        for s in series[:RESULTS_CAP]
    ]
    plan = [(a.title, a.owner, french_date(a.due) or NONE, a.overdue(ctx.today)) for a in actions][
        :ACTIONS_CAP
    ]
    title = f"Nos résultats — {service.title}"
    html = render(
        "cycle/display.html",
        service=service.title,
        results=results,
        more_results=max(0, len(series) - RESULTS_CAP),
        actions=plan,
        more_actions=max(0, len(actions) - ACTIONS_CAP),
        data_date=_data_date(series),
        today=french_date(ctx.today),
        back=ctx.linker.href(here, record_src(service.kind, service.id)),
    )
    markdown = page_markdown(title, html, hide=("navigation", "toc"))
    return Page(here, title, markdown)


def _target(s: SeriesGap) -> str:
    return measured(s.target, s.unit) if s.target is not None else NONE


def _data_date(series: list[SeriesGap]) -> str:
    """The latest period measured, in words (the date of the data on the poster)."""
    periods = [p for s in series if s.latest_period and (p := Period.parse(s.latest_period))]
    return french_period(max(periods)) if periods else ""
