"""The desk and a damaged cache (issue 17): damage found while it runs, or at its first read
after a start, is said on screen, the file is set aside, a fresh cache is opened and a sync
fills it. The desk never crashes, and the next start is clean."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.config import Settings
from app.store import CandidateQuery, Store
from app.ui.app import InterviewDeskApp
from tests.mounts import bound, read_only
from tests.store.damage import damage_tables, integrity
from tests.ui.candidates.world import fill
from tests.ui.conftest import MakeContext
from tests.ui.toasts import told


def filled_cache(settings: Settings) -> Path:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.open(settings.cache_path)
    fill(store)
    store.close()
    return settings.cache_path


def set_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


async def until_synced(desk: InterviewDeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await desk.workers.wait_for_complete()
        await pilot.pause()
        if desk.context.store.agents():
            return
    raise AssertionError("the desk never synced the fresh cache")


async def test_damage_found_while_the_desk_runs_is_said_set_aside_and_rebuilt(
        make_context: MakeContext, settings: Settings) -> None:
    path = filled_cache(settings)
    context = make_context()
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        assert desk.context.store.count_candidates(CandidateQuery()) > 0
        damage_tables(path)  # under the running desk, as a failing disk would
        await pilot.press("f")
        await pilot.pause()
        desk.screen.run_search("python")  # pages the desk has not read yet
        await pilot.pause()
        await until_synced(desk, pilot)
        shown = told(desk)
        assert "Cache damaged" in shown and "is damaged (" in shown and "moved aside" in shown
        assert desk.is_running
    assert len(set_aside(path)) == 1
    assert integrity(path) == "ok"


async def test_a_start_on_a_damaged_cache_rebuilds_it_once_and_the_next_start_is_clean(
        make_context: MakeContext, settings: Settings) -> None:
    path = filled_cache(settings)
    damage_tables(path)  # the file opens; its first read fails
    desk = InterviewDeskApp(make_context())
    async with desk.run_test(size=(120, 36), notifications=True) as pilot:
        await until_synced(desk, pilot)
        assert "Cache damaged" in told(desk)
    assert len(set_aside(path)) == 1

    again = InterviewDeskApp(make_context(), sync_on_start=False)
    async with again.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        assert "Cache" not in told(again)
        assert again.context.store.agents()  # what the sync after the rebuild brought
    assert len(set_aside(path)) == 1


async def search_on_damage(desk: InterviewDeskApp, path: Path, damage: Any) -> str:
    """Open the desk, damage its cache under it, then search pages it has not read yet:
    the desk must say so and keep running. Returns its toasts."""
    async with desk.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        assert desk.context.store.read_only
        assert desk.context.store.count_candidates(CandidateQuery()) > 0
        damage(path)
        await pilot.press("f")
        await pilot.pause()
        desk.screen.run_search("python")
        await pilot.pause()
        await desk.workers.wait_for_complete()
        await pilot.press("c")  # the list re-reads: nothing, and no crash
        await pilot.pause()
        assert desk.is_running
        assert desk.context.store.count_candidates(CandidateQuery()) == 0
        return told(desk)


async def test_damage_found_on_a_cache_that_cannot_be_written_is_said_not_a_crash(
        make_context: MakeContext, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    path = filled_cache(settings)
    access = os.access
    monkeypatch.setattr(os, "access", lambda target, mode, **kw: not (
        mode & os.W_OK and str(target) == str(path)) and access(target, mode, **kw))

    shown = await search_on_damage(InterviewDeskApp(make_context(), sync_on_start=False),
                                   path, damage_tables)

    assert "Cache damaged" in shown and "cannot be moved aside or rebuilt" in shown
    assert "is not writable" in shown and str(path) in shown
    assert set_aside(path) == []  # left where it is, as the machine wants


async def test_damage_found_on_a_read_only_mount_is_said_not_a_crash(
        make_context: MakeContext, settings: Settings, tmp_path: Path) -> None:
    path = filled_cache(settings)
    with bound(settings.data_dir, tmp_path / "writable-view") as writable_view, \
            read_only(settings.data_dir):
        context = make_context()
        try:
            shown = await search_on_damage(InterviewDeskApp(context, sync_on_start=False),
                                           writable_view / path.name, damage_tables)
        finally:
            context.store.close()
    assert "Cache damaged" in shown and "mounted read-only" in shown
    assert set_aside(path) == []
