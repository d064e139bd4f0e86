"""The live watcher: keeps interviews that are about to start, running, or waiting for their
analysis fresh, most urgent first, within the rate-limit budget left."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.api.client import InterviewsClient
from app.api.errors import NotFoundError
from app.domain.enums import AnalysisStatus, InterviewStatus
from app.domain.models import Interview
from app.store import MonitorRow, Store

FAST_SECONDS = 3.0
CALM_SECONDS = 15.0
IDLE_SECONDS = 30.0
BUDGET_SHARE = 4  # use at most a quarter of what is left this minute per poll


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


def urgency(row: MonitorRow, now: datetime) -> tuple[int, float]:
    if row.status == InterviewStatus.IN_PROGRESS:
        return (0, 0.0)
    if row.status == InterviewStatus.SCHEDULED and row.scheduled_at is not None:
        return (1, (row.scheduled_at - now).total_seconds())
    return (2, 0.0)


class LiveWatcher:
    def __init__(self, client: InterviewsClient, store: Store,
                 clock: Callable[[], datetime]) -> None:
        self.client = client
        self.store = store
        self.clock = clock

    def _budget(self, wanted: int) -> int:
        remaining = self.client.rate_limit.remaining_minute
        if remaining is None:
            return min(wanted, 10)
        return max(1, min(wanted, remaining // BUDGET_SHARE))

    async def poll_once(self) -> PollResult:
        now = self.clock()
        live = sorted(self.store.live_interviews(now), key=lambda row: urgency(row, now))
        if not live:
            return PollResult(next_delay_seconds=IDLE_SECONDS)
        chosen = live[: self._budget(len(live))]
        fresh: list[Interview] = []
        gone: list[str] = []
        for row in chosen:
            try:
                fresh.append(await self.client.get_interview(row.interview_id))
            except NotFoundError:
                gone.append(row.interview_id)
        with self.store.transaction():
            self.store.save_interviews(fresh)
            for interview_id in gone:
                self.store.delete_interview(interview_id)
        events = self._events({row.interview_id: row for row in chosen}, fresh)
        soon = any(urgency(row, now)[0] == 0 or urgency(row, now)[1] < 120 for row in live)
        delay = FAST_SECONDS if soon else CALM_SECONDS
        remaining = self.client.rate_limit.remaining_minute
        if remaining is not None and remaining < 10:
            delay = max(delay, IDLE_SECONDS)
        return PollResult(events, delay, len(chosen))

    @staticmethod
    def _events(before: dict[str, MonitorRow], fresh: list[Interview]) -> list[InterviewEvent]:
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
