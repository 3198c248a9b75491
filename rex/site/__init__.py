"""The static site: rex's own page generation, plus a thin mkdocs builder and plugin.

`generate` is pure (Corpus -> pages and assets) and imports nothing from mkdocs;
`build_site` runs mkdocs over it (imported only when called).
"""

from .build import BuildResult, build_site, serve_site
from .pages import GENERATORS, Asset, Page, SearchEntry, SiteContent, SiteContext, generate
from .public import public_corpus

__all__ = [
    "GENERATORS",
    "Asset",
    "BuildResult",
    "Page",
    "SearchEntry",
    "SiteContent",
    "SiteContext",
    "build_site",
    "generate",
    "public_corpus",
    "serve_site",
]
