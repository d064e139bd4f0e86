"""A damaged cache is moved aside and rebuilt, whenever SQLite finds the damage: when the file
is opened (by the desk, `sync` or `export`) or at the first read of a bad page while it is open.
Never a traceback, and never the same failure on every start (issue 17)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.config import load_settings
from app.domain.models import Candidate
from app.store import CandidateQuery, Store, StoreDamaged
from tests.conftest import as_a_user_of_its_own
from tests.mounts import read_only
from tests.store.damage import damage_header, damage_tables, integrity
from tests.ui.candidates.world import TODAY, fill


def filled_file(path: Path) -> Path:
    store = Store.open(path)
    fill(store)
    store.close()
    return path


def set_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


def test_a_page_found_damaged_while_open_is_set_aside_and_reads_go_on_from_a_fresh_file(
        tmp_path: Path) -> None:
    path = filled_file(tmp_path / "cache.sqlite3")
    damage_tables(path)
    store = Store.open(path)  # the header and schema are whole: the damage shows on reading
    heard: list[str] = []
    store.on_rebuilt = heard.append
    try:
        assert store.candidate_rows(CandidateQuery(), today=TODAY) == []
        assert len(heard) == 1 and "malformed" in heard[0] and "moved aside" in heard[0]
        assert len(set_aside(path)) == 1
        assert store.search("python") == []
        store.save_candidates([Candidate(id="c-1", first_name="Ada", email="ada@example.com")])
        assert store.count_candidates(CandidateQuery()) == 1  # the fresh file takes writes
    finally:
        store.close()
    assert integrity(path) == "ok"
    assert len(heard) == 1


def test_without_a_listener_the_damage_is_raised_once_and_the_next_open_is_clean(
        tmp_path: Path) -> None:
    path = filled_file(tmp_path / "cache.sqlite3")
    damage_tables(path)
    store = Store.open(path)
    with pytest.raises(StoreDamaged, match="moved aside"):
        store.candidate_rows(CandidateQuery(), today=TODAY)
    store.close()
    reopened = Store.open(path)
    assert reopened.candidate_rows(CandidateQuery(), today=TODAY) == []
    reopened.close()
    assert len(set_aside(path)) == 1


def test_export_of_a_damaged_cache_on_a_read_only_mount_says_it_cannot_be_rebuilt(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found damaged while read (the file opens), on a mount that will not let it be moved
    aside: one line saying so and what to do, and the file is left where it is."""
    settings = load_settings(data_dir=tmp_path / "data",
                             env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "none.toml")})
    settings.data_dir.mkdir(parents=True)
    path = filled_file(settings.cache_path)
    damage_tables(path)
    with read_only(settings.data_dir):
        code = main(["--data-dir", str(settings.data_dir), "export", "--format", "csv"])
    assert code == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "cannot be moved aside or rebuilt" in err
    assert "mounted read-only" in err and "Traceback" not in err
    assert set_aside(path) == []


def test_a_batch_that_meets_damage_is_not_carried_into_the_fresh_file(tmp_path: Path) -> None:
    path = filled_file(tmp_path / "cache.sqlite3")
    damage_tables(path)
    store = Store.open(path)
    heard: list[str] = []
    store.on_rebuilt = heard.append
    try:
        with pytest.raises(StoreDamaged), store.transaction():
            store.set_state("half", "a batch")
            store.save_candidates([Candidate(id="c-1", first_name="Ada")])
        assert heard and store.get_state("half") is None
        assert store.ids("candidates") == set()
    finally:
        store.close()


# ── every start path: the desk's factory, `sync`, `export` ──────────────────────────────

@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir `sync` filled from the built-in sandbox, once for the module: a sync of the
    demo company is most of these tests' time, and each test damages a copy of it."""
    root = tmp_path_factory.mktemp("synced")
    with pytest.MonkeyPatch.context() as monkeypatch:
        as_a_user_of_its_own(monkeypatch, root / "home")
        monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(root / "none.toml"))
        assert main(["--data-dir", str(root / "data"), "sync"]) == 0
    return root / "data"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, synced: Path) -> Path:
    """A data dir `sync` filled from the built-in sandbox (a copy of the module's)."""
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(tmp_path / "none.toml"))
    for name in ("INSTAVIEW_API_KEY", "INSTAVIEW_API_URL", "INTERVIEW_DESK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    shutil.copytree(synced, tmp_path / "data")
    return tmp_path / "data"


def sandbox_cache(data_dir: Path) -> Path:
    return load_settings(data_dir=data_dir, env={}).cache_path


@pytest.mark.parametrize("damage", [damage_header, damage_tables])
def test_sync_sets_a_damaged_cache_aside_and_fills_a_fresh_one(
        data_dir: Path, damage, capsys: pytest.CaptureFixture[str]) -> None:
    path = sandbox_cache(data_dir)
    damage(path)
    capsys.readouterr()

    assert main(["--data-dir", str(data_dir), "sync"]) == 0

    errors = capsys.readouterr().err
    assert "damaged" in errors and "moved aside" in errors and "Traceback" not in errors
    assert len(set_aside(path)) == 1 and integrity(path) == "ok"
    store = Store.open(path)
    assert store.count_candidates(CandidateQuery()) > 0
    store.close()


@pytest.mark.parametrize("damage", [damage_header, damage_tables])
def test_export_of_a_damaged_cache_is_one_line_and_the_next_sync_rebuilds(
        data_dir: Path, damage, capsys: pytest.CaptureFixture[str]) -> None:
    path = sandbox_cache(data_dir)
    damage(path)
    capsys.readouterr()

    assert main(["--data-dir", str(data_dir), "export"]) == 1
    errors = capsys.readouterr().err
    assert "damaged" in errors and "moved aside" in errors
    assert errors.count("\n") == 1 and "Traceback" not in errors
    assert len(set_aside(path)) == 1

    assert main(["--data-dir", str(data_dir), "sync"]) == 0
    assert main(["--data-dir", str(data_dir), "export", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") > 1
