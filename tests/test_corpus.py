"""The Corpus: lookup by id, relations both ways, and what stays out of it."""

from __future__ import annotations

from pathlib import Path

import pytest

import rex
from rex import Kind

from .conftest import WriteTree


def test_lookup_and_relations(minimal_corpus: Path) -> None:
    corpus = rex.load(minimal_corpus)
    assert len(corpus) == 4
    indicator = corpus.indicators["delai-moyen-intervention"]
    practice = corpus.practices["priorisation-des-demandes"]
    report = corpus.rex["grille-voirie-2024"]
    voirie = corpus.services["voirie"]

    assert corpus.incoming(indicator, Kind.PRACTICE) == [practice]
    assert corpus.incoming(indicator, "rex") == [report]
    assert corpus.outgoing(indicator, Kind.SERVICE) == [voirie]
    assert corpus.incoming(practice, Kind.REX) == [report]
    assert corpus.outgoing(report) == [voirie, practice, indicator]
    assert corpus.related(voirie, Kind.INDICATOR) == [indicator]
    assert [r.id for r in corpus.incoming(voirie)] == [
        "delai-moyen-intervention",
        "priorisation-des-demandes",
        "grille-voirie-2024",
    ]
    assert (Kind.SERVICE, "voirie") in corpus
    assert corpus.get("services", "absent") is None


def test_record_fields_and_source(minimal_corpus: Path) -> None:
    corpus = rex.load(minimal_corpus)
    report = corpus.rex["grille-voirie-2024"]
    assert report.kind is Kind.REX
    assert report.relpath == "rex/grille-voirie-2024.md"
    assert report.path == minimal_corpus / "rex" / "grille-voirie-2024.md"
    assert report.body.lstrip().startswith("## Contexte")
    assert report.body_line == 15
    assert report.measures[0].before == 12
    assert report.outcome is rex.Outcome.SUCCESS
    assert len(report.digest) == 32
    assert corpus.position(report, ("measures", 0, "before")).line == 10
    indicator = corpus.indicators["delai-moyen-intervention"]
    assert indicator.better(12, 7) is True
    assert indicator.better(7, 12) is False
    assert indicator.better(7, 7) is None


def test_invalid_record_is_left_out_and_links_to_it_do_not_cascade(
    minimal_corpus: Path, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "practices/priorisation-des-demandes.md": """\
                ---
                title: Priorisation des demandes
                summary: Résumé.
                status: bientot
                services: [voirie]
                indicators: [delai-moyen-intervention]
                ---
                """
        }
    )
    corpus = rex.load(minimal_corpus)
    assert "priorisation-des-demandes" not in corpus.practices
    codes = [(Path(d.path).name, d.code) for d in corpus.report]
    # The REX that names the broken practice is not blamed for it.
    assert codes == [("priorisation-des-demandes.md", "invalid-choice")]
    assert corpus.rex["grille-voirie-2024"] is not None
    assert corpus.outgoing(corpus.rex["grille-voirie-2024"], Kind.PRACTICE) == []


def test_every_problem_of_every_file_in_one_run(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "services/aa.md": "---\ntitle: A\n---\n",
            "services/bb.md": "pas d'en-tête\n",
            "indicators/cc.md": "---\ntitle: Indicateur\nunit: '%'\n---\n",
        }
    )
    corpus = rex.load(root)
    assert sorted((Path(d.path).name, d.code) for d in corpus.report) == [
        ("aa.md", "invalid-value"),
        ("bb.md", "frontmatter-missing"),
        ("cc.md", "missing-key"),
        ("cc.md", "missing-key"),
    ]
    assert corpus.report.summary() == {"files": 3, "records": 0, "errors": 4, "warnings": 0}


def test_empty_folder_is_valid_but_warned_about(tmp_path: Path) -> None:
    corpus = rex.load(tmp_path)
    assert len(corpus) == 0
    assert corpus.valid
    [warning] = corpus.report.diagnostics
    assert (warning.code, warning.severity) == ("empty-corpus", rex.Severity.WARNING)
    assert not corpus.report.ok(strict=True)  # CI with --strict catches a wrong folder


def test_pointing_at_the_repository_suggests_its_content_folder(
    minimal_corpus: Path, tmp_path: Path
) -> None:
    report = rex.load(tmp_path).report  # minimal_corpus is tmp_path/content
    [warning] = [d for d in report if d.code == "empty-corpus"]
    assert warning.hint == f"did you mean '{minimal_corpus.as_posix()}'?"
    # Its records, one folder too deep, are each reported too.
    assert {d.code for d in report} == {"empty-corpus", "unknown-folder"}


def test_kinds_are_named_in_the_singular_or_the_plural(minimal_corpus: Path) -> None:
    corpus = rex.load(minimal_corpus)
    assert Kind("practice") is Kind("Practices") is Kind.PRACTICE
    assert corpus.records("practice") == corpus.records(Kind.PRACTICE)
    assert list(rex.export_records(corpus, kinds=["rex"])) == list(
        rex.export_records(corpus, kinds=[Kind.REX])
    )
    with pytest.raises(ValueError):
        Kind("pratique")
