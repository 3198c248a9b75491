"""The improvement cycle in the report's sections: action plans, results against their
targets, and the gap analysis (pistes d'amélioration), in words from `rex.present`.

`cycle_sections(report)` adds these to the health report (text, Markdown and the site's
dashboard walk them like the others); `gap_document(analysis)` is `rex gaps` on its own.
"""

from __future__ import annotations

from ..models import ActionStatus
from ..present import (
    ACTION_STATUS_LABELS,
    NONE,
    STATE_LABELS,
    TREND_LABELS,
    count,
    french_date,
    french_period,
    measured,
    number,
    signed_number,
    signed_percent,
)
from ..results import State, Trend
from .blocks import Block, Cell, Document, Items, Paragraph, Part, Piece, Section, Table
from .cycle import CAPITALISATION_DAYS, ActionHealth
from .gaps import Candidate, GapAnalysis, SeriesGap
from .health import HealthReport

EVIDENCE_LABELS = {"high": "élevé", "moderate": "modéré", "low": "faible", "none": "aucun"}
GAPS_TITLE = "Analyse des écarts"
SERIES_HEADERS = (
    "Dernière valeur",
    "Précédente",
    "Tendance",
    "Objectif",
    "État",
)
CANDIDATE_HEADERS = (
    "Bonne pratique",
    "Niveau de preuve",
    "REX en amélioration",
    "Variation médiane",
    "Retours d'expérience",
)


def cycle_sections(report: HealthReport) -> tuple[Section, ...]:
    """The action plans, the results and the gap analysis of ``report``."""
    return (_actions(report.actions), _results(report.results), _gaps(report.results))


def gap_document(analysis: GapAnalysis) -> Document:
    """`rex gaps`: the results against their targets, then what could close each gap."""
    intro = Paragraph(
        f"État au {french_date(analysis.today)} : chaque série de résultats (un indicateur, "
        "un service) comparée à son objectif, puis, pour chaque objectif non atteint, les "
        "actions déjà engagées et les bonnes pratiques à envisager, les mieux prouvées d'abord."
    )
    return Document(GAPS_TITLE, (intro,), (_results(analysis), _gaps(analysis)))


def _late(days: int) -> str:
    return count(days, "jour")


# Records in lists of actions and series go in tables, one record per cell: a link alone in
# its cell, rather than inside a sentence, is easy to tell from the text around it.
def _actions(health: ActionHealth) -> Section:
    table = Table(
        "Actions par statut",
        ("Statut", "Nombre"),
        tuple((ACTION_STATUS_LABELS[s], number(health.status[s.value])) for s in ActionStatus),
    )
    overdue = Table(
        "Actions en retard, la plus en retard d'abord",
        ("Action", "Échéance", "Retard", "Pilote"),
        tuple((i.record, french_date(i.due), _late(i.days), i.owner) for i in health.overdue),
        grows=True,
    )
    uncapitalised = Table(
        "Actions réalisées sans retour d'expérience, la plus ancienne d'abord",
        ("Action", "Réalisée le", "Depuis", "Pilote"),
        tuple(
            (i.record, french_date(i.done), _late(i.days), i.owner) for i in health.uncapitalised
        ),
        grows=True,
    )
    n, m = len(health.overdue), len(health.uncapitalised)
    return Section(
        "Plans d'action",
        (
            table,
            Part(f"Actions en retard ({n})", (overdue if n else Items(()),)),
            Part(
                f"Actions réalisées depuis plus de {CAPITALISATION_DAYS} jours sans retour "
                f"d'expérience ({m})",
                (uncapitalised if m else Items(()),),
            ),
        ),
    )


def _latest(s: SeriesGap) -> str:
    if s.latest is None:
        return NONE
    return f"{measured(s.latest, s.unit)} ({french_period(s.latest_period)})"


def _target(s: SeriesGap) -> str:
    if s.target is None:
        return NONE
    by = f" d'ici {french_period(s.target_by)}" if s.target_by else ""
    return measured(s.target, s.unit) + by


def _delta(value: float, unit: str) -> str:
    # A change of a percentage is in points: "−5 points", so it is not read as a relative −5 %.
    return f"{signed_number(value)} {'points' if unit == '%' else unit}"


def _gap(s: SeriesGap) -> str:
    if s.gap is None:
        return NONE
    return f"{_delta(s.gap, s.unit)} ({signed_percent(s.gap_percent)})"


def _trend(s: SeriesGap) -> str:
    label = TREND_LABELS[Trend(s.trend)]
    return label if s.change is None else f"{label} ({_delta(s.change, s.unit)})"


def _where(s: SeriesGap, sites: bool) -> tuple[Cell, ...]:
    # The site gets its own column (only in tables that have one): a link alone in its cell.
    return (s.indicator, s.service, *((s.location or NONE,) if sites else ()))


def _heads(sites: bool, *rest: str) -> tuple[str, ...]:
    return ("Indicateur", "Service", *(("Lieu",) if sites else ()), *rest)


