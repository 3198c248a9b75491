"""Results in the corpus: read with the records, checked in the same report, filtered for a
public site; indicator targets turned into `rex.results.Target`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import rex
from rex.results import Granularity, Period, Target, table_schema
from rex.site.public import public_corpus

from .conftest import MINIMAL, ROOT, WriteTree

PUBLIC_VOIRIE = MINIMAL["services/voirie.md"].replace(  # type: ignore[union-attr]
    "description:", "visibility: public\n        description:"
)
PROPRETE = """\
    ---
    title: Propreté urbaine
    visibility: public
    ---
    """
SATISFACTION = """\
    ---
    title: Satisfaction des usagers
    definition: Part des usagers satisfaits.
    unit: "%"
    direction: increase
    visibility: {visibility}
    targets:
      - value: 80
      - value: 85
        service: voirie
        by: 2026
      - value: 90
        by: 2027-06-30
    ---
    """
ROWS = (
    "indicateur;service;période;valeur\n"
    "satisfaction-usagers;voirie;2025-01;78,5\n"
    "satisfaction-usagers;proprete;2025-01;81\n"
    "delai-moyen-intervention;voirie;2025-01;4,2\n"
    "delai-moyen-intervention;proprete;2025-01;3\n"
)


def corpus(write_tree: WriteTree, *, indicator: str = "public") -> rex.Corpus:
    return rex.load(
        write_tree(
            {
                **MINIMAL,
                "services/voirie.md": PUBLIC_VOIRIE,
                "services/proprete.md": PROPRETE,
                "indicators/satisfaction-usagers.md": SATISFACTION.format(visibility=indicator),
                "results/mesures.csv": ROWS,
            }
        ),
        today=dt.date(2026, 1, 1),
    )


def test_measurements_reach_the_corpus(write_tree: WriteTree) -> None:
    c = corpus(write_tree)
    assert c.report.valid, c.report.to_dict()
    assert c.report.files == 7  # six records and one results file
    assert len(c.results.measurements) == 4
    m = c.results.measurements[0]
    assert (m.indicator, m.service, m.period.iso, m.value) == (
        "satisfaction-usagers",
        "voirie",
        "2025-01",
        78.5,
    )
    assert set(c.series) == {
        ("satisfaction-usagers", "voirie", None),
        ("satisfaction-usagers", "proprete", None),
        ("delai-moyen-intervention", "voirie", None),
        ("delai-moyen-intervention", "proprete", None),
    }


def test_rows_of_a_broken_record_stay_out_without_a_second_error(write_tree: WriteTree) -> None:
    c = corpus(write_tree, indicator="secret")
    assert [d.code for d in c.report.errors] == ["invalid-value"]
    assert {m.indicator for m in c.results.measurements} == {"delai-moyen-intervention"}


def test_a_public_site_keeps_rows_whose_indicator_and_service_are_public(
    write_tree: WriteTree,
) -> None:
    # delai-moyen-intervention is internal (MINIMAL), so only satisfaction rows may show.
    public = public_corpus(corpus(write_tree))
    assert {(m.indicator, m.service) for m in public.results.measurements} == {
        ("satisfaction-usagers", "voirie"),
        ("satisfaction-usagers", "proprete"),
    }
    hidden = public_corpus(corpus(write_tree, indicator="internal"))
    assert hidden.results.measurements == [] and hidden.series == {}


def test_targets_become_series_targets(write_tree: WriteTree) -> None:
    indicator = corpus(write_tree).indicators["satisfaction-usagers"]
    assert [t.by for t in indicator.targets] == [None, "2026", "2027-06-30"]
    assert indicator.result_targets() == [
        Target(80.0),
        Target(85.0, "voirie", Period(dt.date(2026, 1, 1), Granularity.YEAR)),
        Target(90.0, None, Period(dt.date(2027, 6, 30), Granularity.DAY)),
    ]


def test_committed_results_table_schema_is_current() -> None:
    committed = json.loads((ROOT / "schemas" / "results.schema.json").read_text("utf-8"))
    assert committed == table_schema()
    assert [f["name"] for f in committed["fields"]][:4] == [
        "indicator",
        "service",
        "location",
        "period",
    ]


def test_schema_check_covers_the_results_schema(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from rex.cli import cli

    runner = CliRunner()
    out = tmp_path / "schemas"
    assert runner.invoke(cli, ["schema", "--out", str(out)]).exit_code == 0
    (out / "results.schema.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(cli, ["schema", "--out", str(out), "--check"])
    assert result.exit_code == 1 and "results.schema.json: out of date" in result.output
