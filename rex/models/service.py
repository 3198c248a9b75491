"""Services: the teams or departments serving users; other records name them."""

from __future__ import annotations

from importlib.resources import files
from typing import ClassVar

from pydantic import ConfigDict, Field

from .common import Meta, RecordBase, RecordId, Text
from .kinds import Kind, KindSpec, SearchFields


class ServiceMeta(Meta):
    """Front matter of a service (a team or department serving users)."""

    model_config = ConfigDict(title="rex service", extra="forbid", frozen=True)

    description: Text | None = Field(default=None, description="What the service does.")
    domain: Text | None = Field(default=None, description="Policy area, e.g. 'Cadre de vie'.")
    parent: RecordId | None = Field(
        default=None, description="The id of the service this one belongs to."
    )
    territory: RecordId | None = Field(
        default=None,
        description="The id of the territory (authority) the service belongs to; default: its "
        "parent's, or the corpus's only territory.",
    )


class Service(ServiceMeta, RecordBase):
    """A service: a team or department serving users."""

    kind: ClassVar[Kind] = Kind.SERVICE


SPEC = KindSpec(
    name="services",
    singular="service",
    label="Service",
    plural="Services",
    meta=ServiceMeta,
    template=files("rex") / "templates" / "service.md",
    record=Service,
    links={"parent": "services", "territory": "territories"},
    search=SearchFields(summary="description", keywords=("domain",)),
    intro="Les services de la collectivité et ce qu'ils ont capitalisé.",
    nav_order=40,
)
