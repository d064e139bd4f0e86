"""The client goes as fast as the API's budget allows and never over it (issue 22).

A stand-in server counts requests in fixed minute and hour windows, as the sandbox and the
real API do, and answers 429 past them; the client's clocks are fake, so minutes of pacing run
in milliseconds and nothing sleeps for real.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import httpx
import pytest

from app.api.client import InterviewsClient
from app.api.limiter import RateLimiter
from app.sync.progress import SyncProgress
from tests.standin import KEY, URL, FakeTime

IN_FLIGHT = 8  # as many requests at once as a sync keeps on the wire


@dataclass
class WindowedServer:
    """Fixed windows per minute and per hour on the fake clock; `headers=False` is a server
    that says nothing of its limits."""

    time: FakeTime
    per_minute: int = 600
    per_hour: int = 30_000
    headers: bool = True
    used: dict[tuple[str, int], int] = field(default_factory=dict)
    answered: list[float] = field(default_factory=list)
    refused: int = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        now = self.time.now
        minute, hour = int(now // 60), int(now // 3600)
        used_minute = self.used.get(("m", minute), 0)
        used_hour = self.used.get(("h", hour), 0)
        if used_minute >= self.per_minute or used_hour >= self.per_hour:
            self.refused += 1
            return httpx.Response(429, headers={"Retry-After": "1"},
                                  json={"statusCode": 429, "message": "Rate limit exceeded"})
        self.used[("m", minute)] = used_minute = used_minute + 1
        self.used[("h", hour)] = used_hour = used_hour + 1
        self.answered.append(now)
        response = httpx.Response(200, json={"id": "j1", "title": "Cook"})
        if self.headers:
            response.headers.update({
                "X-RateLimit-Limit-Minute": str(self.per_minute),
                "X-RateLimit-Limit-Hour": str(self.per_hour),
                "X-RateLimit-Remaining-Minute": str(self.per_minute - used_minute),
                "X-RateLimit-Remaining-Hour": str(self.per_hour - used_hour),
                "X-RateLimit-Reset-Minute": str((minute + 1) * 60),
                "X-RateLimit-Reset-Hour": str((hour + 1) * 3600)})
        return response


def client_of(server: WindowedServer) -> InterviewsClient:
    time = server.time
    return InterviewsClient(URL, KEY, transport=httpx.MockTransport(server), sleep=time.sleep,
                            clock=time.monotonic, wall_clock=time.monotonic, max_retries=8)


async def send(client: InterviewsClient, count: int) -> None:
    """`count` requests, IN_FLIGHT at a time, as a sync sends its listings."""
    gate = asyncio.Semaphore(IN_FLIGHT)

    async def one() -> None:
        async with gate:
            await client.get_job("j1")

    await asyncio.gather(*(one() for _ in range(count)))


@pytest.mark.parametrize(("per_minute", "start"), [(600, 1020.0), (600, 1050.0), (60, 1020.0),
                                                   (200, 1001.0)])
async def test_the_pace_is_the_plans_and_never_over_it(per_minute: int, start: float) -> None:
    server = WindowedServer(FakeTime(now=start), per_minute=per_minute)
    count = per_minute * 3
    async with client_of(server) as client:
        await send(client, count)

    elapsed = server.time.now - start
    assert server.refused == 0
    assert len(server.answered) == count
    # the physical limit is count / rate; the reserve and the gentle start cost little more
    assert elapsed <= 1.15 * count / (per_minute / 60)


async def test_no_fixed_cap_below_what_the_server_allows() -> None:
    server = WindowedServer(FakeTime(now=1020.0), per_minute=600)
    async with client_of(server) as client:
        await send(client, 300)
    assert server.time.now - 1020.0 < 300 / 5 / 1.5  # well past the old 5 a second


async def test_before_the_first_answer_and_without_headers_it_goes_gently() -> None:
    server = WindowedServer(FakeTime(now=1020.0), headers=False)
    async with client_of(server) as client:
        await send(client, 50)
    gaps = [b - a for a, b in zip(server.answered, server.answered[1:], strict=False)]
    assert min(gaps) == pytest.approx(0.2)  # the docs' "about 5 a second"


async def test_a_spent_hour_waits_for_its_reset_and_says_so() -> None:
    """Plenty left in the minute, the hour's quota nearly spent: the client waits for the
    hour to turn rather than meeting a 429, and says it waits for the hour's quota."""
    time = FakeTime(now=3600.0 * 5 + 3000)
    server = WindowedServer(time, per_minute=60, per_hour=100)
    server.used[("h", 5)] = 60  # 40 left of this hour
    waits: list[tuple[float, bool]] = []
    async with client_of(server) as client:
        client.limiter.on_wait = lambda seconds: waits.append(
            (seconds, client.limiter.waits_for_the_hour()))
        await send(client, 60)

    assert server.refused == 0 and len(server.answered) == 60
    assert time.now >= 3600.0 * 6  # the rest went after the hour turned
    hour_waits = [seconds for seconds, for_hour in waits if for_hour]
    assert hour_waits
    said = SyncProgress(0, None, waiting_seconds=max(hour_waits), waiting_for_hour=True).waiting
    assert said is not None and "for the API's hour quota" in said


