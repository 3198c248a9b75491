"""The hits of a whoosh result as rex shows them: id, kind, title, path, score, a marked snippet."""

from __future__ import annotations

import re
from typing import Any

from whoosh.highlight import ContextFragmenter, Formatter, get_text

from .analysis import FrenchTokenizer
from .results import Hit

SNIPPET_FIELDS = ("summary", "body", "lessons", "title")
_SNIPPET_SCAN = 2000  # characters


def hits(results: Any) -> list[Hit]:
    """rex's hits for a whoosh ``Results``, in its order."""
    results.fragmenter = ContextFragmenter(maxchars=220, surround=60)
    results.formatter = _MarkFormatter()
    # The words whoosh's highlighter looks for, by field (it asks the same of the query).
    words = {
        name: frozenset(t.decode("utf-8") for _, t in results.query_terms(True, name))
        for name in ("title", "text")
    }
    return [_hit(hit, words) for hit in results]


class _MarkFormatter(Formatter):  # type: ignore[misc]
    """Marks matched words as ``**word**``: readable in a terminal, in JSON and in Markdown."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        """The matched word wrapped in ``**``."""
        return f"**{get_text(text, token, replace)}**"


def _hit(hit: Any, words: dict[str, frozenset[str]]) -> Hit:
    fields = hit.fields()
    snippet = ""
    for name in SNIPPET_FIELDS:
        if fields.get(name):
            # Highlighting re-analyses the text: the start of a long body is enough for a
            # snippet and keeps every query fast.
            field = "title" if name == "title" else "text"
            text = fields[name][:_SNIPPET_SCAN]
            analyzer = hit.searcher.schema[field].analyzer
            if isinstance(analyzer, FrenchTokenizer) and words[field].isdisjoint(
                analyzer.words(text)
            ):
                continue  # no word to mark: whoosh's highlighter would give "" at length
            snippet = hit.highlights(field, text=text, top=2)
            if snippet:
                break
    if not snippet:
        snippet = fields.get("summary") or fields.get("body", "")[:200]
    return Hit(
        id=fields["id"],
        kind=fields["kind"],
        title=fields["title"],
        path=fields.get("path", ""),
        score=round(float(hit.score or 0.0), 4),
        snippet=_clean(snippet),
    )


def _clean(snippet: str) -> str:
    text = re.sub(r"^#+\s*", "", snippet.strip(), flags=re.MULTILINE)
    return re.sub(r"\s+", " ", text).strip()
