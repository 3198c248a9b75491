"""How the report names a record: enough to show it and link to it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
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


class JsonData:
    """``to_dict`` and ``to_json`` for the report's dataclasses (one JSON rule for all)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: dates ISO, enums as their values, keys as strings."""
        data = jsonable(dataclasses.asdict(self))  # type: ignore[call-overload]
        assert isinstance(data, dict)
        return data

    def to_json(self) -> str:
        """Indented JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
