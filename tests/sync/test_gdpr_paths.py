"""Once a candidate is past its GDPR date, nothing about them is stored again by any path: the
sync, the live watcher, a detail fetch, a create's answer, the PDF (issue 17, point 4).

Each test makes the same world over a real loopback sandbox: a candidate whose data may be kept
until today, interviewed now and synced (transcript and analysis cached), then the clock moves
past the date. The candidate's first name is in the transcript, so its bytes show whether
anything came back into the cache file.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.api.client import InterviewsClient
from app.config import load_settings
from app.domain.models import Agent
from app.domain.requests import CandidateDraft, InterviewRequest
from app.factory import AppContext
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings
from app.services.analysis import Withheld, analysis_pdf
from app.services.interviews import refresh_interview
from app.services.scheduling import schedule_interview
from app.store import Store
from app.sync.replication import Replicator
from app.sync.watcher import LiveWatcher
from tests.loopback import LoopbackSandbox, free_port
from tests.sync.conftest import FROZEN_AT, no_sleep

NAME = b"Zebulon"
TODAY = FROZEN_AT.date()
NEXT_DAY = TODAY + timedelta(days=1)


def cache_bytes(store: Store) -> bytes:
    return b"".join(p.read_bytes() for p in store.path.parent.glob(store.path.name + "*"))


@dataclass
class World:
    context: AppContext
    client: InterviewsClient
    store: Store
    clock: SandboxClock
    server: LoopbackSandbox
    agent: Agent
    candidate_id: str
    interview_id: str
    day: list[date]  # the store's day, which tests turn

    def nothing_of_them(self) -> None:
        """The cache holds nothing of the candidate: no name, no interview, no hit."""
        assert self.store.candidate(self.candidate_id) is None
        assert self.store.ids("interviews") == set()
        assert self.store.search("Zebulon") == []
        assert NAME not in cache_bytes(self.store)


@pytest.fixture
def server(tmp_path: Path, clock: SandboxClock) -> Iterator[LoopbackSandbox]:
    served = LoopbackSandbox(SandboxSettings(db_path=tmp_path / "sandbox.sqlite3", empty=True,
                                             plan="unlimited", time_scale=0.0),
                             clock, free_port())
    served.start()
    yield served
    served.stop()


@pytest.fixture
async def world(tmp_path: Path, server: LoopbackSandbox, store: Store,
                clock: SandboxClock) -> AsyncIterator[World]:
    async with InterviewsClient(server.url, DEMO_KEY, sleep=no_sleep, max_per_second=0,
                                timeout=5) as client:
        settings = load_settings(data_dir=tmp_path / "data",
                                 env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "none.toml")})
        context = AppContext(settings, store, lambda: client, clock.now)
        day = [TODAY]
        store.today = lambda: day[0]
        agent = next(a for a in [a async for a in client.iter_agents()]
                     if str(a.focus) == "GENERIC" and str(a.type) == "ONLINE")
        made = await schedule_interview(context, InterviewRequest(
            agent_id=agent.id, is_test=True, candidate=CandidateDraft(
                first_name="Zebulon", last_name="Quist", email="zq@example.com",
                phone_number="+421900000077", gdpr_expiry_date=TODAY)),
            agent=agent, candidate=None)
        # A test interview: done and analysed at once (a real call may fail, untranscribed).
        await Replicator(client, store, clock.now).sync()
        assert store.search("Zebulon"), "the transcript should be cached before the date"
        yield World(context, client, store, clock, server, agent, made.interview.candidate_id,
                    made.interview.id, day)


def past_the_date(world: World, *, purge: bool = True) -> None:
    world.clock.advance(timedelta(days=1))
    world.day[0] = NEXT_DAY
    if purge:
        assert world.store.purge_expired(NEXT_DAY).candidates == 1


async def test_a_sync_never_brings_a_purged_candidate_back(world: World) -> None:
    past_the_date(world)
    world.nothing_of_them()
    # The server renews the date: still nothing of theirs comes back, even on a full sync.
    await world.client.update_candidate(world.candidate_id, {"gdprExpiryDate": "2027-06-30"})
    summary = await Replicator(world.client, world.store, world.clock.now).sync(full=True)
    assert summary.created == 0
    world.nothing_of_them()


async def test_a_sync_keeps_nothing_of_a_candidate_that_expired_since_the_last_one(
    world: World,
) -> None:
    past_the_date(world, purge=False)
    summary = await Replicator(world.client, world.store, world.clock.now).sync(full=True)
    assert summary.purged == 1
    world.nothing_of_them()


@pytest.mark.parametrize("full", [False, True])
async def test_a_date_shortened_while_the_desk_was_away_purges_what_the_cache_holds(
    world: World, full: bool
) -> None:
    """The cache holds a later date; meanwhile the company shortened it to today, and the
    desk syncs again only tomorrow. The record that arrives is past its date: the cache must
    learn that date and keep nothing, not drop the record and keep its old copy for good."""
    world.clock.advance(timedelta(minutes=1))  # each change gets its own `updatedAt`
    await world.client.update_candidate(world.candidate_id, {"gdprExpiryDate": "2027-06-30"})
    await Replicator(world.client, world.store, world.clock.now).sync()
    assert world.store.candidate(world.candidate_id).gdpr_expiry_date == date(2027, 6, 30)
    world.clock.advance(timedelta(minutes=1))
    await world.client.update_candidate(world.candidate_id,
                                        {"gdprExpiryDate": TODAY.isoformat()})
    past_the_date(world, purge=False)
    summary = await Replicator(world.client, world.store, world.clock.now).sync(full=full)
    assert summary.purged == 1
    world.nothing_of_them()


async def test_the_watcher_keeps_nothing_fetched_while_the_purge_ran(world: World) -> None:
    """The issue's repro: a sync purged the candidate 70 ms before the watcher's answer came."""
    world.store.save_interviews([  # the cache last saw the interview running: it is live
        (await world.client.get_interview(world.interview_id)).model_copy(
            update={"status": "IN_PROGRESS", "analysis": None, "transcript": None})])
    watcher = LiveWatcher(world.client, world.store, world.clock.now)
    fetch = world.client.get_interview

    async def answered_after_the_purge(interview_id: str):  # type: ignore[no-untyped-def]
        answer = await fetch(interview_id)
        past_the_date(world)
        return answer

    world.client.get_interview = answered_after_the_purge  # type: ignore[method-assign]
    result = await watcher.poll_once()
    assert result.polled == 1 and result.events == []
    world.nothing_of_them()


async def test_the_watcher_asks_nothing_about_an_expired_candidate(world: World) -> None:
    world.store.save_interviews([
        (await world.client.get_interview(world.interview_id)).model_copy(
            update={"status": "IN_PROGRESS", "analysis": None, "transcript": None})])
    past_the_date(world, purge=False)  # past the date, before the hourly purge came
    sent = world.client.requests_sent
    result = await LiveWatcher(world.client, world.store, world.clock.now).poll_once()
    assert result.polled == 0 and world.client.requests_sent == sent


async def test_a_detail_fetch_keeps_nothing(world: World) -> None:
    past_the_date(world)
    fetched = await refresh_interview(world.context, world.interview_id)
    assert fetched is not None  # the API still has it; the cache does not take it
    world.nothing_of_them()


async def test_a_create_answer_keeps_nothing(world: World) -> None:
    past_the_date(world)
    made = await schedule_interview(
        world.context, InterviewRequest(candidate_id=world.candidate_id,
                                        agent_id=world.agent.id),
        agent=world.agent, candidate=None)
    assert made.interview.candidate_id == world.candidate_id
    world.nothing_of_them()


async def test_no_pdf_of_an_expired_candidate(world: World) -> None:
    assert (await analysis_pdf(world.context, world.interview_id)).startswith(b"%PDF")
    past_the_date(world, purge=False)
    sent = world.client.requests_sent
    with pytest.raises(Withheld):
        await analysis_pdf(world.context, world.interview_id)
    assert world.client.requests_sent == sent  # not even asked for


async def test_no_pdf_when_the_purge_lands_during_the_download(world: World) -> None:
    download = world.client.analysis_pdf

    async def purged_meanwhile(interview_id: str) -> bytes:
        pdf = await download(interview_id)
        past_the_date(world)
        return pdf

    world.client.analysis_pdf = purged_meanwhile  # type: ignore[method-assign]
    with pytest.raises(Withheld):
        await analysis_pdf(world.context, world.interview_id)
