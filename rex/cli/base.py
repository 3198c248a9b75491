"""What every command shares: turning exceptions into a message and an exit code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import RexError

CONTENT_ARGUMENT = click.argument(
    "content", type=click.Path(file_okay=False, path_type=Path), default="content", required=False
)


def fail(error: RexError) -> None:
    """Print ``error`` on stderr, with its hint, and exit with its code."""
    click.secho(f"Error: {error.message}", err=True, fg="red")
    if error.hint:
        click.echo(f"  hint: {error.hint}", err=True)
    raise SystemExit(error.exit_code)


class RexGroup(click.Group):
    """A click group that never shows a traceback for an expected failure."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; turn rex errors and OS errors into a message and exit code."""
        try:
            return super().invoke(ctx)
        except RexError as error:
            fail(error)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            raise SystemExit(130) from None
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            fail(RexError(f"{where}{error.strerror or error}"))
        return None
