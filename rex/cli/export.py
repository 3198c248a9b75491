"""`rex export`: every record with its front matter, body and relations, for other tools."""

from __future__ import annotations

from pathlib import Path

import click

from ..corpus import load
from ..errors import RexError
from ..export import (
    export_records,
    export_results,
    format_json,
    format_jsonl,
    results_table,
    write_csv,
    write_file,
    write_tables,
)
from ..i18n import N_, _
from ..models import parse_kind
from .base import CONTENT_ARGUMENT, format_option


@click.command("export")
@CONTENT_ARGUMENT
@format_option(
    "json",
    "jsonl",
    "csv",
    help=N_(
        "json: one document keyed by kind; jsonl: one record per line; csv: one file per kind."
    ),
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar="KIND",
    help=N_(
        "Only this kind (service, indicator, practice, rex, action); repeat for several. "
        "'results': the measurements of results/ instead of records."
    ),
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help=N_("File (json, jsonl) or folder (csv) to write; json and jsonl default to stdout."),
)
@click.option("--force", is_flag=True, help=N_("Replace --out if it already exists."))
def export_command(
    content: Path, fmt: str, kinds: tuple[str, ...], out: Path | None, force: bool
) -> None:
    """Export every valid record of CONTENT (default: ./content) as UTF-8 JSON, JSONL or CSV.

    Records with errors are left out (a warning says how many files have errors).
    """
    results = "results" in kinds
    if results and len(set(kinds)) > 1:
        raise RexError(
            _("--kind results cannot be combined with record kinds"),
            hint=_("export the results and the records in two runs"),
            exit_code=2,
        )
    wanted = None if results else [parse_kind(k) for k in kinds] or None
    if fmt == "csv" and out is None:
        raise RexError(
            _("csv export needs --out"), hint=_("e.g. --out export/ (one file per kind)")
        )
    corpus = load(content)
    data = {"results": export_results(corpus)} if results else export_records(corpus, wanted)
    count = sum(len(records) for records in data.values())
    if fmt == "csv" and results:
        assert out is not None
        write_tables({"results.csv": results_table(data["results"])}, out, force=force)
        click.echo(
            _("{out}: {count} measurements in results.csv").format(out=out.as_posix(), count=count),
            err=True,
        )
    elif fmt == "csv":
        assert out is not None
        files = write_csv(data, out, force=force)
        click.echo(
            _("{out}: {count} records in {files} CSV files").format(
                out=out.as_posix(), count=count, files=len(files)
            ),
            err=True,
        )
    else:
        text = format_json(data) if fmt == "json" else format_jsonl(data)
        if out is None:
            click.echo(text, nl=False)
        else:
            write_file(text, out, force=force)
            click.echo(
                _("{out}: {count} records").format(out=out.as_posix(), count=count), err=True
            )
    errors = len(corpus.report.errors)
    if errors:
        click.secho(
            _(
                "warning: {errors} errors; records with errors were left out (run 'rex validate')"
            ).format(errors=errors),
            err=True,
            fg="yellow",
        )
