"""Generated pages skip Markdown (`rex.site.finish`): the same HTML and table of contents as
Python-Markdown with the site's extensions, and the build holds one record page at a time."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta

import rex
from rex.sanitize import MarkdownOptions
from rex.site import build_site
from rex.site.finish import fast_path, finish
from rex.site.pipeline import generate
from rex.site.types import page_markdown
from tests.conftest import MINIMAL, SAMPLE, WriteTree

EXTENSIONS = ["tables", "toc", "admonition"]
CONFIGS = {"toc": {"permalink": False}}

#: Headings a stranger could write, and code with blank lines and heading-like lines inside.
TRICKY_BODY = """\
## Pourquoi l'action a *échoué* & ce qu'on retient (1 < 2) #1

Texte.

```
## pas un titre

<div>
```

### Sous-partie [lien](https://exemple.fr) `code`

# Titre de niveau un

## Pourquoi l'action a *échoué* & ce qu'on retient (1 < 2) #1

> ## Dans une citation
"""


def _slow(text: str) -> tuple[str, list[dict[str, object]], dict[str, object]]:
    body, front = meta.get_data(text)
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    return md.convert(body), md.toc_tokens, front


def _norm(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def _pages(root: Path) -> list[tuple[str, str]]:
    site = generate(rex.load(root), markdown=MarkdownOptions(tuple(EXTENSIONS), CONFIGS))
    return [(page.src, page.markdown) for page in site.pages]


@pytest.mark.parametrize("corpus", ["sample", "tricky"])
def test_every_page_takes_the_fast_path_with_markdowns_output(
    corpus: str, write_tree: WriteTree
) -> None:
    if corpus == "sample":
        root = SAMPLE
    else:
        files = dict(MINIMAL)
        key = "practices/priorisation-des-demandes.md"
        files[key] = files[key].replace(
            "        ## Description\n",
            "\n".join("        " + line for line in TRICKY_BODY.splitlines()) + "\n",
        )
        root = write_tree(files)
    pages = _pages(root)
    assert len(pages) > 10
    for src, text in pages:
        done = finish(text)
        assert done is not None, src
        html, toc, front = _slow(text)
        assert _norm(done.html) == _norm(html), src
        assert done.toc == toc, src
        assert done.meta == front, src
    if corpus == "tricky":
        practice = dict(pages)["practices/priorisation-des-demandes.md"]
        done = finish(practice)
        assert done is not None
        names = [t["name"] for t in done.toc]
        assert "Pourquoi l&#x27;action a échoué &amp; ce qu&#x27;on retient (1 &lt; 2) #1" in names
        assert "pas un titre" not in done.html.replace("## pas un titre", "")


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x\n---\n\nUn paragraphe en Markdown.\n",
        "## Un *titre*\n",
        "<span>en ligne</span>\n",
        "<div>jamais fermé\n\n## titre\n",
    ],
)
def test_anything_else_takes_markdowns_path(text: str) -> None:
    assert finish(text) is None


def test_fast_path_only_with_extensions_that_leave_the_pages_alone() -> None:
    assert fast_path(EXTENSIONS, CONFIGS)
    assert fast_path(["toc"], {"toc": {"toc_depth": 6}})
    assert not fast_path([*EXTENSIONS, "pymdownx.smartsymbols"], CONFIGS)
    assert not fast_path(EXTENSIONS, {"toc": {"permalink": True}})
    assert not fast_path(EXTENSIONS, {"toc": {"slugify": str.lower}})


def test_a_built_site_shows_headings_as_text(tmp_path: Path, write_tree: WriteTree) -> None:
    files = dict(MINIMAL)
    key = "rex/grille-voirie-2024.md"
    files[key] = files[key].replace("## Contexte", "## Pourquoi l'été & (1 < 2)")
    root = write_tree(files)
    site = tmp_path / "site"
    build_site(rex.load(root), site)
    page = (site / "rex" / "grille-voirie-2024" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r'<h2 id="([^"]+)">(Pourquoi[^<]*)</h2>', page)
    assert heading is not None
    assert heading[2] == "Pourquoi l&#x27;été &amp; (1 &lt; 2)"
    assert f'href="#{heading[1]}"' in page  # in the table of contents


@settings(max_examples=300, deadline=None)
@given(
    # Any title YAML can read (it refuses control characters other than tab and newline).
    st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from('\t\n"\\')),
    st.lists(st.sampled_from(["navigation", "toc", "footer"]), max_size=2),
)
def test_rex_front_matter_is_read_as_yaml_reads_it(title: str, hide: list[str]) -> None:
    markdown = page_markdown(title, "<p>corps</p>", hide=hide)
    end = markdown.index("\n---\n", 3)
    finished = finish(markdown)
    assert finished is not None
    assert finished.meta == yaml.load(markdown[4:end], Loader=yaml.CSafeLoader)
