"""What the REX say about a practice: measured changes and a level of evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Indicator, Measure, Practice, Rex
from ..report.gaps import evidence_facts
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
    """The evidence level of ``practice`` from the REX that applied it, in French.

    The rule is the report's (`rex.report.gaps.EvidenceFacts.level`): élevé, modéré, faible
    or aucun.
    """
    facts = evidence_facts(practice, rex_list, indicators)
    return Evidence(_LEVELS[facts.level], facts.rex_count, facts.improved, facts.failures)


_LEVELS = {"high": "élevé", "moderate": "modéré", "low": "faible", "none": "aucun"}
