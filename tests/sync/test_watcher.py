"""The live watcher against a loopback sandbox whose clock the tests move."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from app.api.client import InterviewsClient
from app.api.errors import OfflineError
from app.api.limiter import RateLimitState
from app.domain.models import Interview
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings
from app.store import Store
from app.sync.replication import Replicator
from app.sync.watcher import CALM_SECONDS, FAST_SECONDS, IDLE_SECONDS, LiveWatcher
from tests.loopback import LoopbackSandbox, free_port
from tests.sync.conftest import no_sleep


async def schedule_online_interview(server: LoopbackSandbox, client: InterviewsClient,
                                    store: Store, clock: SandboxClock,
                                    *, minutes_ahead: int) -> Interview:
    """An online screening interview that the sandbox lets complete (never fail)."""
    agent = next(a for a in store.agents()
                 if str(a.focus) == "SCREENING" and str(a.type) == "ONLINE")
    candidate = next(c for c in (store.candidate(i) for i in sorted(store.ids("candidates")))
                     if c is not None and c.all_job_ids)
    interview = await client.create_interview({
        "candidateId": candidate.id, "agentId": agent.id, "jobId": candidate.all_job_ids[0],
        "scheduleTime": (clock.now() + timedelta(minutes=minutes_ahead)).isoformat(),
    })
    doc = server.sandbox.storage.get("interviews", interview.id)
    assert doc is not None
    server.sandbox.storage.put("interviews", {**doc, "outcome": "COMPLETED"},
                               owner=doc["candidateId"])
    return interview


async def test_events_follow_an_interview_through_its_day(
    server: LoopbackSandbox, client: InterviewsClient, store: Store, clock: SandboxClock,
    replicator: Replicator,
) -> None:
    clock.advance(timedelta(days=40))  # every seeded interview is long settled
    await replicator.sync()
    watcher = LiveWatcher(client, store, clock.now)
    assert (await watcher.poll_once()).next_delay_seconds == IDLE_SECONDS

    interview = await schedule_online_interview(server, client, store, clock, minutes_ahead=10)
    await replicator.sync()

    def ours(result):  # type: ignore[no-untyped-def]
        return [(e.kind, e.old_status, e.new_status) for e in result.events
                if e.interview_id == interview.id]

    quiet = await watcher.poll_once()
    assert ours(quiet) == [] and quiet.polled == 1
    assert quiet.next_delay_seconds == CALM_SECONDS

    clock.advance(timedelta(minutes=11))
    started = await watcher.poll_once()
    assert ours(started) == [("status_changed", "SCHEDULED", "IN_PROGRESS")]
    assert started.next_delay_seconds == FAST_SECONDS
    assert started.events[0].candidate_name
    assert store.interview(interview.id).interview.status == "IN_PROGRESS"

    clock.advance(timedelta(minutes=15))  # the 15-minute call ended a minute ago
    finished = await watcher.poll_once()
    assert ours(finished) == [("status_changed", "IN_PROGRESS", "COMPLETED")]

    clock.advance(timedelta(minutes=4))
    analysed = await watcher.poll_once()
    assert ours(analysed) == [("analysis_ready", "COMPLETED", "COMPLETED")]
    view = store.interview(interview.id)
    assert view.interview.analysis is not None and view.interview.analysis.is_ready

    after = await watcher.poll_once()
    assert (after.polled, after.events, after.next_delay_seconds) == (0, [], IDLE_SECONDS)


async def test_a_deleted_live_interview_leaves_the_cache(
    server: LoopbackSandbox, client: InterviewsClient, store: Store, clock: SandboxClock,
    replicator: Replicator,
) -> None:
    clock.advance(timedelta(days=40))
    await replicator.sync()
    interview = await schedule_online_interview(server, client, store, clock, minutes_ahead=5)
    await replicator.sync()
    server.sandbox.storage.delete("interviews", interview.id)

    await LiveWatcher(client, store, clock.now).poll_once()

    assert store.interview(interview.id) is None


async def test_offline_polling_raises_offline(
    server: LoopbackSandbox, client: InterviewsClient, store: Store, clock: SandboxClock,
    replicator: Replicator,
) -> None:
    await replicator.sync()
    assert store.live_interviews(clock.now())
    server.stop()

    with pytest.raises(OfflineError):
        await LiveWatcher(client, store, clock.now).poll_once()


@pytest.fixture
def trial_server(tmp_path: Path) -> Iterator[LoopbackSandbox]:
    """A trial plan: 30 requests a minute."""
    clock = SandboxClock(scale=0.0)
    settings = SandboxSettings(db_path=tmp_path / "trial.sqlite3", candidates=40, interviews=0,
                               plan="trial", time_scale=0.0)
    served = LoopbackSandbox(settings, clock, free_port())
    served.start()
    yield served
    served.stop()


@pytest.fixture
async def trial_client(trial_server: LoopbackSandbox) -> AsyncIterator[InterviewsClient]:
    async with InterviewsClient(trial_server.url, DEMO_KEY, sleep=no_sleep,
                                max_per_second=0) as made:
        yield made


async def test_polling_spends_a_share_of_the_budget_and_never_meets_a_429(
    trial_server: LoopbackSandbox, trial_client: InterviewsClient, store: Store,
) -> None:
    sandbox = trial_server.sandbox
    agent = next(doc for doc in sandbox.storage.all("agents")
                 if doc["focus"] == "SCREENING" and doc["type"] == "ONLINE")
    when = (trial_server.clock.now() + timedelta(minutes=30)).isoformat()
    created = []
    with_jobs = [doc for doc in sandbox.storage.all("candidates") if doc.get("jobIds")]
    for doc in with_jobs[:12]:
        created.append(await trial_client.create_interview({
            "candidateId": doc["id"], "agentId": agent["id"], "jobId": doc["jobIds"][0],
            "scheduleTime": when}))
    store.save_interviews(created)
    watcher = LiveWatcher(trial_client, store, trial_server.clock.now)
    sent_before = trial_client.requests_sent

    results = []
    while not results or results[-1].polled:
        results.append(await watcher.poll_once())
        assert len(results) < 30

    polled = [result.polled for result in results]
    assert polled[0] < len(created)  # a share, not everything at once
    assert polled == sorted(polled, reverse=True)  # less as the minute's budget shrinks
    # every poll was one request: nothing was refused and retried
    assert trial_client.requests_sent - sent_before == sum(polled)
    assert trial_client.rate_limit.remaining_minute > 0
    assert results[-1].next_delay_seconds >= 1.0


async def test_a_thin_budget_still_reaches_every_live_interview_in_turn(
    server: LoopbackSandbox, client: InterviewsClient, store: Store, clock: SandboxClock,
    replicator: Replicator,
) -> None:
    clock.advance(timedelta(days=40))
    await replicator.sync()
    scheduled = [await schedule_online_interview(server, client, store, clock,
                                                 minutes_ahead=30 + n) for n in range(3)]
    await replicator.sync()
    watcher = LiveWatcher(client, store, clock.now)
    reached: list[str] = []
    get_interview = client.get_interview

    async def recorded(interview_id: str) -> Interview:
        reached.append(interview_id)
        return await get_interview(interview_id)

    client.get_interview = recorded  # type: ignore[method-assign]
    for _ in range(3):
        # a response just said: 9 requests left this minute, so a poll may read 2
        client.limiter.state = RateLimitState(remaining_minute=9)
        assert (await watcher.poll_once()).polled == 2

    assert len(reached) == 6
    assert set(reached) == {interview.id for interview in scheduled}
