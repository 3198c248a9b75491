"""How the report names a record: enough to show it and link to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ..models import Kind, Record


@dataclass(frozen=True, slots=True)
class RecordRef:
    """A record named in the report: enough to show it and link to it."""

    kind: Kind
    id: str
    title: str
    path: str


def ref(record: Record) -> RecordRef:
    """The reference of ``record`` (``path`` relative to the corpus folder)."""
    return RecordRef(record.kind, record.id, record.title, record.relpath)


def jsonable(value: Any) -> Any:
    """``value`` with dates as ISO text, enums as their values and keys as strings."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
