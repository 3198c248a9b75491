"""Languages: the French catalogue is complete and current, and French output is French."""

from __future__ import annotations

import gettext
import inspect
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from rex.cli import cli
from rex.i18n import LOCALE_DIR, get_language, language_from_env, translate_help, use_language
from tests.conftest import MINIMAL, Invoke, WriteTree

ROOT = Path(__file__).resolve().parent.parent
PO = LOCALE_DIR / "fr" / "LC_MESSAGES" / "rex.po"
MO = PO.with_suffix(".mo")
CASES = sorted(p for p in (ROOT / "tests" / "cases").iterdir() if p.is_dir())
_FIELD = re.compile(r"\{(\w+)\}")


def _catalogue() -> Catalog:
    with PO.open("rb") as file:
        return read_po(file)


def _messages() -> list[tuple[str | tuple[str, ...], str | tuple[str, ...], bool]]:
    return [(m.id, m.string, m.fuzzy) for m in _catalogue() if m.id]


def _code_ids() -> set[str]:
    """Every message id in the code today, extracted as tools/catalog.py does."""
    sys.path.insert(0, str(ROOT))
    try:
        from tools.catalog import extract_rex

        found = extract_from_dir(str(ROOT / "rex"), method_map=[("**.py", extract_rex)])
        return {m[2] if isinstance(m[2], str) else m[2][0] for m in found}
    finally:
        sys.path.remove(str(ROOT))


def test_every_message_of_the_code_has_a_french_translation() -> None:
    translated = {
        (i if isinstance(i, str) else i[0])
        for i, s, fuzzy in _messages()
        if not fuzzy and (s if isinstance(s, str) else all(s))
    }
    missing = sorted(_code_ids() - translated)
    assert not missing, "run python tools/catalog.py, then translate: " + repr(missing[:5])


def test_field_descriptions_and_code_meanings_are_in_the_catalogue() -> None:
    from rex.codes import CODES
    from rex.models import Meta, RecordBase

    ids = _code_ids()
    assert {info.description for info in CODES.values()} <= ids
    assert RecordBase.model_fields["body"].description in ids
    # Implicitly joined literals arrive whole, as pydantic keeps them.
    visibility = Meta.model_fields["visibility"].description
    assert visibility is not None and "\n" not in visibility and visibility in ids


def test_no_fuzzy_or_empty_entry() -> None:
    bad = [i for i, s, fuzzy in _messages() if fuzzy or not (s if isinstance(s, str) else all(s))]
    assert not bad


def test_placeholders_are_the_same_in_both_languages() -> None:
    for msgid, msgstr, _fuzzy in _messages():
        ids = (msgid,) if isinstance(msgid, str) else msgid
        strs = (msgstr,) if isinstance(msgstr, str) else msgstr
        for i, text in enumerate(strs):
            source = ids[min(i, len(ids) - 1)]
            assert set(_FIELD.findall(text)) == set(_FIELD.findall(source)), (source, text)


def test_compiled_catalogue_matches_the_po() -> None:
    with MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for msgid, msgstr, _fuzzy in _messages():
        if isinstance(msgid, str):
            expected[msgid] = str(msgstr)
        else:
            expected.update({(msgid[0], i): text for i, text in enumerate(msgstr)})
    compiled = {k: v for k, v in compiled.items() if k != ""}
    assert compiled == expected, "run python tools/catalog.py compile"


def test_french_messages_follow_french_typography() -> None:
    for _msgid, msgstr, _fuzzy in _messages():
        for text in (msgstr,) if isinstance(msgstr, str) else msgstr:
            assert not re.search(r" [:;?!]", text), text  # the space is a no-break one
            assert not re.search(r"\w[?!]", text), text  # no space at all
            assert "'{" not in text and "}'" not in text, text  # « guillemets » around names
            assert "« " not in text and " »" not in text, text


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANG": "C", "LC_MESSAGES": "fr_BE"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "REX_LANG": "en"}, "en"),
        ({"REX_LANG": "fr"}, "fr"),
        ({"REX_LANG": "", "LANG": "fr_CA"}, "fr"),
    ],
)
def test_language_from_the_environment(env: dict[str, str], language: str) -> None:
    assert language_from_env(env) == language


