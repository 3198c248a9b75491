"""Time `rex build` on synthetic corpora next to a floor measured in the same run.

For each size: the rex site (`rex.site.build_site`, rex's built-in configuration) against a
plain `mkdocs build` of as many plain Markdown pages (the same bodies, all in the nav) with the
same theme, the French search and `navigation.prune` — the floor. Prints both times, the
largest page's HTML, the search index size, and how long the search takes to show its first
results in headless Chromium (measured with the browser tests' harness).

Targets: rex <= 1.5x the floor; every page under 150 kB at 5,000 records; first search
results under 1.5 s at 5,000 records.

    python benchmarks/bench_site.py [--records 1000 5000] [--no-browser] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
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

FLOOR_CONFIG = """\
site_name: Plancher
docs_dir: docs
theme:
  name: material
  language: fr
  font: false
  features: [navigation.prune]
plugins:
  - search:
      lang: fr
"""
#: The floor's search cannot fold accents, so it is timed on a word without any.
QUERIES = {"rex": ["delai", "intervention"], "floor": ["intervention"]}
PER_FOLDER = 100


def floor_build(corpus: rex.Corpus, work: Path, pages: int) -> tuple[float, Path]:
    """A plain mkdocs build of ``pages`` Markdown pages (the corpus's bodies), all in the nav."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = work / "docs"
    docs.mkdir(parents=True)
    records = list(corpus)
    for i in range(pages):
        record = records[i % len(records)]
        text = f"# {record.title}\n\n{record.body}\n"
        # Folders become nav sections, which navigation.prune leaves out of other pages.
        path = docs / "index.md" if i == 0 else docs / f"s{i // PER_FOLDER:03d}" / f"p{i:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
    (work / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    site = work / "site"
    start = time.perf_counter()
    config = load_config(str(work / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return time.perf_counter() - start, site


def largest_page(site: Path) -> tuple[int, str]:
    """The size in bytes and path of the largest HTML page."""
    size, path = max((p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html"))
    return size, path


def folder_size(folder: Path) -> int:
    """Total bytes under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def search_seconds(sites: dict[str, Path], repeat: int) -> dict[tuple[str, str], float]:
    """Median seconds to first search results, per site and query, in Chromium."""
    from tests.browser.harness import chromium, first_results_seconds, serve

    found: dict[tuple[str, str], float] = {}
    with chromium() as browser:
        for name, site in sites.items():
            with serve(site) as url:
                for query in QUERIES[name]:
                    times = [first_results_seconds(browser, url, query) for _ in range(repeat)]
                    found[(name, query)] = statistics.median(times)
    return found


def mb(n: int) -> str:
    """Bytes as megabytes."""
    return f"{n / 1e6:.1f} MB"


def run(records: int, work: Path, browser: bool, repeat: int) -> None:
    """Benchmark one corpus size and print the figures."""
    content = work / "content"
    counts = generate(content, records)
    corpus = rex.load(content)
    assert corpus.report.valid, "the synthetic corpus should validate"
    print(f"\n== {records} records: {counts}")

    start = time.perf_counter()
    result = build_site(corpus, work / "rex-site")
    rex_time = time.perf_counter() - start
    floor_time, floor_site = floor_build(corpus, work / "floor", result.pages)

    rex_site = work / "rex-site"
    page_size, page_path = largest_page(rex_site)
    floor_page, _ = largest_page(floor_site)
    index = rex_site / "search" / "search_index.json"
    floor_index = floor_site / "search" / "search_index.json"
    ratio = rex_time / floor_time
    print(f"pages:               {result.pages} (rex) / {result.pages} (floor)")
    print(
        f"build time:          rex {rex_time:.1f} s, floor {floor_time:.1f} s, "
        f"ratio {ratio:.2f} (target <= 1.5)"
    )
    print(
        f"largest page HTML:   rex {page_size / 1e3:.0f} kB ({page_path}), "
        f"floor {floor_page / 1e3:.0f} kB (target < 150 kB)"
    )
    print(
        f"search index:        rex {mb(index.stat().st_size)}, "
        f"floor {mb(floor_index.stat().st_size)}"
    )
    print(
        f"site size:           rex {mb(folder_size(rex_site))}, floor {mb(folder_size(floor_site))}"
    )
    if browser:
        seconds = search_seconds({"rex": rex_site, "floor": floor_site}, repeat)
        print(f"first search results, from opening the home page (median of {repeat}):")
        for (name, query), value in seconds.items():
            print(f"  {name:5} '{query}': {value:.2f} s (target < 1.5 s)")


def main() -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--no-browser", action="store_true", help="skip the search timing")
    parser.add_argument("--repeat", type=int, default=3, help="search timings per site")
    parser.add_argument("--keep", type=Path, default=None, help="keep the sites in this folder")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, sizes {args.records}, queries {QUERIES}")
    for records in args.records:
        work = Path(tempfile.mkdtemp(prefix=f"bench-site-{records}-"))
        try:
            run(records, work, not args.no_browser, args.repeat)
        finally:
            if args.keep:
                shutil.copytree(work, args.keep / str(records), dirs_exist_ok=True)
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
