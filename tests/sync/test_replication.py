"""Replication against a sandbox over loopback: what lands in the cache, and what it costs."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest

from app.api.client import InterviewsClient
from app.api.errors import OfflineError
from app.sandbox import SandboxClock
from app.store import CandidateQuery, Store
from app.sync.replication import FULL_PASS_KEY, Replicator, SyncProgress
from tests.loopback import LoopbackSandbox

REFERENCE_REQUESTS = 2  # one page of agents, one of jobs
PAGES = 3  # 250 candidates, 100 a page


class Interrupted(Exception):
    pass


def remote_candidates(server: LoopbackSandbox, today: date) -> dict[str, dict]:
    """The sandbox's candidates whose personal data may still be kept."""
    return {doc["id"]: doc for doc in server.sandbox.storage.all("candidates")
            if date.fromisoformat(doc["gdprExpiryDate"]) >= today}


def remote_interview_ids(server: LoopbackSandbox, candidate_ids: set[str]) -> set[str]:
    return {doc["id"] for doc in server.sandbox.storage.all("interviews")
            if doc["candidateId"] in candidate_ids}


def with_interviews(server: LoopbackSandbox, candidate_ids: set[str]) -> set[str]:
    """Those of the candidates that have interviews: only they cost a listing."""
    return {doc["candidateId"] for doc in server.sandbox.storage.all("interviews")
            if doc["candidateId"] in candidate_ids}


def stop_at_listing(count: int):  # type: ignore[no-untyped-def]
    """A progress listener that stops the sync once `count` listings are in the cache."""
    def check(progress: SyncProgress) -> None:
        if progress.listing and progress.listings_done >= count:
            raise Interrupted
    return check


def assert_mirrors(server: LoopbackSandbox, store: Store, clock: SandboxClock) -> None:
    """The cache holds exactly the sandbox's (unexpired) candidates and their interviews, each
    interview in the status the API shows now."""
    wanted = remote_candidates(server, clock.now().date())
    assert store.ids("candidates") == set(wanted)
    assert store.ids("interviews") == remote_interview_ids(server, set(wanted))
    for candidate_id in wanted:
        remote = {doc["id"]: server.sandbox.view_interview(doc)["status"]
                  for doc in server.sandbox.storage.all("interviews", owner=candidate_id)}
        cached = {row.id: row.status for row in store.interviews_of(candidate_id)}
        assert cached == remote


def settle(clock: SandboxClock) -> None:
    """Move past every seeded interview and analysis, so nothing is live any more."""
    clock.advance(timedelta(days=40))


async def test_first_sync_mirrors_the_sandbox(
    server: LoopbackSandbox, store: Store, replicator: Replicator, client: InterviewsClient,
    clock: SandboxClock,
) -> None:
    seen: list[SyncProgress] = []

    summary = await replicator.sync(progress=seen.append)

    wanted = remote_candidates(server, clock.now().date())
    assert_mirrors(server, store, clock)
    assert summary.created == len(wanted) == store.count_candidates(CandidateQuery())
    assert (summary.updated, summary.deleted, summary.skipped) == (0, 0, 0)
    assert len(store.agents()) == len(server.sandbox.storage.all("agents"))
    assert len(store.jobs()) == len(server.sandbox.storage.all("jobs"))
    # every new candidate with interviews costs exactly one listing; one without, none
    listed = with_interviews(server, set(wanted))
    assert 0 < len(listed) < len(wanted)
    assert summary.requests == client.requests_sent == REFERENCE_REQUESTS + PAGES + len(listed)
    assert [p.candidates_done for p in seen if not p.listing] == [100, 200, 250]
    assert seen[-1].listings_done == seen[-1].listings_total == len(listed)
    assert seen[-1].requests == summary.requests and seen[-1].requests_left == 0
    assert store.last_synced_at() == clock.now()
    assert store.get_state(FULL_PASS_KEY) is None


async def test_expired_candidates_never_reach_the_cache(
    server: LoopbackSandbox, store: Store, replicator: Replicator, clock: SandboxClock,
) -> None:
    expired = [doc for doc in server.sandbox.storage.all("candidates")
               if date.fromisoformat(doc["gdprExpiryDate"]) < clock.now().date()]
    assert expired, "the seeded company should have candidates past their GDPR date"

    await replicator.sync()

    for doc in expired:
        assert store.candidate(doc["id"]) is None
        assert not store.interviews_of(doc["id"])


