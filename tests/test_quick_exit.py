"""The console script ends the process without freeing what a command held (`quick_exit`)."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from pathlib import Path

from rex.cli import quick_exit
from rex.gc_pause import collector_frozen

SCRIPT = """
import atexit, sys
from rex.cli import quick_exit

atexit.register(lambda: print("exit handler ran"))

def main(argv):
    print("command output", end="")  # buffered: lost unless flushed before leaving
    if "--hold" in argv:
        quick_exit.hold([object()] * 10)
    if "--message" in argv:
        raise SystemExit("failed: a message")
    raise SystemExit(int(argv[0]))

quick_exit.run(main, sys.argv[1:])
"""


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "entry.py"
    script.write_text(textwrap.dedent(SCRIPT))
    return subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, check=False
    )


def test_a_command_that_held_its_objects_keeps_its_output_exit_handlers_and_code(
    tmp_path: Path,
) -> None:
    done = _run(tmp_path, "3", "--hold")
    assert done.returncode == 3
    assert done.stdout == "command outputexit handler ran\n"


def test_a_message_given_on_exit_is_shown_with_code_1(tmp_path: Path) -> None:
    done = _run(tmp_path, "0", "--hold", "--message")
    assert done.returncode == 1
    assert "failed: a message" in done.stderr


def test_without_held_objects_the_process_ends_as_usual(tmp_path: Path) -> None:
    done = _run(tmp_path, "2")
    assert done.returncode == 2
    assert done.stdout == "command outputexit handler ran\n"


def test_hold_keeps_nothing_in_a_process_that_did_not_start_from_the_console_script() -> None:
    quick_exit.hold(object())
    assert quick_exit._HELD == []


def test_the_collector_leaves_what_was_alive_before_the_block_alone_inside_it() -> None:
    before = gc.get_freeze_count()
    alive = [[] for _ in range(100)]
    with collector_frozen():
        assert gc.get_freeze_count() >= before + len(alive)
    assert gc.get_freeze_count() == 0
