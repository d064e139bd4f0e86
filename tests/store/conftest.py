"""A real SQLite cache file in a temporary folder, filled with a small known company."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import Store
from tests.ui.candidates.world import fill


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "cache.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def filled(store: Store) -> Store:
    fill(store)
    return store
