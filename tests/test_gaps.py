"""Gap analysis: series against their targets, open actions, candidate practices ranked by
evidence, practices the service already applies left out; `rex gaps` in every format."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import rex
from rex.cli import cli
from rex.report.gaps import GapAnalysis

from .conftest import MINIMAL, WriteTree

TODAY = dt.date(2026, 1, 15)
INDICATOR = """\
    ---
    title: Délai moyen d'intervention
    definition: Jours entre la demande et l'intervention.
    unit: jours
    direction: decrease
    services: [voirie]
    targets:
      - value: 5
      - value: 4
        service: voirie
        by: 2026
    ---
    """
SATISFACTION = """\
    ---
    title: Satisfaction des usagers
    definition: Part des usagers satisfaits.
    unit: "%"
    direction: increase
    targets:
      - value: 80
    ---
    """


def service(title: str) -> str:
    return f"---\ntitle: {title}\n---\n"


def practice(title: str, status: str = "validated", indicator: str = "delai") -> str:
    indicator_id = {"delai": "delai-moyen-intervention", "satisfaction": "satisfaction-usagers"}[
        indicator
    ]
    return (
        f"---\ntitle: {title}\nsummary: Résumé.\nstatus: {status}\nservices: [proprete]\n"
        f"indicators: [{indicator_id}]\n---\n"
    )


def rex_file(practices: str, service_id: str, before: float, after: float, outcome: str) -> str:
    return (
        f"---\ntitle: Retour {practices} {service_id}\ndate: 2025-03-01\nstatus: validated\n"
        f"outcome: {outcome}\nservices: [{service_id}]\npractices: [{practices}]\n"
        f"measures:\n  - indicator: delai-moyen-intervention\n    before: {before}\n"
        f"    after: {after}\nlessons: [Une leçon.]\n---\n"
    )


def action(title: str, status: str, practices: str = "[]", due: str = "2025-12-01") -> str:
    done = "\ndone: 2025-06-01" if status == "done" else ""
    return (
        f"---\ntitle: {title}\nservices: [voirie]\nstatus: {status}\nowner: Chef de service\n"
        f"due: {due}{done}\nindicators: [delai-moyen-intervention]\npractices: {practices}\n---\n"
    )


def rows() -> str:
    lines = ["indicateur;service;période;valeur"]
    for month in range(1, 13):
        # Voirie: longer delays in winter, far above its target of 4 days.
        lines.append(f"delai-moyen-intervention;voirie;2025-{month:02d};{6 + (month == 12)},5")
        lines.append(f"delai-moyen-intervention;proprete;2025-{month:02d};3")
    lines += [f"satisfaction-usagers;voirie;2025-{m:02d};75" for m in range(1, 7)]
    return "\n".join(lines) + "\n"


FILES: dict[str, str | bytes] = {
    **MINIMAL,
    "indicators/delai-moyen-intervention.md": INDICATOR,
    "indicators/satisfaction-usagers.md": SATISFACTION,
    "services/proprete.md": service("Propreté urbaine"),
    "services/espaces-verts.md": service("Espaces verts"),
    "practices/forte.md": practice("Forte preuve"),
    "practices/moyenne.md": practice("Preuve moyenne"),
    "practices/brouillon.md": practice("Un brouillon", status="draft"),
    "practices/proposee.md": practice("Une proposition", status="proposed"),
    "practices/retiree.md": practice("Retirée", status="retired"),
    "practices/dans-une-action.md": practice("Déjà dans une action"),
    "practices/autre-indicateur.md": practice("Autre indicateur", indicator="satisfaction"),
    "rex/forte-1.md": rex_file("forte", "proprete", 10, 6, "success"),
    "rex/forte-2.md": rex_file("forte", "espaces-verts", 8, 6, "success"),
    "rex/forte-3.md": rex_file("forte", "proprete", 9, 8, "partial"),
    "rex/moyenne-1.md": rex_file("moyenne", "proprete", 10, 5, "success"),
    "rex/moyenne-2.md": rex_file("moyenne", "espaces-verts", 8, 9, "failure"),
    "actions/en-retard.md": action("En retard", "in-progress", "[dans-une-action]"),
    "actions/abandonnee.md": action("Abandonnée", "abandoned", "[moyenne]"),
    "actions/finie.md": action("Finie", "done"),
    "results/delais.csv": rows(),
}


@pytest.fixture
def root(write_tree: WriteTree) -> Path:
    return write_tree(FILES)


@pytest.fixture
def analysis(root: Path) -> GapAnalysis:
    corpus = rex.load(root, today=TODAY)
    assert corpus.report.valid, corpus.report.to_dict()
    return rex.gaps(corpus, today=TODAY)


def test_each_series_has_a_status(analysis: GapAnalysis) -> None:
    states = {(s.service.id, s.indicator.id): s.state for s in analysis.series}
    assert states == {
        ("proprete", "delai-moyen-intervention"): "met",
        ("voirie", "delai-moyen-intervention"): "off-target",
        ("voirie", "satisfaction-usagers"): "stale",
    }
    voirie = next(s for s in analysis.series if s.state == "off-target")
    assert (voirie.latest_period, voirie.latest, voirie.previous) == ("2025-12", 7.5, 6.5)
    # The service's own target wins over the one for every service.
    assert (voirie.target, voirie.target_by, voirie.gap, voirie.gap_percent) == (
        4.0,
        "2026",
        3.5,
        87.5,
    )
    assert voirie.trend == "worsening"
    stale = next(s for s in analysis.series if s.state == "stale")
    assert stale.expected_period == "2025-12" and stale.off_target  # 75 % < 80 %


def test_open_actions_aimed_at_the_gap(analysis: GapAnalysis) -> None:
    voirie = next(s for s in analysis.series if s.state == "off-target")
    assert [(a.record.id, a.overdue) for a in voirie.actions] == [("en-retard", True)]
    met = next(s for s in analysis.series if s.state == "met")
    assert met.actions == [] and met.practices == []


def test_practices_ranked_by_evidence_without_those_already_applied(
    analysis: GapAnalysis,
) -> None:
    voirie = next(s for s in analysis.series if s.state == "off-target")
    ranked = [(c.practice.id, c.evidence, c.improved, c.measured) for c in voirie.practices]
    # priorisation-des-demandes: voirie's REX applied it; dans-une-action: its open action
    # does; an abandoned action does not count; retired and other indicators never show.
    assert ranked == [
        ("forte", "high", 3, 3),
        ("moyenne", "moderate", 1, 2),
        ("proposee", "none", 0, 0),
        ("brouillon", "none", 0, 0),
    ]
    forte = voirie.practices[0]
    assert forte.median_relative_change == pytest.approx(-0.25)
    assert [e.record.id for e in forte.rex_list] == ["forte-1", "forte-2", "forte-3"]
    moyenne = voirie.practices[1]
    assert [(e.record.id, e.improved) for e in moyenne.rex_list] == [
        ("moyenne-1", True),
        ("moyenne-2", False),
    ]


def test_one_service_only_and_an_unknown_one(root: Path) -> None:
    corpus = rex.load(root, today=TODAY)
    only = rex.gaps(corpus, today=TODAY, service="proprete")
    assert {s.service.id for s in only.series} == {"proprete"}
    with pytest.raises(rex.RexError, match="service 'voiri' does not exist") as raised:
        rex.gaps(corpus, today=TODAY, service="voiri")
    assert raised.value.hint == "did you mean 'voirie'?"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_cli_json_is_the_library_result(root: Path, analysis: GapAnalysis) -> None:
    code, out = run("gaps", str(root), "--format", "json", "--today", "2026-01-15")
    assert code == 0
    assert json.loads(out) == analysis.to_dict()


def test_cli_text_and_markdown(root: Path) -> None:
    code, text = run("--lang", "fr", "gaps", str(root), "--today", "2026-01-15")
    assert code == 0
    assert text.startswith("Analyse des écarts\n")
    assert "Délai moyen d'intervention — voirie" not in text  # titles, not ids, in headings
    assert "Délai moyen d'intervention — Voirie" in text
    assert "    en-retard  en cours  Chef de service  1er décembre 2025 (en retard)" in text
    assert "    forte           élevé             3 sur 3" in text
    args = ("gaps", str(root), "--format", "markdown", "--today", "2026-01-15")
    code, markdown = run("--lang", "fr", *args)
    assert code == 0
    assert markdown.startswith("# Analyse des écarts\n")
    assert "## Pistes d'amélioration" in markdown
    assert "### Délai moyen d'intervention — Voirie" in markdown
    assert "| Forte preuve | élevé | 3 sur 3 |" in markdown


def test_cli_service_filter_and_bad_service(root: Path) -> None:
    code, out = run("gaps", str(root), "--service", "proprete", "--format", "json")
    assert code == 0
    assert {s["service"]["id"] for s in json.loads(out)["series"]} == {"proprete"}
    code, out = run("gaps", str(root), "--service", "voiri")
    assert code == 2 and "did you mean 'voirie'?" in out


def test_the_health_report_carries_the_cycle(root: Path) -> None:
    report = rex.health_report(rex.load(root, today=TODAY), TODAY)
    assert report.actions.status == {"planned": 0, "in-progress": 1, "done": 1, "abandoned": 1}
    assert [(i.record.id, i.days) for i in report.actions.overdue] == [("en-retard", 45)]
    # Done on 2025-06-01, 228 days before, and no REX names it.
    assert [(i.record.id, i.days) for i in report.actions.uncapitalised] == [("finie", 228)]
    assert report.results.to_dict() == rex.gaps(rex.load(root), today=TODAY).to_dict()
    code, text = run("--lang", "fr", "report", str(root), "--today", "2026-01-15")
    assert code == 0
    for heading in ("Plans d'action", "Actions en retard (1)", "Objectifs non atteints (2)"):
        assert heading in text


def test_cli_gaps_in_english(root: Path) -> None:
    args = ("gaps", str(root), "--today", "2026-01-15")
    code, text = run("--lang", "en", *args)
    assert code == 0
    assert text.startswith("Gap analysis\nState on January 15, 2026: each series")
    assert "Ways to improve" in text and "Targets not met (2)" in text
    assert "    en-retard  in progress  Chef de service  December 1, 2025 (overdue)" in text
    assert "    forte      high               3 of 3         −25%" in text
    assert "7.5 jours (December 2025)" in text and "4 jours by 2026" in text
    # The corpus' own words (titles, units, owners) stay as written; rex's words are English.
    for french in ("Analyse", "Pistes", "en cours", "élevé", " sur ", "d'ici", "objectif", " : "):
        assert french not in text, french
    code, markdown = run("--lang", "en", *args, "--format", "markdown")
    assert code == 0 and markdown.startswith("# Gap analysis\n")
    # The same page in both languages, line for line (text wraps paragraphs differently).
    _, french = run("--lang", "fr", *args, "--format", "markdown")
    assert len(markdown.splitlines()) == len(french.splitlines())
    assert "### Délai moyen d'intervention — Voirie" in markdown
    assert "| Forte preuve | high | 3 of 3 |" in markdown
