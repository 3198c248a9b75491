"""The similarity index: one weighted vector per record, and postings for the rarer features.

A record's features are its word stems (weighted by field and by rarity), the tags it carries,
the records it links to and itself, so that a REX and the practice it applies share a feature.
The score of two records is the cosine of their vectors. See the package docstring for why
candidates come from capped postings.
"""

from __future__ import annotations

import heapq
import math
from array import array
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import itemgetter, mul, neg
from typing import TYPE_CHECKING, Any

from ..errors import RexError
from ..models import Kind, Record, parse_kind
from .text import Analyzer, weighted_text

if TYPE_CHECKING:
    from ..corpus import Corpus

# How much a shared link or tag counts against a shared word of the same rarity: links are
# deliberate, a word may be incidental.
LINK_WEIGHT = 2.0
TAG_WEIGHT = 1.0
# Postings longer than this are not scanned for candidates (their feature is still scored):
# a feature most records carry finds everyone and tells little. Small corpora are exact.
MIN_POSTINGS_CAP = 1000
POSTINGS_CAP_SHARE = 0.02
# Postings read per lookup, rarest features first: bounds a lookup whatever the vocabulary.
SCAN_BUDGET = 5000
# Candidates rescored with every feature, beyond the number asked for.
EXTRA_CANDIDATES = 15
WORDS_SHOWN = 5
_LINK, _TAG = "@", "#"  # stems are \w+, so these prefixes never collide with a word


class UnknownRecordError(RexError, KeyError):
    """No record has that id (or the id names records of several kinds and no kind was given)."""


