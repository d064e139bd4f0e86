"""Fixtures every layer's tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty cache in a real SQLite file."""
    opened = Store.open(tmp_path / "cache.sqlite3")
    yield opened
    opened.close()
