"""The static checks of ``make lint`` run in the suite too: mypy (strictly below the UI, the UI
without errors; settings in pyproject.toml, cache in .mypy_cache) and vulture (nothing dead in
``src`` at 80 % confidence that packaging/vulture_whitelist.py does not list with a reason)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_mypy_finds_no_errors() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


def test_vulture_finds_nothing_unlisted() -> None:
    result = _run("vulture", "src", "packaging/vulture_whitelist.py", "--min-confidence", "80")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
