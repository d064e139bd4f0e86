"""Waiting for the sync a desk starts on its own."""

from __future__ import annotations

from textual.pilot import Pilot

from app.ui.app import InterviewDeskApp

PAUSES = 1000  # each a few ms: seconds in all, then the test fails rather than hang


async def until_the_start_up_sync_ended(desk: InterviewDeskApp, pilot: Pilot[None]) -> None:
    """Wait until the sync that a desk starts after its first paint has ended and said how.
    `workers.wait_for_complete()` alone can come before that sync has begun, and then returns
    at once: the test read the status bar before the sync, and passed or failed by timing."""
    for _ in range(PAUSES):
        connection = desk.connection
        if connection is not None and not connection.syncing:
            await desk.workers.wait_for_complete()
            await pilot.pause()
            return
        await pilot.pause()
    raise AssertionError("the sync a desk starts after its first paint never ended")
