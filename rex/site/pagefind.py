"""The site's search on Pagefind: records built from the corpus, written inside the site.

rex already knows each record's text and facets, so it hands Pagefind *custom records* (one per
published record, in French, with its filters) rather than letting Pagefind crawl the pages:
no navigation or list text in the index, filters from the data itself, and no HTML to parse
(see the figures in README.md). Two bundles are written into the site folder:

- ``pagefind/``: the site search (header of every page), filters kind, service, indicator,
  status, outcome, year, tag and the context (territory, its type and size, budget, theme,
  approach); its records are dealt into indexes of `SHARD_SIZE` that the search script merges
  (see `write_bundle`), each record's title weighted as a heading;
- ``pagefind-rows/``: the rows of the long index lists (`RowList`), which the table script
  filters and sorts across every page while fetching only the rows it shows.

Pagefind runs as a subprocess (the binary ships in the ``pagefind_bin`` wheel, found through
the ``pagefind`` package); nothing is downloaded at build or at run time.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..context import budget_band
from ..corpus import Corpus
from ..models import Kind, Record
from ..present import (
    BUDGET_BAND_LABELS,
    KIND_LABELS,
    OUTCOME_LABELS,
    POPULATION_BAND_LABELS,
    STATUS_LABELS,
    TERRITORY_TYPE_LABELS,
)
from ..search.documents import build_document
from .pagefind_service import Service
from .pagefind_words import MissingWords, fragment_of
from .routes import record_src
from .types import Page, RowList

SEARCH_DIR = "pagefind"
ROWS_DIR = "pagefind-rows"
#: The list of the site search's indexes beside the first (see `write_bundle`).
SHARDS_FILE = "rex-shards.json"
#: The page of an index's missing words (see `write_bundle`), never a result.
FILLER_URL = "rex-index-words/"
#: Records per index of the site search: small enough that a word found in every record is
#: searched quickly, large enough that a query does not fetch a chunk from too many indexes.
SHARD_SIZE = 500
#: Rows per index of the long lists' bundle, each list's rows in indexes of their own: fewer,
#: larger indexes than the search's (a list filtered by a service name at 50,000 records:
#: 1,057 kB with 2,000, 948-996 kB with 3,000), still quick for Pagefind to search.
ROWS_SHARD_SIZE = 3000
#: Pagefind splits an index's words into files of about this many entries (a page holding a
#: word, or one place of it): its default (≈ 13,000) makes each index's file for a word
#: ≈ 37 kB however few records hold it, which summed over the indexes passed 1 MB a query.
INDEX_CHUNK = 2000
#: Records one Pagefind process indexes before the next one takes over (see `write_bundle`).
RECORDS_PER_PROCESS = 5_000
LANGUAGE = "fr"
#: The search filters, in the order the search dialog shows them, with their French label.
FILTERS: dict[str, str] = {
    "kind": "Type",
    "service": "Service",
    "indicator": "Indicateur",
    "status": "Statut",
    "outcome": "Résultat",
    "year": "Année",
    "tag": "Étiquette",
    "territory": "Territoire",
    "territory_type": "Type de collectivité",
    "population": "Population",
    "budget": "Budget",
    "theme": "Thème",
    "approach": "Démarche",
}
#: The kind of the site's own pages (dashboard, index pages) in the search results.
SITE_PAGE = "Page du site"


@dataclass(frozen=True)
class SearchRecord:
    """One Pagefind custom record: what is searched, shown, filtered and sorted on."""

    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"<[^>]+>|^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+|[*_`|]+", re.M)


def plain_text(markdown: str) -> str:
    """Markdown as readable text for the index and the excerpts (links keep their words)."""
    return re.sub(r"[ \t]+", " ", _MD_MARKS.sub(" ", _MD_LINK.sub(r"\1", markdown))).strip()


#: Pagefind's own marks in a text it indexes (`___PAGEFIND_WEIGHT___7 … ___END_PAGEFIND_WEIGHT___`
#: is what it makes of an ``<h1>``): they never show in the excerpts. Taken out of the corpus's
#: text, so that a record cannot weigh its own words.
_PAGEFIND_MARK = re.compile(r"___(?:END_)?PAGEFIND_\w*")
TITLE_WEIGHT = 7


def _unmarked(text: str) -> str:
    return _PAGEFIND_MARK.sub(" ", text)


def titled(title: str) -> str:
    """``title`` for a custom record's content, weighted as Pagefind weighs a page's ``<h1>``:
    custom records are plain text, so without it a word of the title counts as much as one of
    the body and a long record that repeats it outranks the record it names."""
    return f"___PAGEFIND_WEIGHT___{TITLE_WEIGHT} {_unmarked(title)} ___END_PAGEFIND_WEIGHT___"


def _label(value: object, labels: Mapping[Any, str]) -> list[str]:
    return [labels.get(value, str(value))] if value else []


def record_entry(corpus: Corpus, record: Record, url: str) -> SearchRecord:
    """The search record of ``record``, whose page is at ``url`` (relative to the site root)."""
    doc = build_document(corpus, record)
    kind = KIND_LABELS[record.kind][0]
    text = [doc["summary"], doc["lessons"], plain_text(record.body), doc["keywords"], doc["linked"]]
    titles = {
        name: [r.title for r in corpus.outgoing(record, target)]
        for name, target in (("service", Kind.SERVICE), ("indicator", Kind.INDICATOR))
    }
    filters = {
        "kind": [kind],
        **titles,
        "status": _label(getattr(record, "status", None), STATUS_LABELS),
        "outcome": _label(getattr(record, "outcome", None), OUTCOME_LABELS),
        "year": [doc["year"]] if doc["year"] else [],
        "tag": list(dict.fromkeys(record.tags)),
        **_context_filters(corpus, record),
    }
    return SearchRecord(
        url,
        "\n".join([titled(doc["title"]), *(_unmarked(t) for t in text if t)]),
        {"title": record.title, "kind": kind, **({"date": doc["date"]} if doc["date"] else {})},
        {name: values for name, values in filters.items() if values},
        {"date": doc["date"]} if doc["date"] else {},
    )


def _context_filters(corpus: Corpus, record: Record) -> dict[str, list[str]]:
    """Whether a record transfers to the reader: its territories, their type and size, its
    budget, themes and approach (see `rex.context`), as the reader names them."""
    found = corpus.territory_profile(record)
    budget = getattr(record, "budget", None)
    vocabulary = corpus.vocabulary
    themes = list(getattr(record, "themes", None) or [])
    approach = getattr(record, "approach", None)
    return {
        "territory": [t.title for t in found.territories],
        "territory_type": [TERRITORY_TYPE_LABELS[t] for t in found.types],
        "population": [POPULATION_BAND_LABELS[b] for b in found.bands],
        "budget": [BUDGET_BAND_LABELS[budget_band(budget.amount)]] if budget else [],
        "theme": [vocabulary.label("themes", t) if vocabulary else t for t in themes],
        "approach": (
            [vocabulary.label("approaches", approach) if vocabulary else approach]
            if approach
            else []
        ),
    }


def search_records(
    corpus: Corpus, urls: Mapping[str, str], pages: Iterable[Page] = ()
) -> list[SearchRecord]:
    """The site search's records: every record of ``corpus`` (already filtered for
    ``--public``) that has a page, then the site's own ``pages`` that have a search entry.

    ``urls`` maps a page's source path to its URL relative to the site root.
    """
    return [*record_entries(corpus, urls), *page_entries(corpus, urls, pages)]


def record_entries(corpus: Corpus, urls: Mapping[str, str]) -> list[SearchRecord]:
    """The search records of the records of ``corpus`` that have a page in ``urls``."""
    return [
        record_entry(corpus, r, urls[src])
        for r in corpus
        if (src := record_src(r.kind, r.id)) in urls
    ]


def page_entries(
    corpus: Corpus, urls: Mapping[str, str], pages: Iterable[Page]
) -> list[SearchRecord]:
    """The search records of the site's own ``pages`` (not a record's) with a search entry."""
    records = {record_src(r.kind, r.id) for r in corpus}
    return [
        SearchRecord(
            urls[page.src],
            f"{titled(page.search.title)}\n{_unmarked(page.search.text)}",
            {"title": page.search.title, "kind": SITE_PAGE},
            {"kind": [SITE_PAGE]},
        )
        for page in pages
        if page.search is not None and page.src not in records and page.src in urls
    ]


def _sort_key(value: str | int) -> str:
    # Pagefind compares sort keys as text: pad numbers so that 9 comes before 10.
    return f"{value:012d}" if isinstance(value, int) else str(value)


def row_records(lists: Sequence[RowList], urls: Mapping[str, str]) -> list[SearchRecord]:
    """One record per row of each long list: its text to filter on, its cells to show (the
    JSON of a list file, `rex.site.row_file`) and its sort keys (``n``, the list's own order,
    then ``c0``, ``c1``… per column). A list over several indexes is sorted by merging theirs
    (rex.js) on the cells' keys, which the script pads as `_sort_key` does.

    Pagefind indexes every word of a record's meta as well: cells rather than the row's HTML,
    and no second copy of the keys, keep that to about the words of the row itself."""
    found: list[SearchRecord] = []
    for row_list in lists:
        first = urls.get(row_list.first)
        if first is None:
            continue
        for n, (cells, text, keys) in enumerate(row_list.rows):
            sort = {"n": _sort_key(n), **{f"c{i}": _sort_key(k) for i, k in enumerate(keys)}}
            found.append(
                SearchRecord(
                    f"{first}#{n}",
                    text,
                    {"row": cells, "n": sort["n"]},
                    {"list": [row_list.folder]},
                    sort,
                )
            )
    return found


def row_list(record: SearchRecord) -> str:
    """The list a row of `row_records` belongs to."""
    return record.filters["list"][0]


@dataclass(frozen=True)
class BundleStats:
    """What `write_bundle` wrote."""

    records: int
    files: int
    bytes: int
    seconds: float


def write_bundle(
    records: Sequence[SearchRecord],
    output: Path,
    *,
    shard_size: int | None = None,
    group: Callable[[SearchRecord], str] | None = None,
    late: Callable[[], Sequence[SearchRecord]] | None = None,
) -> BundleStats:
    """Index ``records`` with Pagefind (French) and write the bundle into ``output``.

    With ``shard_size``, the records are dealt round-robin into indexes of at most that many
    (``output`` itself, then ``output/s1/``, …), listed in ``output/rex-shards.json`` for the
    search script to merge: Pagefind's search time grows with the square of the pages a word
    matches in one index (each matching page scans the word's whole page list), so a word found
    in every record takes 15 s at 50,000 records in one index and a fraction of a second in
    indexes of a few hundred. Dealt round-robin, each index has the corpus's word statistics,
    so the scores of the merged results compare.

    With ``group`` as well (a long list's rows: ``group`` names the list), the records of a
    group are dealt into indexes of their own and small groups share one, and the list file
    names each group's indexes (``groups``): the script merges only those of the list it
    filters, not the whole bundle's.

    ``late`` gives records known only later (the site's own pages, while the job started
    before they were written): asked for once every other index is written, they go to the
    last one.
    """
    start = time.perf_counter()
    parts, members = _plan(records, shard_size, group)
    count = len(parts)
    folders = [output, *(output / f"s{i}" for i in range(1, count))]
    fillers = []
    missing: MissingWords | None = None
    if count > 1:
        with Service(None) as service:
            missing = MissingWords(service, [_words(part) for part in parts], LANGUAGE)
    # Pagefind keeps memory of the indexes it wrote (1.7 GB after 20,000 rows in indexes of
    # 2,000 with their word pages, 1.4 GB after 5,000): a new process every so many records.
    per_process = max(1, RECORDS_PER_PROCESS // max(1, -(-len(records) // count)))
    added: Sequence[SearchRecord] = ()
    for first in range(0, count, per_process):
        with Service(INDEX_CHUNK if shard_size else None) as service:
            for i in range(first, min(count, first + per_process)):
                part = list(parts[i])
                if late is not None and i == count - 1:
                    added = late()
                    part += added
                    if missing is not None:
                        missing.add(service, i, _words(added))
                # The page of the words the index lacks (`rex.site.pagefind_words`).
                text = missing.page(i) if missing is not None else ""
                if text:
                    part.append(SearchRecord(FILLER_URL, text, {}))
                _write_index(service, part, folders[i])
                if text:
                    fillers.append(fragment_of(folders[i], FILLER_URL, len(text.split())))
                if i:
                    _keep_index_only(folders[i])
    if shard_size:
        entries = b"".join((f / "pagefind-entry.json").read_bytes() for f in folders)
        manifest: dict[str, Any] = {
            "shards": [f.name + "/" for f in folders[1:]],
            "fillers": fillers,
            # Changes with any index, so that each entry file can be cached until then.
            "tag": hashlib.sha256(entries).hexdigest()[:16],
        }
        if members is not None:
            # "" is the bundle's own index (always loaded: it carries the engine).
            manifest["groups"] = {
                name: [f"s{i}/" if i else "" for i in found] for name, found in members.items()
            }
        (output / SHARDS_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    files = [p for p in output.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    return BundleStats(len(records) + len(added), len(files), size, time.perf_counter() - start)


def _plan(
    records: Sequence[SearchRecord],
    shard_size: int | None,
    group: Callable[[SearchRecord], str] | None,
) -> tuple[list[list[SearchRecord]], dict[str, list[int]] | None]:
    """The records of each index, and which indexes hold each group (see `write_bundle`)."""
    if not shard_size or group is None:
        count = max(1, -(-len(records) // shard_size)) if shard_size else 1
        return [list(records[i::count]) for i in range(count)], None
    by_group: dict[str, list[SearchRecord]] = {}
    for record in records:
        by_group.setdefault(group(record), []).append(record)
    parts: list[list[SearchRecord]] = []
    members: dict[str, list[int]] = {}
    shared: int | None = None
    for name, found in by_group.items():
        if len(found) > shard_size:
            count = -(-len(found) // shard_size)
            members[name] = list(range(len(parts), len(parts) + count))
            parts += [found[i::count] for i in range(count)]
            continue
        if shared is None or len(parts[shared]) + len(found) > shard_size:
            parts.append([])
            shared = len(parts) - 1
        parts[shared] += found
        members[name] = [shared]
    return parts or [[]], members


def _write_index(service: Service, records: Sequence[SearchRecord], output: Path) -> None:
    index = service.call({"type": "NewIndex", "config": {"force_language": LANGUAGE}})
    index_id = index["index_id"]
    service.call_all(
        {
            "type": "AddRecord",
            "index_id": index_id,
            "url": r.url,
            "content": r.content,
            "language": LANGUAGE,
            "meta": r.meta,
            "filters": r.filters,
            "sort": r.sort,
        }
        for r in records
    )
    service.call({"type": "WriteFiles", "index_id": index_id, "output_path": str(output)})
    # Its memory goes back before the next index is built.
    service.call({"type": "DeleteIndex", "index_id": index_id})


def _words(records: Iterable[SearchRecord]) -> set[str]:
    # As written: Pagefind also indexes the parts of a word in camelCase ("GitLab": git, lab).
    return {w for r in records for w in r.content.split() if not w.startswith("___")}


def _keep_index_only(folder: Path) -> None:
    """Drop what a merged index does not need: the engine and the UI are the first index's."""
    for path in folder.iterdir():
        if path.is_file() and path.name != "pagefind-entry.json" and path.suffix != ".pf_meta":
            path.unlink()
