"""The site's types: what page generators receive (`SiteContext`) and return (`Page`).

A leaf module: every generator imports it, and it imports no generator.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..corpus import Corpus
from ..models import Indicator, Kind, Measure, Practice, Record, Rex, Service
from ..sanitize import MarkdownOptions
from .html import Linker, esc, slugify

if TYPE_CHECKING:
    from ..similar import SimilarityIndex


@dataclass(frozen=True)
class SearchEntry:
    """What the search index holds for a page: short text, not the whole body."""

    title: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """One generated Markdown page.

    ``src`` is its source path (``practices/x.md``); ``source`` its whole text, front matter
    included, or a function that writes it when asked (a record page: 50,000 of them would
    not fit in memory at once), read through `markdown`; ``nav`` its title in the
    navigation, if it belongs there.
    """

    src: str
    title: str
    source: str | Callable[[], str]
    search: SearchEntry | None = None
    nav: str | None = None
    nav_order: int = 100

    @property
    def markdown(self) -> str:
        """The page's whole Markdown text (written now if the page is lazy)."""
        return self.source() if callable(self.source) else self.source


@dataclass(frozen=True)
class Asset:
    """A file shipped with the site (CSS, JavaScript, JSON data, compressed or not)."""

    path: str
    content: str | bytes


@dataclass(frozen=True)
class RowList:
    """A long list (several pages), for the index pages' filter and sort without JavaScript
    downloading every row: each row's cells (the JSON of `rex.site.row_file`, links relative
    to ``first``, the list's first page), its text and its sort keys, which
    `rex.site.pagefind` indexes.

    ``make`` writes them when asked: in the search job, on the build's other core.
    """

    folder: str
    first: str
    make: Callable[[], Sequence[tuple[str, str, tuple[str | int, ...]]]]

    @property
    def rows(self) -> Sequence[tuple[str, str, tuple[str | int, ...]]]:
        """Each row's cells, text and sort keys."""
        return self.make()


@dataclass
class SiteContent:
    """Everything `generate` produces."""

    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    lists: list[RowList] = field(default_factory=list)

    @cached_property
    def feed_paths(self) -> frozenset[str]:
        """The paths of the site's feeds (asked for on every page)."""
        return frozenset(a.path for a in self.assets if a.path.endswith(".xml"))

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
        site_url: str | None = None,
        site_name: str = "",
        today: dt.date | None = None,
    ) -> None:
        self.corpus = corpus
        #: The day the site describes: results are stale and actions late relative to it.
        self.today = today or dt.date.today()
        self.linker = linker
        self.assets: list[Asset] = []
        self.lists: list[RowList] = []
        #: How bodies are rendered (the site's Markdown extensions), and the hosts whose
        #: images a body may show (others become links): see `rex.sanitize`.
        self.markdown = markdown or MarkdownOptions()
        self.allowed_hosts = tuple(allowed_hosts)
        #: mkdocs' ``site_url`` (None: unknown, links in feeds stay relative) and ``site_name``.
        self.site_url = site_url or None
        self.site_name = site_name

    @cached_property
    def by_relpath(self) -> dict[str, Record]:
        """Every published record by its path in the corpus (``practices/sub/x.md``)."""
        return {record.relpath: record for record in self.corpus}

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

    @cached_property
    def similarity(self) -> SimilarityIndex:
        """The similar-records index of this (possibly public-only) corpus, built once."""
        from ..similar import SimilarityIndex

        return SimilarityIndex.build(self.corpus)

    def prepare_lazy_pages(self) -> None:
        """Compute now what the pages written later share (the similar-records index): a
        process forked to write some of them (`rex.site.ahead`) then finds it done instead of
        building it again."""
        _ = self.similarity

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


#: A function that adds pages to the site: ``(SiteContext) -> Iterable[Page]``.
PageGenerator = Callable[[SiteContext], Iterable[Page]]


def headings_of(record: Record) -> list[str]:
    """The text of the ``##``-and-deeper headings of a record's body."""
    return [
        line.lstrip("#").strip()
        for line in record.body.splitlines()
        if line.startswith("##") and line.lstrip("#")[:1] == " "
    ]


def page_markdown(title: str, *blocks: str, hide: Sequence[str] = ()) -> str:
    """A page's Markdown: front matter with the (escaped) title, then blocks split by blank
    lines; ``hide`` names parts of the theme's page to leave out (``navigation``, ``toc``).

    The theme prints ``page.meta.title`` without escaping it, so the title is escaped here.
    """
    hidden = "".join(f"\n  - {part}" for part in hide)
    # The theme's search would parse every page only for rex to replace its entries.
    front = (
        f"---\ntitle: {json.dumps(esc(title), ensure_ascii=False)}\n"
        + (f"hide:{hidden}\n" if hide else "")
        + "search:\n  exclude: true\n---\n\n"
    )
    return front + "\n\n".join(b.strip("\n") for b in blocks if b.strip()) + "\n"
