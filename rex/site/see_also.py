""" "À voir aussi": the practices and REX most similar to a record, with why.

The similarity index (`rex.similar.SimilarityIndex`) is built once per site, from the corpus
the site is built from (`SiteContext.similarity`): on a ``--public`` site that corpus holds
only public records, so an internal record can never be suggested.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from markupsafe import Markup

from ..models import Kind, Record
from ..present import KIND_LABELS
from ..similar import SimilarRecord
from .render import render
from .routes import record_src
from .types import SiteContext

#: Records shown, and the kinds suggested (services and indicators are in the information box).
SEE_ALSO_CAP = 5
KINDS = (Kind.PRACTICE, Kind.REX)
EXTRA = 3
#: Names shown per reason, so a reason stays one line.
NAMES_SHOWN = 3


@dataclass(frozen=True, slots=True)
class SeeAlso:
    """One suggestion: its page, title, kind label and the reason line."""

    to: str
    text: str
    kind: str
    reason: str


def _names(ids: Sequence[str], records: Mapping[str, Record]) -> str:
    titles = [records[i].title if i in records else i for i in ids[:NAMES_SHOWN]]
    more = len(ids) - NAMES_SHOWN
    return ", ".join(titles) + (f" (+{more})" if more > 0 else "")


def reason(ctx: SiteContext, record: Record, found: SimilarRecord) -> str:
    """``lien direct ; en commun : services …, indicateurs …, étiquettes …, mots …``."""
    corpus = ctx.corpus
    # A practice one of the two *is* is a direct link, not something they share.
    own = {r.id for r in (record, found.record) if r.kind is Kind.PRACTICE}
    practices = [p for p in found.practices if p not in own]
    parts = [
        (found.services and f"services {_names(found.services, corpus.by_id(Kind.SERVICE))}"),
        (
            found.indicators
            and f"indicateurs {_names(found.indicators, corpus.by_id(Kind.INDICATOR))}"
        ),
        (practices and f"pratiques {_names(practices, corpus.by_id(Kind.PRACTICE))}"),
        (found.tags and f"étiquettes {', '.join(found.tags[:NAMES_SHOWN])}"),
        (found.words and f"mots {', '.join(found.words[:NAMES_SHOWN])}"),
    ]
    shared = " ; ".join(p for p in parts if p)
    why = [
        *(["lien direct"] if found.linked else []),
        *([f"en commun : {shared}"] if shared else []),
    ]
    return " ; ".join(why)


def similar_records(ctx: SiteContext, record: Record) -> list[SimilarRecord]:
    """Up to `SEE_ALSO_CAP` practices and REX most similar to ``record``, best first."""
    # A few more than shown: services and indicators among the closest are left out.
    found = ctx.similarity.similar(record, SEE_ALSO_CAP + EXTRA)
    return [s for s in found if s.kind in KINDS][:SEE_ALSO_CAP]


def see_also_block(ctx: SiteContext, record: Record) -> Markup:
    """The "À voir aussi" list of ``record``'s page, or nothing when no record is similar."""
    found = similar_records(ctx, record)
    if not found:
        return Markup()
    here = record_src(record.kind, record.id)
    items = [
        SeeAlso(record_src(s.kind, s.id), s.title, KIND_LABELS[s.kind][0], reason(ctx, record, s))
        for s in found
    ]
    hrefs = _HREFS.get(ctx)
    if hrefs is None:
        hrefs = _HREFS[ctx] = {}

    def href(to: str) -> str:
        # A link from a record page to another depends only on the page's kind (its folder):
        # one relpath per suggested page and kind, not one per link.
        key = (record.kind, to)
        found = hrefs.get(key)
        if found is None:
            found = hrefs[key] = ctx.linker.href(here, to)
        return found

    return render("context/see-also.html", items=items, href=href)


#: Per site: (kind of the page, page linked to) -> relative link.
_HREFS: WeakKeyDictionary[SiteContext, dict[tuple[Kind, str], str]] = WeakKeyDictionary()
