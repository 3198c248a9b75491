"""Time the search index on a synthetic corpus: full build, no-change update, query latency.

The floor is a bare whoosh writer adding the same prepared documents with the same schema and
analyzer (what any whoosh-based index must pay). Targets on 10,000 records and 2 cores: full
index <= 60 s and <= 1.3x the floor; no-change update <= max(2 s, 10 % of the full index);
`rex index` with no file changed <= 2 s (a new process: the corpus is not read); query p95
<= 50 ms over 200 one- and two-word French queries.

    python benchmarks/bench_search.py [--records 10000] [--queries 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

import rex
from rex.search.documents import build_documents
from rex.search.store import index_fields, make_schema

# Words a team would type: plain, without accents, plural, misspelt, and two-word pairs.
WORDS = [
    "delai",
    "délais",
    "intervention",
    "interventions",
    "usagers",
    "satisfaction",
    "gaspillage",
    "pesée",
    "pesees",
    "cantine",
    "voirie",
    "propreté",
    "eclairage",
    "accueil",
    "reclamations",
    "courriers",
    "permis",
    "urbanisme",
    "formation",
    "agents",
    "tableau",
    "bord",
    "processus",
    "cartographie",
    "priorisation",
    "demandes",
    "guichet",
    "maintenance",
    "preventive",
    "cout",
    "telephone",
    "chatbot",
    "formulaire",
    "enquête",
    "comite",
    "élus",
    "restauration",
    "portions",
    "médiathèque",
    "piscine",
    "signalements",
    "qualité",
    "résultats",
    "affichage",
    "plan",
    "actions",
    "été",
    "interv*",
    "procesus",
    "satisfation",
]


def floor(out: Path, fields: list[dict[str, str]]) -> float:
    """Seconds for a bare whoosh writer to index ``fields`` with rex's schema."""
    from whoosh import index as whoosh_index

    start = time.perf_counter()
    ix = whoosh_index.create_in(str(out), make_schema())
    writer = ix.writer(limitmb=256)
    for doc in fields:
        writer.add_document(**doc)
    writer.commit()
    ix.close()
    return time.perf_counter() - start


def timed(func: object) -> tuple[float, object]:
    start = time.perf_counter()
    value = func()  # type: ignore[operator]
    return time.perf_counter() - start, value


def rex_index(root: Path, index: Path) -> float:
    """Seconds for ``rex index`` in a new process, as a user runs it (start-up included)."""
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "rex", "index", str(root), "--index", str(index)],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    assert "added 0, updated 0, removed 0" in run.stdout, run.stdout + run.stderr
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        counts = generate(root, args.records, seed=args.seed)
        print(f"corpus: {args.records} records {counts}, seed {args.seed}")
        t_load, corpus = timed(lambda: rex.load(root))
        assert isinstance(corpus, rex.Corpus)
        print(f"load + validate (not part of the index figures): {t_load:6.2f} s")

        prepared = [index_fields(d) for d in build_documents(corpus).values()]
        (Path(tmp) / "floor").mkdir()
        t_floor = floor(Path(tmp) / "floor", prepared)
        print(f"floor (bare whoosh, same documents and analyzer): {t_floor:6.2f} s")

        index = Path(tmp) / "index"
        t_full, stats = timed(lambda: rex.build_index(corpus, index, full=True))
        ratio = t_full / t_floor
        print(f"full index:           {t_full:6.2f} s  ({ratio:.2f}x floor) {stats}")
        t_same, stats = timed(lambda: rex.build_index(corpus, index))
        print(f"no-change re-index:   {t_same:6.2f} s  {stats}")
        budget = max(2.0, 0.1 * t_full)
        rex.ensure_index(root, index)  # records the files' sizes and times
        t_cli = rex_index(root, index)
        print(f"`rex index`, nothing changed (a new process, corpus not read): {t_cli:6.2f} s")

        rng = random.Random(args.seed)
        queries = [" ".join(rng.sample(WORDS, rng.choice((1, 2)))) for _ in range(args.queries)]
        latencies = []
        totals = []
        with rex.open_index(index) as searcher:
            searcher.search("usagers")  # warm the caches once, as a long-running process would
            for text in queries:
                start = time.perf_counter()
                result = searcher.search(text)
                latencies.append((time.perf_counter() - start) * 1000)
                totals.append(result.total)
        latencies.sort()
        p50 = statistics.median(latencies)
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        print(
            f"queries: {len(queries)} (1-2 words), median hits {statistics.median(totals):.0f}, "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms"
        )
        print(
            "targets: full <= 60 s: {}; <= 1.3x floor: {}; no-change <= {:.1f} s: {}; "
            "`rex index` unchanged <= 2 s: {}; p95 <= 50 ms: {}".format(
                "ok" if t_full <= 60 else "MISSED",
                "ok" if ratio <= 1.3 else "MISSED",
                budget,
                "ok" if t_same <= budget else "MISSED",
                "ok" if t_cli <= 2 else "MISSED",
                "ok" if p95 <= 50 else "MISSED",
            )
        )


if __name__ == "__main__":
    main()
