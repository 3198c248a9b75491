"""The improvement cycle on the site: the results chart, service sections, action pages,
the display pages, the dashboard's caps and what a ``--public`` site leaves out."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import rex
from rex.results import Granularity, Period
from rex.site import Page, generate, public_corpus
from rex.site.display import ACTIONS_CAP, RESULTS_CAP
from rex.site.timeseries import MAX_POINTS, Line, TargetLine, aggregate, time_series_chart
from tests.conftest import MINIMAL, SAMPLE, WriteTree

TODAY = dt.date(2026, 11, 29)


@cache
def sample() -> dict[str, Page]:
    corpus = rex.load(SAMPLE, today=TODAY)
    return {p.src: p for p in generate(corpus, today=TODAY).pages}


def _days(n: int, start: dt.date = dt.date(2025, 1, 1)) -> list[tuple[Period, float]]:
    return [
        (Period.containing(start + dt.timedelta(days=i), Granularity.DAY), float(i))
        for i in range(n)
    ]


def test_a_long_series_is_drawn_from_monthly_means() -> None:
    points = _days(400)
    drawn, granularity = aggregate(points)
    assert granularity is Granularity.MONTH
    assert len(drawn) == 14 <= MAX_POINTS
    assert drawn[0] == (Period.parse("2025-01"), 15.0)  # the mean of days 0 to 30
    assert aggregate(points[:MAX_POINTS]) == (points[:MAX_POINTS], None)


def test_a_very_long_series_goes_to_coarser_periods() -> None:
    # 20 years of days: 240 months is still too many, 80 quarters is not.
    drawn, granularity = aggregate(_days(365 * 20, dt.date(2000, 1, 1)))
    assert granularity is Granularity.QUARTER and len(drawn) == 80


def test_the_chart_draws_targets_dashed_with_a_text_alternative() -> None:
    hostile = "<script>alert(1)</script>"
    svg = time_series_chart(
        "c",
        "Délai : résultats",
        "jours",
        [Line(hostile, _days(400), "399"), Line("Voirie", _days(5), "4")],
        [TargetLine(4.0, "objectif : 4 jours")],
    )
    assert 'role="img"' in svg and 'aria-labelledby="c-t c-d"' in svg
    assert '<title id="c-t">Délai : résultats</title>' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg)
    assert desc is not None
    assert "Voirie : 4" in desc[1] and "objectif : 4 jours" in desc[1]
    assert "moyenne (mois)" in desc[1]  # says the long series was averaged
    assert svg.count('stroke-dasharray="6 4"') == 1
    assert svg.count("<polyline") == 2
    # The aggregated line has one vertex per month, not one per day.
    first = re.search(r'<polyline points="([^"]*)"', svg)
    assert first is not None and len(first[1].split()) == 14
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_indicator_page_charts_every_series_and_lists_all_values() -> None:
    page = sample()["indicators/delai-moyen-intervention.md"].markdown
    results = page[page.index("## Résultats") : page.index("## Mesures avant → après")]
    assert results.count("<polyline") == 4  # voirie, espaces verts, propreté, éclairage
    assert "rex-chart__target" in results and "objectif Voirie : 4 jours" in results
    assert "<details" in results and "Toutes les valeurs des séries du graphique" in results
    # Every month of the series is in the table (24, plus the header), none averaged away.
    data = results[results.index("<details") :]
    data = data[: data.index("</table>")]
    assert data.count("<tr>") == 25 and '<th scope="col">Voirie</th>' in data
    assert "objectif non atteint" in results and "4,6 jours (octobre 2026)" in results


def test_service_page_shows_results_plan_and_gaps() -> None:
    page = sample()["services/espaces-verts.md"].markdown
    sections = [line for line in page.splitlines() if line.startswith("## ")]
    assert sections[:3] == ["## Résultats", "## Plan d'action", "## Pistes d'amélioration"]
    plan = page[page.index("## Plan d'action") : page.index("## Pistes d'amélioration")]
    assert "planification-saisonniere-espaces-verts" in plan
    assert plan.count("en retard") == 1  # due 31 October 2026, still open on 29 November
    ideas = page[page.index("## Pistes d'amélioration") : page.index("## Bonnes pratiques")]
    assert "Bonnes pratiques à envisager" in ideas and 'href="../../practices/' in ideas
    assert 'href="../../rex/' in ideas  # the REX behind each practice
    assert 'href="affichage/"' in page


def test_overdue_depends_on_the_build_s_day() -> None:
    corpus = rex.load(SAMPLE, today=TODAY)
    early = {p.src: p for p in generate(corpus, today=dt.date(2026, 10, 1)).pages}
    page = early["services/espaces-verts.md"].markdown
    plan = page[page.index("## Plan d'action") : page.index("## Pistes d'amélioration")]
    assert "en retard" not in plan


def test_action_page_has_its_facts_links_and_log_newest_first() -> None:
    page = sample()["actions/cartographie-processus-espaces-verts.md"].markdown
    assert '<dt>Statut</dt><dd><span class="rex-badge rex-badge--good">réalisée</span>' in page
    assert "<dt>Pilote</dt>" in page and "<dt>Réalisée le</dt>" in page
    assert 'href="../../services/espaces-verts/"' in page
    assert 'href="../../rex/cartographie-processus-espaces-verts-2026/"' in page
    dates = re.findall(r'<time datetime="([0-9-]+)">', page)
    assert dates == ["2026-07-10", "2026-04-14", "2026-02-02"]
    assert page.index("## Suivi") < page.index('<div class="rex-body">')


def test_actions_index_has_its_columns_and_marks_late_actions() -> None:
    page = sample()["actions/index.md"].markdown
    headers = re.findall(r'<th scope="col">([^<]*)</th>', page)
    assert headers == ["Titre", "Statut", "Services", "Pilote", "Échéance", "Priorité"]
    assert page.count("en retard") == 3
    assert 'data-sort="2026-12-15"' in page and 'data-sort="0"' in page  # date, status rank


def test_every_service_has_a_display_page() -> None:
    pages = sample()
    services = [f"services/{sid}.md" for sid in rex.load(SAMPLE).services]
    assert len(services) == 13
    for src in services:
        display = pages[src.removesuffix(".md") + "/affichage.md"].markdown
        assert "hide:\n  - navigation\n  - toc\n" in display
        assert 'class="rex-poster"' in display
        assert "Nos résultats" in display and "Nos actions" in display
    voirie = pages["services/voirie/affichage.md"].markdown
    assert "Dernières données : octobre 2026" in voirie and "29 novembre 2026" in voirie
    assert "réalisée" not in voirie  # the poster shows the current plan only


def test_display_page_caps_its_lists_to_fit_one_sheet(write_tree: WriteTree) -> None:
    indicators = {
        f"indicators/i{n}.md": f"""\
            ---
            title: Indicateur {n}
            definition: Un indicateur.
            unit: jours
            direction: decrease
            ---
            """
        for n in range(RESULTS_CAP + 3)
    }
    actions = {
        f"actions/a{n}.md": f"""\
            ---
            title: Action {n}
            services: [voirie]
            status: planned
            owner: Chef de service
            due: 2027-01-{n + 1:02d}
            ---
            """
        for n in range(ACTIONS_CAP + 2)
    }
    rows = "".join(f"i{n};voirie;2026-10;{n}\n" for n in range(RESULTS_CAP + 3))
    root = write_tree(
        {
            **MINIMAL,
            **indicators,
            **actions,
            "results/r.csv": "indicateur;service;période;valeur\n" + rows,
        }
    )
    pages = {p.src: p for p in generate(rex.load(root, today=TODAY), today=TODAY).pages}
    poster = pages["services/voirie/affichage.md"].markdown
    assert poster.count('<tr><th scope="row">') == RESULTS_CAP
    assert "Et 3 autre(s) résultat(s)" in poster
    assert poster.count("<li><strong>") == ACTIONS_CAP
    assert "Et 2 autre(s) action(s)" in poster


def test_dashboard_caps_the_gap_parts() -> None:
    page = sample()["tableau-de-bord.md"].markdown
    ideas = page[page.index("## Pistes d'amélioration") :]
    assert ideas.count("<h3>") == 5  # 12 missed targets in the sample
    assert "… et 7 autres : voir les pages des services." in ideas


INTERNAL = {
    "services/secret.md": """\
        ---
        title: Service interne
        ---
        """,
    "indicators/cachee.md": """\
        ---
        title: Indicateur interne
        definition: Interne.
        unit: jours
        direction: decrease
        services: [voirie]
        ---
        """,
    "actions/plan-interne.md": """\
        ---
        title: Action interne confidentielle
        services: [voirie]
        status: in-progress
        owner: Pilote confidentiel
        due: 2026-01-31
        indicators: [delai-moyen-intervention]
        ---
        """,
    "actions/plan-public.md": """\
        ---
        title: Action publique affichée
        services: [voirie]
        status: planned
        owner: Chef du service voirie
        due: 2027-01-31
        indicators: [delai-moyen-intervention]
        visibility: public
        ---
        """,
}


def _minimal(path: str) -> str:
    text = MINIMAL[path]
    assert isinstance(text, str)
    return text


PUBLIC = {
    "services/voirie.md": _minimal("services/voirie.md").replace(
        "description:", "visibility: public\n        description:"
    ),
    "indicators/delai-moyen-intervention.md": _minimal(
        "indicators/delai-moyen-intervention.md"
    ).replace("unit:", "visibility: public\n        targets: [{value: 5}]\n        unit:"),
}
RESULTS = (
    "indicateur;service;période;valeur\n"
    "delai-moyen-intervention;voirie;2026-10;6,25\n"  # public: both records are
    "delai-moyen-intervention;secret;2026-10;987,65\n"  # internal service
    "cachee;voirie;2026-10;876,54\n"  # internal indicator
)


def test_a_public_site_shows_no_internal_action_or_result(write_tree: WriteTree) -> None:
    root = write_tree({**MINIMAL, **PUBLIC, **INTERNAL, "results/r.csv": RESULTS})
    corpus = rex.load(root, today=TODAY)
    assert corpus.report.valid, corpus.report
    internal = generate(corpus, today=TODAY)
    everything = "".join(p.markdown for p in internal.pages)
    assert "987,65" in everything and "876,54" in everything and "Pilote confidentiel" in everything
    content = generate(public_corpus(corpus), today=TODAY)
    text = "".join(p.markdown for p in content.pages) + "".join(a.content for a in content.assets)
    for secret in (
        "987,65",
        "876,54",
        "Action interne",
        "Pilote confidentiel",
        "plan-interne",
        "Service interne",
        "Indicateur interne",
        "cachee",
        "secret",
    ):
        assert secret not in text, secret
    pages = {p.src: p.markdown for p in content.pages}
    assert "6,25 jours (octobre 2026)" in pages["services/voirie.md"]
    assert "Action publique affichée" in pages["services/voirie/affichage.md"]
    assert "actions/plan-public.md" in pages and "services/secret/affichage.md" not in pages


def test_the_values_table_is_the_data_table_written_faster() -> None:
    from markupsafe import Markup

    from rex.site.html import table
    from rex.site.timeseries import values_table

    rows = [("janv. 2024", "1,5", "—"), ("févr. <2024>", "a&b", 'x"y'), ("mars", "", Markup("1"))]
    headers = ["Période", "Voirie <nord>", "Eau & assainissement"]
    assert values_table("En % <x>", headers, rows) == table("En % <x>", headers, rows, compact=True)
    assert values_table("Vide", ["Période"], []) == table("Vide", ["Période"], [], compact=True)