@dataclass(frozen=True, slots=True)
class SimilarRecord:
    """A record similar to the one asked about, with a score in [0, 1] and why."""

    record: Record
    score: float
    services: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    practices: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    linked: bool = False

    @property
    def kind(self) -> Kind:
        """The similar record's kind."""
        return self.record.kind

    @property
    def id(self) -> str:
        """The similar record's id."""
        return self.record.id

    @property
    def title(self) -> str:
        """The similar record's title."""
        return self.record.title

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: kind, id, title, score and the reasons."""
        return {
            "kind": self.kind.value,
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "linked": self.linked,
            "services": list(self.services),
            "indicators": list(self.indicators),
            "practices": list(self.practices),
            "tags": list(self.tags),
            "words": list(self.words),
        }


@dataclass(slots=True)
class _Vectors:
    """Per record: feature numbers and their normalised weights (arrays keep 50,000 small)."""

    features: list[array[int]] = field(default_factory=list)
    weights: list[array[float]] = field(default_factory=list)


class SimilarityIndex:
    """Every record's vector, built once; `similar` then answers one lookup per page."""

    def __init__(
        self,
        records: list[Record],
        names: list[str],
        vectors: _Vectors,
        postings: dict[int, tuple[array[int], array[float]]],
        analyzer: Analyzer,
        tag_names: dict[str, str],
    ) -> None:
        self._records = records
        self._names = names
        self._vectors = vectors
        self._postings = postings
        self._analyzer = analyzer
        self._tag_names = tag_names
        self._docs: dict[tuple[Kind, str], int] = {(r.kind, r.id): n for n, r in enumerate(records)}
        self._by_id: dict[str, list[int]] = {}
        for n, r in enumerate(records):
            self._by_id.setdefault(r.id, []).append(n)
        numbers = {name: n for n, name in enumerate(names)}
        # Link and tag features: (kind, id) of a link, ("", shown name) of a tag.
        self._special: dict[int, tuple[str, str]] = {}
        marks = (_LINK, _TAG)
        for fid in [f for f, name in enumerate(names) if name[0] in marks]:
            name = names[fid]
            if name[0] == _LINK:
                kind_name, _, rid = name[1:].partition("/")
                self._special[fid] = (kind_name, rid)
            elif name[0] == _TAG:
                self._special[fid] = ("", tag_names[name])
        # A record's own feature (-1 if no record links to it: then it was left out).
        self._self_fids = [numbers.get(_self_feature(r), -1) for r in records]

    @classmethod
    def build(cls, corpus: Corpus) -> SimilarityIndex:
        """Analyse every record of ``corpus`` and weigh its features by rarity."""
        analyzer = Analyzer()
        numbers: dict[str, int] = {}
        names: list[str] = []
        df: list[int] = []
        records: list[Record] = []
        raw: list[tuple[array[int], array[float]]] = []
        tag_names: dict[str, str] = {}
        for record in corpus:
            counts = _features(corpus, record, analyzer, tag_names)
            fids = []
            for name in counts:
                fid = numbers.get(name)
                if fid is None:
                    fid = numbers[name] = len(names)
                    names.append(name)
                    df.append(0)
                df[fid] += 1
                fids.append(fid)
            records.append(record)
            raw.append((array("I", fids), array("f", counts.values())))
        vectors, postings = _weigh(raw, df)
        return cls(records, names, vectors, postings, analyzer, tag_names)

    def __len__(self) -> int:
        return len(self._records)

    def similar(
        self, record: str | Record, limit: int = 5, *, kind: Kind | str | None = None
    ) -> list[SimilarRecord]:
        """The ``limit`` records most similar to ``record`` (an id or a record), best first.

        Ties are broken by id. Records that share nothing with it are never returned. Raises
        `UnknownRecordError` (a `KeyError` and a `rex.RexError`) for an unknown id.
        """
        if limit <= 0:
            return []
        doc = self._doc(record, kind)
        query = dict(zip(self._vectors.features[doc], self._vectors.weights[doc], strict=True))
        candidates = self._candidates(doc, query, limit + EXTRA_CANDIDATES)
        features, weights = self._vectors.features, self._vectors.weights
        scored = []
        products: dict[int, list[float]] = {}
        for other in candidates:
            # The exact cosine, frequent features included (candidates were found without them).
            # Each feature's product is kept: the ones shown then say what the two share.
            found = products[other] = list(
                map(mul, map(query.get, features[other], repeat(0.0)), weights[other])
            )
            score = sum(found)
            if score > 0:
                scored.append((-round(score, 4), self._records[other].id, other))
        scored.sort()
        return [
            self._explain(doc, query, other, products[other], -neg)
            for neg, _, other in scored[:limit]
        ]

    def _candidates(self, doc: int, query: dict[int, float], wanted: int) -> list[int]:
        """Records sharing the query's rarer features, by their score on those features."""
        postings = self._postings
        scan = sorted((fid for fid in query if fid in postings), key=lambda f: (-query[f], f))
        budget = SCAN_BUDGET
        acc: dict[int, float] = {}
        get = acc.get
        for fid in scan:
            docs, weights = postings[fid]
            if len(docs) > budget:
                continue
            budget -= len(docs)
            qw = query[fid]
            # A plain loop: summing in C through dicts and set operations measured slower.
            for other, w in zip(docs, weights, strict=True):
                acc[other] = get(other, 0.0) + qw * w
        acc.pop(doc, None)
        best = heapq.nlargest(wanted, acc.items(), key=itemgetter(1))
        return [other for other, _ in best]

    def _doc(self, record: str | Record, kind: Kind | str | None) -> int:
        if not isinstance(record, str):
            kind, record = record.kind, record.id
        if kind is not None:
            wanted = kind if isinstance(kind, Kind) else parse_kind(kind)
            doc = self._docs.get((wanted, record))
            if doc is None:
                raise UnknownRecordError(f"no {wanted.singular} with id '{record}'")
            return doc
        docs = self._by_id.get(record, [])
        if not docs:
            raise UnknownRecordError(
                f"no record with id '{record}'", hint="ids are file names without '.md'"
            )
        if len(docs) > 1:
            kinds = ", ".join(self._records[d].kind.singular for d in docs)
            raise UnknownRecordError(
                f"id '{record}' names records of several kinds ({kinds})", hint="give its kind"
            )
        return docs[0]

    def _explain(
        self, doc: int, query: dict[int, float], other: int, products: list[float], score: float
    ) -> SimilarRecord:
        """The similar record with what the two share: links, tags, the weightiest words.

        ``products`` holds, for each feature of ``other``, its weight times the query's (0 for
        a feature the query lacks: weights are positive, so a shared feature's is not 0).
        """
        theirs_features = self._vectors.features[other]
        shared = list(compress(theirs_features, products))
        weights = list(filter(None, products))
        # Links and tags are few and all shown (sorted by name below): only the words need
        # ranking, by weight then stem, and only the first few of them.
        special = self._special.keys() & shared
        if special:
            kept = [(w, fid) for w, fid in zip(weights, shared, strict=True) if fid not in special]
            weights = [w for w, _ in kept]
            shared = [fid for _, fid in kept]
        names = self._names
        if len(weights) > WORDS_SHOWN:
            # The words shown weigh at least the WORDS_SHOWN-th weight: sort floats to find it,
            # then only those words by (weight, stem), as sorting every shared word did.
            least = sorted(weights, reverse=True)[WORDS_SHOWN - 1]
            ranked = sorted(
                (-w, names[fid]) for w, fid in zip(weights, shared, strict=True) if w >= least
            )
        else:
            ranked = sorted(zip(map(neg, weights), map(names.__getitem__, shared), strict=True))
        words = [self._analyzer.surface(name) for _, name in ranked[:WORDS_SHOWN]]
        links: dict[str, list[str]] = {k.value: [] for k in Kind}
        tags: list[str] = []
        for fid in special:
            kind_name, name = self._special[fid]
            if kind_name:
                links[kind_name].append(name)
            else:
                tags.append(name)
        theirs = self._records[other]
        mine_fid, theirs_fid = self._self_fids[doc], self._self_fids[other]
        linked = theirs_fid in query or mine_fid in theirs_features
        return SimilarRecord(
            record=theirs,
            score=score,
            services=tuple(sorted(links[Kind.SERVICE.value])),
            indicators=tuple(sorted(links[Kind.INDICATOR.value])),
            practices=tuple(sorted(links[Kind.PRACTICE.value])),
            tags=tuple(sorted(tags)),
            words=tuple(words),
            linked=linked,
        )


