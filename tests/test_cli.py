"""The validate, new and schema commands, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

import rex
from rex.cli import COMMANDS, cli
from rex.context import completeness

from .conftest import SAMPLE, Invoke, WriteTree

BROKEN = {
    "practices/cassee.md": """\
        ---
        title: Cassée
        summary: Un résumé.
        status: validated
        services: [voiri]
        indicators: [delai-moyen-intervention]
        ---
        """,
}
OVERDUE = {
    "practices/a-revoir.md": """\
        ---
        title: À revoir
        summary: Un résumé.
        status: validated
        services: [voirie]
        indicators: [delai-moyen-intervention]
        review_by: 2020-01-01
        ---
        """,
}


def run(invoke: Invoke, *args: str) -> tuple[int, str]:
    result = invoke(*args)
    return result.exit_code, result.output


def test_valid_corpus_exits_0(invoke: Invoke, minimal_corpus: Path) -> None:
    code, out = run(invoke, "validate", str(minimal_corpus))
    assert code == 0
    assert "4 valid records, 0 errors, 0 warnings" in out


def test_errors_exit_1_with_file_line_and_hint(
    invoke: Invoke, minimal_corpus: Path, write_tree: WriteTree
) -> None:
    write_tree(BROKEN)
    code, out = run(invoke, "validate", str(minimal_corpus))
    assert code == 1
    path = (minimal_corpus / "practices" / "cassee.md").as_posix()
    assert f"{path}:5:" in out
    assert "error[unknown-link] service 'voiri' does not exist" in out
    assert "did you mean 'voirie'?" in out


def test_warnings_pass_unless_strict(
    invoke: Invoke, minimal_corpus: Path, write_tree: WriteTree
) -> None:
    write_tree(OVERDUE)
    assert run(invoke, "validate", str(minimal_corpus), "--today", "2026-01-01")[0] == 0
    code, out = run(invoke, "validate", str(minimal_corpus), "--strict", "--today", "2026-01-01")
    assert code == 1
    assert "warning[review-overdue]" in out


def test_json_output_equals_the_library_report(
    invoke: Invoke, minimal_corpus: Path, write_tree: WriteTree
) -> None:
    write_tree(BROKEN | OVERDUE)
    code, out = run(
        invoke, "validate", str(minimal_corpus), "--format", "json", "--today", "2026-01-01"
    )
    assert code == 1
    data = json.loads(out)
    import datetime as dt

    assert data == rex.load(minimal_corpus, today=dt.date(2026, 1, 1)).report.to_dict()
    assert set(data) == {"diagnostics", "summary"}
    assert set(data["summary"]) == {"files", "records", "errors", "warnings"}
    assert data["summary"]["errors"] == 1 and data["summary"]["warnings"] == 1
    first = data["diagnostics"][0]
    assert set(first) == {"path", "line", "column", "severity", "code", "message", "hint"}


def test_github_format(invoke: Invoke, minimal_corpus: Path, write_tree: WriteTree) -> None:
    write_tree(BROKEN)
    code, out = run(invoke, "validate", str(minimal_corpus), "--format", "github")
    assert code == 1
    path = (minimal_corpus / "practices" / "cassee.md").as_posix()
    assert out.startswith(f"::error file={path},line=5,col=12,title=unknown-link::service 'voiri'")


@pytest.mark.parametrize(
    "args", [["validate", "--format", "xml"], ["validate", "--nope"], ["frobnicate"]]
)
def test_usage_errors_exit_2(invoke: Invoke, args: list[str], minimal_corpus: Path) -> None:
    assert run(invoke, *args)[0] == 2


def test_missing_folder_is_a_clear_error(invoke: Invoke, tmp_path: Path) -> None:
    code, out = run(invoke, "validate", str(tmp_path / "absent"))
    assert code == 1
    assert "no such folder" in out
    assert "Traceback" not in out


#: Every command that reads a corpus takes it the same way: a positional CONTENT.
TAKES_CONTENT = {
    "validate",
    "build",
    "index",
    "report",
    "export",
    "new",
    "search",
    "serve",
    "gaps",
    "similar",
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help(invoke: Invoke, name: str) -> None:
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    if command is None:
        pytest.fail(f"command {name} is declared but not implemented")
    code, out = run(invoke, name, "--help")
    assert code == 0
    assert "Usage: " in out
    usage = out.splitlines()[0]
    assert ("[CONTENT]" in usage) is (name in TAKES_CONTENT), usage
    arguments = [p.name for p in command.params if isinstance(p, click.Argument)]
    assert ("content" in arguments) is (name in TAKES_CONTENT)
    if name in TAKES_CONTENT:
        assert "CONTENT" in out.split("Options:")[0]  # the description says what it is


def test_sample_corpus_is_valid_and_strict(invoke: Invoke) -> None:
    code, out = run(invoke, "validate", str(SAMPLE), "--strict")
    assert code == 0, out
    corpus = rex.load(SAMPLE)
    assert len(corpus.services) >= 6
    assert len(corpus.indicators) >= 8
    assert len(corpus.practices) >= 12
    assert len(corpus.rex) >= 12
    outcomes = {r.outcome for r in corpus.rex.values()}
    assert outcomes == set(rex.Outcome)


# --- rex new ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["service", "indicator", "practice", "rex"])
def test_new_template_validates_in_a_corpus(
    invoke: Invoke, kind: str, minimal_corpus: Path
) -> None:
    code, out = run(invoke, "new", kind, "nouvelle-fiche", "--content", str(minimal_corpus))
    assert code == 0, out
    folder = rex.Kind[kind.upper()].value
    target = minimal_corpus / folder / "nouvelle-fiche.md"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    corpus = rex.load(minimal_corpus)
    assert corpus.report.diagnostics == []
    assert corpus.get(folder, "nouvelle-fiche") is not None


def test_new_rex_has_french_headings_and_title(invoke: Invoke, minimal_corpus: Path) -> None:
    run(
        invoke,
        "new",
        "rex",
        "essai",
        "--content",
        str(minimal_corpus),
        "--title",
        'Essai: "guillemets"',
    )
    text = (minimal_corpus / "rex" / "essai.md").read_text(encoding="utf-8")
    for heading in (
        "## Contexte",
        "## Objectifs",
        "## Actions menées",
        "## Résultats",
        "## Difficultés rencontrées",
        "## Facteurs de réussite",
        "## Pour reproduire",
    ):
        assert heading in text
    corpus = rex.load(minimal_corpus)
    assert corpus.rex["essai"].title == 'Essai: "guillemets"'
    # The placeholders do not count as written: the new sheet is all "À compléter".
    assert completeness(corpus.rex["essai"]).missing[:2] == (
        "section « Contexte »",
        "section « Objectifs »",
    )


def test_new_rex_context_keys_validate_once_uncommented(
    invoke: Invoke, minimal_corpus: Path
) -> None:
    run(invoke, "new", "rex", "essai", str(minimal_corpus))
    target = minimal_corpus / "rex" / "essai.md"
    keys = ("started", "budget", "staff", "partners", "funding", "context", "difficulties")
    keys += ("success_factors", "transferability", "contact", "contact_public")
    lines = target.read_text(encoding="utf-8").splitlines()
    commented = tuple(f"# {k}:" for k in keys)
    lines = [line[2:] if line.startswith(commented) else line for line in lines]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = rex.load(minimal_corpus)
    assert corpus.report.diagnostics == []
    record = corpus.rex["essai"]
    assert record.budget is not None and record.budget.currency == "EUR"
    assert record.staff is not None and record.staff.fte == 0.5
    assert record.started is not None and record.contact_public is False


def test_new_refuses_to_overwrite(invoke: Invoke, minimal_corpus: Path) -> None:
    target = minimal_corpus / "services" / "voirie.md"
    before = target.read_bytes()
    code, out = run(invoke, "new", "service", "voirie", "--content", str(minimal_corpus))
    assert code == 1
    assert "already exists" in out
    assert target.read_bytes() == before


def test_new_refuses_an_id_used_in_a_subfolder(
    invoke: Invoke, minimal_corpus: Path, write_tree: WriteTree
) -> None:
    write_tree({"services/technique/eclairage.md": "---\ntitle: Éclairage\n---\n"})
    code, _ = run(invoke, "new", "service", "eclairage", "--content", str(minimal_corpus))
    assert code == 1
    assert not (minimal_corpus / "services" / "eclairage.md").exists()


@pytest.mark.parametrize("bad", ["Voirie", "a", "deux--tirets", "accentué", "x_y"])
def test_new_rejects_bad_ids(invoke: Invoke, bad: str, tmp_path: Path) -> None:
    code, out = run(invoke, "new", "practice", bad, "--content", str(tmp_path))
    assert code == 2
    assert "not a valid id" in out
    assert not list(tmp_path.rglob("*.md"))


def test_new_rejects_unknown_kind(invoke: Invoke, tmp_path: Path) -> None:
    code, out = run(invoke, "new", "pratique", "x-y", "--content", str(tmp_path))
    assert code == 2
    assert "unknown kind" in out


# --- rex schema ------------------------------------------------------------------------


def test_schema_write_then_check(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    assert run(invoke, "schema", "--out", str(out), "--check")[0] == 1
    assert run(invoke, "schema", "--out", str(out))[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "action.schema.json",
        "indicator.schema.json",
        "practice.schema.json",
        "results.schema.json",
        "rex.schema.json",
        "service.schema.json",
        "territory.schema.json",
    ]
    assert run(invoke, "schema", "--out", str(out), "--check")[0] == 0
    (out / "rex.schema.json").write_text("{}", encoding="utf-8")
    code, text = run(invoke, "schema", "--out", str(out), "--check")
    assert code == 1
    assert "rex.schema.json: out of date" in text


def test_committed_schemas_are_in_sync(invoke: Invoke) -> None:
    schemas = Path(__file__).resolve().parent.parent / "schemas"
    assert run(invoke, "schema", "--out", str(schemas), "--check")[0] == 0
