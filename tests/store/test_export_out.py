"""`interview-desk export --out` and special files (issue 20, point 7): a symlink is followed,
a FIFO or a device is written into, a directory is refused in one line, and only a regular file
is replaced (atomically, never half-written)."""

from __future__ import annotations

import json
import os
import stat
import threading
import tty
from pathlib import Path

import pytest

from app.cli import main
from app.domain.models import Candidate
from app.store import Store
from tests.caches import cache_of


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache with three candidates, and no config or key from the machine."""
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(tmp_path / "config.toml"))
    for name in ("INSTAVIEW_API_KEY", "INSTAVIEW_API_URL", "INTERVIEW_DESK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    data.mkdir()
    store = Store.open(cache_of(data))
    with store.transaction():
        store.save_candidates([Candidate(id=f"c{n}", first_name=f"Ann{n}") for n in range(3)])
    store.close()
    return data


def export(data_dir: Path, out: Path) -> int:
    return main(["--data-dir", str(data_dir), "export", "--out", str(out)])


def exported_ids(text: str) -> list[str]:
    return sorted(candidate["id"] for candidate in json.loads(text))


def test_a_regular_file_is_replaced_whole(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old contents")
    before = target.stat().st_ino

    assert export(data_dir, target) == 0

    assert exported_ids(target.read_text()) == ["c0", "c1", "c2"]
    assert target.stat().st_ino != before  # renamed into place, not rewritten in place
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []


def test_a_symlink_is_followed_and_kept(data_dir: Path, tmp_path: Path) -> None:
    real = tmp_path / "exports" / "real.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(real)

    assert export(data_dir, link) == 0

    assert link.is_symlink() and os.readlink(link) == str(real)
    assert exported_ids(real.read_text()) == ["c0", "c1", "c2"]


def test_a_fifo_is_written_into(data_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()

    assert export(data_dir, fifo) == 0

    reader.join(10)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still a FIFO, not a regular file
    assert exported_ids(received[0].decode()) == ["c0", "c1", "c2"]


def test_a_device_is_written_into(data_dir: Path) -> None:
    """A terminal's device (not /dev/null: a regression run as root would replace that)."""
    leader, follower = os.openpty()
    tty.setraw(follower)  # bytes through unchanged
    device = Path(os.ttyname(follower))
    received = bytearray()

    def read() -> None:
        while not received.endswith(b"\n]\n"):
            received.extend(os.read(leader, 65536))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert export(data_dir, device) == 0
        reader.join(10)
        assert stat.S_ISCHR(device.stat().st_mode)
    finally:
        os.close(follower)
        os.close(leader)
    assert exported_ids(received.decode()) == ["c0", "c1", "c2"]


@pytest.mark.parametrize(("format", "suggested"), [
    ("json", "candidates.json"), ("csv", "candidates.csv"), ("shortlist", "shortlist.md"),
])
def test_a_directory_is_refused_in_one_line_naming_a_file_of_the_format(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], format: str,
    suggested: str,
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()

    assert main(["--data-dir", str(data_dir), "export", "--format", format,
                 "--out", str(folder)]) == 1

    err = capsys.readouterr().err
    assert err == (f"interview-desk: --out {folder} is a directory; give a file name, e.g. "
                   f"{folder / suggested}.\n")
    assert list(folder.iterdir()) == []
