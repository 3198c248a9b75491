"""Render a `HealthReport`: plain text for a terminal (English, like the CLI) and Markdown for
the site's "Tableau de bord" page (French, like the site)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from .report import HealthReport, RecordRef

Link = Callable[[RecordRef], str | None]

_STATUS_FR = {
    "draft": "brouillon",
    "proposed": "proposée",
    "validated": "validée",
    "retired": "retirée",
}
_OUTCOME_FR = {"success": "réussite", "partial": "réussite partielle", "failure": "échec"}
_KIND_FR = {
    "services": "Services",
    "indicators": "Indicateurs",
    "practices": "Bonnes pratiques",
    "rex": "Retours d'expérience",
}
_DIRECTION_FR = {"increase": "à la hausse", "decrease": "à la baisse"}


# --- text --------------------------------------------------------------------------------------


def _num(value: float | None, *, signed: bool = False) -> str:
    if value is None:
        return "-"
    text = f"{value:+.6g}" if signed else f"{value:.6g}"
    return text


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _pairs(mapping: dict[str, int] | dict[int, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in mapping.items()) or "none"


def render_text(report: HealthReport) -> str:
    """The report as aligned plain text for a terminal."""
    c, g, v = report.counts, report.gaps, report.validation
    out = [
        f"rex health report, {report.today.isoformat()}",
        f"validation: {v['files']} files, {v['records']} valid records, "
        f"{v['errors']} errors, {v['warnings']} warnings",
        "",
        "Records",
        "  " + ", ".join(f"{kind} {n}" for kind, n in c.kinds.items()),
        f"  practices by status: {_pairs(c.status['practices'])}",
        f"  rex by status: {_pairs(c.status['rex'])}",
        f"  rex by outcome: {_pairs(c.outcome)}",
        f"  practices by year created: {_pairs(c.years['practices'])}",
        f"  rex by year: {_pairs(c.years['rex'])}",
    ]
    if c.services:
        out += ["", "By service"]
        rows = [["service", "indicators", "practices", "rex"]]
        rows += [[s.record.id, str(s.indicators), str(s.practices), str(s.rex)] for s in c.services]
        out += _table(rows)
    out += ["", "Gaps"]
    simple: list[tuple[str, list[RecordRef]]] = [
        ("practices with no REX evidence", g.practices_without_rex),
        ("indicators no practice targets", g.untargeted_indicators),
        ("services with no practice", g.services_without_practice),
    ]
    for label, refs in simple:
        out.append(f"  {label}: {len(refs) or 'none'}")
        out += [f"    {r.id}  ({r.path})" for r in refs]
    out.append(f"  overdue reviews: {len(g.overdue_reviews) or 'none'}")
    out += [
        f"    {o.record.id}  review by {o.review_by.isoformat()} ({o.days_overdue} days ago)"
        for o in g.overdue_reviews
    ]
    out.append(f"  drafts untouched for over 12 months: {len(g.stale_drafts) or 'none'}")
    out += [
        f"    {s.record.kind.value}/{s.record.id}  last dated {s.last_change.isoformat()}"
        for s in g.stale_drafts
    ]
    if report.indicators:
        out += ["", "Indicators (REX measures)"]
        rows = [["indicator", "better", "practices", "measures", "improved", "median change"]]
        rows += [
            [
                i.record.id,
                "higher" if i.direction == "increase" else "lower",
                str(i.practices),
                str(i.measures),
                f"{i.improved} ({_pct(i.improved_share)})" if i.measures else "-",
                f"{_num(i.median_change, signed=True)} {i.unit}" if i.measures else "-",
            ]
            for i in report.indicators
        ]
        out += _table(rows)
    if report.practices:
        out += ["", "Practices (evidence)"]
        rows = [["practice", "status", "rex", "success", "partial", "failure"]]
        rows += [
            [
                p.record.id,
                p.status,
                str(p.rex),
                *(str(p.evidence[o]) for o in ("success", "partial", "failure")),
            ]
            for p in report.practices
        ]
        lines = _table(rows)
        out.append(lines[0])
        for line, p in zip(lines[1:], report.practices, strict=True):
            out.append(line)
            # One indicator per line: a practice often moves several and rows would wrap.
            out += [
                f"      {e.indicator}: improved in {e.improved} of {e.measures} measures"
                + ("" if e.targeted else " (not targeted)")
                for e in p.indicators
            ]
    return "\n".join(out)


# --- markdown ----------------------------------------------------------------------------------

_MD_BACKSLASH = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]|#"})


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it literally, in a paragraph or a table cell."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.translate(_MD_BACKSLASH)


def _fr_num(value: float | None, *, signed: bool = False) -> str:
    if value is None:
        return "–"
    text = f"{value:+.3g}" if signed else f"{value:.3g}"
    return text.replace(".", ",").replace("-", "−")


def _fr_pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


def _fr_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(
    report: HealthReport, link: Link | None = None, *, level: int = 1, validation: bool = True
) -> str:
    """The report as a French Markdown page ("Tableau de bord").

    ``link`` maps a record to its URL (None: plain text); ``level`` is the level of the page
    title, the sections follow below it. ``validation=False`` leaves out the validation counts,
    which cover every file read (internal records included): use it for a public site.
    """

    def name(ref: RecordRef) -> str:
        url = link(ref) if link else None
        label = md_escape(ref.title)
        return f"[{label}]({url})" if url else label

    h1, h2, h3 = ("#" * (level + i) for i in range(3))
    c, g, v = report.counts, report.gaps, report.validation
    out = [
        f"{h1} Tableau de bord",
        "",
        f"État au {_fr_date(report.today)} : {sum(c.kinds.values())} fiches"
        + (
            f" ; {v['errors']} erreur(s) et {v['warnings']} avertissement(s) à la validation."
            if validation
            else "."
        ),
        "",
        f"{h2} Volumes",
        "",
        *_md_table(
            ["Type de fiche", "Nombre"], [[_KIND_FR[k], str(n)] for k, n in c.kinds.items()]
        ),
        f"{h3} Par statut",
        "",
        *_md_table(
            ["", *_STATUS_FR.values()],
            [
                [_KIND_FR[k], *(str(c.status[k][s]) for s in _STATUS_FR)]
                for k in ("practices", "rex")
            ],
        ),
        f"{h3} Retours d'expérience par résultat",
        "",
        *_md_table(
            ["Résultat", "Nombre"], [[_OUTCOME_FR[o], str(n)] for o, n in c.outcome.items()]
        ),
    ]
    years = sorted(set(c.years["practices"]) | set(c.years["rex"]))
    if years:
        out += [f"{h3} Par année", ""]
        out += _md_table(
            ["Année", "Bonnes pratiques créées", "Retours d'expérience"],
            [
                [str(y), str(c.years["practices"].get(y, 0)), str(c.years["rex"].get(y, 0))]
                for y in years
            ],
        )
    if c.services:
        out += [f"{h3} Par service", ""]
        out += _md_table(
            ["Service", "Indicateurs", "Bonnes pratiques", "Retours d'expérience"],
            [[name(s.record), str(s.indicators), str(s.practices), str(s.rex)] for s in c.services],
        )
    out += [f"{h2} Points d'attention", ""]
    sections: list[tuple[str, list[str]]] = [
        (
            "Bonnes pratiques sans retour d'expérience",
            [name(r) for r in g.practices_without_rex],
        ),
        ("Indicateurs visés par aucune bonne pratique", [name(r) for r in g.untargeted_indicators]),
        ("Services sans bonne pratique", [name(r) for r in g.services_without_practice]),
        (
            "Revues en retard",
            [
                f"{name(o.record)} : à revoir avant le {_fr_date(o.review_by)} "
                f"({o.days_overdue} jours de retard)"
                for o in g.overdue_reviews
            ],
        ),
        (
            "Brouillons non modifiés depuis plus de 12 mois",
            [
                f"{name(s.record)} ({_KIND_FR[s.record.kind.value].lower()}, "
                f"dernière date : {_fr_date(s.last_change)})"
                for s in g.stale_drafts
            ],
        ),
    ]
    for title, items in sections:
        out += [f"{h3} {title} ({len(items)})", ""]
        out += [f"- {item}" for item in items] if items else ["Aucun point d'attention."]
        out.append("")
    if report.indicators:
        out += [f"{h2} Indicateurs", ""]
        out += _md_table(
            [
                "Indicateur",
                "Amélioration",
                "Bonnes pratiques",
                "Mesures",
                "Améliorées",
                "Variation médiane",
            ],
            [
                [
                    name(i.record),
                    _DIRECTION_FR[i.direction],
                    str(i.practices),
                    str(i.measures),
                    f"{i.improved} ({_fr_pct(i.improved_share)})" if i.measures else "–",
                    f"{_fr_num(i.median_change, signed=True)} {md_escape(i.unit)}"
                    if i.measures
                    else "–",
                ]
                for i in report.indicators
            ],
        )
    if report.practices:
        out += [f"{h2} Niveau de preuve des bonnes pratiques", ""]
        out += _md_table(
            ["Bonne pratique", "Statut", "REX", "Réussites", "Partielles", "Échecs", "Indicateurs"],
            [
                [
                    name(p.record),
                    _STATUS_FR[p.status],
                    str(p.rex),
                    *(str(p.evidence[o]) for o in ("success", "partial", "failure")),
                    "<br>".join(
                        f"{md_escape(e.title)} : {e.improved}/{e.measures} en progrès"
                        for e in p.indicators
                    )
                    or "–",
                ]
                for p in report.practices
            ],
        )
    return "\n".join(out).rstrip() + "\n"


__all__ = ["Link", "md_escape", "render_markdown", "render_text"]
