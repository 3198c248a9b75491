"""French presentation: the one place for the words and formats people read.

Labels of every enumeration, dates (``7 juillet 2023``), numbers (``1 250,5``), percentages
(``12,5 %``) and plurals. The site, the Markdown and text reports use these, so a status or a
date reads the same everywhere. Spaces inside numbers and before ``%`` are narrow no-break
spaces (U+202F), as French typography wants, so ``12,5 %`` never breaks across lines.
"""

from __future__ import annotations

import datetime as dt

from .diagnostics import Severity
from .models import (
    ActionOrigin,
    ActionStatus,
    Direction,
    Kind,
    Outcome,
    Priority,
    RegistryView,
    Status,
    TerritoryType,
)
from .results.period import Granularity, Period
from .results.status import State, Trend

NNBSP = "\u202f"  # narrow no-break space: thousands separator and before "%"
MINUS = "\u2212"  # the minus sign, not the hyphen
NONE = "—"  # a figure that does not exist (no measure, no median)

#: Each kind's French label, singular and plural, from the kind registry.
KIND_LABELS: RegistryView[Kind, tuple[str, str]] = RegistryView(
    lambda: {kind: (kind.spec.label, kind.spec.plural) for kind in Kind}
)
STATUS_LABELS: dict[Status, str] = {
    Status.DRAFT: "brouillon",
    Status.PROPOSED: "proposée",
    Status.VALIDATED: "validée",
    Status.RETIRED: "retirée",
}
OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.SUCCESS: "réussite",
    Outcome.PARTIAL: "réussite partielle",
    Outcome.FAILURE: "échec",
}
#: Plurals that do not just add an "s".
OUTCOME_PLURALS: dict[Outcome, str] = {
    Outcome.SUCCESS: "réussites",
    Outcome.PARTIAL: "réussites partielles",
    Outcome.FAILURE: "échecs",
}
DIRECTION_LABELS: dict[Direction, str] = {
    Direction.INCREASE: "à la hausse (plus c'est haut, mieux c'est)",
    Direction.DECREASE: "à la baisse (plus c'est bas, mieux c'est)",
}
#: For tables, which have no room for the explanation.
DIRECTION_SHORT: dict[Direction, str] = {
    Direction.INCREASE: "à la hausse",
    Direction.DECREASE: "à la baisse",
}
ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.PLANNED: "prévue",
    ActionStatus.IN_PROGRESS: "en cours",
    ActionStatus.DONE: "réalisée",
    ActionStatus.ABANDONED: "abandonnée",
}
ORIGIN_LABELS: dict[ActionOrigin, str] = {
    ActionOrigin.MEASURE: "mesure des résultats",
    ActionOrigin.SURVEY: "enquête",
    ActionOrigin.COMPLAINT: "réclamations",
    ActionOrigin.COMMITTEE: "comité",
    ActionOrigin.DIAGNOSTIC: "diagnostic",
    ActionOrigin.USER_FEEDBACK: "retours d'usagers",
    ActionOrigin.OTHER: "autre",
}
PRIORITY_LABELS: dict[Priority, str] = {
    Priority.HIGH: "haute",
    Priority.MEDIUM: "moyenne",
    Priority.LOW: "basse",
}
#: Where a series of results stands against its target (objectif).
STATE_LABELS: dict[State, str] = {
    State.MET: "objectif atteint",
    State.OFF_TARGET: "objectif non atteint",
    State.STALE: "résultat non à jour",
    State.NO_TARGET: "sans objectif",
    State.NO_DATA: "sans résultat",
}
TREND_LABELS: dict[Trend, str] = {
    Trend.IMPROVING: "en amélioration",
    Trend.WORSENING: "en dégradation",
    Trend.STABLE: "stable",
    Trend.UNKNOWN: "inconnue",
}
TERRITORY_TYPE_LABELS: dict[TerritoryType, str] = {
    TerritoryType.COMMUNE: "commune",
    TerritoryType.INTERCOMMUNALITE: "intercommunalité",
    TerritoryType.DEPARTEMENT: "département",
    TerritoryType.REGION: "région",
    TerritoryType.ETAT: "service de l'État",
    TerritoryType.ETABLISSEMENT: "établissement public",
    TerritoryType.AUTRE: "autre collectivité",
}
#: Population bands of `rex.context.POPULATION_BANDS`, by id.
POPULATION_BAND_LABELS: dict[str, str] = {
    "lt-2000": f"moins de 2{NNBSP}000 habitants",
    "2000-10000": f"de 2{NNBSP}000 à 10{NNBSP}000 habitants",
    "10000-50000": f"de 10{NNBSP}000 à 50{NNBSP}000 habitants",
    "50000-200000": f"de 50{NNBSP}000 à 200{NNBSP}000 habitants",
    "gt-200000": f"plus de 200{NNBSP}000 habitants",
}
#: Budget bands of `rex.context.BUDGET_BANDS`, by id.
BUDGET_BAND_LABELS: dict[str, str] = {
    "lt-10000": f"moins de 10{NNBSP}000 €",
    "10000-50000": f"de 10{NNBSP}000 à 50{NNBSP}000 €",
    "50000-200000": f"de 50{NNBSP}000 à 200{NNBSP}000 €",
    "gt-200000": f"plus de 200{NNBSP}000 €",
}
VISIBILITY_LABELS: dict[str, str] = {"internal": "interne", "public": "public"}
SEVERITY_LABELS: dict[Severity, tuple[str, str]] = {
    Severity.ERROR: ("erreur", "erreurs"),
    Severity.WARNING: ("avertissement", "avertissements"),
}
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def kind_label(kind: Kind, n: int = 1) -> str:
    """``Bonne pratique`` or, for ``n`` of 2 and more, ``Bonnes pratiques``."""
    one, many = KIND_LABELS[kind]
    return plural(n, one, many)


