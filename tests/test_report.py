"""The health report: counts, gaps, indicator and practice statistics, and its renderings."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import rex
from rex.i18n import _, use_language
from rex.report import HealthReport, RecordRef
from rex.report.blocks import Bars, Block, Document, Paragraph, Part, Table
from rex.report.markdown import md_escape, render_markdown
from rex.report.sections import report_sections
from rex.report.text import render_text

from .conftest import MINIMAL, SAMPLE, Invoke, WriteTree

TODAY = dt.date(2026, 1, 15)

# Added to MINIMAL: one record per gap, plus measures that improve, worsen and stay put.
GAPS: dict[str, str | bytes] = {
    "services/services-techniques.md": """\
        ---
        title: Services techniques
        ---
        """,
    "services/voirie-nord.md": """\
        ---
        title: Voirie nord
        parent: services-techniques
        ---
        """,
    "services/piscine.md": """\
        ---
        title: Piscine
        ---
        """,
    "indicators/satisfaction-usagers.md": """\
        ---
        title: Satisfaction des usagers
        definition: Part des usagers satisfaits.
        unit: "%"
        direction: increase
        ---
        """,
    "practices/sans-preuve.md": """\
        ---
        title: Une pratique sans REX | à <b>documenter</b>
        summary: Personne ne l'a encore essayée.
        status: proposed
        services: [voirie-nord]
        indicators: [delai-moyen-intervention]
        review_by: 2025-12-01
        ---
        """,
    "practices/vieux-brouillon.md": """\
        ---
        title: Un vieux brouillon
        summary: Oublié depuis longtemps.
        status: draft
        services: [voirie]
        indicators: [delai-moyen-intervention]
        created: 2023-01-01
        updated: 2024-12-01
        ---
        """,
    "practices/brouillon-sans-date.md": """\
        ---
        title: Un brouillon sans date
        summary: Son âge est inconnu.
        status: draft
        services: [voirie]
        indicators: [delai-moyen-intervention]
        ---
        """,
    "practices/retiree.md": """\
        ---
        title: Une pratique retirée
        summary: Abandonnée.
        status: retired
        services: [piscine]
        indicators: [satisfaction-usagers]
        review_by: 2020-01-01
        ---
        """,
    "rex/echec-voirie-2023.md": """\
        ---
        title: Un essai manqué
        date: 2023-03-01
        status: validated
        outcome: failure
        services: [voirie]
        practices: [priorisation-des-demandes]
        measures:
          - {indicator: delai-moyen-intervention, before: 8, after: 10}
          - {indicator: satisfaction-usagers, before: 0, after: 0}
        lessons: [Former les agents avant.]
        ---
        """,
    "rex/brouillon-2024.md": """\
        ---
        title: Un REX en brouillon
        date: 2024-06-01
        status: draft
        outcome: partial
        services: [voirie]
        practices: [priorisation-des-demandes]
        measures:
          - {indicator: delai-moyen-intervention, before: 10, after: 10}
        lessons: [À compléter.]
        ---
        """,
}


@pytest.fixture
def report(write_tree: WriteTree) -> HealthReport:
    root = write_tree(MINIMAL | GAPS)
    corpus = rex.load(root, today=TODAY)
    assert corpus.report.valid, corpus.report.to_dict()
    return rex.health_report(corpus, TODAY)


def ids(refs: list[RecordRef]) -> list[str]:
    return [r.id for r in refs]


def test_counts(report: HealthReport) -> None:
    c = report.counts
    assert c.kinds == {
        "services": 4,
        "indicators": 2,
        "practices": 5,
        "rex": 3,
        "territories": 0,
        "actions": 0,
    }
    assert c.status["practices"] == {"draft": 2, "proposed": 1, "validated": 1, "retired": 1}
    assert c.status["rex"] == {"draft": 1, "proposed": 0, "validated": 2, "retired": 0}
    assert c.outcome == {"success": 1, "partial": 1, "failure": 1}
    assert c.years == {"practices": {2023: 1, 2024: 1}, "rex": {2023: 1, 2024: 2}}
    voirie = next(s for s in c.services if s.record.id == "voirie")
    assert (voirie.indicators, voirie.practices, voirie.rex) == (1, 3, 3)


def test_gaps(report: HealthReport) -> None:
    g = report.gaps
    assert ids(g.practices_without_rex) == ["brouillon-sans-date", "sans-preuve", "vieux-brouillon"]
    # satisfaction-usagers is only targeted by a retired practice
    assert ids(g.untargeted_indicators) == ["satisfaction-usagers"]
    # services-techniques is covered through its child voirie-nord; retired practices count not
    assert ids(g.services_without_practice) == ["piscine"]
    assert [(o.record.id, o.review_by, o.days_overdue) for o in g.overdue_reviews] == [
        ("sans-preuve", dt.date(2025, 12, 1), 45)
    ]
    # the REX draft is dated 2024-06-01, over a year before TODAY; the undated draft is skipped
    assert [(s.record.kind, s.record.id, s.last_change) for s in g.stale_drafts] == [
        (rex.Kind.REX, "brouillon-2024", dt.date(2024, 6, 1)),
        (rex.Kind.PRACTICE, "vieux-brouillon", dt.date(2024, 12, 1)),
    ]


def test_stale_draft_limit_is_twelve_months(write_tree: WriteTree) -> None:
    root = write_tree(
        MINIMAL | {"practices/vieux-brouillon.md": GAPS["practices/vieux-brouillon.md"]}
    )
    corpus = rex.load(root, today=TODAY)
    assert rex.health_report(corpus, dt.date(2025, 12, 1)).gaps.stale_drafts == []
    assert len(rex.health_report(corpus, dt.date(2025, 12, 2)).gaps.stale_drafts) == 1
    # a leap day has no twin a year before: the limit falls back to 28 February
    assert rex.health_report(corpus, dt.date(2028, 2, 29)).gaps.stale_drafts[0].days == 1185


def test_indicator_statistics_follow_the_direction(report: HealthReport) -> None:
    by_id = {i.record.id: i for i in report.indicators}
    delay = by_id["delai-moyen-intervention"]  # lower is better: 12→7 better, 8→10 worse, 10→10
    assert (delay.measures, delay.improved, delay.worsened, delay.unchanged) == (3, 1, 1, 1)
    assert delay.improved_share == pytest.approx(1 / 3, abs=1e-4)
    assert delay.median_change == 0
    assert delay.median_relative_change == 0
    assert delay.practices == 4
    satisfaction = by_id["satisfaction-usagers"]
    assert (satisfaction.measures, satisfaction.unchanged) == (1, 1)
    assert satisfaction.median_relative_change is None  # before is 0: no relative change
    assert satisfaction.practices == 0


def test_practice_evidence_and_indicators_moved(report: HealthReport) -> None:
    by_id = {p.record.id: p for p in report.practices}
    p = by_id["priorisation-des-demandes"]
    assert p.rex == 3
    assert p.evidence == {"success": 1, "partial": 1, "failure": 1}
    assert [
        (e.indicator, e.targeted, e.measures, e.improved, e.worsened) for e in p.indicators
    ] == [
        ("delai-moyen-intervention", True, 3, 1, 1),
        ("satisfaction-usagers", False, 1, 0, 0),
    ]
    assert by_id["sans-preuve"].rex == 0
    assert by_id["sans-preuve"].indicators == []


def test_json_shape_is_stable(report: HealthReport) -> None:
    data = json.loads(report.to_json())
    assert set(data) == {
        "today",
        "validation",
        "counts",
        "gaps",
        "indicators",
        "practices",
        "context",
        "actions",
        "results",
        "schema_version",
    }
    assert data["actions"] == {
        "status": {"planned": 0, "in-progress": 0, "done": 0, "abandoned": 0},
        "overdue": [],
        "uncapitalised": [],
    }
    assert data["results"] == {"today": "2026-01-15", "series": []}
    assert data["today"] == "2026-01-15"
    assert data["schema_version"] == 1
    assert data["counts"]["years"]["rex"] == {"2023": 1, "2024": 2}
    assert data["gaps"]["overdue_reviews"][0] == {
        "record": {
            "kind": "practices",
            "id": "sans-preuve",
            "title": "Une pratique sans REX | à <b>documenter</b>",
            "path": "practices/sans-preuve.md",
        },
        "review_by": "2025-12-01",
        "days_overdue": 45,
    }
    assert set(data["indicators"][0]) == {
        "record",
        "unit",
        "direction",
        "practices",
        "measures",
        "improved",
        "worsened",
        "unchanged",
        "improved_share",
        "median_change",
        "median_relative_change",
    }


@pytest.fixture
def french() -> Iterator[None]:
    """The report in French, as the site and ``rex --lang fr report`` show it."""
    with use_language("fr"):
        yield


@pytest.mark.usefixtures("french")
def test_markdown_escapes_titles_and_links_records(report: HealthReport) -> None:
    page = render_markdown(report, link=lambda ref: f"../{ref.kind.value}/{ref.id}/", level=2)
    assert page.startswith("## Tableau de bord\n")
    assert "### Points d'attention" in page
    assert "<b>" not in page
    escaped = md_escape("Une pratique sans REX | à <b>documenter</b>")
    assert f"[{escaped}](../practices/sans-preuve/)" in page
    assert "à revoir avant le 1er décembre 2025 (45 jours de retard)" in page
    plain = render_markdown(report)
    assert "](" not in plain
    assert "État au 15 janvier 2026\u202f: 14 fiches\u202f; 0 erreur et 2 avertissements" in plain
    assert "État au 15 janvier 2026\u202f: 14 fiches.\n" in render_markdown(
        report, validation=False
    )


@pytest.mark.usefixtures("french")
def test_markdown_shows_figures_the_french_way(report: HealthReport) -> None:
    page = render_markdown(report)
    # delai-moyen-intervention: 1 of 3 measures improved, median change 0
    assert "| Délai moyen d'intervention | à la baisse | 4 | 3 | 1 (33\u202f%) | 0 jours |" in page
    assert "| Satisfaction des usagers | à la hausse | 0 | 1 | 0 (0\u202f%) | 0 % |" in page
    # The most documented practice first, its status beside it, outcomes one per line.
    rows = [line for line in page.splitlines() if line.startswith("| Priorisation")]
    assert rows == [
        "| Priorisation des demandes (validée) | 3 | 1 réussite<br>1 réussite partielle<br>"
        "1 échec | Délai moyen d'intervention\u202f: 1 sur 3 en amélioration, médiane 0 jours<br>"
        "Satisfaction des usagers\u202f: 0 sur 1 en amélioration (non visé), médiane 0 % |"
    ]
    assert page.index("Priorisation des demandes") < page.index("Un vieux brouillon (brouillon)")


def test_md_escape() -> None:
    assert md_escape("a|b *c* [d](e) <x> & _f_") == (r"a\|b \*c\* \[d\](e) &lt;x&gt; &amp; \_f\_")


@pytest.mark.usefixtures("french")
def test_text_lists_every_gap(report: HealthReport) -> None:
    text = render_text(report)
    assert text.startswith(
        "Tableau de bord\nÉtat au 15 janvier 2026\u202f: 14 fiches\u202f; 0 erreur"
    )
    assert "Bonnes pratiques sans retour d'expérience (3)" in text
    assert "    - piscine (services/piscine.md)" in text
    assert (
        "    - sans-preuve (practices/sans-preuve.md) : à revoir avant le 1er décembre 2025 "
        "(45 jours de retard)" in text
    )
    assert (
        "brouillon-2024 (rex/brouillon-2024.md) (retour d'expérience, dernière date\u202f: " in text
    )
    # Columns are aligned; a practice's indicators go one per line under its row.
    assert "    Résultat            Nombre\n    réussite            1\n" in text
    line = next(x for x in text.splitlines() if "Délai moyen d'intervention\u202f: 1 sur 3" in x)
    assert line.index("Délai") == text.splitlines()[text.splitlines().index(line) - 1].index(
        "Indicateurs mesurés"
    )


def run(invoke: Invoke, *args: str) -> tuple[int, str]:
    result = invoke(*args)
    return result.exit_code, result.output


def test_cli_json_equals_the_library(invoke: Invoke, write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL | GAPS)
    code, out = run(invoke, "report", str(root), "--format", "json", "--today", "2026-01-15")
    assert code == 0
    expected = rex.health_report(rex.load(root, today=TODAY), TODAY)
    assert json.loads(out) == expected.to_dict()


def test_cli_formats_and_errors(invoke: Invoke, write_tree: WriteTree, tmp_path: Path) -> None:
    root = write_tree(MINIMAL | {"practices/cassee.md": "---\ntitle: [\n---\n"})
    code, out = run(invoke, "--lang", "fr", "report", str(root), "--today", "2026-01-15")
    assert code == 0
    assert out.startswith("Tableau de bord\nÉtat au 15 janvier 2026")
    code, out = run(invoke, "report", str(root), "--today", "2026-01-15")
    assert code == 0
    assert out.startswith("Dashboard\nState on January 15, 2026")
    assert "1 errors; records with errors are not counted" in out
    args = ("report", str(root), "--format", "markdown", "--today", "2026-01-15")
    code, out = run(invoke, "--lang", "fr", *args)
    assert code == 0 and out.startswith("# Tableau de bord")
    code, out = run(invoke, "--lang", "en", *args)
    assert code == 0 and out.startswith("# Dashboard")
    code, out = run(invoke, "report", str(tmp_path / "nowhere"))
    assert code == 1 and "no such folder" in out


def test_sample_corpus_report() -> None:
    corpus = rex.load(SAMPLE, today=TODAY)
    report = rex.health_report(corpus, TODAY)
    assert report.counts.kinds["practices"] == len(corpus.practices) > 0
    assert sum(p.rex for p in report.practices) >= len(
        [r for r in corpus.rex.values() if r.practices and r.status is not rex.Status.RETIRED]
    )
    assert render_markdown(report).count("## ") >= 4


# rex's own words in French: none may be left in the English report's titles and labels.
FRENCH = re.compile(
    r"[éèàêçùû]|\b(de|des|du|par|sans|et|sur|au|Aucune?|Nombre|fiches?|Résultats?|Type)\b"
)


def _labels(doc: Document) -> list[str]:
    """The document's own words: titles, captions, headers, paragraphs, empty lists."""
    words = [doc.title, *(p.text for p in doc.intro)]
    for section in doc.sections:
        words.append(section.title)
        blocks: list[Block] = []
        for b in section.blocks:
            if isinstance(b, Part):
                words.append(b.title)
                blocks += b.blocks
            else:
                blocks.append(b)
        for block in blocks:
            if isinstance(block, Table):
                words += [block.caption, *block.headers]
            elif isinstance(block, Bars):
                words += [block.title, block.desc, block.caption, *block.series]
            elif isinstance(block, Paragraph):
                words.append(block.text)
            elif not block.items:
                words.append(_(block.empty))
    return words


