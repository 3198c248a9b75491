"""What tells a reader whether a record transfers: the REX's identity card, the vocabulary
labels, the documents it links to, and which record replaces which.

Python gathers words and links; the templates under ``templates/context/`` write the HTML.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from markupsafe import Markup

from ..context import completeness, population_band
from ..models import Practice, Record, Rex
from ..present import (
    POPULATION_BAND_LABELS,
    TERRITORY_TYPE_LABELS,
    duration,
    french_date,
    number,
    share,
)
from .html import outcome_badge
from .render import render
from .routes import record_src
from .rows import record_link
from .types import SiteContext


def vocabulary_rows(ctx: SiteContext, record: Practice | Rex) -> list[tuple[str, str]]:
    """("Thèmes", labels) and ("Approche", label), from the corpus's ``vocabulary.yml``."""
    vocabulary = ctx.corpus.vocabulary

    def label(name: str, term: str) -> str:
        return vocabulary.label(name, term) if vocabulary is not None else term

    themes = ", ".join(label("themes", t) for t in record.themes)
    approach = label("approaches", record.approach) if record.approach else ""
    return [("Thèmes", themes), ("Approche", approach)]


def territory_text(ctx: SiteContext, record: Record) -> str:
    """``Ville de Castelbrune (commune, de 10 000 à 50 000 habitants)``, one per territory."""
    return " ; ".join(
        f"{t.title} ({TERRITORY_TYPE_LABELS[t.type]}, "
        f"{POPULATION_BAND_LABELS[population_band(t.population)]})"
        for t in ctx.corpus.territory_profile(record).territories
    )


def _with_note(figure: str, note: str | None) -> str:
    return f"{figure} — {note}" if note else figure


def identity_block(ctx: SiteContext, rex: Rex) -> Markup:
    """The REX's "Fiche d'identité": territory, period, means, partners, outcome, and what
    is still "À compléter" (`rex.context.completeness`)."""
    period = f"du {french_date(rex.started)} au {french_date(rex.date)}" if rex.started else ""
    rows: list[tuple[str, str | Markup]] = [
        ("Territoire", territory_text(ctx, rex)),
        ("Période", period),
        ("Durée", duration(rex.started, rex.date) if rex.started else ""),
        (
            "Budget",
            _with_note(f"{number(rex.budget.amount)} €", rex.budget.note) if rex.budget else "",
        ),
        (
            "Moyens humains",
            _with_note(f"{number(rex.staff.fte)} ETP", rex.staff.note) if rex.staff else "",
        ),
        ("Partenaires", ", ".join(rex.partners)),
        ("Financements", ", ".join(rex.funding)),
        ("Résultat", outcome_badge(rex.outcome)),
        *vocabulary_rows(ctx, rex),
        ("Contact", rex.contact or ""),
    ]
    found = completeness(rex)
    return render(
        "context/identity.html", rows=rows, missing=found.missing, score=share(found.score)
    )


@dataclass(frozen=True, slots=True)
class WebLink:
    """A document a record links to, with its URL as written on the page."""

    title: str
    url: str


def web_links_block(ctx: SiteContext, record: Practice | Rex) -> Markup:
    """The record's ``links`` (documents to read further) as a list, or nothing."""
    if not record.web_links:
        return Markup()
    here = record_src(record.kind, record.id)
    found = [WebLink(link.title, _href(ctx, record, here, link.url)) for link in record.web_links]
    return render("context/web-links.html", links=found)


def _href(ctx: SiteContext, record: Record, here: str, url: str) -> str:
    """A relative URL is relative to the record's file: point it at that file's place in the
    site (a record's page for a record file), seen from the record's page."""
    if "://" in url or url.startswith(("#", "/", "?")):
        return url
    path, hash_, fragment = url.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(record.relpath), path))
    if target.startswith("../") or target == "..":
        return url  # outside the corpus: nothing of it is published, leave it as written
    linked = ctx.by_relpath.get(target)
    page = record_src(linked.kind, linked.id) if linked is not None else target
    return ctx.linker.href(here, page) + hash_ + fragment


def supersedes_banner(ctx: SiteContext, record: Practice | Rex) -> Markup:
    """ "Remplacée par …" on a superseded record, "Remplace …" on the one replacing it."""
    newer = [record_link(r) for r in ctx.corpus.superseded_by(record)]
    older = [
        record_link(r)
        for r in ctx.corpus.outgoing(record, record.kind)
        if r.id in record.supersedes
    ]
    if not newer and not older:
        return Markup()
    here = record_src(record.kind, record.id)
    return render(
        "context/banner.html",
        newer=newer,
        older=older,
        href=lambda to: ctx.linker.href(here, to),
    )


__all__ = [
    "WebLink",
    "identity_block",
    "supersedes_banner",
    "territory_text",
    "vocabulary_rows",
    "web_links_block",
]
