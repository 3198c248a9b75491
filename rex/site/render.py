"""The Jinja environment of the site's pages: one, created once, over ``rex/site/templates``.

Every template is autoescaped: a plain ``str`` is text and comes out escaped, only a
`markupsafe.Markup` (what `render`, `macro` and the chart functions return) goes in as HTML.
Templates never use ``|safe``; a test checks it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


def escape(value: object) -> Markup:
    """``value`` as HTML text, quotes included; a `Markup` fragment passes as it is."""
    if isinstance(value, Markup):
        return value
    # html.escape rather than markupsafe's own: the pages' escapes (&#x27;, &quot;) stay those
    # rex has always written, which tests and readers of the generated Markdown rely on.
    return Markup(html.escape(str(value), quote=True))


#: Whitespace is the templates' own: trim_blocks and lstrip_blocks drop the lines of
#: ``{% %}`` tags, ``{%-`` joins a line to the one before, and a line that ends with the empty
#: comment ``{# -#}`` goes on with the next one. So a template can be laid out on lines and
#: still write one-line HTML where Markdown needs it (a blank line would end a raw block).
ENV = Environment(
    loader=PackageLoader("rex.site", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    # Every {{ }} goes through `escape` first, so Jinja's autoescape only ever sees Markup.
    finalize=escape,
    # Templates are package data that do not change during a build: no stat per page.
    auto_reload=False,
)


def render(name: str, /, **context: Any) -> Markup:
    """The template ``name`` rendered with ``context``, as an HTML fragment."""
    return Markup(ENV.get_template(name).render(**context))


@cache
def macro(template: str, name: str) -> Callable[..., Markup]:
    """The macro ``name`` of ``template``, callable from Python (it returns `Markup`)."""
    found: Callable[..., Markup] = getattr(ENV.get_template(template).module, name)
    return found


def block(*parts: Markup) -> Markup:
    """Fragments as one raw block for Markdown (no blank line inside, so it stays raw)."""
    return Markup("\n").join(escape(p).replace("\n\n", "\n") for p in parts if p)


__all__ = ["ENV", "block", "escape", "macro", "render"]
