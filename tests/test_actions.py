"""The actions kind: links both ways, rules between dates, the French template."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import rex
from rex.models import Action, ActionStatus, Kind
from rex.scaffold import new_record

from .conftest import MINIMAL, WriteTree

ACTION = """\
    ---
    title: Diffuser la grille de priorité
    services: [voirie]
    status: {status}
    owner: Chef du service voirie
    due: 2025-06-30
    done: {done}
    indicators: [delai-moyen-intervention]
    practices: [priorisation-des-demandes]
    origin: complaint
    priority: high
    updates:
      - date: 2025-02-01
        note: Grille présentée aux équipes.
    ---
    """
REX_WITH_ACTION = MINIMAL["rex/grille-voirie-2024.md"].replace(  # type: ignore[union-attr]
    "practices: [priorisation-des-demandes]",
    "practices: [priorisation-des-demandes]\n        actions: [grille]",
)


def test_an_action_links_both_ways(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            **MINIMAL,
            "actions/grille.md": ACTION.format(status="done", done="2025-05-15"),
            "rex/grille-voirie-2024.md": REX_WITH_ACTION,
        }
    )
    corpus = rex.load(root, today=dt.date(2026, 1, 1))
    assert corpus.report.valid, corpus.report.to_dict()
    action = corpus.actions["grille"]
    assert action.status is ActionStatus.DONE and action.updates[0].note.startswith("Grille")
    assert [r.id for r in corpus.incoming(action, Kind.REX)] == ["grille-voirie-2024"]
    practice = corpus.practices["priorisation-des-demandes"]
    assert [a.id for a in corpus.incoming(practice, "action")] == ["grille"]
    assert [r.id for r in corpus.outgoing(corpus.rex["grille-voirie-2024"], "actions")] == [
        "grille"
    ]


def test_overdue_only_while_open(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            **MINIMAL,
            "actions/ouverte.md": ACTION.format(status="in-progress", done="null"),
            "actions/finie.md": ACTION.format(status="done", done="2025-07-02"),
        }
    )
    actions = rex.load(root).actions
    assert isinstance(actions["ouverte"], Action)
    assert actions["ouverte"].overdue(dt.date(2025, 7, 1))
    assert not actions["ouverte"].overdue(dt.date(2025, 6, 30))
    assert not actions["finie"].overdue(dt.date(2025, 7, 1))


def test_new_action_template_validates(minimal_corpus: Path) -> None:
    path = new_record(minimal_corpus, "action", "rappel-usagers", "Rappeler les usagers")
    text = path.read_text(encoding="utf-8")
    assert path == minimal_corpus / "actions" / "rappel-usagers.md"
    assert "# Statut : planned (prévue)" in text and "Existants : voirie" in text
    corpus = rex.load(minimal_corpus)
    assert corpus.report.ok(strict=True), corpus.report.to_dict()
    action = corpus.actions["rappel-usagers"]
    assert action.title == "Rappeler les usagers" and action.services == ["voirie"]
    assert action.indicators == ["delai-moyen-intervention"] and action.due is not None


def test_actions_are_searched_with_a_kind_facet(write_tree: WriteTree, tmp_path: Path) -> None:
    root = write_tree(
        {**MINIMAL, "actions/grille.md": ACTION.format(status="planned", done="null")}
    )
    rex.build_index(rex.load(root), tmp_path / "index")
    with rex.open_index(tmp_path / "index") as index:
        result = index.search("grille")
        assert result.facets["kind"]["actions"] == 1
        assert [h.id for h in index.search("présentée", kind="action").hits] == ["grille"]
        facets = index.search("grille", kind="action").facets
        assert facets["indicators"] == {"delai-moyen-intervention": 1}
        assert facets["status"] == {"planned": 1}
        assert [
            h.id for h in index.search("practice:priorisation-des-demandes kind:action").hits
        ] == ["grille"]
