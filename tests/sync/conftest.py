"""Sync tests talk to a real sandbox server over a loopback socket through the real client.

The sandbox clock stands still unless a test moves it; the client never sleeps between retries,
so an offline test fails over in milliseconds instead of backing off for seconds.

Every sandbox holds three pages of candidates. The seed gives the first candidates one
interview each, and each of them costs the sync a request, the most of a sync's time: a test
gets FEW_LISTINGS of them, unless it is marked `many_listings` because what it asserts is
about listings in number (stopped or cancelled midway through them, their order, their tiers).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.api.client import InterviewsClient
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings
from app.store import Store
from app.sync.replication import Replicator
from tests.loopback import LoopbackSandbox, free_port

FROZEN_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
CANDIDATES = 250  # three pages of 100
# The seed gives one each in turn, so later candidates have none; either way the six running or
# about to start (the seed's first six) are among them, as are expired candidates.
MANY_LISTINGS = 100  # in all three priority tiers, some changing status in each of 5, 30, 240 min
FEW_LISTINGS = 30


@pytest.fixture
def clock() -> SandboxClock:
    return SandboxClock(start=FROZEN_AT, scale=0.0)


@pytest.fixture
def server(request: pytest.FixtureRequest, tmp_path: Path,
           clock: SandboxClock) -> Iterator[LoopbackSandbox]:
    many = request.node.get_closest_marker("many_listings") is not None
    settings = SandboxSettings(db_path=tmp_path / "sandbox.sqlite3", candidates=CANDIDATES,
                               interviews=MANY_LISTINGS if many else FEW_LISTINGS,
                               time_scale=0.0, plan="unlimited")
    served = LoopbackSandbox(settings, clock, free_port())
    served.start()
    yield served
    served.stop()


async def no_sleep(_seconds: float) -> None:
    return None


@pytest.fixture
async def client(server: LoopbackSandbox) -> AsyncIterator[InterviewsClient]:
    async with InterviewsClient(server.url, DEMO_KEY, sleep=no_sleep, max_per_second=0,
                                timeout=5.0) as made:
        yield made


@pytest.fixture
def replicator(client: InterviewsClient, store: Store, clock: SandboxClock) -> Replicator:
    return Replicator(client, store, clock.now)
