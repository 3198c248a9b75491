"""Search an index: parse the query, filter, rank, highlight, count facets, fix typos."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from types import TracebackType
from typing import Any

from whoosh import query as wq
from whoosh.qparser import FieldAliasPlugin, FuzzyTermPlugin, MultifieldParser
from whoosh.searching import Results

from ..errors import UsageError
from ..i18n import _
from ..models import parse_kind
from .analysis import STOP_WORDS, fold
from .documents import CONTEXT_FILTERS, SUPERSEDED
from .matches import DocSets
from .ranking import TermScores
from .results import FACET_NAMES, Hit, SearchResult
from .snippets import hits
from .spelling import Vocabulary
from .store import TEXT_FIELDS, make_schema, open_for_search

FIELD_ALIASES = {
    "services": ["service"],
    "indicators": ["indicator"],
    "practices": ["practice"],
    "tags": ["tag"],
    "themes": ["theme"],
}
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_FIELD_PREFIX = re.compile(r"(?<![\w\"])(\w+):")
_WORD = re.compile(r"(?<![\w:*~\"])([^\W\d_][\w'’-]*)(?![\w:*~])")
_NO_FACET_FILTER: list[wq.Query] = []


class SearchIndex:
    """An open search index; `search` can be called many times (the index stays open)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._ix = open_for_search(self.path)
        self._searcher = self._ix.searcher()
        schema = self._ix.schema
        self._fields = query_fields(schema.names())
        self._parser = MultifieldParser(list(TEXT_FIELDS), schema)
        self._parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
        self._parser.add_plugin(FuzzyTermPlugin())
        self._docsets_cache: tuple[int, DocSets] | None = None
        self._ranker_cache: tuple[int, TermScores] | None = None
        self._vocabulary_cache: tuple[tuple[int, int], Vocabulary] | None = None

    def close(self) -> None:
        """Release the index files."""
        self._searcher.close()
        self._ix.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        service: str | None = None,
        indicator: str | None = None,
        tag: str | None = None,
        status: str | None = None,
        year: int | str | None = None,
        limit: int = 10,
        **context: str | None,
    ) -> SearchResult:
        """Records matching ``query`` (all words must match), best first, with facet counts.

        ``context`` filters on the keys of `CONTEXT_FILTERS` (``territory_type="commune"``,
        ``theme=...``, ``outcome=...``). Records a newer one supersedes come after the others.

        When nothing matches, misspelt words are replaced by the closest words of the index,
        then by fuzzy matching; ``corrected`` tells which query was run. Raises `rex.UsageError`
        (a `RexError`) on a malformed query.
        """
        self._searcher = self._searcher.refresh()
        parsed = self._parse(query)
        unknown = set(context) - set(CONTEXT_FILTERS)
        if unknown:
            raise TypeError(f"unknown search filter: {', '.join(sorted(unknown))}")
        filters = self._filters(kind, service, indicator, tag, status, year, context)
        result = self._run(query, parsed, filters, limit)
        if result.total == 0:
            result = self._fallback(query, parsed, filters, limit) or result
        return result

    def _parse(self, text: str) -> wq.Query:
        _check_syntax(text, self._fields)
        try:
            parsed = self._parser.parse(text)
        except Exception as error:  # whoosh's parser raises assorted errors on odd input
            raise UsageError(
                _("cannot parse the query {text}: {error}").format(text=repr(text), error=error)
            ) from None
        parsed = parsed.accept(lambda node: _normalise(node, text))
        if parsed is wq.NullQuery or isinstance(parsed, type(wq.NullQuery)):
            raise UsageError(
                _("the query {text} has no word to search for").format(text=repr(text)),
                hint=_("French stop words such as 'le', 'de', 'pour' are ignored"),
            )
        return parsed

    def _filters(
        self,
        kind: str | None,
        service: str | None,
        indicator: str | None,
        tag: str | None,
        status: str | None,
        year: int | str | None,
        context: dict[str, str | None],
    ) -> wq.Query | None:
        terms: list[wq.Query] = []
        if kind:
            terms.append(wq.Term("kind", parse_kind(kind).value))
        if service:
            terms.append(wq.Term("services", service))
        if indicator:
            terms.append(wq.Term("indicators", indicator))
        if tag:
            terms.append(self._tag_query(tag))
        if status:
            terms.append(wq.Term("status", status.lower()))
        if year is not None and str(year):
            terms.append(wq.Term("year", str(year)))
        for name, value in context.items():
            if value:
                terms.append(wq.Term(CONTEXT_FILTERS[name], value.strip().lower()))
        return wq.And(terms) if terms else None

    def _tag_query(self, tag: str) -> wq.Query:
        # Tags keep their accents for display; a filter typed without them still matches.
        wanted = fold(tag.strip())
        reader = self._searcher.reader()
        found = [
            wq.Term("tags", raw.decode("utf-8"))
            for raw in reader.lexicon("tags")
            if fold(raw.decode("utf-8")) == wanted
        ]
        return wq.Or(found) if found else wq.Term("tags", tag.lower())

    def _run(
        self, text: str, parsed: wq.Query, filters: wq.Query | None, limit: int
    ) -> SearchResult:
        docsets = self._docsets()
        # A prefix becomes the words it stands for, as whoosh expands it: counted and ranked
        # like any other words (whoosh's own walk took 180-330 ms at 50,000 records).
        reader = self._searcher.reader()
        expanded = parsed.accept(lambda node: _expand_prefix(node, reader))
        plain = self._ranker().matches(expanded)
        matches = docsets.of(expanded) if plain is None else plain & docsets.live
        if filters is not None and matches:
            matches &= docsets.of(filters)
        hits: list[Hit] = []
        if limit > 0 and matches:
            # Records a newer one supersedes come after the current ones, each group ranked by
            # whoosh's score: a reader finds the practice in force first.
            old = matches & docsets.term(*SUPERSEDED)
            current = matches & ~old
            newest = wq.Not(wq.Term(*SUPERSEDED)) if old else None
            if current:
                hits = self._top(parsed, expanded, filters, current, limit, newest)
            if old and len(hits) < limit:
                hits += self._top(
                    parsed, expanded, filters, old, limit - len(hits), wq.Term(*SUPERSEDED)
                )
        return SearchResult(
            query=text,
            total=matches.bit_count(),
            hits=hits,
            facets=docsets.facet_counts(matches),
        )

    def _top(
        self,
        parsed: wq.Query,
        expanded: wq.Query,
        filters: wq.Query | None,
        allowed: int,
        limit: int,
        group: wq.Query | None,
    ) -> list[Hit]:
        """The best ``limit`` hits among the ``allowed`` documents (``group``, for whoosh)."""
        # Cached word scores rank plain word queries; whoosh ranks the others.
        top = self._ranker().top(expanded, limit, allowed)
        if top is not None:
            results = Results(self._searcher, parsed, top)
        else:
            parts = [q for q in (filters, group) if q is not None]
            # whoosh's block-quality skipping ("optimize") costs more than it saves: most
            # queries match a large share of the records, so every block is read anyway.
            results = self._searcher.search(
                parsed, filter=wq.And(parts) if parts else None, limit=limit, optimize=False
            )
        return hits(results)

    def _ranker(self) -> TermScores:
        generation = self._searcher.reader().generation()
        if self._ranker_cache is None or self._ranker_cache[0] != generation:
            self._ranker_cache = (generation, TermScores(self._searcher))
        return self._ranker_cache[1]

    def _docsets(self) -> DocSets:
        generation = self._searcher.reader().generation()
        if self._docsets_cache is None or self._docsets_cache[0] != generation:
            self._docsets_cache = (generation, DocSets(self._searcher, FACET_NAMES))
        return self._docsets_cache[1]

    def _vocabulary(self) -> Vocabulary:
        # Keyed by the file, not the index generation: it is rewritten just after a commit.
        version = Vocabulary.version(self.path)
        if self._vocabulary_cache is None or self._vocabulary_cache[0] != version:
            self._vocabulary_cache = (version, Vocabulary.read(self.path))
        return self._vocabulary_cache[1]

    def _fallback(
        self, text: str, parsed: wq.Query, filters: wq.Query | None, limit: int
    ) -> SearchResult | None:
        corrected = self._spelling_fix(text)
        if corrected is not None:
            result = self._run(text, self._parse(corrected), filters, limit)
            if result.total:
                return _with_correction(result, corrected)
        fuzzy = parsed.accept(_fuzzy_term)
        if fuzzy == parsed:
            return None
        result = self._run(text, fuzzy, filters, limit)
        if result.total:
            return _with_correction(result, _fuzzy_text(text))
        return None

    def _spelling_fix(self, text: str) -> str | None:
        """``text`` with each word unknown to the index replaced by the closest known one."""
        vocabulary = self._vocabulary()
        pieces: list[str] = []
        end = 0
        changed = False
        for match in _WORD.finditer(_mask_quotes(text)):
            word = match.group(1)
            folded = fold(word)
            if word in _OPERATORS or folded in STOP_WORDS or len(folded) < 3:
                continue
            if vocabulary.frequency(folded):
                continue
            best = vocabulary.closest(folded)
            if best is None:
                continue
            pieces += [text[end : match.start(1)], best]
            end = match.end(1)
            changed = True
        if not changed:
            return None
        return "".join([*pieces, text[end:]])


