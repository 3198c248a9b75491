"""Time `rex build` on synthetic corpora next to a floor measured in the same run.

For each size: the rex site (`rex.site.build_site`, rex's built-in configuration) against a
plain `mkdocs build` of as many plain Markdown pages (the same bodies, all in the nav) with the
same theme, the French search and `navigation.prune` — the floor. Prints both times, the
largest page's HTML, the search index size, and how long the search takes to show its first
results in headless Chromium (measured with the browser tests' harness).

Search (Pagefind): the bundle's size, how rex feeds it — custom records built from the corpus
(what the site does) against ``data-pagefind-*`` attributes on the built pages crawled by the
Pagefind binary — timed and compared for precision (a record's title finds it first), the
peak memory of the build and of the Pagefind processes, and in Chromium, from a record page,
typing as a person does (`search_browser.measure_queries`): seconds to the first result — from
navigation, from the first key and from the last — and bytes transferred for the query.

Targets: rex <= 1.5x the floor; every page under 150 kB at 5,000 records; first search
result <= 0.5 s and <= 1 MB per query at 5,000 records.

    python benchmarks/bench_site.py [--records 2000 5000] [--no-browser] [--floor] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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
QUERIES = {"rex": ["delai", "intervention"]}
PER_FOLDER = 100
#: Feeding Pagefind by crawling attributes is compared up to this size (the crawl is not
#: sharded: at 50,000 records it needs 6.7 GB).
COMPARE_UP_TO = 10_000


def build_in_new_process(content: Path, site: Path) -> dict[str, Any]:
    """Load and build in a fresh process (its own peak memory), return its figures."""
    run = subprocess.run(
        [sys.executable, __file__, "--build-only", str(content), str(site)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, Any] = json.loads(run.stdout.splitlines()[-1])
    return figures


def build_only(content: Path, site: Path) -> None:
    """Load ``content``, build ``site``, print the figures as one JSON line."""
    lines: list[str] = []
    start = time.perf_counter()

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(f"{time.perf_counter() - start:7.1f} s {record.getMessage()}")

    logger = logging.getLogger("mkdocs.plugins.rex")
    logger.addHandler(Keep(logging.INFO))
    logger.setLevel(logging.INFO)
    corpus = rex.load(content)
    assert corpus.report.valid, "the synthetic corpus should validate"
    loaded = time.perf_counter()
    lines.append(f"{loaded - start:7.1f} s corpus loaded")
    result = build_site(corpus, site)
    built = time.perf_counter()
    times = os.times()
    figures = {
        "pages": result.pages,
        "load": loaded - start,
        "build": built - loaded,
        "log": lines,
        "cpu": times.user + times.system,
        "cpu_children": times.children_user + times.children_system,
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "peak_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
    }
    print(json.dumps(figures))


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


def annotate(site: Path, corpus: rex.Corpus) -> int:
    """Put ``data-pagefind-*`` attributes on the record pages of ``site`` (what the attribute
    route would generate): body, kind/service/indicator/status/outcome/year/tag filters, meta.
    Returns the number of pages annotated."""
    from rex.site.html import Linker
    from rex.site.pagefind import record_entry
    from rex.site.routes import record_src

    linker = Linker()
    done = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "data-pagefind-body" in html:
            continue
        html = html.replace("<article", "<article data-pagefind-ignore", 1)
        page.write_text(html, encoding="utf-8")
    for record in corpus:
        url = linker.url(record_src(record.kind, record.id))
        page = site / url / "index.html"
        entry = record_entry(corpus, record, url)
        tags = (
            "".join(
                f'<span data-pagefind-filter="{name}">{esc(v)}</span>'
                for name, values in entry.filters.items()
                for v in values
            )
            + f'<span data-pagefind-meta="kind">{esc(entry.meta["kind"])}</span>'
        )
        html = page.read_text(encoding="utf-8").replace(
            "<article data-pagefind-ignore", "<article data-pagefind-body", 1
        )
        html = html.replace("</article>", f"<div hidden>{tags}</div></article>", 1)
        page.write_text(html, encoding="utf-8")
        done += 1
    return done


def esc(text: str) -> str:
    """HTML-escaped text."""
    import html

    return html.escape(text)


def attribute_bundle(site: Path) -> float:
    """Seconds for the Pagefind binary to crawl ``site`` into ``pagefind-attr/``."""
    from pagefind.service import get_executable

    start = time.perf_counter()
    subprocess.run(
        [
            str(get_executable()),
            "--site",
            str(site),
            "--output-subdir",
            "pagefind-attr",
            "--force-language",
            "fr",
            "--quiet",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def mb(n: int) -> str:
    """Bytes as megabytes."""
    return f"{n / 1e6:.1f} MB"


def run(records: int, work: Path, browser: bool, repeat: int, floor: bool) -> None:
    """Benchmark one corpus size and print the figures."""
    from rex.site.html import Linker
    from rex.site.pagefind import search_records, write_bundle
    from rex.site.routes import record_src

    content = work / "content"
    counts = generate(content, records)
    print(f"\n== {records} records: {counts}")
    rex_site = work / "rex-site"
    figures = build_in_new_process(content, rex_site)
    rex_time = figures["load"] + figures["build"]
    print(f"pages:               {figures['pages']}")
    print(
        f"build time:          {rex_time:.1f} s = load {figures['load']:.1f} s + build "
        f"{figures['build']:.1f} s (Pagefind bundles included; target at 50,000: 240 s)"
    )
    for line in figures["log"]:
        print(f"  {line}")
    print(
        f"CPU time:            build process {figures['cpu']:.0f} s, its children (search job, "
        f"Pagefind) {figures['cpu_children']:.0f} s"
    )
    print(
        f"peak memory:         build process {figures['peak'] / 1e6:.0f} MB, largest child "
        f"{figures['peak_children'] / 1e6:.0f} MB (target: no process above 2,000 MB)"
    )
    page_size, page_path = largest_page(rex_site)
    print(f"largest page HTML:   {page_size / 1e3:.0f} kB ({page_path}) (target < 150 kB)")
    for index in ("practices", "rex", "indicators", "services", "actions"):
        page = rex_site / index / "index.html"
        if page.is_file():
            print(f"  /{index}/ HTML {page.stat().st_size / 1e3:.0f} kB")
    for name in ("pagefind", "pagefind-rows"):
        manifest = rex_site / name / "rex-shards.json"
        shards = (
            json.loads(manifest.read_text(encoding="utf-8"))["shards"] if manifest.exists() else []
        )
        print(
            f"{name + ' bundle:':21}{mb(folder_size(rex_site / name))} on disk, "
            f"{len(shards) + 1} index(es)"
        )
    corpus = rex.load(content)
    if records <= COMPARE_UP_TO:
        # How to feed Pagefind: custom records (the site's way) against attributes on the pages.
        urls = {record_src(r.kind, r.id): Linker().url(record_src(r.kind, r.id)) for r in corpus}
        start = time.perf_counter()
        entries = search_records(corpus, urls)
        stats = write_bundle(entries, work / "custom")
        custom = time.perf_counter() - start
        annotate(rex_site, corpus)
        attr = attribute_bundle(rex_site)
        print(
            f"feeding Pagefind:    custom records {custom:.1f} s ({stats.records} records), "
            f"attributes + crawl {attr:.1f} s"
        )
    if floor:
        floor_time, _ = floor_build(corpus, work / "floor", figures["pages"])
        print(f"floor build:         {floor_time:.1f} s, ratio {rex_time / floor_time:.2f}")
    if browser:
        from search_browser import measure_queries, precision

        from tests.browser.harness import chromium, serve

        record = next(iter(corpus.rex.values()))
        with chromium() as chrome, serve(rex_site) as url:
            bundles = ("pagefind/", "pagefind-attr/")
            for bundle, figure in precision(chrome, url, corpus, bundles).items():
                print(f"precision {bundle:15} {figure}")
            target = url + Linker().url(record_src(record.kind, record.id))
            measure_queries(chrome, target, [*QUERIES["rex"], "prairie"], repeat)


def main() -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument("--floor", action="store_true", help="also time a plain mkdocs build")
    parser.add_argument("--no-browser", action="store_true", help="skip the search timing")
    parser.add_argument("--repeat", type=int, default=3, help="search timings per site")
    parser.add_argument("--keep", type=Path, default=None, help="keep the sites in this folder")
    parser.add_argument("--build-only", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        build_only(*args.build_only)
        return 0
    print(f"python {sys.version.split()[0]}, sizes {args.records}, queries {QUERIES}")
    for records in args.records:
        work = Path(tempfile.mkdtemp(prefix=f"bench-site-{records}-"))
        try:
            run(records, work, not args.no_browser, args.repeat, args.floor)
        finally:
            if args.keep:
                shutil.copytree(work, args.keep / str(records), dirs_exist_ok=True)
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
