"""Time the health report, the exports and `rex validate --changed-since` on a synthetic corpus.

    python benchmarks/bench_report.py [--records 10000] [--repeat 3]

Prints the corpus size and, for each step, the best of ``--repeat`` runs. `--changed-since` is
timed in a fresh git repository with one changed file, next to a full `rex validate`: both load
the whole corpus, so the figures show what the git step and the narrowing cost.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

import rex
from rex.cli import main as rex_main
from rex.export import csv_tables, format_json, format_jsonl
from rex.report.markdown import render_markdown
from rex.report.text import render_text

TODAY = dt.date(2026, 1, 15)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def best_of(repeat: int, func: Callable[[], object]) -> float:
    """The shortest of ``repeat`` timed runs of ``func``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def cli(*args: str) -> None:
    """Run the rex CLI with its output discarded."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        rex_main(list(args))


def main() -> None:
    """Generate the corpus, time each step and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        root = repo / "content"
        counts = generate(root, args.records)
        print(f"corpus: {args.records} records {counts}; repeat {args.repeat}, best run shown")
        corpus = rex.load(root, today=TODAY)
        assert corpus.report.valid, corpus.report.summary()
        t_load = best_of(args.repeat, lambda: rex.load(root, today=TODAY))
        report = rex.health_report(corpus, TODAY)
        t_report = best_of(args.repeat, lambda: rex.health_report(corpus, TODAY))
        t_text = best_of(args.repeat, lambda: render_text(report))
        t_md = best_of(args.repeat, lambda: render_markdown(report))
        t_json = best_of(args.repeat, report.to_json)
        data = rex.export_records(corpus)
        t_export = best_of(args.repeat, lambda: rex.export_records(corpus))
        t_ejson = best_of(args.repeat, lambda: format_json(data))
        t_ejsonl = best_of(args.repeat, lambda: format_jsonl(data))
        t_ecsv = best_of(args.repeat, lambda: csv_tables(data))
        print(f"rex.load: {t_load:.2f} s (for reference)")
        print(
            f"health_report: {t_report:.3f} s; render text {t_text:.3f} s, "
            f"markdown {t_md:.3f} s, json {t_json:.3f} s"
        )
        print(
            f"export_records: {t_export:.2f} s; format json {t_ejson:.2f} s, "
            f"jsonl {t_ejsonl:.2f} s, csv tables {t_ecsv:.2f} s"
        )

        env = os.environ | GIT_ENV
        for command in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "x"]):
            subprocess.run(["git", *command], cwd=repo, check=True, env=env, capture_output=True)
        changed = sorted((root / "practices").rglob("*.md"))[0]
        changed.write_text(changed.read_text(encoding="utf-8") + "\nUne ligne.\n", "utf-8")
        t_full = best_of(args.repeat, lambda: cli("validate", str(root), "--format", "json"))
        t_changed = best_of(
            args.repeat,
            lambda: cli("validate", str(root), "--format", "json", "--changed-since", "main"),
        )
        print(
            f"rex validate (CLI, in-process): full {t_full:.2f} s, "
            f"--changed-since main (1 changed file) {t_changed:.2f} s"
        )


if __name__ == "__main__":
    main()
