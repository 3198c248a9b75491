"""The `rex` command line: a thin layer that parses options, calls the library and exits."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import RexError
from .base import RexGroup
from .new import new_command
from .schema import schema_command
from .validate import validate_command


@click.group(cls=RexGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rex", prog_name="rex")
def cli() -> None:
    """Capitalise best practices and experience feedback: validate, search, publish."""


for _command in (validate_command, new_command, schema_command):
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the ``rex`` console script."""
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="rex")


__all__ = ["RexError", "cli", "main"]
