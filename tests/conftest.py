"""Fixtures every layer's tests share."""

from __future__ import annotations

import os
import shutil
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
    test, nor a test write into them). Child processes inherit the same environment.

    Nor the machine's PYTHONDONTWRITEBYTECODE: the desks, commands and probes the tests start
    as child processes keep the bytecode they compile, as an installed desk does (pip compiles
    it), instead of each compiling the app and the tests again (60-80 ms of CPU per child, for
    about 80 children in a run). The bench's probes run without it for the same reason."""
    for name in list(os.environ):
        if name.startswith(MACHINE_SETTINGS):
            monkeypatch.delenv(name)
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    monkeypatch.setenv("HOME", str(home))
    for name in USER_DIRS:
        monkeypatch.setenv(name, str(home / name.lower()))


@pytest.fixture(autouse=True)
def away_from_this_machine(tmp_path_factory: pytest.TempPathFactory,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs as a user with no settings and a home of its own; a fixture shared
    by several tests sets itself up the same way with `as_a_user_of_its_own`."""
    as_a_user_of_its_own(monkeypatch, tmp_path_factory.mktemp("home"))


class NewCaches:
    """New caches as `Store.open` makes them, one for each API a cache mirrors (None: none
    recorded), each made once per worker process and then copied.

    Making a cache runs its whole schema (7 ms of CPU) and syncs the file to the disk several
    times (30-40 ms of wall time), and hundreds of tests start from an empty one. A copy is a
    real SQLite file that the store opens as it opens any cache of this version;
    tests/store/test_cascades.py checks the making of a new one."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._made: dict[str | None, Path] = {}

    def empty(self, mirrors: str | None = None) -> Path:
        """The closed file of a new cache for `mirrors`."""
        if mirrors not in self._made:
            made = self._folder / f"{len(self._made)}.sqlite3"
            Store.open(made, mirrors=mirrors).close()
            self._made[mirrors] = made
        return self._made[mirrors]

    def copy_to(self, path: Path, mirrors: str | None = None) -> Path:
        shutil.copyfile(self.empty(mirrors), path)
        return path


@pytest.fixture(scope="session")
def new_caches(tmp_path_factory: pytest.TempPathFactory) -> NewCaches:
    return NewCaches(tmp_path_factory.mktemp("new-caches"))


@pytest.fixture
def store(tmp_path: Path, new_caches: NewCaches) -> Iterator[Store]:
    """An empty cache in a real SQLite file (a copy of a new one, see NewCaches)."""
    opened = Store.open(new_caches.copy_to(tmp_path / "cache.sqlite3"))
    yield opened
    opened.close()