def test_the_eta_comes_from_the_budget() -> None:
    """60 a minute with 2 kept back, 1,452 of the hour left with 40 (2%) kept back: 1,400
    requests take the time
    58 a minute allows; 2,000 must wait for the next hour for the rest."""
    limiter = RateLimiter(wall_clock=lambda: 1000.0)
    limiter.observe(httpx.Headers({
        "X-RateLimit-Limit-Minute": "60", "X-RateLimit-Remaining-Minute": "60",
        "X-RateLimit-Reset-Minute": "1020", "X-RateLimit-Limit-Hour": "2000",
        "X-RateLimit-Remaining-Hour": "1452", "X-RateLimit-Reset-Hour": "3600"}))
    assert limiter.per_minute() == 58 and limiter.hour_left() == 1412
    assert limiter.seconds_for(1400) == pytest.approx(1400 / 58 * 60)
    # 1,412 at 58 a minute (1,461 s) ends before the hour turns (2,600 s): then 588 more
    assert limiter.seconds_for(2000) == pytest.approx(2600 + 588 / 58 * 60)
    progress = SyncProgress(2000, 2000, listings_done=588, listings_total=2000,
                            eta_seconds=limiter.seconds_for(1412), per_minute=58,
                            hour_left=1412)
    assert progress.budget() == "about 25 min at 58 requests a minute; hour quota 1,412 left"
    assert "interviews of 588/2,000 candidates" in progress.line()


async def test_the_gentle_start_ends_with_the_first_answer() -> None:
    """Before the first answer requests go 0.2 s apart; once the budget is known (600 a
    minute, most of it left), the next goes at the budget's pace, not 0.2 s later."""
    server = WindowedServer(FakeTime(now=1020.0), per_minute=600)
    async with client_of(server) as client:
        await client.get_job("j1")
        await client.get_job("j1")
    assert server.answered[1] - server.answered[0] < 0.2


@pytest.mark.parametrize("per_minute", [60, 600])
async def test_a_small_reserve_is_left_in_every_minute(per_minute: int) -> None:
    """A sync never spends the last requests of a minute: the recruiter's own actions (or
    another desk on the same key) still get through while it runs at full pace."""
    server = WindowedServer(FakeTime(now=1020.0), per_minute=per_minute)
    async with client_of(server) as client:
        await send(client, per_minute * 2)
    spent = [count for (window, _), count in server.used.items() if window == "m"]
    kept = per_minute - max(spent)
    assert kept >= 2  # two requests at least, whatever the plan
    assert kept <= max(2, per_minute // 50) + 1  # and a small one: 2%, 12 of 600


async def test_another_client_spending_the_reserve_meets_no_429() -> None:
    """A second, unpaced client on the same key sends two requests a minute (the reserve
    of the default plan) at the worst moment, the last second and a half of each minute when
    the sync has spent nearly all of it: nobody meets a 429."""
    time = FakeTime(now=1020.0)
    server = WindowedServer(time, per_minute=60)
    recruiter_minutes: set[int] = set()

    def with_the_recruiter(request: httpx.Request) -> httpx.Response:
        minute = int(time.now // 60)
        if time.now % 60 >= 58.5 and minute not in recruiter_minutes:
            recruiter_minutes.add(minute)
            for _ in range(2):
                server(httpx.Request("GET", f"{URL}/jobs/j1"))
        return server(request)

    async with InterviewsClient(URL, KEY, transport=httpx.MockTransport(with_the_recruiter),
                                sleep=time.sleep, clock=time.monotonic,
                                wall_clock=time.monotonic, max_retries=8) as client:
        await send(client, 150)
    assert len(recruiter_minutes) >= 2
    assert server.refused == 0


async def test_retry_after_holds_every_request_not_only_the_refused_one() -> None:
    """A 429 from a server whose count disagrees with ours: for its Retry-After nothing is
    sent, though 8 listings were waiting, and afterwards the rest go through."""
    time = FakeTime(now=1020.0)
    server = WindowedServer(time, per_minute=600)
    refused_at: list[float] = []
    answer = server.__call__

    def once_refusing(request: httpx.Request) -> httpx.Response:
        if len(server.answered) == 20 and not refused_at:
            refused_at.append(time.now)
            return httpx.Response(429, headers={"Retry-After": "9"},
                                  json={"statusCode": 429, "message": "Rate limit exceeded"})
        return answer(request)

    async with InterviewsClient(URL, KEY, transport=httpx.MockTransport(once_refusing),
                                sleep=time.sleep, clock=time.monotonic,
                                wall_clock=time.monotonic, max_retries=8) as client:
        await send(client, 60)
    assert len(server.answered) == 60
    after = [moment for moment in server.answered if moment > refused_at[0]]
    assert after and min(after) >= refused_at[0] + 9
