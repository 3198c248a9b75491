"""Time `read_results` on results files as French Excel writes them.

Writes ``--rows`` rows (6 indicators x many services x 24 months, one file per indicator,
with ';', decimal commas, a BOM and CRLF) to a temporary corpus, reads them, and prints rows,
seconds, rows/s and peak memory (RSS of the process, and tracemalloc's peak in a second,
traced run). Target: 100,000 rows in at most 1.5 s.

Then it writes the records those rows name (6 indicators, one service record per service id)
and times `rex validate` (`rex.load`, which also checks the ids of every row) on the records
alone and on the records with the results: the results must add at most 1.5 s.

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

import rex
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
    bench_validate(args.rows, args.repeat)


def write_records(root: Path, services: int) -> None:
    """The indicator and service records the results name, so that every row is valid."""
    for folder in ("indicators", "services"):
        (root / folder).mkdir()
    for indicator in INDICATORS:
        (root / "indicators" / f"{indicator}.md").write_text(
            f"---\ntitle: {indicator}\ndefinition: Un indicateur.\nunit: jours\n"
            "direction: decrease\ntargets:\n  - value: 500\n---\n",
            encoding="utf-8",
        )
    for s in range(services):
        (root / "services" / f"service-{s:04d}.md").write_text(
            f"---\ntitle: Service {s}\n---\n", encoding="utf-8"
        )


def time_validate(root: Path, repeat: int) -> float:
    """The best time of `rex.load` (what `rex validate` runs) over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        corpus = rex.load(root)
        times.append(time.perf_counter() - start)
        assert corpus.report.valid, corpus.report.errors[:3]
    return min(times)


def bench_validate(rows: int, repeat: int) -> None:
    """Print how much the results add to `rex validate`."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        written = write_corpus(root, rows)
        write_records(root, -(-rows // (len(INDICATORS) * len(MONTHS))))
        with_results = time_validate(root, repeat)
        (root / "results").rename(root.parent / f"{root.name}-results")
        try:
            records_only = time_validate(root, repeat)
        finally:
            (root.parent / f"{root.name}-results").rename(root / "results")
        added = with_results - records_only
        print(
            f"rex validate: {records_only:.3f} s on the records alone, {with_results:.3f} s with "
            f"{written} result rows: +{added:.3f} s (target: at most +1.5 s)"
        )


if __name__ == "__main__":
    main()
