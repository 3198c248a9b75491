"""rex export: the files it writes, read back with json and csv."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rex
from rex.export import write_csv

from .conftest import MINIMAL, Invoke, WriteTree

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


def run(invoke: Invoke, *args: str) -> tuple[int, str]:
    result = invoke(*args)
    return result.exit_code, result.output


@pytest.fixture
def root(write_tree: WriteTree) -> Path:
    return write_tree(MINIMAL | CHILD)


def test_json_is_keyed_by_kind_with_relations_both_ways(
    invoke: Invoke, root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    code, _ = run(invoke, "export", str(root), "--out", str(out))
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["services", "indicators", "practices", "rex", "territories", "actions"]
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
            "themes": [],
            "approach": None,
            "links": [],
            "supersedes": [],
            "not_duplicate_of": [],
        },
        "body": "## Description\nLes demandes sont classées selon une échelle commune.\n",
        "outgoing": {
            "services": ["voirie"],
            "indicators": ["delai-moyen-intervention"],
            "practices": [],
        },
        "incoming": {"practices": [], "rex": ["grille-voirie-2024"], "actions": []},
        "superseded_by": [],
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


def test_jsonl_has_one_record_per_line_and_kind_filter(invoke: Invoke, root: Path) -> None:
    code, out = run(
        invoke, "export", str(root), "--format", "jsonl", "--kind", "service", "--kind", "rex"
    )
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(r["kind"], r["id"]) for r in lines] == [
        ("services", "voirie"),
        ("services", "voirie-nord"),
        ("rex", "grille-voirie-2024"),
    ]
    assert lines[1]["front_matter"]["extra"] == {"code_analytique": 812}


def test_csv_one_file_per_kind(invoke: Invoke, root: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    code, _ = run(invoke, "export", str(root), "--format", "csv", "--out", str(out))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "actions.csv",
        "indicators.csv",
        "measures.csv",
        "practices-links.csv",
        "practices.csv",
        "rex-links.csv",
        "rex.csv",
        "services.csv",
        "targets.csv",
        "territories.csv",
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
            "before": "12",
            "after": "7",
            "period": "",
            "note": "",
        }
    ]
    assert read("practices.csv")[0]["incoming.rex"] == "grille-voirie-2024"


def test_never_overwrites_without_force(invoke: Invoke, root: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_text("précieux", encoding="utf-8")
    code, out = run(invoke, "export", str(root), "--out", str(target))
    assert code == 1
    assert "already exists" in out and "--force" in out
    assert target.read_text(encoding="utf-8") == "précieux"
    assert run(invoke, "export", str(root), "--out", str(target), "--force")[0] == 0
    assert "services" in json.loads(target.read_text(encoding="utf-8"))


def test_csv_folder_rules(invoke: Invoke, root: Path, tmp_path: Path) -> None:
    code, out = run(invoke, "export", str(root), "--format", "csv")
    assert code == 1 and "csv export needs --out" in out
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "notes.txt").write_text("à garder", encoding="utf-8")
    code, out = run(invoke, "export", str(root), "--format", "csv", "--out", str(folder))
    assert code == 1 and "already exists" in out
    code, out = run(invoke, "export", str(root), "--format", "csv", "--out", str(folder), "--force")
    assert code == 1 and "not CSV" in out
    assert (folder / "notes.txt").exists()
    (folder / "notes.txt").unlink()
    (folder / "old.csv").write_text("x", encoding="utf-8")
    assert (
        run(invoke, "export", str(root), "--format", "csv", "--out", str(folder), "--force")[0] == 0
    )
    assert not (folder / "old.csv").exists()
    assert (folder / "services.csv").exists()


def test_bad_kind_and_broken_records(invoke: Invoke, write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL | {"services/casse.md": "---\ntitle: [\n---\n"})
    code, out = run(invoke, "export", str(root), "--kind", "pratique")
    assert code == 2 and "unknown kind 'pratique'" in out
    code, out = run(invoke, "export", str(root), "--kind", "services")
    assert code == 0
    assert "records with errors were left out" in out
    assert '"casse"' not in out


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(min_size=3, max_size=40).filter(lambda t: len(t.strip()) >= 3),
    body=st.text(max_size=80),
    tags=st.lists(
        # No lone surrogates: no UTF-8 file holds one, and a length check refuses them.
        st.text(
            alphabet=st.characters(exclude_characters=";", exclude_categories=["Cs"]),
            min_size=1,
            max_size=80,
        ),
        max_size=3,
    ),
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
    assert row["title"] == defused(service.title)
    assert row["body"] == defused(body)
    tags = defused(";".join(service.tags))
    assert tags == row["tags"]


def defused(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


FORMULAS = {
    "services/formules.md": """\
        ---
        title: '=HYPERLINK("http://x")'
        description: "+1"
        domain: "-2+3"
        tags: ["@SUM(A1)", "voirie"]
        ---
        =1+1
        """,
    "rex/negatif-2024.md": """\
        ---
        title: Une mesure négative
        date: 2024-09-30
        status: validated
        outcome: partial
        services: [voirie]
        measures:
          - indicator: delai-moyen-intervention
            before: -2.5
            after: -3
            note: "-2 jours"
        lessons: [Mesurer.]
        ---
        """,
}


def test_csv_defuses_formulas_and_keeps_numbers(
    invoke: Invoke, write_tree: WriteTree, tmp_path: Path
) -> None:
    root = write_tree(MINIMAL | FORMULAS)
    out = tmp_path / "csv"
    assert run(invoke, "export", str(root), "--format", "csv", "--out", str(out))[0] == 0
    with (out / "services.csv").open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["id"] == "formules")
    assert row["title"] == '\'=HYPERLINK("http://x")'
    assert row["description"] == "'+1"
    assert row["domain"] == "'-2+3"
    assert row["tags"] == "'@SUM(A1);voirie"
    assert row["body"] == "'=1+1\n"
    with (out / "measures.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["rex"]: r for r in csv.DictReader(handle)}
    assert rows["negatif-2024"]["before"] == "-2.5"
    assert rows["negatif-2024"]["after"] == "-3"
    assert rows["negatif-2024"]["note"] == "'-2 jours"
    assert rows["grille-voirie-2024"]["before"] == "12"


def test_json_export_is_strict_json(minimal_corpus: Path) -> None:
    from rex.export import format_json, format_jsonl

    data = rex.export_records(rex.load(minimal_corpus))
    data["rex"][0]["front_matter"]["measures"][0]["before"] = float("nan")
    with pytest.raises(ValueError, match="JSON compliant"):
        format_json(data)
    with pytest.raises(ValueError, match="JSON compliant"):
        format_jsonl(data)
