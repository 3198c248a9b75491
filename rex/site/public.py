"""The public view of a corpus: only ``visibility: public`` records."""

from __future__ import annotations

from ..corpus import Corpus


def public_corpus(corpus: Corpus) -> Corpus:
    """A corpus holding only the public records of ``corpus``.

    Filtering happens before any page is generated, so links, counts, tags and search entries
    computed from it never mention an internal record: relations to one simply vanish.
    """
    return Corpus(corpus.root, [r for r in corpus if r.visibility == "public"], corpus.report)
