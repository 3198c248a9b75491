"""A small French corpus for the search tests: one theme per record, known words in known places."""

from __future__ import annotations

import random

from .conftest import MINIMAL

SEARCH_CORPUS: dict[str, str | bytes] = {
    **MINIMAL,
    "services/restauration-scolaire.md": """\
        ---
        title: Restauration scolaire
        description: Les cantines des écoles de la ville.
        ---
        """,
    "indicators/gaspillage-alimentaire.md": """\
        ---
        title: Gaspillage alimentaire
        definition: Grammes de nourriture jetés par repas servi.
        unit: g/repas
        direction: decrease
        services: [restauration-scolaire]
        ---
        """,
    "practices/pesee-des-restes.md": """\
        ---
        title: Peser les restes pour ajuster les portions
        summary: Des pesées quotidiennes des plateaux, partagées avec la cuisine.
        status: proposed
        services: [restauration-scolaire]
        indicators: [gaspillage-alimentaire]
        tags: [Propreté, cantine]
        updated: 2023-05-02
        ---
        ## Description
        Chaque midi, les agents pèsent ce qui reste dans les assiettes.
        """,
    "rex/cantine-jaures-2025.md": """\
        ---
        title: Moins de restes à la cantine Jaurès
        date: 2025-06-30
        status: validated
        outcome: partial
        services: [restauration-scolaire]
        practices: [pesee-des-restes]
        measures:
          - indicator: gaspillage-alimentaire
            before: 120
            after: 95
        lessons:
          - Commencer par une semaine de mesure avant de changer les menus.
        tags: [cantine]
        ---
        ## Contexte
        Les enfants laissaient beaucoup de légumes, surtout en été.

        ## Ce qui a été fait
        Une cartographie des processus de la cuisine a précédé les changements.
        """,
}


#: Words of the generated corpus: a few in most records (posting lists of several blocks),
#: others rarer, some sharing a prefix.
COMMON = ["usagers", "délais", "intervention", "équipe", "demandes", "quartier", "suivi"]
RARE = ["pesée", "cantine", "interventions", "intervenants", "guichet", "chatbot", "piscine"]
#: More services and indicators than facets counted value by value (64).
SERVICES = [f"service-{number}" for number in range(80)]
INDICATORS = [f"indicateur-{number}" for number in range(70)]


def generated_corpus(records: int, seed: int = 7) -> dict[str, str | bytes]:
    """``records`` practices of random French words (plus the services they name); every
    tenth one supersedes the one before it."""
    rng = random.Random(seed)
    files: dict[str, str | bytes] = {
        f"services/{name}.md": f"---\ntitle: {name.replace('-', ' ').title()}\n---\n"
        for name in SERVICES
    }
    for name in INDICATORS:
        files[f"indicators/{name}.md"] = (
            f"---\ntitle: {name.title()}\ndefinition: Un taux.\nunit: '%'\n"
            "direction: increase\nservices: [service-0]\n---\n"
        )

    def words(count: int) -> str:
        return " ".join(rng.choice(COMMON if rng.random() < 0.6 else RARE) for _ in range(count))

    for number in range(records):
        supersedes = f"supersedes: [pratique-{number - 1}]\n" if number % 10 == 9 else ""
        files[f"practices/pratique-{number}.md"] = (
            "---\n"
            f"title: {words(rng.randint(1, 4)).capitalize()} {number}\n"
            f"summary: {words(rng.randint(3, 12))}.\n"
            "status: validated\n"
            f"services: [{', '.join(rng.sample(SERVICES, rng.randint(1, 2)))}]\n"
            f"indicators: [{', '.join(rng.sample(INDICATORS, rng.randint(1, 3)))}]\n"
            f"{supersedes}"
            "---\n"
            f"## Description\n{words(rng.randint(0, 40))}.\n"
        )
    return files
