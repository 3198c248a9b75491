"""Fuzz target: one record file's bytes through `rex.validate.read_file`, the function
`rex.load` runs on every file, then the corpus checks on that file alone.

The first byte picks the kind (so every model is reached); the rest is the file. Any exception
is a crash: content problems must come back as `Diagnostic`s.

    python fuzz/fuzz_loader.py [libFuzzer options] [corpus folders]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["rex", "yaml", "pydantic"]):
    from rex.loader import SourceFile
    from rex.models import Kind
    from rex.validate import check_corpus, read_file

_KINDS = list(Kind)
_FOLDER = Path(tempfile.mkdtemp(prefix="rex-fuzz-"))
_TODAY = dt.date(2026, 1, 1)


def test_one_input(data: bytes) -> None:
    """Validate ``data`` as the file of a record of the kind its first byte picks."""
    if not data:
        return
    kind = _KINDS[data[0] % len(_KINDS)]
    path = _FOLDER / kind.value / "fiche-fuzz.md"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data[1:])
    result = read_file(SourceFile(kind, path, f"{kind.value}/fiche-fuzz.md"))
    known = {k: {"fiche-fuzz", "voirie"} for k in Kind}
    check_corpus([result], _TODAY, known)
    for diagnostic in result.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic
        diagnostic.to_dict()
    if result.record is not None and not result.has_errors:
        result.record.model_dump(mode="json")


def main() -> None:
    """Run libFuzzer on `test_one_input`."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
