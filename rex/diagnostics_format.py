"""Format a `ValidationReport` as text for people or as workflow commands for GitHub."""

from __future__ import annotations

from collections.abc import Callable

from .diagnostics import Diagnostic, Severity, ValidationReport
from .i18n import _, ngettext

Style = Callable[..., str]


def _plain(text: str, **_: object) -> str:
    return text


def format_text(report: ValidationReport, style: Style = _plain) -> str:
    """``path:line:col: severity[code] message`` lines, each hint below, then a summary."""
    lines = []
    for d in report:
        colour = "red" if d.severity is Severity.ERROR else "yellow"
        head = style(f"{d.path}:{d.line}:{d.column}:", bold=True)
        tag = style(f"{d.severity}[{d.code}]", fg=colour, bold=True)
        lines.append(f"{head} {tag} {d.message}")
        if d.hint:
            lines.append(style("    " + _("hint: {hint}").format(hint=d.hint), fg="cyan"))
    s = report.summary()
    verdict = (
        style(_("ok"), fg="green", bold=True)
        if report.valid
        else style(_("failed"), fg="red", bold=True)
    )
    # English keeps its historical plural everywhere ("1 errors"): tools may read the line.
    counts = [
        ngettext("{count} files", "{count} files", s["files"]),
        ngettext("{count} valid records", "{count} valid records", s["records"]),
        ngettext("{count} errors", "{count} errors", s["errors"]),
        ngettext("{count} warnings", "{count} warnings", s["warnings"]),
    ]
    figures = (s["files"], s["records"], s["errors"], s["warnings"])
    lines.append(
        _("{verdict}: {counts}").format(
            verdict=verdict,
            counts=", ".join(c.format(count=n) for c, n in zip(counts, figures, strict=True)),
        )
    )
    return "\n".join(lines)


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(report: ValidationReport) -> str:
    """GitHub Actions workflow commands: one ``::error`` or ``::warning`` line per diagnostic."""
    return "\n".join(_github_line(d) for d in report)


def _github_line(d: Diagnostic) -> str:
    level = "error" if d.severity is Severity.ERROR else "warning"
    message = d.message + (" (" + _("hint: {hint}").format(hint=d.hint) + ")" if d.hint else "")
    return (
        f"::{level} file={_escape(d.path, prop=True)},line={d.line},col={d.column},"
        f"title={_escape(d.code, prop=True)}::{_escape(message)}"
    )
