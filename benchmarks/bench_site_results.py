"""Time the site build of a synthetic corpus without results, then with ``--rows`` result rows.

The corpus comes from `generate.py` (``--records``), each indicator given a target so that
about half the series miss it (the gap analysis then has work to do). The rows cover every
indicator and service pair at 4 sites, monthly, back from October 2026, written as French
Excel writes them. Both builds run `rex.site.build_site` on a corpus already loaded (reading
the rows is timed by `bench_results.py`), ``--repeat`` times each, alternating; the best of
each is compared, by the clock and in CPU time.

Target: 100,000 rows add at most 15 % to the build.

    python benchmarks/bench_site_results.py [--records 1000] [--rows 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from generate import generate  # noqa: E402

import rex  # noqa: E402
from rex.site import build_site  # noqa: E402

SITES = 4
TODAY = dt.date(2026, 11, 29)


def add_targets(content: Path, corpus: rex.Corpus) -> None:
    """Give each indicator a target in the middle of its generated values."""
    for indicator in corpus.indicators.values():
        path = content / indicator.relpath
        text = path.read_text(encoding="utf-8")
        text = text.replace("\nunit:", "\ntargets: [{value: 50}]\nunit:", 1)
        path.write_text(text, encoding="utf-8")


def write_rows(content: Path, corpus: rex.Corpus, rows: int) -> int:
    """Write about ``rows`` rows under ``content/results``; return how many were written."""
    pairs = [(i, s) for i in corpus.indicators for s in corpus.services]
    months = -(-rows // (len(pairs) * SITES))
    periods: list[str] = []
    year, month = 2026, 10
    for _ in range(months):
        periods.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    rng = random.Random(7)
    lines = ["\ufeffindicateur;service;lieu;période;valeur"]
    for indicator, service in pairs:
        for site in range(SITES):
            for period in periods:
                if len(lines) > rows:
                    break
                value = f"{rng.uniform(20, 80):.1f}".replace(".", ",")
                lines.append(f"{indicator};{service};site {site + 1};{period};{value}")
    folder = content / "results"
    folder.mkdir(exist_ok=True)
    (folder / "mesures.csv").write_bytes("\r\n".join(lines).encode() + b"\r\n")
    return len(lines) - 1


def build_times(corpus: rex.Corpus, out: Path) -> tuple[float, float, int]:
    """One build of ``corpus`` into ``out``: wall seconds, CPU seconds, pages."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = build_site(corpus, out)
    return time.perf_counter() - wall, time.process_time() - cpu, result.pages


def largest(site: Path) -> tuple[int, str]:
    """The largest HTML page of ``site``: its size and path."""
    return max((p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html"))


def main() -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-site-results-") as tmp:
        work = Path(tmp)
        content = work / "content"
        generate(content, args.records)
        add_targets(content, rex.load(content, today=TODAY))
        plain = rex.load(content, today=TODAY)
        assert plain.report.valid, plain.report.errors[:3]
        written = write_rows(content, plain, args.rows)
        start = time.perf_counter()
        corpus = rex.load(content, today=TODAY)
        load = time.perf_counter() - start
        assert corpus.report.valid, corpus.report.errors[:3]
        assert len(corpus.results.measurements) == written
        # Builds without and with the rows alternate, so a busy spell of a shared machine
        # weighs on both (CPU time is less sensitive to the other processes than the clock).
        runs: dict[str, list[tuple[float, float, int]]] = {"without": [], "with": []}
        for n in range(args.repeat):
            for name, built in (("without", plain), ("with", corpus)):
                runs[name].append(build_times(built, work / name / f"site-{n}"))
        before, before_cpu = min(r[0] for r in runs["without"]), min(r[1] for r in runs["without"])
        after, after_cpu = min(r[0] for r in runs["with"]), min(r[1] for r in runs["with"])
        pages, pages_after = runs["without"][0][2], runs["with"][0][2]
        size, path = largest(work / "with" / "site-0")
        print(f"records {args.records}, rows {written}, series {len(corpus.series)}")
        print(f"build without rows: {before:.2f} s, CPU {before_cpu:.2f} s ({pages} pages)")
        print(f"build with rows:    {after:.2f} s, CPU {after_cpu:.2f} s ({pages_after} pages)")
        print(
            f"difference:         {100 * (after / before - 1):+.1f} % (target <= +15 %), "
            f"CPU {100 * (after_cpu / before_cpu - 1):+.1f} %"
        )
        print(f"loading the corpus with the rows: {load:.2f} s (not in the builds)")
        print(f"largest page with rows: {size / 1e3:.0f} kB ({path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
