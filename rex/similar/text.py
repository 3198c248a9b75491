"""The words of a record for similarity: rex's French analysis, with a readable form kept.

The analysis is the search index's (accents folded, stop words dropped, Snowball French stems
with plurals removed), so ``pesée``, ``pesees`` and ``pesées`` are one word here as in a search.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from ..models import Record
from ..search.analysis import STOP_WORDS, FrenchStemFilter, fold

_WORD = re.compile(r"\w+")

# Field weights: a word of the title says more about the record than a word of its body.
TITLE_WEIGHT = 3
SUMMARY_WEIGHT = 2
BODY_WEIGHT = 1

# Summary-like fields by attribute name; kinds without a summary have one of the others.
_SUMMARY_FIELDS = ("summary", "definition", "description")


@cache
def _stemmer() -> FrenchStemFilter:
    """One stemmer per process: its cache of stems (a pure function of the word) then serves
    the duplicate check of `rex.load` and the similarity index of a site build alike."""
    return FrenchStemFilter()


class Analyzer:
    """Turns text into stems, analysing each distinct word once (a corpus has few of them)."""

    def __init__(self) -> None:
        self._stemmer = _stemmer()
        self._stems: dict[str, str] = {}
        self._surface: dict[str, str] = {}

    def stems(self, text: str, *, numbers: bool = False) -> Iterator[str]:
        """The stems of ``text`` in order; numbers are kept only if ``numbers`` is true."""
        cache = self._stems
        for word in _WORD.findall(text.lower()):
            stem = cache.get(word)
            if stem is None:
                stem = cache[word] = self._analyse(word)
            if stem and (numbers or not stem.isdigit()):
                yield stem

    def stem_set(self, text: str) -> set[str]:
        """The distinct stems of ``text``, numbers kept: ``set(stems(text, numbers=True))``."""
        cache = self._stems
        words = dict.fromkeys(_WORD.findall(text.lower()))
        if not cache.keys() >= words.keys():
            # New words analysed in text order, so each stem's surface form is the same.
            for word in words:
                if word not in cache:
                    cache[word] = self._analyse(word)
        found = set(map(cache.__getitem__, words))
        found.discard("")
        return found

    def count(self, text: str, weight: float, into: dict[str, float]) -> None:
        """Add ``weight`` to ``into[stem]`` for each word of ``text`` (numbers left out)."""
        cache = self._stems
        # Counting the words first (in C) analyses each distinct word of a long body once.
        for word, n in Counter(_WORD.findall(text.lower())).items():
            stem = cache.get(word)
            if stem is None:
                stem = cache[word] = self._analyse(word)
            if stem and not stem.isdigit():
                into[stem] = into.get(stem, 0.0) + n * weight

    def surface(self, stem: str) -> str:
        """A word as written in the corpus for ``stem`` (the shortest seen), for display."""
        return self._surface.get(stem, stem)

    def _analyse(self, word: str) -> str:
        folded = fold(word)
        if len(folded) < 2 or folded in STOP_WORDS or "_" in folded:
            return ""
        stem = folded if folded.isdigit() else self._stemmer.stem(folded)
        if len(stem) > 3 and stem.endswith("e"):
            # Snowball keeps an "e" where the suffix falls outside its region: "pesée" gives
            # "pese" but "peser" and "pesés" give "pes". Twins written with either must meet.
            stem = stem[:-1]
        # The shortest form is usually the singular without elision: "pesée", not "pesées".
        seen = self._surface.get(stem)
        if seen is None or len(word) < len(seen):
            self._surface[stem] = word
        return stem


def summary_text(record: Record) -> str:
    """The record's short description: summary, definition or description, else ``''``."""
    # The field values live in the model's __dict__; getattr on a field the kind lacks goes
    # through pydantic's __getattr__, which costs more than analysing the text.
    fields = record.__dict__
    for name in _SUMMARY_FIELDS:
        value = fields.get(name)
        if isinstance(value, str):
            return value
    return ""


def lessons_text(record: Record) -> str:
    """A REX's lessons as one text (``''`` for other kinds)."""
    lessons = record.__dict__.get("lessons")
    return "\n".join(lessons) if isinstance(lessons, list) else ""


def weighted_text(record: Record) -> list[tuple[str, int]]:
    """The record's text fields with the weight of their words."""
    return [
        (record.title, TITLE_WEIGHT),
        (summary_text(record), SUMMARY_WEIGHT),
        (record.body, BODY_WEIGHT),
        (lessons_text(record), BODY_WEIGHT),
    ]
