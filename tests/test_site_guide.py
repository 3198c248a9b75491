"""The contributor guide ("Contribuer"): generated from the models, so no key is forgotten."""

from __future__ import annotations

import html
import re
from enum import StrEnum
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel, ConfigDict, Field

import rex
from rex.codes import CODES
from rex.models import Kind, KindSpec, Meta, RecordBase, registered
from rex.scaffold import render_template
from rex.site import generate, public_corpus
from tests.conftest import MINIMAL, WriteTree

GUIDE = "contribuer.md"


def _guide(corpus: rex.Corpus) -> str:
    site = generate(corpus)
    assert ("Contribuer", GUIDE) in site.nav
    return next(p for p in site.pages if p.src == GUIDE).markdown


def _table(page: str, caption: str) -> str:
    """The HTML of the table with this caption."""
    match = re.search(
        rf"<table[^>]*><caption>{re.escape(html.escape(caption))}</caption>(.*?)</table>",
        page,
        re.S,
    )
    assert match, f"no table {caption!r}"
    return match.group(1)


def _row_keys(table: str) -> set[str]:
    return set(re.findall(r'<th scope="row"><code>([^<]+)</code></th>', table))


def _nested(annotation: Any) -> type[BaseModel] | None:
    """The model behind ``X``, ``X | None`` or ``list[X]``, read independently of the guide."""
    for arg in (annotation, *get_args(annotation)):
        if get_origin(arg) is list:
            arg = get_args(arg)[0]
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _expected_keys(model: type[BaseModel], prefix: str = "") -> set[str]:
    keys = set()
    for name, info in model.model_fields.items():
        key = prefix + (info.alias or name)
        keys.add(key)
        inner = _nested(info.annotation)
        if inner is not None:
            is_list = get_origin(info.annotation) is list
            keys |= _expected_keys(inner, key + ("[]." if is_list else "."))
    return keys


def test_every_key_of_every_kind_is_on_the_guide(minimal_corpus: Path) -> None:
    page = _guide(rex.load(minimal_corpus))
    common = _row_keys(_table(page, "Clés de toutes les fiches"))
    assert common == set(Meta.model_fields) == {"title", "tags", "visibility", "extra"}
    assert len(list(Kind)) >= 6
    for kind in Kind:
        expected = _expected_keys(kind.spec.meta) - common
        shown = _row_keys(_table(page, f"Clés : {kind.spec.label}"))
        assert expected <= shown, (kind, expected - shown)
        assert shown <= expected | common
    assert "measures[].indicator" in _row_keys(_table(page, "Clés : Retour d'expérience"))
    assert "budget.amount" in _row_keys(_table(page, "Clés : Retour d'expérience"))
    assert "links[].url" in _row_keys(_table(page, "Clés : Bonne pratique"))


def test_a_row_says_required_type_values_labels_and_description(minimal_corpus: Path) -> None:
    page = _guide(rex.load(minimal_corpus))
    practice = _table(page, "Clés : Bonne pratique")
    status = re.search(r"<code>status</code></th>(.*?)</tr>", practice, re.S)
    assert status is not None
    cells = re.findall(r"<td>(.*?)</td>", status.group(1), re.S)
    assert cells[0] == "oui"
    assert cells[1] == "une des valeurs permises"
    assert "<code>validated</code> (validée)" in cells[2]
    assert "<code>draft</code> (brouillon)" in cells[2]
    assert cells[3] == (
        "brouillon (draft), proposée (proposed), validée (validated) ou retirée (retired)."
    )
    services = re.search(r"<code>services</code></th>(.*?)</tr>", practice, re.S)
    assert services is not None
    assert "liste d&#x27;identifiants de fiches « service » (au moins 1)" in services.group(1)
    territory = _table(page, "Clés : Territoire")
    assert "<code>intercommunalite</code> (intercommunalité)" in territory
    assert "nombre entier (≥ 0)" in territory
    rex_table = _table(page, "Clés : Retour d'expérience")
    assert "date (AAAA-MM-JJ)" in rex_table and "oui ou non (true ou false)" in rex_table


def test_examples_are_the_rex_new_templates_and_commands_are_listed(
    minimal_corpus: Path,
) -> None:
    corpus = rex.load(minimal_corpus)
    page = _guide(corpus)
    existing = {kind: sorted(r.id for r in corpus.records(kind)) for kind in Kind}
    for kind in Kind:
        assert f"rex new {kind.singular} identifiant" in page
        template = render_template(kind, f"exemple-{kind.singular}", existing=existing)
        assert html.escape(template) in page
    # The practice template, with the ids of the corpus it is built from.
    assert "review_by: " in page and "## Mise en œuvre" in page
    assert "services: [voirie]" in page
    assert "<pre><code>---\n# Bonne pratique" in page


