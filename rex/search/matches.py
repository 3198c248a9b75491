"""Sets of matching documents as integer bitmaps: totals and facet counts in microseconds.

whoosh counts matches by walking its matcher trees in Python, which costs more than ranking
the top ten when a query matches most of a large corpus. Here each term's documents become an
``int`` whose bit *n* is document *n*; ``&``, ``|`` and ``bit_count`` then run in C.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from itertools import chain, compress
from typing import Any

from whoosh import query as wq

from .codec import term_postings

_CACHE_SIZE = 4096  # term bitmaps kept per index generation
#: A facet with more values than this is counted from each document's values.
_FEW_VALUES = 64
_BITS = bytes.maketrans(b"01", b"\x00\x01")


def bitmap(docnums: Iterable[int]) -> int:
    """The bitmap with the bits of ``docnums`` set."""
    numbers = docnums if isinstance(docnums, array | list) else list(docnums)
    if not numbers:
        return 0
    # One ASCII digit per document, parsed by int() in C.
    digits = bytearray(b"0") * (max(numbers) + 1)
    for docnum in numbers:
        digits[docnum] = 49  # "1"
    digits.reverse()
    return int(digits, 2)


def members(bits: int) -> list[int]:
    """The document numbers whose bit is set in ``bits``, in order."""
    if bits <= 0:
        return []
    # One byte per bit, from the binary digits (written highest first), selected in C.
    flags = format(bits, "b")[::-1].encode("ascii").translate(_BITS)
    return list(compress(range(len(flags)), flags))


def _docnums(reader: Any, field: str, text: str | bytes) -> list[int] | array[int]:
    """The documents holding a term, read a whole posting list at a time."""
    btext = text if isinstance(text, bytes) else reader.schema[field].to_bytes(text)
    found = term_postings(reader, field, btext)
    if len(found) == 1 and not found[0][0]:
        ids: array[int] = found[0][2]
        return ids
    return [docnum + offset for offset, _, ids, _ in found for docnum in ids]


class DocSets:
    """Bitmaps of the documents that match queries, for one reader (one index generation)."""

    def __init__(self, searcher: Any, facet_names: Iterable[str]) -> None:
        self._searcher = searcher
        reader = searcher.reader()
        self.live = bitmap(reader.all_doc_ids())
        self._terms: dict[tuple[str, str], int] = {}
        # Facets of few values: a bitmap per value. Facets of many values (a thousand
        # services): each live document's value numbers, and each value's count.
        self._names = list(facet_names)
        self._facets: dict[str, list[tuple[str, int]]] = {}
        self._spread: dict[str, tuple[list[str], list[list[int]], list[int]]] = {}
        for name in self._names:
            raws = list(reader.lexicon(name))
            if len(raws) <= _FEW_VALUES:
                self._facets[name] = [(raw.decode("utf-8"), self.term(name, raw)) for raw in raws]
            else:
                self._spread[name] = self._by_document(reader, name, raws)

    def _by_document(
        self, reader: Any, name: str, raws: list[bytes]
    ) -> tuple[list[str], list[list[int]], list[int]]:
        # Read from the postings, without a bitmap per value: 2,500 bitmaps of 50,000 bits
        # cost seconds to list again.
        live = format(self.live, "b")[::-1].encode("ascii").translate(_BITS)
        live = live.ljust(reader.doc_count_all(), b"\x00")
        by_document: list[list[int]] = [[] for _ in range(len(live))]
        sizes = []
        for number, raw in enumerate(raws):
            size = 0
            for docnum in _docnums(reader, name, raw):
                if live[docnum]:
                    by_document[docnum].append(number)
                    size += 1
            sizes.append(size)
        return [raw.decode("utf-8") for raw in raws], by_document, sizes

    def term(self, field: str, text: str | bytes) -> int:
        """Live documents holding ``text`` in ``field``."""
        key = (field, text if isinstance(text, str) else text.decode("utf-8"))
        found = self._terms.get(key)
        if found is None:
            reader = self._searcher.reader()
            if (field, text) in reader:
                found = bitmap(_docnums(reader, field, text)) & self.live
            else:
                found = 0
            if len(self._terms) >= _CACHE_SIZE:
                self._terms.clear()
            self._terms[key] = found
        return found

    def of(self, node: wq.Query) -> int:
        """Live documents matching ``node`` (set algebra where it is exact, whoosh elsewhere)."""
        if type(node) is wq.Term:
            return self.term(node.fieldname, node.text)
        if isinstance(node, wq.AndNot):
            return self.of(node.a) & ~self.of(node.b)
        if isinstance(node, wq.AndMaybe):
            return self.of(node.a)
        if isinstance(node, wq.Not):
            return self.live & ~self.of(node.query)
        if isinstance(node, wq.And | wq.Require):
            subqueries = node.children() if isinstance(node, wq.And) else [node.a, node.b]
            result = self.live
            for sub in subqueries:
                result &= self.of(sub)
                if not result:
                    break
            return result
        if type(node) is wq.Or or isinstance(node, wq.DisjunctionMax):
            result = 0
            for sub in node.children():
                result |= self.of(sub)
            return result
        if node is wq.NullQuery:
            return 0
        return bitmap(self._searcher.docs_for_query(node)) & self.live

    def facet_counts(self, matches: int) -> dict[str, dict[str, int]]:
        """For each facet, how many of ``matches`` hold each value (most frequent first)."""
        counts: dict[str, dict[str, int]] = {}
        documents = _Documents(self.live, matches)
        for name, values in self._facets.items():
            found = [(value, (mask & matches).bit_count()) for value, mask in values]
            counts[name] = _ranked(found)
        for name, (names, by_document, sizes) in self._spread.items():
            # A bitmap AND per value cost 11 ms at 50,000 records for a thousand services.
            # Tallying the values of the matching documents, or of the others when fewer,
            # costs a pass over the smaller side (exact either way).
            docs, inside = documents.smaller()
            tally = Counter(chain.from_iterable(map(by_document.__getitem__, docs)))
            if inside:
                found = [(names[number], count) for number, count in tally.items()]
            else:
                found = [
                    (value, sizes[number] - tally[number]) for number, value in enumerate(names)
                ]
            counts[name] = _ranked(found)
        return {name: counts[name] for name in self._names}


def _ranked(found: list[tuple[str, int]]) -> dict[str, int]:
    return dict(
        sorted(((value, n) for value, n in found if n), key=lambda item: (-item[1], item[0]))
    )


class _Documents:
    """The matching documents or the other live ones, whichever are fewer, listed once."""

    def __init__(self, live: int, matches: int) -> None:
        self._live = live
        self._matches = matches
        self._listed: tuple[list[int], bool] | None = None

    def smaller(self) -> tuple[list[int], bool]:
        """The smaller side's documents, and True if they are the matching ones."""
        if self._listed is None:
            outside = self._live & ~self._matches
            if self._matches.bit_count() <= outside.bit_count():
                self._listed = (members(self._matches), True)
            else:
                self._listed = (members(outside), False)
        return self._listed
