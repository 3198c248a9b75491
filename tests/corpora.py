"""Corpora that several test modules share (the minimal valid one is in conftest.py)."""

from __future__ import annotations

#: A value a stranger could write in any field: HTML, a script URL, quotes, a template tag.
HOSTILE = '<img src=x onerror=alert(1)> [clic](javascript:alert(1)) "q" {{ x }}'


def with_internal_record(files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """``files`` made public, plus one internal REX that no public output may mention."""
    files = {
        k: v.replace("---\n        title:", "---\n        visibility: public\n        title:")
        if isinstance(v, str)
        else v
        for k, v in files.items()
    }
    files["rex/secret-interne-2024.md"] = """\
        ---
        title: Un retour confidentiel sur la voirie
        date: 2024-10-01
        status: validated
        outcome: failure
        services: [voirie]
        practices: [priorisation-des-demandes]
        measures:
          - indicator: delai-moyen-intervention
            before: 7
            after: 9
        lessons: [Une leçon interne.]
        tags: [confidentiel]
        ---
        """
    return files
