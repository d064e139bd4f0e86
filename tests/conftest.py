"""Fixtures every layer's tests share."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import Store
from tests.pilot_pace import quicken_the_pilot

quicken_the_pilot()

MACHINE_SETTINGS = ("INSTAVIEW_", "INTERVIEW_DESK_")
USER_DIRS = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


@pytest.fixture(autouse=True)
def away_from_this_machine(tmp_path_factory: pytest.TempPathFactory,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs as a user with no settings: none of this machine's INSTAVIEW_* or
    INTERVIEW_DESK_* variables, and a home and config, data and cache dirs of its own (so a
    real key or config file here can never steer a test, nor a test write into them). Child
    processes inherit the same environment."""
    for name in list(os.environ):
        if name.startswith(MACHINE_SETTINGS):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in USER_DIRS:
        monkeypatch.setenv(name, str(home / name.lower()))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty cache in a real SQLite file."""
    opened = Store.open(tmp_path / "cache.sqlite3")
    yield opened
    opened.close()
