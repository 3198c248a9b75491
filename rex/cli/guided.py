"""`rex new` guided: ask for the title and each required key, check every answer at once.

Answers are checked by the kind's own model, so a value accepted here is one `rex validate`
accepts; links are chosen among the ids the corpus already has. The answers then replace the
template's placeholder values, so the comments and French headings of the template stay.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import typing
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from ..frontmatter import parse
from ..i18n import _
from ..loader import discover
from ..models import Kind
from ..validate import suggest
from ..validate_messages import bound_message, kind_word, length_message

_LIST_SPLIT = re.compile(r"[,\s]+")


def existing_ids(content: Path) -> dict[Kind, list[str]]:
    """The ids of every kind already in ``content`` (none when the folder does not exist)."""
    found: dict[Kind, list[str]] = {k: [] for k in Kind}
    if content.is_dir():
        for source in discover(content)[0]:
            found[source.kind].append(source.id)
    return found


def ask_record(
    kind: Kind, existing: dict[Kind, list[str]], title: str | None = None
) -> dict[str, Any]:
    """The title (unless given) and required keys of a new ``kind`` record, asked one by one."""
    meta = kind.spec.meta
    answers: dict[str, Any] = {} if title is None else {"title": title}
    for name, info in meta.model_fields.items():
        if name in answers or (name != "title" and not info.is_required()):
            continue
        key = info.alias or name
        target = kind.spec.links.get(key)
        while True:
            value = _ask(key, info.annotation, Kind(target) if target else None, existing)
            problem = _problem(meta, {**answers, key: value}, key)
            if problem is None:
                answers[key] = value
                break
            click.secho(problem, fg="red", err=True)
    return answers


def _ask(key: str, annotation: Any, target: Kind | None, existing: dict[Kind, list[str]]) -> Any:
    label = key if key != "title" else _("Title")
    args = typing.get_args(annotation)
    is_list = typing.get_origin(annotation) is list
    if target is not None:
        return _ask_ids(label, target, existing[target], many=is_list)
    choices = _choices(annotation)
    if choices:
        return _prompt(label, type=click.Choice(choices))
    if annotation is dt.date:
        day = _prompt(
            label + " " + _("(YYYY-MM-DD)"),
            type=click.DateTime(["%Y-%m-%d"]),
            default=dt.date.today().isoformat(),
        )
        return day.date()
    if annotation is int:
        return _prompt(label, type=int)
    if is_list and args and args[0] is not dict:
        click.echo(_("{label}: one per line, an empty line to finish").format(label=label))
        items: list[str] = []
        while item := _prompt(f"  {len(items) + 1}", default="", show_default=False):
            items.append(item.strip())
        return items
    return _prompt(label).strip()


def _prompt(text: str, **options: Any) -> Any:
    # click ends a prompt with ": "; French wants a no-break space before the colon.
    return click.prompt(text, prompt_suffix=_(": "), **options)


def _choices(annotation: Any) -> list[str]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(member.value) for member in annotation]
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return []


def _ask_ids(label: str, target: Kind, known: list[str], *, many: bool) -> Any:
    word = kind_word(target.singular)
    if known:
        click.echo(_("Existing ({kind}): {ids}").format(kind=word, ids=", ".join(known)))
    else:
        click.echo(
            _("No {kind} yet: create it later with 'rex new {singular} ID'.").format(
                kind=word, singular=target.singular
            )
        )
    while True:
        answer = _prompt(label + (" " + _("(ids separated by commas)") if many else ""))
        ids = [i for i in _LIST_SPLIT.split(answer) if i]
        unknown = [i for i in ids if known and i not in known]
        if ids and not unknown:
            return ids if many else ids[0]
        for i in unknown:
            close = suggest(i, known)
            hint = _(" (did you mean '{suggestion}'?)").format(suggestion=close[0]) if close else ""
            message = _("{kind} '{id}' does not exist").format(kind=word, id=i)
            click.secho(message + hint, fg="red", err=True)


def _problem(meta: Any, data: dict[str, Any], key: str) -> str | None:
    """Why the model refuses ``data[key]``, in the user's language; None when it accepts it."""
    try:
        meta.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            if error["loc"][:1] != (key,) or error["type"] == "missing":
                continue
            ctx = error.get("ctx", {})
            if error["type"] in {"string_too_short", "string_too_long", "too_short", "too_long"}:
                return length_message(key, error["type"], ctx)
            bound = bound_message(error["type"], ctx)
            return _("'{name}': {problem}").format(name=key, problem=bound or error["msg"])
    return None


def fill_template(text: str, answers: dict[str, Any]) -> str:
    """The template ``text`` with each answered key's value in place of its placeholder."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    front, rest = lines[1:end], lines[end:]
    for key, value in answers.items():
        written = f"{key}: {_yaml(value)}"
        at = next((i for i, line in enumerate(front) if line.startswith(f"{key}:")), None)
        if at is None:
            front.append(written)
            continue
        stop = at + 1
        while stop < len(front) and front[stop].startswith((" ", "\t")):
            stop += 1  # the placeholder's own list items
        front[at:stop] = [written]
    return "\n".join(["---", *front, *rest])


def _yaml(value: Any) -> str:
    # JSON is YAML: quotes keep any colon or '#' of an answer as text.
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, enum.Enum):
        value = value.value
    return json.dumps(value, ensure_ascii=False)


def keep_valid(text: str, kind: Kind) -> str:
    """``text`` with the optional keys the model refuses set back to their defaults."""
    parsed = parse(text)
    if not isinstance(parsed.data, dict):
        return text
    try:
        kind.spec.meta.model_validate(parsed.data)
    except ValidationError as exc:
        fields = kind.spec.meta.model_fields
        defaults = {
            str(e["loc"][0]): fields[str(e["loc"][0])].get_default(call_default_factory=True)
            for e in exc.errors()
            if e["loc"]
            and str(e["loc"][0]) in fields
            and not fields[str(e["loc"][0])].is_required()
        }
        return fill_template(text, defaults) if defaults else text
    return text
