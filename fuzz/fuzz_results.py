"""Fuzz target: a results file's bytes (and, half the time, a sidecar's) through
`rex.results.read_results`, the reader `rex.load` runs on ``content/results/``, then
`check_results` against a few known ids.

The first byte picks the layout: a CSV alone, or a CSV with a sidecar ``.yml`` (the rest of
the input is split at the first NUL byte). Any exception is a crash: data problems must come
back as `Diagnostic`s.

    python fuzz/fuzz_results.py [libFuzzer options] [corpus folders]
"""

from __future__ import annotations

import math
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["rex"]):
    from rex.results import check_results, read_results

_ROOT = Path(tempfile.mkdtemp(prefix="rex-fuzz-results-"))
_KNOWN = {"delai-moyen-intervention", "voirie"}


def test_one_input(data: bytes) -> None:
    """Read ``data`` as a results file (with a sidecar when the first byte is odd)."""
    if not data:
        return
    folder = _ROOT / "results"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    body, sidecar = data[1:], b""
    if data[0] % 2 and b"\0" in body:
        body, sidecar = body.split(b"\0", 1)
        (folder / "export.yml").write_bytes(sidecar)
    (folder / "export.csv").write_bytes(body)
    result = read_results(_ROOT)
    found = [*result.diagnostics, *check_results(result.measurements, _KNOWN, _KNOWN)]
    for diagnostic in found:
        assert diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic
        diagnostic.to_dict()
    for measurement in result.measurements:
        assert math.isfinite(measurement.value), measurement
    result.series()


def main() -> None:
    """Run libFuzzer on `test_one_input`."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