@pytest.mark.many_listings  # changes candidates with interviews and without: both kinds
async def test_incremental_sync_reads_only_changed_candidates(
    server: LoopbackSandbox, store: Store, replicator: Replicator, client: InterviewsClient,
    clock: SandboxClock,
) -> None:
    settle(clock)
    await replicator.sync()
    assert not store.live_interviews(clock.now())
    changed = sorted(remote_candidates(server, clock.now().date()))[:3]
    for candidate_id in changed:
        await client.update_candidate(candidate_id, {"status": "HIRED"})

    before = client.requests_sent
    summary = await replicator.sync()

    assert client.requests_sent - before == summary.requests
    # a changed candidate with interviews is listed again; one without needs no listing
    assert summary.requests == REFERENCE_REQUESTS + PAGES + len(
        with_interviews(server, set(changed)))
    assert (summary.created, summary.updated, summary.deleted) == (0, len(changed), 0)
    assert {row.id for row in store.candidate_rows(
        CandidateQuery(statuses=("HIRED",)), limit=1000)} >= set(changed)
    assert_mirrors(server, store, clock)


async def test_nothing_changed_costs_just_the_pages(
    server: LoopbackSandbox, store: Store, replicator: Replicator, clock: SandboxClock,
) -> None:
    await replicator.sync()
    assert store.live_interviews(clock.now()), "some interviews are running or about to start"

    summary = await replicator.sync()

    assert summary.requests == REFERENCE_REQUESTS + PAGES
    assert (summary.created, summary.updated, summary.deleted) == (0, 0, 0)


@pytest.mark.many_listings  # enough interviews for one to move in each of the three steps
async def test_time_moving_on_is_followed(
    server: LoopbackSandbox, store: Store, replicator: Replicator, clock: SandboxClock,
) -> None:
    await replicator.sync()
    for minutes in (5, 30, 240):
        clock.advance(timedelta(minutes=minutes))
        await replicator.sync()
        assert_mirrors(server, store, clock)


async def test_deletions_propagate(
    server: LoopbackSandbox, store: Store, replicator: Replicator, client: InterviewsClient,
    clock: SandboxClock,
) -> None:
    settle(clock)
    await replicator.sync()
    candidates = sorted(remote_candidates(server, clock.now().date()))
    doomed_candidate = candidates[0]
    owner = next(c for c in candidates[1:] if store.interviews_of(c))
    doomed_interview = store.interviews_of(owner)[0].id
    await client.delete_candidate(doomed_candidate)
    await client.delete_interview(doomed_interview)

    summary = await replicator.sync()

    assert store.candidate(doomed_candidate) is None
    assert store.interview(doomed_interview) is None
    assert summary.deleted == 1 and summary.updated == 1
    assert_mirrors(server, store, clock)


async def test_a_sync_stopped_between_pages_keeps_them_and_the_next_one_finishes(
    server: LoopbackSandbox, store: Store, replicator: Replicator, client: InterviewsClient,
    clock: SandboxClock,
) -> None:
    settle(clock)

    def stop_after_two_pages(progress: SyncProgress) -> None:
        if progress.candidates_done >= 200:
            raise Interrupted

    with pytest.raises(Interrupted):
        await replicator.sync(progress=stop_after_two_pages)

    kept = store.ids("candidates")
    wanted = remote_candidates(server, clock.now().date())
    assert kept and kept < set(wanted)
    assert not store.ids("interviews")  # candidates come first, their interviews after
    assert store.last_synced_at() is None

    before = client.requests_sent
    summary = await replicator.sync()

    assert summary.created == len(wanted) - len(kept)
    listed = with_interviews(server, set(wanted))
    assert client.requests_sent - before == REFERENCE_REQUESTS + PAGES + len(listed)
    assert_mirrors(server, store, clock)
    assert store.get_state(FULL_PASS_KEY) is None


@pytest.mark.many_listings  # stopped after 40 listings, with more to come
async def test_a_sync_stopped_among_the_listings_goes_on_with_the_next_one(
    server: LoopbackSandbox, store: Store, replicator: Replicator, client: InterviewsClient,
    clock: SandboxClock,
) -> None:
    settle(clock)
    with pytest.raises(Interrupted):
        await replicator.sync(progress=stop_at_listing(40))

    wanted = remote_candidates(server, clock.now().date())
    assert store.ids("candidates") == set(wanted)
    complete = set()
    for candidate_id in wanted:  # a candidate's interviews are all there, or not yet any
        cached = store.interview_ids_of(candidate_id)
        remote = remote_interview_ids(server, {candidate_id})
        assert cached in (set(), remote)
        if cached:
            complete.add(candidate_id)
    assert len(complete) >= 40

    before = client.requests_sent
    await replicator.sync()

    left = with_interviews(server, set(wanted)) - complete
    assert client.requests_sent - before == REFERENCE_REQUESTS + PAGES + len(left)
    assert_mirrors(server, store, clock)


