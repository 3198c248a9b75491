"""The build's error policy, shared by `rex build` and the mkdocs plugin (`mkdocs build`)."""

from __future__ import annotations

from ..corpus import Corpus
from ..diagnostics_format import format_text
from ..errors import RexError


def check_buildable(corpus: Corpus, keep_going: bool = False) -> list[str]:
    """The build's error policy: records with errors stop it unless ``keep_going`` skips them.

    Raises `RexError` with the report of `rex validate` when ``corpus`` has errors and not
    ``keep_going``; otherwise returns the files left out for their errors (sorted).
    """
    report = corpus.report
    if report.valid:
        return []
    if not keep_going:
        raise RexError(
            f"the corpus has errors; nothing was built\n{format_text(report)}",
            hint="fix the errors above, or skip their records with --keep-going",
        )
    return sorted({d.path for d in report.errors})
