"""The exceptions rex raises when work cannot go on (content problems are diagnostics instead).

They say what is wrong and how to fix it; which exit code each becomes is the CLI's choice,
made in one place (`rex.cli.base.exit_code`).
"""

from __future__ import annotations


class RexError(Exception):
    """Work cannot continue: no such folder, a locked index, a file that would be overwritten."""

    def __init__(
        self, message: str, *, hint: str | None = None, exit_code: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        #: Deprecated: raise `UsageError` for bad arguments instead of asking for code 2.
        #: Kept for callers that still pass it; None lets the CLI choose.
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(RexError):
    """A bad argument: an unknown kind, an invalid id or option value, a malformed query."""
