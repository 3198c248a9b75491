"""rex export: the files it writes, read back with json and csv."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import rex
from rex.cli import cli
from rex.export import write_csv

from .conftest import MINIMAL, WriteTree

CHILD = {
    "services/voirie-nord.md": """\
        ---
        title: Voirie nord ; secteur « Bellevue »
        parent: voirie
        tags: [voirie, nord]
        extra: {code_analytique: 812}
        ---
        Une ligne.
        Une deuxième, avec "guillemets", virgule.
        """,
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture
def root(write_tree: WriteTree) -> Path:
    return write_tree(MINIMAL | CHILD)


def test_json_is_keyed_by_kind_with_relations_both_ways(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    code, _ = run("export", str(root), "--out", str(out))
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["services", "indicators", "practices", "rex", "actions"]
    assert [r["id"] for r in data["services"]] == ["voirie", "voirie-nord"]
    practice = data["practices"][0]
    assert practice == {
        "kind": "practices",
        "id": "priorisation-des-demandes",
        "path": "practices/priorisation-des-demandes.md",
        "front_matter": {
            "title": "Priorisation des demandes",
            "tags": [],
            "visibility": "internal",
            "extra": {},
            "summary": "Une grille partagée pour classer les demandes.",
            "status": "validated",
            "services": ["voirie"],
            "indicators": ["delai-moyen-intervention"],
            "owner": None,
            "created": "2024-01-10",
            "updated": "2024-06-01",
            "review_by": "2030-01-01",
        },
        "body": "## Description\nLes demandes sont classées selon une échelle commune.\n",
        "outgoing": {"services": ["voirie"], "indicators": ["delai-moyen-intervention"]},
        "incoming": {"rex": ["grille-voirie-2024"], "actions": []},
    }
    voirie = data["services"][0]
    assert voirie["incoming"] == {
        "services": ["voirie-nord"],
        "indicators": ["delai-moyen-intervention"],
        "practices": ["priorisation-des-demandes"],
        "rex": ["grille-voirie-2024"],
        "actions": [],
    }
    measure = data["rex"][0]["front_matter"]["measures"][0]
    assert measure == {
        "indicator": "delai-moyen-intervention",
        "before": 12.0,
        "after": 7.0,
        "period": None,
        "note": None,
    }
    assert data["rex"][0]["outgoing"]["indicators"] == ["delai-moyen-intervention"]
    assert data == rex.export_records(rex.load(root))


def test_jsonl_has_one_record_per_line_and_kind_filter(root: Path) -> None:
    code, out = run("export", str(root), "--format", "jsonl", "--kind", "service", "--kind", "rex")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(r["kind"], r["id"]) for r in lines] == [
        ("services", "voirie"),
        ("services", "voirie-nord"),
        ("rex", "grille-voirie-2024"),
    ]
    assert lines[1]["front_matter"]["extra"] == {"code_analytique": 812}


def test_csv_one_file_per_kind(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    code, _ = run("export", str(root), "--format", "csv", "--out", str(out))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "actions.csv",
        "indicators.csv",
        "measures.csv",
        "practices.csv",
        "rex.csv",
        "services.csv",
        "targets.csv",
        "updates.csv",
    ]

    def read(name: str) -> list[dict[str, str]]:
        with (out / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    services = read("services.csv")
    child = services[1]
    assert child["title"] == "Voirie nord ; secteur « Bellevue »"
    assert child["tags"] == "voirie;nord"
    assert json.loads(child["extra"]) == {"code_analytique": 812}
    assert child["outgoing.services"] == "voirie"
    assert child["body"] == 'Une ligne.\nUne deuxième, avec "guillemets", virgule.\n'
    assert services[0]["incoming.services"] == "voirie-nord"
    assert services[0]["parent"] == ""
    rex_rows = read("rex.csv")
    assert "measures" not in rex_rows[0]
    assert rex_rows[0]["lessons"] == "Associer les agents dès le début."
    assert read("measures.csv") == [
        {
            "rex": "grille-voirie-2024",
            "indicator": "delai-moyen-intervention",
            "before": "12.0",
            "after": "7.0",
            "period": "",
            "note": "",
        }
    ]
    assert read("practices.csv")[0]["incoming.rex"] == "grille-voirie-2024"


def test_never_overwrites_without_force(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_text("précieux", encoding="utf-8")
    code, out = run("export", str(root), "--out", str(target))
    assert code == 1
    assert "already exists" in out and "--force" in out
    assert target.read_text(encoding="utf-8") == "précieux"
    assert run("export", str(root), "--out", str(target), "--force")[0] == 0
    assert "services" in json.loads(target.read_text(encoding="utf-8"))


def test_csv_folder_rules(root: Path, tmp_path: Path) -> None:
    code, out = run("export", str(root), "--format", "csv")
    assert code == 1 and "csv export needs --out" in out
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "notes.txt").write_text("à garder", encoding="utf-8")
    code, out = run("export", str(root), "--format", "csv", "--out", str(folder))
    assert code == 1 and "already exists" in out
    code, out = run("export", str(root), "--format", "csv", "--out", str(folder), "--force")
    assert code == 1 and "not CSV" in out
    assert (folder / "notes.txt").exists()
    (folder / "notes.txt").unlink()
    (folder / "old.csv").write_text("x", encoding="utf-8")
    assert run("export", str(root), "--format", "csv", "--out", str(folder), "--force")[0] == 0
    assert not (folder / "old.csv").exists()
    assert (folder / "services.csv").exists()


def test_bad_kind_and_broken_records(write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL | {"services/casse.md": "---\ntitle: [\n---\n"})
    code, out = run("export", str(root), "--kind", "pratique")
    assert code == 2 and "unknown kind 'pratique'" in out
    code, out = run("export", str(root), "--kind", "services")
    assert code == 0
    assert "records with errors were left out" in out
    assert '"casse"' not in out


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(min_size=3, max_size=40).filter(lambda t: len(t.strip()) >= 3),
    body=st.text(max_size=80),
    tags=st.lists(st.text(alphabet=st.characters(exclude_characters=";"), min_size=1), max_size=3),
)
def test_csv_round_trips_any_text(title: str, body: str, tags: list[str]) -> None:
    tags = [t for t in tags if t.strip()]
    service = rex.Service(
        id="voirie",
        path=Path("services/voirie.md"),
        relpath="services/voirie.md",
        title=title,
        body=body,
        tags=tags,
    )
    corpus = rex.Corpus(Path("content"), [service], rex.Report())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "csv"
        write_csv(rex.export_records(corpus), out, force=False)
        with (out / "services.csv").open(encoding="utf-8", newline="") as handle:
            (row,) = csv.DictReader(handle)
    assert row["title"] == service.title
    assert row["body"] == body
    assert (row["tags"].split(";") if service.tags else []) == service.tags
