"""A monitor action whose API call went through while the cache cannot be written (a read-only
data dir, a full disk) says so and keeps the desk running (issue 20)."""

from __future__ import annotations

from app.store.connection import unwritable_message
from app.ui.app import InterviewDeskApp
from app.ui.modals import ConfirmScreen
from tests.ui.monitor.test_monitor_screen import SIZE, open_monitor, put_cursor_on
from tests.ui.toasts import told


async def test_a_delete_the_cache_cannot_record_is_said_not_a_crash(
    cached_desk: InterviewDeskApp,
) -> None:
    store = cached_desk.context.store
    store.unwritable = unwritable_message(store.path, "its folder is not writable")
    async with cached_desk.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        await put_cursor_on(pilot, screen, "int-running")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(cached_desk.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        await cached_desk.workers.wait_for_complete()
        await pilot.pause()
        assert cached_desk.is_running
        shown = told(cached_desk)
        assert "cache not updated" in shown and "cannot be written" in shown
        assert store.interview("int-running") is not None  # nothing written
