"""Write a record back to Markdown with YAML front matter (the inverse of reading it)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from .models import META_MODELS, Record


def _plain(value: Any) -> Any:
    """Values PyYAML's safe dumper can write: enums become their text, dates stay dates."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def dump_record(record: Record) -> str:
    """The text of ``record``'s file: its front matter (keys left at their default omitted)
    and its body. Reading the text back gives an equal record."""
    meta_model = META_MODELS[record.kind]
    # Keys as written in files: a field may be spelt otherwise in Python (links -> web_links).
    data = {
        info.alias or name: getattr(record, name) for name, info in meta_model.model_fields.items()
    }
    meta = meta_model.model_validate(data).model_dump(mode="python", exclude_defaults=True)
    # sort_keys=False keeps the models' order (title first), which is how people read a record.
    yaml_text = YAMLHandler().export(_plain(meta), sort_keys=False)
    return f"---\n{yaml_text}\n---\n{record.body}"
