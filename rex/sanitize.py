"""The one allowlist sanitizer for HTML written by authors (record bodies).

A body is rendered with Python-Markdown, then cleaned by nh3 (Rust's ammonia, which parses
like a browser): only the elements and attributes that Markdown and the site's extensions
produce survive, and URLs keep only the schemes http, https and mailto, relative paths and
fragments. Images from other hosts are not loaded: they become plain links, unless the site
allows their host. The validator reports what this module would change (`check_body`), from
the same tables, so a body that validates cleanly reaches the site unchanged.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import nh3

#: Test hook: when True, `sanitize` returns its input unchanged, so a test can plant markup
#: the sanitizer would have removed and check that the Content-Security-Policy still holds.
BYPASS_FOR_TESTS = False

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: What Python-Markdown (with tables, toc, admonition, fenced code) writes, plus a few inert
#: inline elements authors write by hand (indices, abbreviations, keys, edits, definitions).
TAGS = frozenset(
    {
        *_HEADINGS,
        *("p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li"),
        *("a", "img", "table", "thead", "tbody", "tr", "th", "td", "div"),
        *("abbr", "del", "ins", "kbd", "sub", "sup", "dl", "dt", "dd"),
    }
)
#: Removed with everything inside them (the others lose their tag and keep their text).
DROP_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea"}
    | {"select", "svg", "math", "frame", "frameset", "noembed", "noframes", "xmp", "title"}
)
#: ``style`` is not allowed anywhere: CSS can overlay a fake form on the page or load a
#: remote ``url()``; table alignment is written as ``align`` instead (see `render_markdown`).
ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "a": frozenset({"href", "title", "class"}),
    "img": frozenset({"src", "alt", "title"}),
    "abbr": frozenset({"title"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"align"}),
    "td": frozenset({"align"}),
    "div": frozenset({"class"}),
    "p": frozenset({"class"}),
    "code": frozenset({"class"}),
    **{h: frozenset({"id"}) for h in _HEADINGS},
}
SCHEMES = frozenset({"http", "https", "mailto"})
_URL_ATTRIBUTES = frozenset({"href", "src"})
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
# Heading ids from the toc extension; ``__x`` and ``md-x`` would clobber the theme's own.
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_\-]*$", re.I)
# Admonition types are single words (note, warning…); the theme's classes all have a hyphen.
_CLASS_RE = {
    "div": re.compile(r"^(admonition|toc|[a-z]+)$"),
    "p": re.compile(r"^admonition-title$"),
    "a": re.compile(r"^headerlink$"),
    "code": re.compile(r"^language-[a-z0-9_+\-]+$", re.I),
}
_ALIGN = frozenset({"left", "right", "center"})


def _squeeze(url: str) -> str:
    # Browsers drop tabs and newlines anywhere in a URL and controls and spaces around it;
    # dropping every control and space catches each spelling the browser would accept.
    return "".join(
        c for c in url if not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf"))
    ).replace("\\", "/")


def url_allowed(url: str) -> bool:
    """Whether ``url`` (character references already decoded) may stay in a link or image."""
    scheme = _SCHEME_RE.match(_squeeze(url))
    return scheme is None or scheme.group(1).lower() in SCHEMES


def remote_host(url: str) -> str | None:
    """The host ``url`` would load from, or None for a path on the site itself."""
    squeezed = _squeeze(url)
    if not (_SCHEME_RE.match(squeezed) or squeezed.startswith("//")):
        return None
    try:
        return (urlsplit(squeezed).hostname or "").lower() or None
    except ValueError:
        return "?"


def _filter(element: str, attribute: str, value: str) -> str | None:
    """nh3's callback: the value to keep for one allowed attribute, or None to drop it."""
    if attribute in _URL_ATTRIBUTES:
        return value if url_allowed(value) else None
    if attribute == "class":
        pattern = _CLASS_RE.get(element)
        kept = [t for t in value.split() if pattern is not None and pattern.match(t)]
        return " ".join(kept) or None
    if attribute == "id":
        return value if _ID_RE.match(value) else None
    if attribute == "align":
        return value if value.lower() in _ALIGN else None
    if attribute == "start":
        return value if value.isdigit() else None
    return value


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(DROP_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        attribute_filter=_filter,
        url_schemes=set(SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# nh3's output is normalised: every attribute is name="value" with no '"' inside.
_IMG_RE = re.compile(r'<img((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*/?>')
_ATTR_RE = re.compile(r'([^\s=]+)="([^"]*)"')


def _unload_remote_images(text: str, allowed_hosts: Collection[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        attrs = {k: html.unescape(v) for k, v in _ATTR_RE.findall(match.group(1))}
        src = attrs.get("src", "")
        host = remote_host(src)
        if host is None or host in allowed_hosts:
            return match.group(0)
        label = attrs.get("alt") or src
        return f'<a href="{html.escape(src)}" rel="noopener noreferrer">{html.escape(label)}</a>'

    return _IMG_RE.sub(replace, text)


def sanitize(fragment: str, allowed_hosts: Iterable[str] = ()) -> str:
    """``fragment`` with everything outside the allowlist removed (see the module's doc)."""
    if BYPASS_FOR_TESTS:
        return fragment
    hosts = frozenset(h.lower() for h in allowed_hosts)
    return _unload_remote_images(_cleaner().clean(fragment), hosts)


@dataclass(frozen=True)
class MarkdownOptions:
    """The Markdown extensions bodies are rendered with (the site's ``markdown_extensions``)."""

    extensions: tuple[str, ...] = ("tables", "toc", "admonition")
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def key(self) -> tuple[Any, ...]:
        """A hashable summary, to cache one Markdown converter per set of options."""
        return (self.extensions, repr(sorted(self.configs.items())))


_converters: dict[tuple[Any, ...], Any] = {}


def render_markdown(text: str, options: MarkdownOptions | None = None) -> str:
    """``text`` as HTML, not yet sanitized.

    Fenced code is always on (authors show code between ```), and tables say their alignment
    with ``align`` because ``style`` is not allowed.
    """
    import markdown

    options = options or MarkdownOptions()
    converter = _converters.get(options.key())
    if converter is None:
        extensions = list(options.extensions)
        if not any("fence" in e for e in extensions):
            extensions.append("fenced_code")
        configs = {k: dict(v) for k, v in options.configs.items()}
        if "tables" in extensions:
            configs["tables"] = {**configs.get("tables", {}), "use_align_attribute": True}
        converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
        _converters[options.key()] = converter
    converter.reset()
    return str(converter.convert(text))


def render_body(
    text: str, options: MarkdownOptions | None = None, allowed_hosts: Iterable[str] = ()
) -> str:
    """A record body as sanitized HTML, ready for a page."""
    return sanitize(render_markdown(text, options), allowed_hosts)


@dataclass(frozen=True)
class Removal:
    """Something the sanitizer removes or changes, and the text to look for in the source."""

    what: str
    needles: tuple[str, ...]
    remote: bool = False


def _written(start_tag: str, name: str) -> str:
    # The value as the author wrote it (character references and all), to find it in the file.
    found = re.search(rf"{re.escape(name)}\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", start_tag, re.I)
    return found.group(1).strip("'\"") if found else ""


class _Audit(HTMLParser):
    """Lists what `sanitize` would change in rendered HTML, from the same tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Removal] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            return
        if tag in DROP_CONTENT:
            self._skip += 1
        if tag not in TAGS:
            self.found.append(Removal(f"a <{tag}> element", (f"<{tag}",)))
            return
        raw = self.get_starttag_text() or ""
        for name, value in attrs:
            self._attribute(tag, name, value or "", _written(raw, name))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in DROP_CONTENT:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_CONTENT and self._skip:
            self._skip -= 1

    def _attribute(self, tag: str, name: str, value: str, written: str) -> None:
        needles = tuple(n for n in (written, value.strip()) if n)
        if name not in ATTRIBUTES.get(tag, ()):
            self.found.append(Removal(f"a '{name}' attribute on <{tag}>", (name, *needles)))
        elif name in _URL_ATTRIBUTES and not url_allowed(value):
            scheme = _SCHEME_RE.match(_squeeze(value))
            label = scheme.group(1).lower() if scheme else "?"
            self.found.append(Removal(f"a '{label}:' link", needles))
        elif name == "src" and remote_host(value) is not None:
            what = f"an image from {remote_host(value)}"
            self.found.append(Removal(what, needles, remote=True))
        elif name not in _URL_ATTRIBUTES and _filter(tag, name, value) != value:
            self.found.append(Removal(f"the {name} '{value}' on <{tag}>", needles))


def audit(fragment: str) -> list[Removal]:
    """What `sanitize` would remove from ``fragment`` (remote images count: no host allowed)."""
    parser = _Audit()
    parser.feed(fragment)
    parser.close()
    return parser.found


@dataclass(frozen=True)
class Finding:
    """One change in a body, at a line (counted from 0 in the body) and column (from 1)."""

    offset: int
    column: int
    what: str
    remote: bool = False


_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN_RE = re.compile(r"`+[^`]*`+")
# Without these a body renders to plain paragraphs, lists and headings: nothing to remove.
_MAYBE_ACTIVE_RE = re.compile(r"<|&|\]\s*[(:]|!!!")


def _masked_lines(body: str) -> list[str]:
    # Code is shown, never run: hide it so a needle is not found in an example.
    lines: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        fence = _FENCE_RE.match(line) is not None
        in_fence = in_fence != fence
        hidden = in_fence or fence
        lines.append(" " * len(line) if hidden else _CODE_SPAN_RE.sub(_blank, line))
    return lines


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def check_body(body: str) -> list[Finding]:
    """What the site would remove from ``body``, each at the line of its source (best effort)."""
    if not _MAYBE_ACTIVE_RE.search(body):
        return []
    removals = audit(render_markdown(body))
    if not removals:
        return []
    lines = _masked_lines(body)
    lowered = [line.lower() for line in lines]
    found: list[Finding] = []
    start = 0
    for removal in removals:
        offset, column = _locate(lowered, [n.lower() for n in removal.needles], start)
        start = offset
        found.append(Finding(offset, column, removal.what, removal.remote))
    return found


def _locate(lines: Sequence[str], needles: Sequence[str], start: int) -> tuple[int, int]:
    # Removals come in document order: search from the previous one, then from the top.
    for needle in needles:
        for first in (start, 0):
            for offset in range(first, len(lines)):
                column = lines[offset].find(needle)
                if column >= 0:
                    return offset, column + 1
    first_text = next((i for i, line in enumerate(lines) if line.strip()), 0)
    return first_text, 1


_HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9\-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9\-]*[a-z0-9])?)*$", re.I)


def valid_host(name: str) -> bool:
    """Whether ``name`` is a plain host name (``images.example.org``), safe in a policy."""
    return len(name) <= 253 and _HOST_RE.match(name) is not None


_INLINE_SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
_HEAD_RE = re.compile(r"<head\b[^>]*>", re.I)


def content_security_policy(page: str, image_hosts: Iterable[str] = (), content: str = "") -> str:
    """The policy for ``page``: its own files only, and its inline scripts by their hash.

    ``'wasm-unsafe-eval'`` lets the search (Pagefind) compile its WebAssembly, which it
    fetches from the site like everything else; it allows no JavaScript ``eval``. Scripts
    inside ``content`` (the page's body, written by authors) get no hash: should one ever
    slip past the sanitizer, the policy must still refuse it.
    """
    import base64
    import hashlib

    if content.strip():
        page = page.replace(content, "")
    hashes = sorted(
        {
            "'sha256-"
            + base64.b64encode(hashlib.sha256(m.group(2).encode("utf-8")).digest()).decode()
            + "'"
            for m in _INLINE_SCRIPT_RE.finditer(page)
            if "src=" not in m.group(1).lower()
        }
    )
    hosts = sorted({h.lower() for h in image_hosts if valid_host(h)})
    images = " ".join(["'self'", "data:", *hosts])
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self' 'wasm-unsafe-eval'", *hashes]),
            "style-src 'self'",
            f"img-src {images}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-src 'none'",
        ]
    )


def add_csp(page: str, image_hosts: Iterable[str] = (), content: str = "") -> str:
    """``page`` with its Content-Security-Policy ``<meta>`` first in ``<head>`` (see above)."""
    head = _HEAD_RE.search(page)
    if head is None:
        return page
    # Sources are quoted with ' and hosts are checked: only a '"' could end the attribute.
    policy = content_security_policy(page, image_hosts, content).replace('"', "&quot;")
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page[: head.end()] + meta + page[head.end() :]
