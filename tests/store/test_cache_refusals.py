"""The machine says no (issue 20): a read-only data dir, a cache of another user, a full disk.

Each gets a message naming the path and the cause. A cache that cannot be written is opened
read-only (SQLite's `mode=ro`): browse, search and export work, sync is off and says so; a full
disk stops a sync with a message. `export` never calls such a cache "damaged". The decision is
tested by making `os.access` say no; the real refusals by a read-only bind mount, another user
(`setpriv`) and a tiny tmpfs, which need root and are skipped elsewhere, saying so."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Settings, load_settings
from app.factory import open_cache
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings
from app.store import CacheUnwritable, CandidateQuery, Store
from tests.loopback import LoopbackSandbox, free_port
from tests.mounts import fill_up, read_only, tiny_disk
from tests.store.damage import integrity
from tests.ui.candidates.world import TODAY, fill

ROOT = Path(__file__).resolve().parents[2]


def sandbox_settings(data: Path) -> Settings:
    return load_settings(data_dir=data, env={"INTERVIEW_DESK_CONFIG": str(data / "none.toml")})


def filled(settings: Settings) -> Path:
    store, _ = open_cache(settings)
    fill(store)
    store.close()
    return settings.cache_path


def run(data: Path, *arguments: str, user: list[str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    """`interview-desk` in a process of its own, as `user` (a setpriv prefix) if given."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("INSTAVIEW_API_KEY", "INSTAVIEW_API_URL")}
    environment.update(PYTHONPATH=str(ROOT), INTERVIEW_DESK_DATA_DIR=str(data),
                       INTERVIEW_DESK_CONFIG=str(data / "none.toml"))
    return subprocess.run([*(user or []), sys.executable, "-m", "app", *arguments], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=120)


def one_clear_line(errors: str) -> str:
    assert errors.count("\n") == 1 and "Traceback" not in errors, errors
    return errors


# ── the decision: a cache the machine will not let us write is opened read-only ─────────

@pytest.fixture
def writes_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """`os.access` says no to writing anything, as it does for another user's file."""
    access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: not mode & os.W_OK
                        and access(path, mode, **kw))


def test_an_unwritable_cache_is_opened_read_only_and_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = sandbox_settings(tmp_path / "data")
    path = filled(settings)
    access = os.access
    monkeypatch.setattr(os, "access", lambda target, mode, **kw: not (
        mode & os.W_OK and str(target) == str(path)) and access(target, mode, **kw))

    store, notices = open_cache(settings)
    try:
        assert store.read_only
        assert [notice.title for notice in notices] == ["Read-only cache"]
        assert str(path) in notices[0].text and "is not writable" in notices[0].text
        assert "sync is off" in notices[0].text
        assert store.count_candidates(CandidateQuery(), today=TODAY) == 6
        assert store.search("python") is not None
        with pytest.raises(CacheUnwritable, match="cannot be written"):
            store.set_state("anything", "x")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store._connection.raw.execute("DELETE FROM candidates")  # SQLite itself refuses
    finally:
        store.close()


def test_a_data_dir_where_no_cache_can_be_created_is_one_clear_error(
        tmp_path: Path, writes_refused: None) -> None:
    settings = sandbox_settings(tmp_path / "data")
    settings.data_dir.mkdir()
    with pytest.raises(CacheUnwritable, match=f"{settings.cache_path}.*cannot be created"):
        open_cache(settings)


# ── the real thing ──────────────────────────────────────────────────────────────────────

def test_on_a_read_only_mount_export_works_and_sync_says_why_it_is_off(tmp_path: Path) -> None:
    data = tmp_path / "data"
    filled(sandbox_settings(data))
    with read_only(data):
        exported = run(data, "export", "--format", "csv")
        assert exported.returncode == 0, exported.stderr
        assert exported.stdout.count("\n") == 7  # the header and six candidates
        assert "damaged" not in exported.stderr
        assert "read-only" in exported.stderr and "cannot be written" in exported.stderr

        synced = run(data, "sync")
        assert synced.returncode == 1
        errors = one_clear_line(synced.stderr)
        assert "cannot be written" in errors and "mounted read-only" in errors
        assert str(data) in errors


@pytest.fixture
def other_user() -> list[str]:
    """A prefix that runs a command as `nobody`, who can read our files but not write them."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run a command as another user")
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    check = subprocess.run([*prefix, sys.executable, "-c", "import app"], cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    if check.returncode != 0:
        pytest.skip("the user nobody cannot run this checkout's Python")
    return prefix


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder everyone may enter (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="interview-desk-shared-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_another_users_cache_is_exported_read_only(other_user: list[str],
                                                   shared_folder: Path) -> None:
    data = shared_folder / "data"
    path = filled(sandbox_settings(data))
    data.chmod(0o755)
    path.chmod(0o644)

    exported = run(data, "export", "--format", "csv", user=other_user)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.count("\n") == 7
    assert "belongs to another user (uid 0)" in exported.stderr
    assert "damaged" not in exported.stderr

    synced = run(data, "sync", user=other_user)
    assert synced.returncode == 1
    assert "belongs to another user" in one_clear_line(synced.stderr)


def test_a_full_disk_stops_the_sync_with_a_message_and_the_cache_still_reads(
        tmp_path: Path) -> None:
    clock = SandboxClock(scale=0.0)
    served = LoopbackSandbox(SandboxSettings(db_path=tmp_path / "sandbox.sqlite3",
                                             candidates=250, interviews=300, time_scale=0.0,
                                             plan="unlimited"), clock, free_port())
    served.start()
    try:
        with tiny_disk(tmp_path / "disk", 2048) as disk:
            data = disk / "data"
            settings = load_settings(api_url=served.url, api_key=DEMO_KEY, data_dir=data,
                                     env={"INTERVIEW_DESK_CONFIG": str(data / "none.toml")})
            filled(settings)
            fill_up(disk, leave_kib=48)

            synced = run(data, "--api-url", served.url, "--api-key", DEMO_KEY, "sync")
            assert synced.returncode == 1
            assert "Traceback" not in synced.stderr
            error = synced.stderr.strip().splitlines()[-1]  # after the progress bar, if any
            assert "is full" in error and str(settings.cache_path) in error

            store = Store.open(settings.cache_path, mirrors=settings.mirrors)
            try:
                assert integrity(store.path) == "ok"
                assert store.count_candidates(CandidateQuery()) >= 6
            finally:
                store.close()
    finally:
        served.stop()
