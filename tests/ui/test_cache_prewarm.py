"""The desk asks the OS to read its cache file ahead once its first screen is up, so the
first filters and searches of the day do not wait on the disk."""

from __future__ import annotations

import threading

from app.ui.app import InterviewDeskApp


async def test_the_desk_reads_its_cache_file_ahead_once_the_first_screen_is_drawn(
        make_context, monkeypatch) -> None:
    context = make_context()
    prewarmed = threading.Event()
    monkeypatch.setattr(context.store, "prewarm", prewarmed.set)
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert prewarmed.wait(5)
