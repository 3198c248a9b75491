"""French text analysis for the index: lowercase, accent folding, stop words, light stemming.

Users type French as they speak it: without accents, in the plural, with elisions (``d'``,
``l'``). The same chain runs on the records and on the query, so ``delai``, ``délai`` and
``délais`` all become ``del``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Analyzer, Filter, RegexTokenizer, Token
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


class NormalizeFilter(Filter):  # type: ignore[misc]
    """Lowercase, fold accents and drop stop words, in one pass (it runs on every token)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        """Normalise each token; stopped tokens keep their position for phrase queries."""
        stops = STOP_WORDS
        table = _FOLD
        for token in tokens:
            text = token.text.lower().translate(table)
            if text in stops:
                if not token.removestops:
                    token.text = text
                    token.stopped = True
                    yield token
                continue
            token.text = text
            yield token


class FrenchStemFilter(Filter):  # type: ignore[misc]
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

    def __getstate__(self) -> dict[str, Any]:
        # The schema is pickled into the index: keep the cache out of it.
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

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


def french_analyzer() -> Analyzer:
    """The analyzer of the text fields: tokenize, normalise, stem."""
    return RegexTokenizer(r"\w+(?:[.,]\d+)*") | NormalizeFilter() | FrenchStemFilter()
