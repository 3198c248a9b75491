"""Model errors whose pydantic wording is English only, said in the user's language."""

from __future__ import annotations

from typing import Any

from .i18n import N_, _

#: The built-in kinds' singular names, as a message says them (``practice 'x' does not exist``).
_KIND_WORDS = (
    N_("service"),
    N_("indicator"),
    N_("practice"),
    N_("rex"),
    N_("territory"),
    N_("action"),
)


def kind_word(singular: str) -> str:
    """A kind's singular name in the user's language (a kind added at run time: as it is)."""
    return _(singular)


def length_message(name: str, kind: str, ctx: dict[str, Any]) -> str:
    """Too short or too long, in the user's language (pydantic's own words are English)."""
    if kind == "string_too_short":
        text = _("'{name}' must have at least {count} characters")
    elif kind == "string_too_long":
        text = _("'{name}' must have at most {count} characters")
    elif kind == "too_short":
        text = _("'{name}' must have at least {count} items")
    else:
        text = _("'{name}' must have at most {count} items")
    count = ctx.get("min_length", ctx.get("max_length", ""))
    return text.format(name=name, count=count)


_BOUNDS = {
    "greater_than_equal": ("ge", N_("must be {limit} or more")),
    "greater_than": ("gt", N_("must be more than {limit}")),
    "less_than_equal": ("le", N_("must be {limit} or less")),
    "less_than": ("lt", N_("must be less than {limit}")),
}


def bound_message(kind: str, ctx: dict[str, Any]) -> str | None:
    """A number out of its bounds, in the user's language; None for another error."""
    if kind not in _BOUNDS:
        return None
    key, text = _BOUNDS[kind]
    return _(text).format(limit=ctx.get(key, ""))
