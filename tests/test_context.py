"""Is this transferable to us? Territories, context keys, vocabulary, supersedes, facets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import rex
from rex.cli import cli
from rex.context import budget_band, completeness, population_band
from rex.export import csv_tables, export_records
from rex.models import TerritoryType
from rex.models.context import url_problem
from rex.site.public import public_corpus

from .conftest import MINIMAL, SAMPLE, WriteTree

TODAY = dt.date(2026, 1, 1)

TOWN = """\
    ---
    title: Ville de Bourg
    type: commune
    population: 8500
    region: Bretagne
    code: "29019"
    ---
    """
INTERCO = """\
    ---
    title: Communauté de communes du Bocage
    type: intercommunalite
    population: 64000
    region: Bretagne
    code: "200067197"
    ---
    """
CANTINE = """\
    ---
    title: Restauration du Bocage
    territory: bocage
    ---
    """
SHARED_REX = """\
    ---
    title: Un projet mené à deux
    date: 2024-09-30
    status: validated
    outcome: success
    services: [voirie, cantine-bocage]
    lessons: [Travailler ensemble.]
    budget: {amount: 65000, note: Deux collectivités}
    contact: Direction générale, dgs@bourg.example
    themes: [delais]
    approach: mesure-et-affichage
    supersedes: [grille-voirie-2024]
    ---
    ## Contexte
    Deux collectivités voisines.
    """
VOCABULARY = """\
    themes:
      - {id: delais, label: Délais et réactivité}
    approaches:
      - id: mesure-et-affichage
        label: Mesurer et afficher
        description: Rendre les chiffres visibles.
    """


@pytest.fixture
def two_territories(write_tree: WriteTree) -> Path:
    return write_tree(
        MINIMAL
        | {
            "territories/bourg.md": TOWN,
            "territories/bocage.md": INTERCO,
            "services/cantine-bocage.md": CANTINE,
            "rex/projet-commun-2025.md": SHARED_REX,
            "vocabulary.yml": VOCABULARY,
        }
    )


@pytest.mark.parametrize(
    ("population", "band"),
    [
        (0, "lt-2000"),
        (1999, "lt-2000"),
        (2000, "2000-10000"),
        (9999, "2000-10000"),
        (10000, "10000-50000"),
        (50000, "50000-200000"),
        (199999, "50000-200000"),
        (200000, "gt-200000"),
    ],
)
def test_population_bands_have_exclusive_upper_bounds(population: int, band: str) -> None:
    assert population_band(population) == band


def test_budget_bands() -> None:
    assert [budget_band(a) for a in (0, 9999.5, 10000, 65000, 250000)] == [
        "lt-10000",
        "lt-10000",
        "10000-50000",
        "50000-200000",
        "gt-200000",
    ]


def test_a_corpus_with_one_territory_applies_it_to_every_service(write_tree: WriteTree) -> None:
    corpus = rex.load(write_tree(MINIMAL | {"territories/bourg.md": TOWN}), today=TODAY)
    assert corpus.valid
    profile = corpus.territory_profile(corpus.rex["grille-voirie-2024"])
    assert [t.id for t in profile.territories] == ["bourg"]
    assert profile.types == (TerritoryType.COMMUNE,) and profile.bands == ("2000-10000",)
    assert corpus.territory_profile(corpus.practices["priorisation-des-demandes"]).bands == (
        "2000-10000",
    )


def test_with_two_territories_services_must_name_theirs(two_territories: Path) -> None:
    corpus = rex.load(two_territories, today=TODAY)
    assert corpus.report.diagnostics == []
    # voirie names none and there is no single default: only the cantine's territory counts.
    shared = corpus.territory_profile(corpus.rex["projet-commun-2025"])
    assert [t.id for t in shared.territories] == ["bocage"]
    assert shared.types == (TerritoryType.INTERCOMMUNALITE,)
    assert shared.bands == ("50000-200000",)
    assert corpus.territory_profile(corpus.rex["grille-voirie-2024"]).territories == ()


def test_a_child_service_inherits_its_parents_territory(write_tree: WriteTree) -> None:
    files = MINIMAL | {
        "territories/bourg.md": TOWN,
        "territories/bocage.md": INTERCO,
        "services/technique.md": "---\ntitle: Services techniques\nterritory: bourg\n---\n",
        "services/voirie.md": "---\ntitle: Voirie\nparent: technique\n---\n",
    }
    corpus = rex.load(write_tree(files), today=TODAY)
    assert corpus.valid
    territory = corpus.territory_of(corpus.services["voirie"])
    assert territory is not None and territory.id == "bourg"


def test_supersedes_is_resolved_both_ways_and_exported(two_territories: Path) -> None:
    corpus = rex.load(two_territories, today=TODAY)
    old = corpus.rex["grille-voirie-2024"]
    assert [r.id for r in corpus.superseded_by(old)] == ["projet-commun-2025"]
    data = export_records(corpus, ["rex"])["rex"]
    by_id = {r["id"]: r for r in data}
    assert by_id["grille-voirie-2024"]["superseded_by"] == ["projet-commun-2025"]
    assert by_id["projet-commun-2025"]["front_matter"]["supersedes"] == ["grille-voirie-2024"]
    assert by_id["projet-commun-2025"]["front_matter"]["budget"] == {
        "amount": 65000.0,
        "currency": "EUR",
        "note": "Deux collectivités",
    }
    tables = csv_tables({"rex": data})
    assert tables["rex.csv"][0][-2:] == ["superseded_by", "body"]
    assert "supersedes" in tables["rex.csv"][0] and "web_links" not in tables["rex.csv"][0]
    # Practices have links too: each kind gets its own table, whatever is exported.
    assert tables["rex-links.csv"] == [["rex", "title", "url"]]


def test_completeness_lists_what_is_missing(two_territories: Path) -> None:
    corpus = rex.load(two_territories, today=TODAY)
    result = completeness(corpus.rex["projet-commun-2025"])
    assert "section « Contexte »" not in result.missing  # the body has it
    assert "budget" not in result.missing and "thèmes" not in result.missing
    assert "date de début" in result.missing and "section « Objectifs »" in result.missing
    assert 0 < result.score < 1 and not result.complete
    bare = completeness(corpus.rex["grille-voirie-2024"])
    assert bare.score < result.score
    health = rex.health_report(corpus, TODAY).context
    assert [r.record.id for r in health.rex] == ["grille-voirie-2024", "projet-commun-2025"]
    assert health.complete_share == 0


def test_the_sample_corpus_has_complete_rex_and_shared_ones() -> None:
    corpus = rex.load(SAMPLE)
    assert corpus.valid and corpus.vocabulary is not None
    assert sum(completeness(r).complete for r in corpus.rex.values()) >= 5
    for record in corpus.rex.values():
        assert record.themes and record.approach and record.budget is not None, record.id
    shared = [r for r in corpus.rex.values() if len(corpus.territory_profile(r).territories) == 2]
    assert len(shared) >= 2
    old = corpus.practices["cahier-des-signalements"]
    assert old.status is rex.Status.RETIRED
    assert [r.id for r in corpus.superseded_by(old)] == ["guichet-unique-demandes"]


def test_public_sites_drop_contacts_unless_the_record_allows_it(two_territories: Path) -> None:
    path = two_territories / "rex" / "projet-commun-2025.md"
    text = path.read_text(encoding="utf-8").replace("title:", "visibility: public\ntitle:")
    path.write_text(text, encoding="utf-8")
    corpus = rex.load(two_territories, today=TODAY)
    assert corpus.rex["projet-commun-2025"].contact == "Direction générale, dgs@bourg.example"
    public = public_corpus(corpus)
    assert public.rex["projet-commun-2025"].contact is None
    assert public.vocabulary is corpus.vocabulary
    path.write_text(text.replace("title:", "contact_public: true\ntitle:"), encoding="utf-8")
    allowed = public_corpus(rex.load(two_territories, today=TODAY))
    assert allowed.rex["projet-commun-2025"].contact == "Direction générale, dgs@bourg.example"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " jav\tascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "%6Aavascript:alert(1)",
        "javascript&colon;alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:x",
        "mailto:a@b.fr",
        "//evil.example/x",
        "\\\\evil.example/x",
    ],
)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert url_problem(url) is not None


@pytest.mark.parametrize(
    "url", ["https://www.example.fr/a.pdf", "http://x.fr", "../annexes/bilan.pdf", "bilan.pdf"]
)
def test_http_and_relative_urls_are_allowed(url: str) -> None:
    assert url_problem(url) is None


def test_a_corpus_without_vocabulary_still_loads(write_tree: WriteTree) -> None:
    corpus = rex.load(write_tree(MINIMAL), today=TODAY)
    assert corpus.vocabulary is None and corpus.report.diagnostics == []


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def test_search_filters_and_counts_the_context_facets(
    two_territories: Path, tmp_path: Path
) -> None:
    index = str(tmp_path / "index")
    base = ("search", "voirie", "--content", str(two_territories), "--index", index)
    code, out = run(*base, "--format", "json")
    assert code == 0
    data = json.loads(out)
    facets = data["facets"]
    assert facets["territory_type"] == {"intercommunalite": 1}
    assert facets["population_band"] == {"50000-200000": 1}
    assert facets["budget_band"] == {"50000-200000": 1}
    assert facets["themes"] == {"delais": 1} and facets["approach"] == {"mesure-et-affichage": 1}
    assert facets["outcome"] == {"success": 2} and facets["year"]["2024"] == 3
    code, out = run(*base, "--territory-type", "intercommunalite", "--format", "json")
    assert [h["id"] for h in json.loads(out)["hits"]] == ["projet-commun-2025"]
    code, out = run(*base, "--territory-type", "commune", "--format", "json")
    assert code == 0 and json.loads(out)["total"] == 0
    for option, value in (("--theme", "delais"), ("--budget-band", "50000-200000")):
        code, out = run(*base, option, value, "--format", "json")
        assert [h["id"] for h in json.loads(out)["hits"]] == ["projet-commun-2025"]
    assert run(*base, "--territory-type", "ville")[0] == 2


def test_superseded_records_come_after_current_ones(two_territories: Path, tmp_path: Path) -> None:
    corpus = rex.load(two_territories, today=TODAY)
    rex.build_index(corpus, tmp_path / "index")
    with rex.open_index(tmp_path / "index") as index:
        # The old REX has "voirie" in its title and would outrank the newer one on score alone.
        for query in ("grille voirie", "voirie", "délais OR voirie", "voir*"):
            hits = [h.id for h in index.search(query, kind="rex").hits]
            assert hits[-1] == "grille-voirie-2024", (query, hits)
            assert "projet-commun-2025" in hits
        assert index.search("voirie", kind="rex", limit=1).hits[0].id == "projet-commun-2025"
