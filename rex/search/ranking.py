"""Rank plain word queries from cached per-term scores, with whoosh's own scorer.

whoosh ranks by walking a tree of matchers and scoring every matching document in Python.
When a query matches most of a large corpus (one- and two-word French queries often do), that
walk dominates: about 60-110 ms on 10,000 records. Most queries are ANDs of ORs of single
terms (each word in each text field), so each term's scores are computed once with the term's
own matcher (same BM25F weighting, same field boosts), kept while the index generation lasts,
and summed: the same scores and the same order as whoosh, in a fraction of the time.
Anything else (phrases, prefixes, fuzzy terms, NOT) is left to whoosh.
"""

from __future__ import annotations

import heapq
from collections import OrderedDict
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.scoring import BM25F, bm25
from whoosh.util.numeric import byte_to_length

from .codec import term_postings

#: Cached (document -> score) entries, about 100 bytes each: at 50,000 records a common word
#: holds 20,000-50,000, and a budget of a few words made every query score its words again.
_BUDGET = 1_500_000

Scores = dict[int, float]


class TermScores:
    """Per-term document scores for one reader (one index generation), least recent evicted."""

    def __init__(self, searcher: Any, budget: int = _BUDGET) -> None:
        self._searcher = searcher
        self._budget = budget
        self._size = 0
        self._cache: OrderedDict[tuple[Any, ...], Scores] = OrderedDict()
        self._field_lengths: dict[tuple[int, str], bytes] = {}

    def top(
        self, node: wq.Query, limit: int, allowed: int | None = None
    ) -> list[tuple[float, int]] | None:
        """The ``limit`` best ``(score, docnum)`` pairs, best first, among the documents whose
        bit is set in ``allowed`` (all if None); None if ``node`` is not made only of terms,
        ANDs and ORs (the caller then asks whoosh)."""
        if not _plain(node):
            return None
        scores = self._scores(node)
        if allowed is not None:
            # Bit tests on bytes: shifting a large int for each document costs its length.
            bits = allowed.to_bytes((allowed.bit_length() + 7) // 8, "little")
            size = len(bits)
            scores = {
                docnum: score
                for docnum, score in scores.items()
                if docnum >> 3 < size and bits[docnum >> 3] >> (docnum & 7) & 1
            }
        items: Any = scores.items()
        if len(scores) > limit:
            # Only the documents scoring at least the limit-th best score can be in the top
            # (ties included): finding that score runs in C, the full ordering on a few.
            cut = heapq.nlargest(limit, scores.values())[-1]
            items = [(docnum, score) for docnum, score in items if score >= cut]
        # whoosh breaks ties by document number, lowest first.
        best = sorted(items, key=lambda item: (-item[1], item[0]))[:limit]
        return [(score, docnum) for docnum, score in best]

    def _scores(self, node: wq.Query) -> Scores:
        if type(node) is wq.Term:
            return self._term(node)
        if node is wq.NullQuery:  # a prefix that stands for no word
            return {}
        if type(node) is wq.Or:
            # A word searched in every text field: cached like a term, words come back.
            key = _key(node)
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
            total: Scores = {}
            # Its terms are not kept on their own: the word's total is what comes back.
            children = node.children()
            for part in (
                self._term(child, keep=False) if type(child) is wq.Term else self._scores(child)
                for child in children
            ):
                for docnum, score in part.items():
                    total[docnum] = total.get(docnum, 0.0) + score
            self._keep(key, total)
            return total
        parts = [self._scores(child) for child in node.children()]
        common = set(min(parts, key=len))  # type: ignore[arg-type]
        for part in parts:
            common.intersection_update(part)
        return {docnum: sum(part[docnum] for part in parts) for docnum in common}

    def _term(self, term: wq.Term, keep: bool = True) -> Scores:
        key = _key(term)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        found = {}
        if (term.fieldname, term.text) in self._searcher.reader():
            found = self._bm25(term) if self._fast(term) else self._by_matcher(term)
        if keep:
            self._keep(key, found)
        return found

    def _keep(self, key: tuple[Any, ...], scores: Scores) -> None:
        self._cache[key] = scores
        self._size += len(scores)
        while self._size > self._budget and len(self._cache) > 1:
            _, evicted = self._cache.popitem(last=False)
            self._size -= len(evicted)

    def _by_matcher(self, term: wq.Term) -> Scores:
        found: Scores = {}
        matcher = term.matcher(self._searcher)
        while matcher.is_active():
            found[matcher.id()] = matcher.score()
            matcher.next()
        return found

    def _fast(self, term: wq.Term) -> bool:
        weighting = self._searcher.weighting
        return (
            type(weighting) is BM25F
            and term.boost == 1.0
            and isinstance(term.text, str)
            and self._searcher.schema[term.fieldname].scorable
        )

    def _bm25(self, term: wq.Term) -> Scores:
        """What whoosh's BM25F scorer gives each document, from the term's arrays.

        whoosh's matcher costs about 30 microseconds a posting (a chain of Python calls for
        each). A posting's score depends only on its weight and on the document's field
        length, which whoosh keeps as one byte: the same `bm25` function is called once for
        each (weight, length byte) pair met, and the postings look their score up in C.
        """
        searcher = self._searcher
        field, text = term.fieldname, term.text
        weighting = searcher.weighting
        b = weighting._field_B.get(field, weighting.B)
        k1 = weighting.K1
        idf = searcher.idf(field, text)
        average = searcher.avg_field_length(field) or 1

        class Table(dict[tuple[float, int], float]):
            def __missing__(self, key: tuple[float, int]) -> float:
                weight, length = key
                found: float = bm25(idf, weight, _BYTE_LENGTH[length], average, b, k1)
                self[key] = found
                return found

        table = Table()
        found: Scores = {}
        btext = searcher.schema[field].to_bytes(text)
        for offset, leaf, ids, weights in term_postings(searcher.reader(), field, btext):
            lengths = self._lengths(leaf, field)
            pairs = zip(weights, map(lengths.__getitem__, ids), strict=True)
            docnums = map(offset.__add__, ids) if offset else ids
            found.update(zip(docnums, map(table.__getitem__, pairs), strict=True))
        return found

    def _lengths(self, leaf: Any, field: str) -> bytes:
        """Each document's length byte in ``field`` in one segment, as whoosh's scorer reads
        it."""
        # Keyed by the segment reader, which this searcher keeps open (and alive).
        key = (id(leaf), field)
        found = self._field_lengths.get(key)
        if found is None:
            column = leaf._perdoc.column_reader(_lenfield(field), LENGTHS_COLUMN)
            found = self._field_lengths[key] = bytes(column)
        return found


_BYTE_LENGTH = [byte_to_length(byte) for byte in range(256)]


def _key(node: wq.Query) -> tuple[Any, ...]:
    if type(node) is wq.Term:
        return (node.fieldname, str(node.text), float(node.boost))
    return (type(node).__name__, *(_key(child) for child in node.children()))


def _plain(node: wq.Query) -> bool:
    if type(node) is wq.Term or node is wq.NullQuery:
        return True
    if type(node) in (wq.And, wq.Or) and node.boost == 1.0:
        children = node.children()
        return bool(children) and all(_plain(child) for child in children)
    return False
