"""French presentation: every enum member has a label; numbers, dates and plurals."""

from __future__ import annotations

import datetime as dt
import typing
from enum import Enum

import pytest

from rex import present
from rex.diagnostics import Severity
from rex.models import (
    ActionOrigin,
    ActionStatus,
    Direction,
    Kind,
    Outcome,
    PracticeMeta,
    Priority,
    Status,
    TerritoryType,
)
from rex.results import State, Trend

N = "\u202f"  # narrow no-break space

LABELS: list[tuple[type[Enum], dict[typing.Any, typing.Any]]] = [
    (Kind, present.KIND_LABELS),
    (Status, present.STATUS_LABELS),
    (Outcome, present.OUTCOME_LABELS),
    (Outcome, present.OUTCOME_PLURALS),
    (Direction, present.DIRECTION_LABELS),
    (Direction, present.DIRECTION_SHORT),
    (Severity, present.SEVERITY_LABELS),
    (ActionStatus, present.ACTION_STATUS_LABELS),
    (ActionOrigin, present.ORIGIN_LABELS),
    (Priority, present.PRIORITY_LABELS),
    (TerritoryType, present.TERRITORY_TYPE_LABELS),
    (State, present.STATE_LABELS),
    (Trend, present.TREND_LABELS),
]


@pytest.mark.parametrize(("enum", "labels"), LABELS, ids=lambda v: getattr(v, "__name__", ""))
def test_every_enum_member_has_a_label(
    enum: type[Enum], labels: dict[typing.Any, typing.Any]
) -> None:
    assert set(labels) == set(enum)
    for label in labels.values():
        words = label if isinstance(label, tuple) else (label,)
        assert all(w.strip() and w == w.strip() for w in words)
    # Two members never read the same.
    assert len(set(labels.values())) == len(labels)


def test_every_visibility_has_a_label() -> None:
    annotation = PracticeMeta.model_fields["visibility"].annotation
    assert (
        set(present.VISIBILITY_LABELS)
        == set(typing.get_args(annotation))
        == {
            "internal",
            "public",
        }
    )


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (12.5, 2, "12,5"),
        (1250, 2, f"1{N}250"),
        (1250.5, 2, f"1{N}250,5"),
        (1234567.891, 2, f"1{N}234{N}567,89"),
        (7.0, 2, "7"),
        (0.0, 2, "0"),
        (-1.5, 2, "−1,5"),
        (-0.001, 2, "0"),  # rounds to zero: no "−0"
        (2 / 3, 1, "0,7"),
        (100, 0, "100"),
    ],
)
def test_numbers(value: float, decimals: int, expected: str) -> None:
    assert present.number(value, decimals) == expected


def test_signed_numbers_and_percentages() -> None:
    assert present.signed_number(1.5) == "+1,5"
    assert present.signed_number(-1.5) == "−1,5"
    assert present.signed_number(0) == "0"
    assert present.signed_number(0.001) == "0"
    assert present.signed_number(1250) == f"+1{N}250"
    assert present.percent(12.5) == f"12,5{N}%"
    assert present.share(0.5) == f"50{N}%"
    assert present.share(1 / 3) == f"33{N}%"
    assert present.share(None) == "—"
    assert present.signed_percent(12.5) == f"+12,5{N}%"
    assert present.signed_percent(-41.666) == f"−41,7{N}%"
    assert present.signed_percent(0.01) == f"0{N}%"
    assert present.signed_percent(None) == "n.d."


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2023, 7, 7), "7 juillet 2023"),
        (dt.date(2024, 5, 1), "1er mai 2024"),
        (dt.date(2025, 2, 28), "28 février 2025"),
        (dt.date(2025, 8, 31), "31 août 2025"),
        (dt.date(2025, 12, 1), "1er décembre 2025"),
        (None, ""),
    ],
)
def test_dates(day: dt.date | None, expected: str) -> None:
    assert present.french_date(day) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "pratique"), (1, "pratique"), (1.5, "pratique"), (2, "pratiques"), (1250, "pratiques")],
)
def test_plural_puts_zero_and_one_in_the_singular(n: float, expected: str) -> None:
    assert present.plural(n, "pratique", "pratiques") == expected


def test_counts_and_kind_labels() -> None:
    assert present.plural(3, "jour") == "jours"  # the default plural adds an s
    assert present.count(0, "échec") == "0 échec"
    assert present.count(2, "réussite partielle", "réussites partielles") == (
        "2 réussites partielles"
    )
    assert present.count(1250, "jour") == f"1{N}250 jours"
    assert present.kind_label(Kind.REX) == "Retour d'expérience"
    assert present.kind_label(Kind.REX, 0) == "Retour d'expérience"
    assert present.kind_label(Kind.PRACTICE, 2) == "Bonnes pratiques"


def test_the_site_uses_the_same_words() -> None:
    from rex.site import html

    assert html.STATUS_LABELS is present.STATUS_LABELS
    assert html.number is present.number and html.french_date is present.french_date


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2025", "2025"),
        ("2025-Q1", "1er trimestre 2025"),
        ("2025-T3", "3e trimestre 2025"),
        ("2025-03", "mars 2025"),
        ("2025-03-01", "1er mars 2025"),
        ("n'importe quoi", "n'importe quoi"),
        (None, ""),
    ],
)
def test_french_period(text: str | None, label: str) -> None:
    assert present.french_period(text) == label


def test_measured_values_keep_their_unit() -> None:
    assert present.measured(78.5, "%") == f"78,5{N}%"
    assert present.measured(4.25, "jours") == "4,25 jours"


def test_english_formats() -> None:
    en = present.EN
    assert present.number(1250.5, lang=en) == "1,250.5"
    assert present.number(-3, lang=en) == "−3" and present.number(-0.001, lang=en) == "0"
    assert present.signed_number(1.5, lang=en) == "+1.5"
    assert present.signed_number(0, lang=en) == "0"
    assert present.percent(12.5, lang=en) == "12.5%"
    assert present.share(0.5, lang=en) == "50%"
    assert present.signed_percent(-3, lang=en) == "−3%"
    assert present.signed_percent(None, lang=en) == "n/a"
    assert present.measured(78.5, "%", lang=en) == "78.5%"
    assert present.measured(4.25, "days", lang=en) == "4.25 days"
    assert present.french_date(dt.date(2023, 7, 7), lang=en) == "July 7, 2023"
    assert present.french_period("2025-Q1", lang=en) == "Q1 2025"
    assert present.french_period("2025-03", lang=en) == "March 2025"
    assert present.french_period("2025-03-01", lang=en) == "March 1, 2025"


def test_labels_read_french_and_translate_locally() -> None:
    from rex.i18n import use_language

    assert present.STATUS_LABELS[Status.VALIDATED] == "validée"  # the site's words
    assert present.STATUS_LABELS.local(Status.VALIDATED) == "validated"
    with use_language("fr"):
        assert present.STATUS_LABELS.local(Status.VALIDATED) == "validée"
    assert present.STATUS_LABELS[Status.VALIDATED] == "validée"
