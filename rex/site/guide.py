"""The "Contribuer" page: how to write each kind of record, generated from the models.

Keys, whether they are required, their types, allowed values (with the labels of
`rex.present`) and descriptions come from each kind's model (`rex.site.guide_fields`); the
example of each kind is its ``rex new`` template (`rex.scaffold`); the codes table is the
registry `rex.codes`. Nothing is written by hand that the validator could contradict. The
descriptions and the codes' meanings are English in the code (the JSON Schemas and README
keep them so) and translated from the catalogue as the page renders, in French. A
``--public`` site keeps the page: it says nothing about the records beyond the ids a
template lists, taken from the (already filtered) corpus.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..codes import CODES
from ..i18n import _
from ..models import Kind
from ..present import SEVERITY_LABELS
from ..scaffold import render_template
from .guide_fields import common_keys, own_keys
from .indexes import site_kinds
from .render import escape, macro, render
from .routes import GUIDE
from .types import Page, SearchEntry, SiteContext, page_markdown

TITLE = "Contribuer"
NAV_ORDER = 60  # after the indexes (10 to 50)
CORPUS = "content"
#: The French name of each area of the codes registry; another area shows as it is.
AREAS = {"records": "fiches", "files": "fichiers", "results": "résultats"}


def guide_page(ctx: SiteContext) -> Iterator[Page]:
    """The contributor guide: every kind's keys and template, `rex new`, the codes."""
    guide = "guide/macros.html"
    existing = {kind: sorted(r.id for r in ctx.corpus.records(kind)) for kind in Kind}
    kinds = site_kinds()
    blocks: list[str] = [
        render("partials/title.html", title=TITLE, paragraphs=[]),
        macro(guide, "intro")(CORPUS),
        "## Créer une fiche",
        macro(guide, "commands")(
            [(kind.spec.label, _folder(kind), _command(kind)) for kind in kinds]
        ),
        "## Clés communes",
        macro(guide, "common")(common_keys()),
    ]
    for kind in kinds:
        example = render_template(kind, f"exemple-{kind.singular}", existing=existing)
        blocks += [
            f"## {escape(kind.spec.plural)}",
            macro(guide, "kind")(
                kind.spec.label, _folder(kind), _command(kind), own_keys(kind), example
            ),
        ]
    rows = [
        (
            info.code,
            SEVERITY_LABELS[info.severity][0],
            AREAS.get(info.area, info.area),
            _(info.description) if info.description else "",
        )
        for info in CODES.values()
    ]
    blocks += ["## Erreurs et avertissements", macro(guide, "codes")(rows)]
    yield Page(
        GUIDE,
        TITLE,
        page_markdown(TITLE, *blocks),
        SearchEntry(
            TITLE,
            "Écrire une fiche : les clés de chaque type, les valeurs permises, un modèle, "
            "les commandes rex new et les codes des erreurs de rex validate.",
        ),
        TITLE,
        NAV_ORDER,
    )


def _folder(kind: Kind) -> str:
    return f"{CORPUS}/{kind.value}/"


def _command(kind: Kind) -> str:
    return f'rex new {kind.singular} identifiant --title "Titre de la fiche"'


__all__ = ["guide_page"]
