"""The adapter over whoosh: the schema, opening and locking an index, writing documents.

Only `rex.search` imports whoosh (this module, analysis, codec, query, ranking, matches,
spelling), so the engine can be replaced behind it. whoosh-reloaded 2.7.5 is pinned (see the
README's design notes): rex writes and reads its own posting blocks through whoosh's codec
classes (`codec`), which a new version may change.
"""

from __future__ import annotations

import gc
import json
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.index import Index, LockError

from ..atomic import LOCK_TIMEOUT as LOCK_TIMEOUT  # indexer reads it from here
from ..atomic import (
    FolderLock,
    clean_leftovers,
    read_marker,
    replace_dir,
    write_marker,
    write_text_atomic,
)
from ..errors import RexError
from ..i18n import _
from . import spelling
from .analysis import FrenchTokenizer, french_analyzer
from .codec import RexCodec
from .documents import SCHEMA_VERSION, Document
from .freshness import META_FILE, current_layout

#: Text fields searched by plain words, with their weight. Few fields keep queries fast: each
#: word is looked up in every one of them, and scoring is done in Python.
TEXT_FIELDS = {
    "title": 3.0,
    "text": 1.0,  # summary or definition, lessons, keywords and body
    "linked": 0.5,  # the titles of linked records: found by them, below the record's own words
}
#: Parts of "text" kept for snippets.
TEXT_PARTS = ("summary", "lessons", "keywords", "body")
KIND = "index"  # the kind in rex's output marker
# One writer, one segment: whoosh's multiprocess writer leaves a segment per process, which
# changes the order of equally ranked hits from one build to the next and how prefix queries
# score (whoosh scores a prefix by segment), so search results would differ.
_WRITER_MB = 256
_IN_MEMORY_UP_TO = 15_000

Progress = Callable[[int, int], None]


