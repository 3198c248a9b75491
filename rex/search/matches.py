"""Sets of matching documents as integer bitmaps: totals and facet counts in microseconds.

whoosh counts matches by walking its matcher trees in Python, which costs more than ranking
the top ten when a query matches most of a large corpus. Here each term's documents become an
``int`` whose bit *n* is document *n*; ``&``, ``|`` and ``bit_count`` then run in C.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from whoosh import query as wq

from .codec import term_postings

_CACHE_SIZE = 4096  # term bitmaps kept per index generation


def bitmap(docnums: Iterable[int]) -> int:
    """The bitmap with the bits of ``docnums`` set."""
    # One ASCII digit per document, parsed by int() in C: faster than shifting bit by bit.
    digits = bytearray()
    for docnum in docnums:
        if docnum >= len(digits):
            digits.extend(b"0" * (docnum - len(digits) + 1024))
        digits[docnum] = 49  # "1"
    digits.reverse()
    return int(digits, 2) if digits else 0


def _docnums(reader: Any, field: str, text: str | bytes) -> Iterator[int]:
    """The documents holding a term, read a whole posting list at a time."""
    btext = text if isinstance(text, bytes) else reader.schema[field].to_bytes(text)
    for offset, _, ids, _ in term_postings(reader, field, btext):
        yield from map(offset.__add__, ids) if offset else ids


class DocSets:
    """Bitmaps of the documents that match queries, for one reader (one index generation)."""

    def __init__(self, searcher: Any, facet_names: Iterable[str]) -> None:
        self._searcher = searcher
        reader = searcher.reader()
        self.live = bitmap(reader.all_doc_ids())
        self._terms: dict[tuple[str, str], int] = {}
        self._facets = {
            name: [(raw.decode("utf-8"), self.term(name, raw)) for raw in reader.lexicon(name)]
            for name in facet_names
        }

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
        for name, values in self._facets.items():
            found = [(value, (mask & matches).bit_count()) for value, mask in values]
            found = [(value, n) for value, n in found if n]
            counts[name] = dict(sorted(found, key=lambda item: (-item[1], item[0])))
        return counts
