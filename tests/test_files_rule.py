"""The file rule: only regular files inside the corpus are read or copied, links that leave it
are warned about and skipped, and a record with errors never reaches a page, the index or an
export.

Links cannot be stored in git, so the corpus is written here rather than under tests/cases.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import rex
from rex.cli import cli
from rex.loader import copyable

from .conftest import MINIMAL, WriteTree

SECRET = "zorglubsecret"  # outside/passwd, linked as services/secret.txt
IMAGE = "zorglubimage"  # outside/x.png, linked as practices/img/x.png
INTERNAL = "zorglubinterne"  # outside/internal.md, linked as practices/linked.md
FOLDER = "zorglubdossier"  # outside/dir/, linked as services/docs
HIDDEN = "zorglubcache"  # practices/.hidden.md
UPPER = "zorglubmajuscule"  # practices/x.MD
BROKEN = "zorglubcasse"  # practices/broken-record.md, which has an error
MARKERS = (SECRET, IMAGE, INTERNAL, FOLDER, HIDDEN, UPPER, BROKEN)
INSIDE = "zorglubpartage"  # a record reached through a link that stays inside the corpus


def practice(body: str, *, visibility: str = "public", summary: bool = True) -> str:
    """A practice of the minimal corpus, with ``body`` as its text."""
    return (
        "---\ntitle: Une pratique\n"
        + ("summary: Un résumé.\n" if summary else "")
        + "status: validated\nservices: [voirie]\nindicators: [delai-moyen-intervention]\n"
        + f"visibility: {visibility}\n---\n{body}\n"
    )


@pytest.fixture
def corpus_dir(write_tree: WriteTree, tmp_path: Path) -> Path:
    """The minimal corpus (made public) with every kind of file the rule is about."""
    public = {
        name: textwrap.dedent(text).replace("---\n", "---\nvisibility: public\n", 1)
        if isinstance(text, str)
        else text
        for name, text in MINIMAL.items()
    }
    root = write_tree(
        {
            **public,
            "practices/x.MD": practice(UPPER),
            "practices/.hidden.md": practice(HIDDEN),
            "practices/broken-record.md": practice(BROKEN, summary=False),
            "_shared/partage-des-donnees.md": practice(INSIDE),
            "services/img/logo.png": b"\x89PNG logo",
        }
    )
    outside = tmp_path / "outside"
    (outside / "dir").mkdir(parents=True)
    (outside / "passwd").write_text(f"root:{SECRET}\n", encoding="utf-8")
    (outside / "x.png").write_text(IMAGE, encoding="utf-8")
    (outside / "internal.md").write_text(practice(INTERNAL, visibility="internal"), "utf-8")
    (outside / "dir" / "dossier.md").write_text(practice(FOLDER), encoding="utf-8")
    (outside / "dir" / "note.txt").write_text(FOLDER, encoding="utf-8")
    (root / "practices" / "img").mkdir()
    links = {
        "services/secret.txt": outside / "passwd",
        "practices/img/x.png": outside / "x.png",
        "practices/linked.md": outside / "internal.md",
        "services/docs": outside / "dir",
        "practices/gone.md": outside / "missing.md",
        "practices/loop": Path(".."),
        # Links that stay inside the corpus keep working: a folder and a file.
        "practices/shared": Path("../_shared"),
        "practices/logo.png": Path("../services/img/logo.png"),
    }
    for name, target in links.items():
        (root / name).symlink_to(target)
    return root


def found(corpus: rex.Corpus) -> set[str]:
    """The diagnostics as ``relative/path:severity[code]``."""
    return {
        f"{Path(d.path).relative_to(corpus.root).as_posix()}:{d.severity}[{d.code}]"
        for d in corpus.report
    }


def test_load_warns_about_every_file_it_will_not_read(corpus_dir: Path) -> None:
    corpus = rex.load(corpus_dir)
    assert found(corpus) == {
        "services/secret.txt:warning[link-outside-corpus]",
        "services/docs:warning[link-outside-corpus]",
        "practices/img/x.png:warning[link-outside-corpus]",
        "practices/linked.md:warning[link-outside-corpus]",
        "practices/gone.md:warning[broken-link]",
        "practices/loop:warning[broken-link]",
        "practices/x.MD:warning[ignored-file]",
        "practices/.hidden.md:warning[ignored-file]",
        "practices/broken-record.md:error[missing-key]",
    }
    messages = {Path(d.path).name: d.message for d in corpus.report}
    assert str(corpus_dir.parent / "outside" / "passwd") in messages["secret.txt"]
    assert "loop" in messages["loop"]
    assert "partage-des-donnees" in corpus.practices  # through practices/shared
    assert {r.id for r in corpus.practices.values()} == {
        "priorisation-des-demandes",
        "partage-des-donnees",
    }
    assert all(d.line == 1 and d.column == 1 and d.hint for d in corpus.report)


def test_a_cycle_of_links_is_a_broken_link(write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL)
    (root / "practices" / "a.md").symlink_to("b.md")
    (root / "practices" / "b.md").symlink_to("a.md")
    assert found(rex.load(root)) == {
        "practices/a.md:warning[broken-link]",
        "practices/b.md:warning[broken-link]",
    }


def test_a_linked_kind_folder_follows_the_rule(write_tree: WriteTree, tmp_path: Path) -> None:
    root = write_tree({k: v for k, v in MINIMAL.items() if not k.startswith("rex/")})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "rex").symlink_to(elsewhere)
    assert found(rex.load(root)) == {"rex:warning[link-outside-corpus]"}


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by relative path (links followed, as a web server would),
    the search bundle's gzip files decompressed, so a leak there cannot hide."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    return {k: gzip.decompress(v) if v[:2] == b"\x1f\x8b" else v for k, v in files.items()}


@pytest.mark.parametrize("public", [False, True], ids=["internal", "public"])
def test_build_keeps_going_and_publishes_nothing_it_should_not(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, public: bool
) -> None:
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml there: rex's built-in configuration
    site = tmp_path / "site"
    args = ["build", str(corpus_dir), "--site-dir", str(site), "--keep-going"]
    result = CliRunner().invoke(cli, [*args, "--public"] if public else args)
    assert result.exit_code == 0, result.output
    files = site_files(site)
    assert "pagefind/pagefind-entry.json" in files
    for name, data in files.items():
        for marker in MARKERS:
            assert marker.encode() not in data, (name, marker)
    assert not [name for name in files if name.lower().endswith(".md")]
    assert not [name for name in files if "loop" in name or "secret" in name or "docs/" in name]
    fragments = b"".join(v for k, v in files.items() if k.startswith("pagefind/fragment/"))
    assert b"partage-des-donnees" in fragments  # the record behind an inside link is published
    copied = {"services/img/logo.png", "practices/logo.png"}
    if public:
        assert not copied & files.keys()  # no file other than rex's pages on a public site
    else:
        assert copied <= files.keys()


def test_index_search_and_export_never_see_them(corpus_dir: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    result = CliRunner().invoke(cli, ["index", str(corpus_dir), "--index", str(index)])
    assert result.exit_code == 0, result.output
    for marker in (*MARKERS, INSIDE):
        args = ["search", marker, "--content", str(corpus_dir), "--index", str(index)]
        result = CliRunner().invoke(cli, [*args, "--format", "json"])
        assert result.exit_code == 0, result.output
        total = json.loads(result.stdout)["total"]
        assert total == (1 if marker == INSIDE else 0), marker
    exported = CliRunner().invoke(cli, ["export", str(corpus_dir)])
    assert exported.exit_code == 0, exported.output
    assert INSIDE in exported.stdout
    assert not [marker for marker in MARKERS if marker in exported.stdout]


def test_copyable_is_the_rule_the_site_applies(corpus_dir: Path) -> None:
    assert copyable(corpus_dir / "services/img/logo.png", corpus_dir)
    assert copyable(corpus_dir / "practices/logo.png", corpus_dir)  # a link inside
    assert copyable(corpus_dir / "practices/shared/partage-des-donnees.md", corpus_dir)
    assert not copyable(corpus_dir / "services/secret.txt", corpus_dir)
    assert not copyable(corpus_dir / "practices/img/x.png", corpus_dir)
    assert not copyable(corpus_dir / "services/docs/note.txt", corpus_dir)
    assert not copyable(corpus_dir / "practices/gone.md", corpus_dir)
    assert not copyable(corpus_dir / "practices/loop/services/img/logo.png", corpus_dir)
    assert not copyable(corpus_dir / "practices/.hidden.md", corpus_dir)
    assert not copyable(corpus_dir / "practices/img", corpus_dir)  # a folder
    assert not copyable(corpus_dir.parent / "outside" / "passwd", corpus_dir)


def test_a_fifo_is_never_read(write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL)
    os.mkfifo(root / "practices" / "pipe.md")
    assert found(rex.load(root)) == {"practices/pipe.md:warning[ignored-file]"}
    assert not copyable(root / "practices" / "pipe.md", root)


def test_loops_of_links_do_not_hold_the_build(write_tree: WriteTree, tmp_path: Path) -> None:
    root = write_tree({**MINIMAL, "practices/img/plan.png": b"\x89PNG"})
    for name in ("a", "b"):
        (root / "practices" / name).symlink_to("..")
    site = tmp_path / "site"
    # Run in a child process with a timeout: the failure mode is a build that never ends.
    done = subprocess.run(
        [sys.executable, "-m", "rex", "build", str(root), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (site / "practices" / "img" / "plan.png").read_bytes() == b"\x89PNG"
    assert not (site / "practices" / "a").exists()


def test_data_files_rex_reads_are_not_copied_into_a_site(
    write_tree: WriteTree, tmp_path: Path
) -> None:
    files: dict[str, str | bytes] = {
        **MINIMAL,
        "results/voirie.csv": "indicator;service;period;value\n",
        "vocabulary.yml": "themes: []\n",
        "img/plan.png": b"\x89PNG",
    }
    root = write_tree(files)
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "rex", "build", str(root), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (site / "img" / "plan.png").is_file()
    assert not (site / "results").exists()
    assert not (site / "vocabulary.yml").exists()
