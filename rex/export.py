"""Export a `Corpus` for other tools: JSON, JSON Lines or one CSV file per kind; and its
results (measurements), normalised, as JSON, JSON Lines or CSV.

`export_records(corpus)` gives the data (documented in the README, section "Export"); the
format functions turn it into text or files. Every record has the same keys within its kind,
whatever it holds, so tools can rely on the shape.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .atomic import replace_dir, write_text_atomic
from .corpus import Corpus
from .errors import RexError
from .i18n import _
from .models import Kind, Record, RegistryView, link_sources, link_targets

#: The kinds a record of each kind can link to (``outgoing``) and be linked from (``incoming``).
OUTGOING: RegistryView[Kind, list[Kind]] = RegistryView(
    lambda: {kind: link_targets(kind) for kind in Kind}
)
INCOMING: RegistryView[Kind, list[Kind]] = RegistryView(
    lambda: {kind: link_sources(kind) for kind in Kind}
)
LIST_SEPARATOR = ";"


def record_data(corpus: Corpus, record: Record) -> dict[str, Any]:
    """One record as JSON-ready data: identity, front matter, body and relations both ways.

    Kinds with ``supersedes`` also carry ``superseded_by``: the newer records replacing it.
    """
    fields = record.kind.spec.meta.model_fields
    data = {
        "kind": record.kind.value,
        "id": record.id,
        "path": record.relpath,
        # Keys as written in files (by alias: ``links``, which the models call ``web_links``).
        "front_matter": record.model_dump(mode="json", include=set(fields), by_alias=True),
        "body": record.body,
        "outgoing": {
            k.value: [r.id for r in corpus.outgoing(record, k)] for k in OUTGOING[record.kind]
        },
        "incoming": {
            k.value: [r.id for r in corpus.incoming(record, k)] for k in INCOMING[record.kind]
        },
    }
    if "supersedes" in fields:
        data["superseded_by"] = [r.id for r in corpus.superseded_by(record)]
    return data


def front_matter_keys(kind: Kind) -> list[str]:
    """The front matter keys of ``kind`` as written in files, in the model's order."""
    return [info.alias or name for name, info in kind.spec.meta.model_fields.items()]


def _table_name(kind: Kind, field: str) -> str:
    # `measures.csv` is REX's alone; a list several kinds hold (`links`) gets one per kind.
    shared = sum(field in other.spec.nested() for other in Kind) > 1
    return f"{kind.value}-{field}.csv" if shared else f"{field}.csv"


