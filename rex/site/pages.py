"""Page generation: a `Corpus` in, Markdown pages and their assets out.

This step knows nothing of mkdocs: `generate` returns plain data (`SiteContent`) that any
builder can write out — the mkdocs plugin feeds it to mkdocs, and a successor (Zensical, or
mkdocs 2 without plugins) could build the same pages from a folder written by `write_pages`.

Extra pages plug in as generators: a function ``(SiteContext) -> Iterable[Page]`` added to
`GENERATORS` or passed to `generate` (the built-in "Tableau de bord" is one too).
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from ..corpus import Corpus
from ..models import Indicator, Kind, Measure, Practice, Record, Rex, Service
from ..sanitize import MarkdownOptions, render_body
from .html import Linker, esc, slugify


@dataclass(frozen=True)
class SearchEntry:
    """What the search index holds for a page: short text, not the whole body."""

    title: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """One generated Markdown page.

    ``src`` is its source path (``practices/x.md``); ``markdown`` its whole text, front
    matter included; ``nav`` its title in the navigation, if it belongs there.
    """

    src: str
    title: str
    markdown: str
    search: SearchEntry | None = None
    nav: str | None = None
    nav_order: int = 100


@dataclass(frozen=True)
class Asset:
    """A file shipped with the site (CSS, JavaScript, JSON data)."""

    path: str
    content: str


@dataclass
class SiteContent:
    """Everything `generate` produces."""

    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)

    @property
    def nav(self) -> list[tuple[str, str]]:
        """(title, src) of the pages that belong in the navigation, in order."""
        in_nav = sorted((p for p in self.pages if p.nav), key=lambda p: (p.nav_order, p.src))
        return [(p.nav or p.title, p.src) for p in in_nav]


class SiteContext:
    """The corpus plus what several pages need: links, and relations computed once."""

    def __init__(
        self,
        corpus: Corpus,
        linker: Linker,
        markdown: MarkdownOptions | None = None,
        allowed_hosts: Sequence[str] = (),
    ) -> None:
        self.corpus = corpus
        self.linker = linker
        self.assets: list[Asset] = []
        #: How bodies are rendered (the site's Markdown extensions), and the hosts whose
        #: images a body may show (others become links): see `rex.sanitize`.
        self.markdown = markdown or MarkdownOptions()
        self.allowed_hosts = tuple(allowed_hosts)

    @cached_property
    def rex_by_practice(self) -> dict[str, list[Rex]]:
        """REX that applied each practice, latest first."""
        found: dict[str, list[Rex]] = defaultdict(list)
        for rex in self.corpus.rex.values():
            for pid in dict.fromkeys(rex.practices):
                if pid in self.corpus.practices:
                    found[pid].append(rex)
        for items in found.values():
            items.sort(key=lambda r: (r.date, r.id), reverse=True)
        return found

    @cached_property
    def measures_by_indicator(self) -> dict[str, list[tuple[Rex, Measure]]]:
        """Every REX measure of each indicator, oldest REX first."""
        found: dict[str, list[tuple[Rex, Measure]]] = defaultdict(list)
        for rex in sorted(self.corpus.rex.values(), key=lambda r: (r.date, r.id)):
            for measure in rex.measures:
                if measure.indicator in self.corpus.indicators:
                    found[measure.indicator].append((rex, measure))
        return found

    @cached_property
    def tags(self) -> dict[str, tuple[str, list[Record]]]:
        """Tag slug -> (tag as written first, records carrying it)."""
        found: dict[str, tuple[str, list[Record]]] = {}
        for record in self.corpus:
            for tag in dict.fromkeys(record.tags):
                slug = slugify(tag)
                found.setdefault(slug, (tag, []))[1].append(record)
        return dict(sorted(found.items()))

    @cached_property
    def common_headings(self) -> frozenset[str]:
        """Section headings found in more than a tenth of the records of some kind."""
        common: set[str] = set()
        for kind in Kind:
            records = self.corpus.records(kind)
            counts: dict[str, int] = defaultdict(int)
            for record in records:
                for heading in set(headings_of(record)):
                    counts[heading] += 1
            common.update(h for h, n in counts.items() if n > 1 and n * 10 > len(records))
        return frozenset(common)

    def services_of(self, record: Practice | Rex | Indicator) -> list[Service]:
        """The services a record names that exist in the corpus."""
        return [s for s in self.corpus.outgoing(record, Kind.SERVICE) if isinstance(s, Service)]

    def indicators_of(self, record: Practice | Rex) -> list[Indicator]:
        """The indicators a practice targets, or a REX measured, that exist in the corpus."""
        found = self.corpus.outgoing(record, Kind.INDICATOR)
        return [i for i in found if isinstance(i, Indicator)]

    def practices_of(self, rex: Rex) -> list[Practice]:
        """The practices a REX applied that exist in the corpus."""
        return [p for p in self.corpus.outgoing(rex, Kind.PRACTICE) if isinstance(p, Practice)]


PageGenerator = Callable[[SiteContext], Iterable[Page]]


def headings_of(record: Record) -> list[str]:
    """The text of the ``##``-and-deeper headings of a record's body."""
    return [
        line.lstrip("#").strip()
        for line in record.body.splitlines()
        if line.startswith("##") and line.lstrip("#")[:1] == " "
    ]


