"""Keep rex's message catalogue current with Babel: extract, update, compile.

Besides ``_()``, ``N_()`` and friends, the extractor takes two kinds of strings the code does not
translate where they are written: the docstrings of click commands (their help) and the
``description=`` of pydantic ``Field(...)`` calls (English in the JSON Schemas, French on the
site's contributor guide, which translates them as it renders).

    python tools/catalog.py             # all three steps, in order
    python tools/catalog.py extract     # rex/locale/rex.pot from the code
    python tools/catalog.py update      # merge the .pot into rex/locale/fr/LC_MESSAGES/rex.po
    python tools/catalog.py compile     # rex.po -> rex.mo (committed: installs need no Babel)

The same steps with pybabel itself, from the repository's top folder (``python -m`` puts it on
the path, so ``babel.cfg`` finds this file's extractor):

    python -m babel.messages.frontend extract -F babel.cfg -o rex/locale/rex.pot .
    python -m babel.messages.frontend update -i rex/locale/rex.pot -d rex/locale -D rex
    python -m babel.messages.frontend compile -d rex/locale -D rex
"""

from __future__ import annotations

import ast
import inspect
import sys
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from babel.messages.extract import extract_python

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "rex" / "locale"
POT = LOCALE / "rex.pot"
PO = LOCALE / "fr" / "LC_MESSAGES" / "rex.po"

#: Decorators whose function's docstring is a command's help (click shows it in ``--help``).
_COMMAND_DECORATORS = ("command", "group")


def extract_rex(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any] | Collection[str],
    comment_tags: Collection[str],
    options: dict[str, Any],
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel's Python extraction, plus click commands' docstrings and Field descriptions."""
    yield from extract_python(fileobj, keywords, comment_tags, options)
    fileobj.seek(0)
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(map(_is_command, node.decorator_list)):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                # rex.cli.language looks help up as click shows it: cleaned of indentation.
                yield node.lineno, None, inspect.cleandoc(doc), ["command help"]
        elif isinstance(node, ast.Call) and _name(node.func) == "Field":
            for keyword in node.keywords:
                value = keyword.value
                if (
                    keyword.arg == "description"
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    # Implicitly joined literals arrive as one constant, as pydantic sees them.
                    yield value.lineno, None, value.value, ["field description"]


def _is_command(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return _name(target) in _COMMAND_DECORATORS


def _name(target: ast.expr) -> str:
    """``f`` for ``f`` or ``module.f``; empty for anything else called."""
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def _pybabel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    """Write the template of every message in the code."""
    _pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-o",
        str(POT),
        "--sort-by-file",
        "--project",
        "rex",
        "--omit-header",
        ".",
    )


def update() -> None:
    """Bring the French catalogue in line with the template (new ids arrive empty or fuzzy)."""
    _pybabel("update", "-i", str(POT), "-d", str(LOCALE), "-D", "rex", "--ignore-obsolete")


def compile_catalogue() -> None:
    """Compile the French catalogue (fuzzy entries are left out, as gettext would)."""
    _pybabel("compile", "-d", str(LOCALE), "-D", "rex", "--statistics")


def main(argv: list[str]) -> None:
    """Run the steps named in ``argv`` (all of them when none is)."""
    import os

    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))  # babel.cfg names this module's extractor
    steps = {"extract": extract, "update": update, "compile": compile_catalogue}
    for name in argv or list(steps):
        steps[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
