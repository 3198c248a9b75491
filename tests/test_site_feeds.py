"""Atom feeds: valid for feedparser, newest first, capped, public-only, absolute with site_url."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import feedparser
import pytest

import rex
from rex.site import build_site, generate, public_corpus
from rex.site.feeds import CAP
from tests.conftest import MINIMAL, ROOT, WriteTree

MAIN = "feeds/nouveautes.xml"
VOIRIE = "feeds/services/voirie.xml"
HOSTILE = "Les <b>délais</b> & « réclamations » ]]> <!-- x -->"


def _rex(i: int, visibility: str = "public", service: str = "voirie") -> str:
    return f"""\
        ---
        title: Essai {i:02d}
        date: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}
        status: validated
        outcome: partial
        services: [{service}]
        lessons: [Leçon {i}]
        visibility: {visibility}
        ---
        """


def _corpus(write_tree: WriteTree, n: int = 60) -> rex.Corpus:
    files: dict[str, str | bytes] = dict(MINIMAL)
    files["services/voirie.md"] = "---\ntitle: Voirie\nvisibility: public\n---\n"
    files["services/espaces-verts.md"] = "---\ntitle: Espaces verts\nvisibility: public\n---\n"
    for i in range(n):
        files[f"rex/essai-{i:02d}.md"] = _rex(i, service="espaces-verts" if i % 2 else "voirie")
    files["rex/secret-2025.md"] = _rex(99, visibility="internal").replace(
        "Essai 99", "Secret interne"
    )
    files["rex/secret-2025.md"] = files["rex/secret-2025.md"].replace("2024-", "2025-")
    files["practices/hostile.md"] = f"""\
        ---
        title: '{HOSTILE}'
        summary: '{HOSTILE}'
        status: draft
        services: [voirie]
        indicators: [delai-moyen-intervention]
        created: 2023-01-01
        updated: 2025-06-01
        visibility: public
        ---
        """
    files["actions/planifiee.md"] = """\
        ---
        title: Action seulement planifiée
        services: [voirie]
        status: planned
        owner: Chef du service voirie
        due: 2030-01-01
        visibility: public
        ---
        """
    files["actions/suivie.md"] = """\
        ---
        title: Action suivie
        services: [voirie]
        status: in-progress
        owner: Chef du service voirie
        due: 2030-01-01
        started: 2024-02-01
        updates:
          - {date: 2024-03-01, note: Premier point.}
          - {date: 2025-07-14, note: Deuxième point.}
        visibility: public
        ---
        """
    corpus = rex.load(write_tree(files))
    assert corpus.report.valid, corpus.report
    return corpus


def _feeds(corpus: rex.Corpus, **kwargs: Any) -> dict[str, Any]:
    site = generate(corpus, **kwargs)
    found = {}
    for asset in site.assets:
        if asset.path.startswith("feeds/") and not asset.path.endswith("/sitemap.xml"):
            parsed = feedparser.parse(asset.content)
            assert parsed.bozo == 0, (asset.path, parsed.get("bozo_exception"))
            assert parsed.version == "atom10"
            found[asset.path] = parsed
    return found


def test_every_feed_is_valid_atom_newest_first_and_capped(write_tree: WriteTree) -> None:
    feeds = _feeds(_corpus(write_tree))
    assert set(feeds) == {
        MAIN,
        VOIRIE,
        "feeds/services/espaces-verts.xml",
    }
    main = feeds[MAIN]
    assert len(main.entries) == CAP == 50
    dates = [time.mktime(e.updated_parsed) for e in main.entries]
    assert dates == sorted(dates, reverse=True)
    first = main.entries[0]
    assert first.title == "Action suivie"  # its latest note, 2025-07-14, is the newest date
    assert first.updated.startswith("2025-07-14")
    assert first.summary == "Action en cours, pilote : Chef du service voirie. Deuxième point."
    assert first.id == "tag:localhost,2025:actions/suivie"
    assert first.tags[0].term == "actions" and first.tags[0].label == "Action"
    assert main.feed.updated.startswith("2025-07-14")
    for entry in main.entries:
        assert entry.id.startswith("tag:") and entry.title and entry.link and entry.summary
    # Only what has happened: an action with nothing but a due date is not news.
    titles = {e.title for f in feeds.values() for e in f.entries}
    assert "Action seulement planifiée" not in titles
    # Indicators and services carry no date: not in the feeds.
    assert not any("indicators/" in e.id or "services/" in e.id for e in main.entries)


def test_service_feeds_hold_the_records_naming_the_service(write_tree: WriteTree) -> None:
    feeds = _feeds(_corpus(write_tree))
    assert "rex/essai-00" not in [e.id.rpartition(":")[2] for e in feeds[MAIN].entries]  # cap
    voirie = feeds[VOIRIE]
    ids = [e.id.rpartition(":")[2] for e in voirie.entries]
    assert "practices/hostile" in ids and "rex/essai-00" in ids
    assert "rex/essai-01" not in ids  # espaces-verts
    assert all(int(i[-2:]) % 2 == 0 for i in ids if i.startswith("rex/essai-"))
    green = [e.id for e in feeds["feeds/services/espaces-verts.xml"].entries]
    assert green and all(i.endswith(("1", "3", "5", "7", "9")) for i in green)
    assert voirie.feed.title == "Nouveautés — Voirie"


def test_content_is_escaped_text(write_tree: WriteTree) -> None:
    corpus = _corpus(write_tree)
    site = generate(corpus)
    text = next(a.content for a in site.assets if a.path == VOIRIE)
    assert "<b>" not in text and "&lt;b&gt;" in text
    entry = next(e for e in _feeds(corpus)[VOIRIE].entries if e.id.endswith("hostile"))
    assert entry.title == HOSTILE
    assert entry.summary == HOSTILE


def test_relative_links_without_site_url(write_tree: WriteTree) -> None:
    feeds = _feeds(_corpus(write_tree))
    entry = next(e for e in feeds[MAIN].entries if e.id.endswith("rex/essai-11"))
    assert entry.link == "../rex/essai-11/"
    assert feeds[VOIRIE].feed.link == "../../services/voirie/"
    flat = _feeds(_corpus(write_tree), directory_urls=False)
    entry = next(e for e in flat[VOIRIE].entries if e.id.endswith("rex/essai-00"))
    assert entry.link == "../../rex/essai-00.html"


def test_absolute_links_and_ids_with_site_url(write_tree: WriteTree) -> None:
    feeds = _feeds(_corpus(write_tree), site_url="https://qualite.example.fr/rex/")
    main, voirie = feeds[MAIN], feeds[VOIRIE]
    entry = next(e for e in main.entries if e.id.endswith("rex/essai-11"))
    assert entry.link == "https://qualite.example.fr/rex/rex/essai-11/"
    assert entry.id == "tag:qualite.example.fr,2025:rex/rex/essai-11"
    links = {link.rel: link.href for link in voirie.feed.links}
    assert links == {
        "self": "https://qualite.example.fr/rex/feeds/services/voirie.xml",
        "alternate": "https://qualite.example.fr/rex/services/voirie/",
    }
    assert all(e.link.startswith("https://qualite.example.fr/rex/") for e in main.entries)


def test_public_feeds_hold_public_records_only(write_tree: WriteTree) -> None:
    corpus = _corpus(write_tree)
    everything = _feeds(corpus)
    assert any(e.title == "Secret interne" for e in everything[MAIN].entries)
    public = _feeds(public_corpus(corpus))
    for feed in public.values():
        assert all(e.title != "Secret interne" for e in feed.entries)
    # Records of MINIMAL are internal (the default): none of them in a public feed.
    assert not any(e.id.endswith("grille-voirie-2024") for f in public.values() for e in f.entries)
    assert any(e.id.endswith("grille-voirie-2024") for e in everything[MAIN].entries)


def test_pages_announce_the_feeds_in_their_head(tmp_path: Path, write_tree: WriteTree) -> None:
    corpus = rex.load(write_tree(MINIMAL))
    site = tmp_path / "site"
    build_site(corpus, site, config_file=ROOT / "rex" / "site" / "mkdocs_default.yml")
    home = (site / "index.html").read_text(encoding="utf-8")
    service = (site / "services" / "voirie" / "index.html").read_text(encoding="utf-8")
    main_link = (
        '<link rel="alternate" type="application/atom+xml" title="Nouveautés (Atom)" '
        'href="{}feeds/nouveautes.xml">'
    )
    head = home.partition("</head>")[0]
    assert main_link.format("") in head
    head = service.partition("</head>")[0]
    assert main_link.format("../../") in head
    assert 'title="Nouveautés de ce service (Atom)" href="../../feeds/services/voirie.xml"' in head
    assert "feeds/services" not in home
    assert feedparser.parse((site / VOIRIE).read_bytes()).bozo == 0
    # mkdocs-material fetches sitemap.xml beside each alternate link: an empty one is there.
    for folder in ("feeds", "feeds/services"):
        sitemap = (site / folder / "sitemap.xml").read_text(encoding="utf-8")
        assert "<urlset" in sitemap and "<url>" not in sitemap


def test_a_service_named_sitemap_keeps_its_feed(write_tree: WriteTree) -> None:
    files: dict[str, str | bytes] = {**MINIMAL, "services/sitemap.md": "---\ntitle: Plan\n---\n"}
    site = generate(rex.load(write_tree(files)))
    (text,) = [a.content for a in site.assets if a.path == "feeds/services/sitemap.xml"]
    assert feedparser.parse(text).feed.title == "Nouveautés — Plan"


@pytest.mark.parametrize("n", [0, 3])
def test_a_small_corpus_has_short_feeds(write_tree: WriteTree, n: int) -> None:
    feeds = _feeds(_corpus(write_tree, n))
    # The REX, and grille-voirie, secret, priorisation, hostile and suivie.
    assert len(feeds[MAIN].entries) == n + 5