def _weigh(
    raw: list[tuple[array[int], array[float]]], df: list[int]
) -> tuple[_Vectors, dict[int, tuple[array[int], array[float]]]]:
    """Normalised tf-idf vectors from raw counts, and the postings of the rarer features."""
    total = len(raw)
    idf = [math.log(1 + total / d) for d in df]
    cap = max(MIN_POSTINGS_CAP, int(total * POSTINGS_CAP_SHARE))
    vectors = _Vectors()
    post_docs: dict[int, array[int]] = {}
    post_weights: dict[int, array[float]] = {}
    for doc, (fids, tfs) in enumerate(raw):
        # A feature no other record has cannot be shared: leaving it out keeps the vectors
        # small and changes no ranking of the record's neighbours.
        kept = [(fid, tf * idf[fid]) for fid, tf in zip(fids, tfs, strict=True) if df[fid] > 1]
        norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
        out_f = array("I", [fid for fid, _ in kept])
        out_w = array("d", [w / norm for _, w in kept])
        vectors.features.append(out_f)
        vectors.weights.append(out_w)
        for fid, w in zip(out_f, out_w, strict=True):
            if df[fid] <= cap:
                if fid not in post_docs:
                    post_docs[fid] = array("I")
                    post_weights[fid] = array("d")
                post_docs[fid].append(doc)
                post_weights[fid].append(w)
        raw[doc] = (array("I"), array("f"))  # free as we go: peak memory is one copy
    return vectors, {fid: (docs, post_weights[fid]) for fid, docs in post_docs.items()}


def _self_feature(record: Record) -> str:
    return f"{_LINK}{record.kind.value}/{record.id}"


def _features(
    corpus: Corpus, record: Record, analyzer: Analyzer, tag_names: dict[str, str]
) -> dict[str, float]:
    """The record's features with their weight before rarity: words, tags, links and itself."""
    tf: dict[str, float] = {}
    for text, weight in weighted_text(record):
        analyzer.count(text, weight, tf)
    # Sub-linear: a word written ten times is not ten times as telling.
    features: dict[str, float] = {stem: 1 + math.log(n) for stem, n in tf.items()}
    for tag in record.tags:
        name = _TAG + " ".join(analyzer.stems(tag, numbers=True))
        if name != _TAG:
            tag_names.setdefault(name, tag)
            features[name] = TAG_WEIGHT
    features[_self_feature(record)] = LINK_WEIGHT
    for target in corpus.outgoing(record):
        features[_self_feature(target)] = LINK_WEIGHT
    return features
