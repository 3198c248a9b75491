"""`rex new`: write a commented record template, in French, into the right folder."""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files
from pathlib import Path
from string import Template

from .atomic import write_new_file
from .errors import RexError
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
    text = files("rex").joinpath("templates", f"{kind.singular}.md").read_text(encoding="utf-8")

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
    return Template(text).substitute(
        id=record_id,
        # JSON strings are valid YAML and keep any quote or colon in the title safe.
        title=json.dumps(title or "À compléter : titre", ensure_ascii=False),
        today=today.isoformat(),
        review_by=today.replace(year=today.year + 1).isoformat()
        if not (today.month == 2 and today.day == 29)
        else dt.date(today.year + 1, 3, 1).isoformat(),
        services=first(Kind.SERVICE),
        indicators=indicator,
        practices=first(Kind.PRACTICE),
        measures=measures,
        service_ids=listed(Kind.SERVICE),
        indicator_ids=listed(Kind.INDICATOR),
        practice_ids=listed(Kind.PRACTICE),
    )


def new_record(content: Path, kind: Kind | str, record_id: str, title: str | None = None) -> Path:
    """Create ``content/<kind>/<id>.md`` from the template; never overwrites a file.

    Raises `RexError` for a bad id or an existing record (the file is left untouched).
    """
    kind = kind if isinstance(kind, Kind) else parse_kind(kind)
    if not valid_id(record_id):
        raise RexError(
            f"'{record_id}' is not a valid id",
            hint="use lowercase letters, digits and single hyphens, "
            f"e.g. '{suggest_id(record_id)}'",
            exit_code=2,
        )
    existing: dict[Kind, list[str]] = {k: [] for k in Kind}
    clash = None
    if content.is_dir():
        sources, _ = discover(content)
        for source in sources:
            existing[source.kind].append(source.id)
            if source.kind is kind and source.id == record_id:
                clash = source.path
    target = content / kind.value / f"{record_id}.md"
    if clash is not None or target.exists():
        raise RexError(
            f"{clash or target}: already exists, left untouched",
            hint="choose another id, or edit the existing file",
        )
    text = render_template(kind, record_id, title, existing=existing)
    try:
        write_new_file(target, text)
    except FileExistsError:
        raise RexError(f"{target}: already exists, left untouched") from None
    except OSError as exc:
        raise RexError(f"{target}: cannot write the file ({exc.strerror or exc})") from None
    return target
