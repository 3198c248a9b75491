"""The health report: the data, computed from a `Corpus` (`health`)."""

from .health import (
    SCHEMA_VERSION,
    Counts,
    Gaps,
    HealthReport,
    IndicatorEffect,
    IndicatorStats,
    OverdueReview,
    PracticeStats,
    RecordRef,
    ServiceCounts,
    StaleDraft,
    health_report,
)

__all__ = [
    "SCHEMA_VERSION",
    "Counts",
    "Gaps",
    "HealthReport",
    "IndicatorEffect",
    "IndicatorStats",
    "OverdueReview",
    "PracticeStats",
    "RecordRef",
    "ServiceCounts",
    "StaleDraft",
    "health_report",
]
