"""Replication: bring the cache up to date with the API in batches, within the rate limits.

Candidates are paged; a candidate's interviews are fetched only when the candidate is new,
changed (updatedAt or interviewCount moved) or has interviews that are not final yet. Each page
is one transaction, so an interrupted sync leaves the last good state; the next one redoes only
what is still out of date, which is how it resumes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.api.client import InterviewsClient
from app.domain.models import Candidate, Interview
from app.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncProgress:
    done: int
    total: int | None
    requests: int
    eta_seconds: float | None


@dataclass
class SyncSummary:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    purged: int = 0
    requests: int = 0
    skipped: int = 0
    changed_candidates: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.created} new, {self.updated} updated, {self.deleted} deleted, "
                f"{self.purged} purged (GDPR), {self.requests} requests"
                + (f", {self.skipped} unreadable records skipped" if self.skipped else ""))


class Replicator:
    def __init__(self, client: InterviewsClient, store: Store,
                 clock: Callable[[], datetime]) -> None:
        self.client = client
        self.store = store
        self.clock = clock

    async def sync(self, *, full: bool = False,
                   progress: Callable[[SyncProgress], None] | None = None) -> SyncSummary:
        summary = SyncSummary()
        started_requests = self.client.requests_sent
        started = time.monotonic()
        await self._reference_data(summary)
        known = self.store.candidate_versions()
        unsettled = self.store.candidates_with_open_interviews()
        seen: set[str] = set()
        done = 0
        async for page in self.client.iter_candidate_pages():
            summary.skipped += page.skipped
            changed = [c for c in page.items if full or c.id in unsettled or self._moved(c, known)]
            fetched: dict[str, list[Interview]] = {}
            for candidate in changed:
                fetched[candidate.id] = [i async for i in
                                         self.client.iter_interviews(candidate.id)]
            with self.store.transaction():
                self.store.save_candidates(page.items)
                for candidate_id, interviews in fetched.items():
                    gone = self.store.interview_ids_of(candidate_id) - {i.id for i in interviews}
                    for interview_id in gone:
                        self.store.delete_interview(interview_id)
                    self.store.save_interviews(interviews)
            changed_ids = {c.id for c in changed}
            for candidate in page.items:
                seen.add(candidate.id)
                if candidate.id not in known:
                    summary.created += 1
                elif candidate.id in changed_ids:
                    summary.updated += 1
            summary.changed_candidates += [c.id for c in changed]
            done += len(page.items) + page.skipped
            if progress is not None:
                elapsed = time.monotonic() - started
                total = page.total
                eta = (elapsed / done * (total - done)) if total and done else None
                progress(SyncProgress(done, total, self.client.requests_sent - started_requests,
                                      eta))
        removed = set(known) - seen
        if removed and summary.skipped == 0:
            self.store.delete_candidates(removed)
            summary.deleted = len(removed)
        summary.purged = self.store.purge_expired(self.clock().date()).candidates
        self.store.set_last_synced_at(self.clock())
        summary.requests = self.client.requests_sent - started_requests
        log.info("sync finished: %s", summary.line())
        return summary

    @staticmethod
    def _moved(candidate: Candidate, known: dict[str, tuple[str | None, int | None]]) -> bool:
        if candidate.id not in known:
            return True
        updated_at, interview_count = known[candidate.id]
        current = candidate.updated_at.isoformat() if candidate.updated_at else None
        return current != updated_at or candidate.interview_count != interview_count

    async def _reference_data(self, summary: SyncSummary) -> None:
        """Agents and jobs: few, so always read whole; the ones gone remotely go locally."""
        agents = [agent async for agent in self.client.iter_agents()]
        jobs = [job async for job in self.client.iter_jobs()]
        with self.store.transaction():
            self.store.save_agents(agents)
            self.store.save_jobs(jobs)
            self.store.delete_agents(self.store.ids("agents") - {a.id for a in agents})
            self.store.delete_jobs(self.store.ids("jobs") - {j.id for j in jobs})
