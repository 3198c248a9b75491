"""The site's HTML comes from autoescaped templates: text is escaped, only `Markup` is HTML."""

from __future__ import annotations

import ast
import gzip
import json
import posixpath
import re
import textwrap
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

import rex
from rex.site import generate
from rex.site import indexes as site_indexes
from rex.site.charts import Bar, Span, bar_chart, before_after_chart
from rex.site.html import Link, Linker, badge, infobox, items, link, links, paragraph, table
from rex.site.render import ENV, block, escape, render
from rex.site.row_markup import row_html
from rex.site.rows import Cell, text_cell
from tests.conftest import MINIMAL

SITE = Path(rex.__file__).parent / "site"
# Code that may still write markup: SVG is computed geometry (the bar and before -> after
# charts, the time series), a body is sanitized HTML cut at its headings, finish.py writes
# the headings Python-Markdown would (tests compare them), stamp.py finds the theme's markup.
WRITES_MARKUP = {
    "charts.py",
    "timeseries.py",
    "body.py",
    "finish.py",
    "stamp.py",
    "row_markup.py",
}
TAGS = (
    "a|abbr|article|aside|b|br|caption|code|dd|div|dl|dt|em|figcaption|figure|footer|form|"
    "h[1-6]|header|i|iframe|img|input|label|li|link|main|meta|nav|ol|p|pre|script|section|"
    "small|span|strong|style|svg|table|tbody|td|th|thead|tr|u|ul"
)
TAG_RE = re.compile(rf"</?(?:{TAGS})(?:[\s/>]|$)", re.IGNORECASE)
HOSTILE = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def _docstrings(tree: ast.Module) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _markup_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    return [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and TAG_RE.search(node.value)
    ]


def test_no_site_module_writes_html_in_strings() -> None:
    paths = [p for p in sorted(SITE.glob("*.py")) if p.name not in WRITES_MARKUP]
    assert len(paths) > 10
    found = [hit for path in paths for hit in _markup_literals(path)]
    assert found == []


def test_the_scan_finds_html_in_f_strings(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""A <p> in a docstring is prose."""\nx = f"<td>{y}</td>"\n')
    assert _markup_literals(sample) == ["sample.py:2: '<td>'", "sample.py:2: '</td>'"]


def test_templates_never_turn_escaping_off() -> None:
    names = ENV.list_templates()
    assert {"macros.html", "partials/table.html", "records/heading.html"} <= set(names)
    for name in names:
        source = (resources.files("rex.site") / "templates" / name).read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false", source), name
        ENV.get_template(name)  # every template compiles


@pytest.mark.parametrize(
    "render_fragment",
    [
        lambda s: block(s),
        lambda s: table("Légende", ["Titre"], [[s, s]]),
        lambda s: table(s, [s], []),
        lambda s: infobox([("Lieu", s)], label=s),
        lambda s: items([s], "rex-list"),
        lambda s: paragraph(s),
        lambda s: badge(s, s),
        lambda s: link(Linker(), "index.md", "rex/x.md", s, cls=s),
        lambda s: links(Linker(), "index.md", [Link("rex/x.md", s, s)], empty=s),
        lambda s: row_html([Cell(s, s), Cell((Link(s, s, s),), s)], str),
        lambda s: render("records/rex-measures.html", table=s, notes=[s]),
        lambda s: render("records/indicator-measures.html", chart=s, table=s),
        lambda s: render("partials/title.html", title=s, paragraphs=[s]),
        lambda s: bar_chart(s, s, s, [Bar(s, (1.0,), s)]),
        lambda s: before_after_chart(s, s, s, [Span(s, 1, 2, True)]),
    ],
)
def test_a_plain_string_where_a_fragment_goes_is_escaped(
    render_fragment: Callable[[str], Markup],
) -> None:
    out = render_fragment(HOSTILE)
    assert isinstance(out, Markup)
    assert "<script" not in out and ESCAPED in out


def test_markup_goes_in_as_html_and_text_as_text() -> None:
    bold = Markup("<b>gras</b>")
    assert str(infobox([("a", bold), ("b", "<b>")])) == (
        '<aside class="rex-info" aria-label="Informations"><dl>'
        "<dt>a</dt><dd><b>gras</b></dd><dt>b</dt><dd>&lt;b&gt;</dd></dl></aside>"
    )
    assert block(bold, Markup("<p>\n\nx</p>")) == "<b>gras</b>\n<p>\nx</p>"
    # The escapes are those of html.escape, which the pages have always had.
    assert escape('l\'"a" & <b>') == "l&#x27;&quot;a&quot; &amp; &lt;b&gt;"
    assert escape(bold) is bold
    assert text_cell("<i>") == Cell("<i>", "<i>")


def test_a_variable_a_template_lacks_is_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("records/evidence.html", level="faible")


def _targets(url: str, html: str) -> set[str]:
    """The pages the record links of ``html`` lead to, from the page at ``url``."""
    base = url if url.endswith("/") else posixpath.dirname(url)
    hrefs = re.findall(r'href="([^"]*essai-[^"]*)"', html)
    return {posixpath.normpath(posixpath.join(base, h)) for h in hrefs}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_listing_rows_link_from_the_page_they_are_on(
    minimal_corpus: Path, monkeypatch: pytest.MonkeyPatch, directory_urls: bool
) -> None:
    text = textwrap.dedent(str(MINIMAL["rex/grille-voirie-2024.md"]))
    for i in range(3):
        path = minimal_corpus / f"rex/essai-{i}.md"
        path.write_text(text.replace("lessons:", "tags: [Voirie]\nlessons:"), encoding="utf-8")
    monkeypatch.setattr(site_indexes, "PAGE_SIZE", 2)
    content = generate(rex.load(minimal_corpus), directory_urls=directory_urls)
    linker = Linker(directory_urls)
    pages = {p.src: p.markdown for p in content.pages}
    expected = {linker.url(f"rex/essai-{i}.md").rstrip("/") for i in range(3)}
    # Tag pages sit a folder below kind indexes, and page 2 one more with directory URLs.
    first, second = (f"tags/voirie/{name}.md" for name in ("index", "page-2"))
    on_first = _targets(linker.url(first), pages[first])
    on_second = _targets(linker.url(second), pages[second])
    assert len(on_first) == 2 and len(on_second) == 1 and on_first | on_second == expected
    # The script reads the rows' links (from the list's file) against the list's first page.
    (data,) = [a.content for a in content.assets if a.path == "tags/voirie/rows.json.gz"]
    assert isinstance(data, bytes)
    hrefs = [row[0][0][0] for row in json.loads(gzip.decompress(data))["rows"]]
    assert _targets(linker.url(first), "".join(f'href="{h}"' for h in hrefs)) == expected
    assert f'data-rex-first="{linker.href(second, first)}"' in pages[second]
