"""The live watcher: keeps interviews that are about to start, running, or waiting for their
analysis fresh, most urgent first, within the rate-limit budget left.

It takes at most a quarter of what is left in the current minute for one poll and spaces polls
so that share lasts until the window resets, leaving the rest for a sync and for the
recruiter's own actions; so normal use never meets a 429. Offline it raises OfflineError and the
App shows OFFLINE and tries again later.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.api.client import InterviewsClient
from app.api.errors import NotFoundError, UnreadableAnswerError
from app.domain.enums import AnalysisStatus, InterviewStatus
from app.domain.models import Interview
from app.store import Store
from app.store.section_rows import MonitorEntry

log = logging.getLogger(__name__)

FAST_SECONDS = 3.0  # something is running or starts within STARTING_SOON_SECONDS
CALM_SECONDS = 15.0
IDLE_SECONDS = 30.0  # nothing live
STARTING_SOON_SECONDS = 120.0
BUDGET_SHARE = 4  # one poll uses at most a quarter of what is left this minute
RESERVE = 5  # below this many requests left, wait for the window to reset
UNKNOWN_BUDGET_POLLS = 10  # before any response has told us the budget


@dataclass(frozen=True)
class InterviewEvent:
    kind: str  # "status_changed" or "analysis_ready"
    interview_id: str
    candidate_name: str | None
    old_status: str | None
    new_status: str | None


@dataclass
class PollResult:
    events: list[InterviewEvent] = field(default_factory=list)
    next_delay_seconds: float = IDLE_SECONDS
    polled: int = 0


def urgency(row: MonitorEntry, now: datetime) -> tuple[int, float]:
    """Running first, then by start time (overdue before due), then analyses awaited."""
    if row.status == InterviewStatus.IN_PROGRESS:
        return (0, 0.0)
    if row.status == InterviewStatus.SCHEDULED and row.scheduled_at is not None:
        return (1, (row.scheduled_at - now).total_seconds())
    return (2, 0.0)


def _urgent(row: MonitorEntry, now: datetime) -> bool:
    rank, seconds = urgency(row, now)
    return rank == 0 or (rank == 1 and seconds < STARTING_SOON_SECONDS)


class LiveWatcher:
    def __init__(self, client: InterviewsClient, store: Store, clock: Callable[[], datetime],
                 *, wall_clock: Callable[[], float] = time.time) -> None:
        self.client = client
        self.store = store
        self.clock = clock
        self.wall_clock = wall_clock
        self._polls = 0
        self._last_polled: dict[str, int] = {}

    def _turn(self, row: MonitorEntry, now: datetime) -> tuple[bool, int, tuple[int, float]]:
        """Urgent interviews first, every time; the rest take turns, longest unpolled first,
        so a thin budget still reaches every analysis that is awaited."""
        urgent = _urgent(row, now)
        waited = 0 if urgent else self._last_polled.get(row.interview_id, 0)
        return (not urgent, waited, urgency(row, now))

    async def poll_once(self) -> PollResult:
        """Re-read the most urgent live interviews the budget allows and report what moved."""
        now = self.clock()
        live = sorted(self.store.live_interviews(now), key=lambda row: self._turn(row, now))
        if not live:
            return PollResult(next_delay_seconds=IDLE_SECONDS)
        allowed = self._allowed()
        if allowed == 0:
            return PollResult(next_delay_seconds=self._until_reset())
        chosen = live[:allowed]
        self._polls += 1
        for row in chosen:
            self._last_polled[row.interview_id] = self._polls
        fresh: list[Interview] = []
        gone: list[str] = []
        for row in chosen:
            try:
                fresh.append(await self.client.get_interview(row.interview_id))
            except NotFoundError:
                gone.append(row.interview_id)
            except UnreadableAnswerError as error:  # one bad answer must not stop the rest
                log.warning("live watch skipped interview %s: %s", row.interview_id, error)
        with self.store.transaction():
            # What the store refuses (a candidate purged under GDPR while we asked) is neither
            # kept nor announced.
            saved = self.store.save_interviews(fresh)
            for interview_id in gone:
                self.store.delete_interview(interview_id)
        base = FAST_SECONDS if any(_urgent(row, now) for row in live) else CALM_SECONDS
        return PollResult(_events({row.interview_id: row for row in chosen}, saved),
                          max(base, self._spacing(len(chosen))), len(chosen))

    def _allowed(self) -> int:
        """How many interviews this poll may read."""
        remaining = self.client.rate_limit.remaining_minute
        if remaining is None:
            return UNKNOWN_BUDGET_POLLS
        if remaining <= RESERVE:
            return 0
        return max(1, remaining // BUDGET_SHARE)

    def _spacing(self, polled: int) -> float:
        """Seconds to wait so polls like this one keep within our share of each window."""
        state = self.client.rate_limit
        spacing = 0.0
        for remaining, reset in ((state.remaining_minute, state.reset_minute),
                                 (state.remaining_hour, state.reset_hour)):
            if remaining is None or reset is None:
                continue
            window_left = max(0.0, reset - self.wall_clock())
            share = max(1.0, (remaining - RESERVE) / BUDGET_SHARE)
            spacing = max(spacing, polled * window_left / share)
        return spacing

    def _until_reset(self) -> float:
        reset = self.client.rate_limit.reset_minute
        if reset is None:
            return IDLE_SECONDS
        return max(1.0, reset - self.wall_clock() + 1.0)


def _events(before: dict[str, MonitorEntry], fresh: list[Interview]) -> list[InterviewEvent]:
    events = []
    for interview in fresh:
        old = before[interview.id]
        new_status = str(interview.status)
        name = old.candidate_name
        if new_status != old.status:
            events.append(InterviewEvent("status_changed", interview.id, name, old.status,
                                         new_status))
        ready = interview.analysis is not None and interview.analysis.is_ready
        if ready and old.analysis_status != AnalysisStatus.COMPLETED:
            events.append(InterviewEvent("analysis_ready", interview.id, name, old.status,
                                         new_status))
    return events
