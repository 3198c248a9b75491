"""An action's page: status, owner, dates, origin, priority, what it links to, the dated
follow-up log (newest first) and the body."""

from __future__ import annotations

from ..models import Action, Kind
from ..present import ORIGIN_LABELS, PRIORITY_LABELS, french_date
from .cycle import action_badge, due
from .html import infobox
from .records import _body, _heading, _links, _search, _tags
from .render import render
from .routes import record_src
from .types import Page, SiteContext, page_markdown


def action_page(ctx: SiteContext, action: Action) -> Page:
    """An action: information box, follow-up log, body."""
    here = record_src(action.kind, action.id)
    corpus = ctx.corpus
    rex = corpus.incoming(action, Kind.REX)
    practices = corpus.outgoing(action, Kind.PRACTICE)
    info = infobox(
        [
            ("Statut", action_badge(action.status)),
            ("Pilote", action.owner),
            ("Priorité", PRIORITY_LABELS[action.priority] if action.priority else ""),
            ("Origine", ORIGIN_LABELS[action.origin] if action.origin else ""),
            ("Échéance", due(action, ctx.today) if action.due else ""),
            ("Commencée le", french_date(action.started)),
            ("Réalisée le", french_date(action.done)),
            ("Services", _links(ctx, here, corpus.outgoing(action, Kind.SERVICE))),
            ("Indicateurs", _links(ctx, here, corpus.outgoing(action, Kind.INDICATOR))),
            ("Pratiques appliquées", _links(ctx, here, practices) if practices else ""),
            ("Retours d'expérience", _links(ctx, here, rex) if rex else ""),
            ("Étiquettes", _tags(ctx, here, action) if action.tags else ""),
        ]
    )
    updates = sorted(action.updates, key=lambda u: u.date, reverse=True)
    log = render(
        "cycle/updates.html",
        updates=[(french_date(u.date), u.date.isoformat(), u.note) for u in updates],
    )
    markdown = page_markdown(
        action.title,
        _heading(action),
        info,
        "## Suivi",
        log,
        _body(ctx, action),
    )
    notes = " ".join(u.note for u in updates)
    return Page(here, action.title, markdown, _search(ctx, action, action.owner, notes))
