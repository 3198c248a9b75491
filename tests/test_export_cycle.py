"""`rex export`: actions like every kind, and `--kind results` for the measurements."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

import rex
from rex.cli import cli
from rex.export import export_results, results_table

from .conftest import MINIMAL, WriteTree

ROWS = (
    "\ufeffindicateur;service;période;valeur;lieu;commentaire\r\n"
    'delai-moyen-intervention;voirie;2025-T2;1 250,5;Annexe nord;=HYPERLINK("x")\r\n'
    "delai-moyen-intervention;voirie;2025-T1;4;;\r\n"
)
ACTION = """\
    ---
    title: Recalibrer la grille
    services: [voirie]
    status: planned
    owner: Chef du service voirie
    due: 2026-03-31
    updates:
      - date: 2025-12-01
        note: Inscrite au plan.
    ---
    """


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def corpus_root(write_tree: WriteTree) -> Path:
    return write_tree({**MINIMAL, "results/voirie.csv": ROWS, "actions/grille.md": ACTION})


def test_results_are_normalised(write_tree: WriteTree) -> None:
    rows = export_results(rex.load(corpus_root(write_tree)))
    assert rows == [
        {
            "indicator": "delai-moyen-intervention",
            "service": "voirie",
            "location": None,
            "period": "2025-Q1",
            "value": 4.0,
            "note": None,
            "source": None,
            "path": "results/voirie.csv",
        },
        {
            "indicator": "delai-moyen-intervention",
            "service": "voirie",
            "location": "Annexe nord",
            "period": "2025-Q2",
            "value": 1250.5,
            "note": '=HYPERLINK("x")',
            "source": None,
            "path": "results/voirie.csv",
        },
    ]
    table = results_table(rows)
    assert table[0][:5] == ["indicator", "service", "location", "period", "value"]
    assert table[1][3:5] == ["2025-Q1", "4"] and table[2][4] == "1250.5"


def test_cli_results_in_every_format(write_tree: WriteTree, tmp_path: Path) -> None:
    root = corpus_root(write_tree)
    code, out = run("export", str(root), "--kind", "results")
    assert code == 0 and json.loads(out)["results"] == export_results(rex.load(root))
    code, out = run("export", str(root), "--kind", "results", "--format", "jsonl")
    assert code == 0 and [json.loads(line)["period"] for line in out.splitlines()] == [
        "2025-Q1",
        "2025-Q2",
    ]
    folder = tmp_path / "csv"
    code, _ = run("export", str(root), "--kind", "results", "--format", "csv", "--out", str(folder))
    assert code == 0 and sorted(p.name for p in folder.iterdir()) == ["results.csv"]
    with (folder / "results.csv").open(encoding="utf-8", newline="") as handle:
        read = list(csv.DictReader(handle))
    assert [(r["period"], r["value"], r["location"]) for r in read] == [
        ("2025-Q1", "4", ""),
        ("2025-Q2", "1250.5", "Annexe nord"),
    ]
    code, out = run("export", str(root), "--kind", "results", "--kind", "rex")
    assert code == 2 and "cannot be combined" in out


def test_actions_are_exported_with_their_follow_up(write_tree: WriteTree, tmp_path: Path) -> None:
    root = corpus_root(write_tree)
    code, out = run("export", str(root), "--kind", "action")
    assert code == 0
    (action,) = json.loads(out)["actions"]
    assert action["front_matter"]["updates"] == [
        {"date": "2025-12-01", "note": "Inscrite au plan."}
    ]
    assert action["outgoing"] == {"services": ["voirie"], "indicators": [], "practices": []}
    assert action["incoming"] == {"rex": []}
    folder = tmp_path / "csv"
    assert run("export", str(root), "--format", "csv", "--out", str(folder))[0] == 0
    with (folder / "updates.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == [
            ["action", "date", "note"],
            ["grille", "2025-12-01", "Inscrite au plan."],
        ]
