"""Fixtures every layer's tests share."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import Store
from tests.textual_hooks import quicken_the_pilot, share_parsed_css, steady_the_cursors

quicken_the_pilot()
share_parsed_css()
steady_the_cursors()

MACHINE_SETTINGS = ("INSTAVIEW_", "INTERVIEW_DESK_")
USER_DIRS = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def as_a_user_of_its_own(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """None of this machine's INSTAVIEW_* or INTERVIEW_DESK_* variables, and `home` with
    config, data and cache dirs in it (so a real key or config file here can never steer a
    test, nor a test write into them). Child processes inherit the same environment."""
    for name in list(os.environ):
        if name.startswith(MACHINE_SETTINGS):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(home))
    for name in USER_DIRS:
        monkeypatch.setenv(name, str(home / name.lower()))


@pytest.fixture(autouse=True)
def away_from_this_machine(tmp_path_factory: pytest.TempPathFactory,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs as a user with no settings and a home of its own; a fixture shared
    by several tests sets itself up the same way with `as_a_user_of_its_own`."""
    as_a_user_of_its_own(monkeypatch, tmp_path_factory.mktemp("home"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty cache in a real SQLite file."""
    opened = Store.open(tmp_path / "cache.sqlite3")
    yield opened
    opened.close()
