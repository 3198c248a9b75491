"""Presentation: the one place for the words and formats people read.

Labels of every enumeration, dates (``7 juillet 2023``), numbers (``1 250,5``), percentages
(``12,5 %``) and plurals. The site, the Markdown and text reports use these, so a status or a
date reads the same everywhere. Spaces inside numbers and before ``%`` are narrow no-break
spaces (U+202F), as French typography wants, so ``12,5 %`` never breaks across lines.

The site is French: the tables read French and the functions format the French way. The
reports (`rex report`, `rex gaps`) follow the user's language: the tables they use are
`Labels`, English words marked for the catalogue whose `Labels.local` is in the language
spoken now, and the formats take ``lang="en"`` (``12.5``, ``1,250``, ``12.5%``,
``July 7, 2023``, ``Q1 2025``); `rex.report.words` binds them to the current language.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterator, Mapping
from functools import cache
from typing import TypeVar

from .diagnostics import Severity
from .i18n import DOMAIN, LOCALE_DIR, N_, _
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
FR, EN = "fr", "en"

K = TypeVar("K")


@cache
def _french() -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[FR], fallback=True)


class Labels(Mapping[K, str]):
    """Labels written in English and marked for the catalogue: ``labels[key]`` is the French
    label (the site's language), ``labels.local(key)`` the label in the language spoken now."""

    def __init__(self, english: Mapping[K, str]) -> None:
        self.english = dict(english)

    def __getitem__(self, key: K) -> str:
        return _french().gettext(self.english[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self.english)

    def __len__(self) -> int:
        return len(self.english)

    def local(self, key: K) -> str:
        """The label of ``key`` in the current language."""
        return _(self.english[key])


#: Each kind's French label, singular and plural, from the kind registry.
KIND_LABELS: RegistryView[Kind, tuple[str, str]] = RegistryView(
    lambda: {kind: (kind.spec.label, kind.spec.plural) for kind in Kind}
)
STATUS_LABELS = Labels(
    {
        Status.DRAFT: N_("draft"),
        Status.PROPOSED: N_("proposed"),
        Status.VALIDATED: N_("validated"),
        Status.RETIRED: N_("retired"),
    }
)
OUTCOME_LABELS = Labels(
    {
        Outcome.SUCCESS: N_("success"),
        Outcome.PARTIAL: N_("partial success"),
        Outcome.FAILURE: N_("failure"),
    }
)
#: Plurals that do not just add an "s".
OUTCOME_PLURALS = Labels(
    {
        Outcome.SUCCESS: N_("successes"),
        Outcome.PARTIAL: N_("partial successes"),
        Outcome.FAILURE: N_("failures"),
    }
)
DIRECTION_LABELS: dict[Direction, str] = {
    Direction.INCREASE: "à la hausse (plus c'est haut, mieux c'est)",
    Direction.DECREASE: "à la baisse (plus c'est bas, mieux c'est)",
}
#: For tables, which have no room for the explanation.
DIRECTION_SHORT = Labels({Direction.INCREASE: N_("upwards"), Direction.DECREASE: N_("downwards")})
ACTION_STATUS_LABELS = Labels(
    {
        ActionStatus.PLANNED: N_("planned"),
        ActionStatus.IN_PROGRESS: N_("in progress"),
        ActionStatus.DONE: N_("done"),
        ActionStatus.ABANDONED: N_("abandoned"),
    }
)
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
STATE_LABELS = Labels(
    {
        State.MET: N_("target met"),
        State.OFF_TARGET: N_("target not met"),
        State.STALE: N_("result not up to date"),
        State.NO_TARGET: N_("no target"),
        State.NO_DATA: N_("no result"),
    }
)
TREND_LABELS = Labels(
    {
        Trend.IMPROVING: N_("improving"),
        Trend.WORSENING: N_("worsening"),
        Trend.STABLE: N_("stable"),
        Trend.UNKNOWN: N_("unknown"),
    }
)
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
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def kind_label(kind: Kind, n: int = 1) -> str:
    """``Bonne pratique`` or, for ``n`` of 2 and more, ``Bonnes pratiques``."""
    one, many = KIND_LABELS[kind]
    return plural(n, one, many)


def french_date(value: dt.date | None, *, lang: str = FR) -> str:
    """``7 juillet 2023``, ``1er mai 2024`` (English: ``July 7, 2023``), or an empty string."""
    if value is None:
        return ""
    if lang == EN:
        return f"{MONTHS_EN[value.month - 1]} {value.day}, {value.year}"
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def french_period(value: Period | str | None, *, lang: str = FR) -> str:
    """``2025``, ``1er trimestre 2025``, ``mars 2025``, ``14 mars 2025`` (English: ``Q1 2025``,
    ``March 2025``, ``March 14, 2025``), or an empty string."""
    period = Period.parse(value) if isinstance(value, str) else value
    if period is None:
        return value if isinstance(value, str) else ""
    start, granularity = period.start, period.granularity
    months = MONTHS_EN if lang == EN else MONTHS
    if granularity is Granularity.YEAR:
        return str(start.year)
    if granularity is Granularity.QUARTER:
        quarter = (start.month - 1) // 3 + 1
        if lang == EN:
            return f"Q{quarter} {start.year}"
        return f"{'1er' if quarter == 1 else f'{quarter}e'} trimestre {start.year}"
    if granularity is Granularity.MONTH:
        return f"{months[start.month - 1]} {start.year}"
    return french_date(start, lang=lang)


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


def measured(value: float, unit: str, *, lang: str = FR) -> str:
    """A value with its unit: ``4,5 jours``, ``78,5 %`` (a narrow no-break space before %;
    English: ``4.5 jours``, ``78.5%``)."""
    space = ("" if lang == EN else NNBSP) if unit == "%" else " "
    return f"{number(value, lang=lang)}{space}{unit}".rstrip()


def number(value: float, decimals: int = 2, *, lang: str = FR) -> str:
    """A number the French way: ``12,5``, ``1 250``, ``−3`` (no trailing zeros); English:
    ``12.5``, ``1,250``, ``−3``."""
    text = f"{value:,.{decimals}f}"
    point = "." if lang == EN else ","
    if lang != EN:
        text = text.replace(",", NNBSP).replace(".", ",")
    if point in text:
        text = text.rstrip("0").rstrip(point)
    if text.lstrip("-").replace(NNBSP, "").replace(",", "").strip("0.") == "":
        text = text.lstrip("-")  # -0.001 rounds to "0", not "−0"
    return text.replace("-", MINUS)


def signed_number(value: float, decimals: int = 2, *, lang: str = FR) -> str:
    """``+1,5``, ``−1,5`` or ``0``: a change, whose sign matters."""
    text = number(value, decimals, lang=lang)
    return f"+{text}" if text[0].isdigit() and text.strip("0,.") else text


def _percent_sign(lang: str) -> str:
    return "%" if lang == EN else f"{NNBSP}%"


def percent(value: float, decimals: int = 1, *, lang: str = FR) -> str:
    """``12,5 %`` for 12.5 (a value already in percent); English: ``12.5%``."""
    return number(value, decimals, lang=lang) + _percent_sign(lang)


def share(value: float | None, *, lang: str = FR) -> str:
    """``50 %`` for 0.5 (a share between 0 and 1, rounded to the unit), or ``—``."""
    return NONE if value is None else percent(value * 100, 0, lang=lang)


def signed_percent(value: float | None, *, lang: str = FR) -> str:
    """``+12,5 %`` / ``−3 %`` / ``n.d.`` (not defined; English ``n/a``) for a change already
    in percent."""
    if value is None:
        return "n/a" if lang == EN else "n.d."
    return signed_number(value, 1, lang=lang) + _percent_sign(lang)


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
    "EN",
    "FR",
    "KIND_LABELS",
    "MONTHS",
    "MONTHS_EN",
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
    "Labels",
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