def french_date(value: dt.date | None) -> str:
    """``7 juillet 2023``, ``1er mai 2024``, or an empty string."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def french_period(value: Period | str | None) -> str:
    """``2025``, ``1er trimestre 2025``, ``mars 2025``, ``14 mars 2025``, or an empty string."""
    period = Period.parse(value) if isinstance(value, str) else value
    if period is None:
        return value if isinstance(value, str) else ""
    start, granularity = period.start, period.granularity
    if granularity is Granularity.YEAR:
        return str(start.year)
    if granularity is Granularity.QUARTER:
        quarter = (start.month - 1) // 3 + 1
        return f"{'1er' if quarter == 1 else f'{quarter}e'} trimestre {start.year}"
    if granularity is Granularity.MONTH:
        return f"{MONTHS[start.month - 1]} {start.year}"
    return french_date(start)


def duration(start: dt.date, end: dt.date) -> str:
    """How long from ``start`` to ``end``: ``3 semaines``, ``9 mois``, ``1 an et 2 mois``."""
    days = (end - start).days
    if days < 0:
        return ""
    if days < 61:
        weeks = round(days / 7)
        return count(weeks, "semaine") if weeks >= 1 else count(max(days, 1), "jour")
    months = round(days / 30.4375)
    years, rest = divmod(months, 12)
    if years == 0:
        return f"{months} mois"
    text = count(years, "an")
    return f"{text} et {rest} mois" if rest else text


def measured(value: float, unit: str) -> str:
    """A value with its unit: ``4,5 jours``, ``78,5 %`` (a narrow no-break space before %)."""
    return f"{number(value)}{NNBSP if unit == '%' else ' '}{unit}".rstrip()


def number(value: float, decimals: int = 2) -> str:
    """A number the French way: ``12,5``, ``1 250``, ``−3`` (no trailing zeros)."""
    text = f"{value:,.{decimals}f}".replace(",", NNBSP).replace(".", ",")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    if text.lstrip("-").replace(NNBSP, "").strip("0,") == "":
        text = text.lstrip("-")  # -0.001 rounds to "0", not "−0"
    return text.replace("-", MINUS)


def signed_number(value: float, decimals: int = 2) -> str:
    """``+1,5``, ``−1,5`` or ``0``: a change, whose sign matters."""
    text = number(value, decimals)
    return f"+{text}" if text[0].isdigit() and text.strip("0,") else text


def percent(value: float, decimals: int = 1) -> str:
    """``12,5 %`` for 12.5 (a value already in percent)."""
    return f"{number(value, decimals)}{NNBSP}%"


def share(value: float | None) -> str:
    """``50 %`` for 0.5 (a share between 0 and 1, rounded to the unit), or ``—``."""
    return NONE if value is None else percent(value * 100, 0)


def signed_percent(value: float | None) -> str:
    """``+12,5 %`` / ``−3 %`` / ``n.d.`` (not defined) for a change already in percent."""
    if value is None:
        return "n.d."
    return f"{signed_number(value, 1)}{NNBSP}%"


def plural(n: float, one: str, many: str | None = None) -> str:
    """``one`` for 0 and 1 (the French rule: "0 échec", "1,5 jour"), else ``many``."""
    return one if abs(n) < 2 else (many if many is not None else one + "s")


def count(n: int, one: str, many: str | None = None) -> str:
    """``0 échec``, ``1 échec``, ``1 250 échecs``."""
    return f"{number(n)} {plural(n, one, many)}"


__all__ = [
    "ACTION_STATUS_LABELS",
    "BUDGET_BAND_LABELS",
    "DIRECTION_LABELS",
    "DIRECTION_SHORT",
    "KIND_LABELS",
    "MONTHS",
    "NONE",
    "ORIGIN_LABELS",
    "OUTCOME_LABELS",
    "OUTCOME_PLURALS",
    "POPULATION_BAND_LABELS",
    "PRIORITY_LABELS",
    "SEVERITY_LABELS",
    "STATE_LABELS",
    "STATUS_LABELS",
    "TERRITORY_TYPE_LABELS",
    "TREND_LABELS",
    "VISIBILITY_LABELS",
    "count",
    "duration",
    "french_date",
    "french_period",
    "kind_label",
    "measured",
    "number",
    "percent",
    "plural",
    "share",
    "signed_number",
    "signed_percent",
]
