"""What the store's read queries return for the sections past the candidate list (a
candidate's interviews, the analysis viewer, the monitor, a job's ratings, search, the review
queue): small frozen records shaped for the screens.

Apart from rows.py because the desk's cold start paints the candidate list without them: the
queries that return them import this module when first called."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.enums import AnalysisStatus, Channel, InterviewStatus

if TYPE_CHECKING:
    from app.domain.models import Agent, Candidate, Interview, Job


@dataclass(frozen=True)
class InterviewRow:
    """One interview of a candidate, as the candidate detail lists it."""

    id: str
    status: str | None
    scheduled_at: datetime | None
    agent_name: str | None
    focus: str | None
    channel: str | None
    job_title: str | None
    analysis_status: str | None
    rating: float | None


@dataclass(frozen=True)
class InterviewView:
    """Everything the analysis viewer shows about one interview, from the cache."""

    interview: Interview
    candidate: Candidate | None
    agent: Agent | None
    job: Job | None


@dataclass(frozen=True)
class MonitorEntry:
    """One interview as the monitor shows it and the live watcher polls it, its statuses and
    channel in the domain's words (text the domain does not know stays text). Equal entries
    need no repaint and no flash."""

    interview_id: str
    status: InterviewStatus | str
    candidate_name: str
    job_id: str | None = None
    job_title: str | None = None
    agent_id: str | None = None
    agent_name: str | None = None
    channel: Channel | str | None = None
    # The API says when an interview was due, not when its call began: a running interview
    # counts from this time too.
    scheduled_at: datetime | None = None
    duration_minutes: float | None = None
    finished_at: datetime | None = None
    analysis_status: AnalysisStatus | str | None = None

    @property
    def is_phone(self) -> bool:
        return self.channel == Channel.PHONE


@dataclass(frozen=True)
class RankedCandidate:
    candidate_id: str
    name: str
    interview_id: str
    rating: float


@dataclass(frozen=True)
class JobRatings:
    """A job's rating distribution and its candidates ranked best first."""

    job_id: str
    ratings: list[float]
    ranked: list[RankedCandidate] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.ratings)

    @property
    def mean(self) -> float | None:
        return sum(self.ratings) / len(self.ratings) if self.ratings else None

    @property
    def median(self) -> float | None:
        if not self.ratings:
            return None
        ordered = sorted(self.ratings)
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[middle]
        return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class SearchHit:
    """One full-text hit: in a transcript turn (`turn` set) or an analysis point."""

    interview_id: str
    candidate_id: str | None
    candidate_name: str
    kind: str  # transcript, strong, weak, evaluation
    turn: int | None
    snippet: str  # the hit's text with [[ ]] around matched words


@dataclass(frozen=True)
class AnalysedInterview:
    """An interview with a completed analysis, as the review queue lists it."""

    interview_id: str
    candidate_id: str
    candidate_name: str
    job_id: str | None
    job_title: str | None
    focus: str | None
    finished_at: datetime | None
    rating: float | None
