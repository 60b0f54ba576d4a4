"""Fixtures of the window tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from register_support import fill

from verkosto_desktop.data.store import Store


@pytest.fixture
def known(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A file holding the register tests' known register, and its actors' ids by name."""
    path = tmp_path / "register.verkosto"
    with Store.open(path) as store:
        ids = fill(store)
    return path, ids
