"""Fuzz target: the front-matter reader (`rex.frontmatter.decode` then `parse`).

Any exception is a crash: content problems must come back as `Problem`s. The fast and the
careful readings must also agree (same values, same problem codes), as the README promises.

    python fuzz/fuzz_frontmatter.py [libFuzzer options] [corpus folders]
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["rex", "yaml"]):
    from rex.frontmatter import decode, parse


def _same(a: object, b: object) -> bool:
    # NaN is not equal to itself; its repr is.
    return a == b or repr(a) == repr(b)


def test_one_input(data: bytes) -> None:
    """Read ``data`` as a record file, the fast way and the careful way."""
    text, problem = decode(data)
    if text is None:
        assert problem is not None
        return
    fast = parse(text)
    careful = parse(text, marks=True)
    for result in (fast, careful):
        for found in result.problems:
            assert found.position.line >= 1 and found.position.column >= 1, found
        result.position(("title",))
        result.key_position(("measures", 0, "before"))
    assert _same(fast.data, careful.data), (fast.data, careful.data)
    fast_codes = sorted(p.code for p in fast.problems)
    careful_codes = sorted(p.code for p in careful.problems)
    assert fast_codes == careful_codes, (fast_codes, careful_codes)


def main() -> None:
    """Run libFuzzer on `test_one_input`."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
