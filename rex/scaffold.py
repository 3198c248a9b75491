"""`rex new`: write a commented record template, in French, into the right folder."""

from __future__ import annotations

import datetime as dt
import json
import typing
from collections.abc import Callable
from pathlib import Path
from string import Template

from .atomic import write_new_file
from .errors import RexError, UsageError
from .i18n import _
from .loader import discover
from .models import Kind, parse_kind
from .validate import suggest_id, valid_id

_LISTED = 12


def render_template(
    kind: Kind,
    record_id: str,
    title: str | None = None,
    *,
    existing: dict[Kind, list[str]] | None = None,
    today: dt.date | None = None,
) -> str:
    """The text of a new record: a commented template pre-filled with existing ids."""
    existing = existing or {k: [] for k in Kind}
    today = today or dt.date.today()
    source = kind.spec.template
    if source is None:
        text = generic_template(kind)
    else:
        text = source if isinstance(source, str) else source.read_text(encoding="utf-8")

    def first(k: Kind) -> str:
        return existing[k][0] if existing.get(k) else ""

    def listed(k: Kind) -> str:
        ids = existing.get(k, [])
        more = f" (+{len(ids) - _LISTED})" if len(ids) > _LISTED else ""
        return (", ".join(ids[:_LISTED]) + more) if ids else "aucun pour l'instant"

    indicator = first(Kind.INDICATOR)
    measures = (
        f"\n  - indicator: {indicator}\n    before: 0\n    after: 0\n    period: À compléter"
        if indicator
        else " []"
    )
    # Every kind's first id ($services) and id list ($service_ids), for any template.
    ids = {k.value: first(k) for k in Kind} | {f"{k.singular}_ids": listed(k) for k in Kind}
    return Template(text).substitute(
        ids,
        id=record_id,
        # JSON strings are valid YAML and keep any quote or colon in the title safe.
        title=json.dumps(title or "À compléter : titre", ensure_ascii=False),
        today=today.isoformat(),
        review_by=today.replace(year=today.year + 1).isoformat()
        if not (today.month == 2 and today.day == 29)
        else dt.date(today.year + 1, 3, 1).isoformat(),
        measures=measures,
    )


def generic_template(kind: Kind) -> str:
    """A template for a kind without its own: every key of its model, with its description."""
    meta = kind.spec.meta
    targets = {path: Kind(target) for path, target in kind.spec.links.items()}
    lines = ["---", "# " + kind.spec.label.replace("$", "$$"), "title: $title"]
    for name, info in meta.model_fields.items():
        if name in ("title", "extra"):
            continue
        if info.description:
            lines.append("# " + info.description.replace("$", "$$"))
        target = targets.get(name)
        if target is not None:
            lines.append(f"# Existants : ${target.singular}_ids")
        if info.annotation is dt.date or info.annotation == dt.date | None:
            value = "$today"
        elif target is not None:
            # Pre-filled with the first existing id, as the built-in templates are.
            is_list = typing.get_origin(info.annotation) is list
            value = f"[${target.value}]" if is_list else f"${target.value}"
        elif not info.is_required():
            value = json.dumps(info.get_default(call_default_factory=True), ensure_ascii=False)
        else:
            value = '"À compléter"'
        lines.append(f"{name}: {value}")
    return "\n".join([*lines, "---", "", "## Description", "", "À compléter.", ""])


def new_record(
    content: Path,
    kind: Kind | str,
    record_id: str,
    title: str | None = None,
    *,
    fill: Callable[[str, dict[Kind, list[str]]], str] | None = None,
) -> Path:
    """Create ``content/<kind>/<id>.md`` from the template; never overwrites a file.

    ``fill(text, existing_ids)``, once the id is known to be free, may change the text (the
    guided ``rex new`` puts the answers in).

    Raises `RexError` for a bad id or an existing record (the file is left untouched).
    """
    kind = kind if isinstance(kind, Kind) else parse_kind(kind)
    if not valid_id(record_id):
        raise UsageError(
            _("'{record_id}' is not a valid id").format(record_id=record_id),
            hint=_("use lowercase letters, digits and single hyphens, e.g. '{suggestion}'").format(
                suggestion=suggest_id(record_id)
            ),
        )
    existing: dict[Kind, list[str]] = {k: [] for k in Kind}
    clash = None
    if content.is_dir():
        sources, _problems = discover(content)
        for source in sources:
            existing[source.kind].append(source.id)
            if source.kind is kind and source.id == record_id:
                clash = source.path
    target = content / kind.value / f"{record_id}.md"
    if clash is not None or target.exists():
        raise RexError(
            _("{value}: already exists, left untouched").format(value=clash or target),
            hint=_("choose another id, or edit the existing file"),
        )
    text = render_template(kind, record_id, title, existing=existing)
    if fill is not None:
        text = fill(text, existing)
    try:
        write_new_file(target, text)
    except FileExistsError:
        raise RexError(
            _("{target}: already exists, left untouched").format(target=target)
        ) from None
    except OSError as exc:
        raise RexError(
            _("{target}: cannot write the file ({value})").format(
                target=target, value=exc.strerror or exc
            )
        ) from None
    return target
