"""The thin builder: run mkdocs over a corpus, writing the site atomically.

Everything rex-specific happens in `rex.site.pipeline` (pure) and the plugin; this module only
picks a configuration, hands the corpus to the plugin and swaps the finished site in. A
builder for another engine (Zensical, mkdocs 2) would replace this module and reuse the pages.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import LOCK_TIMEOUT, check_apart, replace_dir
from ..corpus import Corpus
from ..errors import RexError
from ..gc_pause import collector_frozen
from ..i18n import _
from .public import public_corpus
from .routes import ASSET_DIR, ASSET_FILES

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .plugin import RexPlugin

DEFAULT_CONFIG = Path(__file__).with_name("mkdocs_default.yml")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build produced."""

    site_dir: Path
    pages: int
    seconds: float
    config: Path
    warnings: list[str] = field(default_factory=list)


def is_rex_site(folder: Path) -> bool:
    """Whether ``folder`` holds a site built by rex: a home page beside rex's own assets."""
    assets = folder / ASSET_DIR
    return (folder / "index.html").is_file() and all(
        (assets / name).is_file() for name in ASSET_FILES
    )


def find_config(config_file: Path | None) -> Path:
    """The mkdocs.yml to use: the one given, else ``./mkdocs.yml``, else rex's default."""
    if config_file is not None:
        if not config_file.is_file():
            raise RexError(
                _("{config_file}: no such configuration file").format(config_file=config_file)
            )
        return config_file
    local = Path("mkdocs.yml")
    return local if local.is_file() else DEFAULT_CONFIG


def plugins_with_rex_options(config_file: Path, **options: Any) -> list[Any]:
    """The ``plugins`` list of ``config_file`` with ``options`` set on the rex plugin."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as handle:
        raw = yaml_load(handle) or {}
    declared = raw.get("plugins") or []
    entries = list(declared.items()) if isinstance(declared, dict) else declared
    plugins: list[Any] = []
    for entry in entries:
        if isinstance(entry, tuple):
            name, settings = entry
        elif isinstance(entry, dict):
            name, settings = next(iter(entry.items()))
        else:
            name, settings = entry, None
        if name == "rex":
            settings = {**(settings or {}), **options}
        plugins.append({name: settings} if settings else name)
    return plugins


def _rex_plugin(config: MkDocsConfig, path: Path) -> RexPlugin:
    from .plugin import RexPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, RexPlugin):
            return plugin
    raise RexError(
        _("{path}: the rex plugin is not enabled").format(path=path),
        hint=_("add '- rex' under 'plugins:' in that file"),
    )


def load_config(config_file: Path, content: Path, **overrides: Any) -> MkDocsConfig:
    """Load ``config_file`` with the corpus folder ``content`` as the rex plugin's content.

    When the plugin has no ``content`` option its corpus is the docs folder, so ``content``
    replaces ``docs_dir``; otherwise it replaces the plugin's option.
    """
    from mkdocs import exceptions
    from mkdocs.config import load_config as mk_load

    with _collect_warnings() as messages:
        try:
            config = mk_load(str(config_file), docs_dir=str(content.absolute()), **overrides)
            plugin = _rex_plugin(config, config_file)
            if plugin.config.content is not None:
                config = mk_load(str(config_file), **overrides)
                _rex_plugin(config, config_file).config.content = str(content.absolute())
        except exceptions.MkDocsException as error:
            details = "; ".join(messages) or str(error)
            raise RexError(f"{config_file}: {details}") from None
    return config


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collect_warnings() -> Iterator[list[str]]:
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    # Without this mkdocs' warnings would also reach Python's last-resort stderr handler.
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def build_site(
    corpus: Corpus,
    site_dir: Path = Path("site"),
    *,
    config_file: Path | None = None,
    public: bool = False,
    progress: Progress | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
    today: dt.date | None = None,
) -> BuildResult:
    """Build the site of ``corpus`` into ``site_dir``, replacing it only once complete.

    ``site_dir`` must be apart from the corpus folder, and an existing one must be a site rex
    built (its marker, or an earlier rex's files); `RexError` otherwise, with nothing deleted.
    Builds into one folder take turns: another waits up to ``lock_timeout`` seconds.
    ``public`` keeps only ``visibility: public`` records; ``progress(done, total)`` is called
    after each page. Results, targets and action plans are read as of ``today`` (default: the
    day of the build), so that a site can be rebuilt as it was on a given day.
    """
    from mkdocs import exceptions
    from mkdocs.commands.build import build

    start = time.perf_counter()
    check_apart(site_dir, corpus.root, "site", "--site-dir")
    path = find_config(config_file)
    if public:
        corpus = public_corpus(corpus)
    with (
        replace_dir(
            site_dir, kind="site", recognise=is_rex_site, lock_timeout=lock_timeout
        ) as work,
        _collect_warnings() as warnings,
        collector_frozen(),
    ):
        config = load_config(path, corpus.root, site_dir=str(work))
        plugin = _rex_plugin(config, path)
        plugin.corpus = corpus
        plugin.progress = progress
        plugin.today = today
        plugin.config.public = public
        try:
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except exceptions.MkDocsException as error:
            # mkdocs logs a plugin's message and raises a generic "Aborted": show the message.
            details = "; ".join(m for m in warnings if m.startswith("rex:")) or str(error)
            raise RexError(_("site build failed: {error}").format(error=details)) from None
        pages = len(plugin.site.pages) if plugin.site else 0
    return BuildResult(site_dir, pages, time.perf_counter() - start, path, warnings)


def serve_site(
    content: Path,
    *,
    config_file: Path | None = None,
    dev_addr: str | None = None,
    public: bool = False,
) -> None:
    """Serve a live preview of the site of ``content``, rebuilt when a record changes.

    ``public`` previews the site as `build_site` builds it with ``public=True``.
    """
    from mkdocs import exceptions
    from mkdocs.commands.serve import serve

    path = find_config(config_file)
    config = load_config(path, content)
    overrides: dict[str, Any] = {}
    if public:
        # mkdocs reloads the configuration on every rebuild: the option must be in it.
        overrides["plugins"] = plugins_with_rex_options(path, public=True)
    if Path(config.docs_dir).resolve() == content.resolve():
        overrides["docs_dir"] = str(content.absolute())
    if dev_addr:
        overrides["dev_addr"] = dev_addr
    try:
        serve(config_file=str(path), livereload=True, **overrides)
    except exceptions.MkDocsException as error:
        raise RexError(_("preview failed: {error}").format(error=error)) from None
