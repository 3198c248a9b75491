"""Ending the ``rex`` process without freeing, object by object, a corpus it is done with.

After a 50,000-record site was built, freeing the corpus and the pages (a 1.7 GB heap) took
15 s more before the shell got its prompt back. The console script therefore ends the process
as soon as a command that `hold` its large objects is done, as mypy does: it flushes the
output, runs the exit handlers (they remove temporary folders), and leaves. Commands called
in-process (`main`, click's test runner) hold nothing and end as usual.
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

_HELD: list[object] = []
_ENABLED: list[bool] = []


def hold(*objects: object) -> None:
    """Keep ``objects`` to the end of the process, when `run` ends it without freeing them."""
    if _ENABLED:
        _HELD.extend(objects)


def run(main: Callable[[list[str] | None], Any], argv: list[str] | None = None) -> NoReturn:
    """Run ``main(argv)`` as the process's entry point, then end the process."""
    _ENABLED.append(True)
    try:
        main(argv)
        code: str | int | None = 0
    except SystemExit as done:
        code = done.code
    if not _HELD:
        sys.exit(code)
    if isinstance(code, str):
        print(code, file=sys.stderr)
    status = 0 if code is None else code if isinstance(code, int) else 1
    atexit._run_exitfuncs()  # what interpreter exit would run: logging, temporary folders
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(status)
