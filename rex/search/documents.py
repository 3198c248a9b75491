"""Turn validated records into the flat documents the index stores (no search engine here).

A document holds the record's own text, the ids it links to (for filters and facets), and the
titles of the records it links to, so that a REX is found by the name of an indicator it
measured even when its text never says it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from enum import Enum

from ..context import budget_band
from ..corpus import Corpus
from ..models import Kind, Record

#: Bump when the document layout or the analysis changes: the index is then rebuilt.
SCHEMA_VERSION = "rex-search-5"

Document = dict[str, str]


def record_key(kind: Kind | str, record_id: str) -> str:
    """The unique key of a record in the index: ids are unique only within a kind."""
    return f"{Kind(kind).value}/{record_id}"


#: The index's link facets, each named after the kind whose ids it holds.
FACET_KINDS = ("services", "indicators", "practices")


def _values(record: Record, path: str) -> list[str]:
    """The non-empty values at a field path (``authors``, ``measures[].note``) as text."""
    outer, _, inner = path.partition("[].")
    value = getattr(record, outer, None)
    items = value if isinstance(value, list) else [value]
    if inner:
        items = [getattr(item, inner, None) for item in items]
    return [str(item) for item in items if item is not None and item != ""]


def _choice(record: Record, name: str) -> str:
    value = getattr(record, name, None)
    return str(value.value if isinstance(value, Enum) else value or "")


def build_document(corpus: Corpus, record: Record) -> Document:
    """The fields of ``record`` as the index stores them, including its content hash.

    What goes where comes from the kind's `SearchFields`; the link facets hold the record's
    own id (in its kind's facet) and the ids it links to.
    """
    fields = record.kind.spec.search
    facets: dict[str, list[str]] = {name: [] for name in FACET_KINDS}
    if record.kind.value in facets:
        facets[record.kind.value].append(record.id)
    for link_ in record.links():
        if link_.kind.value in facets:
            facets[link_.kind.value].append(link_.id)
    keywords = [*record.tags, *(v for path in fields.keywords for v in _values(record, path))]
    days = [getattr(record, name, None) for name in fields.date]
    day = next((d for d in days if isinstance(d, dt.date)), None)
    date = day.isoformat() if day else ""
    linked_titles = "\n".join(r.title for r in corpus.outgoing(record))
    context = _context(corpus, record)
    document = {
        "key": record_key(record.kind, record.id),
        "id": record.id,
        "kind": record.kind.value,
        "title": record.title,
        "summary": "\n".join(_values(record, fields.summary)) if fields.summary else "",
        "body": record.body,
        "lessons": "\n".join(_values(record, fields.lessons)) if fields.lessons else "",
        "keywords": "\n".join(keywords),
        "linked": linked_titles,
        "tags": ",".join(t.lower() for t in record.tags),
        **{name: ",".join(_unique(ids)) for name, ids in facets.items()},
        "status": _choice(record, "status"),
        "outcome": _choice(record, "outcome"),
        "date": date,
        "year": date[:4],
        "path": str(record.path),
        **context,
    }
    # The file digest covers the record's own text; the linked titles, the path and the
    # context (territories, superseding records) come from elsewhere, so they are hashed too:
    # renaming an indicator re-indexes the REX that cite it.
    fingerprint = "\0".join(
        (SCHEMA_VERSION, record.digest, document["path"], linked_titles, *context.values())
    )
    document["hash"] = hashlib.blake2b(fingerprint.encode(), digest_size=12).hexdigest()
    return document


#: Facets that tell whether a record transfers (see `rex.context`).
CONTEXT_FIELDS = (
    "territory",
    "territory_type",
    "population_band",
    "budget_band",
    "themes",
    "approach",
    "superseded",
)


#: Search filters that keep records holding a value in a facet field: keyword -> field.
CONTEXT_FILTERS = {
    "territory": "territory",
    "territory_type": "territory_type",
    "population_band": "population_band",
    "budget_band": "budget_band",
    "theme": "themes",
    "approach": "approach",
    "outcome": "outcome",
}
SUPERSEDED = ("superseded", "1")


def _context(corpus: Corpus, record: Record) -> dict[str, str]:
    """Territory, size, budget, vocabulary and whether a newer record replaces this one."""
    found = corpus.territory_profile(record)
    budget = getattr(record, "budget", None)
    return {
        "territory": ",".join(t.id for t in found.territories),
        "territory_type": ",".join(t.value for t in found.types),
        "population_band": ",".join(found.bands),
        "budget_band": budget_band(budget.amount) if budget is not None else "",
        "themes": ",".join(_unique(getattr(record, "themes", None) or [])),
        "approach": getattr(record, "approach", None) or "",
        "superseded": "1" if corpus.superseded_by(record) else "",
    }


def build_documents(corpus: Corpus) -> dict[str, Document]:
    """Every record of ``corpus`` as a document, by key."""
    return {doc["key"]: doc for doc in (build_document(corpus, r) for r in corpus)}


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