def _json(invoke: Invoke, *args: str) -> list[dict[str, object]]:
    result = invoke(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return list(json.loads(result.stdout)["diagnostics"])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_french_diagnostics_are_translated_and_keep_codes_and_lines(
    invoke: Invoke, write_tree: WriteTree, case: Path
) -> None:
    root = write_tree(MINIMAL)  # as tests/test_cases.py lays each case over a valid corpus
    shutil.copytree(case / "content", root, dirs_exist_ok=True)
    args = ("validate", str(root), "--today", "2026-01-01")
    english = _json(invoke, "--lang", "en", *args)
    french = _json(invoke, "--lang", "fr", *args)
    keys = ("path", "line", "column", "severity", "code")
    assert [[d[k] for k in keys] for d in french] == [[d[k] for k in keys] for d in english]
    for en, fr in zip(english, french, strict=True):
        assert fr["message"] != en["message"], fr
        if en["hint"] is not None:
            assert fr["hint"] != en["hint"], fr


def test_locale_gives_french_through_the_console_script(tmp_path: Path) -> None:
    (tmp_path / "practices").mkdir(parents=True)
    (tmp_path / "practices" / "cassee.md").write_text("---\ntitle: Cassée\n---\n", "utf-8")
    env = {"PATH": "", "LANG": "fr_FR.UTF-8"}
    runs = {
        lang: subprocess.run(
            [sys.executable, "-m", "rex", "validate", str(tmp_path)],
            env={**env, "REX_LANG": lang},
            capture_output=True,
            text=True,
            check=False,
        )
        for lang in ("", "en")
    }
    fr, en = runs[""].stdout.splitlines(), runs["en"].stdout.splitlines()
    assert runs[""].returncode == runs["en"].returncode == 1
    heads = [line.split("] ")[0] for line in fr if "] " in line]
    assert heads and heads == [line.split("] ")[0] for line in en if "] " in line]
    assert "la clé obligatoire «\u202fsummary\u202f» manque" in runs[""].stdout
    assert "required key 'summary' is missing" in runs["en"].stdout
    assert fr[-1].startswith("échec\u202f:") and en[-1].startswith("failed:")


def _commands() -> list[str]:
    return cli.list_commands(click.Context(cli))


@pytest.mark.parametrize("name", _commands())
def test_help_of_every_command_in_french(invoke: Invoke, name: str) -> None:
    result = invoke("--lang", "fr", name, "--help")
    code, out = result.exit_code, result.output
    assert code == 0
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and command.help
    with use_language("fr"):
        first = str(translate_help(command.help)).splitlines()[0]
        assert first != inspect.cleandoc(command.help).splitlines()[0]
        for param in command.params:
            if isinstance(param, click.Option) and param.help:
                assert translate_help(param.help) != param.help, param.name
    assert out.startswith("Utilisation\u202f: ") and f" {name} [OPTIONS]" in out
    assert first.split()[0] in out and "Options\u202f:" in out


def test_group_help_lists_commands_in_french(invoke: Invoke) -> None:
    out = invoke("--lang", "fr", "--help").output
    assert "Commandes\u202f:" in out and "Vérifier toutes les fiches" in out
    out = invoke("--lang", "en", "--help").output
    assert "Commands:" in out and "Check every record" in out


def test_errors_and_summaries_follow_the_language(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("--lang", "fr", "validate", str(tmp_path / "absent"))
    assert result.exit_code == 1
    assert "Erreur\u202f:" in result.output and "dossier introuvable" in result.output
    result = invoke("--lang", "fr", "new", "practice", "Mauvais Id", str(tmp_path))
    assert result.exit_code == 2 and "n'est pas un identifiant valide" in result.output


def test_the_library_speaks_english_again_after_a_french_command(invoke: Invoke) -> None:
    invoke("--lang", "fr", "--help")
    assert get_language() == "en"
