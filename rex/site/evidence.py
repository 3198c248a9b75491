"""What the REX say about a practice: measured changes and a level of evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Indicator, Measure, Outcome, Practice, Rex
from .html import number, percent_change, signed_percent


@dataclass(frozen=True)
class Change:
    """One measure read through its indicator: values, change and whether it is better."""

    indicator: Indicator
    measure: Measure

    @property
    def percent(self) -> float | None:
        """Change in percent of the value before (None when that is 0)."""
        return percent_change(self.measure)

    @property
    def better(self) -> bool | None:
        """True if better per the indicator's direction, False if worse, None if unchanged."""
        return self.indicator.better(self.measure.before, self.measure.after)

    @property
    def verdict(self) -> str:
        """``mieux``, ``moins bien`` or ``inchangé``."""
        return {True: "mieux", False: "moins bien", None: "inchangé"}[self.better]

    @property
    def tone(self) -> str:
        """Badge tone matching `verdict`."""
        return {True: "good", False: "bad", None: "neutral"}[self.better]

    def values(self) -> str:
        """``12 → 7 jours``."""
        unit = self.indicator.unit
        return f"{number(self.measure.before)} → {number(self.measure.after)} {unit}"

    def summary(self) -> str:
        """``12 → 7 jours (−41,7 %, mieux)``."""
        return f"{self.values()} ({signed_percent(self.percent)}, {self.verdict})"


def changes(rex: Rex, indicators: dict[str, Indicator]) -> list[Change]:
    """The measures of ``rex`` whose indicator is known (others are left out)."""
    return [Change(indicators[m.indicator], m) for m in rex.measures if m.indicator in indicators]


@dataclass(frozen=True)
class Evidence:
    """How strongly the REX support a practice."""

    level: str  # aucun, faible, modéré, élevé
    rex_count: int
    improved: int  # REX with a measured improvement on an indicator the practice targets
    failures: int

    @property
    def tone(self) -> str:
        """Badge tone for the level."""
        return {"élevé": "good", "modéré": "mixed"}.get(self.level, "neutral")

    def explain(self) -> str:
        """A French sentence saying what the level rests on."""
        if not self.rex_count:
            return "Aucun retour d'expérience ne documente encore cette pratique."
        plural = "s" if self.rex_count > 1 else ""
        return (
            f"{self.rex_count} retour{plural} d'expérience, dont {self.improved} avec une "
            f"amélioration mesurée sur un indicateur visé et {self.failures} échec"
            f"{'s' if self.failures > 1 else ''}."
        )


def evidence(
    practice: Practice, rex_list: Sequence[Rex], indicators: dict[str, Indicator]
) -> Evidence:
    """The evidence level of ``practice`` from the REX that applied it.

    élevé: at least 3 REX, at least 2 with a measured improvement on a targeted indicator, and
    failures at most a third; modéré: at least 2 REX with one measured improvement and failures
    at most half; faible: any other REX; aucun: no REX.
    """
    targeted = set(practice.indicators)
    improved = sum(
        1
        for rex in rex_list
        if any(c.better for c in changes(rex, indicators) if c.indicator.id in targeted)
    )
    failures = sum(1 for rex in rex_list if rex.outcome is Outcome.FAILURE)
    n = len(rex_list)
    if n == 0:
        level = "aucun"
    elif n >= 3 and improved >= 2 and failures * 3 <= n:
        level = "élevé"
    elif n >= 2 and improved >= 1 and failures * 2 <= n:
        level = "modéré"
    else:
        level = "faible"
    return Evidence(level, n, improved, failures)
