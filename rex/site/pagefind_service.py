"""The Pagefind binary's service mode, spoken directly (`rex.site.pagefind` feeds it).

The binary ships in the ``pagefind_bin`` wheel, found through the ``pagefind`` package; it runs
as a subprocess and nothing is downloaded at build or at run time.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import RexError


class PagefindError(RexError):
    """The Pagefind indexer failed or could not be started."""


class Service:
    """The Pagefind binary's service mode (``pagefind --service``), spoken directly.

    The ``pagefind`` Python package speaks the same protocol but waits 0.1 s before reading
    each answer, which costs 0.1 s per record: 8 minutes for 5,000 records. Messages are
    base64 JSON ended by a comma, answered in any order with their ``message_id``.
    """

    def __init__(self, chunk: int | None = None) -> None:
        self._chunk = chunk
        self._next = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._ready = threading.Condition()
        self._closed = False

    def __enter__(self) -> Service:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise PagefindError(
                "the Pagefind indexer is not installed", hint="pip install 'pagefind[bin]'"
            )
        env = dict(os.environ)
        if self._chunk:
            env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(self._chunk)
        self._process = subprocess.Popen(
            [str(binary), "--service"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=5)
        if self._process.stdout is not None:
            self._process.stdout.close()

    def _read(self) -> None:
        stdout = self._process.stdout
        assert isinstance(stdout, io.BufferedReader)
        buffer = b""
        while chunk := stdout.read1(1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            answers = [json.loads(base64.b64decode(m)) for m in messages if m]
            with self._ready:
                for answer in answers:
                    self._answers[answer.get("message_id") or 0] = answer["payload"]
                self._ready.notify_all()
        with self._ready:
            self._closed = True
            self._ready.notify_all()

    def _send(self, payload: Mapping[str, Any]) -> int:
        assert self._process.stdin is not None
        self._next += 1
        message = {"message_id": self._next, "payload": payload}
        self._process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
        return self._next

    def _wait(self, ids: Iterable[int]) -> list[dict[str, Any]]:
        found = []
        with self._ready:
            for message_id in ids:
                while message_id not in self._answers:
                    if self._closed:
                        raise PagefindError("the Pagefind indexer stopped unexpectedly")
                    self._ready.wait(timeout=60)
                found.append(self._answers.pop(message_id))
        for answer in found:
            if answer.get("type") == "Error":
                raise PagefindError(f"Pagefind: {answer.get('message')}")
        return found

    def call(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """Send one request and wait for its answer."""
        message_id = self._send(payload)
        assert self._process.stdin is not None
        self._process.stdin.flush()
        return self._wait([message_id])[0]

    def call_all(self, payloads: Iterable[Mapping[str, Any]]) -> None:
        """Send every request, then wait for all the answers (read meanwhile by a thread)."""
        ids = [self._send(p) for p in payloads]
        assert self._process.stdin is not None
        self._process.stdin.flush()
        self._wait(ids)