def test_the_report_follows_the_language(report: HealthReport) -> None:
    with use_language("en"):
        english, doc = render_text(report), report_sections(report)
        labels = _labels(doc)
        markdown = render_markdown(report)
    with use_language("fr"):
        french = render_markdown(report)
        french_labels = _labels(report_sections(report))
    # The same structure, line for line (Markdown: paragraphs are not wrapped); words translated.
    assert len(markdown.splitlines()) == len(french.splitlines())
    assert len(labels) == len(french_labels)
    assert english.startswith(
        "Dashboard\nState on January 15, 2026: 14 records; 0 errors and 2 warnings at validation."
    )
    assert [s.title for s in doc.sections] == [
        "Volumes",
        "Points of attention",
        "Indicators",
        "Level of evidence of the practices",
        "Context of the experience reports",
        "Action plans",
        "Results and targets",
        "Ways to improve",
    ]
    assert [w for w in labels if FRENCH.search(w)] == []
    assert [w for w in french_labels if FRENCH.search(w)] != []  # the check can fail
    # Labels of enumerations, counts and formats follow the language too.
    assert "    Outcome          Count\n    success          1\n" in english
    assert "    Kind of record      draft  proposed  validated  retired" in english
    assert "sans-preuve (practices/sans-preuve.md) (review by December 1, 2025, 45 days late)" in (
        english
    )
    assert "| Délai moyen d'intervention | downwards | 4 | 3 | 1 (33%) | 0 jours |" in markdown
    assert "1 success<br>1 partial success<br>1 failure" in markdown
    assert "Satisfaction des usagers: 0 of 1 improving (not targeted), median 0 %" in markdown
