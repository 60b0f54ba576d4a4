"""What the reliability tests share: worker processes that really crash, fill disks and lose
files, and a tally of what was done (printed at the end of the run by ``conftest.py``)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import IO, Any

WORKERS = Path(__file__).resolve().parent / "workers"
TALLY: Counter[str] = Counter()


def tally(what: str, count: int = 1) -> None:
    """Count something the reliability tests really did (printed in the summary)."""
    TALLY[what] += count


class Worker:
    """A worker script run in a child process, speaking JSON lines on stdin/stdout."""

    def __init__(
        self,
        script: str,
        *args: str,
        env: dict[str, str] | None = None,
        prefix: list[str] | None = None,
    ) -> None:
        self.process = subprocess.Popen(
            [*(prefix or []), sys.executable, str(WORKERS / script), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
        )

    @property
    def stdout(self) -> IO[str]:
        assert self.process.stdout is not None
        return self.process.stdout

    def send(self, **request: Any) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()

    def receive(self) -> dict[str, Any]:
        line = self.stdout.readline()
        if not line:
            self.process.wait(timeout=30)
            stderr = self.process.stderr.read() if self.process.stderr else ""
            raise AssertionError(f"worker ended ({self.process.returncode}): {stderr}")
        return json.loads(line)

    def drain(self) -> list[dict[str, Any]]:
        """What the worker said that was not read yet, up to its end (call it once the process
        has ended, e.g. after a SIGKILL): tells how far the work had come when it was killed."""
        heard = []
        while line := self.stdout.readline():
            heard.append(json.loads(line))
        return heard

    def ask(self, **request: Any) -> dict[str, Any]:
        """Send a request and return its answer; a worker-side error fails the test."""
        self.send(**request)
        answer = self.receive()
        if "crash" in answer:
            raise AssertionError(f"worker failed: {answer['crash']}")
        return answer

    def close(self) -> None:
        if self.process.poll() is None:
            if self.process.stdin:
                self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            if stream:
                stream.close()


def integrity(path: Path) -> str:
    """SQLite's ``integrity_check`` of the file, as the program would see it after a crash."""
    # mode=rw: a missing file must fail here, not be created empty (and pass).
    connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    return "; ".join(r[0] for r in rows)
