"""The kind registry: one `KindSpec` per kind of record, read by every other layer.

`Kind` is a ``str`` (the kind's folder name) rather than an enum so that a kind can be added at
run time with `register_kind`; the class still behaves like the former ``StrEnum``: constants
(``Kind.REX``), lookup by folder or singular name (``Kind("practice")``), iteration in
registration order, ``kind.value``, ``kind.singular``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.abc import Traversable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, get_args, get_origin

from pydantic import BaseModel

from ..errors import RexError, UsageError
from ..i18n import _

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


class _KindType(type):
    """Makes the `Kind` class iterable and sized, like an enum, over the registered kinds."""

    def __iter__(cls) -> Iterator[Kind]:
        return iter(list(_SPECS))

    def __len__(cls) -> int:
        return len(_SPECS)

    def __getitem__(cls, name: str) -> Kind:
        # Kind["REX"]: the constant's name, as enums allow.
        for kind in _SPECS:
            if kind.name == name:
                return kind
        raise KeyError(name)


class Kind(str, metaclass=_KindType):
    """A kind of record, named after its folder in the corpus (``practices``, ``rex``...)."""

    __slots__ = ()

    SERVICE: ClassVar[Kind]
    INDICATOR: ClassVar[Kind]
    PRACTICE: ClassVar[Kind]
    REX: ClassVar[Kind]
    TERRITORY: ClassVar[Kind]

    def __new__(cls, value: object) -> Kind:
        """The registered kind named ``value`` (folder or singular name, any case)."""
        if isinstance(value, Kind):
            return value
        if isinstance(value, str):
            name = value.lower()
            for kind, spec in _SPECS.items():
                if name in (kind, spec.singular):
                    return kind
        raise ValueError(f"{value!r} is not a valid Kind")

    @classmethod
    def _intern(cls, name: str) -> Kind:
        # One object per name, so `kind is Kind.REX` keeps working as it did with the enum.
        kind = _INTERNED.get(name)
        if kind is None:
            kind = _INTERNED[name] = str.__new__(cls, name)
        return kind

    @property
    def value(self) -> str:
        """The folder name (``practices``), as the enum's ``value`` was."""
        return str.__str__(self)

    @property
    def name(self) -> str:
        """The constant's name: ``PRACTICE`` for ``Kind.PRACTICE``."""
        return self.spec.singular.upper()

    @property
    def spec(self) -> KindSpec:
        """The kind's declaration in the registry."""
        return _SPECS[self]

    @property
    def singular(self) -> str:
        """The kind's name in the singular, as used on the command line (``rex new practice``)."""
        return self.spec.singular

    def __str__(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Kind({str.__str__(self)!r})"

    def __reduce__(self) -> tuple[type[Kind], tuple[str]]:
        return (Kind, (str.__str__(self),))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """Validate from the folder or singular name; serialise as the folder name."""
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(
            cls, core_schema.str_schema(), serialization=core_schema.to_string_ser_schema()
        )


_INTERNED: dict[str, Kind] = {}
_SPECS: dict[Kind, KindSpec] = {}

Kind.SERVICE = Kind._intern("services")
Kind.INDICATOR = Kind._intern("indicators")
Kind.PRACTICE = Kind._intern("practices")
Kind.REX = Kind._intern("rex")
Kind.TERRITORY = Kind._intern("territories")


@dataclass(frozen=True)
class SearchFields:
    """Which front matter fields feed the search document's text fields.

    Field paths may reach into lists of mappings: ``measures[].note``.
    """

    summary: str | None = None
    lessons: str | None = None
    keywords: tuple[str, ...] = ()
    #: The first of these dates that is set gives the document's date and year.
    date: tuple[str, ...] = ()


@dataclass(frozen=True)
class KindSpec:
    """Everything rex needs to know about one kind of record.

    ``links`` maps a field path to the folder name of the kind it names: ``services``,
    ``parent`` or, inside a list of mappings, ``measures[].indicator``.
    """

    name: str
    singular: str
    label: str
    plural: str
    # Typed loosely: the models' base classes (`Meta`, `RecordBase`) import this module.
    meta: type[BaseModel]
    record: type[BaseModel]
    links: Mapping[str, str] = field(default_factory=dict)
    search: SearchFields = SearchFields()
    #: A `string.Template` (text or package resource) for ``rex new``; None: built from `meta`.
    template: str | Traversable | None = None
    #: The site's index page: introduction and place in the navigation.
    intro: str = ""
    nav_order: int = 45

    @property
    def kind(self) -> Kind:
        """The kind this spec declares."""
        return Kind._intern(self.name)

    def nested(self) -> dict[str, type[BaseModel]]:
        """Keys that hold a list of mappings, with the model of one item (``measures``)."""
        found: dict[str, type[BaseModel]] = {}
        for name, info in self.meta.model_fields.items():
            args = get_args(info.annotation) if get_origin(info.annotation) is list else ()
            if args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
                found[info.alias or name] = args[0]  # keyed as written in front matter
        return found


def register_kind(spec: KindSpec) -> Kind:
    """Add a kind to the registry (after the others); return its `Kind`."""
    kind = spec.kind
    taken = {k for s in _SPECS.values() for k in (s.name, s.singular)}
    if spec.name in taken or spec.singular in taken:
        raise RexError(f"kind '{spec.name}' is already registered")
    if spec.record.__dict__.get("kind") is None:
        # A new kind's record class need not name its Kind: registering gives it one.
        setattr(spec.record, "kind", kind)  # noqa: B010
    elif getattr(spec.record, "kind", None) is not kind:
        raise RexError(f"{spec.record.__name__}.kind is not '{spec.name}'")
    _SPECS[kind] = spec
    return kind


def unregister_kind(kind: Kind | str) -> None:
    """Remove a kind from the registry (for tests and plugins that clean up)."""
    del _SPECS[Kind(kind)]


@contextlib.contextmanager
def registered(spec: KindSpec) -> Iterator[Kind]:
    """Register ``spec`` for the duration of a ``with`` block."""
    kind = register_kind(spec)
    try:
        yield kind
    finally:
        unregister_kind(kind)


def spec_of(kind: Kind | str) -> KindSpec:
    """The declaration of ``kind``."""
    return Kind(kind).spec


def parse_kind(name: str) -> Kind:
    """The kind named ``name`` (``practice`` or ``practices``); raise `UsageError` otherwise."""
    try:
        return Kind(name)
    except ValueError:
        choices = ", ".join(kind.singular for kind in Kind)
        raise UsageError(
            _("unknown kind '{name}'").format(name=name),
            hint=_("use one of: {choices}").format(choices=choices),
        ) from None


def folder_list(last: str = "or") -> str:
    """The kind folders as a sentence: ``services/, indicators/, practices/ or rex/``."""
    folders = [f"{kind.value}/" for kind in Kind]
    return f"{', '.join(folders[:-1])} {last} {folders[-1]}" if len(folders) > 1 else folders[0]


def link_targets(kind: Kind) -> list[Kind]:
    """The kinds a record of ``kind`` can name, in registry order."""
    targets = {Kind(target) for target in kind.spec.links.values() if target in _known()}
    return [k for k in Kind if k in targets]


def link_sources(kind: Kind) -> list[Kind]:
    """The kinds whose records can name a record of ``kind``, in registry order."""
    return [source for source in Kind if kind in link_targets(source)]


def _known() -> set[str]:
    return {kind.value for kind in _SPECS}


K = TypeVar("K")
V = TypeVar("V")


class RegistryView(Mapping[K, V]):
    """A read-only mapping computed from the registry on each use, so it sees new kinds."""

    def __init__(self, build: Callable[[], Mapping[K, V]]) -> None:
        self._build = build

    def __getitem__(self, key: K) -> V:
        return self._build()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._build())

    def __len__(self) -> int:
        return len(self._build())
