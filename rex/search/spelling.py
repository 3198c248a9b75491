"""The spelling vocabulary: the words of the records as typed (folded), with their frequency.

A misspelt query word is replaced by the most frequent known word within one or two edits.
The vocabulary used to be a whoosh field, which cost a posting per word and record (a quarter
of all postings, a quarter of the index build); it is now counted in Python from the
documents and kept in a JSON file beside the index, rewritten whole from every record on each
update (under a second for 10,000 records). The lookup walks the sorted words with whoosh's
own Levenshtein automaton, as whoosh's ``terms_within`` walks its term list: same words found.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from whoosh.automata.fsa import find_all_matches
from whoosh.codec.base import Automata

from ..atomic import write_text_atomic
from .analysis import _FOLD, STOP_WORDS
from .documents import Document

SPELLING_FILE = "rex-spelling.json"
#: The parts of a document whose words are suggested (the body is left out: too many rarities).
SOURCES = ("title", "summary", "lessons", "keywords", "linked")
_TOKEN = re.compile(r"\w+")


def document_words(document: Document) -> set[str]:
    """The distinct folded words of ``document``'s spelling sources, stop words left out."""
    raw: set[str] = set()
    for name in SOURCES:
        raw.update(_TOKEN.findall(document.get(name, "")))
    # Tokenize first, then fold each word: the same words as whoosh's tokenizer then filter.
    words = {word.lower().translate(_FOLD) for word in raw}
    return words - STOP_WORDS


def count_words(documents: Iterable[Document]) -> dict[str, int]:
    """How many of ``documents`` hold each word (its document frequency)."""
    counts: Counter[str] = Counter()
    for document in documents:
        counts.update(document_words(document))
    return dict(counts)


def save(index_dir: Path, documents: Iterable[Document]) -> None:
    """Write the vocabulary of ``documents`` into ``index_dir`` (atomically)."""
    counts = count_words(documents)
    write_text_atomic(
        index_dir / SPELLING_FILE,
        json.dumps(dict(sorted(counts.items())), ensure_ascii=False, separators=(",", ":")),
    )


class Vocabulary:
    """Known words and their document frequencies, read from an index folder."""

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._words = sorted(counts)

    @classmethod
    def read(cls, index_dir: Path) -> Vocabulary:
        """The vocabulary saved in ``index_dir``; empty if it is missing or unreadable."""
        try:
            data = json.loads((index_dir / SPELLING_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls({})
        if not isinstance(data, dict):
            return cls({})
        return cls({str(k): v for k, v in data.items() if isinstance(v, int)})

    @staticmethod
    def version(index_dir: Path) -> tuple[int, int]:
        """The saved file's modification time and size: it changes when the file does."""
        try:
            info = (index_dir / SPELLING_FILE).stat()
        except OSError:
            return (0, -1)
        return (info.st_mtime_ns, info.st_size)

    def frequency(self, word: str) -> int:
        """How many records hold ``word`` (0: unknown)."""
        return self._counts.get(word, 0)

    def within(self, word: str, distance: int, prefix: int = 0) -> Iterator[str]:
        """Known words at most ``distance`` edits from ``word``, sharing its first ``prefix``
        characters, in sorted order."""
        if not self._words:
            return iter(())
        dfa = Automata.levenshtein_dfa(word, distance, prefix)
        words = self._words

        def first_at_or_after(text: str) -> str | None:
            at = bisect_left(words, text)
            return words[at] if at < len(words) else None

        found: Iterator[str] = find_all_matches(dfa, first_at_or_after)
        return found

    def closest(self, word: str) -> str | None:
        """The most frequent known word one edit from ``word`` (two for long words)."""
        for distance in (1, 2) if len(word) >= 6 else (1,):
            candidates = list(self.within(word, distance, prefix=1))
            if candidates:
                return max(candidates, key=lambda t: (self.frequency(t), t))
        return None
