"""`rex schema`: write the JSON Schemas of the front matter, or check they are current."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import N_, _
from ..schema import stale_schemas, write_schemas


@click.command("schema")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default="schemas",
    show_default=True,
    help=N_("Folder for the <kind>.schema.json files."),
)
@click.option("--check", is_flag=True, help=N_("Exit 1 if the files differ from the models."))
def schema_command(out: Path, check: bool) -> None:
    """Write the JSON Schema of each kind's front matter (for editors and tools)."""
    if check:
        stale = stale_schemas(out)
        for name in stale:
            click.echo(
                _("{path}: out of date (run 'rex schema --out {out}')").format(
                    path=(out / name).as_posix(), out=out
                )
            )
        if stale:
            raise SystemExit(1)
        click.echo(_("{out}: schemas are up to date").format(out=out.as_posix()))
        return
    changed = write_schemas(out)
    click.echo(
        _("{out}: {count} schema files written").format(out=out.as_posix(), count=len(changed))
    )
