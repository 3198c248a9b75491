"""The body sanitizer: hostile spellings are neutralised, Markdown's own markup is kept, remote
images become links unless their host is allowed, and every page carries a CSP."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rex
from rex.corpus import Corpus
from rex.sanitize import (
    add_csp,
    check_body,
    content_security_policy,
    render_body,
    sanitize,
    url_allowed,
    valid_host,
)
from rex.site import build_site
from rex.site.pipeline import generate

from .conftest import MINIMAL, WriteTree

FORBIDDEN_TAGS = {"script", "base", "form", "link", "style", "iframe", "object", "embed", "meta"}

HOSTILE = {
    "newline before =": "<img src=x onerror\n=alert(1)>",
    "base": '<base href="https://evil.example/">',
    "hex reference": '<a href="&#x6A;avascript:alert(1)">x</a>',
    "tab reference": "[x](jav&#x09;ascript:alert(1))",
    "named colon": "[x](javascript&colon;alert(1))",
    "data html": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "stylesheet": "<link rel=stylesheet href=https://evil.example/x.css>",
    "form": "<form action=https://evil.example/><input name=q><button>ok</button></form>",
    "script": "<script>alert(1)</script>",
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "style attribute": '<p style="position:fixed;background:url(https://evil.example/t)">x</p>',
    "style element": "<style>body{background:url(https://evil.example/t)}</style>",
    "svg onload": "<svg onload=alert(1)>",
    "uppercase": "<IMG SRC=x OnErRoR=alert(1)>",
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "control in scheme": '<a href="\x01javascript:alert(1)">x</a>',
    "entity without semicolon": '<a href="javascript&#58alert(1)">x</a>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "theme id": '<h2 id="__search">x</h2><a id="__drawer">y</a>',
}


class _Tags(HTMLParser):
    """Every element and attribute of a fragment, as a browser-like parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))


