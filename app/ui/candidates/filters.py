"""The candidate list's structured filters: what the recruiter chose, as chips and as a query."""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.domain.labels import label

EXPIRING_SOON_DAYS = 14


@dataclass(frozen=True)
class CandidateFilters:
    """Everything that narrows the list besides the typed text."""

    job_id: str | None = None
    job_title: str | None = None
    status: str | None = None
    interview_status: str | None = None
    interview_type: str | None = None
    rating_min: float | None = None
    rating_max: float | None = None
    expiring_soon: bool = False
    verdict: str | None = None  # advance, hold, reject or undecided (d cycles)

    def chips(self) -> list[tuple[str, str]]:
        """(key, label) for each active filter, in a stable order."""
        chips = []
        if self.job_id:
            chips.append(("job", f"job: {self.job_title or self.job_id}"))
        if self.status:
            chips.append(("status", f"status: {label(self.status)}"))
        if self.interview_status:
            chips.append(("interview_status", f"interview: {label(self.interview_status)}"))
        if self.interview_type:
            chips.append(("interview_type", f"type: {label(self.interview_type)}"))
        if self.rating_min is not None or self.rating_max is not None:
            low = "0" if self.rating_min is None else f"{self.rating_min:g}"
            high = "100" if self.rating_max is None else f"{self.rating_max:g}"
            chips.append(("rating", f"rating {low}–{high}"))
        if self.expiring_soon:
            chips.append(("expiring", f"GDPR ≤ {EXPIRING_SOON_DAYS} days"))
        if self.verdict:
            chips.append(("verdict", f"verdict: {self.verdict}"))
        return chips

    def without(self, key: str) -> CandidateFilters:
        """These filters with one chip removed."""
        cleared = {
            "job": {"job_id": None, "job_title": None},
            "status": {"status": None},
            "interview_status": {"interview_status": None},
            "interview_type": {"interview_type": None},
            "rating": {"rating_min": None, "rating_max": None},
            "expiring": {"expiring_soon": False},
            "verdict": {"verdict": None},
        }[key]
        return replace(self, **cleared)
