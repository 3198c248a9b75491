"""Names rex gives the files it writes beside records, which no record or tag may take.

A kind's index is ``<kind>/index.md``, paginated as ``<kind>/page-2.md``…, with every row in
``<kind>/rows.json.gz``; tags get the same under ``tags/`` and ``tags/<slug>/``. A record
``practices/page-2.md`` or a tag ``page-2`` would overwrite one of those pages silently.
"""

from __future__ import annotations

import re

#: The first page of a list, and the table data of all its pages.
INDEX = "index"
ROWS = "rows"
#: Pages after the first: ``page-2``, ``page-3``…
PAGE_PREFIX = "page-"
RESERVED_NAMES = frozenset({INDEX, ROWS})
_PAGE = re.compile(rf"^{re.escape(PAGE_PREFIX)}[0-9]+$")


def page_name(number: int) -> str:
    """The file stem of page ``number`` (2 or more) of a list."""
    return f"{PAGE_PREFIX}{number}"


def is_reserved(name: str) -> bool:
    """Whether ``name`` (an id or a tag slug) is a name rex writes beside records."""
    return name in RESERVED_NAMES or _PAGE.match(name) is not None
