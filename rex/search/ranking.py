"""Rank plain word queries from cached score vectors, with whoosh's own scorer.

whoosh ranks by walking a tree of matchers and scoring every matching document in Python.
When a query matches most of a large corpus (one- and two-word French queries often do), that
walk dominates: about 60-110 ms on 10,000 records. Most queries are ANDs of ORs of single
terms (each word in each text field, or the words a prefix stands for), so each word's scores
are computed once with whoosh's BM25F function (same weighting, same field boosts) into a
vector indexed by document number, kept while the index generation lasts, and vectors are
summed in C (``map(add, ...)``) in the order the old per-document sums used: the same floats.
The caller passes the exact set of matching documents (a bitmap from `matches`), so a plain
sum at the top of the query is never read for a document that misses a word.
Anything else (phrases, fuzzy terms, NOT) is left to whoosh.
"""

from __future__ import annotations

import heapq
from array import array
from collections import OrderedDict
from operator import add
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.scoring import BM25F, bm25
from whoosh.util.numeric import byte_to_length

from .codec import term_postings
from .matches import members

#: Cached scores (8 bytes each; a vector holds one per document): 160 MB, about 400 words at
#: 50,000 records. A budget of a few words made every query score its words again.
_BUDGET = 20_000_000

_DIGITS = bytes.maketrans(b"\x00\x01", b"01")

Vector = array  # array("d"): a score per document number, 0.0 where the query does not match
Scores = dict[int, float]


