"""Shared fixtures: small corpora written into tmp_path, and the bundled sample corpus."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from rex.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"

WriteTree = Callable[[dict[str, str | bytes]], Path]


class Invoke:
    """Run ``rex ARGS`` in-process (optionally from ``cwd``) and return click's result."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str | Path, cwd: Path | None = None) -> Result:
        if cwd is not None:
            self.monkeypatch.chdir(cwd)
        result = CliRunner().invoke(cli, [str(a) for a in args])
        # An exception other than the exit click raises is a crash: show its traceback.
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result


# A minimal valid corpus: one of each kind, linked together.
MINIMAL: dict[str, str | bytes] = {
    "services/voirie.md": """\
        ---
        title: Voirie
        description: Entretien des chaussées et trottoirs.
        ---
        Le service voirie.
        """,
    "indicators/delai-moyen-intervention.md": """\
        ---
        title: Délai moyen d'intervention
        definition: Jours entre la demande et l'intervention.
        unit: jours
        direction: decrease
        services: [voirie]
        ---
        """,
    "practices/priorisation-des-demandes.md": """\
        ---
        title: Priorisation des demandes
        summary: Une grille partagée pour classer les demandes.
        status: validated
        services: [voirie]
        indicators: [delai-moyen-intervention]
        created: 2024-01-10
        updated: 2024-06-01
        review_by: 2030-01-01
        ---
        ## Description
        Les demandes sont classées selon une échelle commune.
        """,
    "rex/grille-voirie-2024.md": """\
        ---
        title: Une grille de priorités pour la voirie
        date: 2024-09-30
        status: validated
        outcome: success
        services: [voirie]
        practices: [priorisation-des-demandes]
        measures:
          - indicator: delai-moyen-intervention
            before: 12
            after: 7
        lessons:
          - Associer les agents dès le début.
        ---
        ## Contexte
        Les délais s'allongeaient.
        """,
}


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def write_tree(tmp_path: Path) -> WriteTree:
    """Write ``{relative path: text}`` under ``tmp_path / "content"`` and return that folder.

    Text is dedented, so tests can indent it; bytes are written as they are.
    """
    root = tmp_path / "content"
    root.mkdir(exist_ok=True)
    return lambda files: _write(root, files)


@pytest.fixture
def minimal_corpus(write_tree: WriteTree) -> Path:
    """A valid corpus with one record of each kind, linked together."""
    return write_tree(MINIMAL)


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """``invoke("validate", path)``: the CLI through click's CliRunner, stdout and stderr apart."""
    return Invoke(monkeypatch)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read English messages whatever the machine's locale (language tests set theirs)."""
    from rex.i18n import set_language

    monkeypatch.setenv("REX_LANG", "en")
    set_language("en")
