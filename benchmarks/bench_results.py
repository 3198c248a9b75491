"""Time `read_results` on results files as French Excel writes them.

Writes ``--rows`` rows (6 indicators x many services x 24 months, one file per indicator,
with ';', decimal commas, a BOM and CRLF) to a temporary corpus, reads them, and prints rows,
seconds, rows/s and peak memory (RSS of the process, and tracemalloc's peak in a second,
traced run). Target: 100,000 rows in at most 1.5 s.

    python benchmarks/bench_results.py [--rows 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from rex.results import read_results

INDICATORS = (
    "delai-moyen-intervention",
    "taux-resolution-premier-passage",
    "satisfaction-usagers",
    "cout-moyen-intervention",
    "delai-reponse-courriers",
    "taux-decroche-telephonique",
)
MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)]


def write_corpus(root: Path, rows: int) -> int:
    """Write ``rows`` measurements under ``root/results``; return how many were written."""
    folder = root / "results"
    folder.mkdir(parents=True)
    services = -(-rows // (len(INDICATORS) * len(MONTHS)))
    rng = random.Random(42)
    written = 0
    per_file = -(-rows // len(INDICATORS))
    for indicator in INDICATORS:
        lines = ["\ufeffindicateur;service;période;valeur;lieu;commentaire"]
        for s in range(services):
            for month in MONTHS:
                if len(lines) > per_file or written >= rows:
                    break
                value = f"{rng.uniform(0, 2000):.1f}".replace(".", ",")
                location = "annexe nord" if s % 7 == 0 else ""
                lines.append(f"{indicator};service-{s:04d};{month};{value};{location};")
                written += 1
        (folder / f"{indicator}.csv").write_bytes("\r\n".join(lines).encode() + b"\r\n")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        rows = write_corpus(root, args.rows)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = read_results(root)
            times.append(time.perf_counter() - start)
        assert len(result.measurements) == rows, (len(result.measurements), result.diagnostics[:3])
        assert not result.diagnostics, result.diagnostics[:3]
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        del result
        tracemalloc.start()
        read_results(root)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        best = min(times)
        print(f"rows: {rows}")
        every = ", ".join(f"{t:.3f}" for t in times)
        print(f"seconds: {best:.3f} (best of {args.repeat}; all: {every})")
        print(f"rows/s: {rows / best:,.0f}")
        print(f"peak RSS: {rss:.0f} MiB (whole process); tracemalloc peak: {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
