"""The mkdocs plugin: feeds rex's generated pages to an mkdocs build.

A thin layer over `rex.site.pipeline.generate`: it loads the corpus (or takes the one `rex build`
hands it), replaces the Markdown records found in the docs folder by the generated pages,
puts the index pages in the navigation, ships rex's CSS and JavaScript, and writes the Pagefind
search bundles (`rex.site.pagefind`) into the site once mkdocs has written it.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils.templates import TemplateContext

from ..corpus import Corpus, load
from ..errors import RexError
from ..loader import copyable, corpus_files
from ..results.reader import RESULTS_FOLDER
from ..sanitize import MarkdownOptions, add_csp, valid_host
from ..vocabulary import VOCABULARY_FILE
from . import ahead
from .ahead import Ahead
from .feeds import announce_feeds
from .finish import fast_path
from .mkdocs_pages import GeneratedPage
from .pipeline import generate
from .public import public_corpus
from .routes import ASSET_DIR
from .site_search import SiteSearch
from .stamp import TEMPLATES as STAMP_TEMPLATES
from .stamp import Stamps
from .types import SiteContent

log = logging.getLogger("mkdocs.plugins.rex")
_EMPTY_DOCS: list[Path] = []
#: What rex reads as data beside the records: never copied into a site as files.
DATA_NAMES = (RESULTS_FOLDER, VOCABULARY_FILE)


def _empty_docs() -> Path:
    """An empty folder rex owns, given to mkdocs as its docs folder (one per process)."""
    if not _EMPTY_DOCS:
        folder = Path(tempfile.mkdtemp(prefix="rex-docs-"))
        atexit.register(shutil.rmtree, folder, True)
        _EMPTY_DOCS.append(folder)
    return _EMPTY_DOCS[0]


Progress = Callable[[int, int], None]


class RexPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options under ``plugins: - rex:`` in mkdocs.yml."""

    content = c.Optional(c.Type(str))
    """The corpus folder (default: the docs folder)."""
    public = c.Type(bool, default=False)
    """Publish only ``visibility: public`` records."""
    keep_going = c.Type(bool, default=False)
    """Skip records with errors instead of failing the build."""
    allowed_hosts = c.ListOfItems(c.Type(str), default=[])
    """Hosts whose images record bodies may show (others are shown as links)."""


