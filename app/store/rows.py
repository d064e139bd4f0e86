"""What the store's read queries return: small frozen records shaped for the screens."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from app.domain.enums import AnalysisStatus, Channel, InterviewStatus

if TYPE_CHECKING:
    from app.domain.models import Agent, Candidate, Interview, Job


class CandidateSort(StrEnum):
    """The orders of the candidate list, each named by the column it sorts (a `CandidateRow`
    field, the list's column key), so the screen, its table and the store say the same word."""

    NAME = "name"
    EMAIL = "email"
    JOBS = "job_titles"
    STATUS = "status"
    INTERVIEW_STATUS = "latest_interview_status"
    RATING = "latest_rating"
    INTERVIEWS = "interview_count"
    GDPR = "gdpr_days_left"


@dataclass(frozen=True)
class CandidateQuery:
    """The candidate list's text filter, structured filters and sort."""

    text: str | None = None
    job_id: str | None = None
    statuses: tuple[str, ...] | None = None
    interview_status: str | None = None
    rating_min: float | None = None
    rating_max: float | None = None
    interview_type: str | None = None
    expiring_within_days: int | None = None
    # The verdict filter, as ids (verdicts live in their own file): only these candidates, or
    # all but these (for "undecided").
    only_ids: tuple[str, ...] | None = None
    except_ids: tuple[str, ...] | None = None
    sort: CandidateSort = CandidateSort.NAME
    descending: bool = False

    @property
    def text_only(self) -> bool:
        """Filter text and nothing else (in any order): its count is the text's matches."""
        return bool(self.text) and replace(self, text=None, sort=CandidateSort.NAME,
                                           descending=False) == CandidateQuery()


@dataclass(frozen=True)
class CandidateRow:
    id: str
    name: str
    email: str | None
    job_titles: str
    status: str | None
    latest_interview_status: str | None
    latest_rating: float | None
    interview_count: int
    gdpr_days_left: int | None
    # The recruiter's verdict (advance, hold, reject; None undecided): from the verdict file,
    # filled in by the list for the rows it shows, not by the cache's query.
    verdict: str | None = None


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
class PurgeReport:
    candidates: int = 0
    interviews: int = 0
    transcript_turns: int = 0


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