def check_syntax(text: str) -> None:
    """Raise `UsageError` if ``text`` is not a well-formed query; needs no index."""
    _check_syntax(text, query_fields(make_schema().names()))


def query_fields(names: list[str]) -> set[str]:
    """The field names a query may use, aliases included."""
    fields = set(names) - {"hash", "key"}
    return fields | {alias for aliases in FIELD_ALIASES.values() for alias in aliases}


def _check_syntax(text: str, fields: set[str]) -> None:
    if not text.strip():
        raise UsageError(_("the query is empty"))
    if text.count('"') % 2:
        raise UsageError(_("unclosed quote in the query {text}").format(text=repr(text)))
    depth = 0
    for char in _mask_quotes(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise UsageError(_("unbalanced parentheses in the query {text}").format(text=repr(text)))
    words = [w for w in re.findall(r"\w+", text) if w not in _OPERATORS]
    if words and all(fold(w) in STOP_WORDS for w in words):
        raise UsageError(
            _("the query {text} has no word to search for").format(text=repr(text)),
            hint=_("French stop words such as 'le', 'de', 'pour' are ignored"),
        )
    for match in _FIELD_PREFIX.finditer(_mask_quotes(text)):
        if match.group(1) not in fields:
            raise UsageError(
                _("unknown field {value} in the query {text}").format(
                    value=repr(match.group(1)), text=repr(text)
                ),
                hint=_("fields: ") + ", ".join(sorted(fields)),
            )


def _mask_quotes(text: str) -> str:
    """``text`` with quoted phrases blanked out (same length), so their words are left alone."""
    return re.sub(r'"[^"]*"', lambda m: " " * len(m.group(0)), text)


def _normalise(node: wq.Query, text: str) -> wq.Query:
    if isinstance(node, wq.Term) and node.fieldname == "kind" and isinstance(node.text, str):
        return wq.Term("kind", parse_kind(node.text).value, boost=node.boost)
    if isinstance(node, wq.Phrase) and node.char_ranges:
        # Stop words are not indexed but keep their place: "délai d'intervention" has a hole
        # where "d" was, so the phrase must allow one word between its neighbours.
        skipped = 0
        for (_, end), (start, _) in itertools.pairwise(node.char_ranges):
            skipped = max(skipped, len(re.findall(r"\w+", text[end:start])))
        if skipped:
            return wq.Phrase(
                node.fieldname,
                node.words,
                slop=node.slop + skipped,
                boost=node.boost,
                char_ranges=node.char_ranges,
            )
    return node


def _expand_prefix(node: wq.Query, reader: Any) -> wq.Query:
    # whoosh scores a prefix as the OR of its words (or the word itself when there is one).
    if type(node) is wq.Prefix and node.boost == 1.0:
        expanded: wq.Query = node.simplify(reader)
        return expanded
    return node


def _fuzzy_term(node: wq.Query) -> wq.Query:
    if (
        type(node) is wq.Term
        and node.fieldname in TEXT_FIELDS
        and isinstance(node.text, str)
        and len(node.text) >= 4
    ):
        distance = 1 if len(node.text) < 7 else 2
        return wq.FuzzyTerm(node.fieldname, node.text, maxdist=distance, prefixlength=1)
    return node


def _fuzzy_text(text: str) -> str:
    return _WORD.sub(
        lambda m: m.group(1) if m.group(1) in _OPERATORS else m.group(1) + "~", _mask_quotes(text)
    )


def _with_correction(result: SearchResult, corrected: str) -> SearchResult:
    return SearchResult(
        query=result.query,
        total=result.total,
        hits=result.hits,
        facets=result.facets,
        corrected=corrected,
    )
