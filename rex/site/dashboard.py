"""The "Tableau de bord" page: the health report of `rex report`, as a site page.

Every figure comes from `rex.report.health_report` computed on the corpus the site is built
from, so a ``--public`` site's dashboard only counts public records. Long lists are capped
(`LIST_CAP` items, `CHART_CAP` bars) with a "… et N autres" line, so the page's size does not
grow with the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..models import Kind, Outcome, Status
from ..report import HealthReport, IndicatorStats, PracticeStats, RecordRef, health_report
from .charts import Bar, Series, bar_chart
from .html import (
    DIRECTION_LABELS,
    KIND_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    block,
    esc,
    french_date,
    link,
    number,
    status_badge,
    table,
)
from .routes import DASHBOARD as SRC
from .routes import record_src
from .types import Page, SearchEntry, SiteContext, page_markdown

TITLE = "Tableau de bord"
NAV_ORDER = 5  # right after the home page (0), before the indexes (10 and up)
LIST_CAP = 50
CHART_CAP = 25
EFFECTS_CAP = 5
KINDS = (Kind.PRACTICE, Kind.REX, Kind.INDICATOR, Kind.SERVICE)
OUTCOME_SERIES = (
    Series(OUTCOME_LABELS[Outcome.SUCCESS], "#1b7a3e"),
    Series(OUTCOME_LABELS[Outcome.PARTIAL], "#a35a00"),
    Series(OUTCOME_LABELS[Outcome.FAILURE], "#b3261e"),
)
_DATA = "Les valeurs figurent dans le tableau qui suit."


def dashboard_page(ctx: SiteContext, today: dt.date | None = None) -> Iterator[Page]:
    """The "Tableau de bord" page as of ``today`` (default: the day of the build)."""
    report = health_report(ctx.corpus, today)
    page = _Dashboard(ctx, report)
    markdown = page_markdown(
        TITLE,
        page.heading(),
        "## Volumes",
        page.volumes(),
        "## Points d'attention",
        page.gaps(),
        "## Indicateurs",
        page.indicators(),
        "## Niveau de preuve des bonnes pratiques",
        page.practices(),
    )
    yield Page(
        SRC,
        TITLE,
        markdown,
        SearchEntry(
            TITLE,
            "Volumes, points d'attention, résultats des indicateurs et niveau de preuve "
            "des bonnes pratiques.",
        ),
        TITLE,
        NAV_ORDER,
    )


class _Dashboard:
    """The blocks of the page; every value from front matter goes through `esc` or `link`."""

    def __init__(self, ctx: SiteContext, report: HealthReport) -> None:
        self.ctx = ctx
        self.report = report

    def name(self, ref: RecordRef) -> str:
        """A link to the record's page."""
        return link(self.ctx.linker, SRC, record_src(ref.kind, ref.id), ref.title)

    def heading(self) -> str:
        """The title, the date the figures are computed at and the validation counts (of the
        public records only on a public site: `public_corpus` narrows the report)."""
        total = sum(self.report.counts.kinds.values())
        v = self.report.validation
        state = (
            f"État au {french_date(self.report.today)} : {total} fiches ; "
            f"{v['errors']} erreur(s) et {v['warnings']} avertissement(s) à la validation"
        )
        return block(
            f"<h1>{esc(TITLE)}</h1>",
            f"<p>{esc(state)}.</p>",
            "<p>Où la capitalisation est solide, où elle manque : volumes, points "
            "d'attention, résultats mesurés par indicateur et niveau de preuve des bonnes "
            "pratiques. Les fiches retirées sont comptées mais ne servent ni de preuve ni de "
            "point d'attention.</p>",
        )

    def volumes(self) -> str:
        """Counts by kind, status, outcome, year and service."""
        c = self.report.counts
        by_kind = table(
            "Fiches par type",
            ["Type de fiche", "Nombre"],
            [(esc(KIND_LABELS[k][1]), str(c.kinds[k.value])) for k in KINDS],
        )
        by_status = table(
            "Fiches par statut",
            ["Type de fiche", *STATUS_LABELS.values()],
            [
                (esc(KIND_LABELS[k][1]), *(str(c.status[k.value][s.value]) for s in Status))
                for k in (Kind.PRACTICE, Kind.REX)
            ],
        )
        by_outcome = table(
            "Retours d'expérience par résultat",
            ["Résultat", "Nombre"],
            [(esc(OUTCOME_LABELS[o]), str(c.outcome[o.value])) for o in Outcome],
        )
        return block(by_kind, by_status, by_outcome, self._years(), self._services())

    def _years(self) -> str:
        years = self.report.counts.years
        practices, rexes = years[Kind.PRACTICE.value], years[Kind.REX.value]
        every = sorted(set(practices) | set(rexes))
        if not every:
            return ""
        chart = bar_chart(
            "rex-par-annee",
            "Retours d'expérience par année",
            f"{sum(rexes.values())} retours d'expérience datés de {every[0]} à {every[-1]}. "
            + _DATA,
            [Bar(str(y), (float(rexes.get(y, 0)),), str(rexes.get(y, 0))) for y in every],
        )
        rows = [(str(y), str(practices.get(y, 0)), str(rexes.get(y, 0))) for y in every]
        return block(
            "<h3>Par année</h3>",
            _figure(chart),
            table("Fiches par année", ["Année", "Bonnes pratiques créées", "REX"], rows),
        )

    def _services(self) -> str:
        services = self.report.counts.services
        if not services:
            return ""
        # The most documented services first, so the cap drops the least useful rows.
        shown = sorted(services, key=lambda s: (-s.practices, -s.rex, s.record.title))
        rows = [
            (self.name(s.record), str(s.indicators), str(s.practices), str(s.rex))
            for s in shown[:LIST_CAP]
        ]
        return block(
            "<h3>Par service</h3>",
            table(
                "Fiches par service",
                ["Service", "Indicateurs", "Bonnes pratiques", "REX"],
                rows,
            ),
            _rest(len(services), LIST_CAP),
        )

    def gaps(self) -> str:
        """The five lists of weak points, each item linked to its record."""
        g = self.report.gaps
        sections: list[tuple[str, list[str]]] = [
            (
                "Bonnes pratiques sans retour d'expérience",
                [self.name(r) for r in g.practices_without_rex],
            ),
            (
                "Indicateurs visés par aucune bonne pratique",
                [self.name(r) for r in g.untargeted_indicators],
            ),
            ("Services sans bonne pratique", [self.name(r) for r in g.services_without_practice]),
            (
                "Revues en retard",
                [
                    f"{self.name(o.record)} : à revoir avant le {esc(french_date(o.review_by))} "
                    f"({_count(o.days_overdue, 'jour')} de retard)"
                    for o in g.overdue_reviews
                ],
            ),
            (
                "Brouillons non modifiés depuis plus de 12 mois",
                [
                    f"{self.name(s.record)} ({esc(KIND_LABELS[s.record.kind][0].lower())}, "
                    f"dernière date : {esc(french_date(s.last_change))})"
                    for s in g.stale_drafts
                ],
            ),
        ]
        parts = []
        for title, items in sections:
            parts.append(f"<h3>{esc(title)} ({len(items)})</h3>")
            if items:
                lis = "".join(f"<li>{item}</li>" for item in items[:LIST_CAP])
                parts += [f'<ul class="rex-list">{lis}</ul>', _rest(len(items), LIST_CAP)]
            else:
                parts.append("<p>Aucun point d'attention.</p>")
        return block(*parts)

    def indicators(self) -> str:
        """Per indicator: REX measures, share improved per its direction, median change."""
        stats = self.report.indicators
        if not stats:
            return "<p>Aucun indicateur.</p>"
        # The most measured first: the cap keeps the indicators the figures say most about.
        ranked = sorted(stats, key=lambda i: (-i.measures, i.record.title))
        measured = [i for i in ranked if i.measures]
        chart = ""
        if measured:
            bars = [
                Bar(
                    i.record.title,
                    ((i.improved_share or 0.0) * 100,),
                    f"{_share(i.improved_share)} ({i.improved} sur {i.measures})",
                )
                for i in measured[:CHART_CAP]
            ]
            chart = _figure(
                bar_chart(
                    "indicateurs-ameliores",
                    "Part des mesures en amélioration, par indicateur"
                    + _of(len(bars), len(measured)),
                    f"{len(measured)} indicateurs mesurés ; part des mesures avant → après qui "
                    "vont dans le bon sens, selon le sens de chaque indicateur. " + _DATA,
                    bars,
                    maximum=100,
                ),
                "Longueur de la barre : part des mesures en amélioration (de 0 à 100 %).",
            )
        rows = [self._indicator_row(i) for i in ranked[:LIST_CAP]]
        return block(
            chart,
            table(
                "Résultats des retours d'expérience par indicateur",
                [
                    "Indicateur",
                    "Sens",
                    "Bonnes pratiques",
                    "Mesures",
                    "En amélioration",
                    "Variation médiane",
                ],
                rows,
            ),
            _rest(len(ranked), LIST_CAP),
        )

    def _indicator_row(self, i: IndicatorStats) -> tuple[str, ...]:
        direction = DIRECTION_LABELS[self.ctx.corpus.indicators[i.record.id].direction]
        return (
            self.name(i.record),
            esc(direction.split(" (")[0]),  # "à la baisse": the table has no room for the rest
            str(i.practices),
            str(i.measures),
            f"{i.improved} ({esc(_share(i.improved_share))})" if i.measures else "—",
            esc(_change(i.median_change, i.unit)) if i.measures else "—",
        )

    def practices(self) -> str:
        """Per practice: REX by outcome and the indicators they moved."""
        stats = self.report.practices
        if not stats:
            return "<p>Aucune bonne pratique.</p>"
        ranked = sorted(stats, key=lambda p: (-p.rex, p.record.title))
        documented = [p for p in ranked if p.rex]
        chart = ""
        if documented:
            bars = [
                Bar(
                    p.record.title,
                    tuple(float(p.evidence[o.value]) for o in Outcome),
                    _count(p.rex, "REX", "REX"),
                )
                for p in documented[:CHART_CAP]
            ]
            chart = _figure(
                bar_chart(
                    "pratiques-resultats",
                    "Retours d'expérience par résultat, par bonne pratique"
                    + _of(len(bars), len(documented)),
                    f"{len(documented)} bonnes pratiques documentées par au moins un retour "
                    "d'expérience ; chaque barre est découpée en réussites, réussites "
                    "partielles et échecs. " + _DATA,
                    bars,
                    OUTCOME_SERIES,
                )
            )
        rows = [self._practice_row(p) for p in ranked[:LIST_CAP]]
        return block(
            chart,
            table(
                "Retours d'expérience et indicateurs par bonne pratique",
                ["Bonne pratique", "REX", "Résultats", "Indicateurs mesurés"],
                rows,
                " data-rex-compact",
            ),
            _rest(len(ranked), LIST_CAP),
        )

    def _practice_row(self, p: PracticeStats) -> tuple[str, ...]:
        indicators = self.ctx.corpus.indicators
        effects = [
            f"<li>{esc(e.title)} : {e.improved} sur {e.measures} en amélioration"
            f"{'' if e.targeted else ' (non visé)'}, médiane "
            f"{esc(_change(e.median_change, indicators[e.indicator].unit))}</li>"
            for e in p.indicators[:EFFECTS_CAP]
        ]
        more = len(p.indicators) - EFFECTS_CAP
        if more > 0:
            effects.append(f"<li>… et {_count(more, 'autre')}</li>")
        outcomes = [
            _count(p.evidence[Outcome.SUCCESS.value], "réussite"),
            _count(p.evidence[Outcome.PARTIAL.value], "réussite partielle", "réussites partielles"),
            _count(p.evidence[Outcome.FAILURE.value], "échec"),
        ]
        return (
            # The status rides with the title: a separate column would not fit beside the rest.
            f"{self.name(p.record)} {status_badge(Status(p.status))}",
            str(p.rex),
            "<br>".join(outcomes) if p.rex else "—",
            f'<ul class="rex-measures">{"".join(effects)}</ul>' if effects else "—",
        )


def _figure(svg: str, caption: str = "") -> str:
    note = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure class="rex-figure rex-figure--bars">{svg}{note}</figure>'


def _rest(total: int, cap: int) -> str:
    return f'<p class="rex-more">… et {_count(total - cap, "autre")}.</p>' if total > cap else ""


def _of(shown: int, total: int) -> str:
    return f" ({shown} sur {total})" if shown < total else ""


def _count(n: int, one: str, many: str | None = None) -> str:
    # French puts 0 in the singular: "0 échec", "1 échec", "2 échecs".
    return f"{n} {one if n <= 1 else (many or one + 's')}"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{number(value * 100, 0)}\u00a0%"


def _change(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    return f"{sign}{number(value)} {unit}"


__all__ = ["SRC", "dashboard_page"]
