"""A first sync is usable at once and lists interviews most useful first (issue 22).

Against a real sandbox over loopback: every candidate is in the cache before the first
interview listing; listings go in priority order (recent activity first, then open jobs, then
the old and closed); a candidate without interviews costs no request until its count moves.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from app.api.client import InterviewsClient
from app.sandbox import SandboxClock
from app.store import CandidateQuery, Store
from app.sync.replication import RECENT_DAYS, Replicator, SyncProgress
from tests.loopback import LoopbackSandbox
from tests.sync.test_replication import remote_candidates, with_interviews


def record_listings(client: InterviewsClient, store: Store) -> list[str]:
    """The candidates whose interviews the client lists, in the order asked; the first
    listing also notes how many candidates the cache held then."""
    asked: list[str] = []
    listing = client.list_interviews

    async def recorded(candidate_id: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        if not asked:
            recorded.cached_before = store.count_candidates(CandidateQuery())  # type: ignore[attr-defined]
        asked.append(candidate_id)
        return await listing(candidate_id, **kwargs)

    client.list_interviews = recorded  # type: ignore[method-assign]
    return asked


def expected_order(server: LoopbackSandbox, now: datetime, candidate_ids: set[str]) -> list[str]:
    """The priority order, worked out from the sandbox's own records: updated in the last
    RECENT_DAYS days first, then on an open job, then the rest; most recent first in each."""
    jobs = {doc["id"]: doc for doc in server.sandbox.storage.all("jobs")}
    recent = (now - timedelta(days=RECENT_DAYS)).isoformat().replace("+00:00", "Z")

    def key(doc: dict[str, Any]) -> tuple[int, float, str]:
        view = server.sandbox.view_candidate(doc)
        updated = view["updatedAt"]
        if updated >= recent:
            tier = 0
        elif any(jobs.get(job_id, {}).get("status") == "OPEN" for job_id in doc["jobIds"]):
            tier = 1
        else:
            tier = 2
        return tier, -datetime.fromisoformat(updated).timestamp(), doc["id"]

    docs = [doc for doc in server.sandbox.storage.all("candidates") if doc["id"] in candidate_ids]
    return [doc["id"] for doc in sorted(docs, key=key)]


def close_some_jobs(server: LoopbackSandbox) -> None:
    """Half the sandbox's jobs closed, so the open-job tier means something."""
    for number, doc in enumerate(server.sandbox.storage.all("jobs")):
        if number % 2:
            server.sandbox.storage.put("jobs", {**doc, "status": "CLOSED"})


async def test_every_candidate_is_listed_before_any_interview_listing(
    server: LoopbackSandbox, store: Store, replicator: Replicator, client: InterviewsClient,
    clock: SandboxClock,
) -> None:
    shown: list[tuple[int, int]] = []  # (candidates in the cache, listings asked) per page

    asked = record_listings(client, store)

    def page_arrived(progress: SyncProgress) -> None:
        if not progress.listing:
            shown.append((store.count_candidates(CandidateQuery()), len(asked)))

    await replicator.sync(progress=page_arrived)

    # each page is in the list as soon as it arrives, before a single interview is listed
    unexpired = set(remote_candidates(server, clock.now().date()))
    pages = [doc["id"] for doc in server.sandbox.storage.all("candidates")]
    assert [count for count, _ in shown] == [
        sum(1 for candidate_id in pages[:end] if candidate_id in unexpired)
        for end in (100, 200, 300)]
    assert all(listings == 0 for _, listings in shown)
    assert client.list_interviews.cached_before == shown[-1][0]  # type: ignore[attr-defined]


@pytest.mark.many_listings  # the order of many listings, in all three tiers
async def test_interviews_are_listed_most_useful_first(
    server: LoopbackSandbox, store: Store, replicator: Replicator, client: InterviewsClient,
    clock: SandboxClock,
) -> None:
    close_some_jobs(server)
    asked = record_listings(client, store)

    await replicator.sync()

    wanted = with_interviews(server, set(remote_candidates(server, clock.now().date())))
    order = expected_order(server, clock.now(), wanted)
    assert asked == order
    tiers = {0: 0, 1: 0, 2: 0}  # the seeded company has all three kinds
    jobs = {doc["id"]: doc for doc in server.sandbox.storage.all("jobs")}
    recent = (clock.now() - timedelta(days=RECENT_DAYS)).isoformat().replace("+00:00", "Z")
    for doc in server.sandbox.storage.all("candidates"):
        if doc["id"] in wanted:
            if server.sandbox.view_candidate(doc)["updatedAt"] >= recent:
                tiers[0] += 1
            elif any(jobs[j]["status"] == "OPEN" for j in doc["jobIds"]):
                tiers[1] += 1
            else:
                tiers[2] += 1
    assert all(tiers.values()), tiers


async def test_a_candidate_without_interviews_is_listed_only_when_its_count_moves(
    server: LoopbackSandbox, store: Store, replicator: Replicator, client: InterviewsClient,
    clock: SandboxClock,
) -> None:
    await replicator.sync()
    unexpired = set(remote_candidates(server, clock.now().date()))
    empty = sorted(unexpired - with_interviews(server, unexpired))
    assert empty, "the seeded company should have candidates without interviews"
    for candidate_id in empty:
        assert store.candidate(candidate_id) is not None

    asked = record_listings(client, store)
    await replicator.sync()
    assert not set(asked) & set(empty)

    # an interview for one of them moves its count: that one is listed, and gets it
    chosen = empty[0]
    doc = next(d for d in server.sandbox.storage.all("candidates") if d["id"] == chosen)
    agent = next(a for a in server.sandbox.storage.all("agents")
                 if (a["focus"] == "GENERIC") == (not doc["jobIds"]))
    created = await client.create_interview({"candidateId": chosen, "agentId": agent["id"],
                                             "isTest": True})
    asked.clear()
    await replicator.sync()
    assert chosen in asked
    assert created.id in store.interview_ids_of(chosen)
