"""Replication: bring the cache up to date with the API in batches, within the rate limits.

Candidates are paged (100 a request). A candidate's interviews are listed only when the
candidate is new or one of its change markers moved since the cache saw it: updatedAt, the
interview count, the analysis count. The API keeps no cross-candidate interview index, so these
markers are the only cheap signal; the sandbox moves a candidate's updatedAt whenever one of its
interviews changes (starts, ends, fails, is analysed), and the analysis count moves with every
finished analysis on any server. That makes an incremental sync the minimum the API allows: the
candidate pages plus one listing per changed candidate. Interviews happening right now are also
followed one by one by the live watcher while the desk is open, and `full=True` re-reads
everything for a server whose markers lag.

Each page is one transaction together with the cursor that records it, so an interrupted sync
leaves the last good state. The next sync lists from the first page again (cheap, and the only
way to notice deletions), re-reads only what is still stale, and carries on an interrupted
`full` pass from the page it reached instead of starting it over.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from collections.abc import Awaitable, Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import Generic, TypeVar

from app.api.client import PAGE_LIMIT, InterviewsClient
from app.api.errors import NotFoundError
from app.api.wire import Page
from app.domain.models import Candidate, Interview
from app.store import Store

log = logging.getLogger(__name__)
CURSOR_KEY = "sync_cursor"
FETCH_CONCURRENCY = 8  # interview listings in flight at once; the client's limiter still paces
T = TypeVar("T")
M = TypeVar("M")

Versions = dict[str, tuple[str | None, int | None, int | None]]


@dataclass(frozen=True)
class SyncProgress:
    """How far a sync is, for the CLI's progress bar and the status bar."""

    done: int
    total: int | None
    requests: int
    eta_seconds: float | None
    waiting_seconds: float | None = None  # the rate limit holds the next request this long

    @property
    def waiting(self) -> str | None:
        """What the CLI's bar and the status bar say while the rate limit holds the sync."""
        if self.waiting_seconds is None:
            return None
        return f"waiting {math.ceil(self.waiting_seconds)} s for the API's rate limit"


