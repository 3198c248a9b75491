"""The exception rex raises when work cannot go on (content problems are diagnostics instead)."""

from __future__ import annotations


class RexError(Exception):
    """Work cannot continue: no such folder, a locked index, a file that would be overwritten.

    The CLI turns it into a message on stderr and exit code 1 (or ``exit_code``).
    """

    def __init__(self, message: str, *, hint: str | None = None, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message
