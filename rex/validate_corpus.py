"""Corpus checks on dates and on the services tree, run once every file has been read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .frontmatter import ParsedText, Position
from .i18n import _
from .models import Kind, Service
from .models.action import action_problems

if TYPE_CHECKING:
    from .validate import FileResult


def _date(data: Mapping[str, Any], key: str) -> dt.date | None:
    value = data.get(key)
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def check_dates(res: FileResult, parsed: ParsedText, today: dt.date) -> None:
    """Report dates out of order, practices overdue for review and REX dated in the future."""
    data = parsed.data
    if res.source.kind is Kind.PRACTICE:
        created, updated, review_by = (_date(data, k) for k in ("created", "updated", "review_by"))
        if created and updated and updated < created:
            res.add(
                parsed.position(("updated",)),
                "date-order",
                _("'updated' ({updated}) is before 'created' ({created})").format(
                    updated=updated, created=created
                ),
                _("swap the dates or correct one of them"),
            )
        if review_by and review_by < today:
            res.add(
                parsed.position(("review_by",)),
                "review-overdue",
                _("this practice was due for review on {date}").format(date=review_by),
                _("review it, then set 'updated' to today and 'review_by' to a later date"),
            )
    elif res.source.kind is Kind.REX:
        date, started = _date(data, "date"), _date(data, "started")
        if date and started and started > date:
            res.add(
                parsed.position(("started",)),
                "date-order",
                _("'started' ({started}) is after 'date' ({date}), when the project ended").format(
                    started=started, date=date
                ),
                _("swap the dates or correct one of them"),
            )
        if date and date > today:
            res.add(
                parsed.position(("date",)),
                "date-in-future",
                _("the REX is dated {date}, after today ({today})").format(date=date, today=today),
                _("a REX tells what happened: use the date the project ended or was assessed"),
            )

    elif res.source.kind.value == "actions":
        for path, code, message, hint in action_problems(data):
            where = Position(parsed.start_line, 1) if path is None else parsed.position(path)
            res.add(where, code, message, hint)


def check_cycles(results: list[FileResult]) -> None:
    """Report services that are their own ancestors through 'parent'."""
    parents: dict[str, str] = {}
    by_id: dict[str, FileResult] = {}
    for res in results:
        if isinstance(res.record, Service) and res.record.parent:
            parents[res.record.id] = res.record.parent
            by_id[res.record.id] = res
    for start, res in by_id.items():
        chain = [start]
        current = parents.get(start)
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        if current == start and res.parsed is not None:
            loop = " → ".join([*chain, start])
            res.add(
                res.parsed.position(("parent",)),
                "parent-cycle",
                _("services form a cycle through 'parent': {loop}").format(loop=loop),
                _("remove 'parent' from one of these services"),
            )
