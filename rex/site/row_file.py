"""A long list's rows as one small file, which the table script filters and sorts itself.

A list whose rows fit in `ROWS_FILE_LIMIT` bytes once compressed (a tag's records, the
indicators, the services) is fetched whole the first time a reader filters or sorts it: one
request, no search engine, and no Pagefind record per row, which cost the build more than
every other row together (100,000 tag rows at 50,000 records). Longer lists go to the rows
bundle (`rex.site.pagefind.row_records`), which fetches only the rows it shows.

The file is gzipped (the script inflates it: a site's server need not compress anything;
a tag list of 7,000 rows is 1 MB of JSON, 150 kB gzipped) JSON, ``{"rows": [[cell, …], …]}``,
each cell as short as it can be written: a text
cell whose sort key is its text without case is the text; a count is the number; links are
``[[href, text], …]`` (``[href, text, class]`` with a class), hrefs relative to the list's
first page; any other cell is ``{"t": text | "h": html | "l": links, "s": sort key}``. The
html is a fragment rex's own templates wrote (a badge), the text and titles are set as text.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup

from .html import Link
from .rows import Cell, Row

#: The largest list file, compressed: within the 1 MB that filtering a list may transfer,
#: with room for the page's own requests.
ROWS_FILE_LIMIT = 800_000
#: Uncompressed JSON beyond which a list is not tried (JSON compresses about 5 times).
JSON_LIMIT = 8 * ROWS_FILE_LIMIT


def _links(links: tuple[Link, ...], href: Callable[[str], str]) -> list[list[str]]:
    return [[href(k.to), k.text, *([k.cls] if k.cls else [])] for k in links]


def _cell(cell: Cell, href: Callable[[str], str]) -> Any:
    content, sort = cell.content, cell.sort
    if isinstance(content, Markup):
        return {"h": str(content), "s": sort}
    if isinstance(content, str):
        if isinstance(sort, int) and content == str(sort):
            return sort
        return content if _lowered(content, sort) else {"t": content, "s": sort}
    links = _links(content, href)
    if _lowered(", ".join(k.text for k in content), sort):
        return links
    return {"l": links, "s": sort}


def _lowered(text: str, sort: str | int) -> bool:
    # The script takes a short cell's key to be its text in lower case (JavaScript's own),
    # which a merge of sorted indexes compares with the key Pagefind sorted on.
    return sort == text.casefold() == text.lower()


def row_cells_json(row: Row, href: Callable[[str], str]) -> str:
    """One row's cells as the list file writes them (links written with ``href``)."""
    return json.dumps([_cell(c, href) for c in row], **_COMPACT)


def rows_json(rows: Sequence[Row], href: Callable[[str], str]) -> bytes | None:
    """The gzipped JSON of ``rows`` (links written with ``href``, from the list's first
    page), or ``None`` when it would pass `ROWS_FILE_LIMIT`."""
    encoded: list[str] = []
    size = 0
    for row in rows:
        encoded.append(row_cells_json(row, href))
        size += len(encoded[-1]) + 1
        if size > JSON_LIMIT:
            return None
    data = ('{"rows":[' + ",".join(encoded) + "]}").encode()
    # A fixed time in the header: the same rows give the same bytes, build after build.
    packed = gzip.compress(data, compresslevel=6, mtime=0)
    return packed if len(packed) <= ROWS_FILE_LIMIT else None


_COMPACT: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}
