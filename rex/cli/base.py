"""What every command shares: lazy loading, and turning exceptions into a message and exit code."""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import RexError, UsageError
from ..i18n import N_, _, get_language, set_language
from .language import RexCommand, TranslatedHelp, start_language

F = TypeVar("F", bound=Callable[..., Any])

_FOLDER = click.Path(file_okay=False, path_type=Path)
DEFAULT_CONTENT = Path("content")

CONTENT_ARGUMENT = click.argument("content", type=_FOLDER, default="content", required=False)


def content_argument_or_option(f: F) -> F:
    """CONTENT as every command takes it, also accepted as ``--content DIR`` (its older form)."""

    @functools.wraps(f)
    def command(
        *args: Any, content: Path | None, content_option: Path | None, **kwargs: Any
    ) -> Any:
        if content is not None and content_option is not None and content != content_option:
            raise click.UsageError(
                _(
                    "the corpus is given twice ({content} and --content {option}); "
                    "give it once, as CONTENT"
                ).format(content=content, option=content_option)
            )
        return f(*args, content=content or content_option or DEFAULT_CONTENT, **kwargs)

    command = click.argument("content", type=_FOLDER, default=None, required=False)(command)
    option = click.option(
        "--content",
        "content_option",
        type=_FOLDER,
        default=None,
        metavar="DIR",
        help=N_("The same as CONTENT (default: ./content)."),
    )
    return option(command)  # type: ignore[return-value]


def format_option(*choices: str, help: str) -> Callable[[F], F]:
    """The ``--format`` option with these choices, the first being the default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help,
    )


def _to_date(_ctx: click.Context, _param: click.Parameter, value: Any) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else None


def today_option(help: str) -> Callable[[F], F]:
    """The ``--today YYYY-MM-DD`` option (a `datetime.date`, None when not given)."""
    return click.option(
        "--today",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        callback=_to_date,
        help=help,
    )


#: The exit code of each kind of failure, most specific first: the one place they are chosen.
#: Problems in the records are not exceptions; commands exit 1 on them (see `rex validate`).
EXIT_CODES: tuple[tuple[type[RexError], int], ...] = ((UsageError, 2), (RexError, 1))


def exit_code(error: RexError) -> int:
    """The exit code for ``error``: 2 for a bad argument, 1 when work could not go on."""
    if error.exit_code is not None:  # a caller not yet moved to UsageError asked for one
        return error.exit_code
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))


def fail(error: RexError) -> None:
    """Print ``error`` on stderr, with its hint, and exit with its code."""
    click.secho(_("Error: {message}").format(message=error.message), err=True, fg="red")
    if error.hint:
        click.echo("  " + _("hint: {hint}").format(hint=error.hint), err=True)
    raise SystemExit(exit_code(error))


class RexGroup(TranslatedHelp, click.Group):
    """A click group that loads its commands on demand and never shows a traceback for an
    expected failure."""

    def __init__(self, *args: Any, lazy_commands: dict[str, str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, in the order they were declared."""
        names = [name for name in self.lazy_commands if self._load(name) is not None]
        return names + [n for n in super().list_commands(ctx) if n not in names]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, imported on first use."""
        if cmd_name in self.lazy_commands:
            return self._load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def _load(self, name: str) -> click.Command | None:
        module_name, attribute = self.lazy_commands[name].split(":")
        full_name = f"{__package__}.{module_name}"
        try:
            module = importlib.import_module(full_name)
        except ModuleNotFoundError as error:
            if error.name == full_name:  # a command not built yet
                return None
            raise
        command = getattr(module, attribute)
        assert isinstance(command, click.Command)
        if type(command) is click.Command:
            # RexCommand only adds methods (help in the user's language): every command gets
            # them, including ones written with a plain @click.command.
            command.__class__ = RexCommand
        return command

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Start in the environment's language, before ``--lang`` and ``--help`` are read."""
        start_language()
        return super().make_context(info_name, args, parent, **extra)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the CLI, then give the library back the language it spoke before."""
        before = get_language()
        try:
            return super().main(*args, **kwargs)
        finally:
            set_language(before)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; turn rex errors and OS errors into a message and exit code."""
        try:
            return super().invoke(ctx)
        except RexError as error:
            fail(error)
        except KeyboardInterrupt:
            click.echo(_("Interrupted."), err=True)
            raise SystemExit(130) from None
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            fail(RexError(f"{where}{error.strerror or error}"))
        return None
