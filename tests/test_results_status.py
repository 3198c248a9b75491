"""Periods, targets and series status, and the results Table Schema."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rex.results import (
    Granularity,
    Period,
    Series,
    State,
    Target,
    Trend,
    select_target,
    series_status,
    table_schema,
)
from rex.results.cells import COLUMNS, parse_number

D = dt.date
M = Granularity.MONTH


@pytest.mark.parametrize(
    ("text", "iso", "granularity", "start", "end"),
    [
        ("2025", "2025", Granularity.YEAR, D(2025, 1, 1), D(2025, 12, 31)),
        ("2025-T2", "2025-Q2", Granularity.QUARTER, D(2025, 4, 1), D(2025, 6, 30)),
        ("2025-q4", "2025-Q4", Granularity.QUARTER, D(2025, 10, 1), D(2025, 12, 31)),
        ("2024-02", "2024-02", Granularity.MONTH, D(2024, 2, 1), D(2024, 2, 29)),
        ("2025-03-14", "2025-03-14", Granularity.DAY, D(2025, 3, 14), D(2025, 3, 14)),
        ("1/3/2025", "2025-03-01", Granularity.DAY, D(2025, 3, 1), D(2025, 3, 1)),
    ],
)
def test_period_parse(text: str, iso: str, granularity: Granularity, start: D, end: D) -> None:
    period = Period.parse(text)
    assert period is not None
    assert (period.iso, period.granularity, period.start, period.end) == (
        iso,
        granularity,
        start,
        end,
    )
    assert Period.parse(period.iso) == period


@pytest.mark.parametrize(
    "text", ["2025-13", "2025-Q5", "2025-Q0", "2025-02-30", "25", "2025-1", "0000", "", "mars"]
)
def test_period_rejects(text: str) -> None:
    assert Period.parse(text) is None


def test_period_next_previous_and_order() -> None:
    dec = Period.parse("2024-12")
    assert dec is not None
    assert dec.next().iso == "2025-01" and dec.next().previous() == dec
    q4 = Period.containing(D(2024, 11, 5), Granularity.QUARTER)
    assert (q4.iso, q4.next().iso, q4.shift(-4).iso) == ("2024-Q4", "2025-Q1", "2023-Q4")
    feb = Period.parse("2025-02-28")
    assert feb is not None and feb.next().iso == "2025-03-01"
    texts = ["2025-02", "2024", "2025-Q1", "2025-01-15", "2025-01"]
    ordered = sorted(p for p in map(Period.parse, texts) if p is not None)
    assert [p.iso for p in ordered] == ["2024", "2025-01", "2025-Q1", "2025-01-15", "2025-02"]
    with pytest.raises(ValueError):
        Period(D(2025, 1, 2), Granularity.MONTH)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 1, 1)), st.sampled_from(Granularity))
def test_period_round_trips(day: D, granularity: Granularity) -> None:
    period = Period.containing(day, granularity)
    assert period.start <= day <= period.end
    assert Period.parse(period.iso) == period
    assert period.next().start == period.end + dt.timedelta(days=1)
    assert period.next().previous() == period


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12.0), (" 12,5 ", 12.5), ("-0.5", -0.5), (",5", 0.5), ("1 250", 1250.0),
     ("1\u00a0250,75", 1250.75), ("12\u202f345\u202f678", 12345678.0)],
)  # fmt: skip
def test_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "n/a", "12.5.3", "1 25", "nan", "inf", "1e3", "1_000", "12,"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def series(values: list[float], start: str = "2025-01", service: str = "voirie") -> Series:
    first = Period.parse(start)
    assert first is not None
    points = tuple((first.shift(i), v) for i, v in enumerate(values))
    return Series("delai", service, None, points)


TODAY = D(2025, 5, 10)  # April is the last complete month


def test_status_met_and_off_target_with_gap() -> None:
    met = series_status(series([9, 8, 7, 6]), [Target(7)], "decrease", TODAY)
    assert (met.state, met.met, met.gap, met.latest) == (
        State.MET,
        True,
        -1,
        (Period.parse("2025-04"), 6),
    )
    assert met.previous == (Period.parse("2025-03"), 7)
    assert (met.trend, met.change) == (Trend.IMPROVING, -2)
    off = series_status(series([60, 70, 75, 80]), [Target(90)], "increase", TODAY)
    assert (off.state, off.met, off.gap) == (State.OFF_TARGET, False, -10)
    assert off.gap_percent == pytest.approx(-11.111, abs=1e-3)
    assert off.trend is Trend.IMPROVING
    worse = series_status(series([60, 50, 40, 30]), [Target(20)], "increase", TODAY)
    assert (worse.state, worse.trend) == (State.MET, Trend.WORSENING)


def test_status_stale_no_target_and_no_data() -> None:
    stale = series_status(series([5, 4, 3]), [Target(4)], "decrease", TODAY)  # ends in March
    assert (stale.state, stale.met, stale.expected) == (State.STALE, True, Period.parse("2025-04"))
    fresh = series_status(series([5, 5, 5, 5]), [], "decrease", TODAY)
    assert (fresh.state, fresh.target, fresh.trend) == (State.NO_TARGET, None, Trend.STABLE)
    quarterly = series([5, 4], start="2025-Q1")  # Q1 is the last complete quarter
    assert series_status(quarterly, [], "decrease", TODAY).state is State.NO_TARGET
    assert series_status(quarterly, [], "decrease", D(2025, 7, 1)).state is State.NO_TARGET
    assert series_status(series([5], "2024-Q4"), [], "decrease", TODAY).state is State.STALE
    empty = series_status(series([]), [Target(1)], "decrease", TODAY)
    assert (empty.state, empty.trend) == (State.NO_DATA, Trend.UNKNOWN)
    with pytest.raises(ValueError):
        series_status(series([1]), [], "up", TODAY)


def test_select_target() -> None:
    april = Period.parse("2025-04")
    assert april is not None
    general = Target(10)
    own = Target(8, service="voirie")
    by_june = Target(7, service="voirie", by=Period.parse("2025-06"))
    by_2026 = Target(5, service="voirie", by=Period.parse("2026"))
    past = Target(9, service="voirie", by=Period.parse("2024"))
    assert select_target([general], "voirie", april) is general
    assert select_target([general, own], "voirie", april) is own
    assert select_target([general, own], "parcs", april) is general
    assert select_target([by_2026, own, by_june, past], "voirie", april) is by_june
    assert select_target([own, past], "voirie", april) is own
    assert select_target([past], "voirie", april) is past
    assert select_target([own], "parcs", april) is None
    zero = series_status(series([1, 0, 0, 0]), [Target(0)], "decrease", TODAY)
    assert (zero.state, zero.gap, zero.gap_percent) == (State.MET, 0, None)


def test_table_schema() -> None:
    schema = table_schema()
    assert json.loads(json.dumps(schema)) == schema
    assert [f["name"] for f in schema["fields"]] == list(COLUMNS)
    required = {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")}
    assert required == {"indicator", "service", "period", "value"}
    period = re.compile(
        next(f for f in schema["fields"] if f["name"] == "period")["constraints"]["pattern"]
    )
    for text in ["2025", "2025-T1", "2025-Q4", "2025-03", "2025-03-14", "14/03/2025"]:
        assert period.match(text) and Period.parse(text) is not None
    for text in ["2025-13", "2025-Q5", "2025-3"]:
        assert not period.match(text) and Period.parse(text) is None
