"""The desk on a cache the machine will not let it write (issue 20): it opens, lists and
searches what the cache holds, says why sync is off, and never crashes; a full disk stops a
sync with a message. Real refusals (a read-only mount, a tiny tmpfs) need root to mount and
are skipped elsewhere, saying so; the decision itself is tested everywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.config import Settings, load_settings
from app.factory import build_context, open_cache
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings
from app.store import CandidateQuery
from app.ui.app import InterviewDeskApp
from app.ui.screens.analysis import AnalysisScreen
from tests.loopback import LoopbackSandbox, free_port
from tests.mounts import fill_up, read_only, tiny_disk
from tests.ui.candidates import world
from tests.ui.conftest import MakeContext
from tests.ui.schedule.form_filling import agent_id, fill, new_candidate, synced
from tests.ui.toasts import told


def filled(settings: Settings) -> Path:
    store, _ = open_cache(settings)
    world.fill(store)
    store.close()
    return settings.cache_path


async def browse_and_try_to_sync(desk: InterviewDeskApp) -> str:
    async with desk.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        assert desk.context.store.read_only
        assert desk.screen.query_one("VirtualTable").row_count == 6
        await pilot.press("r")
        await pilot.pause()
        await desk.workers.wait_for_complete()
        await pilot.press("f")
        await pilot.pause()
        desk.screen.run_search("python")
        await pilot.pause()
        assert desk.is_running
        assert desk.context.store.count_candidates(CandidateQuery()) == 6  # nothing synced
        return told(desk)


async def test_a_cache_that_cannot_be_written_is_browsed_and_sync_says_it_is_off(
        make_context: MakeContext, settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = filled(settings)
    access = os.access
    monkeypatch.setattr(os, "access", lambda target, mode, **kw: not (
        mode & os.W_OK and str(target) == str(path)) and access(target, mode, **kw))

    shown = await browse_and_try_to_sync(InterviewDeskApp(make_context()))

    assert "Read-only cache" in shown and str(path) in shown
    assert "Sync is off" in shown and "is not writable" in shown


async def test_nothing_is_sent_from_a_desk_whose_cache_cannot_be_written(
        make_context: MakeContext, monkeypatch: pytest.MonkeyPatch) -> None:
    synced_once = await synced(make_context())  # the sandbox's agents and jobs
    path = synced_once.store.path
    synced_once.store.close()
    access = os.access
    monkeypatch.setattr(os, "access", lambda target, mode, **kw: not (
        mode & os.W_OK and str(target) == str(path)) and access(target, mode, **kw))
    desk = InterviewDeskApp(make_context(), sync_on_start=False)
    async with desk.run_test(size=(120, 60), notifications=True) as pilot:
        await pilot.press("s")
        await pilot.pause()
        new_candidate(desk.screen, email="not.sent@example.com")
        fill(desk.screen, agent_id=agent_id(desk, "GENERIC"))
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await desk.workers.wait_for_complete()
        assert "Sending is off" in told(desk)
        assert desk.is_running
        page = await desk.context.client.list_candidates(search="not.sent@example.com")
        assert page.items == []  # nothing reached the API


async def test_on_a_read_only_mount_the_desk_browses_and_sync_is_off(
        make_context: MakeContext, settings: Settings) -> None:
    path = filled(settings)
    with read_only(settings.data_dir):
        context = make_context()
        try:
            shown = await browse_and_try_to_sync(InterviewDeskApp(context))
            desk = InterviewDeskApp(context, sync_on_start=False)
            async with desk.run_test(size=(120, 60), notifications=True) as pilot:  # a draft there
                await pilot.press("s")
                await pilot.pause()
                new_candidate(desk.screen, email="typed.anyway@example.com")
                await pilot.pause()
                assert desk.is_running
                assert "Draft not saved" in told(desk)
                await pilot.press("escape", "m")  # the monitor asks the (in-memory) demo API
                await pilot.pause()
                assert desk.is_running and desk.current_mode == "monitor"
                analysed = context.store.completed_analyses()[0].interview_id
                desk.push_screen(AnalysisScreen(analysed))
                await pilot.pause()
                await pilot.press("e")  # the Markdown export, into the data dir's exports/
                await pilot.pause()
                assert desk.is_running
                assert "Not saved\nCannot save in" in told(desk)
        finally:
            context.store.close()
    assert "Sync is off" in shown and "mounted read-only" in shown and str(path) in shown


async def test_a_full_disk_stops_the_desks_sync_with_a_message(tmp_path: Path) -> None:
    clock = SandboxClock(scale=0.0)
    served = LoopbackSandbox(SandboxSettings(db_path=tmp_path / "sandbox.sqlite3",
                                             candidates=250, interviews=300, time_scale=0.0,
                                             plan="unlimited"), clock, free_port())
    served.start()
    try:
        with tiny_disk(tmp_path / "disk", 2048) as disk:
            settings = load_settings(api_url=served.url, api_key=DEMO_KEY,
                                     data_dir=disk / "data",
                                     env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "none.toml")})
            filled(settings)
            fill_up(disk, leave_kib=48)
            context = build_context(settings)
            desk = InterviewDeskApp(context)
            try:
                async with desk.run_test(size=(120, 36), notifications=True) as pilot:
                    for _ in range(200):
                        await pilot.pause(0.05)
                        if "Sync stopped" in told(desk):
                            break
                    await desk.workers.wait_for_complete()
                    shown = told(desk)
                    assert "Sync stopped" in shown and "is full" in shown
                    assert desk.is_running
                    assert context.store.count_candidates(CandidateQuery()) >= 6
            finally:
                await context.aclose()
    finally:
        served.stop()
