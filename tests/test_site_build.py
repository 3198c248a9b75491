"""Building the site with mkdocs: `rex build`, `mkdocs build`, atomicity, --public, errors."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import rex
from rex.errors import RexError
from rex.site import build_site, pipeline
from rex.site.types import Page, SiteContext
from tests.conftest import MINIMAL, ROOT, SAMPLE, Invoke, WriteTree
from tests.corpora import with_internal_record


def _build(invoke: Invoke, args: list[str], cwd: Path) -> tuple[int, str]:
    result = invoke("build", *args, cwd=cwd)  # no mkdocs.yml there: rex's built-in configuration
    return result.exit_code, result.output


def _site_text(site: Path) -> Iterator[tuple[Path, str]]:
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js", ".css"}:
            yield path, path.read_text(encoding="utf-8")


def test_rex_build_without_mkdocs_yml(
    invoke: Invoke, minimal_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = _build(invoke, [str(minimal_corpus), "--site-dir", "out"], tmp_path)
    assert code == 0, output
    assert re.search(r"Built \d+ pages in [\d.]+ s -> out \(config: mkdocs_default.yml\)", output)
    site = tmp_path / "out"
    practice = site / "practices" / "priorisation-des-demandes" / "index.html"
    html = practice.read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert "Retours d&#39;expérience" in html or "Retours d'expérience" in html
    assert not (site / "practices" / "priorisation-des-demandes.md").exists()
    # The search is Pagefind's bundle inside the site, and the theme's search is gone.
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "wasm.fr.pagefind").is_file()
    assert list((site / "pagefind" / "fragment").iterdir())
    assert not (site / "search").exists()
    for path, text in _site_text(site):
        assert "fonts.googleapis" not in text, path
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', text), path


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


def test_sample_site_builds_cleanly_and_every_internal_link_resolves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = rex.load(SAMPLE)
    assert corpus.report.valid
    site = tmp_path / "site"
    result = build_site(corpus, site, config_file=ROOT / "mkdocs.yml")
    assert result.warnings == []
    assert result.pages > len(corpus)
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served at any path, so its links are absolute
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "mailto:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert broken == []


def test_mkdocs_build_uses_the_plugin(
    minimal_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("docs_dir: content", f"docs_dir: {minimal_corpus}"), "utf-8")
    out = tmp_path / "built"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert (out / "rex" / "grille-voirie-2024" / "index.html").is_file()


def test_errors_fail_the_build_like_validate(
    invoke: Invoke, write_tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = dict(MINIMAL)
    files["practices/cassee.md"] = "---\ntitle: Cassée\nstatus: nope\n---\n"
    root = write_tree(files)
    build_site(rex.load(root), tmp_path / "out")  # a previous site, then a file of its own
    (tmp_path / "out" / "keep.txt").write_text("previous site", encoding="utf-8")
    code, output = _build(invoke, [str(root), "--site-dir", "out"], tmp_path)
    assert code == 1
    assert "practices/cassee.md:" in output and "error[" in output
    assert (tmp_path / "out" / "keep.txt").read_text(encoding="utf-8") == "previous site"
    code, output = _build(invoke, [str(root), "--site-dir", "out", "--keep-going"], tmp_path)
    assert code == 0, output
    assert "Skipped 1 file(s) with errors" in output and "cassee.md" in output
    assert not (tmp_path / "out" / "keep.txt").exists()
    assert not (tmp_path / "out" / "practices" / "cassee").exists()


def test_a_failed_build_leaves_the_previous_site_whole(
    minimal_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    build_site(rex.load(minimal_corpus), site)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))

    def boom(ctx: SiteContext) -> Iterator[Page]:
        raise KeyboardInterrupt  # as if the build were killed half-way

    monkeypatch.setattr(pipeline, "GENERATORS", [boom])
    with pytest.raises(KeyboardInterrupt):
        build_site(rex.load(minimal_corpus), site)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")]
    assert leftovers == [".site.lock"]  # the lock file only: no half-built folder


def test_public_site_never_mentions_internal_records(
    invoke: Invoke, write_tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    root = write_tree(with_internal_record(dict(MINIMAL)))
    (root / "rex" / "schema-interne.png").write_bytes(b"not really a png")
    code, output = _build(invoke, [str(root), "--site-dir", "pub", "--public"], tmp_path)
    assert code == 0, output
    assert "(public records only)" in output
    site = tmp_path / "pub"
    assert (site / "rex" / "grille-voirie-2024" / "index.html").is_file()
    assert not (site / "rex" / "secret-interne-2024").exists()
    assert not (site / "rex" / "schema-interne.png").exists()
    for path, text in _site_text(site):
        for secret in ("secret-interne-2024", "Un retour confidentiel", "confidentiel"):
            assert secret not in text, (path, secret)


def test_config_problems_are_clear_errors(
    invoke: Invoke, minimal_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = _build(invoke, [str(minimal_corpus), "--config", "absent.yml"], tmp_path)
    assert code == 1 and "absent.yml: no such configuration file" in output
    (tmp_path / "plain.yml").write_text("site_name: x\ntheme: {name: material}\n", "utf-8")
    code, output = _build(invoke, [str(minimal_corpus), "--config", "plain.yml"], tmp_path)
    assert code == 1 and "the rex plugin is not enabled" in output
    assert "Traceback" not in output


def test_escaped_title_in_the_built_html(
    invoke: Invoke, write_tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = dict(MINIMAL)
    files["practices/xss.md"] = """\
        ---
        title: '</title><script>alert(1)</script> [x](javascript:alert(1))'
        summary: '<img src=x onerror=alert(1)>'
        status: draft
        services: [voirie]
        indicators: [delai-moyen-intervention]
        ---
        """
    code, output = _build(invoke, [str(write_tree(files)), "--site-dir", "out"], tmp_path)
    assert code == 0, output
    for path, text in _site_text(tmp_path / "out"):
        if path.suffix == ".html":
            assert "<script>alert(1)" not in text, path
            assert "<img src=x" not in text, path
            assert 'href="javascript:' not in text, path


def test_serve_public_previews_the_public_site(
    minimal_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rex.site.build import plugins_with_rex_options, serve_site

    repo_config = Path(__file__).resolve().parent.parent / "mkdocs.yml"
    assert plugins_with_rex_options(repo_config, public=True) == [{"rex": {"public": True}}]
    as_mapping = tmp_path / "mapping.yml"
    as_mapping.write_text(
        "site_name: x\nplugins:\n  search: {}\n  rex:\n    keep_going: true\n", encoding="utf-8"
    )
    assert plugins_with_rex_options(as_mapping, public=True) == [
        "search",
        {"rex": {"keep_going": True, "public": True}},
    ]
    calls: list[dict[str, object]] = []
    monkeypatch.setattr("mkdocs.commands.serve.serve", lambda **kwargs: calls.append(kwargs))
    serve_site(minimal_corpus, config_file=repo_config, public=True)
    assert calls[0]["plugins"] == [{"rex": {"public": True}}]
    serve_site(minimal_corpus, config_file=repo_config)
    assert "plugins" not in calls[1]


def test_the_theme_search_plugin_is_refused_with_a_hint(
    minimal_corpus: Path, tmp_path: Path
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - search\n  - rex\n", encoding="utf-8")
    with pytest.raises(RexError, match="remove 'search'"):
        build_site(rex.load(minimal_corpus), tmp_path / "out", config_file=config)
    assert not (tmp_path / "out").exists()


def test_installed_packages_add_pages_through_the_entry_point_group(
    monkeypatch: pytest.MonkeyPatch, write_tree: WriteTree
) -> None:
    from importlib import metadata

    def extra(ctx: SiteContext) -> list[Page]:
        return [Page("extra.md", "Extra", "# Extra\n")]

    monkeypatch.setattr(f"{__name__}.extra_generator", extra, raising=False)
    point = metadata.EntryPoint("extra", f"{__name__}:extra_generator", pipeline.ENTRY_POINT_GROUP)
    real = metadata.entry_points

    def entry_points(**kwargs: str) -> object:
        if kwargs.get("group") == pipeline.ENTRY_POINT_GROUP:
            return metadata.EntryPoints([point])
        return real(**kwargs)

    monkeypatch.setattr(pipeline.metadata, "entry_points", entry_points)
    corpus = rex.load(write_tree(MINIMAL))
    srcs = [page.src for page in pipeline.generate(corpus).pages]
    assert "extra.md" in srcs
    assert srcs.index("extra.md") > srcs.index("index.md")
