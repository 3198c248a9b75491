"""The static site: rex's own page generation, plus a thin mkdocs builder and plugin.

`generate` is pure (Corpus -> pages and assets) and imports nothing from mkdocs;
`build_site` runs mkdocs over it (imported only when called).
"""

from .build import BuildResult, build_site, serve_site
from .pipeline import GENERATORS, generate, write_pages
from .policy import check_buildable
from .public import public_corpus
from .types import Asset, Page, SearchEntry, SiteContent, SiteContext

__all__ = [
    "GENERATORS",
    "Asset",
    "BuildResult",
    "Page",
    "SearchEntry",
    "SiteContent",
    "SiteContext",
    "build_site",
    "check_buildable",
    "generate",
    "public_corpus",
    "serve_site",
    "write_pages",
]
