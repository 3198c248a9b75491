"""Errors: the library says what is wrong; the CLI alone turns each kind into an exit code."""

from __future__ import annotations

import pytest

import rex
from rex.cli.base import exit_code
from rex.errors import RexError, UsageError
from rex.models import parse_kind
from rex.site import check_buildable

from .conftest import MINIMAL, WriteTree


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (UsageError("unknown kind 'x'"), 2),
        (RexError("no such folder"), 1),
        (RexError("unknown git ref 'x'", exit_code=2), 2),  # callers not yet on UsageError
    ],
)
def test_exit_codes_are_chosen_by_the_cli(error: RexError, code: int) -> None:
    assert exit_code(error) == code


def test_usage_errors_are_rex_errors_without_a_code_of_their_own() -> None:
    with pytest.raises(UsageError) as caught:
        parse_kind("procedure")
    assert isinstance(caught.value, rex.RexError) and caught.value.exit_code is None
    assert rex.UsageError is UsageError


def test_the_build_error_policy(write_tree: WriteTree) -> None:
    assert check_buildable(rex.load(write_tree(MINIMAL))) == []
    files = {**MINIMAL, "practices/cassee.md": "---\ntitle: Cassée\nstatus: nope\n---\n"}
    corpus = rex.load(write_tree(files))
    with pytest.raises(RexError) as caught:
        check_buildable(corpus)
    assert "practices/cassee.md:" in caught.value.message and "error[" in caught.value.message
    assert caught.value.hint is not None and "--keep-going" in caught.value.hint
    skipped = check_buildable(corpus, keep_going=True)
    assert len(skipped) == 1 and skipped[0].endswith("practices/cassee.md")
