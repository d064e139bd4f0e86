"""A first sync in the desk (issue 22): the first page of candidates is in the list before the
second page is even answered and before any interview listing, and the status bar says how
far the sync is, what is left and how long that takes at the key's budget, within its width.

A stand-in API holds chosen requests until the test lets them go, so each moment of the sync
can be looked at; the limiter paces on a fake clock, so its waits cost nothing.
"""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from app.factory import AppContext
from app.ui.app import InterviewDeskApp
from app.ui.status_bar import StatusBar
from tests.standin import FakeTime, StandIn
from tests.ui.conftest import MakeContext
from widgets.virtual_table import VirtualTable

CANDIDATES = 150  # two pages of 100


def budget_headers() -> dict[str, str]:
    """The default plan, early in its hour: 60 a minute, 1,452 of 2,000 left this hour."""
    now = int(time.time())
    return {"X-RateLimit-Limit-Minute": "60", "X-RateLimit-Remaining-Minute": "55",
            "X-RateLimit-Reset-Minute": str(now + 30), "X-RateLimit-Limit-Hour": "2000",
            "X-RateLimit-Remaining-Hour": "1452", "X-RateLimit-Reset-Hour": str(now + 3000)}


class HeldStandIn:
    """The stand-in company of CANDIDATES candidates, each with an interview to list; the
    second page of candidates and every interview listing wait for their event."""

    def __init__(self) -> None:
        self.standin = StandIn(headers=budget_headers)
        self.standin.candidates = [{**self.standin.candidates[0], "id": f"c{n}",
                                    "firstName": f"Cand{n:03}", "interviewCount": 1}
                                   for n in range(CANDIDATES)]
        self.second_page_asked = asyncio.Event()
        self.second_page_goes = asyncio.Event()
        self.listing_asked = asyncio.Event()
        self.listings_go = asyncio.Event()
        self.listings_answered = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        path, page = request.url.path, request.url.params.get("page", "1")
        if path == "/candidates" and page == "2":
            self.second_page_asked.set()
            await self.second_page_goes.wait()
        if path == "/interviews":
            self.listing_asked.set()
            await self.listings_go.wait()
            self.listings_answered += 1
        return self.standin(request)


def paced_on_a_fake_clock(make_context: MakeContext, server: HeldStandIn) -> AppContext:
    """A desk over `server` whose client's waits pass at once: its clock moves by what it
    sleeps."""
    fake = FakeTime()
    return make_context(transport=httpx.MockTransport(server), client_clock=fake.monotonic,
                        client_sleep=fake.sleep)


def bar_text(desk: InterviewDeskApp) -> str:
    return str(desk.screen.query_one(StatusBar).content)


async def test_the_first_page_is_listed_before_any_interview_listing(
        make_context: MakeContext) -> None:
    server = HeldStandIn()
    context = paced_on_a_fake_clock(make_context, server)
    desk = InterviewDeskApp(context)
    async with desk.run_test(size=(200, 30)) as pilot:
        await asyncio.wait_for(server.second_page_asked.wait(), 10)
        await pilot.pause()
        table = desk.screen.query_one(VirtualTable)
        assert table.row_count == 100  # the first page, while the second is on its way
        assert table.row_at(0).name == "Cand000 Doe"
        assert "syncing candidates 100/150" in bar_text(desk)
        assert not server.listing_asked.is_set()

        server.second_page_goes.set()
        await asyncio.wait_for(server.listing_asked.wait(), 10)
        await pilot.pause()
        assert table.row_count == CANDIDATES
        assert server.listings_answered == 0
        # 150 listings at 58 a minute (60 less the 2 kept back): about 3 minutes
        assert ("syncing interviews of 0/150 candidates · 150 requests to go · about 3 min at 58 "
                "requests a minute; hour quota 1,412 left") in bar_text(desk)

        server.listings_go.set()
        await desk.workers.wait_for_complete()
        await pilot.pause()
        assert server.listings_answered == CANDIDATES
        assert "syncing" not in bar_text(desk)


@pytest.mark.parametrize(("width", "words"), [
    (120, "syncing interviews of 0/150 candidates · 150 requests to go · about 3 min"),
    (100, "syncing interviews of 0/150 candidates"),
    (80, "syncing interviews 0/150"),
])
async def test_the_status_bar_says_as_much_of_the_sync_as_fits(
        make_context: MakeContext, width: int, words: str) -> None:
    """The bar is one line: what does not fit would be cut at the edge mid-word, so the
    budget gives way first, then what is left, then the counts' words, never the counts."""
    server = HeldStandIn()
    server.second_page_goes.set()
    context = paced_on_a_fake_clock(make_context, server)
    desk = InterviewDeskApp(context)
    async with desk.run_test(size=(width, 24)) as pilot:
        await asyncio.wait_for(server.listing_asked.wait(), 10)
        await pilot.pause()
        text = bar_text(desk)
        assert words in text
        assert len(text) <= width
        assert "requests a minute" not in text  # the budget gave way
        server.listings_go.set()
        await desk.workers.wait_for_complete()
