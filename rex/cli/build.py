"""`rex build` and `rex serve`: the static site of a corpus."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..corpus import load
from ..i18n import N_, _, ngettext
from .base import CONTENT_ARGUMENT, today_option
from .quick_exit import hold

CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=N_("mkdocs configuration (default: ./mkdocs.yml if present, else rex's built-in one)."),
)


def _progress(done: int, total: int) -> None:
    if done == total or done % 25 == 0:
        click.echo(
            "\r  " + _("pages {done}/{total}").format(done=done, total=total),
            nl=done == total,
            err=True,
        )


@click.command("build")
@CONTENT_ARGUMENT
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help=N_("Where to write the site (replaced only once the build is complete)."),
)
@CONFIG_OPTION
@click.option("--public", is_flag=True, help=N_("Publish only records with 'visibility: public'."))
@click.option(
    "--keep-going", is_flag=True, help=N_("Skip records with errors instead of failing the build.")
)
@today_option(
    help=N_("Date results and action plans are read at (default: today), to rebuild a past site.")
)
def build_command(
    content: Path,
    site_dir: Path,
    config_file: Path | None,
    public: bool,
    keep_going: bool,
    today: dt.date | None,
) -> None:
    """Build the static, searchable site of CONTENT (default: ./content) into --site-dir.

    Records with validation errors fail the build (exit 1) with the same report as
    `rex validate`, unless --keep-going skips them.
    """
    from ..site import build_site, check_buildable

    corpus = load(content, today=today)
    hold(corpus)
    skipped = check_buildable(corpus, keep_going=keep_going)
    if skipped:
        click.secho(
            ngettext(
                "Skipped {count} file(s) with errors:",
                "Skipped {count} file(s) with errors:",
                len(skipped),
            ).format(count=len(skipped)),
            fg="yellow",
            err=True,
        )
        for path in skipped:
            click.echo(f"  {path}", err=True)
    result = build_site(
        corpus,
        site_dir,
        config_file=config_file,
        public=public,
        progress=_progress if sys.stderr.isatty() else None,
        today=today,
    )
    for warning in result.warnings:
        click.secho(_("warning: {warning}").format(warning=warning), fg="yellow", err=True)
    scope = _(" (public records only)") if public else ""
    click.echo(
        _("Built {pages} pages{scope} in {seconds} s -> {site} (config: {config})").format(
            pages=result.pages,
            scope=scope,
            seconds=f"{result.seconds:.1f}",
            site=result.site_dir,
            config=result.config.name,
        )
    )


@click.command("serve")
@CONTENT_ARGUMENT
@CONFIG_OPTION
@click.option(
    "--dev-addr", default=None, metavar="IP:PORT", help=N_("Address to serve on (127.0.0.1:8000).")
)
@click.option(
    "--public", is_flag=True, help=N_("Preview the site of 'visibility: public' records.")
)
def serve_command(
    content: Path, config_file: Path | None, dev_addr: str | None, public: bool
) -> None:
    """Preview the site of CONTENT with live reload while you edit records."""
    import logging

    from ..site import serve_site

    # mkdocs says where it serves and when it rebuilds through logging.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    serve_site(content, config_file=config_file, dev_addr=dev_addr, public=public)
