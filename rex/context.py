"""What a reader needs to judge whether a record transfers: territory, size, completeness.

Territories come from services (a service names its ``territory``, else inherits its
parent's, else takes the corpus's only territory); bands group populations and budgets so
search can filter on them; `completeness` lists what a REX still lacks ("À compléter").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from .models import Rex, Service, Territory, TerritoryType

#: (id, upper bound excluded) of each population band; the last has no bound.
POPULATION_BANDS: tuple[tuple[str, float], ...] = (
    ("lt-2000", 2_000),
    ("2000-10000", 10_000),
    ("10000-50000", 50_000),
    ("50000-200000", 200_000),
    ("gt-200000", float("inf")),
)
#: (id, upper bound excluded) of each budget band, in euros.
BUDGET_BANDS: tuple[tuple[str, float], ...] = (
    ("lt-10000", 10_000),
    ("10000-50000", 50_000),
    ("50000-200000", 200_000),
    ("gt-200000", float("inf")),
)


def _band(value: float, bands: tuple[tuple[str, float], ...]) -> str:
    return next(name for name, upper in bands if value < upper)


def population_band(population: int) -> str:
    """The band id of a population: ``lt-2000``, ``2000-10000`` ... ``gt-200000``."""
    return _band(population, POPULATION_BANDS)


def budget_band(amount: float) -> str:
    """The band id of a budget in euros: ``lt-10000`` ... ``gt-200000``."""
    return _band(amount, BUDGET_BANDS)


@dataclass(frozen=True, slots=True)
class TerritoryProfile:
    """The territories a record's services belong to, their types and population bands."""

    territories: tuple[Territory, ...] = ()

    @property
    def types(self) -> tuple[TerritoryType, ...]:
        """Territory types, each once, in the order of the territories."""
        return tuple(dict.fromkeys(t.type for t in self.territories))

    @property
    def bands(self) -> tuple[str, ...]:
        """Population band ids, each once."""
        return tuple(dict.fromkeys(population_band(t.population) for t in self.territories))


def service_territory(
    service: Service,
    services: Mapping[str, Service],
    territories: Mapping[str, Territory],
) -> Territory | None:
    """The territory of ``service``: its own, its nearest ancestor's, or the only one."""
    seen: set[str] = set()
    current: Service | None = service
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.territory is not None:
            return territories.get(current.territory)
        current = services.get(current.parent) if current.parent else None
    # A corpus that describes one authority need not repeat it on every service.
    return next(iter(territories.values())) if len(territories) == 1 else None


def profile(
    service_ids: list[str],
    services: Mapping[str, Service],
    territories: Mapping[str, Territory],
) -> TerritoryProfile:
    """The territory profile of a record naming ``service_ids``."""
    found: dict[str, Territory] = {}
    for service_id in service_ids:
        service = services.get(service_id)
        territory = service_territory(service, services, territories) if service else None
        if territory is not None:
            found.setdefault(territory.id, territory)
    return TerritoryProfile(tuple(found.values()))


# --- completeness of a REX -------------------------------------------------------------

#: Body sections a REX sheet has, with the headings (folded) that count as each.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Contexte", ("contexte",)),
    ("Objectifs", ("objectif",)),
    ("Actions menées", ("actions", "ce qui a ete fait", "mise en oeuvre")),
    ("Résultats", ("resultat",)),
    ("Difficultés rencontrées", ("difficulte",)),
    ("Facteurs de réussite", ("facteurs de reussite", "conditions de reussite")),
    ("Pour reproduire", ("pour reproduire", "reproduire")),
)
#: Recommended keys and their French names; a key also stands in for the section it mirrors.
KEYS: tuple[tuple[str, str], ...] = (
    ("started", "date de début"),
    ("budget", "budget"),
    ("staff", "moyens humains"),
    ("partners", "partenaires"),
    ("funding", "financements"),
    ("contact", "contact"),
    ("themes", "thèmes"),
    ("approach", "approche"),
)
_MIRRORS = {
    "Contexte": "context",
    "Résultats": "measures",
    "Difficultés rencontrées": "difficulties",
    "Facteurs de réussite": "success_factors",
    "Pour reproduire": "transferability",
}
PLACEHOLDER = "À compléter"
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True, slots=True)
class Completeness:
    """How much of the recommended context a REX gives: a score and what is missing."""

    score: float
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """True when nothing recommended is missing."""
        return not self.missing


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def filled_sections(body: str) -> set[str]:
    """The names of the `SECTIONS` that have a heading followed by real text."""
    found: set[str] = set()
    current: str | None = None
    for line in body.splitlines():
        heading = _HEADING.match(line)
        if heading is not None:
            title = _fold(heading.group(1))
            current = next((name for name, starts in SECTIONS if title.startswith(starts)), None)
        elif current is not None and line.strip() and not line.strip().startswith(PLACEHOLDER):
            found.add(current)
    return found


def completeness(record: Rex) -> Completeness:
    """Which recommended keys and sections ``record`` fills: the share, and the rest by name."""
    sections = filled_sections(record.body)
    missing: list[str] = []
    for name, _ in SECTIONS:
        mirror = _MIRRORS.get(name)
        if name not in sections and not (mirror and getattr(record, mirror)):
            missing.append(f"section « {name} »")
    missing += [label for key, label in KEYS if getattr(record, key) in (None, [], "")]
    total = len(SECTIONS) + len(KEYS)
    return Completeness(round((total - len(missing)) / total, 4), tuple(missing))