def _elements(fragment: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser.elements


def _assert_inert(fragment: str) -> None:
    for tag, attrs in _elements(fragment):
        assert tag not in FORBIDDEN_TAGS, fragment
        for name, value in attrs.items():
            assert not name.startswith("on"), fragment
            assert name not in {"style", "srcdoc", "formaction"}, fragment
            squeezed = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
            assert not squeezed.startswith(("javascript:", "data:", "vbscript:")), fragment
        if tag == "img":
            assert not re.match(r"^\s*(https?:)?//", attrs.get("src", "")), fragment
        if "id" in attrs:
            assert not attrs["id"].startswith("__"), fragment
    assert "<script" not in fragment.lower()


@pytest.mark.parametrize("markdown", HOSTILE.values(), ids=HOSTILE.keys())
def test_every_hostile_spelling_is_neutralised(markdown: str) -> None:
    _assert_inert(render_body(markdown))


@pytest.mark.parametrize("markdown", HOSTILE.values(), ids=HOSTILE.keys())
def test_validation_reports_every_hostile_spelling(markdown: str) -> None:
    findings = check_body("Texte.\n\n" + markdown)
    assert findings
    assert all(not f.remote for f in findings)
    assert findings[0].offset >= 2


def test_markdown_markup_survives() -> None:
    body = """\
## Titre *important*

Du **gras**, du `<script>` en code, [un lien](../rex/x.md), [une ancre](#titre),
[un site](https://example.org/a?b=1&c=2), [écrire](mailto:a@example.org), H<sub>2</sub>O.

| a | b |
|:--|--:|
| 1 | 2 |

!!! warning "Attention"
    Un encadré.

![schéma](images/schema.png "titre")

1. un
2. deux

> citation

```html
<script>alert(1)</script>
```
"""
    out = render_body(body)
    assert '<h2 id="titre-important">Titre <em>important</em></h2>' in out
    assert "<strong>gras</strong>" in out and "<code>&lt;script&gt;</code>" in out
    assert 'href="../rex/x.md"' in out and 'href="#titre"' in out
    assert 'href="https://example.org/a?b=1&amp;c=2"' in out
    assert 'href="mailto:a@example.org"' in out and "<sub>2</sub>" in out
    assert '<th align="left">a</th>' in out and '<td align="right">2</td>' in out
    assert '<div class="admonition warning">' in out
    assert '<p class="admonition-title">Attention</p>' in out
    assert '<img alt="schéma" src="images/schema.png" title="titre">' in out
    assert "<ol>" in out and "<blockquote>" in out
    assert '<code class="language-html">&lt;script&gt;alert(1)&lt;/script&gt;' in out
    assert check_body(body) == []


def test_the_sample_corpus_has_nothing_to_remove() -> None:
    corpus = rex.load(Path(__file__).resolve().parent.parent / "content")
    for record in corpus:
        assert check_body(record.body) == [], record.relpath


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://example.org/", True),
        ("HTTP://example.org/", True),
        ("mailto:a@example.org", True),
        ("../practices/x.md", True),
        ("#section", True),
        ("a/b:c", True),
        ("javascript:alert(1)", False),
        (" java\tscript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("\x00javascript:alert(1)", False),
        ("java\u200bscript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
    ],
)
def test_url_rule(url: str, allowed: bool) -> None:
    assert url_allowed(url) is allowed


@pytest.mark.parametrize(
    "src",
    [
        "https://images.example.org/a.png",
        "//images.example.org/a.png",
        "/\\images.example.org/a.png",
    ],
)
def test_remote_images_become_links(src: str) -> None:
    out = sanitize(f'<p><img src="{src}" alt="Le &quot;plan&quot;"></p>')
    assert "<img" not in out
    assert re.search(
        r'<a href="[^"]*images\.example\.org/a\.png"[^>]*>Le &quot;plan&quot;</a>', out
    )


def test_allowed_hosts_keep_their_images() -> None:
    html = '<img src="https://Images.Example.org/a.png" alt="plan">'
    assert "<img" in sanitize(html, allowed_hosts=["images.example.org"])
    assert "<img" not in sanitize(html, allowed_hosts=["other.example.org"])
    assert "<img" in sanitize('<img src="images/a.png" alt="plan">')


def test_remote_image_is_a_warning_in_validation() -> None:
    [finding] = check_body("Texte\n\n![plan](https://images.example.org/a.png)")
    assert finding.remote and (finding.offset, finding.column) == (2, 9)


def test_content_security_policy_hashes_inline_scripts_only() -> None:
    page = (
        "<html><head><title>x</title><script>var a = 1;</script>"
        '<script src="a.js"></script></head><body></body></html>'
    )
    policy = content_security_policy(page, ["images.example.org", "x; script-src *"])
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    digest = base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode()
    assert directives["script-src"] == f"'self' 'wasm-unsafe-eval' 'sha256-{digest}'"
    assert directives["default-src"] == "'self'"
    assert directives["img-src"] == "'self' data: images.example.org"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'self'"
    out = add_csp(page)
    assert out.startswith('<html><head>\n<meta http-equiv="Content-Security-Policy" content="')
    assert not valid_host("x; script-src *") and valid_host("images.example.org")
    # A script inside the page's content (a body) never gets a hash.
    content = "<p>x</p><script>var b = 2;</script>"
    planted = page.replace("<body>", "<body>" + content)
    evil = base64.b64encode(hashlib.sha256(b"var b = 2;").digest()).decode()
    assert evil not in content_security_policy(planted, content=content)
    assert digest in content_security_policy(planted, content=content)
    assert evil in content_security_policy(planted)


def with_body(corpus: Corpus, kind: str, record_id: str, body: str) -> Corpus:
    """``corpus`` with one record's body replaced, bypassing validation (as an attacker would
    need to)."""
    records = [
        r.model_copy(update={"body": body}) if (r.kind, r.id) == (kind, record_id) else r
        for r in corpus
    ]
    return Corpus(corpus.root, records, corpus.report)


def test_body_headings_stay_in_the_table_of_contents(write_tree: WriteTree) -> None:
    body = (
        "## Contexte *local*\n\nTexte.\n\n> ## Dans une citation\n\n"
        "## Liens\n\n<script>alert(1)</script>\n"
    )
    corpus = with_body(rex.load(write_tree(MINIMAL)), "services", "voirie", body)
    page = {p.src: p for p in generate(corpus).pages}["services/voirie.md"]
    assert "## Contexte local\n" in page.markdown
    assert "## Liens\n" in page.markdown
    assert '<h2 id="dans-une-citation">Dans une citation</h2>' in page.markdown
    assert "<script" not in page.markdown


def test_built_pages_carry_the_policy_and_sanitized_bodies(
    write_tree: WriteTree, tmp_path: Path
) -> None:
    body = (
        "## Contexte\n\n[x](javascript&colon;alert(1))\n\n"
        "![plan](https://images.example.org/a.png)\n\n## Contexte\n"
    )
    corpus = with_body(rex.load(write_tree(MINIMAL)), "services", "voirie", body)
    site = tmp_path / "site"
    build_site(corpus, site)
    for path in [site / "services" / "voirie" / "index.html", site / "404.html"]:
        html = path.read_text(encoding="utf-8")
        head = html[html.index("<head>") + len("<head>") :].lstrip()
        assert head.startswith('<meta http-equiv="Content-Security-Policy"'), path
    page = (site / "services" / "voirie" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    _assert_inert(article)
    assert '<a href="https://images.example.org/a.png" rel="noopener noreferrer">plan</a>' in page
    # mkdocs still gives body headings unique ids and lists them in the table of contents.
    assert 'id="contexte"' in page and 'id="contexte_1"' in page
    assert 'href="#contexte_1" class="md-nav__link"' in page


html_bits = st.sampled_from(
    [
        "<",
        ">",
        "/",
        "=",
        '"',
        "'",
        "&",
        "#",
        ";",
        ":",
        "\n",
        "\t",
        " ",
        "\x00",
        "&#x6A;",
        "&colon;",
        "&#58",
        "script",
        "img",
        "a",
        "svg",
        "style",
        "base",
        "form",
        "link",
        "iframe",
        "onerror",
        "onload",
        "href",
        "src",
        "srcdoc",
        "javascript",
        "data",
        "text/html",
        "[x](",
        ")",
        "![",
        "](",
        "`",
        "```",
        "!!! note",
        "<!--",
        "-->",
        "<![CDATA[",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(html_bits | st.text(max_size=5), max_size=40))
def test_sanitized_output_is_always_inert(parts: list[str]) -> None:
    text = "".join(parts)
    _assert_inert(sanitize(text))
    _assert_inert(render_body(text))


def test_links_to_record_files_point_at_their_pages(write_tree: WriteTree) -> None:
    body = (
        "[ici](voirie.md), [une pratique](../practices/priorisation-des-demandes.md#contexte), "
        "[absente](../rex/absente.md), [externe](https://example.org/x.md)\n"
    )
    corpus = with_body(rex.load(write_tree(MINIMAL)), "services", "voirie", body)
    markdown = {p.src: p for p in generate(corpus).pages}["services/voirie.md"].markdown
    assert 'href="./"' in markdown
    assert 'href="../../practices/priorisation-des-demandes/#contexte"' in markdown
    assert 'href="../rex/absente.md"' in markdown
    assert 'href="https://example.org/x.md"' in markdown
