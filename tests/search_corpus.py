"""A small French corpus for the search tests: one theme per record, known words in known places."""

from __future__ import annotations

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
