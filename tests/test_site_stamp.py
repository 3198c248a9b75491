"""Stamped record pages (`rex.site.stamp`) are byte for byte what the theme renders."""

from __future__ import annotations

from pathlib import Path

import pytest

import rex
from rex.site import build_site, stamp
from tests.conftest import SAMPLE

CONFIG = """\
site_name: Réseau
site_url: https://exemple.fr/rex/
repo_url: https://forge.exemple.fr/reseau/rex
edit_uri: edit/main/content/
theme:
  name: material
  language: fr
  font: false
plugins:
  - rex
markdown_extensions:
  - tables
  - toc:
      permalink: false
  - admonition
"""


def _pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*.html")}


@pytest.mark.parametrize("config", [None, CONFIG], ids=["default", "site-and-repo-url"])
def test_stamped_pages_are_the_themes(
    config: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = rex.load(SAMPLE)
    config_file = None
    if config is not None:
        config_file = tmp_path / "mkdocs.yml"
        config_file.write_text(config, encoding="utf-8")
    stamped = {"n": 0}
    write = stamp.Stamps._stamp

    def counted(self: stamp.Stamps, *args: object) -> str:
        stamped["n"] += 1
        return write(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(stamp.Stamps, "_stamp", counted)
    build_site(corpus, tmp_path / "stamped", config_file=config_file)
    monkeypatch.setattr(stamp.Stamps, "output", lambda self, page, context: self._theme(context))
    build_site(corpus, tmp_path / "theme", config_file=config_file)
    ours, theirs = _pages(tmp_path / "stamped"), _pages(tmp_path / "theme")
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert stamped["n"] > 100  # most record pages were stamped, not rendered
    if config is not None:
        page = ours["practices/affichage-des-resultats/index.html"].decode()
        assert 'href="https://exemple.fr/rex/practices/affichage-des-resultats/"' in page


def test_a_shell_that_does_not_prove_itself_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A shell that forgets a page's own text: the proof pages show it, the shape falls back.
    shell = stamp.Stamps._shell

    def broken(self: stamp.Stamps, page: object, context: object) -> str | None:
        html = shell(self, page, context)  # type: ignore[arg-type]
        return None if html is None else html.replace("rexstamptitlex7f3a", "Toujours ce titre")

    monkeypatch.setattr(stamp.Stamps, "_shell", broken)
    build_site(rex.load(SAMPLE), tmp_path / "site")
    page = (tmp_path / "site" / "practices" / "affichage-des-resultats" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Toujours ce titre" not in page
    assert "<title>Afficher les résultats" in page