def body_markdown(ctx: SiteContext, record: Record) -> str:
    """The body as sanitized HTML blocks, its top-level headings as Markdown headings.

    The HTML goes in raw blocks mkdocs does not read again; the headings stay Markdown so
    mkdocs gives them page-wide unique ids and lists them in the page's table of contents.
    """
    text = render_body(record.body, ctx.markdown, ctx.allowed_hosts)
    parts: list[str] = []
    done = 0
    for level, start, end in _top_headings(text):
        inner = text[text.index(">", start) + 1 : text.rindex("<", start, end)]
        words = " ".join(html.unescape(re.sub(r"<[^>]*>", "", inner)).split())
        if not words:
            continue
        parts.extend([_raw(text[done:start]), "#" * level + " " + _md_text(words)])
        done = end
    parts.append(_raw(text[done:]))
    return "\n\n".join(p for p in parts if p)


def _raw(fragment: str) -> str:
    # One <div> is one raw block for Markdown, blank lines inside (code) included.
    return f'<div class="rex-body">\n{fragment.strip()}\n</div>' if fragment.strip() else ""


_MD_ESCAPE_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def _md_text(text: str) -> str:
    # Heading text is plain text again: escape what Markdown or HTML would read as markup.
    return _MD_ESCAPE_RE.sub(r"\\\1", esc(text))


class _TopHeadings(HTMLParser):
    """Where the headings outside any other element are, in sanitized (well-formed) HTML."""

    VOID = frozenset({"br", "hr", "img"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.found: list[tuple[int, int, int]] = []
        self._depth = 0
        self._open: tuple[str, int] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if self._depth == 0 and re.fullmatch(r"h[1-6]", tag):
            self._open = (tag, self._offset())
        self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        self._depth -= 1
        if self._depth == 0 and self._open is not None and self._open[0] == tag:
            end = self._offset() + len(f"</{tag}>")
            self.found.append((int(tag[1]), self._open[1], end))
            self._open = None


def _top_headings(text: str) -> list[tuple[int, int, int]]:
    parser = _TopHeadings(text)
    parser.feed(text)
    parser.close()
    return parser.found


def page_markdown(title: str, *blocks: str) -> str:
    """A page's Markdown: front matter with the (escaped) title, then blocks split by blank
    lines.

    The theme prints ``page.meta.title`` without escaping it, so the title is escaped here.
    """
    # The theme's search would parse every page only for rex to replace its entries.
    front = (
        f"---\ntitle: {json.dumps(esc(title), ensure_ascii=False)}\n"
        "search:\n  exclude: true\n---\n\n"
    )
    return front + "\n\n".join(b.strip("\n") for b in blocks if b.strip()) + "\n"


def _default_generators() -> list[PageGenerator]:
    from .dashboard import dashboard_page
    from .indexes import home_page, kind_indexes, tag_pages
    from .records import record_pages

    return [home_page, dashboard_page, kind_indexes, record_pages, tag_pages]


#: Extra page generators run after the built-in ones (a local page, a plugin's).
GENERATORS: list[PageGenerator] = []

ASSET_FILES = ("rex.css", "rex.js")
ASSET_DIR = "assets/rex"


def generate(
    corpus: Corpus,
    *,
    directory_urls: bool = True,
    generators: Sequence[PageGenerator] = (),
    markdown: MarkdownOptions | None = None,
    allowed_hosts: Sequence[str] = (),
) -> SiteContent:
    """The site's pages and assets for ``corpus`` (already filtered, e.g. for ``--public``).

    Bodies are rendered with ``markdown`` and sanitized; images of ``allowed_hosts`` stay.
    """
    context = SiteContext(corpus, Linker(directory_urls), markdown, allowed_hosts)
    content = SiteContent()
    for generator in [*_default_generators(), *GENERATORS, *generators]:
        content.pages.extend(generator(context))
    static = resources.files("rex.site") / "static"
    content.assets.extend(
        Asset(f"{ASSET_DIR}/{name}", (static / name).read_text(encoding="utf-8"))
        for name in ASSET_FILES
    )
    content.assets.extend(context.assets)
    return content


def write_pages(content: SiteContent, folder: Path) -> None:
    """Write the pages and assets under ``folder`` (a docs folder any static builder can read)."""
    files = [(p.src, p.markdown) for p in content.pages]
    files += [(a.path, a.content) for a in content.assets]
    for relpath, text in files:
        path = folder / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
