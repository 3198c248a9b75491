"""Similar records and near-duplicate warnings.

    index = SimilarityIndex.build(corpus)          # once
    index.similar("pesee-dechets-alimentaires")    # per page: [SimilarRecord], best first
    near_duplicates(corpus, ignore={"a": ["b"]})   # [DuplicatePair] of the same kind

**Similar records.** Each record is a vector of features: the stems of its text (title ×3,
summary ×2, body and lessons ×1; sub-linear counts), its tags, the records it links to and
itself (so a REX and the practice it applies share a feature), each weighted by rarity (idf)
and normalised; the score is the cosine. Candidates come from an inverted index over the
rarer features: postings longer than ``max(1000, 2 % of the records)`` are not scanned, and a
lookup reads at most 5,000 postings, rarest first. The best candidates on those features are
then rescored with every feature, so frequent words still count in the score and the reasons.
Why not MinHash/LSH: the site wants a graded score and its reasons (which links, which words),
which an inverted index gives exactly while MinHash only estimates an unweighted Jaccard;
MinHash also costs ~100 hashes per feature per record, slow in pure Python (rex has no numpy),
and its misses are random where capped postings miss only records that share nothing rare.

**Near-duplicates.** Records of one kind are compared on the stems of their title and summary
(definition, description or lessons for the kinds without one; numbers kept, so "bilan 2023"
and "bilan 2024" differ), weighted by rarity within the kind, with a weighted Jaccard
threshold. Candidate pairs come from prefix filtering, an exact similarity join: with the
stems of every record sorted rarest first, two records above the threshold must share a stem
among the first few of each (the shortest run whose remaining weight could no longer reach
the threshold), so only those prefixes are indexed. Stems in more than
``max(200, 1 % of the kind)`` records are not indexed (records sharing only such stems are
missed, which bounds the work).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from ..models import Kind, Record
from .duplicates import DuplicatePair, near_duplicates
from .index import SimilarityIndex, SimilarRecord, UnknownRecordError

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = [
    "DuplicatePair",
    "SimilarRecord",
    "SimilarityIndex",
    "UnknownRecordError",
    "near_duplicates",
    "similar",
]

# One index per live corpus: a site calls `similar` once per page.
_INDEXES: weakref.WeakKeyDictionary[Corpus, SimilarityIndex] = weakref.WeakKeyDictionary()


def similar(
    corpus: Corpus, record_id: str | Record, limit: int = 5, *, kind: Kind | str | None = None
) -> list[SimilarRecord]:
    """The ``limit`` records of ``corpus`` most similar to ``record_id``, best first."""
    index = _INDEXES.get(corpus)
    if index is None:
        index = _INDEXES[corpus] = SimilarityIndex.build(corpus)
    return index.similar(record_id, limit, kind=kind)