class RexPlugin(BasePlugin[RexPluginConfig]):  # type: ignore[no-untyped-call]
    """Generate the rex pages of a corpus inside an mkdocs build."""

    def __init__(self) -> None:
        super().__init__()
        #: A corpus handed over by `rex build` (already checked); loaded from files otherwise.
        self.corpus: Corpus | None = None
        self.progress: Progress | None = None
        #: The day results and action plans are read as of (None: the day of the build).
        self.today: dt.date | None = None
        self.site: SiteContent | None = None
        self._urls: dict[str, str] = {}
        self._published: Corpus | None = None
        self._done = 0
        self._files: Files | None = None
        self._search = SiteSearch()
        self._ahead: Ahead | None = None
        self._stamps: Stamps | None = None
        self._context: TemplateContext | None = None
        #: The corpus, when it is the docs folder that mkdocs would otherwise walk itself.
        self._corpus_docs: Path | None = None

    def content_dir(self, config: MkDocsConfig) -> Path:
        """The corpus folder: the ``content`` option, relative to mkdocs.yml, or docs_dir."""
        if self._corpus_docs is not None:
            return self._corpus_docs
        if self.config.content is None:
            return Path(config.docs_dir)
        base_dir = Path(config.config_file_path or ".").parent
        return (base_dir / self.config.content).resolve()

    def _corpus(self, config: MkDocsConfig) -> Corpus:
        if self.corpus is not None:
            return self.corpus
        from .policy import check_buildable

        corpus = load(self.content_dir(config))
        try:
            check_buildable(corpus, keep_going=self.config.keep_going)
        except RexError as error:
            raise PluginError(f"rex: {error}") from None
        return public_corpus(corpus) if self.config.public else corpus

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Generate the pages, and put the index pages in the navigation."""
        from mkdocs.config.config_options import ExtraScriptValue

        content = self.content_dir(config)
        if Path(config.docs_dir).resolve() == content.resolve():
            # mkdocs walks its docs folder following every link, loops included; rex reads the
            # corpus by its own file rule and adds the files a site may hold in on_files.
            self._corpus_docs = content
            config.docs_dir = str(_empty_docs())
        wrong = [h for h in self.config.allowed_hosts if not valid_host(h)]
        if wrong:
            raise PluginError(f"rex: allowed_hosts: not a host name: {', '.join(wrong)}")
        if "search" in config.plugins or "material/search" in config.plugins:
            raise PluginError(
                "rex: the site's search is Pagefind, written by the rex plugin: remove "
                "'search' from 'plugins:' in mkdocs.yml"
            )
        self._published = self._corpus(config)
        self._search.start_records(self._published, config)
        started = time.perf_counter()
        try:
            self.site = generate(
                self._published,
                directory_urls=config.use_directory_urls,
                markdown=MarkdownOptions(tuple(config.markdown_extensions), config.mdx_configs),
                allowed_hosts=self.config.allowed_hosts,
                site_url=config.site_url,
                site_name=config.site_name,
                today=self.today,
            )
        except BaseException:  # mkdocs calls no on_build_error for its configuration step
            self._search.stop()
            raise
        log.info(
            "rex: %d pages planned in %.1f s", len(self.site.pages), time.perf_counter() - started
        )
        if config.nav is None:
            config.nav = [{title: src} for title, src in self.site.nav]
        css = f"{ASSET_DIR}/rex.css"
        if css not in config.extra_css:
            config.extra_css.append(css)
        script = ExtraScriptValue()
        script.load_dict({"path": f"{ASSET_DIR}/rex.js", "defer": True})
        script.validate()
        config.extra_javascript.append(script)
        self._done = 0
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Replace the records found in the docs folder by the generated pages and assets."""
        assert self.site is not None and self._published is not None
        content = self.content_dir(config)
        for file in list(files):
            if file.abs_src_path and not self._keep_corpus_file(file, content):
                files.remove(file)
        if self._corpus_docs is not None and not self.config.public:
            for relpath in corpus_files(content, DATA_NAMES):
                files.append(
                    File(relpath, str(content), config.site_dir, config.use_directory_urls)
                )
        self._urls = {}
        self._files = files
        fast = fast_path(config.markdown_extensions, config.mdx_configs)
        # Another plugin could change pages in ways a stamped shell would not carry.
        stamped = fast and list(config.plugins) == ["rex"]
        later: list[GeneratedPage] = []
        for page in self.site.pages:
            existing = files.get_file_from_path(page.src)
            if existing is not None:
                files.remove(existing)
            if page.nav is None:
                # Written when rendered (see rex.site.mkdocs_pages): one page at a time.
                file = File.generated(config, page.src, content="")
                file.inclusion = InclusionLevel.NOT_IN_NAV
                later.append(GeneratedPage(page, file, config, fast, stamped))
            else:
                file = File.generated(
                    config, page.src, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV
                )
            files.append(file)
            self._urls[page.src] = file.url
        for asset in self.site.assets:
            files.append(File.generated(config, asset.path, content=asset.content))
        self._search.start_rows(self._published, self._urls, self.site)
        self._write_ahead([p for p in later if callable(p.rex_page.source)], fast)
        return files

    def _write_ahead(self, pages: list[GeneratedPage], fast: bool) -> None:
        """Let a low-priority process write record pages from the end (`rex.site.ahead`)."""
        self._stop_ahead()
        if len(pages) < ahead.AHEAD_FROM:
            return
        self._ahead = Ahead([p.rex_page for p in pages], fast)
        for number, page in enumerate(pages):
            page.ahead = (self._ahead, number)
        self._ahead.start()

    def _stop_ahead(self) -> None:
        if self._ahead is not None:
            self._ahead.stop()
            self._ahead = None

    def _keep_corpus_file(self, file: File, content: Path) -> bool:
        """Whether a file mkdocs collected may reach the site: the file rule of the loader."""
        assert file.abs_src_path is not None
        # mkdocs walks the docs folder following every link, so a file is judged by the path
        # it was found at (links unresolved) as well as by where it really is.
        found = Path(file.abs_src_path).absolute()
        try:
            real = found.resolve()
        except (OSError, RuntimeError):  # a cycle of links (RuntimeError before 3.13)
            real = found
        if found.is_relative_to(content.absolute()):
            pass
        elif real.is_relative_to(content.resolve()):
            found = real
        else:
            return True
        # Records are data: no Markdown file of the corpus (any case of .md, or another
        # Markdown extension) becomes a page as it is, only rex's generated pages do. On a
        # public site nothing else from the corpus folder is copied either.
        if found.suffix.lower() == ".md" or file.is_documentation_page() or self.config.public:
            return False
        return copyable(found, content)

    @event_priority(100)  # first, so that other plugins see the page written
    def on_page_context(
        self, context: TemplateContext, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Write a generated page just before the theme renders it."""
        if isinstance(page, GeneratedPage) and self._files is not None:
            page.materialize(config, self._files)
        self._context = context
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Add the templates of stamped pages (`rex.site.stamp`)."""
        env.loader = ChoiceLoader(
            [DictLoader(STAMP_TEMPLATES), *([env.loader] if env.loader else [])]
        )
        self._stamps = Stamps(env)
        return env

    @event_priority(-100)  # last, so the hashes cover every inline script of the page
    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        """Announce the feeds, put the Content-Security-Policy in the page, report progress."""
        self._done += 1
        if isinstance(page, GeneratedPage) and page.stamped:
            assert self._stamps is not None
            output = self._stamps.output(page, self._context)
        if self.progress is not None and self.site is not None:
            self.progress(self._done, len(self.site.pages))
        output = announce_feeds(output, page.file.src_uri, self.site, config.use_directory_urls)
        output = add_csp(output, self.config.allowed_hosts, page.content or "")
        if isinstance(page, GeneratedPage):
            page.release()
        return output

    @event_priority(-100)
    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """Put the Content-Security-Policy in the pages made from templates (404.html)."""
        if not template_name.endswith(".html"):
            return output_content
        return add_csp(output_content, self.config.allowed_hosts)

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the Pagefind bundles (site search, long lists) to be in the site folder.

        `rex build` points ``site_dir`` at its temporary folder, so the bundles are part of
        the site that replaces the old one, or of nothing if the build fails.
        """
        self._stop_ahead()
        try:
            self._search.wait()
        except RexError as error:
            raise PluginError(f"rex: {error}") from None

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the search job and the pages written ahead of a build that failed."""
        self._search.stop()
        self._stop_ahead()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a record changes, even outside the docs folder."""
        content = self.content_dir(config)
        if content.resolve() != Path(config.docs_dir).resolve():
            server.watch(str(content))
        return server
