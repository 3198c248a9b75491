"""Record pages answer "does this transfer to us?": identity card, what is missing,
vocabulary labels, documents, supersedes banners and similar records ("À voir aussi")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import rex
from rex.similar import SimilarityIndex
from rex.site import generate, public_corpus

from .conftest import MINIMAL, SAMPLE, WriteTree

TOWN = """\
    ---
    title: Ville de Bourg
    type: commune
    population: 8500
    region: Bretagne
    visibility: public
    ---
    """
VOCABULARY = """\
    themes:
      - {id: delais, label: Délais et réactivité}
    approaches:
      - {id: mesure-et-affichage, label: Mesurer et afficher}
    """
FULL_REX = """\
    ---
    title: Une nouvelle grille pour les nids-de-poule
    date: 2025-06-30
    started: 2024-09-02
    status: validated
    outcome: partial
    services: [voirie]
    practices: [priorisation-des-demandes]
    lessons: [Revoir la grille après un mois.]
    budget: {amount: 12500, note: "Un logiciel <b>et</b> des tablettes"}
    staff: {fte: 1.5, note: Deux agents à mi-temps}
    partners: [Centre technique, "Élus de <secteur>"]
    funding: [Budget de fonctionnement]
    themes: [delais]
    approach: mesure-et-affichage
    contact: Mission qualité
    contact_public: true
    supersedes: [grille-voirie-2024]
    links:
      - {title: "Délibération <du 12 mai>", url: "https://www.example.fr/deliberation.pdf"}
      - {title: La pratique de référence, url: ../practices/priorisation-des-demandes.md}
      - {title: Le bilan, url: "annexes/bilan.pdf#page=2"}
    visibility: public
    ---
    ## Contexte
    Des nids-de-poule signalés sans ordre de priorité.
    """


@pytest.fixture
def corpus_dir(write_tree: WriteTree) -> Path:
    files = dict(MINIMAL)
    for name in list(files):
        text = files[name]
        assert isinstance(text, str)
        files[name] = text.replace("---\n", "---\n        visibility: public\n", 1)
    return write_tree(
        files
        | {
            "territories/bourg.md": TOWN,
            "vocabulary.yml": VOCABULARY,
            "rex/nids-de-poule-2025.md": FULL_REX,
        }
    )


def _pages(root: Path, public: bool = False) -> dict[str, str]:
    corpus = rex.load(root)
    assert corpus.report.valid, corpus.report.to_dict()
    if public:
        corpus = public_corpus(corpus)
    return {p.src: p.markdown for p in generate(corpus).pages}


def _section(page: str, heading: str) -> str:
    start = page.index(f"## {heading}\n")
    end = page.find("\n## ", start + 1)
    return page[start : end if end != -1 else None]


def _text(html: str) -> str:
    # Not str.split(): it would turn the narrow no-break spaces of French numbers into spaces.
    return re.sub(r"[ \n]+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_rex_identity_card_gives_territory_period_means_and_outcome(corpus_dir: Path) -> None:
    page = _pages(corpus_dir)["rex/nids-de-poule-2025.md"]
    card = _section(page, "Fiche d'identité")
    text = _text(card)
    assert 'aria-label="Fiche d\'identité"' in card
    assert "Territoire Ville de Bourg (commune, de 2\u202f000 à 10\u202f000 habitants)" in text
    assert "Période du 2 septembre 2024 au 30 juin 2025" in text
    assert "Durée 10 mois" in text
    assert "Budget 12\u202f500 € — Un logiciel &lt;b&gt;et&lt;/b&gt; des tablettes" in text
    assert "Moyens humains 1,5 ETP — Deux agents à mi-temps" in text
    assert "Partenaires Centre technique, Élus de &lt;secteur&gt;" in text
    assert "Financements Budget de fonctionnement" in text
    assert "Résultat réussite partielle" in text
    assert "Thèmes Délais et réactivité" in text and "Approche Mesurer et afficher" in text
    # The card comes before the body, and lists what the sheet still lacks.
    assert page.index("## Fiche d'identité") < page.index("## Contexte")
    missing = _text(card[card.index("rex-missing") :])
    assert "À compléter" in missing
    assert "section « Objectifs »" in missing and "financements" not in missing
    assert "budget" not in missing and "date de début" not in missing


def test_a_bare_rex_lists_everything_still_to_fill_in(minimal_corpus: Path) -> None:
    card = _section(_pages(minimal_corpus)["rex/grille-voirie-2024.md"], "Fiche d'identité")
    assert "Territoire" not in card and "Période" not in card and "Budget" not in card
    missing = re.findall(r"<li>([^<]+)</li>", card[card.index("rex-missing-list") :])
    assert "budget" in missing and "date de début" in missing and "partenaires" in missing
    assert "section « Contexte »" not in missing  # the body has one
    assert re.search(r"\(\d+\u202f% renseigné\)", card)


def test_a_complete_rex_has_nothing_to_fill_in() -> None:
    pages = {p.src: p.markdown for p in generate(rex.load(SAMPLE)).pages}
    card = _section(pages["rex/pesee-restaurant-tanneries-2023.md"], "Fiche d'identité")
    assert "À compléter" not in card and "Ville de Castelbrune (commune" in card


def test_documents_are_plain_links_that_cannot_reach_back(corpus_dir: Path) -> None:
    docs = _section(_pages(corpus_dir)["rex/nids-de-poule-2025.md"], "Pour aller plus loin")
    links = re.findall(r'<a href="([^"]*)" rel="noopener">([^<]*)</a>', docs)
    assert links == [
        ("https://www.example.fr/deliberation.pdf", "Délibération &lt;du 12 mai&gt;"),
        # a record file becomes its page; another file stays relative to the record's file
        ("../../practices/priorisation-des-demandes/", "La pratique de référence"),
        ("../annexes/bilan.pdf#page=2", "Le bilan"),  # rex/annexes/, from rex/<id>/
    ]


def test_practice_pages_show_vocabulary_labels(write_tree: WriteTree) -> None:
    practice = str(MINIMAL["practices/priorisation-des-demandes.md"]).replace(
        "review_by:", "themes: [delais]\n        approach: mesure-et-affichage\n        review_by:"
    )
    root = write_tree(
        MINIMAL | {"practices/priorisation-des-demandes.md": practice, "vocabulary.yml": VOCABULARY}
    )
    page = _pages(root)["practices/priorisation-des-demandes.md"]
    assert "<dt>Thèmes</dt><dd>Délais et réactivité</dd>" in page
    assert "<dt>Approche</dt><dd>Mesurer et afficher</dd>" in page
    assert "Pour aller plus loin" not in page  # no links, no section


def test_supersedes_banners_link_both_ways(corpus_dir: Path) -> None:
    pages = _pages(corpus_dir)
    old = pages["rex/grille-voirie-2024.md"]
    banner = old[old.index("rex-superseded") : old.index("</div>", old.index("rex-superseded"))]
    assert "Fiche remplacée" in banner and "Remplacée par" in banner
    newer = '<a href="../nids-de-poule-2025/">Une nouvelle grille pour les nids-de-poule</a>'
    assert newer in banner
    assert old.index("rex-superseded") < old.index('aria-label="Informations"')
    new = pages["rex/nids-de-poule-2025.md"]
    assert "rex-replaces" in new and "Remplace :" in new
    assert '<a href="../grille-voirie-2024/">Une grille de priorités pour la voirie</a>' in new
    assert "rex-superseded" not in new and "rex-replaces" not in old
    assert "rex-superseded" not in pages["practices/priorisation-des-demandes.md"]


def test_see_also_lists_similar_practices_and_rex_with_a_reason(corpus_dir: Path) -> None:
    pages = _pages(corpus_dir)
    see = _section(pages["rex/nids-de-poule-2025.md"], "À voir aussi")
    items = re.findall(r'<p class="rex-see-also__title"><a href="([^"]+)">', see)
    assert items[:2] == ["../grille-voirie-2024/", "../../practices/priorisation-des-demandes/"]
    assert len(items) <= 5
    assert "services Voirie" in see and "lien direct" in see
    assert "Retour d&#x27;expérience · " in see and "Bonne pratique · " in see
    # Services and indicators are not suggested: they are in the information box.
    assert "../../services/" not in see and "../../indicators/" not in see
    practice = pages["practices/priorisation-des-demandes.md"]
    assert "## À voir aussi" in practice and "../../rex/nids-de-poule-2025/" in practice


def test_the_similarity_index_is_built_once_per_site(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    build = SimilarityIndex.build

    def counting(corpus: rex.Corpus) -> SimilarityIndex:
        calls.append(len(corpus))
        return build(corpus)

    monkeypatch.setattr(SimilarityIndex, "build", staticmethod(counting))
    _pages(corpus_dir)
    assert len(calls) == 1


def test_a_public_site_never_suggests_or_names_an_internal_record(corpus_dir: Path) -> None:
    internal = (corpus_dir / "rex/nids-de-poule-2025.md").read_text(encoding="utf-8")
    (corpus_dir / "rex/nids-de-poule-2025.md").write_text(
        internal.replace("visibility: public", "visibility: internal"), encoding="utf-8"
    )
    internal_pages = _pages(corpus_dir)
    assert "nids-de-poule-2025" in internal_pages["practices/priorisation-des-demandes.md"]
    pages = _pages(corpus_dir, public=True)
    assert "rex/nids-de-poule-2025.md" not in pages
    for src, page in pages.items():
        assert "nids-de-poule" not in page, src
    old = pages["rex/grille-voirie-2024.md"]
    assert "rex-superseded" not in old  # the newer record is internal: no banner
    assert "../../practices/priorisation-des-demandes/" in _section(old, "À voir aussi")
