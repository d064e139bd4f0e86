"""The status bar shows background work while it runs (issue 19): a spinner turns beside the
sync's counts while a sync runs and stops when it ends."""

from __future__ import annotations

import asyncio

from app.ui.status_bar import SPINNER, StatusBar
from tests.ui.conftest import MakeContext
from tests.ui.start_up import HeldAtTheFirstWait


def shown(bar: StatusBar) -> str:
    return str(bar.content)


async def test_a_running_sync_turns_a_spinner_beside_its_counts(make_context: MakeContext) -> None:
    sync = HeldAtTheFirstWait(make_context)
    desk, held, released = sync.desk, sync.held, sync.released
    async with desk.run_test(size=(80, 24)) as pilot:
        await asyncio.wait_for(held.wait(), 10)
        await pilot.pause()
        bar = desk.screen.query_one(StatusBar)
        first = shown(bar)
        assert any(frame in first for frame in SPINNER)
        assert "syncing candidates" in first
        assert "waiting 60 s for the API's rate limit" in first
        await pilot.pause(0.5)
        assert shown(bar) != first  # it turns: the desk is working, not stuck
        released.set()
        await desk.workers.wait_for_complete()
        await pilot.pause()
        done = shown(bar)
        assert not any(frame in done for frame in SPINNER)
        assert "syncing" not in done and "synced just now" in done
