"""What the health report shows, in order, in words: one definition for every rendering.

`report_sections(report)` turns a `HealthReport` into a `Document` of sections, tables, lists
and charts whose text is final (French, from `rex.present`) but not yet marked up. The text
and Markdown renderings (`rex.report.text`, `rex.report.markdown`) and the site's dashboard
(`rex.site.dashboard`) each walk the same document, so they show the same sections with the
same words; only the markup, links, charts and caps differ.
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..models import Direction, Kind, Outcome, Status
from ..present import (
    DIRECTION_SHORT,
    NONE,
    OUTCOME_LABELS,
    OUTCOME_PLURALS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    count,
    french_date,
    kind_label,
    number,
    percent,
    plural,
    share,
    signed_number,
)
from .blocks import (
    NO_GAP,
    Bar,
    Bars,
    Block,
    Cell,
    Document,
    Items,
    Lines,
    Paragraph,
    Part,
    Piece,
    Section,
    Table,
)
from .cycle_sections import cycle_sections
from .health import HealthReport, IndicatorStats, PracticeStats

TITLE = "Tableau de bord"
CONTEXT = "Contexte des retours d'expérience"
KINDS = (Kind.PRACTICE, Kind.REX, Kind.INDICATOR, Kind.SERVICE)
DATA_NOTE = "Les valeurs figurent dans le tableau qui suit."
DATED, DATED_PLURAL = "retour d'expérience daté", "retours d'expérience datés"
DOCUMENTED = ("bonne pratique documentée", "bonnes pratiques documentées")


def report_sections(report: HealthReport, *, validation: bool = True) -> Document:
    """What ``report`` shows, in order; ``validation=False`` leaves out the validation counts."""
    first = (_volumes(report), _gaps(report), _indicators(report), _practices(report))
    return Document(
        TITLE, _intro(report, validation), (*first, _context(report), *cycle_sections(report))
    )


def _intro(report: HealthReport, validation: bool) -> tuple[Paragraph, ...]:
    v = report.validation
    total = sum(report.counts.kinds.values())
    state = f"État au {french_date(report.today)} : {count(total, 'fiche')}"
    if validation:
        errors = count(v["errors"], *SEVERITY_LABELS[Severity.ERROR])
        warnings = count(v["warnings"], *SEVERITY_LABELS[Severity.WARNING])
        state += f" ; {errors} et {warnings} à la validation"
    return (
        Paragraph(state + "."),
        Paragraph(
            "Où la capitalisation est solide, où elle manque : volumes, points d'attention, "
            "résultats mesurés par indicateur et niveau de preuve des bonnes pratiques. Les "
            "fiches retirées sont comptées mais ne servent ni de preuve ni de point d'attention."
        ),
    )


def _volumes(report: HealthReport) -> Section:
    c = report.counts
    kinds = (Kind.PRACTICE, Kind.REX)
    blocks: list[Block | Part] = [
        Table(
            "Fiches par type",
            ("Type de fiche", "Nombre"),
            tuple((kind_label(k, 2), number(c.kinds[k.value])) for k in KINDS),
        ),
        Part(
            "Par statut",
            (
                Table(
                    "Fiches par statut",
                    ("Type de fiche", *STATUS_LABELS.values()),
                    tuple(
                        (kind_label(k, 2), *(number(c.status[k.value][s.value]) for s in Status))
                        for k in kinds
                    ),
                ),
            ),
        ),
        Part(
            "Par résultat",
            (
                Table(
                    "Retours d'expérience par résultat",
                    ("Résultat", "Nombre"),
                    tuple((OUTCOME_LABELS[o], number(c.outcome[o.value])) for o in Outcome),
                ),
            ),
        ),
    ]
    practices, rexes = c.years[Kind.PRACTICE.value], c.years[Kind.REX.value]
    years = sorted(set(practices) | set(rexes))
    if years:
        chart = Bars(
            "rex-par-annee",
            "Retours d'expérience par année",
            f"{count(sum(rexes.values()), DATED, DATED_PLURAL)} de {years[0]} à {years[-1]}. "
            + DATA_NOTE,
            tuple(Bar(str(y), (float(rexes.get(y, 0)),), number(rexes.get(y, 0))) for y in years),
        )
        table = Table(
            "Fiches par année",
            ("Année", "Bonnes pratiques créées", "Retours d'expérience"),
            tuple((str(y), number(practices.get(y, 0)), number(rexes.get(y, 0))) for y in years),
        )
        blocks.append(Part("Par année", (chart, table)))
    if c.services:
        # The most documented services first, so a cap drops the least useful rows.
        ranked = sorted(c.services, key=lambda s: (-s.practices, -s.rex, s.record.title))
        table = Table(
            "Fiches par service",
            ("Service", "Indicateurs", "Bonnes pratiques", "Retours d'expérience"),
            tuple(
                (s.record, number(s.indicators), number(s.practices), number(s.rex)) for s in ranked
            ),
            grows=True,
        )
        blocks.append(Part("Par service", (table,)))
    return Section("Volumes", tuple(blocks))


def _gaps(report: HealthReport) -> Section:
    g = report.gaps
    lists: list[tuple[str, tuple[Cell, ...]]] = [
        ("Bonnes pratiques sans retour d'expérience", tuple(g.practices_without_rex)),
        ("Indicateurs visés par aucune bonne pratique", tuple(g.untargeted_indicators)),
        ("Services sans bonne pratique", tuple(g.services_without_practice)),
        (
            "Revues en retard",
            tuple(
                (
                    o.record,
                    f": à revoir avant le {french_date(o.review_by)} "
                    f"({count(o.days_overdue, 'jour')} de retard)",
                )
                for o in g.overdue_reviews
            ),
        ),
        (
            "Brouillons non modifiés depuis plus de 12 mois",
            tuple(
                (
                    s.record,
                    f"({kind_label(s.record.kind).lower()}, "
                    f"dernière date : {french_date(s.last_change)})",
                )
                for s in g.stale_drafts
            ),
        ),
    ]
    return Section(
        "Points d'attention",
        tuple(Part(f"{title} ({len(items)})", (Items(items),)) for title, items in lists),
    )


def _indicators(report: HealthReport) -> Section:
    title = "Indicateurs"
    if not report.indicators:
        return Section(title, (Paragraph("Aucun indicateur."),))
    # The most measured first: a cap keeps the indicators the figures say most about.
    ranked = sorted(report.indicators, key=lambda i: (-i.measures, i.record.title))
    measured = [i for i in ranked if i.measures]
    blocks: list[Block | Part] = []
    if measured:
        blocks.append(
            Bars(
                "indicateurs-ameliores",
                "Part des mesures en amélioration, par indicateur",
                f"{count(len(measured), 'indicateur mesuré', 'indicateurs mesurés')} ; part des "
                "mesures avant → après qui vont dans le bon sens, selon le sens de chaque "
                f"indicateur. {DATA_NOTE}",
                tuple(
                    Bar(
                        i.record.title,
                        ((i.improved_share or 0.0) * 100,),
                        f"{share(i.improved_share)} ({i.improved} sur {i.measures})",
                    )
                    for i in measured
                ),
                maximum=100,
                caption="Longueur de la barre : part des mesures en amélioration "
                f"(de 0 à {percent(100, 0)}).",
                grows=True,
            )
        )
    blocks.append(
        Table(
            "Résultats des retours d'expérience par indicateur",
            (
                "Indicateur",
                "Sens",
                "Bonnes pratiques",
                "Mesures",
                "En amélioration",
                "Variation médiane",
            ),
            tuple(_indicator_row(i) for i in ranked),
            grows=True,
        )
    )
    return Section(title, tuple(blocks))


def _change(value: float | None, unit: str) -> str:
    return NONE if value is None else f"{signed_number(value)} {unit}"


def _indicator_row(i: IndicatorStats) -> tuple[Cell, ...]:
    return (
        i.record,
        DIRECTION_SHORT[Direction(i.direction)],
        number(i.practices),
        number(i.measures),
        f"{number(i.improved)} ({share(i.improved_share)})" if i.measures else NONE,
        _change(i.median_change, i.unit) if i.measures else NONE,
    )


def _practices(report: HealthReport) -> Section:
    title = "Niveau de preuve des bonnes pratiques"
    if not report.practices:
        return Section(title, (Paragraph("Aucune bonne pratique."),))
    ranked = sorted(report.practices, key=lambda p: (-p.rex, p.record.title))
    documented = [p for p in ranked if p.rex]
    units = {i.record.id: i.unit for i in report.indicators}
    blocks: list[Block | Part] = []
    if documented:
        success, partial, failure = (OUTCOME_PLURALS[o] for o in Outcome)
        blocks.append(
            Bars(
                "pratiques-resultats",
                "Retours d'expérience par résultat, par bonne pratique",
                f"{count(len(documented), *DOCUMENTED)} par au moins un retour d'expérience ; "
                f"chaque barre est découpée en {success}, {partial} et {failure}. {DATA_NOTE}",
                tuple(
                    Bar(
                        p.record.title,
                        tuple(float(p.evidence[o.value]) for o in Outcome),
                        count(p.rex, "REX", "REX"),
                    )
                    for p in documented
                ),
                tuple(OUTCOME_LABELS[o] for o in Outcome),
                grows=True,
            )
        )
    blocks.append(
        Table(
            "Retours d'expérience et indicateurs par bonne pratique",
            ("Bonne pratique", "REX", "Résultats", "Indicateurs mesurés"),
            tuple(_practice_row(p, units) for p in ranked),
            grows=True,
            compact=True,
        )
    )
    return Section(title, tuple(blocks))


def _practice_row(p: PracticeStats, units: dict[str, str]) -> tuple[Cell, ...]:
    outcomes = tuple(
        count(p.evidence[o.value], OUTCOME_LABELS[o], OUTCOME_PLURALS[o]) for o in Outcome
    )
    effects = tuple(
        f"{e.title} : {e.improved} sur {e.measures} en amélioration"
        f"{'' if e.targeted else ' (non visé)'}, médiane "
        f"{_change(e.median_change, units.get(e.indicator, ''))}".rstrip()
        for e in p.indicators
    )
    return (
        # The status rides with the title: a separate column would not fit beside the rest.
        (p.record, Status(p.status)),
        number(p.rex),
        Lines(outcomes) if p.rex else NONE,
        Lines(effects, bullets=True) if effects else NONE,
    )


__all__ = [
    "NO_GAP",
    "Bar",
    "Bars",
    "Block",
    "Cell",
    "Document",
    "Items",
    "Lines",
    "Paragraph",
    "Part",
    "Piece",
    "Section",
    "Table",
    "report_sections",
]


def _context(report: HealthReport) -> Section:
    c = report.context
    if c.complete_share is None:
        return Section(CONTEXT, (Paragraph("Aucun retour d'expérience actif."),))
    full = sum(1 for r in c.rex if not r.missing)
    verb = plural(full, "donne tout son", "donnent tout leur")
    intro = (
        f"{count(full, 'retour', 'retours')} d'expérience sur {number(len(c.rex))} "
        f"({share(c.complete_share)}) {verb} contexte : "
        "dates, budget, moyens, partenaires, difficultés, facteurs de réussite, ce qu'il "
        "faut pour reproduire. Les moins complets d'abord."
    )
    rows = tuple(
        (r.record, share(r.score), ", ".join(r.missing) or NONE) for r in c.rex if r.missing
    )
    table = Table(
        "Retours d'expérience à compléter",
        ("Retour d'expérience", "Complétude", "À compléter"),
        rows,
        grows=True,
    )
    return Section(CONTEXT, (Paragraph(intro), table))
