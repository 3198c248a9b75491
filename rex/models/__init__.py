"""The record models, one module per kind, and the kind registry every other layer reads.

Adding a kind is one module: its ``*Meta`` model (on `Meta`), its record model (on
`RecordBase`) and a `KindSpec`, given to `register_kind` (see the README, "Adding a kind").
"""

from __future__ import annotations

from pydantic import BaseModel

from .action import SPEC as _ACTION
from .action import Action, ActionMeta, ActionOrigin, ActionStatus, Priority, Update
from .common import (
    ID_MAX,
    ID_MIN,
    ID_PATTERN,
    TAG_MAX,
    Link,
    Meta,
    Number,
    RecordBase,
    RecordId,
    Status,
    Tag,
    Text,
    _Meta,
    _RecordMixin,
    iter_links,
)
from .indicator import SPEC as _INDICATOR
from .indicator import Direction, Indicator, IndicatorMeta
from .kinds import (
    Kind,
    KindSpec,
    RegistryView,
    SearchFields,
    folder_list,
    link_sources,
    link_targets,
    parse_kind,
    register_kind,
    registered,
    spec_of,
    unregister_kind,
)
from .practice import SPEC as _PRACTICE
from .practice import Practice, PracticeMeta
from .rex import SPEC as _REX
from .rex import Measure, Outcome, Rex, RexMeta
from .service import SPEC as _SERVICE
from .service import Service, ServiceMeta
from .territory import SPEC as _TERRITORY
from .territory import Territory, TerritoryMeta, TerritoryType

# Registration order is the order of `for kind in Kind`: corpus iteration, exports, schemas.
for _spec in (_SERVICE, _INDICATOR, _PRACTICE, _REX, _TERRITORY, _ACTION):
    register_kind(_spec)

#: The records of the built-in kinds, for type checking; a registered kind's records are
#: `RecordBase` models with the same common keys.
Record = Service | Indicator | Practice | Rex | Territory | Action

META_MODELS: RegistryView[Kind, type[BaseModel]] = RegistryView(
    lambda: {kind: kind.spec.meta for kind in Kind}
)
RECORD_MODELS: RegistryView[Kind, type[BaseModel]] = RegistryView(
    lambda: {kind: kind.spec.record for kind in Kind}
)

__all__ = [
    "ID_MAX",
    "ID_MIN",
    "ID_PATTERN",
    "META_MODELS",
    "RECORD_MODELS",
    "TAG_MAX",
    "Action",
    "ActionMeta",
    "ActionOrigin",
    "ActionStatus",
    "Direction",
    "Indicator",
    "IndicatorMeta",
    "Kind",
    "KindSpec",
    "Link",
    "Measure",
    "Meta",
    "Number",
    "Outcome",
    "Practice",
    "PracticeMeta",
    "Priority",
    "Record",
    "RecordBase",
    "RecordId",
    "RegistryView",
    "Rex",
    "RexMeta",
    "SearchFields",
    "Service",
    "ServiceMeta",
    "Status",
    "Tag",
    "Territory",
    "TerritoryMeta",
    "TerritoryType",
    "Text",
    "Update",
    "_Meta",
    "_RecordMixin",
    "folder_list",
    "iter_links",
    "link_sources",
    "link_targets",
    "parse_kind",
    "register_kind",
    "registered",
    "spec_of",
    "unregister_kind",
]
