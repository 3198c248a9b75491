"""The site's two Pagefind bundles, started as early as the build knows what they hold.

The site search's records come from the corpus alone: its job (`rex.site.search_job`) is
forked as soon as the corpus is loaded, and indexes while the build plans the pages (a
fifth of a 50,000-record build, which until then ran on one core). The addresses of the
record pages are mkdocs' own, computed by the job the way mkdocs computes them; the site's
own pages (dashboard, index pages, guide) are known only once planned, and reach the job
through its inbox, for its last index. The long lists' rows need the planned pages: their
job is forked when mkdocs has the files.

mkdocs empties the site folder after the search job has started, all but its hidden
entries: the jobs write into a hidden folder of their own in it (`SCRATCH` and a random
name), and the bundles move into the site when both are done. Such a folder left by a build
that was killed is removed by the next build.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..corpus import Corpus
from ..errors import RexError
from . import pagefind as pf
from .pagefind import SearchRecord
from .routes import record_src
from .search_job import Bundle, SearchJob
from .types import SiteContent

log = logging.getLogger("mkdocs.plugins.rex")
#: The start of the name of the jobs' folder in the site folder.
SCRATCH = ".rex-search-"


class SiteSearch:
    """The jobs of one build: `start_records`, then `start_rows`, then `wait` (or `stop`)."""

    def __init__(self) -> None:
        self._jobs: list[SearchJob] = []
        self._records: SearchJob | None = None
        self._scratch: Path | None = None
        self._site: Path | None = None

    def start_records(self, corpus: Corpus, config: MkDocsConfig) -> None:
        """Fork the site search's job: the records of ``corpus`` (already published)."""
        self.stop()
        self._site = Path(config.site_dir)
        self._site.mkdir(parents=True, exist_ok=True)
        for left in self._site.glob(f"{SCRATCH}*"):
            shutil.rmtree(left, ignore_errors=True)
        self._scratch = Path(tempfile.mkdtemp(prefix=SCRATCH, dir=self._site))

        # Filled and read in the forked job: the addresses its records were indexed at.
        indexed: dict[str, str] = {}

        def entries() -> list[SearchRecord]:
            indexed.update(record_urls(corpus, config))
            return pf.record_entries(corpus, indexed)

        # (``job`` is read when the job asks for its last records, in the forked process)
        bundle = Bundle(
            pf.SEARCH_DIR, entries, pf.SHARD_SIZE, late=lambda: _site_pages(job, indexed)
        )
        job = SearchJob([bundle], self._scratch)
        self._records = job
        self._jobs.append(job)
        job.start()

    def start_rows(self, corpus: Corpus, urls: Mapping[str, str], content: SiteContent) -> None:
        """Hand the site's own pages to the search job, and fork the long lists' job."""
        assert self._records is not None and self._scratch is not None
        records = {src: urls[src] for r in corpus if (src := record_src(r.kind, r.id)) in urls}
        self._records.post((records, pf.page_entries(corpus, urls, content.pages)))
        if content.lists:
            lists = content.lists
            bundle = Bundle(
                pf.ROWS_DIR,
                lambda: pf.row_records(lists, urls),
                pf.ROWS_SHARD_SIZE,
                pf.row_list,
            )
            job = SearchJob([bundle], self._scratch)
            self._jobs.append(job)
            job.start()
            # The rows went with the job (47,500 at 50,000 records): the pages do not need them.
            content.lists = []

    def wait(self) -> None:
        """Wait for every bundle; `RexError` with a job's error."""
        started = time.perf_counter()
        jobs, self._jobs, self._records = self._jobs, [], None
        try:
            stats = [s for job in jobs for s in job.wait()]
            assert self._scratch is not None and self._site is not None
            for bundle in self._scratch.iterdir():
                target = self._site / bundle.name
                if target.is_dir():  # a bundle of an earlier build (mkdocs --dirty)
                    shutil.rmtree(target)
                bundle.rename(target)
        finally:
            self.stop(jobs)
        log.info(
            "rex: search: %d records, %d kB in %d bundle(s), %.1f s waited for them; "
            "peak memory %d MB (jobs), %d MB (Pagefind)",
            sum(s.records for s in stats),
            sum(s.bytes for s in stats) // 1000,
            len(stats),
            time.perf_counter() - started,
            max((j.peaks[0] for j in jobs), default=0) // 1_000_000,
            max((j.peaks[1] for j in jobs), default=0) // 1_000_000,
        )

    def stop(self, jobs: Sequence[SearchJob] = ()) -> None:
        """Stop the jobs that still run (the build failed), and remove their folder."""
        for job in [*jobs, *self._jobs]:
            job.stop()
        self._jobs, self._records = [], None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None


def record_urls(corpus: Corpus, config: MkDocsConfig) -> dict[str, str]:
    """Each record page's address, as mkdocs gives it to a generated file."""
    srcs = (record_src(r.kind, r.id) for r in corpus)
    site, directory_urls = config.site_dir, config.use_directory_urls
    return {src: File(src, None, site, directory_urls).url for src in srcs}


def _site_pages(job: SearchJob, indexed: Mapping[str, str]) -> Sequence[SearchRecord]:
    """In the job: the site's own pages, once the build sends them, after checking that the
    record pages are where the job ``indexed`` them."""
    urls, pages = job.receive()
    if urls != indexed:
        raise RexError(
            "the record pages are not at the addresses the search indexed",
            hint="another mkdocs plugin moved them: build without it",
        )
    return list(pages)