class FrenchText(TEXT):  # type: ignore[misc]
    """A text field with positions, indexed without whoosh's per-token objects.

    `index` gives what whoosh's own path gives (each word, its count, its weight, its encoded
    positions) from `FrenchTokenizer.positions`: most of an index build is spent there.
    """

    def index(self, value: str, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        """(word, frequency, weight, positions) for each distinct word of ``value``."""
        if kwargs or not isinstance(self.analyzer, FrenchTokenizer):
            yield from super().index(value, **kwargs)
            return
        encode = self.format.encode
        boost = self.format.field_boost
        for word, positions in self.analyzer.positions(value).items():
            count = len(positions)
            yield word.encode("utf-8"), count, count * boost, encode(positions)


def make_schema() -> Schema:
    """The index schema: text fields analysed for French, ids and facets kept exact."""
    analyzer = french_analyzer()
    text = {
        name: FrenchText(analyzer=analyzer, stored=name == "title", field_boost=boost)
        for name, boost in TEXT_FIELDS.items()
    }
    stored = {name: STORED() for name in ("summary", "lessons", "body")}
    # Only what a hit shows is stored (id, kind, title, path and the snippet's sources): the
    # filters and facets are read from the terms, and every stored value costs at each build.
    return Schema(
        key=ID(unique=True),
        id=ID(stored=True),
        kind=ID(stored=True),
        tags=KEYWORD(commas=True, lowercase=True, scorable=True),
        services=KEYWORD(commas=True),
        indicators=KEYWORD(commas=True),
        practices=KEYWORD(commas=True),
        status=ID,
        outcome=ID,
        territory=KEYWORD(commas=True),
        territory_type=KEYWORD(commas=True),
        population_band=KEYWORD(commas=True),
        budget_band=ID,
        themes=KEYWORD(commas=True),
        approach=ID,
        superseded=ID,
        date=ID,
        year=ID,
        path=ID(stored=True),
        hash=ID(sortable=True),  # read from its column
        **text,
        **stored,
    )


class IndexLock(FolderLock):
    """An exclusive lock on writing an index, held in ``<index>.lock`` beside it."""

    def __init__(self, index_dir: Path, timeout: float = LOCK_TIMEOUT) -> None:
        super().__init__(index_dir.with_name(index_dir.name + ".lock"), index_dir, timeout)


def is_rex_index(folder: Path) -> bool:
    """Whether ``folder`` holds an index written by rex: whoosh's table of contents and rex's
    own metadata file."""
    return (folder / META_FILE).is_file() and any(folder.glob("*.toc"))


def open_existing(index_dir: Path) -> Index | None:
    """The index in ``index_dir``, or None when there is none that rex can update.

    An index of another layout version, or one whoosh cannot read, is treated as missing so
    that the caller rebuilds it.
    """
    if not current_layout(index_dir):
        return None
    ix: Index | None = None
    with warnings.catch_warnings():
        # On a damaged index whoosh leaves its file open: the ResourceWarning is expected.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            if whoosh_index.exists_in(str(index_dir)):
                ix = whoosh_index.open_dir(str(index_dir))
        except Exception:  # whoosh raises many kinds on a damaged index; rebuilding fixes all
            ix = None
            gc.collect()
    return ix


def open_for_search(index_dir: Path) -> Index:
    """The index in ``index_dir`` for reading; RexError if there is none."""
    ix = open_existing(index_dir)
    if ix is None:
        raise RexError(
            _("{index_dir}: no rex search index here").format(index_dir=index_dir),
            hint=_("build it with 'rex index CONTENT --index DIR'"),
        )
    return ix


def remove_leftovers(index_dir: Path) -> None:
    """Tidy up before writing (call under the lock): delete the half-built folders of killed
    rebuilds, and mark an index that a rex older than the marker wrote."""
    clean_leftovers(index_dir)
    if read_marker(index_dir) is None and is_rex_index(index_dir):
        write_marker(index_dir, KIND)


def stored_hashes(ix: Index) -> dict[str, str]:
    """The content hash of every live document, by record key."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        hashes = reader.column_reader("hash")
        return {fields["key"]: hashes[docnum] for docnum, fields in _keys(reader)}


def _keys(reader: Any) -> Iterator[tuple[int, dict[str, str]]]:
    # The key is read from the terms index (cheap) rather than from stored fields (which hold
    # the whole body).
    for key_bytes in reader.lexicon("key"):
        key = key_bytes.decode("utf-8")
        for docnum in reader.postings("key", key_bytes).all_ids():
            if not reader.is_deleted(docnum):
                yield docnum, {"key": key}


def write_all(index_dir: Path, documents: Collection[Document], progress: Progress | None) -> None:
    """Build a fresh index of ``documents`` beside ``index_dir`` and swap it in atomically."""
    # The caller holds the IndexLock: incremental updates and rebuilds take turns on it.
    with replace_dir(index_dir, kind=KIND, recognise=is_rex_index, locked=True) as work:
        ix = whoosh_index.create_in(str(work), make_schema())
        writer = ix.writer(limitmb=_writer_mb(len(documents)), codec=RexCodec())
        try:
            _add_all(writer, documents, len(documents), progress)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        ix.close()
        spelling.save(work, documents)
        write_text_atomic(work / META_FILE, json.dumps({"schema": SCHEMA_VERSION}) + "\n")


def _writer_mb(total: int) -> int:
    # Up to about 15,000 records the postings fit in 256 MB and never touch the disk. Past
    # that they are written out in sorted runs whatever the buffer, so a smaller one costs
    # a few more runs to merge and keeps the process well under 1.5 GB at 50,000 records.
    return _WRITER_MB if total <= _IN_MEMORY_UP_TO else _WRITER_MB // 2


def write_changes(
    ix: Index,
    removed: Iterable[str],
    documents: Collection[Document],
    everything: Iterable[Document],
    progress: Progress | None,
) -> None:
    """Delete the ``removed`` keys and (re)add ``documents`` in one whoosh commit; then
    rewrite the spelling vocabulary from ``everything`` (all the documents the index holds).

    whoosh writes new segment files, then a new table of contents renamed into place: a
    process killed before that rename leaves the previous generation as the current one.
    """
    try:
        writer = ix.writer(limitmb=_WRITER_MB, codec=RexCodec())
    except LockError as error:  # only if something other than rex writes this index
        raise RexError(
            _("{folder}: the index is locked by another writer").format(folder=ix.storage.folder)
        ) from error
    try:
        for key in removed:
            writer.delete_by_term("key", key)
        _add_all(writer, documents, len(documents), progress)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    # After the commit: a process killed in between leaves an index whose only fault is a
    # few words missing from (or extra in) the suggestions.
    spelling.save(Path(ix.storage.folder), everything)


def index_fields(document: Document) -> dict[str, str]:
    """What is handed to whoosh for ``document``: its non-empty fields and the text."""
    fields = {name: value for name, value in document.items() if value and name != "keywords"}
    fields["text"] = "\n".join(document[name] for name in TEXT_PARTS)
    return fields


def _add_all(
    writer: Any, documents: Iterable[Document], total: int, progress: Progress | None
) -> None:
    add = writer.add_document
    for done, document in enumerate(documents, 1):
        add(**index_fields(document))
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)
