"""Checks on ``supersedes``: a record replaces older ones of its kind, never itself, no cycle.

Unknown ids are already reported as links (``unknown-link``, with a "did you mean").
"""

from __future__ import annotations

from collections.abc import Iterable

from .i18n import _
from .models import Kind, Status
from .validate import FileResult
from .validate_messages import kind_word

KINDS = (Kind.PRACTICE, Kind.REX)


def check_supersedes(results: Iterable[FileResult]) -> None:
    """Report self-references and cycles in ``supersedes``, and superseded records still in use."""
    by_key: dict[tuple[Kind, str], FileResult] = {}
    edges: dict[tuple[Kind, str], list[tuple[int, str]]] = {}
    for res in results:
        data = res.parsed.data if res.parsed is not None else None
        if res.source.kind not in KINDS or not isinstance(data, dict):
            continue
        key = (res.source.kind, res.source.id)
        by_key.setdefault(key, res)
        listed = data.get("supersedes")
        if isinstance(listed, list):
            edges[key] = [(i, v) for i, v in enumerate(listed) if isinstance(v, str)]
    for (kind, record_id), targets in edges.items():
        res = by_key[(kind, record_id)]
        assert res.parsed is not None
        for i, target in targets:
            if target == record_id:
                res.add(
                    res.parsed.position(("supersedes", i)),
                    "supersedes-self",
                    _("this {kind} names itself in 'supersedes'").format(
                        kind=kind_word(kind.singular)
                    ),
                    _("name the older record it replaces, or remove the line"),
                )
        cycle = _cycle(kind, record_id, edges)
        if cycle is not None:
            index = next(i for i, t in targets if t == cycle[1])
            res.add(
                res.parsed.position(("supersedes", index)),
                "supersedes-cycle",
                _("{kind} replace each other through 'supersedes': {cycle}").format(
                    kind=kind.value, cycle=" → ".join(cycle)
                ),
                _("only the newer record names the older one: remove one of these links"),
            )
    _check_retired(edges, by_key)


def _cycle(
    kind: Kind, start: str, edges: dict[tuple[Kind, str], list[tuple[int, str]]]
) -> list[str] | None:
    """The shortest chain of ``supersedes`` from ``start`` back to itself (self-loops aside)."""
    paths = [[start]]
    seen = {start}
    while paths:
        following: list[list[str]] = []
        for path in paths:
            for _index, target in edges.get((kind, path[-1]), ()):
                if target == start:
                    if len(path) > 1:  # a record naming itself is supersedes-self
                        return [*path, start]
                elif target not in seen:
                    seen.add(target)
                    following.append([*path, target])
        paths = following
    return None


def _check_retired(
    edges: dict[tuple[Kind, str], list[tuple[int, str]]],
    by_key: dict[tuple[Kind, str], FileResult],
) -> None:
    warned: set[tuple[Kind, str]] = set()
    for (kind, record_id), targets in edges.items():
        if kind is not Kind.PRACTICE:
            continue  # a REX stays true when a newer one follows it: only practices retire
        for _index, target in targets:
            old = by_key.get((kind, target))
            data = old.parsed.data if old is not None and old.parsed is not None else None
            if old is None or target == record_id or not isinstance(data, dict):
                continue
            status = data.get("status")
            if status == Status.RETIRED.value or (kind, target) in warned or old.has_errors:
                continue
            warned.add((kind, target))
            assert old.parsed is not None
            old.add(
                old.parsed.position(("status",)),
                "superseded-active",
                _("this {kind} is superseded by '{id}' but is still '{status}'").format(
                    kind=kind_word(kind.singular), id=record_id, status=status
                ),
                _("set 'status: retired' so readers follow the newer one"),
            )
