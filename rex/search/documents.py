"""Turn validated records into the flat documents the index stores (no search engine here).

A document holds the record's own text, the ids it links to (for filters and facets), and the
titles of the records it links to, so that a REX is found by the name of an indicator it
measured even when its text never says it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..corpus import Corpus
from ..models import Indicator, Kind, Practice, Record, Rex, Service

#: Bump when the document layout or the analysis changes: the index is then rebuilt.
SCHEMA_VERSION = "rex-search-2"

Document = dict[str, str]


def record_key(kind: Kind | str, record_id: str) -> str:
    """The unique key of a record in the index: ids are unique only within a kind."""
    return f"{Kind(kind).value}/{record_id}"


def build_document(corpus: Corpus, record: Record) -> Document:
    """The fields of ``record`` as the index stores them, including its content hash."""
    linked = corpus.outgoing(record)
    services: list[str] = []
    indicators: list[str] = []
    practices: list[str] = []
    summary = ""
    keywords = list(record.tags)
    lessons: list[str] = []
    status = outcome = date = ""
    if isinstance(record, Service):
        services = [record.id] + ([record.parent] if record.parent else [])
        summary = record.description or ""
        keywords += [record.domain or ""]
    elif isinstance(record, Indicator):
        indicators = [record.id]
        services = list(record.services)
        summary = record.definition
        keywords += [record.unit, record.formula or "", record.source or ""]
    elif isinstance(record, Practice):
        practices = [record.id]
        services, indicators = list(record.services), list(record.indicators)
        summary = record.summary
        status = record.status.value
        keywords += [record.owner or ""]
        day = record.updated or record.created
        date = day.isoformat() if day else ""
    elif isinstance(record, Rex):
        services, practices = list(record.services), list(record.practices)
        indicators = _unique(m.indicator for m in record.measures)
        status, outcome, date = record.status.value, record.outcome.value, record.date.isoformat()
        lessons = list(record.lessons)
        keywords += [record.location or "", *record.authors]
        keywords += [m.note or "" for m in record.measures]
    linked_titles = "\n".join(r.title for r in linked)
    document = {
        "key": record_key(record.kind, record.id),
        "id": record.id,
        "kind": record.kind.value,
        "title": record.title,
        "summary": summary,
        "body": record.body,
        "lessons": "\n".join(lessons),
        "keywords": "\n".join(k for k in keywords if k),
        "linked": linked_titles,
        "tags": ",".join(t.lower() for t in record.tags),
        "services": ",".join(services),
        "indicators": ",".join(indicators),
        "practices": ",".join(practices),
        "status": status,
        "outcome": outcome,
        "date": date,
        "year": date[:4],
        "path": str(record.path),
    }
    # The file digest covers the record's own text; the linked titles and the path come from
    # elsewhere, so they are hashed too: renaming an indicator re-indexes the REX that cite it.
    fingerprint = "\0".join((SCHEMA_VERSION, record.digest, document["path"], linked_titles))
    document["hash"] = hashlib.blake2b(fingerprint.encode(), digest_size=12).hexdigest()
    return document


def build_documents(corpus: Corpus) -> dict[str, Document]:
    """Every record of ``corpus`` as a document, by key."""
    return {doc["key"]: doc for doc in (build_document(corpus, r) for r in corpus)}


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
