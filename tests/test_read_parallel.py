"""A large corpus read on two cores gives what one process reading it gives."""

from __future__ import annotations

from pathlib import Path

import pytest

import rex
from rex import read_parallel
from rex.loader import discover
from rex.validate import FileResult, read_file
from tests.conftest import SAMPLE


def _files(root: Path) -> list[object]:
    sources, _ = discover(root)
    return sources


def test_files_read_by_two_processes_are_those_one_process_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sources = _files(SAMPLE)
    alone = [read_file(source) for source in sources]
    monkeypatch.setattr(read_parallel, "PARALLEL_FROM", 2)
    # Other tests may leave a server's thread behind, which forbids the fork.
    monkeypatch.setattr(read_parallel, "_may_fork", lambda: True)
    forked: list[int] = []
    fork = read_parallel.os.fork

    def counted() -> int:
        forked.append(1)
        return fork()

    monkeypatch.setattr(read_parallel.os, "fork", counted)
    together = read_parallel.read_files(sources)
    assert forked == [1]
    assert [_seen(r) for r in together] == [_seen(r) for r in alone]


def _seen(result: FileResult) -> tuple[object, ...]:
    parsed = result.parsed
    where = (parsed.data, parsed.body, parsed.body_line) if parsed is not None else None
    return (result.source, result.record, result.diagnostics, where)


def test_a_failing_forked_process_leaves_its_half_to_this_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(read_parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(read_parallel, "_may_fork", lambda: True)
    alone = rex.load(SAMPLE)

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("the forked process fails")

    monkeypatch.setattr(read_parallel.pickle, "dumps", broken)
    again = rex.load(SAMPLE)
    assert [r.id for r in again] == [r.id for r in alone]
    assert again.report.to_dict() == alone.report.to_dict()


def test_no_fork_while_another_thread_runs() -> None:
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not read_parallel._may_fork()
    finally:
        stop.set()
        other.join()
