"""A frictionless Table Schema for results CSV files, for editors and other tools."""

from __future__ import annotations

from typing import Any

from .period import PERIOD_HINT

# The id pattern of records (rex.models.ID_PATTERN), repeated to keep this module standalone.
_ID = "^[a-z0-9]+(-[a-z0-9]+)*$"
_PERIOD = (
    r"^[0-9]{4}(-([TtQq][1-4]|(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?))?$"
    r"|^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$"
)


def table_schema() -> dict[str, Any]:
    """The Table Schema (frictionless, v1) of a long results file with English headers."""
    return {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "title": "rex results",
        "description": (
            "One row per measurement of an indicator for a service over a period. French "
            "headers are accepted too (indicateur, période, valeur, lieu, commentaire), as are "
            "';' separators, decimal commas and spaces between thousands (1 250,5); a sidecar "
            "<name>.yml may fix columns, rename them, or declare a wide table."
        ),
        "fields": [
            {
                "name": "indicator",
                "type": "string",
                "title": "Indicateur",
                "description": "The id of an indicator record (indicators/<id>.md).",
                "constraints": {"required": True, "pattern": _ID},
            },
            {
                "name": "service",
                "type": "string",
                "title": "Service",
                "description": "The id of a service record (services/<id>.md).",
                "constraints": {"required": True, "pattern": _ID},
            },
            {
                "name": "location",
                "type": "string",
                "title": "Lieu",
                "description": "A site of the service (an annex town hall, a school restaurant).",
            },
            {
                "name": "period",
                "type": "string",
                "title": "Période",
                "description": PERIOD_HINT + "; a series keeps one kind of period.",
                "constraints": {"required": True, "pattern": _PERIOD},
            },
            {
                "name": "value",
                "type": "number",
                "title": "Valeur",
                "description": "The measured value, in the indicator's unit (finite; no unit).",
                "constraints": {"required": True},
            },
            {"name": "note", "type": "string", "title": "Commentaire"},
            {
                "name": "source",
                "type": "string",
                "title": "Source",
                "description": "Where the value comes from (a tool, a survey, a count).",
            },
        ],
        # No primaryKey: location is often empty, and empty cells cannot be part of one.
        # rex itself rejects two rows with the same indicator, service, location and period.
        "missingValues": [""],
    }
