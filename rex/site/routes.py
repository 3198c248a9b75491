"""Where every generated page lives: one place for the site's page paths.

Paths are Markdown source paths (``practices/x.md``); `Linker` turns them into URLs. Pages
that rex generates beside the records (index pages, their ``page-N`` continuations, the rows
file) share the records' folders, which is why validation refuses ids that would collide.
"""

from __future__ import annotations

from ..models import Kind

HOME = "index.md"
DASHBOARD = "tableau-de-bord.md"
GUIDE = "contribuer.md"
FEEDS = "feeds"
#: The feed of everything new or updated, and the folder of the per-service feeds.
MAIN_FEED = f"{FEEDS}/nouveautes.xml"
SERVICE_FEEDS = f"{FEEDS}/services"
TAGS = "tags"
ASSET_DIR = "assets/rex"
ASSET_FILES = ("rex.css", "rex.js")


def record_src(kind: Kind | str, record_id: str) -> str:
    """The source path of a record's page: ``practices/<id>.md``."""
    return f"{Kind(kind).value}/{record_id}.md"


def folder_index(folder: str) -> str:
    """The first page of a listing folder: ``practices/index.md``."""
    return f"{folder}/index.md"


def kind_index(kind: Kind) -> str:
    """The index page of a kind: ``practices/index.md``."""
    return folder_index(kind.value)


def list_page(folder: str, number: int) -> str:
    """Page ``number`` (1-based) of a paginated listing: ``index.md``, then ``page-N.md``."""
    return folder_index(folder) if number == 1 else f"{folder}/page-{number}.md"


def rows_file(folder: str) -> str:
    """The file holding every row of a listing, for the table script (gzipped JSON)."""
    return f"{folder}/rows.json.gz"


def tag_folder(slug: str) -> str:
    """The listing folder of one tag: ``tags/<slug>``."""
    return f"{TAGS}/{slug}"


def tag_index(slug: str) -> str:
    """The first page of one tag's listing."""
    return folder_index(tag_folder(slug))


def service_feed(service_id: str) -> str:
    """The Atom feed of one service: ``feeds/services/<id>.xml``."""
    return f"{SERVICE_FEEDS}/{service_id}.xml"


def display_src(service_id: str) -> str:
    """A service's printable display (affichage): ``services/<id>/affichage.md``."""
    return f"{Kind.SERVICE.value}/{service_id}/affichage.md"
