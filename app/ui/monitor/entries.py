"""What the monitor shows about one interview, how interviews fall into its three groups, and
the filters a recruiter can narrow them with.

The monitor reads these from the store only when the cache changes; between reads the
countdowns and elapsed bars are recomputed from the entries and the clock alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.domain.enums import AnalysisStatus, Channel, InterviewStatus, parse_tolerant
from app.store import Store
from app.store.rows import MonitorRow


class Group(StrEnum):
    """The monitor's three sections, in the order they appear."""

    SCHEDULED = "scheduled"
    IN_PROGRESS = "in progress"
    FINISHED = "finished"

    @property
    def title(self) -> str:
        return {
            Group.SCHEDULED: "Scheduled",
            Group.IN_PROGRESS: "In progress",
            Group.FINISHED: "Finished in the last 24 hours",
        }[self]


@dataclass(frozen=True)
class MonitorEntry:
    """One interview as the monitor shows it; equal entries need no repaint and no flash."""

    interview_id: str
    status: InterviewStatus | str
    candidate_name: str
    job_id: str | None = None
    job_title: str | None = None
    agent_id: str | None = None
    agent_name: str | None = None
    channel: Channel | str | None = None
    scheduled_at: datetime | None = None
    started_at: datetime | None = None
    duration_minutes: float | None = None
    finished_at: datetime | None = None
    analysis_status: AnalysisStatus | str | None = None

    @property
    def group(self) -> Group:
        if self.status == InterviewStatus.SCHEDULED:
            return Group.SCHEDULED
        if self.status == InterviewStatus.IN_PROGRESS:
            return Group.IN_PROGRESS
        return Group.FINISHED

    @property
    def is_phone(self) -> bool:
        return self.channel == Channel.PHONE


def arrange(entries: Iterable[MonitorEntry]) -> dict[Group, list[MonitorEntry]]:
    """Entries by group: scheduled soonest first, running longest first, finished latest first."""
    groups: dict[Group, list[MonitorEntry]] = {group: [] for group in Group}
    for entry in entries:
        groups[entry.group].append(entry)
    groups[Group.SCHEDULED].sort(
        key=lambda e: (e.scheduled_at is None, e.scheduled_at or 0, e.interview_id)
    )
    groups[Group.IN_PROGRESS].sort(
        key=lambda e: (e.started_at is None, e.started_at or 0, e.interview_id)
    )
    groups[Group.FINISHED].sort(
        key=lambda e: (e.finished_at is not None, e.finished_at or 0, e.interview_id),
        reverse=True,
    )
    return groups


SCHEDULED_AHEAD = timedelta(hours=24)


def is_later(entry: MonitorEntry, now: datetime) -> bool:
    """Scheduled beyond the next 24 hours: shown only when the recruiter asks for scheduled ones,
    so a month of bookings does not push the running interviews off the screen."""
    return (
        entry.group is Group.SCHEDULED
        and entry.scheduled_at is not None
        and entry.scheduled_at - now > SCHEDULED_AHEAD
    )


FILTER_STATUSES = (
    InterviewStatus.SCHEDULED,
    InterviewStatus.IN_PROGRESS,
    InterviewStatus.COMPLETED,
    InterviewStatus.FAILED,
    InterviewStatus.CANCELLED,
)


@dataclass(frozen=True)
class MonitorFilter:
    """Narrow the monitor to one status, one job and/or one agent (None: any)."""

    status: InterviewStatus | None = None
    job_id: str | None = None
    agent_id: str | None = None

    @property
    def active(self) -> bool:
        return any(value is not None for value in (self.status, self.job_id, self.agent_id))

    def matches(self, entry: MonitorEntry) -> bool:
        return (
            (self.status is None or entry.status == self.status)
            and (self.job_id is None or entry.job_id == self.job_id)
            and (self.agent_id is None or entry.agent_id == self.agent_id)
        )


def entry_of(row: MonitorRow) -> MonitorEntry:
    """A store row in the monitor's words. A running interview counts from its start time."""
    return MonitorEntry(
        interview_id=row.interview_id,
        status=parse_tolerant(InterviewStatus, row.status) or InterviewStatus.UNDEFINED,
        candidate_name=row.candidate_name,
        job_id=row.job_id,
        job_title=row.job_title,
        agent_id=row.agent_id,
        agent_name=row.agent_name,
        channel=parse_tolerant(Channel, row.channel),
        scheduled_at=row.scheduled_at,
        started_at=row.scheduled_at,
        duration_minutes=row.duration_minutes,
        finished_at=row.finished_at,
        analysis_status=parse_tolerant(AnalysisStatus, row.analysis_status),
    )


def entries_from_store(store: Store, now: datetime) -> list[MonitorEntry]:
    """Scheduled and running interviews, and those finished in the last 24 hours."""
    return [entry_of(row) for row in store.monitor_rows(now)]
