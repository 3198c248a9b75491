"""A sortable table's row written in Python, as the template macro it replaced wrote it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from rex.site.html import Link
from rex.site.indexes import _row_text
from rex.site.render import ENV
from rex.site.row_markup import row_html
from rex.site.rows import Cell

#: The macro rex's templates used, kept as the reference (same environment, same escaping,
#: the ``links`` macro the templates still use).
MACRO = ENV.from_string(
    """\
{% from "macros.html" import links %}
{% macro sortable_row(cells, href) %}
<tr>
{%- for cell in cells %}
{% set tag = "th" if loop.first else "td" %}
<{{ tag }}{% if loop.first %} scope="row"{% endif %} data-sort="{{ cell.sort }}">
{%- if cell.content is string %}{{ cell.content }}
{%- else %}{{ links(cell.content, href) }}{% endif -%}
</{{ tag }}>
{%- endfor %}
</tr>
{%- endmacro %}
"""
).module.sortable_row

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
LINKS = st.lists(st.builds(Link, TEXT, TEXT, st.none() | TEXT), max_size=3).map(tuple)
CONTENT = TEXT | TEXT.map(lambda t: Markup(f'<span class="b">{t}</span>')) | LINKS
CELLS = st.lists(st.builds(Cell, CONTENT, TEXT | st.integers()), min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(CELLS)
def test_a_row_is_written_as_the_macro_wrote_it(cells: list[Cell]) -> None:
    def href(to: str) -> str:
        return f"../{to}?a=1&b=<x>"

    assert str(row_html(cells, href)) == str(MACRO(cells, href))


def test_a_badge_counts_by_its_text_in_a_row_filter() -> None:
    row = [Cell("Titre"), Cell(Markup('<span class="rex-badge rex-badge--good">validée</span>'))]
    assert _row_text(row) == "Titre validée"
