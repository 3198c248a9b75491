"""Issue 9's validation gaps: what used to be lost silently or accepted against the README."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import rex
from rex.frontmatter import parse
from rex.reserved import is_reserved, page_name
from rex.site.html import slugify as site_slugify
from rex.slug import bare_slug, slugify

from .conftest import MINIMAL, WriteTree

TODAY = dt.date(2026, 1, 1)


def codes(root: Path) -> list[tuple[str, int, str]]:
    corpus = rex.load(root, today=TODAY)
    return [(Path(d.path).name, d.line, d.code) for d in corpus.report]


@pytest.mark.parametrize(
    ("name", "reserved"),
    [
        ("index", True),
        ("rows", True),
        ("page-2", True),
        ("page-100", True),
        (page_name(7), True),
        ("page", False),
        ("page-deux", False),
        ("indexation", False),
        ("rows-2024", False),
    ],
)
def test_reserved_names(name: str, reserved: bool) -> None:
    assert is_reserved(name) is reserved


def test_slug_lives_outside_the_site_and_the_site_uses_it() -> None:
    assert site_slugify is slugify
    assert slugify("Éclairage public") == "eclairage-public"
    assert bare_slug("..") == "" and slugify("..") == "x"
    assert bare_slug("Gaspillage") == bare_slug("gaspillagé") == "gaspillage"


def test_reserved_id_keeps_the_record_out(write_tree: WriteTree) -> None:
    root = write_tree(MINIMAL | {"services/sous/rows.md": "---\ntitle: Lignes\n---\n"})
    corpus = rex.load(root, today=TODAY)
    assert [(d.code, d.line) for d in corpus.report] == [("reserved-id", 1)]
    assert "rows" not in corpus.services
    (diagnostic,) = corpus.report
    assert diagnostic.hint and "rename" in diagnostic.hint


def test_tag_collision_names_both_spellings_and_files(write_tree: WriteTree) -> None:
    root = write_tree(
        MINIMAL
        | {
            "services/a-eau.md": "---\ntitle: Eau\ntags: [Gaspillage]\n---\n",
            "services/b-dechets.md": "---\ntitle: Déchets\ntags: [gaspillagé, Gaspillage]\n---\n",
        }
    )
    corpus = rex.load(root, today=TODAY)
    (warning,) = corpus.report
    assert (warning.code, warning.severity, warning.line) == ("tag-collision", "warning", 3)
    assert warning.path.endswith("b-dechets.md")
    assert "'gaspillagé'" in warning.message and "'Gaspillage'" in warning.message
    assert "a-eau.md:3" in warning.message
    assert len(corpus.services) == 3  # a warning keeps the records


def test_long_tag_is_refused(write_tree: WriteTree) -> None:
    ok = "a" * 80
    root = write_tree(
        MINIMAL | {"services/longue.md": f"---\ntitle: Longue\ntags: [{ok}, {ok}b]\n---\n"}
    )
    assert codes(root) == [("longue.md", 3, "invalid-value")]


MEASURE = """\
    ---
    title: Une mesure
    date: 2024-09-30
    status: validated
    outcome: success
    services: [voirie]
    measures:
      - indicator: delai-moyen-intervention
        before: {before}
        after: 3
    lessons: [Mesurer.]
    ---
    """


@pytest.mark.parametrize(
    "before",
    [".nan", ".NaN", ".inf", "-.inf", "true", "false", "9007199254740993", "1e400", '"nan"'],
)
def test_measure_numbers_must_be_finite_figures(write_tree: WriteTree, before: str) -> None:
    root = write_tree(MINIMAL | {"rex/mesure.md": MEASURE.format(before=before)})
    assert codes(root) == [("mesure.md", 9, "invalid-number")]


@pytest.mark.parametrize("before", ["12", "-2.5", "9007199254740992", "1.5e3", "0"])
def test_measure_numbers_that_are_fine(write_tree: WriteTree, before: str) -> None:
    root = write_tree(MINIMAL | {"rex/mesure.md": MEASURE.format(before=before)})
    assert codes(root) == []
    assert rex.load(root).rex["mesure"].measures[0].before == float(before)


@pytest.mark.parametrize(
    "value", ['"\\e[31m"', '"\\u001b"', '"\\x7f"', '"\\x85"', '"a\\0b"', "'\x1b'", "a\x07b"]
)
def test_control_characters_however_written(value: str) -> None:
    for marks in (False, True):
        result = parse(f"---\ntitle: ok\nowner: {value}\nunit: x\n---\n", marks=marks)
        assert [(p.code, p.position.line) for p in result.problems] == [("control-character", 3)]


def test_tab_and_newlines_are_text() -> None:
    result = parse('---\ntitle: "a\\tb\\nc"\nsummary: |\n  deux\n  lignes\n---\nbody\twith tab\n')
    assert result.problems == []


def test_size_cap_gives_one_diagnostic_and_nothing_after(write_tree: WriteTree) -> None:
    rows = "".join(f"  k{i}: [{','.join(['1'] * 60)}]\n" for i in range(1800))
    text = f"---\ntitle: Trop\nextra:\n{rows}description: ok\nfoo: 1\nparent: 12\n---\n"
    root = write_tree(MINIMAL | {"services/trop.md": text})
    found = codes(root)
    assert len(found) == 1 and found[0][2] == "yaml-unsupported", found
    assert "100000 values" in rex.load(root).report.diagnostics[0].message


def test_alias_expansion_is_one_diagnostic_at_the_anchor() -> None:
    text = "---\ntitle: ok\na: &a [x, x]\nb: [*a, *a]\nc: *a\nunknown: 1\n---\n"
    for marks in (False, True):
        result = parse(text, marks=marks)
        assert [(p.code, p.position.line) for p in result.problems] == [("yaml-unsupported", 3)]
        assert result.data is None


@pytest.mark.parametrize(
    "text", ["tags: !x [a]", "extra: !x {a: 1}", "tags: !!set {a}", "title: !x t"]
)
def test_tags_on_any_node_are_refused(text: str) -> None:
    for marks in (False, True):
        result = parse(f"---\nunit: u\n{text}\n---\n", marks=marks)
        assert [(p.code, p.position.line) for p in result.problems] == [("yaml-unsupported", 3)]


def test_ampersand_and_star_in_text_are_not_anchors() -> None:
    result = parse("---\ntitle: R&D * 2 !\nowner: 'a &b *c'\n---\n")
    assert result.problems == []
    assert result.data == {"title": "R&D * 2 !", "owner": "a &b *c"}
