"""`rex similar ID [CONTENT]` and `rex new --title`'s list of records that may already exist."""

from __future__ import annotations

import json
from pathlib import Path

import rex
from rex.similar import similar

from .conftest import SAMPLE, Invoke

TANNERIES = "pesee-restaurant-tanneries-2023"


def test_text_lists_similar_records_with_their_reasons(invoke: Invoke) -> None:
    result = invoke("similar", TANNERIES, SAMPLE, "--limit", "3")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        lines[0]
        == f"similar to 'Pesées des restes au restaurant scolaire des Tanneries' [{TANNERIES}]"
    )
    ranks = [line for line in lines if line[:3] in (" 1.", " 2.", " 3.", " 4.")]
    assert len(ranks) == 3
    assert "[practice: pesee-dechets-alimentaires]" in ranks[0]
    assert "    practices/pesee-dechets-alimentaires.md" in lines
    assert any(line.startswith("    linked; services: restauration-scolaire") for line in lines)


def test_json_equals_the_library_result(invoke: Invoke) -> None:
    result = invoke("similar", TANNERIES, SAMPLE, "--format", "json", "--limit", "4")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    expected = [s.to_dict() for s in similar(rex.load(SAMPLE), TANNERIES, 4)]
    assert data["similar"] == expected and len(expected) == 4
    assert data["record"] == {
        "kind": "rex",
        "id": TANNERIES,
        "title": "Pesées des restes au restaurant scolaire des Tanneries",
        "path": f"rex/{TANNERIES}.md",
    }


def test_limit_zero_and_a_kind(invoke: Invoke) -> None:
    result = invoke("similar", TANNERIES, SAMPLE, "--limit", "0", "--kind", "rex")
    assert result.exit_code == 0 and "no similar record" in result.output


def test_an_unknown_id_is_a_usage_error_with_a_suggestion(invoke: Invoke) -> None:
    result = invoke("similar", "pesee-restaurant-tanneries", SAMPLE)
    assert result.exit_code == 2
    assert "no record with id 'pesee-restaurant-tanneries'" in result.stderr
    assert f"did you mean '{TANNERIES}'?" in result.stderr
    wrong_kind = invoke("similar", TANNERIES, SAMPLE, "--kind", "practice")
    assert wrong_kind.exit_code == 2 and "no practice with id" in wrong_kind.stderr


def test_new_lists_the_records_that_may_already_exist(invoke: Invoke, tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    title = "Peser les restes à la cantine pour ajuster les portions"
    result = invoke("new", "practice", "pesee-cantine", content, "--title", title)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Existing practices close to this title: does it exist already?"
    assert lines[1].startswith(
        "  pesee-dechets-alimentaires: Peser les restes alimentaires et ajuster les quantités"
    )
    assert lines[-1].startswith("Created ")  # suggestions come before the file is written
    assert (content / "practices/pesee-cantine.md").is_file()
    # A title nothing resembles lists nothing.
    other = invoke("new", "practice", "autre", content, "--title", "Vélos électriques partagés")
    assert other.exit_code == 0 and "Existing" not in other.stdout
    # Records of other kinds are not suggested for a REX.
    rex_new = invoke("new", "rex", "pesee-2026", content, "--title", title)
    assert "pesee-dechets-alimentaires" not in rex_new.stdout
