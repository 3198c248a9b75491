"""The improvement cycle on a service page: "Résultats" (each series against its target),
"Plan d'action" (its actions, late ones marked) and "Pistes d'amélioration" (for each missed
target, the actions already aimed at it and the practices to consider, best evidence first).

Lists are capped so a page's size does not grow with the corpus.
"""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from ..models import Action, ActionStatus, Service
from ..present import (
    ACTION_STATUS_LABELS,
    NONE,
    PRIORITY_LABELS,
    count,
    french_date,
    signed_percent,
)
from ..report.cycle_sections import EVIDENCE_LABELS
from ..report.cycle_sections import series_gap as gap
from ..report.cycle_sections import series_latest as latest
from ..report.cycle_sections import series_target as target
from ..report.cycle_sections import series_trend as trend
from ..report.gaps import Candidate, SeriesGap
from .cycle import action_badge, action_link, cycle_view, due, due_label, ref_link, state_badge
from .html import links, table
from .render import block, render
from .routes import display_src
from .types import SiteContext

LIST_CAP = 50
#: Missed targets shown in "Pistes d'amélioration", largest gap first; every series is in
#: "Résultats" above.
IDEAS_CAP = 5
SITES_CAP = 10
PRACTICES_CAP = 3
REX_CAP = 3


def service_cycle(ctx: SiteContext, service: Service, here: str) -> list[str]:
    """The Markdown headings and HTML blocks of the three sections, in order."""
    view = cycle_view(ctx)
    series = view.by_service.get(service.id, [])
    actions = view.actions_by_service.get(service.id, [])
    link_to = partial(links, ctx.linker, here)
    display = ctx.linker.href(here, display_src(service.id))
    return [
        "## Résultats",
        block(render("cycle/display-link.html", url=display), _results(series, link_to)),
        "## Plan d'action",
        _plan(ctx, actions, link_to),
        "## Pistes d'amélioration",
        _ideas(ctx, series, link_to),
    ]


#: Links from the page being written: ``link_to([Link, ...])``.
Linker = partial[Markup]


def _results(series: list[SeriesGap], link_to: Linker) -> Markup:
    if not series:
        return render("cycle/empty.html", text="Aucun résultat publié pour ce service.")
    sites = any(s.location for s in series)
    rows = [
        (
            link_to([ref_link(s.indicator)]),
            *((s.location or "",) if sites else ()),
            latest(s),
            target(s),
            state_badge(s.state),
            trend(s),
        )
        for s in series[:LIST_CAP]
    ]
    heads = ["Indicateur", *(["Lieu"] if sites else []), "Dernière valeur", "Objectif"]
    return block(
        table("Dernière valeur de chaque indicateur", [*heads, "État", "Tendance"], rows),
        _rest(len(series), LIST_CAP, "autre série", "autres séries"),
    )


def _plan(ctx: SiteContext, actions: list[Action], link_to: Linker) -> Markup:
    if not actions:
        return render("cycle/empty.html", text="Aucune action enregistrée pour ce service.")
    rows = [
        (
            link_to([action_link(a)]),
            action_badge(a.status),
            a.owner,
            due(a, ctx.today),
            PRIORITY_LABELS[a.priority] if a.priority else "—",
        )
        for a in actions[:LIST_CAP]
    ]
    return block(
        table(
            "Actions du service, les prochaines échéances d'abord",
            ["Action", "Statut", "Pilote", "Échéance", "Priorité"],
            rows,
        ),
        _rest(len(actions), LIST_CAP, "autre action", "autres actions"),
    )


def _ideas(ctx: SiteContext, series: list[SeriesGap], link_to: Linker) -> Markup:
    off = sorted((s for s in series if s.off_target), key=lambda s: -abs(s.gap_percent or 0.0))
    if not off:
        return render("cycle/empty.html", text="Tous les objectifs mesurés sont atteints.")
    # One part per indicator: its sites share the actions and the practices to consider.
    groups: dict[str, list[SeriesGap]] = {}
    for s in off:
        groups.setdefault(s.indicator.id, []).append(s)
    parts = [_idea(members, link_to) for members in list(groups.values())[:IDEAS_CAP]]
    more = _rest(len(groups), IDEAS_CAP, "autre indicateur", "autres indicateurs")
    return block(*parts, more)


def _facts(s: SeriesGap) -> str:
    where = f"{s.location} : d" if s.location else "D"
    return (
        f"{where}ernière valeur : {latest(s)} ; objectif : {target(s)} ; écart : {gap(s)} ; "
        f"tendance : {trend(s)}."
    )


def _idea(members: list[SeriesGap], link_to: Linker) -> Markup:
    s = members[0]
    rows = [
        (
            link_to([ref_link(a.record)]),
            ACTION_STATUS_LABELS[ActionStatus(a.status)],
            a.owner,
            due_label(french_date(a.due) or NONE, a.overdue),
        )
        for a in s.actions
    ]
    actions = (
        table(
            f"Actions déjà engagées sur « {s.indicator.title} »",
            ["Action", "Statut", "Pilote", "Échéance"],
            rows,
        )
        if rows
        else Markup()
    )
    candidates = [_candidate(c, link_to) for c in s.practices[:PRACTICES_CAP]]
    practices = (
        table(
            f"Bonnes pratiques à envisager pour « {s.indicator.title} », les mieux prouvées "
            "d'abord",
            ["Bonne pratique", "Niveau de preuve", "REX en amélioration", "Retours d'expérience"],
            candidates,
        )
        if candidates
        else Markup()
    )
    more = len(s.practices) - PRACTICES_CAP
    sites = len(members) - SITES_CAP
    return render(
        "cycle/idea.html",
        title=s.indicator.title,
        facts=[_facts(m) for m in members[:SITES_CAP]],
        more_sites=count(sites, "autre lieu", "autres lieux") if sites > 0 else "",
        actions=actions,
        practices=practices,
        more=count(more, "autre") if more > 0 else "",
    )


def _candidate(c: Candidate, link_to: Linker) -> tuple[Markup | str, ...]:
    shown = c.rex_list[:REX_CAP]
    rex: list[Markup] = []
    for e in shown:
        relative = e.relative_change
        change = "" if relative is None else f" ({signed_percent(100 * relative)})"
        rex.append(Markup("{}{}").format(link_to([ref_link(e.record)]), change))
    more = len(c.rex_list) - len(shown)
    return (
        link_to([ref_link(c.practice)]),
        EVIDENCE_LABELS[c.evidence],
        f"{c.improved} sur {c.measured}" if c.measured else "—",
        render("cycle/rex-cell.html", rex=rex, more=count(more, "autre") if more else ""),
    )


def _rest(total: int, cap: int, one: str, many: str) -> Markup:
    if total <= cap:
        return Markup()
    return render("cycle/rest.html", more=count(total - cap, one, many))


__all__ = ["service_cycle"]
