"""What indexing and searching return: plain dataclasses, independent of the search engine."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

FACET_NAMES = (
    "kind",
    "services",
    "indicators",
    "tags",
    "status",
    "outcome",
    "year",
    "territory",
    "territory_type",
    "population_band",
    "budget_band",
    "themes",
    "approach",
)


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What `build_index` did: record counts by change, and files skipped for their errors."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: int = 0
    full: bool = False

    @property
    def changed(self) -> bool:
        """True when the index was written."""
        return bool(self.added or self.updated or self.removed or self.full)

    def summary(self) -> str:
        """One line: ``added 3, updated 1, removed 0, unchanged 120``."""
        return (
            f"added {self.added}, updated {self.updated}, removed {self.removed}, "
            f"unchanged {self.unchanged}"
        )


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching record, with a snippet where the matched words are marked."""

    id: str
    kind: str
    title: str
    path: str
    score: float
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        """The hit as in ``rex search --format json``."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits of a query (best first), their total, and facet counts over all matches.

    ``corrected`` is the query actually run when the one typed matched nothing and a spelling
    fix or fuzzy matching found something instead.
    """

    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    corrected: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of ``rex search --format json``."""
        data: dict[str, Any] = {
            "query": self.query,
            "total": self.total,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": {name: dict(self.facets.get(name, {})) for name in FACET_NAMES},
            "corrected": self.corrected,
        }
        return data

    def to_json(self) -> str:
        """`to_dict` as indented JSON, non-ASCII kept readable."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
