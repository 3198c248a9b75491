"""rex's layout of whoosh's posting blocks: document numbers and weights as plain arrays.

whoosh 2.7's own blocks are a pickled tuple of Python ints, floats and position strings,
compressed together: reading the documents of one word that most records hold (50,000
postings, 390 blocks) costs about 35 ms of decompressing and unpickling, positions included,
before anything is scored. Here a block keeps whoosh's framing and statistics (length, last
document, maximum weight, shortest and longest field), then the document numbers and weights
as machine arrays, then the positions, compressed apart. Ranking and counting read the arrays
of a whole posting list in one pass (`read_postings`); whoosh's own matchers (phrases,
fuzzy terms, highlighting, merging segments) read the same blocks through `RexLeafMatcher`.
The index layout name (`documents.SCHEMA_VERSION`) changes with this layout, so an index
written before is rebuilt.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from typing import Any

from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3LeafMatcher,
    W3PostingsWriter,
)
from whoosh.util.numeric import byte_to_length, length_to_byte

# Postings, last document, maximum weight, flags, shortest and longest field (length bytes).
_INFO = struct.Struct("<IIdBBB")
_LENGTH = struct.Struct("!i")  # whoosh's block length: negative for the last block
_WEIGHTED = 1  # weights stored (else every weight is 1.0)
_COMPRESSED = 2  # the positions are zlib-compressed
_SWAP = sys.byteorder != "little"  # the arrays are written little-endian


class RexCodec(W3Codec):  # type: ignore[misc]
    """whoosh's codec with rex's posting blocks (term vectors, unused by rex, keep whoosh's)."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        """A writer of rex blocks for document postings."""
        if byteids:
            return super().postings_writer(dbfile, byteids=byteids)
        return RexPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        """A matcher over the rex blocks of one term."""
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return RexLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class RexPostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    """Writes each block as whoosh's statistics, then arrays, then compressed positions."""

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids, weights = self._ids, self._weights
        flags = _WEIGHTED if weights.count(1.0) != len(weights) else 0
        if _SWAP:
            ids, weights = array("I", ids), array("f", weights)
            ids.byteswap()
            weights.byteswap()
        parts = [ids.tobytes()]
        if flags & _WEIGHTED:
            parts.append(weights.tobytes())
        values = _join_values(self._values, self._format.fixed_value_size())
        if values and self._compression:
            flags |= _COMPRESSED
            values = zlib.compress(values, self._compression)
        parts.append(values)
        info = _INFO.pack(
            len(self._ids),
            self._ids[-1],
            self._maxweight,
            flags,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        data = b"".join(parts)
        size = len(info) + len(data)
        self._postfile.write(_LENGTH.pack(-size if last else size))
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


def _join_values(values: list[bytes], fixed: int | None) -> bytes:
    if fixed is None or fixed < 0:  # each value's length first, then the values
        sizes = array("I", map(len, values))
        if _SWAP:
            sizes.byteswap()
        return sizes.tobytes() + b"".join(values) if values else b""
    return b"" if fixed == 0 else b"".join(values)


class RexLeafMatcher(W3LeafMatcher):  # type: ignore[misc]
    """whoosh's block matcher reading rex's blocks."""

    _data: Any
    _ids: Any
    _weights: Any
    _values: Any

    def _goto(self, position: int) -> None:
        head = self._postfile.get(position, _LENGTH.size + _INFO.size)
        (length,) = _LENGTH.unpack_from(head)
        self._lastblock = length < 0
        self._nextoffset = position + _LENGTH.size + abs(length)
        self._dataoffset = position + _LENGTH.size + _INFO.size
        count, self._maxid, self._maxweight, flags, shortest, longest = _INFO.unpack_from(
            head, _LENGTH.size
        )
        self._blocklength = count
        self._compression = flags
        self._minlength = byte_to_length(shortest)
        self._maxlength = byte_to_length(longest)
        self._data = self._ids = self._weights = self._values = None
        self._i = 0

    def _read_data(self) -> None:
        self._data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        self._ids = _array("I", self._data, 0, self._blocklength)

    def _read_weights(self) -> None:
        if self._data is None:
            self._read_data()
        count = self._blocklength
        if self._compression & _WEIGHTED:
            self._weights = _array("f", self._data, 4 * count, count)
        else:
            self._weights = array("f", [1.0]) * count

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        count = self._blocklength
        start = 4 * count * (2 if self._compression & _WEIGHTED else 1)
        values = self._data[start:]
        if self._compression & _COMPRESSED:
            values = zlib.decompress(values)
        fixed = self._fixedsize
        if fixed is None or fixed < 0:
            sizes = _array("I", values, 0, count)
            found: list[bytes] = []
            at = 4 * count
            for size in sizes:
                found.append(values[at : at + size])
                at += size
            self._values = tuple(found)
        elif fixed == 0:
            self._values = (None,) * count
        else:
            self._values = tuple(values[i : i + fixed] for i in range(0, len(values), fixed))

    def arrays(self) -> tuple[array[int], array[float]]:
        """Every document number and weight of the term, from one read of its blocks."""
        length = self._length
        if isinstance(length, tuple):  # whoosh reads a term's extent back as a 1-tuple
            (length,) = length
        return read_postings(self._postfile.get(self._startoffset, length))


def _array(typecode: str, data: bytes | memoryview, start: int, count: int) -> array[Any]:
    found = array(typecode)
    found.frombytes(data[start : start + found.itemsize * count])
    if _SWAP:
        found.byteswap()
    return found


def read_postings(data: bytes) -> tuple[array[int], array[float]]:
    """The document numbers and weights of a whole posting list (``data``: its bytes)."""
    view = memoryview(data)
    ids: array[int] = array("I")
    weights: array[float] = array("f")
    unpack_length, unpack_info = _LENGTH.unpack_from, _INFO.unpack_from
    position = len(WHOOSH3_HEADER_MAGIC)
    while True:
        (length,) = unpack_length(view, position)
        count, _, _, flags, _, _ = unpack_info(view, position + _LENGTH.size)
        start = position + _LENGTH.size + _INFO.size
        ids.frombytes(view[start : start + 4 * count])
        if flags & _WEIGHTED:
            weights.frombytes(view[start + 4 * count : start + 8 * count])
        else:
            weights.extend(array("f", [1.0]) * count)
        if length < 0:
            break
        position += _LENGTH.size + length
    if _SWAP:
        ids.byteswap()
        weights.byteswap()
    return ids, weights


def term_postings(reader: Any, field: str, btext: bytes) -> list[tuple[int, Any, Any, Any]]:
    """For each segment holding the term: its document offset, the segment's reader, and the
    term's document numbers and weights (within the segment)."""
    found = []
    for leaf, offset in reader.leaf_readers():
        if (field, btext) not in leaf:
            continue
        postings = leaf.postings(field, btext)
        if isinstance(postings, RexLeafMatcher):
            ids, weights = postings.arrays()
        else:  # a layout without arrays (an index being replaced): whoosh's matcher
            ids, weights = array("I"), array("f")
            while postings.is_active():
                ids.append(postings.id())
                weights.append(postings.weight())
                postings.next()
        found.append((offset, leaf, ids, weights))
    return found
