"""Fixtures of the window tests."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from register_support import fill

from verkosto_desktop.data.storage.store import Store


@pytest.fixture
def known(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A file holding the register tests' known register, and its actors' ids by name."""
    path = tmp_path / "register.verkosto"
    with Store.open(path) as store:
        ids = fill(store)
    return path, ids


@pytest.fixture(autouse=True)
def collect_widgets_on_the_ui_thread() -> Iterator[None]:
    """Free a finished test's windows (Python wrappers in reference cycles) here, on the UI
    thread. Left to the cycle collector, they may be freed whenever it next runs, which can be
    on a job's worker thread in the next test, and a widget destroyed off the UI thread crashes
    the process (seen once as a segmentation fault in a full run)."""
    yield
    gc.collect()
