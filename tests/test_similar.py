"""Similar records and near-duplicates on a small corpus with planted twins."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

import rex
from rex import Kind, RexError
from rex.similar import (
    DuplicatePair,
    SimilarityIndex,
    UnknownRecordError,
    near_duplicates,
    similar,
)
from rex.similar.duplicates import DUPLICATE_THRESHOLD, TITLE_FACTOR
from rex.similar.text import Analyzer, lessons_text, summary_text

from .conftest import SAMPLE, WriteTree

# Each twin pair is one practice or REX written twice, with other words, in other folders.
TWINS = [
    ("pesee-des-restes", "peser-dechets-cantine"),
    ("priorisation-des-demandes", "grille-urgence-signalements"),
    ("rappel-usagers-bellevue-2023", "mairie-bellevue-rappels-2023"),
]
CORPUS = {
    "services/restauration-scolaire.md": """\
        ---
        title: Restauration scolaire
        description: Préparation et service des repas dans les écoles de la ville.
        ---
        La cuisine centrale livre les restaurants scolaires en liaison froide.
        """,
    "services/voirie.md": """\
        ---
        title: Voirie
        description: Entretien des chaussées, des trottoirs et de la signalisation.
        ---
        Les équipes de voirie interviennent sur signalement des habitants.
        """,
    "services/accueil.md": """\
        ---
        title: Accueil des usagers
        description: Accueil physique et téléphonique de la mairie et des mairies annexes.
        ---
        """,
    "indicators/gaspillage-alimentaire.md": """\
        ---
        title: Gaspillage alimentaire
        definition: Grammes de nourriture jetée par repas servi.
        unit: g/repas
        direction: decrease
        services: [restauration-scolaire]
        ---
        """,
    "indicators/delai-intervention.md": """\
        ---
        title: Délai moyen d'intervention
        definition: Jours entre le signalement et l'intervention sur place.
        unit: jours
        direction: decrease
        services: [voirie]
        ---
        """,
    "indicators/delai-rappel.md": """\
        ---
        title: Délai de rappel des usagers
        definition: Heures entre l'appel d'un usager et son rappel par un agent.
        unit: heures
        direction: decrease
        services: [accueil]
        ---
        """,
    # Twin A, first version.
    "practices/pesee-des-restes.md": """\
        ---
        title: Peser les restes pour ajuster les portions
        summary: Une pesée quotidienne des restes, partagée avec la cuisine, pour réduire le
          gaspillage alimentaire.
        status: validated
        services: [restauration-scolaire]
        indicators: [gaspillage-alimentaire]
        tags: [gaspillage, cantine]
        ---
        ## Description

        Chaque jour, les restes de chaque plat sont pesés à la fin du service. Les pesées
        montrent quels plats reviennent pleins et quelles portions sont trop généreuses.

        ## Mise en œuvre

        Une balance et des bacs séparés par composante du repas. L'équipe de cuisine
        ajuste les grammages et les recettes d'après les pesées de la semaine.
        """,
    # Twin A, written again elsewhere with other words.
    "practices/restauration/peser-dechets-cantine.md": """\
        ---
        title: Pesée des restes et ajustement des portions servies
        summary: Les restes sont pesés chaque jour avec l'équipe de cuisine afin de réduire le
          gaspillage alimentaire.
        status: proposed
        services: [restauration-scolaire]
        indicators: [gaspillage-alimentaire]
        tags: [Gaspillage]
        ---
        ## Description

        Après chaque service, on pèse les restes plat par plat. Les pesées révèlent les
        plats peu appréciés et les portions trop généreuses pour les plus jeunes.

        ## Mise en œuvre

        Des bacs séparés et une balance dans chaque restaurant ; la cuisine adapte les
        grammages et revoit les recettes à partir des pesées.
        """,
    # Unrelated, same service as twin A.
    "practices/menu-a-choix.md": """\
        ---
        title: Proposer un menu à choix aux enfants
        summary: Les enfants choisissent entre deux entrées et deux desserts, ce qui rend le repas
          plus agréable.
        status: validated
        services: [restauration-scolaire]
        indicators: [gaspillage-alimentaire]
        tags: [cantine]
        ---
        ## Description

        Un menu à choix laisse les enfants décider de leur entrée et de leur dessert,
        présentés sur un comptoir à la manière d'un self.
        """,
    # Twin B, first version.
    "practices/priorisation-des-demandes.md": """\
        ---
        title: Classer les demandes d'intervention par priorité
        summary: Une grille commune pour classer les signalements de voirie selon leur urgence et
          le danger.
        status: validated
        services: [voirie]
        indicators: [delai-intervention]
        tags: [voirie, signalements]
        ---
        ## Description

        Chaque signalement reçoit un niveau d'urgence selon le danger pour les usagers :
        un nid-de-poule sur une voie rapide passe avant un trottoir abîmé.

        ## Mise en œuvre

        La grille est affichée au centre technique et revue chaque trimestre avec les
        chefs d'équipe.
        """,
    # Twin B again, in a sub-folder, with other words.
    "practices/voirie/grille-urgence-signalements.md": """\
        ---
        title: Prioriser les demandes d'intervention selon l'urgence
        summary: Les signalements de voirie sont classés par urgence et par danger grâce à une
          grille commune.
        status: draft
        services: [voirie]
        indicators: [delai-intervention]
        tags: [signalements]
        ---
        ## Description

        Le danger pour les usagers fixe le niveau d'urgence de chaque signalement : les
        nids-de-poule des voies rapides passent avant les trottoirs abîmés.

        ## Mise en œuvre

        Les chefs d'équipe revoient chaque trimestre la grille, affichée au centre technique.
        """,
    # Unrelated, same service as twin B.
    "practices/entretien-preventif-chaussees.md": """\
        ---
        title: Planifier l'entretien préventif des chaussées
        summary: Un programme annuel de réfection des chaussées établi d'après une inspection de
          tout le réseau.
        status: validated
        services: [voirie]
        indicators: [delai-intervention]
        tags: [voirie, maintenance]
        ---
        ## Description

        Une inspection annuelle note l'état de chaque rue ; les réfections sont programmées
        avant que les dégradations ne deviennent dangereuses.
        """,
    "practices/rappel-sous-48h.md": """\
        ---
        title: Rappeler les usagers sous 48 heures
        summary: Tout appel resté sans réponse est rappelé par un agent de l'accueil dans les deux
          jours.
        status: validated
        services: [accueil]
        indicators: [delai-rappel]
        tags: [usagers]
        ---
        ## Description

        Les appels manqués sont listés chaque matin et répartis entre les agents.
        """,
    "rex/2024/pesee-tanneries-2024.md": """\
        ---
        title: Pesées au restaurant scolaire des Tanneries
        date: 2024-06-30
        status: validated
        outcome: success
        services: [restauration-scolaire]
        practices: [pesee-des-restes]
        measures:
          - indicator: gaspillage-alimentaire
            before: 140
            after: 100
        lessons:
          - Le pain représentait un cinquième des restes.
        tags: [gaspillage]
        ---
        ## Contexte

        Le restaurant des Tanneries sert 380 repas par jour.
        """,
    # Twin C: the same REX filed twice.
    "rex/2023/rappel-usagers-bellevue-2023.md": """\
        ---
        title: Rappel des usagers à la mairie annexe de Bellevue
        date: 2023-11-30
        status: validated
        outcome: partial
        services: [accueil]
        practices: [rappel-sous-48h]
        lessons:
          - Lister les appels manqués chaque matin évite les oublis.
          - Les usagers apprécient d'être rappelés même sans réponse définitive.
        ---
        ## Contexte

        Un appel sur trois restait sans réponse à la mairie annexe.
        """,
    "rex/2024/mairie-bellevue-rappels-2023.md": """\
        ---
        title: Rappeler les usagers de la mairie annexe de Bellevue
        date: 2023-12-15
        status: draft
        outcome: partial
        services: [accueil]
        practices: [rappel-sous-48h]
        lessons:
          - La liste des appels manqués, tenue chaque matin, évite d'oublier des usagers.
          - Être rappelé est apprécié des usagers, même sans réponse définitive.
        ---
        ## Contexte

        À la mairie annexe, un appel sur trois n'obtenait aucune réponse.
        """,
}


@pytest.fixture
def corpus(write_tree: WriteTree) -> rex.Corpus:
    """The planted corpus, loaded (it must be valid for the test to mean anything)."""
    loaded = rex.load(write_tree(CORPUS))
    assert loaded.valid, loaded.report.errors
    assert len(loaded) == len(CORPUS)
    return loaded


@pytest.fixture
def index(corpus: rex.Corpus) -> SimilarityIndex:
    return SimilarityIndex.build(corpus)


@pytest.mark.parametrize(("one", "other"), TWINS + [(b, a) for a, b in TWINS])
def test_each_twin_comes_first_in_the_others_list(
    index: SimilarityIndex, one: str, other: str
) -> None:
    found = index.similar(one)
    assert found[0].id == other
    assert found[0].score > found[1].score


def test_twins_are_flagged_and_records_that_only_share_a_service_are_not(
    corpus: rex.Corpus,
) -> None:
    pairs = near_duplicates(corpus)
    assert {(p.first.id, p.second.id) for p in pairs} == {tuple(sorted(t)) for t in TWINS}
    for pair in pairs:
        assert pair.first.kind is pair.second.kind
        assert pair.first.id < pair.second.id
        assert pair.score >= DUPLICATE_THRESHOLD
        # Both files are named, and the twins live in different folders.
        assert Path(pair.first.relpath).parent != Path(pair.second.relpath).parent
        assert pair.to_dict()["second"]["path"] == pair.second.relpath
    # The unrelated records share a service (and an indicator) with a twin, yet stay apart.
    flagged = {p.first.id for p in pairs} | {p.second.id for p in pairs}
    assert not flagged & {"menu-a-choix", "entretien-preventif-chaussees", "rappel-sous-48h"}


def test_reasons_name_shared_links_tags_and_words(
    index: SimilarityIndex, corpus: rex.Corpus
) -> None:
    twin = index.similar("pesee-des-restes")[0]
    assert twin.services == ("restauration-scolaire",)
    assert twin.indicators == ("gaspillage-alimentaire",)
    assert twin.practices == ()
    assert twin.tags == ("gaspillage",)  # "Gaspillage" and "gaspillage" are one tag
    assert not twin.linked
    assert "portions" in twin.words
    analyzer = Analyzer()
    mine, theirs = (
        set(analyzer.stems(_text(corpus.practices[rid]))) for rid in ("pesee-des-restes", twin.id)
    )
    for word in twin.words:
        (stem,) = analyzer.stems(word)
        assert stem in mine and stem in theirs, word
    applied = next(s for s in index.similar("pesee-tanneries-2024") if s.kind is Kind.PRACTICE)
    assert applied.id == "pesee-des-restes"
    assert applied.practices == ("pesee-des-restes",)
    assert applied.linked
    assert applied.to_dict()["practices"] == ["pesee-des-restes"]


def _text(record: rex.Record) -> str:
    return f"{record.title} {summary_text(record)} {record.body} {lessons_text(record)}"


def test_ignore_silences_a_pair_from_either_side(corpus: rex.Corpus) -> None:
    everything = {(p.first.id, p.second.id) for p in near_duplicates(corpus)}
    one = near_duplicates(corpus, ignore={"peser-dechets-cantine": ["pesee-des-restes"]})
    other = near_duplicates(corpus, ignore={"pesee-des-restes": {"peser-dechets-cantine"}})
    for pairs in (one, other):
        kept = {(p.first.id, p.second.id) for p in pairs}
        assert kept == everything - {("pesee-des-restes", "peser-dechets-cantine")}
    unrelated = near_duplicates(corpus, ignore={"pesee-des-restes": ["menu-a-choix"]})
    assert {(p.first.id, p.second.id) for p in unrelated} == everything


@pytest.mark.parametrize("limit", [0, 1, 3, 100])
def test_limit_is_respected(index: SimilarityIndex, corpus: rex.Corpus, limit: int) -> None:
    for record in corpus:
        found = index.similar(record, limit)
        assert len(found) <= limit
        assert record.id not in {s.id for s in found if s.kind is record.kind}
        assert all(0 < s.score <= 1 for s in found)
        assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert len(index.similar("pesee-des-restes", 3)) == 3


def test_unknown_id_raises_a_clear_error(index: SimilarityIndex, corpus: rex.Corpus) -> None:
    with pytest.raises(UnknownRecordError, match="no record with id 'nope'"):
        index.similar("nope")
    with pytest.raises(KeyError):
        similar(corpus, "nope")
    with pytest.raises(RexError, match="no indicator with id 'voirie'"):
        index.similar("voirie", kind="indicator")
    with pytest.raises(RexError, match="unknown kind 'practise'"):
        index.similar("pesee-des-restes", kind="practise")


def test_an_id_shared_by_two_kinds_needs_its_kind(write_tree: WriteTree) -> None:
    files = dict(CORPUS)
    files["indicators/voirie.md"] = """\
        ---
        title: Linéaire de voirie entretenu
        definition: Kilomètres de chaussée refaits dans l'année.
        unit: km
        direction: increase
        services: [voirie]
        ---
        """
    index = SimilarityIndex.build(rex.load(write_tree(files)))
    with pytest.raises(UnknownRecordError, match="several kinds"):
        index.similar("voirie")
    services = index.similar("voirie", kind=Kind.SERVICE)
    indicators = index.similar("voirie", kind="indicators")
    assert services != indicators
    # The indicator links the service: each finds the other.
    assert ("indicators", "voirie") in {(s.kind.value, s.id) for s in services}
    assert ("services", "voirie") in {(s.kind.value, s.id) for s in indicators}


def test_ties_are_broken_by_id_and_order_is_stable(write_tree: WriteTree) -> None:
    same = """\
        ---
        title: Taux de réclamations
        definition: Réclamations écrites pour mille usagers reçus.
        unit: "‰"
        direction: decrease
        services: [accueil]
        ---
        """
    files = {
        "services/accueil.md": CORPUS["services/accueil.md"],
        "indicators/reclamations-c.md": same,
        "indicators/reclamations-a.md": same,
        "indicators/reclamations-b.md": same,
    }
    corpus = rex.load(write_tree(files))
    found = SimilarityIndex.build(corpus).similar("accueil")
    assert [s.id for s in found] == ["reclamations-a", "reclamations-b", "reclamations-c"]
    assert len({s.score for s in found}) == 1
    again = SimilarityIndex.build(rex.load(corpus.root)).similar("accueil")
    assert [s.to_dict() for s in again] == [s.to_dict() for s in found]


def test_similar_builds_the_index_once_per_corpus(corpus: rex.Corpus) -> None:
    first = similar(corpus, "pesee-des-restes")
    record = corpus.practices["pesee-des-restes"]
    assert similar(corpus, record) == first
    assert [s.id for s in first] == [
        s.id for s in SimilarityIndex.build(corpus).similar("pesee-des-restes")
    ]


def test_lookups_are_exact_on_a_small_corpus() -> None:
    # Below the posting cap every candidate is scanned: the top results must be those of a
    # brute-force cosine over every pair of vectors.
    corpus = rex.load(SAMPLE)
    index = SimilarityIndex.build(corpus)
    vectors = [
        dict(zip(f, w, strict=True))
        for f, w in zip(index._vectors.features, index._vectors.weights, strict=True)
    ]
    for doc, record in enumerate(index._records):
        scores = sorted(
            (
                -round(sum(v * vectors[other].get(f, 0.0) for f, v in vectors[doc].items()), 4),
                index._records[other].id,
            )
            for other in range(len(vectors))
            if other != doc
        )
        expected = [(rid, -neg) for neg, rid in scores if neg < 0][:5]
        assert [(s.id, s.score) for s in index.similar(record, kind=record.kind)] == expected


def test_the_sample_corpus_has_no_duplicates() -> None:
    assert near_duplicates(rex.load(SAMPLE)) == []


@pytest.mark.parametrize(
    ("planted", "threshold"), [(False, 0.1), (False, 0.2), (True, 0.3), (True, 0.45)]
)
def test_duplicate_candidates_miss_no_pair(
    write_tree: WriteTree, planted: bool, threshold: float
) -> None:
    # The prefix and positional filters must find every pair a comparison of all pairs finds.
    corpus = rex.load(write_tree(CORPUS) if planted else SAMPLE)
    expected = {
        (a.id, b.id): score
        for kind in Kind
        for a, b, score in _all_pairs(corpus.records(kind))
        if score >= threshold
    }
    assert expected, "the threshold is too high to test anything"
    found = near_duplicates(corpus, threshold=threshold)
    assert {(p.first.id, p.second.id): p.score for p in found} == {
        pair: round(score, 4) for pair, score in expected.items()
    }
    assert all(isinstance(p, DuplicatePair) for p in found)


def _all_pairs(records: list[rex.Record]) -> list[tuple[rex.Record, rex.Record, float]]:
    """Weighted Jaccard of every pair, written plainly from the definition."""
    analyzer = Analyzer()
    texts = []
    for record in records:
        title = set(analyzer.stems(record.title, numbers=True))
        summary = summary_text(record) or lessons_text(record)
        texts.append((title, set(analyzer.stems(summary, numbers=True))))
    df: dict[str, int] = {}
    for title, summary in texts:
        for stem in title | summary:
            df[stem] = df.get(stem, 0) + 1
    weights = []
    for title, summary in texts:
        idf = {s: math.log(1 + len(texts) / df[s]) for s in title | summary}
        weights.append({s: idf[s] * (TITLE_FACTOR if s in title else 1.0) for s in idf})
    pairs = []
    for (a, wa), (b, wb) in itertools.combinations(zip(records, weights, strict=True), 2):
        keys = wa.keys() | wb.keys()
        low = sum(min(wa.get(s, 0.0), wb.get(s, 0.0)) for s in keys)
        high = sum(max(wa.get(s, 0.0), wb.get(s, 0.0)) for s in keys)
        first, second = sorted((a, b), key=lambda r: r.id)
        pairs.append((first, second, low / high))
    return pairs