def _results(analysis: GapAnalysis) -> Section:
    title = "Résultats et objectifs"
    series = analysis.series
    if not series:
        return Section(title, (Paragraph("Aucun résultat dans results/."),))
    tally = [
        f"{STATE_LABELS[state]} : {number(len(analysis.by_state(state)))}"
        for state in (State.MET, State.OFF_TARGET, State.STALE, State.NO_TARGET)
    ]
    summary = Paragraph(
        f"{count(len(series), 'série', 'séries')} de résultats (un indicateur pour un "
        f"service) ; {' ; '.join(tally)}. Un résultat non à jour qui manque son objectif est "
        "aussi compté parmi les objectifs non atteints."
    )
    off = sorted((s for s in series if s.off_target), key=lambda s: -abs(s.gap_percent or 0.0))
    stale = [s for s in series if s.state == State.STALE]
    sites = any(s.location for s in series)
    # The most off target first: a cap keeps the gaps that matter most.
    blocks: list[Block | Part] = [
        summary,
        Part(
            f"Objectifs non atteints ({len(off)})",
            (
                Table(
                    "Objectifs non atteints, du plus grand écart au plus petit",
                    _heads(sites, "Dernière valeur", "Objectif", "Écart", "Tendance"),
                    tuple(
                        (*_where(s, sites), _latest(s), _target(s), _gap(s), _trend(s)) for s in off
                    ),
                    grows=True,
                )
                if off
                else Items(()),
            ),
        ),
        Part(
            f"Résultats non à jour ({len(stale)})",
            (
                Table(
                    "Séries sans valeur pour la dernière période terminée",
                    _heads(sites, "Dernière période", "Période attendue"),
                    tuple(
                        (
                            *_where(s, sites),
                            french_period(s.latest_period),
                            french_period(s.expected_period),
                        )
                        for s in stale
                    ),
                    grows=True,
                )
                if stale
                else Items(()),
            ),
        ),
        Part(
            "Dernières valeurs par service et indicateur",
            (
                Table(
                    "Dernière valeur, valeur précédente, tendance et objectif de chaque série",
                    _heads(sites, *SERIES_HEADERS),
                    tuple(_series_row(s, sites) for s in series),
                    grows=True,
                ),
            ),
        ),
    ]
    return Section(title, tuple(blocks))


def _series_row(s: SeriesGap, sites: bool) -> tuple[Cell, ...]:
    previous = NONE if s.previous is None else measured(s.previous, s.unit)
    state = STATE_LABELS[State(s.state)]
    return (*_where(s, sites), _latest(s), previous, _trend(s), _target(s), state)


def _gaps(analysis: GapAnalysis) -> Section:
    title = "Pistes d'amélioration"
    off = sorted(
        (s for s in analysis.series if s.off_target), key=lambda s: -abs(s.gap_percent or 0.0)
    )
    if not off:
        return Section(title, (Paragraph("Aucun objectif non atteint."),))
    return Section(title, tuple(_gap_part(s) for s in off))


def _gap_part(s: SeriesGap) -> Part:
    where = f" ({s.location})" if s.location else ""
    facts = Paragraph(
        f"Dernière valeur : {_latest(s)} ; objectif : {_target(s)} ; écart : {_gap(s)} ; "
        f"tendance : {_trend(s)}."
    )
    actions: Block = (
        Table(
            "Actions engagées sur cet indicateur pour ce service",
            ("Action", "Statut", "Pilote", "Échéance"),
            tuple(
                (
                    a.record,
                    ACTION_STATUS_LABELS[ActionStatus(a.status)],
                    a.owner,
                    (french_date(a.due) if a.due else NONE) + (" (en retard)" if a.overdue else ""),
                )
                for a in s.actions
            ),
        )
        if s.actions
        else Paragraph("Aucune action en cours ne vise cet indicateur pour ce service.")
    )
    practices: Block = (
        Table(
            "Bonnes pratiques à envisager, les mieux prouvées d'abord",
            CANDIDATE_HEADERS,
            tuple(_candidate_row(c) for c in s.practices),
            grows=True,
        )
        if s.practices
        else Paragraph(
            "Aucune autre bonne pratique du référentiel ne vise cet indicateur : "
            "un retour d'expérience d'une autre collectivité serait le bienvenu."
        )
    )
    return Part(
        f"{s.indicator.title} — {s.service.title}{where}",
        (
            facts,
            Paragraph(f"Actions engagées ({len(s.actions)}) :"),
            actions,
            Paragraph(f"Bonnes pratiques à envisager ({len(s.practices)}) :"),
            practices,
        ),
    )


def _candidate_row(c: Candidate) -> tuple[Cell, ...]:
    # Each REX with the change it measured on the indicator, one after the other in the cell.
    behind: list[Piece] = []
    for e in c.rex_list:
        behind.append(e.record)
        if e.relative_change is not None:
            behind.append(f"({signed_percent(100 * e.relative_change)})")
    median = c.median_relative_change
    return (
        c.practice,
        EVIDENCE_LABELS[c.evidence],
        f"{c.improved} sur {c.measured}" if c.measured else NONE,
        NONE if median is None else signed_percent(100 * median),
        tuple(behind) or NONE,
    )
