"""rex: capitalise best practices and experience feedback (REX) in public services.

Load and validate a corpus of Markdown records with `load`, then search it or publish it.
"""

from .corpus import Corpus, load
from .diagnostics import Diagnostic, Report, Severity, ValidationReport
from .errors import RexError, UsageError
from .export import export_records
from .models import (
    Direction,
    Indicator,
    Kind,
    Measure,
    Outcome,
    Practice,
    Record,
    Rex,
    Service,
    Status,
)
from .report import HealthReport, health_report
from .report.gaps import GapAnalysis
from .report.gaps import gap_analysis as gaps
from .search import Hit, IndexStats, SearchResult, build_index, ensure_index, open_index

__all__ = [
    "Corpus",
    "Diagnostic",
    "Direction",
    "GapAnalysis",
    "HealthReport",
    "Hit",
    "IndexStats",
    "Indicator",
    "Kind",
    "Measure",
    "Outcome",
    "Practice",
    "Record",
    "Report",
    "Rex",
    "RexError",
    "SearchResult",
    "Service",
    "Severity",
    "Status",
    "UsageError",
    "ValidationReport",
    "build_index",
    "ensure_index",
    "export_records",
    "gaps",
    "health_report",
    "load",
    "open_index",
]
