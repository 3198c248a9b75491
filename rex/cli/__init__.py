"""The `rex` command line: a thin layer that parses options, calls the library and exits.

Commands are imported only when run, so `rex validate` does not pay for whoosh or mkdocs.
"""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click

from ..errors import RexError
from . import quick_exit
from .base import RexGroup
from .language import lang_option

#: command name -> "module:attribute" under rex.cli
COMMANDS = {
    "validate": "validate:validate_command",
    "new": "new:new_command",
    "schema": "schema:schema_command",
    "index": "index:index_command",
    "search": "search:search_command",
    "similar": "similar:similar_command",
    "build": "build:build_command",
    "serve": "build:serve_command",
    "report": "report:report_command",
    "gaps": "gaps:gaps_command",
    "export": "export:export_command",
}


@click.group(
    cls=RexGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="rex", prog_name="rex")
@lang_option
def cli() -> None:
    """Capitalise best practices and experience feedback: validate, search, publish.

    Records are Markdown files with YAML front matter in CONTENT (default: ./content),
    one folder per kind: services/, indicators/, practices/, rex/.
    """


def main(argv: list[str] | None = None) -> Any:
    """Run the ``rex`` command line with ``argv`` (default: the process's arguments)."""
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="rex")


def run() -> NoReturn:
    """Entry point of the ``rex`` console script and of ``python -m rex`` (see `quick_exit`)."""
    quick_exit.run(main)


__all__ = ["RexError", "cli", "main", "run"]
