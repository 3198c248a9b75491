"""The documented Python API: only names from `rex.__all__`, as the README shows them."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import rex
from rex import (
    Corpus,
    HealthReport,
    Hit,
    IndexStats,
    Indicator,
    Kind,
    Outcome,
    Practice,
    Rex,
    RexError,
    SearchResult,
    Status,
    build_index,
    export_records,
    health_report,
    load,
    open_index,
)

from .conftest import MINIMAL, ROOT, WriteTree

README = (ROOT / "README.md").read_text(encoding="utf-8")
API_SECTION = README[README.index("## Python API") :]


def test_every_public_name_is_documented_and_has_a_docstring() -> None:
    rows = [line for line in API_SECTION.splitlines() if line.startswith("| `rex.")]
    documented = {m for row in rows for m in re.findall(r"`rex\.([A-Za-z_]+)", row.split("|")[1])}
    assert set(rex.__all__) <= documented
    assert documented == set(rex.__all__)
    for name in rex.__all__:
        assert getattr(rex, name).__doc__, name


def test_the_readme_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    code = re.search(r"```python\n(.*?)```", API_SECTION, re.S)
    assert code is not None
    monkeypatch.chdir(ROOT)
    exec(compile(code.group(1), "README.md", "exec"), {})


def test_load_relations_report_and_export(minimal_corpus: Path) -> None:
    corpus = load(minimal_corpus, today=dt.date(2026, 1, 15))
    assert isinstance(corpus, Corpus) and corpus.valid and len(corpus) == 4
    practice = corpus.practices["priorisation-des-demandes"]
    assert isinstance(practice, Practice) and practice.status is Status.VALIDATED
    indicator = corpus.get(Kind.INDICATOR, "delai-moyen-intervention")
    assert isinstance(indicator, Indicator) and indicator.better(12, 7) is True
    assert corpus.outgoing(practice, Kind.INDICATOR) == [indicator]
    (one_rex,) = corpus.incoming(practice, Kind.REX)
    assert isinstance(one_rex, Rex) and one_rex.outcome is Outcome.SUCCESS
    assert corpus.related(indicator, "rex") == [one_rex]

    report = health_report(corpus, dt.date(2026, 1, 15))
    assert isinstance(report, HealthReport)
    assert report.gaps.practices_without_rex == []
    (stats,) = report.indicators
    assert (stats.measures, stats.improved, stats.median_change) == (1, 1, -5.0)
    assert json.loads(report.to_json()) == report.to_dict()

    data = export_records(corpus, kinds=["rex"])
    assert list(data) == ["rex"]
    assert data["rex"][0]["outgoing"]["practices"] == ["priorisation-des-demandes"]


def test_rex_error_for_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(RexError, match="no such folder"):
        load(tmp_path / "absent")


def test_bad_records_are_diagnostics_not_exceptions(write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL | {"practices/casse.md": "---\ntitle: [\n---\n"})
    corpus = load(root)
    assert not corpus.report.valid
    (error,) = corpus.report.errors
    assert error.code == "yaml-syntax"
    assert error.path.endswith("practices/casse.md")
    assert "casse" not in corpus.practices


def test_build_and_search_an_index(minimal_corpus: Path, tmp_path: Path) -> None:
    corpus = load(minimal_corpus)
    stats = build_index(corpus, tmp_path / "index")
    assert isinstance(stats, IndexStats) and stats.added == 4
    assert build_index(corpus, tmp_path / "index").changed is False
    with open_index(tmp_path / "index") as index:
        result = index.search("delais", kind="indicator")
    assert isinstance(result, SearchResult) and result.total == 1
    (hit,) = result.hits
    assert isinstance(hit, Hit)
    assert (hit.kind, hit.id) == ("indicators", "delai-moyen-intervention")
