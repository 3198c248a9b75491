"""Reading results files: CSV dialects, sidecars, workbooks, and every bad input's diagnostic."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rex.codes import CODES
from rex.diagnostics import Diagnostic, Severity
from rex.errors import RexError
from rex.results import Granularity, Period, ResultsSet, check_results, read_results

M = Granularity.MONTH

HEADER = "indicator;service;period;value\n"


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (exact bytes: no dedent, no newline translation) below ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def read(tmp_path: Path, files: dict[str, str | bytes]) -> ResultsSet:
    result = read_results(write(tmp_path, files))
    for d in result.diagnostics:
        assert d.code in CODES, d
        assert d.severity is CODES[d.code].severity, d
    return result


def only(result: ResultsSet) -> Diagnostic:
    assert len(result.diagnostics) == 1, result.diagnostics
    return result.diagnostics[0]


# (rows after the header, code, line, column)
BAD_ROWS = [
    ("delai;voirie;2025-01;n/a\n", "invalid-number", 2, 22),
    ("delai;voirie;2025-01;\n", "invalid-number", 2, 22),
    ("delai;voirie;2025-01;12.5.3\n", "invalid-number", 2, 22),
    ("delai;voirie;2025-01;NaN\n", "invalid-number", 2, 22),
    ("delai;voirie;2025-01;inf\n", "invalid-number", 2, 22),
    ("delai;voirie;2025-01;" + "9" * 400 + "\n", "invalid-number", 2, 22),
    ("delai;voirie;2025-01;85 %\n", "invalid-number", 2, 22),
    ("delai;voirie;2025-13;4\n", "invalid-period", 2, 14),
    ("delai;voirie;2025-Q5;4\n", "invalid-period", 2, 14),
    ("delai;voirie;2025-02-30;4\n", "invalid-period", 2, 14),
    ("delai;voirie;mars 2025;4\n", "invalid-period", 2, 14),
    ("delai;;2025-01;4\n", "missing-value", 2, 7),
    ("delai;voirie;;4\n", "missing-value", 2, 14),
    ('"del;ai";"voi\nrie";2025-Q5;4\n', "invalid-period", 3, 6),
    ("delai;voirie;2025-01;4;oops\n", "extra-field", 2, 24),
]


@pytest.mark.parametrize(("rows", "code", "line", "column"), BAD_ROWS)
def test_bad_row(tmp_path: Path, rows: str, code: str, line: int, column: int) -> None:
    result = read(tmp_path, {"results/r.csv": HEADER + "delai;voirie;2024-12;3\n" + rows})
    d = only(result)
    assert (d.path, d.code) == ((tmp_path / "results/r.csv").as_posix(), code)
    assert (d.line, d.column) == (line + 1, column)  # the good row shifts lines by one
    assert d.hint
    kept = 2 if code == "extra-field" else 1
    assert len(result.measurements) == kept


@pytest.mark.parametrize(
    ("header", "code", "column", "hint"),
    [
        ("indicator;service;period;value;valuer\n", "unknown-column", 32, "did you mean"),
        ("indicator;service;period;value;budget\n", "unknown-column", 32, "columns:"),
        ("indicator;service;value\n", "missing-column", 1, "période"),
        ("indicator;period;value\n", "missing-column", 1, "r.yml"),
        ("indicator;service;period;value;Valeur\n", "duplicate-column", 32, "keep one"),
    ],
)
def test_bad_header(tmp_path: Path, header: str, code: str, column: int, hint: str) -> None:
    result = read(tmp_path, {"results/r.csv": header + "delai;voirie;2025-01;4;x\n"})
    d = next(d for d in result.diagnostics if d.code == code)
    assert (d.line, d.column) == (1, column)
    assert hint in (d.hint or "")


def test_duplicates_name_the_other_file_and_line(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        {
            "results/a.csv": HEADER + "delai;voirie;2025-01;4\ndelai;voirie;2025-01;5\n",
            "results/sub/b.csv": HEADER + "delai;voirie;2025-02;4\ndelai;voirie;2025-01;6\n",
            # another site of the same service is another series: no duplicate
            "results/c.csv": "indicateur;service;lieu;période;valeur\n"
            "delai;voirie;annexe;2025-01;4\n",
        },
    )
    a, b = (tmp_path / "results/a.csv").as_posix(), (tmp_path / "results/sub/b.csv").as_posix()
    duplicates = [d for d in result.diagnostics if d.code == "duplicate-measurement"]
    assert [(d.path, d.line) for d in duplicates] == [(a, 3), (b, 3)]
    assert all(f"{a}:2" in d.message for d in duplicates)
    assert [m.value for m in result.measurements] == [4, 4, 4]
    assert result.files == [a, (tmp_path / "results/c.csv").as_posix(), b]


def test_mixed_granularity_is_a_warning_once_per_series(tmp_path: Path) -> None:
    rows = "delai;voirie;2025-01;4\ndelai;voirie;2025-T2;5\ndelai;voirie;2025;6\n"
    result = read(tmp_path, {"results/a.csv": HEADER + rows + "delai;parcs;2025-T1;1\n"})
    d = only(result)
    assert (d.code, d.severity, d.line) == ("mixed-granularity", Severity.WARNING, 3)
    assert "month" in d.message and "quarter" in d.message
    assert len(result.measurements) == 4


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty-file"),
        (b"\r\n  \r\n", "empty-file"),
        (HEADER.encode(), "empty-file"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "not-csv"),
        (b"indicator;service;period;value\n\x81\x8d\x90\n", "not-utf8"),
    ],
)
def test_not_a_results_file(tmp_path: Path, content: bytes, code: str) -> None:
    d = only(read(tmp_path, {"results/r.csv": content}))
    assert d.code == code


def test_french_excel_csv(tmp_path: Path) -> None:
    text = (
        "\ufeffIndicateur;Service;Période;Valeur;Lieu;Commentaire;\r\n"
        "\r\n"
        "delai-moyen-intervention;voirie;2025-01;12,5;;;\r\n"
        "delai-moyen-intervention;voirie;2025-T1;1\u00a0250,75;Mairie annexe;à revoir;\r\n"
        "taux-decroche;accueil;14/03/2025;-1\u202f000;;;\r\n"
        ";;;;;;\r\n"
    )
    result = read(tmp_path, {"results/sub/export.csv": text.encode()})
    assert result.diagnostics == []
    got = [(m.period.iso, m.value, m.location, m.note, m.line) for m in result.measurements]
    assert got == [
        ("2025-01", 12.5, None, None, 3),
        ("2025-Q1", 1250.75, "Mairie annexe", "à revoir", 4),
        ("2025-03-14", -1000.0, None, None, 5),
    ]


def test_comma_csv_with_quotes_and_crlf(tmp_path: Path) -> None:
    text = 'value,period,service,indicator,note\r\n"12.5",2025,voirie,delai,"a, b\r\nc"\r\n'
    result = read(tmp_path, {"results/a.csv": text})
    assert result.diagnostics == []
    (m,) = result.measurements
    assert (m.value, m.period.granularity, m.note, m.indicator_column) == (
        12.5,
        Granularity.YEAR,
        "a, b\r\nc",
        20,
    )


def test_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    text = "indicateur;service;période;valeur;commentaire\r\ndelai;voirie;2025-01;12,5;réparé\r\n"
    result = read(tmp_path, {"results/a.csv": text.encode("cp1252")})
    d = only(result)
    assert (d.code, d.severity, d.line, d.column) == ("legacy-encoding", Severity.WARNING, 1, 21)
    assert "CSV UTF-8" in (d.hint or "")
    assert [m.note for m in result.measurements] == ["réparé"]


SIDECAR_CSV = "Mois;Délai moyen (j)\n2025-01;4,5\n2025-02;3\n"


def test_sidecar_fixes_and_renames_columns(tmp_path: Path) -> None:
    sidecar = (
        "# export GMAO\nindicator: delai-moyen-intervention\nservice: voirie\n"
        'columns: {period: "Mois", value: "Délai moyen (j)"}\n'
    )
    result = read(tmp_path, {"results/gmao.csv": SIDECAR_CSV, "results/gmao.yml": sidecar})
    assert result.diagnostics == []
    assert [(m.indicator, m.service, m.period.iso, m.value) for m in result.measurements] == [
        ("delai-moyen-intervention", "voirie", "2025-01", 4.5),
        ("delai-moyen-intervention", "voirie", "2025-02", 3.0),
    ]
    # an unknown id fixed by the sidecar is reported once, at the sidecar's line
    problems = check_results(result.measurements, {"delai-moyen-intervention"}, {"voirei"})
    assert [(Path(d.path).name, d.line, d.column, d.code) for d in problems] == [
        ("gmao.yml", 3, 10, "unknown-service")
    ]
    assert problems[0].hint == "did you mean 'voirei'?"


@pytest.mark.parametrize(
    ("sidecar", "line", "column", "words"),
    [
        ("indicator: delai\nlayuot: wide\n", 2, 1, "did you mean 'layout'"),
        ("indicator: delai\nlayout: wdie\n", 2, 9, "did you mean 'wide'"),
        ("indicator: delai\ncolumns: {period: Mois, valeur: X}\n", 2, 25, "did you mean"),
        ("indicator: delai\nservice: [a, b]\n", 2, 10, "one value"),
        ("indicator: delai\nindicator: autre\n", 2, 1, "twice"),
        ("indicator: delai\nservice: 'voirie\n", 3, 1, "YAML"),
        ("- a\n- b\n", 1, 1, "key: value"),
        ("granularity: semaine\n", 1, 14, "allowed"),
    ],
)
def test_sidecar_errors_at_their_line(
    tmp_path: Path, sidecar: str, line: int, column: int, words: str
) -> None:
    result = read(tmp_path, {"results/gmao.csv": SIDECAR_CSV, "results/gmao.yml": sidecar})
    d = only(result)  # the data file is not read against a broken sidecar
    assert (Path(d.path).name, d.code, d.line, d.column) == (
        "gmao.yml",
        "invalid-sidecar",
        line,
        column,
    )
    assert words in d.message + (d.hint or "")


def test_sidecar_rename_not_found_and_orphan(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        {
            "results/gmao.csv": SIDECAR_CSV,
            "results/gmao.yaml": "indicator: d\nservice: v\n"
            "columns: {period: Date, value: Délai moyen (j)}\n",
            "results/seul.yml": "service: v\n",
        },
    )
    assert [(Path(d.path).name, d.code) for d in result.diagnostics] == [
        ("gmao.csv", "missing-column"),
        ("gmao.csv", "unknown-column"),
        ("seul.yml", "orphan-sidecar"),
    ]
    assert "'Date'" in result.diagnostics[0].message


def test_wide_layout(tmp_path: Path) -> None:
    data = "Indicateur;2025-01;2025-02;2025-03;Lieu\ndelai;4;;5,5;annexe\nsatisfaction;80;x;;\n"
    sidecar = "service: voirie\nlayout: wide\n"
    result = read(tmp_path, {"results/annee.csv": data, "results/annee.yml": sidecar})
    d = only(result)
    assert (d.code, d.line, d.column) == ("invalid-number", 3, 17)
    assert [(m.indicator, m.period.iso, m.value, m.location) for m in result.measurements] == [
        ("delai", "2025-01", 4.0, "annexe"),
        ("delai", "2025-03", 5.5, "annexe"),
        ("satisfaction", "2025-01", 80.0, None),
    ]


def test_wide_layout_needs_period_headers(tmp_path: Path) -> None:
    files = {
        "results/a.csv": "indicateur;service;janvier\nd;v;4\n",
        "results/a.yml": "layout: wide\n",
    }
    codes = [d.code for d in read(tmp_path, files).diagnostics]
    assert codes == ["missing-column", "unknown-column"]


def test_workbook(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Feuil1"
    sheet.append(["Indicateur", "Service", "Période", "Valeur"])
    sheet.append(["delai", "voirie", dt.datetime(2025, 1, 1), 4.5])
    sheet["C2"].number_format = "mmm-yy"
    sheet.append(["delai", "parcs", dt.datetime(2025, 1, 14), 3])
    sheet.append(["delai", "voirie", "2025-02", "n/a"])
    sheet.append([None, None, None, None])
    sheet.append(["delai", "voirie", "2025-03", "12,5"])
    notes = book.create_sheet("Notes")
    notes.append(["Ce classeur contient les délais."])
    year = book.create_sheet("Annuel")
    year.append(["indicator", "service", "period", "value"])
    year.append(["cout", "voirie", 2024, 1200])
    (tmp_path / "results").mkdir()
    book.save(tmp_path / "results/voirie.xlsx")
    result = read(tmp_path, {})
    d = only(result)
    assert (d.path, d.line, d.column, d.code) == (
        (tmp_path / "results/voirie.xlsx").as_posix() + ":Feuil1",
        4,
        4,
        "invalid-number",
    )
    got = [
        (m.service, m.period.iso, m.value, m.path.rsplit(":", 1)[1]) for m in result.measurements
    ]
    assert got == [
        ("voirie", "2025-01", 4.5, "Feuil1"),
        ("parcs", "2025-01-14", 3.0, "Feuil1"),
        ("voirie", "2025-03", 12.5, "Feuil1"),
        ("voirie", "2024", 1200.0, "Annuel"),
    ]
    assert result.measurements[2].line == 6
    assert result.files == [(tmp_path / "results/voirie.xlsx").as_posix()]


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"PK\x03\x04broken", "invalid-workbook"), (b"not a zip", "invalid-workbook")],
)
def test_broken_workbook(tmp_path: Path, content: bytes, code: str) -> None:
    assert only(read(tmp_path, {"results/x.xlsx": content})).code == code


def test_links_and_other_files(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside", {"secret.csv": HEADER + "d;v;2025;1\n"})
    root = write(tmp_path / "corpus", {"results/a.csv": HEADER + "d;v;2025;1\n"})
    (root / "results/vieux.xls").write_bytes(b"\xd0\xcf")
    (root / "results/README.md").write_text("# Résultats\n")
    (root / "results/.~lock.a.csv#").write_text("lock")
    (root / "results/secret.csv").symlink_to(outside / "secret.csv")
    (root / "results/inside.csv").symlink_to(root / "results/a.csv")
    (root / "results/dossier").symlink_to(outside)
    os.mkfifo(root / "results/fifo.csv")
    result = read_results(root)
    codes = sorted((Path(d.path).name, d.code) for d in result.diagnostics)
    assert ("dossier", "link-outside-corpus") in codes
    assert ("secret.csv", "link-outside-corpus") in codes
    assert ("vieux.xls", "unsupported-file") in codes
    # the link inside the corpus is read, so its row duplicates a.csv's
    assert ("inside.csv", "duplicate-measurement") in codes
    assert len(codes) == 4 and len(result.measurements) == 1


def test_no_results_folder_and_bad_root(tmp_path: Path) -> None:
    assert read_results(tmp_path) == ResultsSet()
    with pytest.raises(RexError):
        read_results(tmp_path / "missing")


def test_check_results_counts_rows_and_suggests(tmp_path: Path) -> None:
    text = (
        "source;indicator;service;period;value\n"
        "x;gaspillage;cantine;2025-01;1\n"
        "x;gaspillage;cantine;2025-02;2\n"
        "x;delai;voirie;2025-01;3\n"
    )
    result = read(tmp_path, {"results/a.csv": text})
    problems = check_results(result.measurements, ["gaspillage-alimentaire", "delai"], ["voirie"])
    assert [(d.code, d.line, d.column) for d in problems] == [
        ("unknown-indicator", 2, 3),
        ("unknown-service", 2, 14),
    ]
    assert "(2 rows of this file)" in problems[0].message
    assert problems[0].hint == "did you mean 'gaspillage-alimentaire'?"
    assert problems[1].related == "services/cantine"


TEXT = st.text(alphabet=st.sampled_from(list(';,"\n\r\t 0123456789-.QTaeé\u00a0')), max_size=300)


def _never_raises(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write(
            Path(tmp),
            {"results/r.csv": content, "results/w.csv": content, "results/w.yml": "layout: wide\n"},
        )
        result = read_results(root)
        for d in result.diagnostics:
            assert d.line >= 1 and d.column >= 1 and d.code in CODES


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(content: bytes) -> None:
    _never_raises(content)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["", HEADER, "indicateur,service,période,valeur\r\n", "\ufeff"]))
def test_arbitrary_text_never_raises(text: str, header: str) -> None:
    _never_raises((header + text).encode())


def test_period_type_from_results() -> None:
    assert Period.parse(" 2025-t1 ") == Period.containing(dt.date(2025, 2, 3), Granularity.QUARTER)


def test_sidecar_granularity_and_wide_workbook(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2025"
    sheet.append(["Indicateur", "Service", dt.datetime(2025, 1, 1), "2025-02"])
    sheet.append(["delai", "voirie", 4, "3,5"])
    (tmp_path / "results").mkdir()
    book.save(tmp_path / "results/annee.xlsx")
    files = {
        "results/annee.yml": "layout: wide\ngranularity: month\n",
        "results/jours.csv": HEADER + "delai;voirie;14/03/2025;4\ndelai;voirie;2025-04-02;5\n",
        "results/jours.yml": "granularity: month\n",
    }
    result = read(tmp_path, files)
    assert result.diagnostics == []
    got = sorted((m.period.iso, m.value, m.period.granularity) for m in result.measurements)
    assert got == [("2025-01", 4.0, M), ("2025-02", 3.5, M), ("2025-03", 4.0, M), ("2025-04", 5, M)]


def test_a_field_too_large_for_the_csv_reader(tmp_path: Path) -> None:
    text = HEADER + "delai;voirie;2025-01;4\n" + 'delai;voirie;2025-02;"' + "x" * 200_000 + '"\n'
    result = read(tmp_path, {"results/a.csv": text})
    d = only(result)
    assert (d.code, d.line) == ("not-csv", 3)
    assert len(result.measurements) == 1


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab: \n-[]{}'\"#&*!|>\t\x07")), max_size=120))
def test_arbitrary_sidecar_never_raises(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write(Path(tmp), {"results/r.csv": HEADER + "d;v;2025;1\n", "results/r.yml": text})
        for d in read_results(root).diagnostics:
            assert d.line >= 1 and d.column >= 1 and d.code in CODES
