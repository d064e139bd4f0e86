"""The status bar says when a sync waits for the API's rate limit (issue 17, point 6)."""

from __future__ import annotations

import asyncio

import httpx

from app.ui.app import InterviewDeskApp
from app.ui.status_bar import StatusBar
from tests.api.test_rate_limit_headers import stamped_in_milliseconds
from tests.standin import StandIn
from tests.ui.conftest import MakeContext


async def test_the_status_bar_says_the_sync_waits(make_context: MakeContext) -> None:
    standin = StandIn(headers=stamped_in_milliseconds)
    context = make_context(transport=httpx.MockTransport(standin))
    held = asyncio.Event()
    released = asyncio.Event()

    async def held_sleep(_seconds: float) -> None:
        held.set()
        await released.wait()

    context.client.limiter._sleep = held_sleep
    desk = InterviewDeskApp(context)
    async with desk.run_test() as pilot:
        await asyncio.wait_for(held.wait(), 10)
        await pilot.pause()
        bar = desk.screen.query_one(StatusBar)
        assert "waiting 60 s for the API's rate limit" in str(bar.content)
        released.set()
        await desk.workers.wait_for_complete()
        await pilot.pause()
        assert "waiting" not in str(bar.content)
        assert len(context.store.ids("candidates")) == 30
