"""The health report: one set of figures, one set of sections, three renderings.

- `health`: `health_report(corpus, today)` computes a `HealthReport` (the JSON data);
- `sections`: `report_sections(report)`, what the report shows, in order and in words;
- `text` and `markdown`: `render_text(report)` for a terminal, `render_markdown(report)` for
  a page; the site's dashboard (`rex.site.dashboard`) renders the same sections as HTML.
"""

from .health import (
    SCHEMA_VERSION,
    ContextStats,
    Counts,
    Gaps,
    HealthReport,
    IndicatorEffect,
    IndicatorStats,
    OverdueReview,
    PracticeStats,
    RecordRef,
    RexContext,
    ServiceCounts,
    StaleDraft,
    health_report,
)

__all__ = [
    "SCHEMA_VERSION",
    "ContextStats",
    "Counts",
    "Gaps",
    "HealthReport",
    "IndicatorEffect",
    "IndicatorStats",
    "OverdueReview",
    "PracticeStats",
    "RecordRef",
    "RexContext",
    "ServiceCounts",
    "StaleDraft",
    "health_report",
]
