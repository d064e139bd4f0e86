"""What the store's read queries return for the candidate list, the first screen: small
frozen records shaped for it. The other sections' records are in section_rows.py, apart: each
frozen dataclass costs about 5 M instructions to create (its methods are generated and
compiled), and the desk's cold start needs only these."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import NamedTuple


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


class PurgeReport(NamedTuple):
    """What a GDPR purge removed (a named tuple: the purge runs as the desk starts, and a
    frozen dataclass's generated methods cost the cold start about 5 M instructions)."""

    candidates: int = 0
    interviews: int = 0
    transcript_turns: int = 0
