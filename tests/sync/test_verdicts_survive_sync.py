"""A recruiter's verdicts against a real sync over a loopback socket: a sync, full or not,
rewrites the cache's copy of the API and never the verdicts or notes."""

from __future__ import annotations

from app.store import Store
from app.store.review import review_queue
from app.store.verdicts import Verdict
from app.sync.replication import Replicator


async def test_verdicts_and_the_queue_survive_syncs(replicator: Replicator, store: Store) -> None:
    await replicator.sync()
    queue = review_queue(store)
    assert len(queue) >= 3
    first, second = queue[0], queue[1]
    store.verdicts.decide(first.candidate_id, first.job_id, Verdict.ADVANCE,
                          interview_id=first.interview_id, note="Strong, call back")
    store.verdicts.decide(second.candidate_id, second.job_id, Verdict.REJECT,
                          interview_id=second.interview_id)
    await replicator.sync()
    await replicator.sync(full=True)
    kept = store.verdicts.current(first.candidate_id, first.job_id)
    assert kept.verdict is Verdict.ADVANCE and kept.note == "Strong, call back"
    assert store.verdicts.current(second.candidate_id, second.job_id).verdict is Verdict.REJECT
    remaining = {row.interview_id for row in review_queue(store)}
    assert first.interview_id not in remaining and second.interview_id not in remaining
    assert len(remaining) == len(queue) - 2
