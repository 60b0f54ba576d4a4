"""This section's data layer runs on a laptop's file and on the regional register alike."""

from __future__ import annotations

import pytest

from verkosto_desktop.data.storage.store import Store


@pytest.fixture
def store(any_store: Store) -> Store:
    """An empty store, once on SQLite and once on PostgreSQL."""
    return any_store
