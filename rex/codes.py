"""The registry of diagnostic codes: each stable code with its severity and what it means.

Every check reports through a code listed here; `Diagnostic` refuses a code that is not, or a
severity other than the code's, so severity is decided once, in this table. README's codes
table is this registry written out (`markdown_table`; a test keeps the two equal).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .i18n import N_


class Severity(StrEnum):
    """How bad a problem is: errors fail validation, warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One code: its severity, the area it belongs to, and what it means."""

    code: str
    severity: Severity
    area: str
    description: str


E, W = Severity.ERROR, Severity.WARNING
_RECORDS, _FILES, _RESULTS = "records", "files", "results"

#: Descriptions are English (README, JSON output); `N_` marks them for the catalogue, and the
#: French site's contributor guide translates them as it renders.
_TABLE: tuple[tuple[str, Severity, str, str], ...] = (
    # Reading a record file.
    ("not-utf8", E, _FILES, N_("the file is not UTF-8 text")),
    ("binary-file", E, _FILES, N_("the file holds binary data (a NUL byte), not text")),
    ("unreadable", E, _FILES, N_("the file cannot be read (permissions, I/O error)")),
    ("frontmatter-missing", E, _RECORDS, N_("no `---` block at the top of the file")),
    ("frontmatter-unterminated", E, _RECORDS, N_("the `---` block has no closing `---`")),
    ("frontmatter-not-mapping", E, _RECORDS, N_("the block is not `key: value` lines")),
    ("yaml-syntax", E, _RECORDS, N_("YAML the parser rejects (at the parser's line)")),
    (
        "yaml-unsupported",
        E,
        _RECORDS,
        N_("tags, anchors and aliases, more than 100,000 values or 40 levels of nesting"),
    ),
    ("duplicate-key", E, _RECORDS, N_("a key given twice (YAML would silently keep the last)")),
    ("control-character", E, _RECORDS, N_("a control character, raw or escaped (`\\u001b`)")),
    # The record against its kind's model.
    ("missing-key", E, _RECORDS, N_("a required key is missing")),
    ("unknown-key", E, _RECORDS, N_("a key the kind does not have (did you mean)")),
    ("invalid-type", E, _RECORDS, N_("a value of the wrong type (text for a list, …)")),
    ("invalid-choice", E, _RECORDS, N_("a value outside the allowed ones (did you mean)")),
    ("invalid-value", E, _RECORDS, N_("a value the model refuses (too long, negative, …)")),
    ("invalid-date", E, _RECORDS, N_("not a real date written YYYY-MM-DD")),
    ("invalid-number", E, _RECORDS, N_("`.nan`, `.inf`, beyond 2^53, or `true` for a number")),
    ("invalid-link", E, _RECORDS, N_("a link that is not a record id")),
    ("invalid-id", E, _RECORDS, N_("the file name is not a valid id")),
    ("duplicate-id", E, _RECORDS, N_("the id is already used in that kind (names the other)")),
    ("reserved-id", E, _RECORDS, N_("the id (`index`, `rows`, `page-2`…) names a generated page")),
    ("invalid-tag", E, _RECORDS, N_("a tag with no letter or digit, or whose slug is reserved")),
    ("tag-collision", W, _RECORDS, N_("two spellings of a tag share one slug (names both files)")),
    ("invalid-url", E, _RECORDS, N_("a `links` URL that is not `http`, `https` or relative")),
    ("active-content", E, _RECORDS, N_("anything in the body the site's sanitizer would remove")),
    ("remote-image", W, _RECORDS, N_("an image from another host, shown as a link on the site")),
    # Across records.
    ("unknown-link", E, _RECORDS, N_("a link to an id that does not exist (did you mean)")),
    ("parent-cycle", E, _RECORDS, N_("services that are their own ancestors")),
    ("date-order", E, _RECORDS, N_("`updated` before `created`; a REX `started` after `date`")),
    ("supersedes-self", E, _RECORDS, N_("a record naming itself in `supersedes`")),
    ("supersedes-cycle", E, _RECORDS, N_("records replacing each other (the cycle is named)")),
    ("superseded-active", W, _RECORDS, N_("a superseded practice that is not `retired`")),
    ("review-overdue", W, _RECORDS, N_("a practice's `review_by` has passed")),
    ("date-in-future", W, _RECORDS, N_("a REX dated after today")),
    (
        "possible-duplicate",
        W,
        _RECORDS,
        N_("two practices or two REX with nearly the same title and summary (names both)"),
    ),
    ("unknown-vocabulary", E, _RECORDS, N_("a theme or approach `vocabulary.yml` lacks")),
    ("invalid-vocabulary", E, _RECORDS, N_("`vocabulary.yml` is not lists of `{id, label}`")),
    ("vocabulary-missing", W, _RECORDS, N_("`themes` or `approach` set without `vocabulary.yml`")),
    # The corpus folder.
    ("empty-corpus", W, _FILES, N_("no record file at all below the folder given")),
    ("unknown-folder", W, _FILES, N_("a `.md` file in a folder that is not a kind's")),
    ("link-outside-corpus", W, _FILES, N_("a link whose target is outside the corpus; skipped")),
    ("broken-link", W, _FILES, N_("a link to nothing, a cycle of links, or a loop; skipped")),
    ("ignored-file", W, _FILES, N_("`.MD`, hidden or not a regular file in a kind folder")),
    # Results files (content/results/).
    ("invalid-period", E, _RESULTS, N_("not 2025, 2025-T1/2025-Q1, 2025-03 or 2025-03-14")),
    ("missing-value", E, _RESULTS, N_("an empty indicator, service or period cell")),
    ("duplicate-measurement", E, _RESULTS, N_("the same measurement twice (names the other)")),
    ("unknown-column", E, _RESULTS, N_("a header that is not a results column (did you mean)")),
    ("missing-column", E, _RESULTS, N_("a required column absent and not fixed by a sidecar")),
    ("duplicate-column", E, _RESULTS, N_("two headers naming the same column")),
    ("not-csv", E, _RESULTS, N_("a .csv file that is binary or cannot be split")),
    ("invalid-workbook", E, _RESULTS, N_("an .xlsx file that cannot be read")),
    ("invalid-sidecar", E, _RESULTS, N_("a sidecar .yml that is not valid (at its line)")),
    ("unknown-indicator", E, _RESULTS, N_("an indicator id no indicator record has")),
    ("unknown-service", E, _RESULTS, N_("a service id no service record has")),
    ("extra-field", W, _RESULTS, N_("values beyond the header's columns, ignored")),
    ("mixed-granularity", W, _RESULTS, N_("one series mixing months, quarters, years or days")),
    ("empty-file", W, _RESULTS, N_("a results file with no measurement")),
    ("legacy-encoding", W, _RESULTS, N_("read as Windows-1252: save as CSV UTF-8")),
    (
        "no-results-sheet",
        W,
        _RESULTS,
        N_("a workbook with no sheet starting with a results header"),
    ),
    ("orphan-sidecar", W, _RESULTS, N_("a sidecar .yml with no results file of the same name")),
    ("unsupported-file", W, _RESULTS, N_("a file in results/ that is not .csv or .xlsx")),
)

#: Every code by name.
CODES: dict[str, CodeInfo] = {row[0]: CodeInfo(*row) for row in _TABLE}


def severity_of(code: str) -> Severity:
    """The severity of ``code``; `KeyError` for a code that is not registered."""
    return CODES[code].severity


def register_code(code: str, severity: Severity, area: str, description: str) -> CodeInfo:
    """Register a code for an extension's check (a kind added at run time)."""
    info = CodeInfo(code, severity, area, description)
    if CODES.setdefault(code, info) != info:
        raise ValueError(f"code {code!r} is already registered with another meaning")
    return info


def markdown_table() -> str:
    """README's codes table: one row per code, errors first within each area."""
    lines = ["| code | severity | what |", "|---|---|---|"]
    lines += [f"| `{i.code}` | {i.severity} | {i.description} |" for i in CODES.values()]
    return "\n".join(lines)