@pytest.mark.many_listings  # cancelled at the 30th listing, with more in flight
async def test_a_cancelled_sync_leaves_no_half_page(
    server: LoopbackSandbox, store: Store, client: InterviewsClient, clock: SandboxClock,
) -> None:
    """Ctrl-C cancels the sync task while interview listings are in flight."""
    calls = 0
    listing = client.list_interviews
    running: asyncio.Task[object] | None = None

    async def cancel_midway(candidate_id: str, **kwargs: object):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 30 and running is not None:  # among the listings
            running.cancel()
        return await listing(candidate_id, **kwargs)  # type: ignore[arg-type]

    client.list_interviews = cancel_midway  # type: ignore[method-assign]
    running = asyncio.create_task(Replicator(client, store, clock.now).sync())
    with pytest.raises(asyncio.CancelledError):
        await running
    wanted = remote_candidates(server, clock.now().date())
    assert store.ids("candidates") == set(wanted)
    for candidate_id in wanted:  # never half of a candidate's interviews
        assert store.interview_ids_of(candidate_id) in (
            set(), remote_interview_ids(server, {candidate_id}))
    client.list_interviews = listing  # type: ignore[method-assign]

    await Replicator(client, store, clock.now).sync()
    assert_mirrors(server, store, clock)


async def test_an_interrupted_full_pass_resumes_where_it_stopped(
    server: LoopbackSandbox, store: Store, replicator: Replicator, client: InterviewsClient,
    clock: SandboxClock,
) -> None:
    settle(clock)
    await replicator.sync()

    def stop_after_one_page(progress: SyncProgress) -> None:
        raise Interrupted

    with pytest.raises(Interrupted):
        await replicator.sync(full=True, progress=stop_after_one_page)
    before = client.requests_sent
    summary = await replicator.sync()

    # a full pass lists everyone, those the API says have no interview too
    unexpired = remote_candidates(server, clock.now().date())
    assert client.requests_sent - before == REFERENCE_REQUESTS + PAGES + len(unexpired)
    assert (summary.created, summary.updated) == (0, 0)
    assert store.get_state(FULL_PASS_KEY) is None


async def test_offline_the_cache_still_answers_and_sync_says_offline(
    server: LoopbackSandbox, store: Store, replicator: Replicator, clock: SandboxClock,
) -> None:
    await replicator.sync()
    synced_at = store.last_synced_at()
    some = store.candidate_rows(CandidateQuery(), limit=5)
    server.stop()

    with pytest.raises(OfflineError):
        await replicator.sync()

    assert store.candidate_rows(CandidateQuery(), limit=5) == some
    interview_id = next(row.interview_id for row in store.monitor_entries(clock.now()))
    assert store.interview(interview_id) is not None
    assert store.last_synced_at() == synced_at


async def test_an_unreadable_candidate_is_counted_and_deletes_nothing(
    server: LoopbackSandbox, store: Store, replicator: Replicator, client: InterviewsClient,
    clock: SandboxClock,
) -> None:
    """With one record unreadable the listing is incomplete, so a candidate missing from it
    may still exist: it stays cached until a clean listing shows it gone."""
    settle(clock)
    await replicator.sync()
    deleted = sorted(remote_candidates(server, clock.now().date()))[0]
    await client.delete_candidate(deleted)
    good = server.sandbox.storage.all("candidates")[-1]
    server.sandbox.storage.put("candidates", {**good, "id": "unreadable",
                                              "createdAt": "the day before yesterday"})

    summary = await replicator.sync()

    assert summary.skipped == 1 and summary.deleted == 0
    assert store.candidate(deleted) is not None

    server.sandbox.storage.delete("candidates", "unreadable")
    summary = await replicator.sync()

    assert summary.skipped == 0 and summary.deleted == 1
    assert store.candidate(deleted) is None


async def test_a_full_pass_interrupted_twice_still_lists_everyone_once(
    server: LoopbackSandbox, store: Store, replicator: Replicator, client: InterviewsClient,
    clock: SandboxClock,
) -> None:
    settle(clock)
    await replicator.sync()

    with pytest.raises(Interrupted):
        await replicator.sync(full=True, progress=stop_at_listing(60))
    with pytest.raises(Interrupted):  # the resumed pass stops again
        await replicator.sync(progress=stop_at_listing(50))
    before = client.requests_sent
    await replicator.sync()

    unexpired = remote_candidates(server, clock.now().date())
    made = client.requests_sent - before - REFERENCE_REQUESTS - PAGES
    assert 0 < made <= len(unexpired) - 110
    assert store.get_state(FULL_PASS_KEY) is None
    assert_mirrors(server, store, clock)
