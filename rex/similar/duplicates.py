"""Near-duplicate records: two records of one kind whose title and summary nearly match."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..models import Kind, Record
from .text import Analyzer, lessons_text, summary_text

# Weighted Jaccard of two records' title and summary stems from which they are reported.
DUPLICATE_THRESHOLD = 0.45
# A stem of the title weighs this many times a stem of the summary.
TITLE_FACTOR = 2.0
WORDS_SHOWN = 5
# Stems carried by more records than this are not indexed (see the package docstring).
MIN_STEM_CAP = 200
STEM_CAP_SHARE = 0.01
_NOTHING: Mapping[str, Collection[str]] = MappingProxyType({})

if TYPE_CHECKING:  # the corpus runs the duplicate check when it loads: no import at run time
    from ..corpus import Corpus


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two records of the same kind that may describe the same thing (``first.id`` first)."""

    first: Record
    second: Record
    score: float
    words: tuple[str, ...]

    @property
    def kind(self) -> Kind:
        """The kind of both records."""
        return self.first.kind

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: kind, both ids and files, score and shared words."""
        return {
            "kind": self.kind.value,
            "first": {"id": self.first.id, "path": self.first.relpath},
            "second": {"id": self.second.id, "path": self.second.relpath},
            "score": self.score,
            "words": list(self.words),
        }


def near_duplicates(
    corpus: Corpus,
    *,
    ignore: Mapping[str, Collection[str]] = _NOTHING,
    threshold: float = DUPLICATE_THRESHOLD,
    kinds: Iterable[Kind] | None = None,
) -> list[DuplicatePair]:
    """Pairs of records of one kind whose title and summary are nearly the same.

    ``ignore`` maps a record id to ids it is known not to duplicate (either side silences
    the pair); ``kinds`` limits the kinds compared (default: every kind). Pairs are sorted by
    kind, then ids.
    """
    analyzer = Analyzer()
    pairs: list[DuplicatePair] = []
    wanted = list(Kind) if kinds is None else [Kind(k) for k in kinds]
    for kind in wanted:
        records = corpus.records(kind)
        for a, b, score, shared in _similar_pairs(records, analyzer, threshold):
            first, second = sorted((records[a], records[b]), key=lambda r: r.id)
            if second.id in ignore.get(first.id, ()) or first.id in ignore.get(second.id, ()):
                continue
            words = tuple(analyzer.surface(stem) for stem in shared)
            pairs.append(DuplicatePair(first, second, round(score, 4), words))
    pairs.sort(key=lambda p: (list(Kind).index(p.kind), p.first.id, p.second.id))
    return pairs


def _stem_weights(record: Record, analyzer: Analyzer) -> tuple[set[str], set[str]]:
    """The stems of a record's title, and of its summary (a REX's lessons stand for one)."""
    title = analyzer.stem_set(record.title)
    summary = summary_text(record) or lessons_text(record)
    return title, analyzer.stem_set(summary)


def _similar_pairs(
    records: list[Record], analyzer: Analyzer, threshold: float
) -> list[tuple[int, int, float, list[str]]]:
    """Pairs ``(a, b, score, shared stems)`` of records at or above ``threshold``.

    The score is a weighted Jaccard, sum of min over sum of max of the stems' weights: rarity
    in the kind, times `TITLE_FACTOR` for a stem of the title (two records with the same
    summary-like sentence but different titles are rarely the same thing).
    """
    texts = [_stem_weights(record, analyzer) for record in records]
    df: dict[str, int] = {}
    for title, summary in texts:
        for stem in title | summary:
            df[stem] = df.get(stem, 0) + 1
    total = len(texts)
    idf = {stem: math.log(1 + total / n) for stem, n in df.items()}
    vectors: list[dict[str, float]] = []
    for title, summary in texts:
        vector = {stem: idf[stem] for stem in summary}
        vector.update((stem, idf[stem] * TITLE_FACTOR) for stem in title)
        vectors.append(vector)
    masses = [sum(vector.values()) for vector in vectors]
    rank = {stem: n for n, stem in enumerate(sorted(df, key=lambda s: (df[s], s)))}
    cap = max(MIN_STEM_CAP, int(total * STEM_CAP_SHARE))
    # A pair reaches the threshold only if what it shares weighs at least this share of
    # the two masses together (J = c / (m1 + m2 - c) >= t  <=>  c >= t / (1 + t) (m1 + m2)).
    share = threshold / (1 + threshold)
    index: dict[str, list[tuple[int, float, float]]] = {}
    found: list[tuple[int, int, float, list[str]]] = []
    for doc, vector in enumerate(vectors):
        mass = masses[doc]
        verdicts: dict[int, bool] = {}
        remaining = mass
        for stem in sorted(vector, key=rank.__getitem__):
            # Once the stems left weigh too little to reach the threshold by themselves, a
            # record sharing none of the stems before cannot be a duplicate: stop indexing.
            if remaining < threshold * mass - 1e-9:
                break
            weight = vector[stem]
            remaining -= weight
            if not 1 < df[stem] <= cap:
                continue
            posting = index.setdefault(stem, [])
            for other, other_weight, other_remaining in posting:
                if other not in verdicts:
                    # The first stem the two share in this order: all they share lies from
                    # here on, which bounds their score (PPJoin's positional filter).
                    bound = min(weight, other_weight) + min(remaining, other_remaining)
                    verdicts[other] = bound >= share * (mass + masses[other]) - 1e-9
            posting.append((doc, weight, remaining))
        candidates = [other for other, keep in verdicts.items() if keep]
        for other in sorted(candidates):
            other_mass = masses[other]
            # The score is at most the ratio of the two masses: skip pairs of unequal length.
            if min(mass, other_mass) < threshold * max(mass, other_mass):
                continue
            theirs = vectors[other]
            shared = vector.keys() & theirs.keys()
            common = sum(map(min, map(vector.__getitem__, shared), map(theirs.__getitem__, shared)))
            score = common / (mass + other_mass - common)
            if score >= threshold:
                top = sorted(shared, key=lambda s: (-min(vector[s], theirs[s]), s))
                found.append((other, doc, score, top[:WORDS_SHOWN]))
    return found
