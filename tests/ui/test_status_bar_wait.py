"""The status bar says when a sync waits for the API's rate limit (issue 17, point 6)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx

from app.sandbox import SandboxClock
from app.ui.app import InterviewDeskApp
from app.ui.status_bar import StatusBar
from tests.standin import StandIn
from tests.ui.conftest import MakeContext
from tests.ui.start_up import HeldAtTheFirstWait, until_the_start_up_sync_ended


async def test_the_status_bar_says_the_sync_waits(make_context: MakeContext) -> None:
    sync = HeldAtTheFirstWait(make_context)
    desk, context, held, released = sync.desk, sync.context, sync.held, sync.released
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


async def test_the_wait_counts_down_while_the_sync_stands_still(
    make_context: MakeContext, clock: SandboxClock
) -> None:
    """A wait said once is not true for long: an hour quota's "waiting 25 min" stood on the
    bar for the whole 25 minutes. The bar counts it down as the clock moves."""
    sync = HeldAtTheFirstWait(make_context)
    desk, held, released = sync.desk, sync.held, sync.released
    async with desk.run_test() as pilot:
        await asyncio.wait_for(held.wait(), 10)
        await pilot.pause()
        bar = desk.screen.query_one(StatusBar)
        assert "waiting 60 s for the API's rate limit" in str(bar.content)
        clock.advance(timedelta(seconds=25))
        await pilot.pause(0.3)  # the spinner's turn redraws the line
        assert "waiting 35 s for the API's rate limit" in str(bar.content)
        clock.advance(timedelta(seconds=40))  # over, though the request has not gone yet
        await pilot.pause(0.3)
        assert "waiting" not in str(bar.content)
        released.set()
        await desk.workers.wait_for_complete()


async def test_a_first_sync_cut_off_says_what_is_still_to_come(make_context: MakeContext) -> None:
    """The list works on the candidates that arrived; the status bar says the interviews of
    the others are still to come, until a sync brings them."""
    standin = StandIn()
    for candidate in standin.candidates:
        candidate["interviewCount"] = 1
    listings = 0

    def cut_off(request: httpx.Request) -> httpx.Response | None:
        nonlocal listings
        if request.url.path == "/interviews":
            listings += 1
            if listings > 4:
                raise httpx.ConnectError("the train went into a tunnel")
        return None

    standin.answer = cut_off
    context = make_context(transport=httpx.MockTransport(standin))
    desk = InterviewDeskApp(context)
    async with desk.run_test() as pilot:
        await until_the_start_up_sync_ended(desk, pilot)
        bar = desk.screen.query_one(StatusBar)
        assert len(context.store.ids("candidates")) == 30
        assert "OFFLINE" in str(bar.content)
        assert "interviews of 26 candidates still to come" in str(bar.content)
