"""Time a long index list's filter in Chromium, as a person types it, on a built site.

For each list page given (default: ``rex/`` and the longest tag list): the bytes the page
transfers when opened, then, typing a service's name with key events: seconds from the last
key until the table shows only matching rows, and the bytes that filtering transferred.
Issue 12's goals at 50,000 records: opening at most 1 MB; the filtered rows within 1 s of the
last key, at most 1 MB more.

    python benchmarks/list_browser.py --site SITE [--page rex/ tags/x/] [--query "Espaces verts"]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser.harness import chromium, serve

KEY_DELAY_MS = 60
#: When the rows shown change: the last key's time and the time the filtered rows are in.
MARKS = """
window.__rex = { keys: [], shown: null };
document.addEventListener("keydown", () => window.__rex.keys.push(performance.now()), true);
document.addEventListener("DOMContentLoaded", () => {
  const table = document.querySelector("table[data-rex-table]");
  new MutationObserver(() => {
    const status = document.querySelector("p.rex-sr[aria-live]");
    if (status && /trouvée/.test(status.textContent)) window.__rex.shown = performance.now();
  }).observe(table.parentNode, { subtree: true, childList: true, characterData: true });
});
"""


def _bytes(requests: list[Any]) -> int:
    total = 0
    for request in requests:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def filter_once(browser: Any, url: str, query: str) -> tuple[int, float, int, str]:
    """Bytes on opening, seconds from the last key to the filtered rows, bytes of the filter,
    and the status line."""
    page = browser.new_page()
    page.add_init_script(MARKS)
    requests: list[Any] = []
    page.on("requestfinished", lambda r: requests.append(r))
    page.goto(url, wait_until="networkidle")
    on_open = _bytes(requests)
    filtering: list[Any] = []
    page.on("requestfinished", lambda r: filtering.append(r))
    page.get_by_label("Filtrer la liste").press_sequentially(query, delay=KEY_DELAY_MS)
    page.wait_for_function(
        "(q) => window.__rex.shown && window.__rex.shown > window.__rex.keys.at(-1)"
        " && document.querySelector('.rex-filter input').value === q",
        arg=query,
        timeout=60_000,
    )
    page.wait_for_load_state("networkidle")
    marks = page.evaluate("window.__rex")
    status = page.locator("p.rex-sr[aria-live]").first.inner_text()
    filtered = _bytes(filtering)
    page.close()
    return on_open, (marks["shown"] - marks["keys"][-1]) / 1000, filtered, status


def longest_tag(site: Path) -> str:
    """The tag list with the most pages."""
    tags = [p for p in (site / "tags").iterdir() if p.is_dir()]
    return "tags/" + max(tags, key=lambda p: len(list(p.glob("page-*")))).name + "/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--page", nargs="+", help="list pages (default: rex/ and a tag)")
    parser.add_argument("--query", default="Espaces verts")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = args.page or ["rex/", longest_tag(args.site)]
    with serve(args.site) as base, chromium() as browser:
        for path in pages:
            runs = [filter_once(browser, base + path, args.query) for _ in range(args.repeat)]
            print(
                f"{path}: opening {statistics.median(r[0] for r in runs) / 1e3:.0f} kB; "
                f"'{args.query}' shown {statistics.median(r[1] for r in runs):.2f} s after the "
                f"last key (runs {', '.join(f'{r[1]:.2f}' for r in runs)}), "
                f"{statistics.median(r[2] for r in runs) / 1e3:.0f} kB more; {runs[0][3]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