def export_records(
    corpus: Corpus, kinds: Iterable[Kind | str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Every record of ``kinds`` (default: all) as JSON-ready data, keyed by kind, sorted by id."""
    wanted = [Kind(k) for k in kinds] if kinds is not None else list(Kind)
    return {
        kind.value: [record_data(corpus, r) for r in corpus.records(kind)]
        for kind in Kind
        if kind in wanted
    }


def format_json(data: Mapping[str, list[dict[str, Any]]]) -> str:
    """One JSON document keyed by kind."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def format_jsonl(data: Mapping[str, list[dict[str, Any]]]) -> str:
    """One JSON object per line, kind by kind (each carries its ``kind``)."""
    return "".join(
        json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"
        for records in data.values()
        for record in records
    )


#: Spreadsheets run a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(text: str) -> str:
    """``text`` as a cell a spreadsheet shows as text: a leading ``'`` defuses a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _number_cell(value: float) -> str:
    # Whole figures without a spurious ".0"; validation keeps integers within 2^53.
    if isinstance(value, float) and value.is_integer() and abs(value) <= 2**53:
        return str(int(value))
    return repr(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return _number_cell(value)
    if isinstance(value, list):
        return _text_cell(LIST_SEPARATOR.join(_plain(v) for v in value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
    return _text_cell(str(value))


def _plain(value: Any) -> str:
    return _number_cell(value) if isinstance(value, int | float) else str(value)


def csv_tables(data: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[list[str]]]:
    """The rows (header first) of ``<kind>.csv`` for each kind, and ``measures.csv`` with REX.

    Lists are joined with ``;``, mappings (``extra``, ``budget``) are JSON text; a list of
    mappings gets its own table, one row per item after the record's id, named after the key
    (``measures.csv``), or ``<kind>-<key>.csv`` when several kinds have it (``rex-links.csv``).
    Text that a spreadsheet would run as a formula starts with ``'``; numbers stay numbers.
    """
    tables: dict[str, list[list[str]]] = {}
    for name, records in data.items():
        kind = Kind(name)
        nested = kind.spec.nested()
        fields = [f for f in front_matter_keys(kind) if f not in nested]
        header = [
            "id",
            "path",
            *fields,
            *(f"outgoing.{k.value}" for k in OUTGOING[kind]),
            *(f"incoming.{k.value}" for k in INCOMING[kind]),
            *(["superseded_by"] if "supersedes" in fields else []),
            "body",
        ]
        rows = [header]
        for rec in records:
            meta = rec["front_matter"]
            rows.append(
                [
                    _cell(rec["id"]),
                    _cell(rec["path"]),
                    *(_cell(meta[f]) for f in fields),
                    *(_cell(rec["outgoing"][k.value]) for k in OUTGOING[kind]),
                    *(_cell(rec["incoming"][k.value]) for k in INCOMING[kind]),
                    *([_cell(rec["superseded_by"])] if "supersedes" in fields else []),
                    _cell(rec["body"]),
                ]
            )
        tables[f"{name}.csv"] = rows
        for field, model in nested.items():
            columns = list(model.model_fields)
            tables[_table_name(kind, field)] = [[kind.singular, *columns]] + [
                [rec["id"], *(_cell(m[c]) for c in columns)]
                for rec in records
                for m in rec["front_matter"][field]
            ]
    return tables


def _csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


#: The columns of an exported measurement, in order.
RESULT_COLUMNS = ("indicator", "service", "location", "period", "value", "note", "source", "path")


def export_results(corpus: Corpus) -> list[dict[str, Any]]:
    """The corpus's measurements, normalised: ISO periods, numbers, the file they come from.

    Sorted by indicator, service, site and period; ``path`` is relative to the corpus folder.
    """
    root = corpus.root.as_posix().rstrip("/") + "/"
    rows = [
        {
            "indicator": m.indicator,
            "service": m.service,
            "location": m.location,
            "period": m.period.iso,
            "value": m.value,
            "note": m.note,
            "source": m.source,
            "path": m.path.removeprefix(root),
        }
        for m in corpus.results.measurements
    ]
    rows.sort(key=lambda r: (r["indicator"], r["service"], r["location"] or "", r["period"]))
    return rows


def _number(value: float) -> str:
    # A decimal point and no needless ".0": 12 stays 12, 12.5 stays 12.5, whatever the source.
    return str(int(value)) if value.is_integer() else repr(value)


def results_table(rows: Iterable[Mapping[str, Any]]) -> list[list[str]]:
    """The rows (header first) of ``results.csv``; cells go through the export's cell rules."""
    return [list(RESULT_COLUMNS)] + [
        [_cell(_number(r[c]) if c == "value" else r[c]) for c in RESULT_COLUMNS] for r in rows
    ]


def write_csv(data: Mapping[str, list[dict[str, Any]]], folder: Path, *, force: bool) -> list[Path]:
    """Write one CSV file per kind (and nested table) into ``folder``; return the files."""
    return write_tables(csv_tables(data), folder, force=force)


def write_tables(tables: Mapping[str, list[list[str]]], folder: Path, *, force: bool) -> list[Path]:
    """Write one CSV file per table into ``folder``, replacing it atomically; return the files.

    Refuses an existing folder unless ``force``, and even then one that holds anything but
    CSV files, so a mistyped ``--out`` never deletes someone's work.
    """
    if folder.exists():
        if not folder.is_dir():
            raise RexError(
                _("{folder}: exists and is not a folder").format(folder=folder),
                hint=_("csv needs a folder"),
            )
        if not force:
            raise RexError(
                _("{folder}: already exists").format(folder=folder),
                hint=_("add --force to replace it"),
            )
        others = [p.name for p in folder.iterdir() if p.suffix != ".csv" or not p.is_file()]
        if others:
            raise RexError(
                _("{folder}: holds files that are not CSV ({value})").format(
                    folder=folder, value=", ".join(sorted(others)[:3])
                ),
                hint=_("give an empty or new folder"),
            )
    with replace_dir(folder) as work:
        for name, rows in tables.items():
            (work / name).write_text(_csv_text(rows), encoding="utf-8", newline="")
    return [folder / name for name in tables]


def write_file(text: str, target: Path, *, force: bool) -> None:
    """Write ``text`` to ``target`` atomically; refuse to replace a file unless ``force``."""
    if target.is_dir():
        raise RexError(
            _("{target}: is a folder").format(target=target),
            hint=_("give a file name, e.g. export.json"),
        )
    if target.exists() and not force:
        raise RexError(
            _("{target}: already exists").format(target=target), hint=_("add --force to replace it")
        )
    write_text_atomic(target, text)
