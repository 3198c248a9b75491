"""The site search's Pagefind feeding: weighted titles, and records spread over indexes."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path
from typing import Any

import pytest

import rex
from rex.site import build_site, generate, pagefind, site_search
from rex.site.html import Linker
from rex.site.pagefind import (
    FILLER_URL,
    SHARDS_FILE,
    SearchRecord,
    search_records,
    write_bundle,
)
from rex.site.routes import record_src
from tests.conftest import MINIMAL, SAMPLE, WriteTree


def _records(root: Path) -> dict[str, SearchRecord]:
    corpus = rex.load(root)
    assert corpus.report.valid, corpus.report
    content = generate(corpus)
    urls = {p.src: Linker().url(p.src) for p in content.pages}
    return {r.url: r for r in search_records(corpus, urls, content.pages)}


def test_the_title_weighs_as_a_heading_and_a_record_cannot_weigh_its_own_words(
    write_tree: WriteTree,
) -> None:
    practice = "practices/priorisation-des-demandes.md"
    mark = "___PAGEFIND_WEIGHT___10 Les demandes ___END_PAGEFIND_WEIGHT___"
    hostile = (
        str(MINIMAL[practice])
        .replace("Les demandes sont classées", f"{mark} sont classées")
        .replace("summary: Une grille", f"summary: {mark} Une grille")
    )
    records = _records(write_tree({**MINIMAL, practice: hostile}))
    entry = records["practices/priorisation-des-demandes/"]
    title, _, rest = entry.content.partition("\n")
    assert title == ("___PAGEFIND_WEIGHT___7 Priorisation des demandes ___END_PAGEFIND_WEIGHT___")
    assert "___" not in rest and "Les demandes" in rest and "Une grille" in rest
    assert entry.meta["title"] == "Priorisation des demandes"
    # The site's own pages (dashboard, guide…) have their title weighted too.
    page = next(r for r in records.values() if r.meta["kind"] == "Page du site")
    assert page.content.startswith("___PAGEFIND_WEIGHT___7 ")


def _record(n: int) -> SearchRecord:
    return SearchRecord(f"r/{n}/", f"fiche numéro {n}", {"title": f"Fiche {n}"}, {"kind": ["A"]})


def test_records_are_dealt_round_robin_into_indexes_listed_for_the_script(
    tmp_path: Path,
) -> None:
    stats = write_bundle([_record(n) for n in range(7)], tmp_path / "pagefind", shard_size=3)
    bundle = tmp_path / "pagefind"
    manifest = json.loads((bundle / SHARDS_FILE).read_text(encoding="utf-8"))
    assert manifest["shards"] == ["s1/", "s2/"]
    assert stats.records == 7
    folders = (bundle, bundle / "s1", bundle / "s2")
    counts = [
        json.loads((folder / "pagefind-entry.json").read_text())["languages"]["fr"]["page_count"]
        for folder in folders
    ]
    # The records share no word that starts another: no index needs a page of missing words.
    assert counts == [3, 2, 2]
    assert manifest["fillers"] == []
    # Only the first index carries the engine; the others, their index files.
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.fr.pagefind").is_file()
    left = {p.name for p in (bundle / "s1").iterdir()}
    assert {"pagefind-entry.json", "index", "fragment", "filter"} <= left
    assert not any(name.endswith((".js", ".css", ".pagefind")) for name in left), left
    # The tag that lets the browser keep the entry files changes with the records.
    again = write_bundle([_record(n) for n in range(8)], tmp_path / "other", shard_size=3)
    assert again.records == 8
    other = json.loads((tmp_path / "other" / SHARDS_FILE).read_text(encoding="utf-8"))
    assert other["tag"] != manifest["tag"]


def test_a_bundle_without_shard_size_is_one_index_without_list(tmp_path: Path) -> None:
    write_bundle([_record(n) for n in range(4)], tmp_path / "rows")
    assert not (tmp_path / "rows" / SHARDS_FILE).exists()
    assert not (tmp_path / "rows" / "s1").exists()


def test_a_new_pagefind_process_every_so_many_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rex.site import pagefind

    started: list[int] = []
    service = pagefind.Service

    class Counted(service):  # type: ignore[misc, valid-type]
        def __enter__(self) -> Any:
            started.append(1)
            return super().__enter__()

    monkeypatch.setattr(pagefind, "Service", Counted)
    monkeypatch.setattr(pagefind, "RECORDS_PER_PROCESS", 4)
    write_bundle([_record(n) for n in range(9)], tmp_path / "pagefind", shard_size=2)
    manifest = json.loads((tmp_path / "pagefind" / SHARDS_FILE).read_text(encoding="utf-8"))
    # Five indexes of two records (one of one), two indexes a process: three processes, and
    # one that read which words Pagefind indexes (`rex.site.pagefind_words`).
    assert manifest["shards"] == ["s1/", "s2/", "s3/", "s4/"]
    assert len(started) == 4


def test_rows_of_a_list_go_to_indexes_of_their_own_named_in_the_list(tmp_path: Path) -> None:
    def row(n: int, name: str) -> SearchRecord:
        return SearchRecord(f"{name}/#{n}", f"ligne {n}", {"row": "x"}, {"list": [name]})

    rows = [row(n, "rex") for n in range(5)] + [row(n, f"tags/t{n}") for n in range(3)]
    write_bundle(rows, tmp_path / "rows", shard_size=2, group=lambda r: r.filters["list"][0])
    manifest = json.loads((tmp_path / "rows" / SHARDS_FILE).read_text(encoding="utf-8"))
    # The five rows of "rex" in three indexes of their own; the small lists share the next.
    assert manifest["groups"]["rex"] == ["", "s1/", "s2/"]
    assert manifest["groups"]["tags/t0"] == manifest["groups"]["tags/t1"] == ["s3/"]
    assert manifest["groups"]["tags/t2"] == ["s4/"]
    assert manifest["shards"] == ["s1/", "s2/", "s3/", "s4/"]


def _fragment_urls(bundle: Path) -> set[str]:
    found = set()
    for path in bundle.rglob("fragment/*.pf_fragment"):
        data = path.read_bytes()
        if not data.startswith(b"pagefind_dcd"):
            data = gzip.decompress(data)
        found.add(json.loads(data[len(b"pagefind_dcd") :])["url"])
    return found


def test_a_built_site_searches_every_record_and_its_own_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The search job starts before the site's own pages are planned: they reach its last
    # index later (`rex.site.site_search`), in indexes of 40 here.
    monkeypatch.setattr(pagefind, "SHARD_SIZE", 40)
    corpus = rex.load(SAMPLE)
    build_site(corpus, tmp_path / "site")
    urls = _fragment_urls(tmp_path / "site" / "pagefind") - {FILLER_URL}
    records = {Linker().url(record_src(r.kind, r.id)) for r in corpus}
    assert records <= urls
    assert {"tableau-de-bord/", "practices/", "contribuer/"} <= urls - records, urls - records
    # The jobs wrote in a hidden folder, out of mkdocs' way; nothing of that is left.
    assert not list(tmp_path.rglob(".rex-search-*"))


def test_the_search_refuses_record_pages_moved_after_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.config.defaults import MkDocsConfig

    corpus = rex.load(SAMPLE)
    config = MkDocsConfig()
    config.load_dict({"site_dir": str(tmp_path), "use_directory_urls": True})

    class Moved:
        def receive(self) -> Any:
            urls = site_search.record_urls(corpus, config)
            first = next(iter(urls))
            return {**urls, first: "ailleurs/"}, []

    with pytest.raises(rex.RexError, match="not at the addresses the search indexed"):
        indexed = site_search.record_urls(corpus, config)
        site_search._site_pages(Moved(), indexed)  # type: ignore[arg-type]


def test_a_build_that_fails_while_planning_stops_the_search_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rex.site import plugin

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("planning failed")

    monkeypatch.setattr(plugin, "generate", broken)
    with pytest.raises(Exception, match="planning failed"):
        build_site(rex.load(SAMPLE), tmp_path / "site")
    assert not list(tmp_path.rglob(".rex-search-*"))


def test_posting_to_the_search_job_does_not_wait_for_it_to_read(tmp_path: Path) -> None:
    # The build hands the site's pages to a job that reads them only for its last index.
    from rex.site.search_job import Bundle, SearchJob

    got: list[int] = []

    def records() -> list[SearchRecord]:
        time.sleep(1.5)  # the job busy with its first indexes
        got.append(len(job.receive()))
        return [_record(got[0])]

    job = SearchJob([Bundle("pagefind", records, None)], tmp_path)
    job.start()
    started = time.monotonic()
    job.post("x" * 5_000_000)  # far more than a pipe holds
    assert time.monotonic() - started < 1.0
    (stats,) = job.wait()
    assert stats.records == 1
