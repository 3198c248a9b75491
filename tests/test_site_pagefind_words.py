"""The page of missing words of each index of the site search (`rex.site.pagefind_words`)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rex.site.pagefind import FILLER_URL, SHARDS_FILE, SearchRecord, write_bundle
from rex.site.pagefind_service import Service
from rex.site.pagefind_words import missing_keys, word_keys


def test_the_keys_of_words_are_read_from_pagefind_itself() -> None:
    words = ["restaurants", "délais", "Délai", "pré-requis", "...", "beta", "l'eau", "beta"]
    with Service(None) as service:
        keys = word_keys(service, words, "fr")
    assert keys == [
        {"restaur"},
        {"del"},  # accents folded, then stemmed
        {"del"},
        {"prerequ", "pre", "requ"},  # a compound word and its parts
        set(),
        {"bet"},
        {"leau", "eau"},
        {"bet"},
    ]


def _matched(keys: set[str], query: str) -> set[str]:
    """The keys Pagefind's search uses for ``query`` in an index of ``keys``: those that
    extend it, or else the longest that it extends (``find_word_extensions``)."""
    extending = {k for k in keys if k.startswith(query)}
    if extending:
        return extending
    shorter = [k for k in keys if query.startswith(k)]
    return {max(shorter, key=len)} if shorter else set()


KEYS = st.sets(st.text("abc", min_size=1, max_size=4), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(KEYS, min_size=2, max_size=5), st.lists(st.text("abcd", max_size=5)))
def test_each_index_with_its_missing_keys_answers_as_one_index_of_every_record(
    own: list[set[str]], queries: list[str]
) -> None:
    every = set().union(*own)
    missing = missing_keys(own)
    prefixes = {k[:n] for k in every for n in range(1, len(k) + 1)}
    for query in [*prefixes, *queries]:
        expected = _matched(every, query)
        for keys, extra in zip(own, missing, strict=True):
            assert extra <= every - keys
            # The keys of the missing page find only that page: what is left are the
            # index's own records, which must be those one index would have found.
            assert _matched(keys | extra, query) & keys == expected & keys


def test_an_index_lacking_a_word_that_another_starts_gets_it(tmp_path: Path) -> None:
    texts = ["rest", "restaurants", "cantine", "rest", "cantines scolaires", "restaurants"]
    records = [SearchRecord(f"r/{n}/", text, {"title": text}) for n, text in enumerate(texts)]
    bundle = tmp_path / "pagefind"
    write_bundle(records, bundle, shard_size=3)
    manifest = json.loads((bundle / SHARDS_FILE).read_text(encoding="utf-8"))
    # Index 0 holds "rest" (records 0 and 3) but not "restaurants": a query "restaurants"
    # would find "rest" there. Its page of missing words gives it the key "restaur".
    assert len(manifest["fillers"]) == 1
    (filler,) = manifest["fillers"]
    page = json.loads(
        gzip.decompress((bundle / "fragment" / f"{filler}.pf_fragment").read_bytes())[12:]
    )
    assert page["url"].strip("/") == FILLER_URL.strip("/")
    assert page["content"].split() == ["restaurants"]


def test_the_parts_of_a_word_in_camel_case_count_as_the_index_s_own(tmp_path: Path) -> None:
    # Pagefind indexes "GitLab" as gitlab, git and lab: "laboratoire" would find it through
    # "lab" in the index that lacks "laboratoire", unless that index gets it.
    texts = ["GitLab", "laboratoire"]
    records = [SearchRecord(f"r/{n}/", text, {"title": text}) for n, text in enumerate(texts)]
    bundle = tmp_path / "pagefind"
    write_bundle(records, bundle, shard_size=1)
    manifest = json.loads((bundle / SHARDS_FILE).read_text(encoding="utf-8"))
    (filler,) = manifest["fillers"]
    data = gzip.decompress((bundle / "fragment" / f"{filler}.pf_fragment").read_bytes())
    assert json.loads(data[12:])["content"].split() == ["laboratoire"]
