"""Waiting for the sync a desk starts on its own."""

from __future__ import annotations

import asyncio

import httpx
from textual.pilot import Pilot

from app.ui.app import InterviewDeskApp
from app.ui.status_bar import Connection
from tests.api.test_rate_limit_headers import stamped_in_milliseconds
from tests.standin import StandIn
from tests.ui.conftest import MakeContext

PAUSES = 1000  # each a few ms: seconds in all, then the test fails rather than hang


async def until_the_start_up_sync_ended(desk: InterviewDeskApp, pilot: Pilot[None]) -> int:
    """Wait until the sync that a desk starts after its first paint has reached the API (the
    header knows whether it is online) and ended; return how many requests the desk's API
    client had sent at that moment.

    Neither "not syncing" alone (true before that sync begins) nor `workers.wait_for_complete()`
    (which returns at once when the sync's worker does not exist yet) says that: a test then
    read the header before the sync, and passed or failed by timing. The count is read as the
    sync says it ended, because 10 ms later the live watch polls the API on its own."""
    sent_when_it_ended: list[int] = []

    def seen(connection: Connection | None) -> None:
        if (connection is not None and connection.online is not None
                and not connection.syncing and not sent_when_it_ended):
            sent_when_it_ended.append(desk.context.client.requests_sent)

    desk.watch(desk, "connection", seen)
    for _ in range(PAUSES):
        if sent_when_it_ended:
            await desk.workers.wait_for_complete()
            await pilot.pause()
            return sent_when_it_ended[0]
        await pilot.pause()
    raise AssertionError("the sync a desk starts after its first paint never ended")


class HeldAtTheFirstWait:
    """A desk whose start-up sync, over a StandIn that says its rate limit, stops at the
    client's first wait (`held` is set) until the test sets `released`."""

    def __init__(self, make_context: MakeContext) -> None:
        self.held = asyncio.Event()
        self.released = asyncio.Event()
        self.context = make_context(
            transport=httpx.MockTransport(StandIn(headers=stamped_in_milliseconds)),
            client_sleep=self._sleep)
        self.desk = InterviewDeskApp(self.context)

    async def _sleep(self, _seconds: float) -> None:
        self.held.set()
        await self.released.wait()
