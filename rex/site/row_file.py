"""A long list's rows as one small JSON file, which the table script filters and sorts itself.

A list whose rows fit in `ROWS_FILE_LIMIT` bytes (a tag's records, the indicators, the
services) is fetched whole the first time a reader filters or sorts it: one request, no
search engine, and no Pagefind record per row, which cost the build more than every other
row together (100,000 tag rows at 50,000 records). Longer lists go to the rows bundle
(`rex.site.pagefind.row_records`), which fetches only the rows it shows.

The file is ``{"rows": [[cell, …], …]}``, each cell as short as it can be written: a text
cell whose sort key is its text without case is the text; a count is the number; links are
``[[href, text], …]`` (``[href, text, class]`` with a class), hrefs relative to the list's
first page; any other cell is ``{"t": text | "h": html | "l": links, "s": sort key}``. The
html is a fragment rex's own templates wrote (a badge), the text and titles are set as text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup

from .html import Link
from .rows import Cell, Row

#: The largest list file: the issue's budget for what filtering a list may transfer, 1 MB,
#: with room for the page's own requests.
ROWS_FILE_LIMIT = 800_000


def _links(links: tuple[Link, ...], href: Callable[[str], str]) -> list[list[str]]:
    return [[href(k.to), k.text, *([k.cls] if k.cls else [])] for k in links]


def _cell(cell: Cell, href: Callable[[str], str]) -> Any:
    content, sort = cell.content, cell.sort
    if isinstance(content, Markup):
        return {"h": str(content), "s": sort}
    if isinstance(content, str):
        if isinstance(sort, int) and content == str(sort):
            return sort
        return content if sort == content.casefold() else {"t": content, "s": sort}
    links = _links(content, href)
    if sort == ", ".join(k.text for k in content).casefold():
        return links
    return {"l": links, "s": sort}


def rows_json(rows: Sequence[Row], href: Callable[[str], str]) -> str | None:
    """The JSON of ``rows`` (links written with ``href``, from the list's first page), or
    ``None`` when it would pass `ROWS_FILE_LIMIT` (known as soon as it does)."""
    encoded: list[str] = []
    size = 0
    for row in rows:
        encoded.append(json.dumps([_cell(c, href) for c in row], **_COMPACT))
        size += len(encoded[-1].encode()) + 1
        if size > ROWS_FILE_LIMIT:
            return None
    return '{"rows":[' + ",".join(encoded) + "]}"


_COMPACT: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}
