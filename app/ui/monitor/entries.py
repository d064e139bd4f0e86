"""How the monitor's entries (app.store.section_rows.MonitorEntry) fall into its three groups, and
the filters a recruiter can narrow them with.

The monitor reads its entries from the store only when the cache changes; between reads the
countdowns and elapsed bars are recomputed from the entries and the clock alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.domain.enums import InterviewStatus
from app.store.section_rows import MonitorEntry


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


def group_of(entry: MonitorEntry) -> Group:
    """The section an interview is shown in: anything neither scheduled nor running is over."""
    if entry.status == InterviewStatus.SCHEDULED:
        return Group.SCHEDULED
    if entry.status == InterviewStatus.IN_PROGRESS:
        return Group.IN_PROGRESS
    return Group.FINISHED


def arrange(entries: Iterable[MonitorEntry]) -> dict[Group, list[MonitorEntry]]:
    """Entries by group: scheduled soonest first, running longest first, finished latest first."""
    groups: dict[Group, list[MonitorEntry]] = {group: [] for group in Group}
    for entry in entries:
        groups[group_of(entry)].append(entry)
    # A running interview counts from its scheduled time: soonest first is longest first.
    groups[Group.SCHEDULED].sort(key=_by_scheduled_time)
    groups[Group.IN_PROGRESS].sort(key=_by_scheduled_time)
    groups[Group.FINISHED].sort(
        key=lambda e: (e.finished_at is not None, e.finished_at or 0, e.interview_id),
        reverse=True,
    )
    return groups


def _by_scheduled_time(entry: MonitorEntry) -> tuple[bool, datetime | int, str]:
    return (entry.scheduled_at is None, entry.scheduled_at or 0, entry.interview_id)


SCHEDULED_AHEAD = timedelta(hours=24)


def is_later(entry: MonitorEntry, now: datetime) -> bool:
    """Scheduled beyond the next 24 hours: shown only when the recruiter asks for scheduled ones,
    so a month of bookings does not push the running interviews off the screen."""
    return (
        group_of(entry) is Group.SCHEDULED
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
