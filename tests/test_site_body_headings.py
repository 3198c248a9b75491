"""The headings of a record's body found by counting tags, as an HTML parser finds them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from rex.sanitize import render_body
from rex.site.body import _top_headings


class _Parsed(HTMLParser):
    """The reference: Python's HTML parser, headings outside any other element."""

    VOID = frozenset({"br", "hr", "img"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.found: list[tuple[int, int, int]] = []
        self._depth = 0
        self._open: tuple[str, int] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if self._depth == 0 and re.fullmatch(r"h[1-6]", tag):
            self._open = (tag, self._offset())
        self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        self._depth -= 1
        if self._depth == 0 and self._open is not None and self._open[0] == tag:
            self.found.append((int(tag[1]), self._open[1], self._offset() + len(f"</{tag}>")))
            self._open = None


def _parsed(text: str) -> list[tuple[int, int, int]]:
    parser = _Parsed(text)
    parser.feed(text)
    parser.close()
    return parser.found


PIECES = st.sampled_from(
    [
        "## Contexte",
        "# Titre *important*",
        "### Résultats > attendus",
        "Un paragraphe avec **gras**, `code <h2>` et [un lien](../rex/x.md).",
        "- un\n- deux\n\n  ## pas un titre de haut niveau",
        "```\n<h2>dans du code</h2>\n\n## non plus\n```",
        "<div><h2>dans un bloc</h2></div>",
        '<h3 title="a>b">attribut piégé</h3>',
        "<h2>titre HTML</h2>",
        "| a | b |\n|---|---|\n| <br> | x |",
        "![image](https://exemple.fr/i.png)",
        "> ## cité",
        "<details><summary>plus</summary>\n\n## dedans\n\n</details>",
        "Texte < et > et &amp; et <img src=x onerror=alert(1)>",
        "<p>ouvert",
        "</div>",
        "----",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=8))
def test_the_headings_found_by_counting_tags_are_those_an_html_parser_finds(
    pieces: list[str],
) -> None:
    html = render_body("\n\n".join(pieces))
    assert _top_headings(html) == _parsed(html)


def test_a_quoted_attribute_holding_a_bracket_does_not_end_its_tag() -> None:
    # The sanitizer escapes it; the count does not rely on that.
    html = "<h3 title=\"a>b\">Titre</h3>\n<div><h2 class='x>'>dedans</h2></div>\n<h2>Fin</h2>"
    assert [(level, html[start:end]) for level, start, end in _top_headings(html)] == [
        (3, '<h3 title="a>b">Titre</h3>'),
        (2, "<h2>Fin</h2>"),
    ]
    assert _top_headings(html) == _parsed(html)