def test_every_registered_code_is_explained(minimal_corpus: Path) -> None:
    table = _table(_guide(rex.load(minimal_corpus)), "Codes des erreurs et avertissements")
    rows = re.findall(
        r'<th scope="row"><code>([^<]+)</code></th><td>([^<]+)</td><td>([^<]+)</td>', table
    )
    assert {code for code, _, _ in rows} == set(CODES)
    by_code = {code: (severity, area) for code, severity, area in rows}
    assert by_code["unknown-link"] == ("erreur", "fiches")
    assert by_code["legacy-encoding"] == ("avertissement", "résultats")
    assert "une clé que ce type de fiche n&#x27;a pas (avec une suggestion)" in table


def _descriptions(model: type[BaseModel]) -> set[str]:
    """Every Field description of ``model`` and of the groups of keys it holds."""
    found = {info.description for info in model.model_fields.values() if info.description}
    for info in model.model_fields.values():
        inner = _nested(info.annotation)
        if inner is not None:
            found |= _descriptions(inner)
    return found


def test_descriptions_and_codes_are_in_french_and_never_in_english(
    minimal_corpus: Path,
) -> None:
    page = _guide(rex.load(minimal_corpus))
    # A few known keys and codes, in the French of the catalogue.
    assert "Titre affiché sur le site et dans les résultats de recherche" in page
    assert "Identifiants des services concernés (au moins un)." in page
    assert "Montant en euros (0 ou plus)." in page
    assert "Ce que mesure l&#x27;indicateur." in page
    assert "une clé obligatoire manque" in page
    assert "un lien vers un identifiant qui n&#x27;existe pas (avec une suggestion)" in page
    # No key's English description, no code's English meaning, verbatim or escaped.
    english = {d for kind in Kind for d in _descriptions(kind.spec.meta)}
    english |= {info.description for info in CODES.values()}
    assert len(english) > 100
    # Those the two languages write alike (a list of values, YAML keys) prove nothing.
    english -= {
        "{amount, currency: EUR, note}.",
        "commune, intercommunalite, departement, region, etat, etablissement or autre.",
    }
    shown = [text for text in english if text in page or html.escape(text) in page]
    assert not shown, shown


class Size(StrEnum):
    """A toy enumeration without French labels."""

    SMALL = "small"
    LARGE = "large"


class Slot(BaseModel):
    """One slot of a toy event."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    start: str = Field(description="Début <du créneau>.")


class FairMeta(Meta):
    """A toy kind."""

    model_config = ConfigDict(title="rex fair", extra="forbid", frozen=True)
    size: Size = Field(description="Taille.")
    slots: list[Slot] = Field(default_factory=list, description="Créneaux.")


class Fair(FairMeta, RecordBase):
    """A fair."""


def test_a_kind_registered_later_is_on_the_guide_with_its_keys(minimal_corpus: Path) -> None:
    spec = KindSpec(
        name="fairs", singular="fair", label="Foire", plural="Foires", meta=FairMeta, record=Fair
    )
    with registered(spec):
        page = _guide(rex.load(minimal_corpus))
        keys = _row_keys(_table(page, "Clés : Foire"))
    assert keys == {"size", "slots", "slots[].start"}
    assert "<code>small</code>, <code>large</code>" in page
    assert "Début &lt;du créneau&gt;." in page  # a description is text, escaped
    assert "rex new fair identifiant" in page
    assert "Foire" not in _guide(rex.load(minimal_corpus))


def test_a_public_site_keeps_the_guide_without_internal_ids(write_tree: WriteTree) -> None:
    files = dict(MINIMAL)
    files["services/cabinet-du-maire.md"] = "---\ntitle: Cabinet du maire\n---\n"
    files["services/voirie.md"] = "---\ntitle: Voirie\nvisibility: public\n---\n"
    corpus = rex.load(write_tree(files))
    assert corpus.report.valid, corpus.report
    assert "cabinet-du-maire" in _guide(corpus)
    public = _guide(public_corpus(corpus))
    assert "cabinet-du-maire" not in public
    assert "Existants : voirie" in public


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_guide_page_is_searchable(minimal_corpus: Path, directory_urls: bool) -> None:
    site = generate(rex.load(minimal_corpus), directory_urls=directory_urls)
    guide = next(p for p in site.pages if p.src == GUIDE)
    assert guide.search is not None and "rex new" in guide.search.text
