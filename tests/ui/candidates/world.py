"""A small company written straight into the cache for the candidate list's tests.

Names, ratings and GDPR dates are chosen to sit on the boundaries the list cares about:
expiring within 14 days (and on day 15), unrated, and a name that contains markup."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.domain.enums import AnalysisStatus, InterviewStatus
from app.domain.models import (
    Agent,
    Analysis,
    Candidate,
    GeneralAnalysis,
    Interview,
    Job,
)
from app.store import Store

TODAY = date(2026, 12, 1)
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

AGENT = Agent(id="agent-1", name="Sofia", type="ONLINE", focus="SCREENING", duration=15)
BACKEND = Job(id="job-backend", title="Backend Engineer")
NURSE = Job(id="job-nurse", title="Night Nurse")

PEOPLE = [
    # key, first, last, job, GDPR days left, latest rating (None: never interviewed)
    ("ada", "Ada", "Lovelace", BACKEND, 200, 91),
    ("ben", "Ben", "Okafor", NURSE, 14, 55),
    ("cleo", "Cleo", "Marsh", BACKEND, 15, 72),
    ("dan", "Dan", "Novak", NURSE, 90, None),
    ("eva", "Eva", "Král", BACKEND, 3, 38),
    ("mark", "[red]Mark[/red]", "Up", NURSE, 60, 64),
]


def candidates() -> list[Candidate]:
    return [
        Candidate(
            id=f"cand-{key}",
            first_name=first,
            last_name=last,
            email=f"{key}@example.com",
            phone_number="+421900000001",
            status="APPLIED",
            job_ids=[job.id],
            gdpr_expiry_date=TODAY + timedelta(days=days),
            interview_count=0 if rating is None else 1,
        )
        for key, first, last, job, days, rating in PEOPLE
    ]


def interviews() -> list[Interview]:
    return [
        Interview(
            id=f"int-{key}",
            candidate_id=f"cand-{key}",
            agent_id=AGENT.id,
            job_id=job.id,
            status=InterviewStatus.COMPLETED,
            scheduled_at=START - timedelta(days=1),
            analysis=Analysis(
                general=GeneralAnalysis(status=AnalysisStatus.COMPLETED, overall_rating=rating)
            ),
        )
        for key, _first, _last, job, _days, rating in PEOPLE
        if rating is not None
    ]


def fill(store: Store) -> None:
    with store.transaction():
        store.save_agents([AGENT])
        store.save_jobs([BACKEND, NURSE])
        store.save_candidates(candidates())
        store.save_interviews(interviews())
        store.set_last_synced_at(START)
