"""The keys of a kind, read from its model, in plain French: what the contributor guide lists.

Everything here comes from the pydantic models and the kind registry (required or not, the
type, the allowed values with their labels from `rex.present`, the Field description), so the
guide says what the validator checks and cannot drift from it. Descriptions are written in
English (the JSON Schemas keep them so) and translated here from the catalogue, where
tools/catalog.py extracts them: the site is built in French.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..i18n import _
from ..models import (
    ActionOrigin,
    ActionStatus,
    Direction,
    Kind,
    Meta,
    Outcome,
    Priority,
    Status,
    TerritoryType,
)
from ..present import (
    ACTION_STATUS_LABELS,
    DIRECTION_SHORT,
    KIND_LABELS,
    ORIGIN_LABELS,
    OUTCOME_LABELS,
    PRIORITY_LABELS,
    STATUS_LABELS,
    TERRITORY_TYPE_LABELS,
    VISIBILITY_LABELS,
)

#: The French label of each allowed value, by enumeration; an enum not listed shows its values.
ENUM_LABELS: dict[type[Enum], Mapping[Any, str]] = {
    Status: STATUS_LABELS,
    Outcome: OUTCOME_LABELS,
    Direction: DIRECTION_SHORT,
    ActionStatus: ACTION_STATUS_LABELS,
    ActionOrigin: ORIGIN_LABELS,
    Priority: PRIORITY_LABELS,
    TerritoryType: TERRITORY_TYPE_LABELS,
}
#: Labels of literal values (``visibility``).
LITERAL_LABELS: Mapping[str, str] = VISIBILITY_LABELS


@dataclass(frozen=True)
class FieldDoc:
    """One key as the guide shows it.

    ``key`` is written as in front matter: ``measures[].indicator`` is the ``indicator`` key of
    each item of the ``measures`` list, ``budget.amount`` the ``amount`` key of ``budget``.
    """

    key: str
    required: bool
    type: str
    values: tuple[tuple[str, str], ...]
    #: In the current language (a description the catalogue lacks shows as written).
    description: str


def common_keys() -> list[FieldDoc]:
    """The keys every kind shares (`Meta`): title, tags, visibility, extra."""
    return list(_fields(Meta, {}, ""))


def own_keys(kind: Kind) -> list[FieldDoc]:
    """The keys of ``kind`` beyond the shared ones (a shared key it redefines included)."""
    spec = kind.spec
    shared = Meta.model_fields
    own = {
        name: info
        for name, info in spec.meta.model_fields.items()
        if name not in shared or repr(info) != repr(shared[name])
    }
    return list(_fields(spec.meta, spec.links, "", own))


def front_matter_keys(model: type[BaseModel]) -> list[str]:
    """Every key of ``model`` as written in front matter (aliases), nested keys included."""
    return [doc.key for doc in _fields(model, {}, "")]


def _fields(
    model: type[BaseModel],
    links: Mapping[str, str],
    prefix: str,
    only: Mapping[str, FieldInfo] | None = None,
) -> Iterator[FieldDoc]:
    for name, info in (only if only is not None else model.model_fields).items():
        key = prefix + (info.alias or name)
        inner = _optional(info.annotation)[0]
        target = links.get(key)
        yield FieldDoc(
            key,
            info.is_required(),
            _type(inner, target, info.metadata),
            _values(inner),
            _(info.description) if info.description else "",
        )
        nested = _model(inner)
        if nested is not None:
            sep = "[]." if get_origin(inner) is list else "."
            yield from _fields(nested, links, key + sep)


def _optional(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``| None``, and whether it had it."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _model(annotation: Any) -> type[BaseModel] | None:
    """The model of a group of keys, or of each item of a list of groups."""
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    annotation = _base(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _base(annotation: Any) -> Any:
    """``Annotated[X, ...]`` -> ``X``."""
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _type(annotation: Any, target: str | None, metadata: list[Any]) -> str:
    """The type in plain French, with the list's minimum length and the number's minimum."""
    annotation = _base(annotation)
    if get_origin(annotation) is list:
        one, many = _noun(_base(get_args(annotation)[0]), target)
        text = ("liste d'" if many[0] in "aeéiou" else "liste de ") + many
        least = next((m.min_length for m in metadata if isinstance(m, MinLen)), 0)
        return text + (f" (au moins {least})" if least else "")
    one = _noun(annotation, target)[0]
    floor = next((m.ge for m in metadata if isinstance(m, Ge)), None)
    return one + (f" (≥ {floor})" if floor is not None else "")


def _noun(annotation: Any, target: str | None) -> tuple[str, str]:
    """What one value is, in the singular and the plural."""
    if target is not None:
        label = KIND_LABELS[Kind(target)][0].lower()
        return f"identifiant d'une fiche « {label} »", f"identifiants de fiches « {label} »"
    if (isinstance(annotation, type) and issubclass(annotation, Enum)) or (
        get_origin(annotation) is Literal
    ):
        return "une des valeurs permises", "valeurs permises"
    if annotation is bool:
        return "oui ou non (true ou false)", "true ou false"
    if annotation is dt.date:
        return "date (AAAA-MM-JJ)", "dates (AAAA-MM-JJ)"
    if annotation is int:
        return "nombre entier", "nombres entiers"
    if annotation is float:
        return "nombre", "nombres"
    if annotation is str:
        return "texte", "textes"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "groupe de clés (détaillées ci-dessous)", "groupes de clés (détaillées ci-dessous)"
    if get_origin(annotation) is dict:
        return "correspondance libre (clé : valeur)", "correspondances libres"
    return "valeur libre", "valeurs libres"


def _values(annotation: Any) -> tuple[tuple[str, str], ...]:
    """The allowed values and their French labels (empty when any value of the type goes)."""
    annotation = _base(annotation)
    if get_origin(annotation) is list:
        annotation = _base(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        labels = ENUM_LABELS.get(annotation, {})
        return tuple((str(m.value), labels.get(m, "")) for m in annotation)
    if get_origin(annotation) is Literal:
        return tuple((str(v), LITERAL_LABELS.get(str(v), "")) for v in get_args(annotation))
    return ()


__all__ = ["ENUM_LABELS", "FieldDoc", "common_keys", "front_matter_keys", "own_keys"]
