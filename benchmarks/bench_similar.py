"""Time similar records and the duplicate check on a synthetic corpus.

Targets on 50,000 records and 2 cores: building the index and `similar()` for every record
add at most 60 s and 500 MB; `near_duplicates` at most 5 s. The site's part is measured too:
what "À voir aussi" adds to a site build (the index built once on `SiteContext`, then the
block of every practice and REX page), and the `possible-duplicate` check `rex validate` runs.

    python benchmarks/bench_similar.py [--records 50000] [--limit 5] [--seed 1] [--tracemalloc]

Memory is the peak resident size above what the loaded corpus already used (ru_maxrss delta);
with ``--tracemalloc`` a second, slower pass also reports Python's own peak allocation.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

import rex
from rex.duplicates import check_duplicates
from rex.models import Kind
from rex.similar import SimilarityIndex, SimilarRecord, near_duplicates
from rex.similar.text import _stemmer
from rex.site.html import Linker
from rex.site.see_also import see_also_block
from rex.site.types import SiteContext


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(
    corpus: rex.Corpus, limit: int
) -> tuple[float, float, float, list[list[SimilarRecord]], int]:
    """Build, look every record up, check duplicates; return the three times and results."""
    start = time.perf_counter()
    index = SimilarityIndex.build(corpus)
    t_build = time.perf_counter() - start
    start = time.perf_counter()
    results = [index.similar(record, limit) for record in corpus]
    t_similar = time.perf_counter() - start
    _stemmer.cache_clear()  # cold, as in `rex validate`: stems are cached per process
    start = time.perf_counter()
    pairs = near_duplicates(corpus)
    t_dup = time.perf_counter() - start
    return t_build, t_similar, t_dup, results, len(pairs)


def site_cost(corpus: rex.Corpus) -> tuple[float, float, float, int]:
    """What "À voir aussi" adds to a site build: (index build s, blocks s, RSS MB, pages)."""
    gc.collect()
    before = rss_mb()
    ctx = SiteContext(corpus, Linker())
    _stemmer.cache_clear()
    start = time.perf_counter()
    ctx.similarity  # noqa: B018 - built once per site, on first use
    t_index = time.perf_counter() - start
    pages = [r for kind in (Kind.PRACTICE, Kind.REX) for r in corpus.records(kind)]
    start = time.perf_counter()
    blocks = [see_also_block(ctx, record) for record in pages]
    t_blocks = time.perf_counter() - start
    assert sum(1 for b in blocks if b) > len(pages) // 2
    return t_index, t_blocks, rss_mb() - before, len(pages)


def main() -> None:
    """Generate the corpus, time each step and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace allocations")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        counts = generate(root, args.records, args.seed)
        corpus = rex.load(root)
        assert corpus.report.valid, corpus.report.summary()
        print(f"corpus: {len(corpus)} records {counts}")
        # First, while the peak RSS is still the loaded corpus's: a site build's added cost.
        t_index, t_blocks, site_mb, pages = site_cost(corpus)
        print(
            f"site, À voir aussi:     {t_index + t_blocks:7.2f} s  (index {t_index:.2f} s + "
            f"{pages} blocks {t_blocks:.2f} s; target <= 60 s), +{site_mb:.0f} MB peak RSS "
            "(target <= 500 MB)"
        )
        gc.collect()
        before = rss_mb()
        t_build, t_similar, t_dup, results, pairs = run(corpus, args.limit)
        after = rss_mb()
        total = t_build + t_similar
        print(f"index build:           {t_build:7.2f} s")
        each = t_similar / len(results) * 1e3
        print(f"similar() x {len(results):<9} {t_similar:7.2f} s  ({each:.2f} ms each)")
        print(f"build + every lookup:  {total:7.2f} s  (target <= 60 s)")
        print(f"near_duplicates:       {t_dup:7.2f} s  (target <= 5 s), {pairs} pairs")
        print(
            f"peak RSS added:        {after - before:7.1f} MB  (target <= 500 MB; all results kept)"
        )
        _stemmer.cache_clear()
        start = time.perf_counter()
        warnings = check_duplicates(corpus)
        t_check = time.perf_counter() - start
        print(
            f"possible-duplicate:    {t_check:7.2f} s  added to rex validate (target <= 5 s), "
            f"{len(warnings)} warnings (practices and REX only)"
        )
        sizes = Counter(len(r) for r in results)
        linked = sum(s.linked for r in results for s in r)
        shown = sum(len(r) for r in results)
        print(f"results per record:    {dict(sorted(sizes.items()))}; linked {linked}/{shown}")
        if args.tracemalloc:
            gc.collect()
            tracemalloc.start()
            run(corpus, args.limit)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(
                f"tracemalloc peak:      {peak / 2**20:7.1f} MB (build, lookups kept, duplicates)"
            )


if __name__ == "__main__":
    main()
