"""Slugs: the ASCII names tags (and other free text) get in URLs and file names.

Validation needs them to find tags that would share a page, and the site to name the pages,
so they live outside `rex.site` (which validation must not import).
"""

from __future__ import annotations

import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase ``text`` without accents: ``Délais`` -> ``delais``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def bare_slug(text: str) -> str:
    """The slug of ``text``, empty when it has no letter or digit (``"!!"``, an emoji)."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


def slugify(text: str) -> str:
    """A URL-safe ASCII slug of ``text`` (``"Éclairage public"`` -> ``"eclairage-public"``)."""
    return bare_slug(text) or "x"
