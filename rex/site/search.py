"""The site's search: a small index, and French accent folding for mkdocs-material's lunr.

mkdocs-material's search builds a lunr index in the browser from ``search_index.json``. Two
changes make it serve French readers on large corpora:

- **A small index.** One entry per generated page with its title, summary or definition,
  lessons and section headings — not the whole body cut into sections — so the browser has
  far less to download and index before the first results show.
- **Accent folding.** lunr's French stemmer treats ``délai`` and ``delai`` as different words.
  The site's copy of ``lunr.fr.min.js`` (loaded by the search worker) gets a wrapper that folds
  accents before stemming. lunr runs the same function on indexed words and on the query, so
  ``delai``, ``délais`` and ``Délai`` all meet on one stem.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from .html import esc
from .types import Page

#: Where mkdocs-material keeps the French lunr pipeline, relative to the site root.
LUNR_FR = "assets/javascripts/lunr/min/lunr.fr.min.js"
MAX_TEXT = 1200

FOLD_LUNR_FR = r"""
;(function () {
  /* rex: French search that ignores accents and inflections (see rex/site/search.py). */
  var root = typeof self !== "undefined" ? self : this;
  var lunr = root.lunr;
  if (!lunr || !lunr.fr || lunr.fr.rexFolded) return;
  var stem = lunr.fr.stemmer;
  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0153/g, "oe").replace(/\u00e6/g, "ae");
  }
  /* Stemming is most of the indexing time, and a corpus has few distinct words: memoize. */
  var stems = new Map();
  function stemWord(word) {
    var key = fold(word);
    var found = stems.get(key);
    if (found === undefined) {
      found = stem(key);
      stems.set(key, found);
    }
    return found;
  }
  var folded = function (token) {
    return typeof token.update === "function" ? token.update(stemWord) : stemWord(token);
  };
  lunr.Pipeline.registerFunction(folded, "stemmer-fr-rex-folded");
  lunr.fr.stemmer = folded;
  lunr.fr.rexFolded = true;
  /* The theme turns each typed word into a prefix query ("délais*"), and lunr skips the
     pipeline for those: query the folded stem instead ("del*"), plus the stem itself as an
     exact term weighted higher, so whole-word matches rank first. */
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (c) {
    var term = typeof c.term === "string" ? c.term : "";
    if (c.usePipeline === false && /^[^*]+\*$/.test(term)) {
      var word = fold(term.slice(0, -1));
      var stemmed = word.length > 2 ? folded(word) : word;
      c.term = stemmed + "*";
      if (word.length > 2 && c.presence !== lunr.Query.presence.REQUIRED) {
        var exact = { term: stemmed, usePipeline: false, boost: (c.boost || 1) * 10 };
        ["fields", "presence"].forEach(function (key) {
          if (c[key] !== undefined) exact[key] = c[key];
        });
        clause.call(this, exact);
      }
    }
    return clause.call(this, c);
  };
})();
"""


def fold_lunr_fr(original: str) -> str:
    """mkdocs-material's ``lunr.fr.min.js`` with the accent-folding wrapper appended."""
    if "rexFolded" in original:
        return original
    return original + FOLD_LUNR_FR


def search_docs(pages: Iterable[Page], urls: Mapping[str, str]) -> list[dict[str, Any]]:
    """mkdocs-material index entries for ``pages`` (``urls`` maps a page's src to its URL).

    Title and text are HTML-escaped: the theme shows them as HTML in the results.
    """
    docs: list[dict[str, Any]] = []
    for page in pages:
        if page.search is None or page.src not in urls:
            continue
        entry: dict[str, Any] = {
            "location": urls[page.src],
            "title": esc(page.search.title),
            "text": esc(page.search.text[:MAX_TEXT]),
        }
        if page.search.tags:
            entry["tags"] = [esc(t) for t in page.search.tags]
        docs.append(entry)
    return docs


def rewrite_index(text: str, docs: list[dict[str, Any]], generated: Iterable[str]) -> str:
    """The theme's ``search_index.json`` with rex's entries in place of its generated pages'.

    Entries of hand-written pages (``location`` not in ``generated``) are kept.
    """
    data = json.loads(text)
    ours = {_page_url(u) for u in generated}
    kept = [d for d in data.get("docs", []) if _page_url(d.get("location", "")) not in ours]
    data["docs"] = docs + kept
    # The theme drops the stemmer by default; the folding wrapper lives in it, so keep it.
    data.setdefault("config", {})["pipeline"] = ["stemmer", "stopWordFilter", "trimmer"]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _page_url(location: str) -> str:
    # mkdocs names the home page "./" where the theme's index says "".
    page = location.split("#")[0]
    return "" if page in ("./", ".") else page
