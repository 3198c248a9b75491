"""The words Pagefind indexes, read back from its own index, and the missing words each of
the site search's indexes needs (see `rex.site.pagefind.write_bundle`).

Pagefind answers a query word that no word of an index starts with by the longest indexed word
the query starts with ("restaurants" finds "rest"). The site search merges many indexes, so
an index lacking a word would answer with a shorter one that the others do not use: each
index gets a page of missing words, which the search script leaves out of the results.

Every word of the bundle on that page (about 58,000 per index at 50,000 records) cost Pagefind
half its indexing time. Only a few are needed. Pagefind indexes *keys*: a word lower-cased,
stripped of punctuation and accents, then stemmed. Among the bundle's keys, call a key's
parent the longest other key it starts with. An index needs, beside its own keys, only the
keys whose parent is one of its own (`missing_keys`): whatever the query, the longest of the
index's keys it starts with is then either a key that a single index of every record would
use too, or one of the missing page's; and a query that some key extends, but none of the
index's own, is extended or cut by a key of that page. Those keys are few, and since each is
a key of the bundle, written as one of the words it comes from, Pagefind indexes exactly it.

Which keys a word gives is read from Pagefind itself (`word_keys`): stemming rules, accents
and compound words (``pré-requis``, ``camelCase``) are Pagefind's, whatever its version does.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .pagefind_service import PagefindError, Service

#: What Pagefind writes before the CBOR of a word index file (``index/*.pf_index``).
_SIGNATURE = b"pagefind_dcd"


def word_keys(service: Service, words: Sequence[str], language: str) -> list[set[str]]:
    """The keys Pagefind indexes for each of ``words`` (whitespace-free), in their order."""
    found: list[set[str]] = [set() for _ in words]
    if not words:
        return found
    with tempfile.TemporaryDirectory(prefix="rex-pagefind-words-") as scratch:
        index = service.call({"type": "NewIndex", "config": {"force_language": language}})
        index_id = index["index_id"]
        service.call(
            {
                "type": "AddRecord",
                "index_id": index_id,
                "url": "/",
                "content": " ".join(words),
                "language": language,
                "meta": {},
            }
        )
        service.call({"type": "WriteFiles", "index_id": index_id, "output_path": scratch})
        service.call({"type": "DeleteIndex", "index_id": index_id})
        for key, positions in read_keys(Path(scratch)).items():
            for position in positions:
                if position >= len(found):
                    raise PagefindError(f"Pagefind indexed a word at {position}, past the end")
                found[position].add(key)
    return found


def read_keys(folder: Path) -> dict[str, list[int]]:
    """Each key of the one-page index in ``folder`` and the positions of its words."""
    keys: dict[str, list[int]] = {}
    for path in sorted((folder / "index").glob("*.pf_index")):
        (entries,), _ = _cbor(_unpacked(path), len(_SIGNATURE))
        for key, pages, *rest in entries:
            # A word written with accents is a variant of its key, with its own pages.
            variants = [found for _form, found, *_ in (rest[0] if rest else ())]
            keys[key] = [p for page in sum(variants, pages) for p in _positions(page[1])]
    return keys


def _positions(locs: Iterable[int]) -> list[int]:
    """Word positions from Pagefind's list: a negative number announces a change of weight and
    is followed by a position; the positions after it are each the gap from the one before."""
    found: list[int] = []
    absolute = True
    last = 0
    for value in locs:
        if value < 0:
            absolute = True
            continue
        last = value if absolute else last + value
        absolute = False
        found.append(last)
    return found


def _cbor(data: bytes, pos: int) -> tuple[Any, int]:
    """The CBOR item at ``pos`` (the subset Pagefind writes) and where the next one starts."""
    head = data[pos]
    major, info = head >> 5, head & 31
    pos += 1
    if info < 24:
        value = info
    elif info <= 27:
        size = 1 << (info - 24)
        value = int.from_bytes(data[pos : pos + size], "big")
        pos += size
    else:
        raise PagefindError(f"unexpected CBOR item {head:#x}")
    if major == 0:
        return value, pos
    if major == 1:
        return -1 - value, pos
    if major in (2, 3):
        raw = data[pos : pos + value]
        return (raw.decode() if major == 3 else raw), pos + value
    if major == 4:
        items = []
        for _ in range(value):
            item, pos = _cbor(data, pos)
            items.append(item)
        return items, pos
    raise PagefindError(f"unexpected CBOR item {head:#x}")


class MissingWords:
    """The page of missing words of each index of a bundle, from each index's words."""

    def __init__(self, service: Service, words: Sequence[set[str]], language: str) -> None:
        self.language = language
        self._keys: dict[str, set[str]] = {}
        self._learn(service, set().union(*words))
        self._own = [{k for word in found for k in self._keys[word]} for found in words]
        self._missing: list[set[str]] | None = None
        self._writer: dict[str, str] = {}

    def _learn(self, service: Service, words: Iterable[str]) -> None:
        new = sorted(w for w in words if w not in self._keys)
        self._keys.update(zip(new, word_keys(service, new, self.language), strict=True))

    def add(self, service: Service, index: int, words: Iterable[str]) -> None:
        """Count ``words`` among the words of index number ``index`` (records known late)."""
        words = set(words)
        self._learn(service, words)
        self._own[index] |= {k for word in words for k in self._keys[word]}
        self._missing = None

    def page(self, index: int) -> str:
        """The text of the page of missing words of index number ``index`` ("" if none)."""
        if self._missing is None:
            self._missing = missing_keys(self._own)
            # Each key written as a word that gives it, and if possible only it.
            self._writer = {}
            for word, keys in sorted(self._keys.items(), key=lambda item: len(item[1])):
                for key in keys:
                    self._writer.setdefault(key, word)
        return " ".join(sorted(self._writer[key] for key in self._missing[index]))


def missing_keys(own: Sequence[set[str]]) -> list[set[str]]:
    """For each index, given its own keys, the bundle's keys it must also hold (see above)."""
    every = set().union(*own)
    children: dict[str, list[str]] = {}
    for key in every:
        for end in range(len(key) - 1, 0, -1):
            if key[:end] in every:
                children.setdefault(key[:end], []).append(key)
                break
    return [{c for k in keys for c in children.get(k, ()) if c not in keys} for keys in own]


def fragment_of(folder: Path, url: str, words: int) -> str:
    """The id Pagefind gave the page at ``url`` in the index in ``folder``, a page of
    ``words`` words: the pages of that many words (the index's metadata) are looked at first."""
    meta = next(folder.glob("*.pf_meta"), None)
    counts: dict[str, int] = {}
    if meta is not None:
        (_version, pages, *_rest), _ = _cbor(_unpacked(meta), len(_SIGNATURE))
        counts = {page_hash: count for page_hash, count, *_ in pages}

    def likely(path: Path) -> tuple[int, int]:
        return abs(counts.get(path.stem, -(1 << 30)) - words), -path.stat().st_size

    for path in sorted((folder / "fragment").iterdir(), key=likely):
        data = _unpacked(path)
        if json.loads(data[len(_SIGNATURE) :]).get("url", "").strip("/") == url.strip("/"):
            return path.stem
    raise PagefindError(f"Pagefind did not write the page {url}")


def _unpacked(path: Path) -> bytes:
    data = path.read_bytes()
    if not data.startswith(_SIGNATURE):
        data = gzip.decompress(data)
    if not data.startswith(_SIGNATURE):
        raise PagefindError(f"{path.name}: not a Pagefind file")
    return data
