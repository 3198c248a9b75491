"""The public view of a corpus: only ``visibility: public`` records."""

from __future__ import annotations

from ..corpus import Corpus
from ..diagnostics import Report
from ..models import Kind, Record
from ..results import ResultsSet


def public_corpus(corpus: Corpus) -> Corpus:
    """A corpus holding only the public records of ``corpus``.

    Filtering happens before any page is generated, so links, counts, tags and search entries
    computed from it never mention an internal record: relations to one simply vanish. The
    report keeps only the public records' diagnostics and counts, so no figure about the
    internal files (how many, how many broken) reaches the site either. A results row is
    public only when its indicator and its service both are.
    """
    records = [_without_contact(r) for r in corpus if r.visibility == "public"]
    paths = {r.path.as_posix() for r in records}
    report = Report(
        diagnostics=[d for d in corpus.report if d.path in paths],
        files=len(records),
        records=len(records),
    )
    public = {(r.kind, r.id) for r in records}
    results = ResultsSet(
        [
            m
            for m in corpus.results.measurements
            if (Kind.INDICATOR, m.indicator) in public and (Kind.SERVICE, m.service) in public
        ]
    )
    return Corpus(corpus.root, records, report, vocabulary=corpus.vocabulary, results=results)


def _without_contact(record: Record) -> Record:
    # A contact may name a person's mailbox: only the author can say it may be published.
    if getattr(record, "contact", None) is None or getattr(record, "contact_public", False):
        return record
    return record.model_copy(update={"contact": None})