class TermScores:
    """Score vectors of the words of one reader (one index generation), least recent evicted."""

    def __init__(self, searcher: Any, budget: int = _BUDGET) -> None:
        self._searcher = searcher
        self._doccount = searcher.reader().doc_count_all()
        self._budget = budget
        self._size = 0
        self._cache: OrderedDict[tuple[Any, ...], Vector[float]] = OrderedDict()
        self._bitmaps: dict[tuple[Any, ...], int] = {}  # of cached vectors: where not 0.0
        self._field_lengths: dict[tuple[int, str], tuple[bytes, list[int]]] = {}

    def top(self, node: wq.Query, limit: int, allowed: int) -> list[tuple[float, int]] | None:
        """The ``limit`` best ``(score, docnum)`` pairs, best first, among the documents whose
        bit is set in ``allowed`` (documents that match ``node``); None if ``node`` is not
        made only of terms, ANDs and ORs (the caller then asks whoosh)."""
        if not _plain(node):
            return None
        vector = self._vector(node, exact=False)
        # nlargest keeps the input order among equal scores: lowest document first, as whoosh.
        best = heapq.nlargest(limit, members(allowed), key=vector.__getitem__)
        return [(vector[docnum], docnum) for docnum in best]

    def matches(self, node: wq.Query) -> int | None:
        """The bitmap of the documents (deleted ones included) that match ``node``; None if
        it is not made only of terms, ANDs and ORs."""
        if not _plain(node):
            return None
        return self._matches(node)

    def _matches(self, node: wq.Query) -> int:
        if type(node) is wq.And:
            found = -1
            for child in node.children():
                found &= self._matches(child)
                if not found:
                    break
            return found
        if node is wq.NullQuery:
            return 0
        # The word's scores are needed to rank it anyway: its documents are where they are
        # not 0.0, found in C, instead of a second loop over its postings.
        vector = self._vector(node, exact=True)
        key = _key(node)
        known = self._bitmaps.get(key)
        if known is not None:
            return known
        digits = bytes(map(bool, vector)).translate(_DIGITS)[::-1]
        found = int(digits, 2) if digits else 0
        if key in self._cache:
            self._bitmaps[key] = found
        return found

    def scores(self, node: wq.Query) -> Scores:
        """Each matching document's score for a term or an OR of terms (for tests)."""
        vector = self._vector(node, exact=True)
        return {docnum: score for docnum, score in enumerate(vector) if score}

    def _vector(self, node: wq.Query, exact: bool) -> Vector[float]:
        """``node``'s scores; with ``exact``, 0.0 for every document that does not match."""
        if type(node) is wq.And:
            # A BM25 score is never 0 (weights and idf are positive): 0.0 means "no match".
            parts = [self._vector(child, exact) for child in node.children()]
            if exact:
                return array("d", map(_all_or_nothing, *parts))
            total = parts[0]
            for part in parts[1:]:
                total = array("d", map(add, total, part))
            return total
        if node is wq.NullQuery:  # a prefix that stands for no word
            return self._zeros()
        key = _key(node)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        found = self._zeros()
        children = list(node.children()) if type(node) is wq.Or else [node]
        if len(children) > 1 and all(type(child) is wq.Term for child in children[:2]):
            # a + b == b + a: the longer of the first two lists is written, not added.
            children[:2] = sorted(children[:2], key=self._postings_count, reverse=True)
        # Summed child after child, as whoosh's scores of an OR were added up per document.
        for number, child in enumerate(children):
            if type(child) is wq.Term:
                self._add_term(found, child, fresh=number == 0)
            else:
                found = array("d", map(add, found, self._vector(child, exact=True)))
        self._keep(key, found)
        return found

    def _zeros(self) -> Vector[float]:
        return array("d", bytes(8 * self._doccount))

    def _keep(self, key: tuple[Any, ...], vector: Vector[float]) -> None:
        self._cache[key] = vector
        self._size += len(vector)
        while self._size > self._budget and len(self._cache) > 1:
            old, evicted = self._cache.popitem(last=False)
            self._bitmaps.pop(old, None)
            self._size -= len(evicted)

    def _postings_count(self, term: wq.Term) -> int:
        reader = self._searcher.reader()
        if (term.fieldname, term.text) not in reader:
            return 0
        count: int = reader.doc_frequency(term.fieldname, term.text)
        return count

    def _add_term(self, vector: Vector[float], term: wq.Term, fresh: bool) -> None:
        """Add ``term``'s scores to ``vector`` (``fresh``: still all zeros)."""
        if (term.fieldname, term.text) not in self._searcher.reader():
            return
        if not self._fast(term):
            for docnum, score in self._by_matcher(term).items():
                vector[docnum] += score
            return
        for offset, docnums, weights, lengths, table in self._bm25(term):
            # One loop per posting: a plain Python loop beats map() over bound methods.
            if offset:  # a later segment: its document numbers start at the offset
                for docnum, weight in zip(docnums, weights, strict=True):
                    vector[docnum + offset] += table[weight][lengths[docnum]]
            elif fresh:  # 0.0 + score == score
                for docnum, weight in zip(docnums, weights, strict=True):
                    vector[docnum] = table[weight][lengths[docnum]]
            else:
                for docnum, weight in zip(docnums, weights, strict=True):
                    vector[docnum] += table[weight][lengths[docnum]]

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

    def _bm25(self, term: wq.Term) -> list[tuple[int, Any, Any, bytes, dict[float, list[float]]]]:
        """What whoosh's BM25F scorer needs for each segment holding ``term``: the offset,
        document numbers, weights and field length bytes, and a table of scores.

        whoosh's matcher costs about 30 microseconds a posting (a chain of Python calls for
        each). A posting's score depends only on its weight and on the document's field
        length, which whoosh keeps as one byte: the same `bm25` function is called once for
        each weight and length byte met (``table[weight][length byte]``).
        """
        searcher = self._searcher
        field, text = term.fieldname, term.text
        weighting = searcher.weighting
        b = weighting._field_B.get(field, weighting.B)
        k1 = weighting.K1
        idf = searcher.idf(field, text)
        average = searcher.avg_field_length(field) or 1
        found = []
        btext = searcher.schema[field].to_bytes(text)
        for offset, leaf, ids, weights in term_postings(searcher.reader(), field, btext):
            lengths, present = self._lengths(leaf, field)
            table: dict[float, list[float]] = {}
            for weight in set(weights):
                row = table[weight] = [0.0] * 256
                for byte in present:
                    row[byte] = bm25(idf, weight, _BYTE_LENGTH[byte], average, b, k1)
            found.append((offset, ids, weights, lengths, table))
        return found

    def _lengths(self, leaf: Any, field: str) -> tuple[bytes, list[int]]:
        """Each document's length byte in ``field`` in one segment, as whoosh's scorer reads
        it, and the distinct bytes."""
        # Keyed by the segment reader, which this searcher keeps open (and alive).
        key = (id(leaf), field)
        found = self._field_lengths.get(key)
        if found is None:
            column = bytes(leaf._perdoc.column_reader(_lenfield(field), LENGTHS_COLUMN))
            found = self._field_lengths[key] = (column, sorted(set(column)))
        return found


_BYTE_LENGTH = [byte_to_length(byte) for byte in range(256)]


def _all_or_nothing(*scores: float) -> float:
    # The sum of a document's scores in each part of an AND, 0.0 if it misses one.
    return sum(scores) if all(scores) else 0.0


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
