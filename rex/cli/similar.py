"""`rex similar`: the records closest to one record, and what they share with it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..corpus import Corpus, load
from ..errors import UsageError
from ..i18n import N_
from ..models import Kind
from ..similar import SimilarRecord, UnknownRecordError, similar
from ..validate import suggest
from .base import CONTENT_ARGUMENT, format_option

_KIND_CHOICES = [k.singular for k in Kind] + [k.value for k in Kind if k.value != k.singular]


@click.command("similar")
@click.argument("record_id", metavar="ID")
@CONTENT_ARGUMENT
@click.option(
    "--kind",
    type=click.Choice(_KIND_CHOICES),
    default=None,
    help=N_("The record's kind, when ID names records of several kinds."),
)
@click.option("--limit", type=click.IntRange(min=0), default=5, show_default=True)
@format_option("text", "json", help=N_("text for people, json for tools."))
def similar_command(record_id: str, content: Path, kind: str | None, limit: int, fmt: str) -> None:
    """Show the records of CONTENT (default: ./content) most similar to the record ID.

    Similarity weighs the services, indicators and practices two records link to, their tags
    and their rarer words; each result says what it shares. Files with errors are left out:
    run 'rex validate' to see them.
    """
    corpus = load(content)
    try:
        found = similar(corpus, record_id, limit, kind=kind)
    except UnknownRecordError as error:
        raise _unknown(corpus, record_id, error) from None
    record = next(r for r in corpus if r.id == record_id and (kind is None or _is(r.kind, kind)))
    if fmt == "json":
        data: dict[str, Any] = {
            "record": {
                "kind": record.kind.value,
                "id": record.id,
                "title": record.title,
                "path": record.relpath,
            },
            "similar": [s.to_dict() for s in found],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(format_similar(record.title, record.id, found))


def _is(kind: Kind, name: str) -> bool:
    return name in (kind.value, kind.singular)


def _unknown(corpus: Corpus, record_id: str, error: UnknownRecordError) -> UsageError:
    ids = {r.id for r in corpus}
    close = suggest(record_id, ids) if record_id not in ids else []
    hint = f"did you mean '{close[0]}'?" if close else error.hint
    return UsageError(error.message, hint=hint)


def reasons(found: SimilarRecord) -> str:
    """What the similar record shares: ``linked; services: a, b; words: x, y``."""
    parts = ["linked"] if found.linked else []
    for name in ("services", "indicators", "practices", "tags", "words"):
        values = getattr(found, name)
        if values:
            parts.append(f"{name}: {', '.join(values)}")
    return "; ".join(parts)


def format_similar(title: str, record_id: str, found: list[SimilarRecord]) -> str:
    """The similar records for a terminal: rank, title, kind and id, score, path, reasons."""
    lines = [click.style(f"similar to {title!r} [{record_id}]", bold=True)]
    if not found:
        lines.append("no similar record")
    for rank, item in enumerate(found, 1):
        lines.append("")
        lines.append(
            f"{rank:>2}. {click.style(item.title, bold=True)}  "
            f"[{item.kind.singular}: {item.id}]  score {item.score:.2f}"
        )
        lines.append(f"    {click.style(item.record.relpath, fg='cyan')}")
        why = reasons(item)
        if why:
            lines.append(f"    {why}")
    return "\n".join(lines)
