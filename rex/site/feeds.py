"""Atom 1.0 feeds: what is new or updated, for the whole site and for each service.

``feeds/nouveautes.xml`` holds the records that carry a date, newest first, at most `CAP`
entries; ``feeds/services/<id>.xml`` the same for the records that name one service. The
date of an entry (its ``updated``):

- a REX: its ``date``;
- a practice: ``updated``, else ``created`` (a practice with neither is left out);
- an action: the latest of its follow-up notes (``updates[].date``), ``done`` and
  ``started`` — what has happened, never ``due``, a deadline that may lie in the future (an
  action with none of them, only planned, is left out until it starts);
- another kind: the first date of its search fields that is set (`SearchFields.date`);
  kinds without dates (services, indicators, territories) have no entries.

Entry ids are tag URIs, ``tag:<host>,2025:<path>/<kind>/<id>``, from mkdocs' ``site_url``
(``localhost`` without one): they stay the same across builds and edits of the record. Links
are absolute when ``site_url`` is set; otherwise they are relative to the feed file, which
readers that fetch the feed from its address resolve, but a feed file passed around on its own
cannot.

mkdocs-material fetches ``sitemap.xml`` beside every ``<link rel="alternate">`` of a page (it
takes them for translations of the site) and logs a 404 when there is none, so an empty
sitemap sits beside the feeds (`SITEMAPS`). The feeds come from the corpus the site is built
from, so a ``--public`` site's feeds hold public records only. XML is written by
`xml.etree.ElementTree`, which escapes every text.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from ..models import Action, Kind, Practice, Record, Rex
from ..present import ACTION_STATUS_LABELS, KIND_LABELS, OUTCOME_LABELS
from .html import Linker
from .render import render
from .routes import MAIN_FEED, record_src, service_feed
from .types import Asset, Page, SiteContent, SiteContext

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CAP = 50
#: The date of the tag URIs: fixed, so ids never change.
TAG_DATE = "2025"
MAIN_TITLE = "Nouveautés"
SERVICE_LINK_TITLE = "Nouveautés de ce service (Atom)"

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: Empty sitemaps beside the feeds, for the theme's script (see above).
SITEMAPS = ("feeds/sitemap.xml", "feeds/services/sitemap.xml")

ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    """A record in a feed, with the date it is filed under."""

    record: Record
    updated: dt.date


def entry_date(record: Record) -> dt.date | None:
    """The date a record is filed under in the feeds (None: not in the feeds)."""
    if isinstance(record, Rex):
        return record.date
    if isinstance(record, Practice):
        return record.updated or record.created
    if isinstance(record, Action):
        dates = [u.date for u in record.updates] + [d for d in (record.done, record.started) if d]
        return max(dates, default=None)
    for name in record.kind.spec.search.date:
        value = getattr(record, name, None)
        if isinstance(value, dt.date):
            return value
    return None


def newest(records: Iterable[Record], cap: int = CAP) -> list[Entry]:
    """The dated records, newest first (then by kind and id), at most ``cap``."""
    entries = [Entry(r, d) for r in records for d in [entry_date(r)] if d is not None]
    entries.sort(key=lambda e: (e.updated, e.record.kind.value, e.record.id), reverse=True)
    return entries[:cap]


def feeds(ctx: SiteContext) -> Iterator[Page]:
    """The feeds, as assets of the site (no page)."""
    site = ctx.site_name or MAIN_TITLE
    ctx.assets.append(
        Asset(MAIN_FEED, atom(ctx, MAIN_FEED, f"{MAIN_TITLE} — {site}", newest(ctx.corpus)))
    )
    for service in ctx.corpus.records(Kind.SERVICE):
        path = service_feed(service.id)
        entries = newest(ctx.corpus.incoming(service))
        title = f"{MAIN_TITLE} — {service.title}"
        ctx.assets.append(Asset(path, atom(ctx, path, title, entries, record_src_of(service))))
    taken = {a.path for a in ctx.assets}
    empty = ET.tostring(
        ET.Element("urlset", xmlns=SITEMAP), encoding="unicode", xml_declaration=True
    )
    # A service named "sitemap" has its feed there: XML too, without pages, as harmless.
    ctx.assets.extend(Asset(path, empty + "\n") for path in SITEMAPS if path not in taken)
    return iter(())


def record_src_of(record: Record) -> str:
    """The page of a record."""
    return record_src(record.kind, record.id)


def atom(
    ctx: SiteContext, path: str, title: str, entries: list[Entry], home: str = "index.md"
) -> str:
    """The Atom document at ``path``: ``title``, ``entries``, and ``home`` as its web page."""
    feed = ET.Element(_q("feed"), {XML_LANG: "fr"})
    _text(feed, "id", tag_uri(ctx, path.removesuffix(".xml")))
    _text(feed, "title", title)
    latest = entries[0].updated if entries else dt.date.today()
    _text(feed, "updated", _timestamp(latest))
    author = ET.SubElement(feed, _q("author"))
    _text(author, "name", ctx.site_name or "rex")
    _text(feed, "generator", "rex")
    if ctx.site_url:
        ET.SubElement(feed, _q("link"), rel="self", href=_url(ctx, path, path))
    ET.SubElement(feed, _q("link"), rel="alternate", type="text/html", href=_url(ctx, path, home))
    for entry in entries:
        record = entry.record
        item = ET.SubElement(feed, _q("entry"))
        _text(item, "id", tag_uri(ctx, f"{record.kind.value}/{record.id}"))
        _text(item, "title", record.title)
        _text(item, "updated", _timestamp(entry.updated))
        href = _url(ctx, path, record_src_of(record))
        ET.SubElement(item, _q("link"), rel="alternate", type="text/html", href=href)
        _text(item, "summary", summary(record))
        ET.SubElement(
            item, _q("category"), term=record.kind.value, label=KIND_LABELS[record.kind][0]
        )
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def summary(record: Record) -> str:
    """A line of plain text about the record."""
    if isinstance(record, Practice):
        return record.summary
    if isinstance(record, Rex):
        where = f" ({record.location})" if record.location else ""
        return f"Résultat : {OUTCOME_LABELS[record.outcome]}{where}. {record.lessons[0]}"
    if isinstance(record, Action):
        text = f"Action {ACTION_STATUS_LABELS[record.status]}, pilote : {record.owner}."
        latest = max(record.updates, key=lambda u: u.date, default=None)
        return f"{text} {latest.note}" if latest else text
    return f"{KIND_LABELS[record.kind][0]} : {record.title}"


def tag_uri(ctx: SiteContext, specific: str) -> str:
    """``tag:<host>,2025:<site path>/<specific>``: a stable id (RFC 4151)."""
    parts = urlsplit(ctx.site_url or "")
    host = parts.hostname or "localhost"
    prefix = parts.path.strip("/")
    return f"tag:{host},{TAG_DATE}:{prefix + '/' if prefix else ''}{specific}"


def _url(ctx: SiteContext, feed: str, src: str) -> str:
    """The URL of page (or file) ``src``: absolute with ``site_url``, else relative to the feed."""
    target = ctx.linker.url(src) if src.endswith(".md") else src
    if ctx.site_url:
        return urljoin(ctx.site_url.rstrip("/") + "/", target)
    rel = posixpath.relpath(target.rstrip("/") or ".", posixpath.dirname(feed))
    return rel + "/" if target.endswith("/") or not target else rel


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _q(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, _q(name)).text = text


@lru_cache(maxsize=256)
def _feed_links(feeds: tuple[tuple[str, str], ...]) -> str:
    # Most pages of a folder announce the same links: written once per folder, not per page.
    return render("feeds/links.html", feeds=list(feeds))


def announce_feeds(html: str, src: str, site: SiteContent | None, directory_urls: bool) -> str:
    """``html`` with ``<link rel="alternate">`` to the main feed (every page) and, on a
    service's page, to that service's feed, at the end of its ``<head>``."""
    if site is None or "</head>" not in html:
        return html
    paths = site.feed_paths
    found = [(MAIN_TITLE + " (Atom)", MAIN_FEED)] if MAIN_FEED in paths else []
    folder, _, name = src.rpartition("/")
    if folder == Kind.SERVICE.value and service_feed(name.removesuffix(".md")) in paths:
        found.append((SERVICE_LINK_TITLE, service_feed(name.removesuffix(".md"))))
    if not found:
        return html
    linker = Linker(directory_urls)
    links = _feed_links(tuple((t, linker.href(src, p)) for t, p in found))
    head, _, rest = html.partition("</head>")
    return f"{head}{links}</head>{rest}"


__all__ = ["CAP", "Entry", "announce_feeds", "atom", "entry_date", "feeds", "newest", "summary"]
