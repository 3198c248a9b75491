"""French text analysis for the index: lowercase, accent folding, stop words, light stemming.

Users type French as they speak it: without accents, in the plural, with elisions (``d'``,
``l'``). The same chain runs on the records and on the query, so ``delai``, ``délai`` and
``délais`` all become ``del``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Analyzer, Filter, Token, Tokenizer
from whoosh.lang.snowball.french import FrenchStemmer

_ACCENTS = {
    **dict.fromkeys("àáâãäå", "a"),
    "ç": "c",
    **dict.fromkeys("èéêë", "e"),
    **dict.fromkeys("ìíîï", "i"),
    "ñ": "n",
    **dict.fromkeys("òóôõö", "o"),
    **dict.fromkeys("ùúûü", "u"),
    **dict.fromkeys("ýÿ", "y"),
    "œ": "oe",
    "æ": "ae",
}
_FOLD = str.maketrans(_ACCENTS)

# Written folded (no accents) because they are compared after folding. whoosh's French list
# drops "été" (summer is a real search word) and lists inflected forms of "être" and "avoir"
# that collide with nouns once accents are gone ("étés"); this one keeps only grammar words.
_STOP_TEXT = """
a ai as au aux avec avez avons c ce ceci cela celle celles celui ces cet cette ceux chez d dans
de des donc dont du elle elles en es est et etaient etait eux il ils j je l la le les leur leurs
lui m ma mais me meme mes moi mon n ne ni nos notre nous on ont ou par pas pour qu que quel
quelle quels qui s sa sans se ses si son sont sur t ta te tes toi ton tu un une vos votre vous y
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


def fold(text: str) -> str:
    """Lowercase ``text`` and remove French accents (``Délais`` -> ``delais``)."""
    return text.lower().translate(_FOLD)


class _Cached:
    """An analysis step that caches its results: pickled (the schema goes into the index)
    without the cache, and equal to any other of its class."""

    def __getstate__(self) -> dict[str, Any]:
        # The schema is pickled into the index: keep the cache out of it.
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))


class FrenchStemFilter(_Cached, Filter):  # type: ignore[misc]
    """Snowball French stemming on folded words, with plurals removed first.

    whoosh's Snowball port gives ``usager`` -> ``usag`` but ``usagers`` -> ``usager``: taking the
    final ``s``/``x`` off before stemming makes singular and plural meet on every noun of the
    sample corpus. Words are folded before stemming so that text typed without accents stems
    the same way as the accented original (``pesee`` and ``pesée``).
    """

    is_morph = True

    def __init__(self) -> None:
        self._stemmer = FrenchStemmer()
        self._cache: dict[str, str] = {}

    def stem(self, word: str) -> str:
        """The stem of a folded, lowercase word."""
        stem = self._cache.get(word)
        if stem is None:
            stem = self._cache[word] = _stem(self._stemmer, word)
        return stem

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        """Replace each token's text by its stem."""
        cache = self._cache
        for token in tokens:
            if not token.stopped:
                text = token.text
                stem = cache.get(text)
                if stem is None:
                    stem = cache[text] = _stem(self._stemmer, text)
                token.text = stem
            yield token


def _stem(stemmer: FrenchStemmer, word: str) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("aux") and len(word) > 4:
        word = word[:-3] + "al"  # journaux -> journal, locaux -> local
    elif word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("ere") and len(word) > 5:
        word = word[:-1]  # usagère -> usager, like the masculine
    stem: str = stemmer.stem(word)
    return stem


class FrenchTokenizer(_Cached, Tokenizer):  # type: ignore[misc]
    """Words, lowercased and folded, stop words marked, stems: the whole chain in one step.

    Each distinct word is analysed once (the result is cached): lowercase, fold accents, drop
    stop words, stem (`FrenchStemFilter`). Chaining whoosh's tokenizer with two filters gave
    the same tokens at twice the cost, and analysis is most of what indexing costs. Stopped
    words keep their position (phrase queries allow for the hole); with ``removestops=False``
    they are kept, folded, marked ``stopped``.
    """

    is_morph = True
    _WORD = re.compile(r"\w+(?:[.,]\d+)*")

    def __init__(self) -> None:
        self._stemmer = FrenchStemFilter()
        self._cache: dict[str, tuple[str, bool]] = {}

    def _analyse(self, word: str) -> tuple[str, bool]:
        folded = word.lower().translate(_FOLD)
        if folded in STOP_WORDS:
            return folded, True
        return self._stemmer.stem(folded), False

    def words(self, value: str) -> set[str]:
        """Every analysed word of ``value``, stop words included (folded, not stemmed)."""
        cache = self._cache
        found: set[str] = set()
        for word in set(self._WORD.findall(value)):
            analysed = cache.get(word)
            if analysed is None:
                analysed = cache[word] = self._analyse(word)
            found.add(analysed[0])
        return found

    def positions(self, value: str) -> dict[str, list[int]]:
        """The positions of each indexed word of ``value`` (what indexing needs, no tokens)."""
        cache = self._cache
        found: dict[str, list[int]] = {}
        for pos, match in enumerate(self._WORD.finditer(value)):
            word = match.group(0)
            analysed = cache.get(word)
            if analysed is None:
                analysed = cache[word] = self._analyse(word)
            if not analysed[1]:
                text = analysed[0]
                where = found.get(text)
                if where is None:
                    found[text] = [pos]
                else:
                    where.append(pos)
        return found

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        """Tokens of ``value`` with whoosh's usual options (positions, character ranges)."""
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        cache = self._cache
        if tokenize:
            matches: Iterator[Any] = self._WORD.finditer(value)
        else:
            matches = iter([_Whole(value)])
        for pos, match in enumerate(matches, start_pos):
            word = match.group(0)
            found = cache.get(word)
            if found is None:
                found = cache[word] = self._analyse(word)
            text, stopped = found
            if stopped and removestops:
                continue
            token.text = text
            token.stopped = stopped
            token.boost = 1.0
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class _Whole:
    """The whole value as one match, for ``tokenize=False``."""

    def __init__(self, value: str) -> None:
        self._value = value

    def group(self, index: int) -> str:
        return self._value

    def start(self) -> int:
        return 0

    def end(self) -> int:
        return len(self._value)


def french_analyzer() -> Analyzer:
    """The analyzer of the text fields: tokenize, normalise, stem."""
    return FrenchTokenizer()
