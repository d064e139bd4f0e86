"""Replication: bring the cache up to date with the API in batches, within the rate limits.

The API lists interviews one candidate at a time, so a first sync of a real account is as slow
as the rate limit (2,000 candidates on the default plan: half an hour). It is built to be
usable at once and complete at the API's speed limit (issue 22):

1. Agents and jobs (a page or two), then the candidates, a page of 100 a request, each page
   committed as it arrives: the list, its filters and search work on them within seconds.
2. Then each candidate's interviews, one listing per candidate whose change markers (updatedAt,
   the interview count, the analysis count) moved since its interviews were last listed, in
   priority order (`Store.listings_due`): recent activity or a call running or due first, then
   candidates on open jobs, last the old and closed ones. A candidate the API says has no
   interview costs no request. Listings land in the cache in order, in small transactions that
   also record them as listed, so a sync stopped anywhere (quit, SIGKILL, offline) continues
   with the next one due, in the same order, and never re-lists what it has.

The API keeps no cross-candidate interview index, so these markers are the only cheap signal;
the sandbox moves a candidate's updatedAt whenever one of its interviews changes, and the
analysis count moves with every finished analysis on any server. Interviews happening right now
are also followed one by one by the live watcher while the desk is open, and `full=True`
re-lists every candidate for a server whose markers lag (an interrupted full pass carries on).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Generic, TypeVar

from app.api.client import PAGE_LIMIT, InterviewsClient, next_page
from app.api.errors import NotFoundError
from app.api.wire import Page
from app.domain.models import Candidate, Interview
from app.store import Store
from app.sync.progress import SyncProgress

__all__ = ["FULL_PASS_KEY", "Replicator", "SyncProgress", "SyncSummary"]

log = logging.getLogger(__name__)
FULL_PASS_KEY = "full_pass"  # sync_state: a `full` pass's listings are not all made yet
LISTINGS_IN_FLIGHT = 8  # interview listings on the wire at once; the limiter still paces
COMMIT_EVERY_SECONDS = 0.5  # listings that arrived are in the cache at least this often,
COMMIT_EVERY_LISTINGS = 25  # and at most this many are lost with a stopped sync
RECENT_DAYS = 14  # a candidate updated this recently is listed among the first
PACE_SAMPLE = 8  # requests before the pace seen so far says anything about the rest
M = TypeVar("M")

Versions = dict[str, tuple[str | None, int | None, int | None]]


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


async def _read_all(list_page: Callable[..., Awaitable[Page[M]]], what: str) -> _Listing[M]:
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
        number = next_page(number, what)


class Replicator:
    def __init__(self, client: InterviewsClient, store: Store,
                 clock: Callable[[], datetime]) -> None:
        self.client = client
        self.store = store
        self.clock = clock
        self._report: Callable[[SyncProgress], None] | None = None
        self._latest = SyncProgress(0, None)
        self._first_request = 0
        self._started = 0.0
        self._with_interviews = [0, 0]  # of the candidates read, how many will need a listing

    async def sync(self, *, full: bool = False,
                   progress: Callable[[SyncProgress], None] | None = None) -> SyncSummary:
        """One replication pass; raises the client's errors (OfflineError, MissingScopeError…)
        with everything committed before the failure kept."""
        self._report = progress
        self._latest = SyncProgress(0, None)
        self._first_request = self.client.requests_sent
        self._started = time.monotonic()
        self._with_interviews = [0, 0]
        if progress is not None:
            self.client.limiter.on_wait = self._waiting
        try:
            return await self._pass(full)
        finally:
            self.client.limiter.on_wait = None
            self._report = None

    @property
    def latest(self) -> SyncProgress:
        """Where the last (or running) sync got to: after a failure, what is still missing."""
        return self._latest

    @property
    def _requests(self) -> int:
        return self.client.requests_sent - self._first_request

    def _waiting(self, seconds: float) -> None:
        """Say why the sync stands still: the rate limit holds the next request."""
        if self._report is not None:
            self._report(replace(self._latest, waiting_seconds=seconds,
                                 waiting_for_hour=self.client.limiter.waits_for_the_hour(),
                                 waiting_until=self.clock() + timedelta(seconds=seconds),
                                 requests=self._requests))

    def _progress(self, **changes: object) -> None:
        """Tell the listener where the sync is, with what is left and when it will be done at
        the pace the budget allows (or the pace seen so far, when that is slower)."""
        latest = replace(self._latest, **changes)  # type: ignore[arg-type]
        limiter = self.client.limiter
        left = _requests_left(latest, self._with_interviews)
        eta = None
        if left:
            eta = limiter.seconds_for(left)
            if self._requests >= PACE_SAMPLE:
                seen = (time.monotonic() - self._started) / self._requests * left
                eta = seen if eta is None else max(eta, seen)
        self._latest = replace(latest, requests=self._requests, requests_left=left,
                               eta_seconds=eta, per_minute=limiter.per_minute(),
                               hour_left=limiter.hour_left(), waiting_seconds=None,
                               waiting_for_hour=False, waiting_until=None)
        if self._report is not None:
            self._report(self._latest)

    async def _pass(self, full: bool) -> SyncSummary:
        summary = SyncSummary()
        await self._reference_data()
        if full:
            with self.store.transaction():
                self.store.forget_listings()
                self.store.set_state(FULL_PASS_KEY, "1")
        known = self.store.candidate_versions()
        updated: set[str] = set()
        await self._candidates(known, summary, updated)
        await self._listings(known, summary, updated)
        summary.updated = len(updated)
        self.store.set_state(FULL_PASS_KEY, None)
        summary.purged = self.store.purge_expired(self.clock().date()).candidates
        self.store.set_last_synced_at(self.clock())
        summary.requests = self._requests
        log.info("sync finished: %s", summary.line())
        return summary

    async def _reference_data(self) -> None:
        """Agents and jobs: few, so always read whole; the ones gone remotely go locally (only
        when every record could be read, or an unreadable one would look deleted)."""
        agents = await _read_all(self.client.list_agents, "/agents")
        jobs = await _read_all(self.client.list_jobs, "/jobs")
        with self.store.transaction():
            self.store.save_agents(agents.items)
            self.store.save_jobs(jobs.items)
            if agents.complete:
                self.store.delete_agents(self.store.ids("agents") - {a.id for a in agents.items})
            if jobs.complete:
                self.store.delete_jobs(self.store.ids("jobs") - {j.id for j in jobs.items})

    async def _candidates(self, known: Versions, summary: SyncSummary,
                          updated: set[str]) -> None:
        """Every page of candidates, each in the cache as soon as it arrives (one
        transaction a page); then the ones gone remotely go locally."""
        today = self.clock().date()
        seen: set[str] = set()
        totals: set[int | None] = set()
        unreadable = 0
        async for page in self.client.iter_candidate_pages():
            totals.add(page.total)
            unreadable += page.skipped
            seen.update(candidate.id for candidate in page.items)
            expired = [c for c in page.items
                       if c.gdpr_expiry_date is not None and c.gdpr_expiry_date < today]
            expired_ids = {c.id for c in expired}
            fresh = [c for c in page.items if c.id not in expired_ids]
            moved = [c for c in fresh if _moved(c, known)]
            # The expired go to the store too: it refuses them, but learns their date.
            self.store.save_candidates(moved + [c for c in expired if c.id in known])
            summary.created += sum(1 for c in moved if c.id not in known)
            updated.update(c.id for c in moved if c.id in known)
            self._with_interviews[0] += sum(1 for c in moved if c.interview_count != 0)
            self._with_interviews[1] += len(fresh)
            self._progress(candidates_done=self._latest.candidates_done + len(page.items)
                           + page.skipped, candidates_total=page.total)
        summary.skipped += unreadable
        if unreadable == 0 and _agrees(totals, len(seen)):
            removed = set(known) - seen
            if removed:
                self.store.delete_candidates(removed)
                summary.deleted += len(removed)
        else:
            log.warning("candidate listing incomplete or shifting; deletions wait for next sync")

    async def _listings(self, known: Versions, summary: SyncSummary,
                        updated: set[str]) -> None:
        """Each due candidate's interviews, most useful first, committed in order as they
        arrive, with their candidates recorded as listed."""
        now = self.clock()
        due = self.store.listings_due(recent_since=now - timedelta(days=RECENT_DAYS),
                                      today=now.date())
        if not self.store.get_state(FULL_PASS_KEY):
            settled = set(self.store.settle_empty_listings(due))
            due = [candidate_id for candidate_id in due if candidate_id not in settled]
        self._progress(listings_done=0, listings_total=len(due))
        queue = iter(due)
        in_flight: deque[tuple[str, asyncio.Future[_Listing[Interview] | None]]] = deque()
        arrived: list[tuple[str, _Listing[Interview] | None]] = []
        last_commit = time.monotonic()

        def top_up() -> None:
            while len(in_flight) < LISTINGS_IN_FLIGHT:
                candidate_id = next(queue, None)
                if candidate_id is None:
                    return
                in_flight.append((candidate_id,
                                  asyncio.ensure_future(self._listing(candidate_id))))

        try:
            top_up()
            while in_flight:
                candidate_id, task = in_flight[0]
                try:
                    listing = await task
                except Exception:
                    self._commit_listings(arrived, known, summary, updated)  # keep what came
                    raise
                in_flight.popleft()
                top_up()
                arrived.append((candidate_id, listing))
                if (not in_flight or len(arrived) >= COMMIT_EVERY_LISTINGS
                        or time.monotonic() - last_commit >= COMMIT_EVERY_SECONDS):
                    self._commit_listings(arrived, known, summary, updated)
                    last_commit = time.monotonic()
        finally:
            for _, task in in_flight:
                task.cancel()
            await asyncio.gather(*(task for _, task in in_flight), return_exceptions=True)

    async def _listing(self, candidate_id: str) -> _Listing[Interview] | None:
        """All of a candidate's interviews, or None when the API says the candidate is gone."""
        try:
            return await _read_all(partial(self.client.list_interviews, candidate_id),
                                   "/interviews")
        except NotFoundError:
            return None

    def _commit_listings(self, arrived: list[tuple[str, _Listing[Interview] | None]],
                         known: Versions, summary: SyncSummary, updated: set[str]) -> None:
        """Listings that arrived, and their candidates marked as listed, all or nothing;
        `arrived` is emptied."""
        if not arrived:
            return
        with self.store.transaction():
            gone = [candidate_id for candidate_id, listing in arrived if listing is None]
            if gone:
                self.store.delete_candidates(gone)
                summary.deleted += sum(1 for candidate_id in gone if candidate_id in known)
            fresh: list[Interview] = []  # interviews of candidates new to the cache: one batch
            for candidate_id, listing in arrived:
                if listing is None:
                    continue
                summary.skipped += listing.skipped
                unmoved = candidate_id in known and candidate_id not in updated
                if not self.store.interview_ids_of(candidate_id):
                    fresh += listing.items
                    if unmoved and listing.items:
                        updated.add(candidate_id)
                    continue
                before = self.store.interviews_of(candidate_id) if unmoved else None
                if listing.complete:
                    kept = {interview.id for interview in listing.items}
                    for interview_id in self.store.interview_ids_of(candidate_id) - kept:
                        self.store.delete_interview(interview_id)
                self.store.save_interviews(listing.items)
                if unmoved and self.store.interviews_of(candidate_id) != before:
                    updated.add(candidate_id)
            self.store.save_interviews(fresh)
            self.store.mark_listed(candidate_id for candidate_id, listing in arrived
                                   if listing is not None)
        self._progress(listings_done=self._latest.listings_done + len(arrived))
        arrived.clear()


def _requests_left(progress: SyncProgress, with_interviews: list[int]) -> int | None:
    """The requests the rest of a sync needs: the candidate pages not read yet and the
    listings not made yet; while candidates still arrive, their listings are guessed from
    the share of those seen that have interviews."""
    if progress.listing:
        return max(0, (progress.listings_total or 0) - progress.listings_done)
    if progress.candidates_total is None:
        return None
    unread = max(0, progress.candidates_total - progress.candidates_done)
    with_any, seen = with_interviews
    share = with_any / seen if seen else 1.0
    return math.ceil(unread / PAGE_LIMIT) + round(share * progress.candidates_total)


def _moved(candidate: Candidate, known: Versions) -> bool:
    """New to the cache, or one of its change markers differs from the cached ones."""
    updated_at = candidate.updated_at.isoformat() if candidate.updated_at else None
    markers = (updated_at, candidate.interview_count, candidate.analysis_count)
    return known.get(candidate.id) != markers
