"""Run rex's fuzz targets for a while each and print executions and crashes.

    pip install -e '.[fuzz]'
    python fuzz/run.py --seconds 180                 # every target, 3 minutes each
    python fuzz/run.py --seconds 60 --target loader  # one target

Each target runs in its own process (libFuzzer exits on the first crash), seeded with the
sample corpus and the bad-input cases; new inputs go to a working folder (``--corpus``,
default a temporary one) so the seeds are never written to. A crash, or an input slower
than ``--timeout`` seconds, leaves its input in ``--artifacts`` to replay with
``python fuzz/fuzz_<target>.py <file>``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGETS = {
    "frontmatter": HERE / "fuzz_frontmatter.py",
    "loader": HERE / "fuzz_loader.py",
    "results": HERE / "fuzz_results.py",
}
SEEDS = [ROOT / "content", ROOT / "tests" / "cases"]
_STAT = re.compile(r"^stat::(\w+):\s*(\d+)", re.MULTILINE)


def run_target(name: str, seconds: int, corpus: Path, artifacts: Path, timeout: int) -> bool:
    """Fuzz target ``name`` for ``seconds``; print its figures; return True if nothing crashed."""
    work = corpus / name
    work.mkdir(parents=True, exist_ok=True)
    prefix = artifacts / name
    prefix.mkdir(parents=True, exist_ok=True)
    before = set(prefix.iterdir())
    command = [
        sys.executable,
        str(TARGETS[name]),
        f"-max_total_time={seconds}",
        f"-timeout={timeout}",
        "-print_final_stats=1",
        f"-artifact_prefix={prefix}/",
        str(work),
        *(str(s) for s in SEEDS if s.is_dir()),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    stats = {key: int(value) for key, value in _STAT.findall(done.stderr)}
    found = sorted(set(prefix.iterdir()) - before)
    print(
        f"{name}: {stats.get('number_of_executed_units', 0)} executions in {seconds} s "
        f"({stats.get('average_exec_per_sec', 0)}/s), {len(found)} crashes, "
        f"corpus {len(list(work.iterdir()))} inputs, exit code {done.returncode}"
    )
    for path in found:
        print(f"  crash input: {path}")
    if done.returncode != 0 or found:
        print("\n".join(done.stderr.splitlines()[-40:]))
    return done.returncode == 0 and not found


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the targets, exit 1 if any crashed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="time per target")
    parser.add_argument("--target", choices=sorted(TARGETS), action="append")
    parser.add_argument("--corpus", type=Path, help="working corpus folder (kept between runs)")
    parser.add_argument("--artifacts", type=Path, default=Path("fuzz-artifacts"))
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rex-fuzz-corpus-") as tmp:
        corpus = args.corpus or Path(tmp)
        results = [
            run_target(name, args.seconds, corpus, args.artifacts.resolve(), args.timeout)
            for name in args.target or sorted(TARGETS)
        ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
