"""Fixtures of the reliability tests; the helpers are in ``reliability_harness``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from reliability_harness import TALLY, Worker


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TALLY:
        terminalreporter.section("reliability")
        for what, count in sorted(TALLY.items()):
            terminalreporter.write_line(f"{what}: {count}")


@pytest.fixture
def worker() -> Iterator[Callable[..., Worker]]:
    """Start workers (``worker("script.py", args…)``); all are ended after the test."""
    started: list[Worker] = []

    def start(
        script: str, *args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None
    ) -> Worker:
        started.append(Worker(script, *args, env=env, prefix=prefix))
        return started[-1]

    yield start
    for w in started:
        w.close()
