"""Other `interview-desk` processes beside an open desk, on the same data dir: `export`,
`sync --full` and a second desk. None may take the desk's write-ahead log away from under it
(issue 17: a read-ahead that opened and closed the cache file in the desk's process dropped
SQLite's locks, so the next process to close believed it was the last and deleted the log),
and the desk keeps working on a whole cache."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.caches import cache_of

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(),
                                reason="reads /proc/<pid>/fd (Linux)")


def environment(data: Path, config: Path) -> dict[str, str]:
    values = {key: value for key, value in os.environ.items()
              if key not in ("INSTAVIEW_API_KEY", "INSTAVIEW_API_URL")}
    return {**values, "PYTHONPATH": str(ROOT), "INTERVIEW_DESK_DATA_DIR": str(data),
            "INTERVIEW_DESK_CONFIG": str(config)}


class Desk:
    """`tests/process/desk_open.py` running in a process of its own."""

    def __init__(self, data: Path, config: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.process.desk_open", str(data), str(config)],
            cwd=ROOT, env=environment(data, config), text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.pid = int(self.answer("READY").split()[1])

    def answer(self, expected: str) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.startswith(expected):
            self.process.kill()
            _, errors = self.process.communicate(timeout=10)
            raise AssertionError(f"the desk said {line!r}, expected {expected}:\n{errors[-3000:]}")
        return line

    def tell(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def deleted_files(self) -> list[str]:
        """The files this process holds open that no longer have a name."""
        fd_dir = Path(f"/proc/{self.pid}/fd")
        names = []
        for fd in fd_dir.iterdir():
            try:
                names.append(os.readlink(fd))
            except OSError:  # closed while we looked
                continue
        return [name for name in names if name.endswith("(deleted)")]

    def quit(self) -> None:
        self.tell("quit")
        self.process.wait(30)


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "data", tmp_path / "none.toml"


@pytest.fixture
def desk(places: tuple[Path, Path]) -> Iterator[Desk]:
    opened = Desk(*places)
    yield opened
    if opened.process.poll() is None:
        opened.process.kill()
        opened.process.wait(10)


def command(places: tuple[Path, Path], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *arguments], cwd=ROOT,
                          env=environment(*places), capture_output=True, text=True, timeout=120)


def test_export_sync_and_a_second_desk_leave_the_open_desks_log_alone(
        desk: Desk, places: tuple[Path, Path]) -> None:
    data, _ = places
    assert desk.deleted_files() == []

    exported = command(places, "export", "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.count("\n") > 1  # the header and the synced candidates
    assert desk.deleted_files() == []

    synced = command(places, "sync", "--full")
    assert synced.returncode == 0, synced.stderr
    assert desk.deleted_files() == []

    second = Desk(*places)
    second.quit()
    assert desk.deleted_files() == []

    desk.tell("refresh")
    count, check = desk.answer("OK").split()[1:]
    assert int(count) > 0 and check == "ok"
    assert desk.deleted_files() == []
    desk.quit()

    connection = sqlite3.connect(cache_of(data))
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()
