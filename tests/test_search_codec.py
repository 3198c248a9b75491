"""rex's posting blocks give back what was written, through whoosh's matcher and the arrays."""

from __future__ import annotations

import struct
from io import BytesIO

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.formats import Format, Frequency, Positions
from whoosh.util.numeric import byte_to_length, length_to_byte

from rex.search.codec import RexLeafMatcher, RexPostingsWriter

Posting = tuple[int, float, list[int], int]  # document, weight, positions, field length

postings_lists = st.lists(
    st.tuples(
        st.integers(0, 5000),
        st.sampled_from([1.0, 1.0, 1.0, 2.0, 3.0, 0.5, 7.5]),
        st.lists(st.integers(0, 300), min_size=1, max_size=4, unique=True).map(sorted),
        st.integers(1, 2000),
    ),
    min_size=1,
    max_size=700,  # several blocks of 128
    unique_by=lambda posting: posting[0],
).map(sorted)


def write(postings: list[Posting], format_: Format, compression: int) -> tuple[bytes, int]:
    """The postings file holding one term's ``postings``, and their length in it."""
    file = StructFile(BytesIO())
    writer = RexPostingsWriter(file, blocklimit=128, compression=compression)
    writer.start_postings(format_, W3TermInfo())
    for docnum, weight, positions, length in postings:
        writer.add_posting(docnum, weight, value(format_, positions), length)
    terminfo = writer.finish_postings()
    offset, size = terminfo.extent()
    assert offset == 0
    return file.file.getvalue(), size


def value(format_: Format, positions: list[int]) -> bytes:
    """What whoosh stores for a posting: positions, or a count for a frequency field."""
    if isinstance(format_, Positions):
        encoded: bytes = format_.encode(positions)
        return encoded
    return struct.pack("!I", len(positions))


@settings(max_examples=60, deadline=None)
@given(postings_lists, st.sampled_from([0, 3]))
def test_blocks_read_back_as_written(postings: list[Posting], compression: int) -> None:
    format_ = Positions()
    data, size = write(postings, format_, compression)
    matcher = RexLeafMatcher(BufferFile(data), 0, size, format_)
    seen = []
    while matcher.is_active():
        assert matcher.block_max_id() == max(
            p[0] for p in postings if p[0] <= matcher.block_max_id()
        )
        seen.append((matcher.id(), matcher.weight(), list(matcher.value_as("positions"))))
        matcher.next()
    assert seen == [(docnum, weight, positions) for docnum, weight, positions, _ in postings]
    ids, weights = matcher.arrays()
    assert list(ids) == [p[0] for p in postings]
    assert list(weights) == [p[1] for p in postings]


@settings(max_examples=30, deadline=None)
@given(postings_lists)
def test_block_statistics_bound_their_postings(postings: list[Posting]) -> None:
    format_ = Positions()
    data, size = write(postings, format_, 3)
    matcher = RexLeafMatcher(BufferFile(data), 0, size, format_)
    start = 0
    while matcher.is_active():
        block = postings[start : start + 128]
        assert matcher.block_max_weight() == max(p[1] for p in block)
        assert matcher.block_min_length() == byte_to_length(
            length_to_byte(min(p[3] for p in block))
        )
        start += len(block)
        matcher._next_block()
    assert start == len(postings)


def test_frequency_fields_have_no_values() -> None:
    format_ = Frequency()
    postings = [(n * 3, 1.0 + n % 2, [n], 5) for n in range(300)]
    data, size = write(postings, format_, 3)
    matcher = RexLeafMatcher(BufferFile(data), 0, size, format_)
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    assert found == [(p[0], p[1], value(format_, p[2])) for p in postings]
    assert matcher.arrays()[1].tolist() == [p[1] for p in postings]
