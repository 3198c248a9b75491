"""`rex new` guided: asks in the user's language, re-asks a bad answer, writes a valid record."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import rex
from rex.cli import cli

from .conftest import MINIMAL, WriteTree


def _new(*args: str, answers: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input="\n".join(answers) + "\n")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def _errors(root: Path) -> list[str]:
    return [f"{d.code}: {d.message}" for d in rex.load(root).report]


def test_practice_in_french_re_asks_bad_answers_and_validates(write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL)
    answers = [
        "Peser les restes",  # title
        "x" * 301,  # summary: too long, asked again
        "Une pesée quotidienne des restes, partagée avec la cuisine.",
        "brouillon",  # status: not a choice, asked again
        "draft",
        "voiri",  # services: unknown id, asked again
        "voirie",
        "delai-moyen-intervention",
    ]
    code, out = _new(
        "--lang", "fr", "new", "practice", "pesee-restes", str(root), "-i", answers=answers
    )
    assert code == 0, out
    assert "Titre\u202f: " in out and "Existants (service)\u202f: voirie" in out
    assert "au plus 300 caractères" in out
    assert "service «\u202fvoiri\u202f» introuvable" in out and "«\u202fvoirie\u202f»" in out
    text = (root / "practices" / "pesee-restes.md").read_text(encoding="utf-8")
    assert 'title: "Peser les restes"' in text and 'services: ["voirie"]' in text
    assert "## Description" in text  # the template's headings stay
    assert _errors(root) == []


def test_rex_in_english_asks_dates_choices_and_lessons(write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL)
    answers = [
        "Grille de priorisation à Castelbrune",
        "2025-13-40",  # date: not a date, asked again
        "2025-03-01",
        "validated",
        "success",
        "voirie",
        "Une grille partagée évite les arbitrages au cas par cas.",
        "Mesurer avant de changer.",
        "",  # end of lessons
    ]
    code, out = _new("new", "rex", "grille-castelbrune", str(root), "-i", answers=answers)
    assert code == 0, out
    assert "Title: " in out and "one per line" in out
    text = (root / "rex" / "grille-castelbrune.md").read_text(encoding="utf-8")
    assert "date: 2025-03-01" in text and 'outcome: "success"' in text
    assert 'lessons: ["Une grille partagée évite les arbitrages au cas par cas.", ' in text
    assert _errors(root) == []


def test_title_given_is_not_asked_again(write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL)
    answers = ["Le délai moyen d'appel", "secondes", "decrease"]
    args = ("new", "indicator", "delai-appel", str(root), "-i", "--title", "Délai d'appel")
    code, out = _new(*args, answers=answers)
    assert code == 0, out
    assert "Title" not in out
    text = (root / "indicators" / "delai-appel.md").read_text(encoding="utf-8")
    assert 'title: "Délai d\'appel"' in text and 'direction: "decrease"' in text
    assert _errors(root) == []


def test_without_a_terminal_nothing_is_asked(write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL)
    result = CliRunner().invoke(cli, ["new", "practice", "sans-question", str(root)], input="")
    assert result.exit_code == 0, result.output
    assert "Title" not in result.output and result.output.startswith("Created ")
    assert (root / "practices" / "sans-question.md").is_file()


def test_a_taken_id_is_refused_before_any_question(write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL)
    code, out = _new("new", "service", "voirie", str(root), "-i", answers=[])
    assert code == 1 and "already exists" in out and "Title" not in out
