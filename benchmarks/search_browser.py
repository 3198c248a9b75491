"""Time the site search in Chromium as a reader uses it, on a synthetic corpus or a built site.

Builds only what the search needs: the Pagefind bundle of a synthetic corpus's records
(`rex.site.pagefind.search_records`, as `rex build` feeds it) put into a small real rex site
(a record page with the site's own script, styles and Content-Security-Policy), so that 50,000
records take minutes rather than the full site build's twelve. ``--site DIR`` measures a site
already built instead.

Then, from a record page, typing as a person does (key events 60 ms apart, not `fill()`):
seconds to the first result from navigation (the harness's ``first_results_seconds``) and from
the first key, bytes transferred from the first key on, and with ``--breakdown`` where the time
goes after the last key (each request's start and end, the results shown). Also how often a
record's title finds it first (precision) and whether the indicator whose title matches
``delai`` comes first.

Targets (issue 12): first result <= 0.5 s at 5,000 records and <= 1.0 s at 50,000 (from a
record page), <= 1 MB transferred per query at 50,000.

    python benchmarks/search_browser.py --records 5000 [--repeat 5] [--breakdown]
    python benchmarks/search_browser.py --site DIR [--record URL-PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from generate import generate  # noqa: E402

import rex  # noqa: E402

QUERIES = ["delai", "intervention", "prairie"]
KEY_DELAY_MS = 60
#: Small enough to build in seconds, large enough for every kind of record page.
PAGE_CORPUS = 60

#: The site's own engine set-up (rex.js: every index merged, its ranking), then each query.
PRECISION = """async ([bundle, queries, ranking]) => {
  const pf = await import(bundle + "pagefind.js");
  const options = { baseUrl: "/", ranking };
  await pf.options(options);
  const listed = await fetch(bundle + "rex-shards.json");
  const { shards, fillers } = listed.ok ? await listed.json() : { shards: [], fillers: [] };
  await Promise.all(shards.map((s) => pf.mergeIndex(bundle + s, options)));
  const out = [];
  for (const q of queries) {
    const found = (await pf.search(q)).results.filter((r) => !fillers.includes(r.id));
    const top = await Promise.all(found.slice(0, 3).map((r) => r.data()));
    out.push([found.length, top.map((d) => d.url)]);
  }
  return out;
}"""
#: The ranking rex.js asks of Pagefind.
RANKING = re.search(
    r"var RANKING = (\{[^}]*\});", (HERE.parent / "rex/site/static/rex.js").read_text()
)
RANKING_OPTIONS = json.loads(re.sub(r"(\w+):", r'"\1":', RANKING.group(1))) if RANKING else {}


#: Wall-clock marks in the page: each key pressed, and when the first result is shown.
MARKS = """(() => {
  window.__rex = { keys: [], shown: null };
  document.addEventListener("keydown", () => window.__rex.keys.push(Date.now()), true);
  new MutationObserver(() => {
    if (window.__rex.shown === null && document.querySelector(".rex-search__title a")) {
      window.__rex.shown = Date.now();
    }
  }).observe(document, { childList: true, subtree: true });
})();"""


def record_urls(corpus: rex.Corpus) -> dict[str, str]:
    """Every record's page source mapped to its URL, as the site routes them."""
    from rex.site.html import Linker
    from rex.site.routes import record_src

    linker = Linker()
    return {(src := record_src(r.kind, r.id)): linker.url(src) for r in corpus}


def build(records: int, work: Path) -> tuple[Path, str, rex.Corpus]:
    """A small rex site holding the search bundle of ``records`` synthetic records; its folder,
    a record page's path and the corpus. Prints the indexing figures."""
    from rex.site import build_site
    from rex.site.pagefind import SEARCH_DIR, SHARD_SIZE, search_records, write_bundle

    generate(work / "pages-content", PAGE_CORPUS, force=True)
    small = rex.load(work / "pages-content")
    site = work / "site"
    build_site(small, site)
    page = next(iter(small.rex.values()))
    path = record_urls(small)[f"{page.kind.value}/{page.id}.md"]

    generate(work / "content", records, force=True)
    start = time.perf_counter()
    corpus = rex.load(work / "content")
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    entries = search_records(corpus, record_urls(corpus))
    prepared = time.perf_counter() - start
    shutil.rmtree(site / SEARCH_DIR)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    stats = write_bundle(entries, site / SEARCH_DIR, shard_size=SHARD_SIZE)
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"corpus:          {records} records, loaded in {loaded:.1f} s")
    print(f"search records:  {len(entries)} prepared in {prepared:.1f} s")
    print(
        f"Pagefind:        {stats.seconds:.1f} s, {stats.files} files, {stats.bytes / 1e6:.1f} MB"
        f" on disk; peak memory {child / 1e3:.0f} MB"
        + (" (an earlier child's)" if child == before and before else "")
    )
    return site, path, corpus


def precision(
    browser: Any,
    url: str,
    corpus: rex.Corpus,
    bundles: Sequence[str] = ("pagefind/",),
    sample: int = 40,
    ranking: dict[str, float] | None = None,
) -> dict[str, str]:
    """Per bundle: share of sampled records whose title finds them first, and mean hits.
    ``ranking``: Pagefind's ranking options (default: the site's)."""
    ranking = RANKING_OPTIONS if ranking is None else ranking
    urls = record_urls(corpus)
    records = random.Random(1).sample(list(corpus), min(sample, len(corpus)))
    queries = [r.title for r in records]
    wanted = ["/" + urls[f"{r.kind.value}/{r.id}.md"] for r in records]
    page = browser.new_page()
    # A page without the site's script, whose engine would merge the indexes a second time.
    page.goto(url + "pagefind/pagefind-entry.json")
    figures = {}
    for bundle in bundles:
        found = page.evaluate(PRECISION, [url + bundle, queries, ranking])
        first = sum(1 for (n, top), w in zip(found, wanted, strict=True) if top[:1] == [w])
        hits = statistics.mean(n for n, _ in found)
        figures[bundle] = f"title finds the record first {first}/{len(queries)}, {hits:.0f} hits"
    page.close()
    return figures


