"""The language of messages: English in the code, French from the gettext catalogue.

Messages are written in English and wrapped in `_` where they are built, with named
placeholders (``_("unknown key '{name}'").format(name=...)``) so a translation may reorder
them. The catalogue is ``rex/locale/fr/LC_MESSAGES/rex.po``, compiled to ``rex.mo`` (see
README, *Languages*). The library speaks English until `set_language` is called; the CLI
chooses with `language_from_env` and ``--lang``. Codes, JSON keys and exit codes never change.
"""

from __future__ import annotations

import gettext
import inspect
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "rex"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")
DEFAULT = "en"
#: Environment variables that give the language, strongest first (as POSIX ranks them).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_NULL = gettext.NullTranslations()
_state: dict[str, gettext.NullTranslations | str] = {"language": DEFAULT, "catalogue": _NULL}


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """``REX_LANG``, else the locale (``fr*`` is French), else English."""
    env = os.environ if environ is None else environ
    chosen = env.get("REX_LANG", "").strip()
    if not chosen:
        # The first locale variable set decides, even to a language rex does not speak.
        chosen = next((env[name] for name in LOCALE_VARIABLES if env.get(name)), "")
    return "fr" if chosen.lower().startswith("fr") else DEFAULT


def set_language(language: str) -> None:
    """Speak ``language`` (``en`` or ``fr``) from now on; `ValueError` for another one."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}")
    catalogue: gettext.NullTranslations = _NULL
    if language != DEFAULT:
        catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    _state.update(language=language, catalogue=catalogue)


def get_language() -> str:
    """The language messages are built in now."""
    return str(_state["language"])


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Speak ``language`` inside the block, then the language spoken before."""
    before = get_language()
    set_language(language)
    try:
        yield
    finally:
        set_language(before)


def _catalogue() -> gettext.NullTranslations:
    catalogue = _state["catalogue"]
    assert isinstance(catalogue, gettext.NullTranslations)
    return catalogue


def _(message: str) -> str:
    """``message`` in the current language (itself when it has no translation)."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return _catalogue().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it (it is translated when used)."""
    return message


def translate_help(text: str | None) -> str | None:
    """A command's or option's help in the current language (click cleans docstrings first)."""
    return None if text is None else _(inspect.cleandoc(text))
