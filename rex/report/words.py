"""The report's words and formats in the language spoken now (`rex.i18n`).

`rex.present` formats the French way unless told ``lang="en"``; these bind its formats to the
current language, so `rex --lang en report` reads ``12.5%`` and ``July 7, 2023`` and the site
(generated in French) reads ``12,5 %`` and ``7 juillet 2023``. Counts are `ngettext` messages
(``{n} day`` / ``{n} jours``), their number formatted here.
"""

from __future__ import annotations

import datetime as dt

from .. import present
from ..i18n import N_, _, get_language, ngettext
from ..models import Kind, Outcome
from ..results.period import Period

#: Each kind's name in a report's table of kinds.
KIND_PLURALS: dict[Kind, str] = {
    Kind.PRACTICE: N_("Practices"),
    Kind.REX: N_("Experience reports"),
    Kind.INDICATOR: N_("Indicators"),
    Kind.SERVICE: N_("Services"),
}


def number(value: float, decimals: int = 2) -> str:
    """``12.5`` / ``12,5``."""
    return present.number(value, decimals, lang=get_language())


def signed_number(value: float, decimals: int = 2) -> str:
    """``+1.5`` / ``+1,5``."""
    return present.signed_number(value, decimals, lang=get_language())


def percent(value: float, decimals: int = 1) -> str:
    """``12.5%`` / ``12,5 %``."""
    return present.percent(value, decimals, lang=get_language())


def share(value: float | None) -> str:
    """``50%`` / ``50 %`` for 0.5, or ``—``."""
    return present.share(value, lang=get_language())


def signed_percent(value: float | None) -> str:
    """``+12.5%`` / ``+12,5 %``, ``n/a`` / ``n.d.``."""
    return present.signed_percent(value, lang=get_language())


def measured(value: float, unit: str) -> str:
    """``4.5 jours`` / ``4,5 jours``: the unit as the indicator writes it."""
    return present.measured(value, unit, lang=get_language())


def date(value: dt.date | None) -> str:
    """``July 7, 2023`` / ``7 juillet 2023``."""
    return present.french_date(value, lang=get_language())


def period(value: Period | str | None) -> str:
    """``Q1 2025`` / ``1er trimestre 2025``."""
    return present.french_period(value, lang=get_language())


def days(n: int) -> str:
    """``3 days`` / ``3 jours``."""
    return ngettext("{n} day", "{n} days", n).format(n=number(n))


def kind_plural(kind: Kind) -> str:
    """``Practices`` / ``Bonnes pratiques`` (another kind: its French name)."""
    return _(KIND_PLURALS[kind]) if kind in KIND_PLURALS else present.kind_label(kind, 2)


def stale_note(kind: Kind, last: str) -> str:
    """What follows a stale draft: its kind (drafts are practices and REX) and last date."""
    if kind is Kind.PRACTICE:
        return _("(practice, last date: {date})").format(date=last)
    if kind is Kind.REX:
        return _("(experience report, last date: {date})").format(date=last)
    return f"({present.kind_label(kind).lower()}, {last})"


def outcome_count(outcome: Outcome, n: int) -> str:
    """``1 success`` / ``1 réussite``, ``0 partial successes`` / ``0 réussite partielle``."""
    if outcome is Outcome.SUCCESS:
        text = ngettext("{n} success", "{n} successes", n)
    elif outcome is Outcome.PARTIAL:
        text = ngettext("{n} partial success", "{n} partial successes", n)
    else:
        text = ngettext("{n} failure", "{n} failures", n)
    return text.format(n=number(n))


__all__ = [
    "KIND_PLURALS",
    "date",
    "days",
    "kind_plural",
    "measured",
    "number",
    "outcome_count",
    "percent",
    "period",
    "share",
    "signed_number",
    "signed_percent",
    "stale_note",
]
