"""Page generation: a `Corpus` in, Markdown pages and their assets out.

This step knows nothing of mkdocs: `generate` returns plain data (`SiteContent`) that any
builder can write out — the mkdocs plugin feeds it to mkdocs, and a successor (Zensical, or
mkdocs 2 without plugins) could build the same pages from a folder written by `write_pages`.

Extra pages plug in as generators: a function ``(SiteContext) -> Iterable[Page]`` added to
`GENERATORS`, passed to `generate`, or declared by an installed package in the entry point
group ``rex.site.generators``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from importlib import metadata, resources
from pathlib import Path

from ..corpus import Corpus
from ..i18n import use_language
from ..sanitize import MarkdownOptions
from .dashboard import LANGUAGE, dashboard_page
from .display import display_pages
from .feeds import feeds
from .guide import guide_page
from .html import Linker
from .indexes import home_page, kind_indexes, tag_pages
from .kinds import record_pages
from .routes import ASSET_DIR, ASSET_FILES
from .types import Asset, PageGenerator, SiteContent, SiteContext

ENTRY_POINT_GROUP = "rex.site.generators"

#: The built-in pages, in the order they are generated.
BUILTIN: tuple[PageGenerator, ...] = (
    home_page,
    dashboard_page,
    kind_indexes,
    record_pages,
    tag_pages,
    display_pages,
    guide_page,
    feeds,
)

#: Extra page generators run after the built-in ones (a local page, a plugin's).
GENERATORS: list[PageGenerator] = []


def installed_generators() -> list[PageGenerator]:
    """The generators that installed packages declare in the ``rex.site.generators`` group."""
    found = metadata.entry_points(group=ENTRY_POINT_GROUP)
    return [entry.load() for entry in sorted(found, key=lambda e: e.name)]


def generate(
    corpus: Corpus,
    *,
    directory_urls: bool = True,
    generators: Sequence[PageGenerator] = (),
    markdown: MarkdownOptions | None = None,
    allowed_hosts: Sequence[str] = (),
    site_url: str | None = None,
    site_name: str = "",
    today: dt.date | None = None,
) -> SiteContent:
    """The site's pages and assets for ``corpus`` (already filtered, e.g. for ``--public``).

    Bodies are rendered with ``markdown`` and sanitized; images of ``allowed_hosts`` stay.
    ``site_url`` (mkdocs' own) makes the feeds' links absolute; ``site_name`` names them.
    Results and action plans are read as of ``today`` (default: the day of the build).
    The pages are in French (`rex.site.dashboard.LANGUAGE`), whatever language the caller
    speaks: the words that follow the language (the dashboard's) are built in French here.
    """
    context = SiteContext(
        corpus, Linker(directory_urls), markdown, allowed_hosts, site_url, site_name, today
    )
    content = SiteContent()
    with use_language(LANGUAGE):
        for generator in [*BUILTIN, *installed_generators(), *GENERATORS, *generators]:
            content.pages.extend(
                replace(p, source=partial(_in_site_language, p.source)) if callable(p.source) else p
                for p in generator(context)
            )
    static = resources.files("rex.site") / "static"
    content.assets.extend(
        Asset(f"{ASSET_DIR}/{name}", (static / name).read_text(encoding="utf-8"))
        for name in ASSET_FILES
    )
    content.assets.extend(context.assets)
    content.lists.extend(context.lists)
    if any(callable(p.source) for p in content.pages):
        context.prepare_lazy_pages()
    return content


def _in_site_language(write: Callable[[], str]) -> str:
    # A lazy page is written during the build, outside `generate`: in French all the same.
    with use_language(LANGUAGE):
        return write()


def write_pages(content: SiteContent, folder: Path) -> None:
    """Write the pages and assets under ``folder`` (a docs folder any static builder can read)."""
    files: list[tuple[str, str | bytes]] = [(p.src, p.markdown) for p in content.pages]
    files += [(a.path, a.content) for a in content.assets]
    for relpath, data in files:
        path = folder / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
