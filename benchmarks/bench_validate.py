"""Time `rex validate` on a synthetic corpus next to a floor measured in the same run.

The floor reads the same files and parses their front matter with PyYAML's C loader, which
is the least any validator must do. Target: rex within 2x of the floor.

    python benchmarks/bench_validate.py [--records 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

import rex
from rex.cli import main as rex_main


def floor(root: Path) -> int:
    """Read every record and load its front matter with the C loader; return the count."""
    count = 0
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8-sig")
        _, front, _ = text.split("---\n", 2)
        yaml.load(front, Loader=yaml.CSafeLoader)
        count += 1
    return count


def best_of(repeat: int, func: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        counts = generate(root, args.records)
        print(f"corpus: {args.records} records {counts} in {root}")
        n = floor(root)
        t_floor = best_of(args.repeat, lambda: floor(root))
        t_load = best_of(args.repeat, lambda: rex.load(root))
        corpus = rex.load(root)
        assert len(corpus) == n and corpus.report.valid, corpus.report.summary()
        del corpus

        def cli() -> None:
            try:
                rex_main(["validate", str(root), "--format", "json"])
            except SystemExit as exc:
                assert exc.code == 0, exc.code

        with contextlib.redirect_stdout(io.StringIO()):
            t_cli = best_of(args.repeat, cli)
        command = [sys.executable, "-m", "rex", "validate", str(root)]
        t_process = best_of(
            args.repeat, lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        )
    print(f"floor (read + PyYAML C loader): {t_floor:.2f} s ({t_floor / n * 1000:.3f} ms/file)")
    print(
        f"rex.load (parse with line marks, validate, links): {t_load:.2f} s "
        f"({t_load / n * 1000:.3f} ms/file), {t_load / t_floor:.2f}x the floor"
    )
    print(f"rex validate (CLI, json output): {t_cli:.2f} s, {t_cli / t_floor:.2f}x the floor")
    print(
        f"rex validate (new process, with interpreter start and imports): {t_process:.2f} s, "
        f"{t_process / t_floor:.2f}x the floor"
    )
    print(f"target: <= 2.00x -> {'met' if t_cli / t_floor <= 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
