"""The CLI's language: the ``--lang`` option, and help texts translated as they are shown.

Help texts are written in English in the commands (docstrings, ``help=``); they are looked up
in the catalogue when ``--help`` renders, so one process can show either language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from ..i18n import LANGUAGES, N_, _, language_from_env, set_language, translate_help

# click's own words in a help page (its catalogue has no French): translated here.
N_("Usage:")
N_("Options")
N_("Commands")
N_("Arguments")
N_("Show this message and exit.")
N_("Show the version and exit.")
_DEFAULT = re.compile(r"\[default: ([^\]]*)\]")
_REQUIRED = "[required]"


class RexHelpFormatter(click.HelpFormatter):
    """click's formatter, with its headings and ``[default: …]`` in the current language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, headed by the translated ``Usage:``."""
        super().write_usage(prog, args, prefix if prefix is not None else _("Usage:") + " ")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        """A titled section (Options, Commands), its title translated."""
        with super().section(_(name)):
            yield

    def write_heading(self, heading: str) -> None:
        """A section's title and its colon, as the language writes them (``Options :``)."""
        title = _("{heading}:").format(heading=heading)
        self.write(" " * self.current_indent + title + "\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Option rows, with click's ``[default: …]`` and ``[required]`` translated."""
        default = _("default: {value}")
        rows = [
            (
                term,
                _DEFAULT.sub(lambda m: "[" + default.format(value=m.group(1)) + "]", text).replace(
                    _REQUIRED, "[" + _("required") + "]"
                ),
            )
            for term, text in rows
        ]
        super().write_dl(rows, col_max, col_spacing)


class RexContext(click.Context):
    """A context whose help pages use `RexHelpFormatter`."""

    formatter_class = RexHelpFormatter


@contextmanager
def translated_help(command: click.Command, ctx: click.Context | None = None) -> Iterator[None]:
    """The command's (and with ``ctx``, its options') help in the current language, once."""
    saved: list[tuple[Any, str, str | None]] = [
        (command, "help", command.help),
        (command, "short_help", command.short_help),
        (command, "epilog", command.epilog),
    ]
    params = command.get_params(ctx) if ctx is not None else []
    saved += [(p, "help", p.help) for p in params if isinstance(p, click.Option)]
    try:
        for owner, attribute, text in saved:
            setattr(owner, attribute, translate_help(text))
        yield
    finally:
        for owner, attribute, text in saved:
            setattr(owner, attribute, text)


class TranslatedHelp(click.Command):
    """A command whose help shows in the current language."""

    context_class = RexContext

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The help page, translated."""
        with translated_help(self, ctx):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The one-line help a group lists, translated."""
        with translated_help(self):
            return super().get_short_help_str(limit)


class RexCommand(TranslatedHelp):
    """A rex command: help in the current language."""


def start_language() -> None:
    """Speak the language of the environment until ``--lang`` says otherwise."""
    set_language(language_from_env())


def _set_lang(_ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        set_language(value)


lang_option = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    is_eager=True,
    expose_value=False,
    callback=_set_lang,
    help=N_("Language of messages: fr or en (default: REX_LANG, else the locale, else en)."),
)
