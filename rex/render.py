"""Deprecated: the validation report's formats moved to `rex.diagnostics_format`."""

from .diagnostics_format import format_github, format_text

__all__ = ["format_github", "format_text"]
