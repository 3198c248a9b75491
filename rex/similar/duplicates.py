"""Near-duplicate records: two records of one kind whose title and summary nearly match."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..corpus import Corpus
from ..models import Kind, Record
from .text import Analyzer, lessons_text, summary_text

# Weighted Jaccard of two records' title and summary stems from which they are reported.
DUPLICATE_THRESHOLD = 0.5
# Stems carried by more records than this are not indexed (see the package docstring).
MIN_STEM_CAP = 200
STEM_CAP_SHARE = 0.01
_NOTHING: Mapping[str, Collection[str]] = MappingProxyType({})


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
) -> list[DuplicatePair]:
    """Pairs of records of one kind whose title and summary are nearly the same.

    ``ignore`` maps a record id to ids it is known not to duplicate (either side silences
    the pair). Pairs are sorted by kind, then ids.
    """
    analyzer = Analyzer()
    pairs: list[DuplicatePair] = []
    for kind in Kind:
        records = corpus.records(kind)
        for a, b, score, shared in _similar_pairs(records, analyzer, threshold):
            first, second = sorted((records[a], records[b]), key=lambda r: r.id)
            if second.id in ignore.get(first.id, ()) or first.id in ignore.get(second.id, ()):
                continue
            words = tuple(analyzer.surface(stem) for stem in shared)
            pairs.append(DuplicatePair(first, second, round(score, 4), words))
    pairs.sort(key=lambda p: (list(Kind).index(p.kind), p.first.id, p.second.id))
    return pairs


def _stem_set(record: Record, analyzer: Analyzer) -> set[str]:
    """The stems of a record's title and summary (a REX's lessons stand for its summary)."""
    text = f"{record.title}\n{summary_text(record) or lessons_text(record)}"
    return set(analyzer.stems(text, numbers=True))


def _similar_pairs(
    records: list[Record], analyzer: Analyzer, threshold: float
) -> list[tuple[int, int, float, list[str]]]:
    """Pairs ``(a, b, score, shared stems)`` of records at or above ``threshold``."""
    sets = [_stem_set(record, analyzer) for record in records]
    df: dict[str, int] = {}
    for stems in sets:
        for stem in stems:
            df[stem] = df.get(stem, 0) + 1
    total = len(sets)
    weight = {stem: math.log(1 + total / n) for stem, n in df.items()}
    cap = max(MIN_STEM_CAP, int(total * STEM_CAP_SHARE))
    index: dict[str, list[int]] = {}
    found: list[tuple[int, int, float, list[str]]] = []
    for doc, stems in enumerate(sets):
        ordered = sorted(stems, key=lambda s: (df[s], s))
        mass = sum(weight[s] for s in ordered)
        candidates: set[int] = set()
        remaining = mass
        for stem in ordered:
            # Past this point the stems left weigh too little to reach the threshold alone:
            # a record sharing none of the stems before it cannot be a duplicate.
            if remaining < threshold * mass - 1e-9:
                break
            remaining -= weight[stem]
            if df[stem] > cap or df[stem] < 2:
                continue
            posting = index.setdefault(stem, [])
            candidates.update(posting)
            posting.append(doc)
        for other in sorted(candidates):
            shared = stems & sets[other]
            common = sum(weight[s] for s in shared)
            union = mass + sum(weight[s] for s in sets[other]) - common
            score = common / union if union else 0.0
            if score >= threshold:
                top = sorted(shared, key=lambda s: (-weight[s], s))
                found.append((other, doc, score, top[:5]))
    return found
