"""`rex schema`: write the JSON Schemas of the front matter, or check they are current."""

from __future__ import annotations

from pathlib import Path

import click

from ..schema import stale_schemas, write_schemas


@click.command("schema")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default="schemas",
    show_default=True,
    help="Folder for the <kind>.schema.json files.",
)
@click.option("--check", is_flag=True, help="Exit 1 if the files differ from the models.")
def schema_command(out: Path, check: bool) -> None:
    """Write the JSON Schema of each kind's front matter (for editors and tools)."""
    if check:
        stale = stale_schemas(out)
        for name in stale:
            click.echo(f"{(out / name).as_posix()}: out of date (run 'rex schema --out {out}')")
        if stale:
            raise SystemExit(1)
        click.echo(f"{out.as_posix()}: schemas are up to date")
        return
    changed = write_schemas(out)
    click.echo(f"{out.as_posix()}: {len(changed)} schema files written")