@dataclass
class SyncSummary:
    """What a sync changed in the cache, counted in candidates."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    purged: int = 0
    requests: int = 0
    skipped: int = 0

    def line(self) -> str:
        text = (f"{self.created} new, {self.updated} updated, {self.deleted} deleted, "
                f"{self.purged} purged (GDPR), {self.requests} requests")
        if self.skipped:
            text += f", {self.skipped} unreadable records skipped"
        return text


@dataclass(frozen=True)
class _Listing(Generic[M]):
    """Every record of a listing that could be read; `complete` when none was unreadable and
    every page's total agrees with what arrived, so a record missing from it was really
    deleted (a listing without a total never deletes anything)."""

    items: list[M]
    skipped: int
    totals: frozenset[int | None]

    @property
    def complete(self) -> bool:
        return self.skipped == 0 and _agrees(self.totals, len(self.items))


def _agrees(totals: AbstractSet[int | None], count: int) -> bool:
    """Every page of a listing named the same total, and it is the number of records seen."""
    return totals == {count}


async def _read_all(list_page: Callable[..., Awaitable[Page[M]]]) -> _Listing[M]:
    """Every page of a listing, 100 records a request."""
    items: list[M] = []
    skipped = 0
    totals: set[int | None] = set()
    number = 1
    while True:
        page = await list_page(page=number, limit=PAGE_LIMIT)
        items += page.items
        skipped += page.skipped
        totals.add(page.total)
        if not page.has_next:
            return _Listing(items, skipped, frozenset(totals))
        number += 1


class Replicator:
    def __init__(self, client: InterviewsClient, store: Store,
                 clock: Callable[[], datetime]) -> None:
        self.client = client
        self.store = store
        self.clock = clock
        self._latest = SyncProgress(0, None, 0, None)  # for what a wait says
        self._first_request = 0

    async def sync(self, *, full: bool = False,
                   progress: Callable[[SyncProgress], None] | None = None) -> SyncSummary:
        """One replication pass; raises the client's errors (OfflineError, MissingScopeError…)
        with everything committed before the failure kept."""
        self._latest = SyncProgress(0, None, 0, None)
        self._first_request = self.client.requests_sent
        if progress is not None:
            self.client.limiter.on_wait = partial(self._waiting, progress)
        try:
            return await self._pass(full, progress)
        finally:
            self.client.limiter.on_wait = None

    def _waiting(self, progress: Callable[[SyncProgress], None], seconds: float) -> None:
        """Say why the sync stands still: the rate limit holds the next request."""
        progress(replace(self._latest, waiting_seconds=seconds,
                         requests=self.client.requests_sent - self._first_request))

    async def _pass(self, full: bool,
                    progress: Callable[[SyncProgress], None] | None) -> SyncSummary:
        summary = SyncSummary()
        first_request = self._first_request
        started = time.monotonic()
        full_from = 1 if full else self._pending_full_pass()
        await self._reference_data()
        today = self.clock().date()
        known = self.store.candidate_versions()
        seen: set[str] = set()
        totals: set[int | None] = set()
        unreadable_candidates = 0
        done = 0
        async for page in self.client.iter_candidate_pages():
            totals.add(page.total)
            unreadable_candidates += page.skipped
            seen.update(candidate.id for candidate in page.items)
            refetch_all = 0 < full_from <= page.page
            fresh = [c for c in page.items
                     if not (c.gdpr_expiry_date is not None and c.gdpr_expiry_date < today)]
            stale = [c for c in fresh if refetch_all or _moved(c, known)]
            listings = await _bounded(self._listing, [c.id for c in stale])
            if refetch_all:
                full_from = page.page + 1
            self._commit_page(page.page, full_from, stale, listings, known, summary)
            done += len(page.items) + page.skipped
            if progress is not None:
                progress(self._progress(done, page.total, first_request, started))
        summary.skipped += unreadable_candidates
        if unreadable_candidates == 0 and _agrees(totals, len(seen)):
            removed = set(known) - seen
            if removed:
                self.store.delete_candidates(removed)
                summary.deleted += len(removed)
        else:
            log.warning("candidate listing incomplete or shifting; deletions wait for next sync")
        self.store.set_state(CURSOR_KEY, None)
        summary.purged = self.store.purge_expired(today).candidates
        self.store.set_last_synced_at(self.clock())
        summary.requests = self.client.requests_sent - first_request
        log.info("sync finished: %s", summary.line())
        return summary

    def _pending_full_pass(self) -> int:
        """The first page an interrupted `full` pass has not refreshed yet, or 0 for none."""
        text = self.store.get_state(CURSOR_KEY)
        try:
            return int(json.loads(text or "{}").get("full_from") or 0)
        except (ValueError, TypeError, AttributeError):
            return 0

    async def _reference_data(self) -> None:
        """Agents and jobs: few, so always read whole; the ones gone remotely go locally (only
        when every record could be read, or an unreadable one would look deleted)."""
        agents = await _read_all(self.client.list_agents)
        jobs = await _read_all(self.client.list_jobs)
        with self.store.transaction():
            self.store.save_agents(agents.items)
            self.store.save_jobs(jobs.items)
            if agents.complete:
                self.store.delete_agents(self.store.ids("agents") - {a.id for a in agents.items})
            if jobs.complete:
                self.store.delete_jobs(self.store.ids("jobs") - {j.id for j in jobs.items})

    async def _listing(self, candidate_id: str) -> _Listing[Interview] | None:
        """All of a candidate's interviews, or None when the API says the candidate is gone."""
        try:
            return await _read_all(partial(self.client.list_interviews, candidate_id))
        except NotFoundError:
            return None

    def _commit_page(self, page_number: int, full_from: int, stale: list[Candidate],
                     listings: list[_Listing[Interview] | None], known: Versions,
                     summary: SyncSummary) -> None:
        """One page of changes and the cursor past it, all or nothing."""
        with self.store.transaction():
            gone = [c.id for c, listing in zip(stale, listings, strict=True) if listing is None]
            self.store.save_candidates([c for c, listing in zip(stale, listings, strict=True)
                                        if listing is not None])
            if gone:
                self.store.delete_candidates(gone)
                summary.deleted += sum(1 for candidate_id in gone if candidate_id in known)
            arrived: list[Interview] = []  # new candidates' interviews: saved in one batch
            for candidate, listing in zip(stale, listings, strict=True):
                if listing is None:
                    continue
                summary.skipped += listing.skipped
                if candidate.id not in known:
                    summary.created += 1
                    arrived += listing.items
                    continue
                before = self.store.interviews_of(candidate.id)
                if listing.complete:
                    kept = {interview.id for interview in listing.items}
                    for interview_id in self.store.interview_ids_of(candidate.id) - kept:
                        self.store.delete_interview(interview_id)
                self.store.save_interviews(listing.items)
                if _moved(candidate, known) or self.store.interviews_of(candidate.id) != before:
                    summary.updated += 1
            self.store.save_interviews(arrived)
            self.store.set_state(CURSOR_KEY, json.dumps({"page": page_number,
                                                         "full_from": full_from or None}))

    def _progress(self, done: int, total: int | None, first_request: int,
                  started: float) -> SyncProgress:
        elapsed = time.monotonic() - started
        eta = elapsed / done * max(0, total - done) if total and done else None
        self._latest = SyncProgress(done, total, self.client.requests_sent - first_request, eta)
        return self._latest


def _moved(candidate: Candidate, known: Versions) -> bool:
    """New to the cache, or one of its change markers differs from the cached ones."""
    updated_at = candidate.updated_at.isoformat() if candidate.updated_at else None
    markers = (updated_at, candidate.interview_count, candidate.analysis_count)
    return known.get(candidate.id) != markers


async def _bounded(fetch: Callable[[str], Awaitable[T]], keys: list[str]) -> list[T]:
    """fetch(key) for every key with at most FETCH_CONCURRENCY in flight, results in order; on
    the first failure the rest are cancelled and that failure is raised as it is (not as a
    group), so callers catch OfflineError like any other."""
    gate = asyncio.Semaphore(FETCH_CONCURRENCY)

    async def gated(key: str) -> T:
        async with gate:
            return await fetch(key)

    tasks = [asyncio.ensure_future(gated(key)) for key in keys]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
