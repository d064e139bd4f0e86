"""A real SQLite cache file in a temporary folder, filled with a small known company."""

from __future__ import annotations

import pytest

from app.store import Store
from tests.ui.candidates.world import fill


@pytest.fixture
def filled(store: Store) -> Store:
    fill(store)
    return store
