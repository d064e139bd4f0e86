"""A small company with one interview in every status, written straight into the cache.

Times are relative to START, the frozen clock of every monitor test, so the countdowns and
elapsed bars in the snapshots never change between runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.domain.enums import AnalysisStatus, CallAttemptStatus, Channel, InterviewStatus
from app.domain.models import (
    Agent,
    Analysis,
    CallAttempt,
    Candidate,
    GeneralAnalysis,
    Interview,
    Job,
)
from app.store import Store

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

PHONE_AGENT = Agent(
    id="agent-phone", name="Paula", type=Channel.PHONE, focus="SCREENING", duration=15
)
ONLINE_AGENT = Agent(
    id="agent-online", name="Otto", type=Channel.ONLINE, focus="SCREENING", duration=20
)
BACKEND = Job(id="job-backend", title="Backend Engineer")
NURSE = Job(id="job-nurse", title="Night Nurse")


def candidate(key: str, first: str, last: str, job: Job) -> Candidate:
    return Candidate(
        id=f"cand-{key}",
        first_name=first,
        last_name=last,
        email=f"{first.lower()}@example.com",
        phone_number="+421900000001",
        job_ids=[job.id],
        gdpr_expiry_date=date(2027, 6, 1),
    )


def analysis(status: AnalysisStatus, rating: float | None = None) -> Analysis:
    return Analysis(general=GeneralAnalysis(status=status, overall_rating=rating))


CANDIDATES = [
    candidate("ada", "Ada", "Lovelace", BACKEND),
    candidate("ben", "Ben", "Okafor", NURSE),
    candidate("cleo", "Cleo", "Marsh", BACKEND),
    candidate("dan", "Dan", "Novak", NURSE),
    candidate("eva", "Eva", "Kral", BACKEND),
    candidate("finn", "Finn", "Berg", BACKEND),
    candidate("gus", "Gus", "Horvat", NURSE),
    candidate("hana", "Hana", "Sato", NURSE),
]


def interviews() -> list[Interview]:
    """Scheduled (phone, online, and one next week), in progress, completed, failed and
    cancelled."""
    return [
        Interview(
            id="int-scheduled-phone",
            candidate_id="cand-ada",
            agent_id=PHONE_AGENT.id,
            job_id=BACKEND.id,
            status=InterviewStatus.SCHEDULED,
            scheduled_at=START + timedelta(minutes=25, seconds=30),
            call_attempts=[
                CallAttempt(
                    id="att-ada-1",
                    status=CallAttemptStatus.SCHEDULED,
                    retry_number=0,
                    scheduled_at=START + timedelta(minutes=25, seconds=30),
                )
            ],
        ),
        Interview(
            id="int-scheduled-online",
            candidate_id="cand-ben",
            agent_id=ONLINE_AGENT.id,
            job_id=NURSE.id,
            status=InterviewStatus.SCHEDULED,
            scheduled_at=START + timedelta(hours=3, minutes=10),
        ),
        Interview(
            id="int-next-week",
            candidate_id="cand-hana",
            agent_id=ONLINE_AGENT.id,
            job_id=NURSE.id,
            status=InterviewStatus.SCHEDULED,
            scheduled_at=START + timedelta(days=6),
        ),
        Interview(
            id="int-running",
            candidate_id="cand-cleo",
            agent_id=PHONE_AGENT.id,
            job_id=BACKEND.id,
            status=InterviewStatus.IN_PROGRESS,
            scheduled_at=START - timedelta(minutes=6),
            call_attempts=[
                CallAttempt(
                    id="att-cleo-1",
                    status=CallAttemptStatus.IN_PROGRESS,
                    retry_number=0,
                    scheduled_at=START - timedelta(minutes=6),
                    called_at=START - timedelta(minutes=6),
                )
            ],
        ),
        Interview(
            id="int-completed",
            candidate_id="cand-dan",
            agent_id=ONLINE_AGENT.id,
            job_id=NURSE.id,
            status=InterviewStatus.COMPLETED,
            scheduled_at=START - timedelta(hours=1),
            finished_date=START - timedelta(minutes=40),
            analysis=analysis(AnalysisStatus.COMPLETED, 81),
        ),
        Interview(
            id="int-analysing",
            candidate_id="cand-gus",
            agent_id=ONLINE_AGENT.id,
            job_id=NURSE.id,
            status=InterviewStatus.COMPLETED,
            scheduled_at=START - timedelta(minutes=25),
            finished_date=START - timedelta(minutes=4),
            analysis=analysis(AnalysisStatus.PROCESSING),
        ),
        Interview(
            id="int-failed",
            candidate_id="cand-eva",
            agent_id=PHONE_AGENT.id,
            job_id=BACKEND.id,
            status=InterviewStatus.FAILED,
            scheduled_at=START - timedelta(hours=2),
            finished_date=START - timedelta(hours=2) + timedelta(minutes=1),
            call_attempts=[
                CallAttempt(
                    id="att-eva-1",
                    status=CallAttemptStatus.FAILED,
                    reason_code="NO_ANSWER",
                    retry_number=0,
                    scheduled_at=START - timedelta(hours=2),
                    called_at=START - timedelta(hours=2),
                )
            ],
        ),
        Interview(
            id="int-cancelled",
            candidate_id="cand-finn",
            agent_id=ONLINE_AGENT.id,
            job_id=BACKEND.id,
            status=InterviewStatus.CANCELLED,
            scheduled_at=START - timedelta(hours=5),
            finished_date=START - timedelta(hours=5),
        ),
    ]


def fill(store: Store) -> None:
    with store.transaction():
        store.save_jobs([BACKEND, NURSE])
        store.save_agents([PHONE_AGENT, ONLINE_AGENT])
        store.save_candidates(CANDIDATES)
        store.save_interviews(interviews())
