"""Time the search index on a synthetic corpus: full build, no-change update, query latency.

Two floors are measured in the same run as rex, each in its own new process like rex's build:

* the issue's floor: a bare whoosh index of the records' titles and bodies only, with whoosh's
  own French analyzer (``LanguageAnalyzer("fr")``), no stored field;
* rex's floor: a bare whoosh writer adding rex's prepared documents with rex's schema.

rex's time is `rex.build_index(corpus, full=True)` in a new process (the corpus is loaded
first, outside the timing: reading and validating records is not the index's work). Wall and
CPU seconds are printed: on a shared machine the wall ratio follows the load of the moment,
the CPU ratio much less. Goals (issue 12): rex <= 1.25x the issue's floor at 10,000 and
50,000 records; no process above 1.5 GB (peak RSS); query p95 <= 50 ms through
`rex.open_index(...).search` over one- and two-word French queries; `rex index` with no file
changed <= 2 s (a new process: the corpus is not read).

    python benchmarks/bench_search.py [--records 10000] [--queries 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import pickle
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
WRITER_MB = 256  # the floors' writer buffer: rex's own setting before issue 12
GOAL_RATIO = 1.25
GOAL_MB = 1536
GOAL_P95_MS = 50.0


def peak_mb() -> float:
    """The peak RSS in MB of this process and of its largest finished child (whoosh's)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def issue_floor(data: Path, out: Path) -> tuple[float, float, float]:
    """Seconds, CPU seconds and peak MB for bare whoosh to index titles and bodies with its
    French analyzer."""
    from whoosh import index as whoosh_index
    from whoosh.analysis import LanguageAnalyzer
    from whoosh.fields import TEXT, Schema

    with data.open("rb") as file:
        texts: list[tuple[str, str]] = pickle.load(file)
    start, cpu = time.perf_counter(), time.process_time()
    analyzer = LanguageAnalyzer("fr")
    schema = Schema(title=TEXT(analyzer=analyzer), body=TEXT(analyzer=analyzer))
    ix = whoosh_index.create_in(str(out), schema)
    writer = ix.writer(limitmb=WRITER_MB)
    for title, body in texts:
        writer.add_document(title=title, body=body)
    writer.commit()
    ix.close()
    return time.perf_counter() - start, time.process_time() - cpu, peak_mb()


def rex_floor(data: Path, out: Path) -> tuple[float, float, float]:
    """Seconds, CPU seconds and peak MB for a bare whoosh writer to index rex's documents
    with rex's schema."""
    from whoosh import index as whoosh_index

    with data.open("rb") as file:
        fields: list[dict[str, str]] = pickle.load(file)
    start, cpu = time.perf_counter(), time.process_time()
    ix = whoosh_index.create_in(str(out), make_schema())
    writer = ix.writer(limitmb=WRITER_MB)
    for doc in fields:
        writer.add_document(**doc)
    writer.commit()
    ix.close()
    return time.perf_counter() - start, time.process_time() - cpu, peak_mb()


def rex_build(root: Path, index: Path) -> tuple[float, float, float, float]:
    """Seconds to load the corpus; seconds and CPU seconds for `rex.build_index(full=True)`
    (child processes included); peak MB."""
    start = time.perf_counter()
    corpus = rex.load(root)
    loaded, cpu = time.perf_counter(), _cpu()
    rex.build_index(corpus, index, full=True)
    return loaded - start, time.perf_counter() - loaded, _cpu() - cpu, peak_mb()


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _child(queue: Any, func: Callable[..., object], args: tuple[object, ...]) -> None:
    queue.put(func(*args))


def in_child(func: Callable[..., Any], *args: object) -> Any:
    """``func(*args)`` in a new process (spawned: nothing inherited); its return value."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    # A Process, not a Pool: pool workers are daemons and whoosh's writer may start helpers.
    process = context.Process(target=_child, args=(queue, func, args))
    process.start()
    value = queue.get()
    process.join()
    if process.exitcode:
        raise SystemExit(f"{func.__name__} failed with exit code {process.exitcode}")
    return value


def rex_index_cli(root: Path, index: Path) -> float:
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


def query_latencies(index: Path, queries: list[str]) -> tuple[list[float], list[float], list[int]]:
    """Milliseconds per query through `rex.open_index(...).search` (wall clock and this
    thread's CPU, each sorted), and the hit totals."""
    latencies = []
    cpu = []
    totals = []
    with rex.open_index(index) as searcher:
        searcher.search("usagers")  # warm the caches once, as a long-running process would
        for text in queries:
            start, start_cpu = time.perf_counter(), time.thread_time()
            result = searcher.search(text)
            latencies.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            totals.append(result.total)
    return sorted(latencies), sorted(cpu), totals


def _ok(met: bool) -> str:
    return "ok" if met else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        root = tmp / "content"
        counts = generate(root, args.records, seed=args.seed)
        print(f"corpus: {args.records} records {counts}, seed {args.seed}")
        corpus = rex.load(root)
        documents = list(build_documents(corpus).values())
        del corpus
        with (tmp / "texts.pickle").open("wb") as file:
            pickle.dump([(d["title"], d["body"]) for d in documents], file)
        with (tmp / "fields.pickle").open("wb") as file:
            pickle.dump([index_fields(d) for d in documents], file)
        del documents
        for name in ("issue-floor", "rex-floor"):
            (tmp / name).mkdir()

        t_issue, c_issue, mb_issue = in_child(
            issue_floor, tmp / "texts.pickle", tmp / "issue-floor"
        )
        print(
            f"issue's floor (bare whoosh, titles and bodies, LanguageAnalyzer('fr')): "
            f"{t_issue:6.2f} s (CPU {c_issue:6.2f} s), peak {mb_issue:5.0f} MB"
        )
        t_floor, c_floor, mb_floor = in_child(rex_floor, tmp / "fields.pickle", tmp / "rex-floor")
        print(
            f"rex's floor (bare whoosh, rex's schema and documents):   "
            f"{t_floor:6.2f} s (CPU {c_floor:6.2f} s), peak {mb_floor:5.0f} MB"
        )
        index = tmp / "index"
        t_load, t_full, c_full, mb_full = in_child(rex_build, root, index)
        ratio_issue, ratio_floor = t_full / t_issue, t_full / t_floor
        print(
            f"rex.build_index(full=True): {t_full:6.2f} s (CPU {c_full:6.2f} s), peak "
            f"{mb_full:5.0f} MB; {ratio_issue:.2f}x the issue's floor "
            f"(CPU {c_full / c_issue:.2f}x), {ratio_floor:.2f}x rex's floor "
            f"(CPU {c_full / c_floor:.2f}x); loading the corpus before it, not counted: "
            f"{t_load:.2f} s"
        )

        corpus = rex.load(root)
        start = time.perf_counter()
        stats = rex.build_index(corpus, index)
        t_same = time.perf_counter() - start
        print(f"no-change re-index (corpus loaded): {t_same:6.2f} s  {stats}")
        rex.ensure_index(root, index)  # records the files' sizes and times
        t_cli = rex_index_cli(root, index)
        print(f"`rex index`, nothing changed (a new process, corpus not read): {t_cli:6.2f} s")

        rng = random.Random(args.seed)
        queries = [" ".join(rng.sample(WORDS, rng.choice((1, 2)))) for _ in range(args.queries)]
        latencies, cpu, totals = query_latencies(index, queries)
        p50 = statistics.median(latencies)
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        cpu_p95 = cpu[int(0.95 * (len(cpu) - 1))]
        print(
            f"queries: {len(queries)} (1-2 words), median hits {statistics.median(totals):.0f}, "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms "
            f"(CPU p50 {statistics.median(cpu):.1f}, p95 {cpu_p95:.1f}, max {cpu[-1]:.1f} ms); "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        peak = max(mb_issue, mb_floor, mb_full)
        print(
            f"goals: rex <= {GOAL_RATIO}x the issue's floor: {_ok(ratio_issue <= GOAL_RATIO)} "
            f"({ratio_issue:.2f}x, CPU {c_full / c_issue:.2f}x); "
            f"peak RSS <= {GOAL_MB} MB: {_ok(mb_full <= GOAL_MB)} "
            f"(rex {mb_full:.0f} MB, largest {peak:.0f} MB); "
            f"p95 <= {GOAL_P95_MS:.0f} ms: {_ok(p95 <= GOAL_P95_MS)} ({p95:.1f} ms); "
            f"`rex index` unchanged <= 2 s: {_ok(t_cli <= 2)} ({t_cli:.2f} s)"
        )


if __name__ == "__main__":
    main()
