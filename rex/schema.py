"""JSON Schemas of the front matter of each kind, and the Table Schema of results files."""

from __future__ import annotations

import json
from pathlib import Path

from .atomic import write_text_atomic
from .models import META_MODELS, Kind
from .results import table_schema

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(kind: Kind) -> dict[str, object]:
    """The JSON Schema of one kind's front matter."""
    schema = META_MODELS[kind].model_json_schema()
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{kind.singular}.schema.json",
        **schema,
    }


def _json(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def schema_texts() -> dict[str, str]:
    """File name -> JSON text of every kind's schema and of the results Table Schema."""
    texts = {f"{kind.singular}.schema.json": _json(schema_for(kind)) for kind in Kind}
    # A frictionless Table Schema, not a JSON Schema: results are tables, not front matter.
    texts["results.schema.json"] = _json(table_schema())
    return texts


def stale_schemas(folder: Path) -> list[str]:
    """The schema files in ``folder`` that are missing or differ from the models."""
    stale = []
    for name, text in schema_texts().items():
        target = folder / name
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            stale.append(name)
    return stale


def write_schemas(folder: Path) -> list[Path]:
    """Write every kind's schema into ``folder``; return the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name in stale_schemas(folder):
        target = folder / name
        write_text_atomic(target, schema_texts()[name])
        changed.append(target)
    return changed
