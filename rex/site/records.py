"""The pages of the built-in kinds' records: practices, REX, indicators and services.

Lists on a page are capped (`LIST_CAP`) so a page's size does not grow with the corpus; the
rest is one click away in the kind's index, pre-filtered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import quote

from ..models import Indicator, Kind, Practice, Record, Rex, Service
from .body import body_markdown
from .charts import Span, before_after_chart
from .evidence import changes, evidence
from .html import (
    DIRECTION_LABELS,
    KIND_LABELS,
    badge,
    block,
    esc,
    french_date,
    infobox,
    join,
    link,
    number,
    outcome_badge,
    percent_change,
    signed_percent,
    slugify,
    status_badge,
    table,
)
from .routes import kind_index, record_src, tag_index
from .types import Page, SearchEntry, SiteContext, headings_of, page_markdown

LIST_CAP = 100
CHART_CAP = 40


def _links(ctx: SiteContext, here: str, records: Iterable[Record]) -> str:
    return join(link(ctx.linker, here, record_src(r.kind, r.id), r.title) for r in records)


def _tags(ctx: SiteContext, here: str, record: Record) -> str:
    return join(link(ctx.linker, here, tag_index(slugify(t)), t, "rex-tag") for t in record.tags)


def _heading(record: Record, lead: str = "") -> str:
    kind = KIND_LABELS[record.kind][0]
    summary = f'<p class="rex-summary">{esc(lead)}</p>' if lead else ""
    return block(
        f'<p class="rex-kind">{esc(kind)}</p>', f'<h1 id="titre">{esc(record.title)}</h1>', summary
    )


def _body(ctx: SiteContext, record: Record) -> str:
    return body_markdown(ctx, record)


def _more(ctx: SiteContext, here: str, kind: Kind, total: int, query: str) -> str:
    if total <= LIST_CAP:
        return ""
    href = ctx.linker.href(here, kind_index(kind)) + "?q=" + quote(query)
    return (
        f'<p class="rex-more">Liste limitée aux {LIST_CAP} plus récents sur {total} : '
        f'<a href="{esc(href)}">voir la liste complète</a>.</p>'
    )


def _search(ctx: SiteContext, record: Record, *parts: str | None) -> SearchEntry:
    # Template headings ("Contexte", "Enseignements") are in every record: no help to find one.
    common = ctx.common_headings
    headings = [h for h in headings_of(record) if h not in common]
    text = " ".join(p for p in [*parts, *headings] if p)
    return SearchEntry(record.title, text, tuple(record.tags))


def _measure_list(ctx: SiteContext, rex: Rex) -> str:
    items = [
        f"<li>{esc(c.indicator.title)} : {esc(c.summary())}</li>"
        for c in changes(rex, ctx.corpus.indicators)
    ]
    return f'<ul class="rex-measures">{"".join(items)}</ul>' if items else "—"


def practice_page(ctx: SiteContext, practice: Practice) -> Page:
    """A practice: summary, information box, body, and the REX that applied it."""
    here = record_src(Kind.PRACTICE, practice.id)
    rex_list = ctx.rex_by_practice.get(practice.id, [])
    level = evidence(practice, rex_list, ctx.corpus.indicators)
    info = infobox(
        [
            ("Statut", status_badge(practice.status)),
            ("Responsable", esc(practice.owner or "")),
            ("Créée le", esc(french_date(practice.created))),
            ("Mise à jour le", esc(french_date(practice.updated))),
            ("À revoir avant le", esc(french_date(practice.review_by))),
            ("Services", _links(ctx, here, ctx.services_of(practice))),
            ("Indicateurs", _links(ctx, here, ctx.indicators_of(practice))),
            ("Niveau de preuve", badge(level.level, level.tone)),
            ("Étiquettes", _tags(ctx, here, practice) if practice.tags else ""),
        ]
    )
    rows = [
        (
            link(ctx.linker, here, record_src(Kind.REX, r.id), r.title),
            esc(french_date(r.date)),
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
        else ""
    )
    evidence_block = (
        f'<p class="rex-evidence"><strong>Niveau de preuve : {esc(level.level)}.</strong> '
        f"{esc(level.explain())}</p>"
    )
    markdown = page_markdown(
        practice.title,
        _heading(practice, practice.summary),
        info,
        _body(ctx, practice),
        "## Retours d'expérience",
        block(evidence_block, rex_block, _more(ctx, here, Kind.REX, len(rex_list), practice.title)),
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
            ("Date", esc(french_date(rex.date))),
            ("Statut", status_badge(rex.status)),
            ("Résultat", outcome_badge(rex.outcome)),
            ("Lieu", esc(rex.location or "")),
            ("Auteurs", esc(", ".join(rex.authors))),
            ("Services", _links(ctx, here, services)),
            ("Pratiques appliquées", _links(ctx, here, practices)),
            ("Étiquettes", _tags(ctx, here, rex) if rex.tags else ""),
        ]
    )
    found = changes(rex, ctx.corpus.indicators)
    rows = [
        (
            link(ctx.linker, here, record_src(Kind.INDICATOR, c.indicator.id), c.indicator.title),
            esc(f"{number(c.measure.before)} {c.indicator.unit}"),
            esc(f"{number(c.measure.after)} {c.indicator.unit}"),
            esc(signed_percent(c.percent)),
            badge(c.verdict, c.tone),
            esc(c.measure.period or ""),
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
        else "<p>Aucune mesure chiffrée.</p>"
    )
    notes = [
        f"<li>{esc(c.indicator.title)} : {esc(c.measure.note)}</li>"
        for c in found
        if c.measure.note
    ]
    lessons = "".join(f"<li>{esc(lesson)}</li>" for lesson in rex.lessons)
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
        info,
        "## Mesures",
        block(measures, f'<ul class="rex-notes">{"".join(notes)}</ul>' if notes else ""),
        "## Enseignements",
        f'<ul class="rex-lessons">{lessons}</ul>',
        _body(ctx, rex),
        "## Liens",
        related,
    )
    return Page(here, rex.title, markdown, _search(ctx, rex, rex.location, *rex.lessons))


def indicator_page(ctx: SiteContext, indicator: Indicator) -> Page:
    """An indicator: definition, practices, services and a chart of every measure."""
    here = record_src(Kind.INDICATOR, indicator.id)
    practices = ctx.corpus.incoming(indicator, Kind.PRACTICE)
    services = ctx.corpus.related(indicator, Kind.SERVICE)
    info = infobox(
        [
            ("Unité", esc(indicator.unit)),
            ("Sens", esc(DIRECTION_LABELS[indicator.direction])),
            ("Formule", esc(indicator.formula or "")),
            ("Fréquence", esc(indicator.frequency or "")),
            ("Source", esc(indicator.source or "")),
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
            link(ctx.linker, here, record_src(Kind.REX, rex.id), rex.title),
            esc(french_date(rex.date)),
            esc(number(m.before)),
            esc(number(m.after)),
            esc(signed_percent(percent_change(m))),
            badge(*_verdict(indicator.better(m.before, m.after))),
        )
        for rex, m in shown
    ]
    if spans:
        cap = (
            f" ({len(shown)} plus récentes sur {len(measures)})"
            if len(shown) < len(measures)
            else ""
        )
        chart = block(
            '<figure class="rex-figure">',
            before_after_chart(
                "graphique", f"{indicator.title} : avant → après{cap}", indicator.unit, spans
            ),
            "<figcaption>Chaque ligne relie la valeur avant (cercle vide) à la valeur après "
            "(cercle plein) ; vert : amélioration, rouge : dégradation.</figcaption></figure>",
            table(
                f"Mesures de l'indicateur en {indicator.unit}{cap}",
                ["Retour d'expérience", "Date", "Avant", "Après", "Évolution", "Lecture"],
                rows,
            ),
        )
    else:
        chart = "<p>Aucun retour d'expérience n'a encore mesuré cet indicateur.</p>"
    markdown = page_markdown(
        indicator.title,
        _heading(indicator, indicator.definition),
        info,
        _body(ctx, indicator),
        "## Pratiques qui visent cet indicateur",
        _list(ctx, here, practices[:LIST_CAP]),
        _more(ctx, here, Kind.PRACTICE, len(practices), indicator.title),
        "## Mesures avant → après",
        chart,
    )
    return Page(here, indicator.title, markdown, _search(ctx, indicator, indicator.definition))


def _verdict(better: bool | None) -> tuple[str, str]:
    return {True: ("mieux", "good"), False: ("moins bien", "bad"), None: ("inchangé", "neutral")}[
        better
    ]


def _list(ctx: SiteContext, here: str, records: Sequence[Record]) -> str:
    if not records:
        return "<p>Aucun.</p>"
    items = "".join(
        f"<li>{link(ctx.linker, here, record_src(r.kind, r.id), r.title)}</li>" for r in records
    )
    return f'<ul class="rex-list">{items}</ul>'


def service_page(ctx: SiteContext, service: Service) -> Page:
    """A service: its practices, REX, indicators, parent and child services."""
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
            ("Domaine", esc(service.domain or "")),
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