def settled(page: Any, quiet_ms: int = 500) -> None:
    """Wait until no resource has been fetched for ``quiet_ms`` (the load state "networkidle"
    is reached once per page: it does not wait for what a later event starts)."""
    page.wait_for_function(
        """(quiet) => {
          const entries = performance.getEntriesByType("resource");
          const last = Math.max(0, ...entries.map((e) => e.responseEnd));
          return entries.length > 0 && performance.now() - last > quiet;
        }""",
        arg=quiet_ms,
        polling=100,
        timeout=60_000,
    )


def query_in_browser(
    browser: Any, url: str, query: str, breakdown: bool = False
) -> tuple[float, float, int]:
    """From a record page, a person opens the search and types ``query``: seconds from the
    first key and from the last key to the first result, and bytes transferred from the first
    key on. With
    ``breakdown``, prints each request after the page's load against the last key."""
    from tests.browser.harness import RESULT_TITLES, SEARCH_INPUT, SEARCH_TRIGGER

    page = browser.new_page()
    page.add_init_script(MARKS)
    requests: list[Any] = []
    page.goto(url, wait_until="networkidle")
    # A large site loads its engine when the reader reaches for the search (a small one once
    # the page is idle): the pointer on the button first, as a person's would be, so that the
    # bytes counted are the query's.
    page.locator(SEARCH_TRIGGER).hover()
    settled(page)
    page.on("requestfinished", lambda r: requests.append(r))
    page.locator(SEARCH_TRIGGER).click()
    page.locator(SEARCH_INPUT).wait_for(state="visible")
    page.keyboard.type(query, delay=KEY_DELAY_MS)
    page.wait_for_selector(RESULT_TITLES, timeout=60_000)
    marks = page.evaluate("window.__rex")
    page.wait_for_load_state("networkidle")
    first, last, shown = marks["keys"][0], marks["keys"][-1], marks["shown"]
    size = 0
    rows = []
    for request in requests:
        sizes = request.sizes()
        size += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        timing = request.timing
        begin = timing["startTime"]
        rows.append((begin - last, begin + timing["responseEnd"] - last, sizes, request.url))
    if breakdown:
        print(
            f"    '{query}': first key → last key {last - first} ms, last key → shown "
            f"{shown - last} ms"
        )
        for begin, end, sizes, address in sorted(rows):
            name = address.rsplit("/", 1)[-1].split("?")[0]
            print(
                f"      {begin:7.0f} → {end:7.0f} ms  {sizes['responseBodySize'] / 1e3:6.1f} kB"
                f"  {name}"
            )
    page.close()
    return (shown - first) / 1000, (shown - last) / 1000, size


def measure_queries(
    chrome: Any, target: str, queries: Sequence[str], repeat: int, breakdown: bool = False
) -> None:
    """Print, per query typed on the page at ``target``: median seconds to the first result
    from navigation, from the first key and from the last, and bytes transferred."""
    from tests.browser.harness import first_results_seconds

    for query in queries:
        runs = [query_in_browser(chrome, target, query, breakdown) for _ in range(repeat)]
        loaded = [first_results_seconds(chrome, target, query) for _ in range(repeat)]
        print(
            f"  '{query}': first result {statistics.median(loaded):.2f} s from navigation, "
            f"{statistics.median(r[0] for r in runs):.2f} s from the first key, "
            f"{statistics.median(r[1] for r in runs):.2f} s from the last "
            f"(runs {', '.join(f'{r[1]:.2f}' for r in runs)}), "
            f"{statistics.median(r[2] for r in runs) / 1e3:.0f} kB transferred"
        )


def measure(site: Path, path: str, corpus: rex.Corpus | None, repeat: int, breakdown: bool) -> None:
    """Serve ``site`` and print the search figures from the record page at ``path``."""
    from tests.browser.harness import chromium, search, serve

    with chromium() as chrome, serve(site) as url:
        if corpus is not None:
            for bundle, figure in precision(chrome, url, corpus).items():
                print(f"precision {bundle}: {figure}")
        page = chrome.new_page()
        page.goto(url + path)
        print(f"'delai' first three: {search(page, 'delai')[:3]}")
        page.close()
        measure_queries(chrome, url + path, QUERIES, repeat, breakdown)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--records", type=int, help="build a bundle of this many records")
    group.add_argument("--site", type=Path, help="measure this built site")
    parser.add_argument("--record", help="the record page's path in --site (default: the first)")
    parser.add_argument("--repeat", type=int, default=5, help="timings per query")
    parser.add_argument("--breakdown", action="store_true", help="print each query's requests")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}, load {os.getloadavg()[0]:.2f}, queries {QUERIES}")
    if args.site:
        path = args.record or next(
            str(p.parent.relative_to(args.site)) + "/"
            for p in sorted(args.site.glob("rex/*/index.html"))
        )
        measure(args.site, path, None, args.repeat, args.breakdown)
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix=f"search-{args.records}-"))
    try:
        site, path, corpus = build(args.records, work)
        measure(site, path, corpus, args.repeat, args.breakdown)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
