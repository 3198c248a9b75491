"""The pages of the built-in kinds' records: practices, REX, indicators and services.

Lists on a page are capped (`LIST_CAP`) so a page's size does not grow with the corpus; the
rest is one click away in the kind's index, pre-filtered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from urllib.parse import quote

from ..models import Indicator, Kind, Practice, Record, Rex, Service
from .body import body_markdown
from .charts import Span, before_after_chart
from .context_blocks import identity_block, supersedes_banner, vocabulary_rows, web_links_block
from .evidence import changes, evidence
from .html import (
    DIRECTION_LABELS,
    KIND_LABELS,
    Link,
    Markup,
    badge,
    block,
    french_date,
    infobox,
    items,
    links,
    number,
    outcome_badge,
    percent_change,
    signed_percent,
    slugify,
    status_badge,
    table,
)
from .indicator_results import indicator_results
from .render import render
from .routes import kind_index, record_src, tag_index
from .rows import record_link
from .see_also import see_also_block
from .service_cycle import service_cycle
from .types import Page, SearchEntry, SiteContext, headings_of, page_markdown

LIST_CAP = 100
CHART_CAP = 40


def _links(ctx: SiteContext, here: str, records: Iterable[Record]) -> Markup:
    return links(ctx.linker, here, (record_link(r) for r in records))


def _tags(ctx: SiteContext, here: str, record: Record) -> Markup:
    tags = (Link(tag_index(slugify(t)), t, "rex-tag") for t in record.tags)
    return links(ctx.linker, here, tags)


def _heading(record: Record, lead: str = "") -> Markup:
    kind = KIND_LABELS[record.kind][0]
    return render("records/heading.html", kind=kind, title=record.title, lead=lead)


def _body(ctx: SiteContext, record: Record) -> str:
    return body_markdown(ctx, record)


def _more(ctx: SiteContext, here: str, kind: Kind, total: int, query: str) -> Markup:
    if total <= LIST_CAP:
        return Markup()
    url = ctx.linker.href(here, kind_index(kind)) + "?q=" + quote(query)
    return render("records/more.html", cap=LIST_CAP, total=total, url=url)


def _search(ctx: SiteContext, record: Record, *parts: str | None) -> SearchEntry:
    # Template headings ("Contexte", "Enseignements") are in every record: no help to find one.
    common = ctx.common_headings
    headings = [h for h in headings_of(record) if h not in common]
    text = " ".join(p for p in [*parts, *headings] if p)
    return SearchEntry(record.title, text, tuple(record.tags))


def _measure_list(ctx: SiteContext, rex: Rex) -> str:
    found = [f"{c.indicator.title} : {c.summary()}" for c in changes(rex, ctx.corpus.indicators)]
    return items(found, "rex-measures") if found else "—"


def practice_page(ctx: SiteContext, practice: Practice) -> Page:
    """A practice: summary, information box, body, and the REX that applied it."""
    here = record_src(Kind.PRACTICE, practice.id)
    rex_list = ctx.rex_by_practice.get(practice.id, [])
    level = evidence(practice, rex_list, ctx.corpus.indicators)
    info = infobox(
        [
            ("Statut", status_badge(practice.status)),
            ("Responsable", practice.owner or ""),
            ("Créée le", french_date(practice.created)),
            ("Mise à jour le", french_date(practice.updated)),
            ("À revoir avant le", french_date(practice.review_by)),
            ("Services", _links(ctx, here, ctx.services_of(practice))),
            ("Indicateurs", _links(ctx, here, ctx.indicators_of(practice))),
            ("Niveau de preuve", badge(level.level, level.tone)),
            *vocabulary_rows(ctx, practice),
            ("Étiquettes", _tags(ctx, here, practice) if practice.tags else ""),
        ]
    )
    rows = [
        (
            _links(ctx, here, [r]),
            french_date(r.date),
            outcome_badge(r.outcome),
            _measure_list(ctx, r),
        )
        for r in rex_list[:LIST_CAP]
    ]
    rex_block = (
        table(
            "Retours d'expérience qui ont appliqué cette pratique",
            ["Retour d'expérience", "Date", "Résultat", "Mesures (avant → après)"],
            rows,
        )
        if rows
        else Markup()
    )
    evidence_block = render("records/evidence.html", level=level.level, explain=level.explain())
    markdown = page_markdown(
        practice.title,
        _heading(practice, practice.summary),
        supersedes_banner(ctx, practice),
        info,
        _body(ctx, practice),
        "## Retours d'expérience",
        block(evidence_block, rex_block, _more(ctx, here, Kind.REX, len(rex_list), practice.title)),
        *_context_sections(ctx, practice),
    )
    return Page(here, practice.title, markdown, _search(ctx, practice, practice.summary))


def rex_page(ctx: SiteContext, rex: Rex) -> Page:
    """A REX: information box, measures, lessons, body and links."""
    here = record_src(Kind.REX, rex.id)
    practices = ctx.practices_of(rex)
    services = ctx.services_of(rex)
    indicators = ctx.indicators_of(rex)
    info = infobox(
        [
            ("Date", french_date(rex.date)),
            ("Statut", status_badge(rex.status)),
            ("Résultat", outcome_badge(rex.outcome)),
            ("Lieu", rex.location or ""),
            ("Auteurs", ", ".join(rex.authors)),
            ("Services", _links(ctx, here, services)),
            ("Pratiques appliquées", _links(ctx, here, practices)),
            ("Étiquettes", _tags(ctx, here, rex) if rex.tags else ""),
        ]
    )
    found = changes(rex, ctx.corpus.indicators)
    rows = [
        (
            _links(ctx, here, [c.indicator]),
            f"{number(c.measure.before)} {c.indicator.unit}",
            f"{number(c.measure.after)} {c.indicator.unit}",
            signed_percent(c.percent),
            badge(c.verdict, c.tone),
            c.measure.period or "",
        )
        for c in found
    ]
    measures = (
        table(
            "Mesures avant → après",
            ["Indicateur", "Avant", "Après", "Évolution", "Lecture", "Période"],
            rows,
        )
        if rows
        else Markup()
    )
    notes = [f"{c.indicator.title} : {c.measure.note}" for c in found if c.measure.note]
    related = infobox(
        [
            ("Pratiques", _links(ctx, here, practices)),
            ("Services", _links(ctx, here, services)),
            ("Indicateurs", _links(ctx, here, indicators)),
        ],
        label="Liens",
    )
    markdown = page_markdown(
        rex.title,
        _heading(rex),
        supersedes_banner(ctx, rex),
        info,
        "## Fiche d'identité",
        identity_block(ctx, rex),
        "## Mesures",
        render("records/rex-measures.html", table=measures, notes=notes),
        "## Enseignements",
        items(rex.lessons, "rex-lessons"),
        _body(ctx, rex),
        "## Liens",
        related,
        *_context_sections(ctx, rex),
    )
    return Page(here, rex.title, markdown, _search(ctx, rex, rex.location, *rex.lessons))


def _context_sections(ctx: SiteContext, record: Practice | Rex) -> list[str]:
    """The documents a record links to, then "À voir aussi" (`rex.site.see_also`)."""
    sections: list[str] = []
    documents = web_links_block(ctx, record)
    if documents:
        sections += ["## Pour aller plus loin", documents]
    similar = see_also_block(ctx, record)
    if similar:
        sections += ["## À voir aussi", similar]
    return sections


def indicator_page(ctx: SiteContext, indicator: Indicator) -> Page:
    """An indicator: definition, practices, services and a chart of every measure."""
    here = record_src(Kind.INDICATOR, indicator.id)
    practices = ctx.corpus.incoming(indicator, Kind.PRACTICE)
    services = ctx.corpus.related(indicator, Kind.SERVICE)
    info = infobox(
        [
            ("Unité", indicator.unit),
            ("Sens", DIRECTION_LABELS[indicator.direction]),
            ("Formule", indicator.formula or ""),
            ("Fréquence", indicator.frequency or ""),
            ("Source", indicator.source or ""),
            ("Services", _links(ctx, here, services)),
            ("Étiquettes", _tags(ctx, here, indicator) if indicator.tags else ""),
        ]
    )
    measures = ctx.measures_by_indicator.get(indicator.id, [])
    shown = measures[-CHART_CAP:]
    spans = [
        Span(rex.title, m.before, m.after, indicator.better(m.before, m.after)) for rex, m in shown
    ]
    rows = [
        (
            _links(ctx, here, [rex]),
            french_date(rex.date),
            number(m.before),
            number(m.after),
            signed_percent(percent_change(m)),
            badge(*_verdict(indicator.better(m.before, m.after))),
        )
        for rex, m in shown
    ]
    cap = f" ({len(shown)} plus récentes sur {len(measures)})" if len(shown) < len(measures) else ""
    chart = render(
        "records/indicator-measures.html",
        chart=before_after_chart(
            "graphique", f"{indicator.title} : avant → après{cap}", indicator.unit, spans
        )
        if spans
        else Markup(),
        table=table(
            f"Mesures de l'indicateur en {indicator.unit}{cap}",
            ["Retour d'expérience", "Date", "Avant", "Après", "Évolution", "Lecture"],
            rows,
        ),
    )
    markdown = page_markdown(
        indicator.title,
        _heading(indicator, indicator.definition),
        info,
        _body(ctx, indicator),
        "## Pratiques qui visent cet indicateur",
        _list(ctx, here, practices[:LIST_CAP]),
        _more(ctx, here, Kind.PRACTICE, len(practices), indicator.title),
        "## Résultats",
        indicator_results(ctx, indicator, here),
        "## Mesures avant → après",
        chart,
    )
    return Page(here, indicator.title, markdown, _search(ctx, indicator, indicator.definition))


def _verdict(better: bool | None) -> tuple[str, str]:
    return {True: ("mieux", "good"), False: ("moins bien", "bad"), None: ("inchangé", "neutral")}[
        better
    ]


def _list(ctx: SiteContext, here: str, records: Sequence[Record]) -> Markup:
    return render(
        "partials/link-list.html",
        links=[record_link(r) for r in records],
        href=partial(ctx.linker.href, here),
    )


def service_page(ctx: SiteContext, service: Service) -> Page:
    """A service: its results, action plan and gaps; its practices, REX, indicators, parent
    and child services."""
    here = record_src(Kind.SERVICE, service.id)
    practices = ctx.corpus.incoming(service, Kind.PRACTICE)
    rex_list = sorted(
        (r for r in ctx.corpus.incoming(service, Kind.REX) if isinstance(r, Rex)),
        key=lambda r: (r.date, r.id),
        reverse=True,
    )
    indicators = ctx.corpus.incoming(service, Kind.INDICATOR)
    parent = ctx.corpus.outgoing(service, Kind.SERVICE)
    children = ctx.corpus.incoming(service, Kind.SERVICE)
    info = infobox(
        [
            ("Domaine", service.domain or ""),
            ("Service parent", _links(ctx, here, parent) if parent else ""),
            ("Services rattachés", _links(ctx, here, children) if children else ""),
            ("Étiquettes", _tags(ctx, here, service) if service.tags else ""),
        ]
    )
    markdown = page_markdown(
        service.title,
        _heading(service, service.description or ""),
        info,
        _body(ctx, service),
        *service_cycle(ctx, service, here),
        "## Bonnes pratiques",
        _list(ctx, here, practices[:LIST_CAP]),
        _more(ctx, here, Kind.PRACTICE, len(practices), service.title),
        "## Retours d'expérience",
        _list(ctx, here, rex_list[:LIST_CAP]),
        _more(ctx, here, Kind.REX, len(rex_list), service.title),
        "## Indicateurs",
        _list(ctx, here, indicators[:LIST_CAP]),
        _more(ctx, here, Kind.INDICATOR, len(indicators), service.title),
    )
    return Page(
        here, service.title, markdown, _search(ctx, service, service.description, service.domain)
    )
