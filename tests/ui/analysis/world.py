"""Interviews of every type written straight into the cache for the analysis viewer's tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.domain.enums import AnalysisStatus, InterviewStatus
from app.domain.models import (
    Agent,
    Analysis,
    CallAttempt,
    Candidate,
    GeneralAnalysis,
    Interview,
    Job,
    TranscriptTurn,
)
from app.store import Store

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
JOB = Job(id="job-data", title="Data Analyst")
AGENTS = {
    focus: Agent(id=f"agent-{focus.lower()}", name=name, focus=focus, type="ONLINE",
                 duration=15, language="EN")
    for focus, name in (("SCREENING", "Sofia"), ("OUTREACH", "Olivia"), ("GENERIC", "Gina"),
                        ("LANGUAGE_TEST", "Lena"))
}
SPECIFIC: dict[str, dict[str, Any] | None] = {
    "SCREENING": None,
    "OUTREACH": {"interestLevel": "HIGH", "availability": "in two weeks",
                 "salaryExpectation": "55k EUR a year", "noticePeriod": "one month",
                 "followUpRecommended": True},
    "GENERIC": {"summary": "Talked about career goals and remote work.",
                "topics": ["career goals", "remote work"]},
    "LANGUAGE_TEST": {"cefrLevel": "B2", "pronunciationScores": {
        "accuracy": 81, "fluency": 74, "completeness": 90, "prosody": 66},
        "grammarScore": 72, "vocabularyScore": 68},
}
TRANSCRIPT = [
    ("AGENT", "Hello, thanks for joining. Tell me about your SQL experience."),
    ("CANDIDATE", "I have written SQL reports for five years, mostly PostgreSQL."),
    ("AGENT", "How do you check that a report is correct?"),
    ("CANDIDATE", "I reconcile totals against the ledger and write tests for the SQL."),
    ("AGENT", "Thank you, that is all."),
]


def candidate(key: str, first: str, last: str) -> Candidate:
    return Candidate(id=f"cand-{key}", first_name=first, last_name=last,
                     email=f"{key}@example.com", job_ids=[JOB.id],
                     gdpr_expiry_date=date(2027, 6, 1))


def interview(key: str, focus: str, *, rating: float | None = 70,
              status: AnalysisStatus = AnalysisStatus.COMPLETED,
              transcript: bool = True, strong: list[str] | None = None,
              specific: dict[str, Any] | None = None, when: datetime = START) -> Interview:
    return Interview(
        id=f"int-{key}", candidate_id=f"cand-{key}", agent_id=AGENTS[focus].id, job_id=JOB.id,
        status=InterviewStatus.COMPLETED, scheduled_at=when - timedelta(hours=2),
        finished_date=when - timedelta(hours=1, minutes=45),
        analysis=Analysis(
            general=GeneralAnalysis(
                status=status, overall_rating=rating if status == AnalysisStatus.COMPLETED
                else None, company_fit_rating="HIGH" if (rating or 0) >= 75 else "MEDIUM",
                education="MASTER_LEVEL", experience="THREE_TO_5_YEARS",
                strong_points=strong or ["Precise with SQL", "Checks their numbers"],
                weak_points=["Little Python"], evaluation=["Recommended for the next round."]),
            specific=SPECIFIC.get(focus) if specific is None else specific),
        transcript=[TranscriptTurn(speaker=s, text=t, start_seconds=i * 7.5)
                    for i, (s, t) in enumerate(TRANSCRIPT)] if transcript else None,
        call_attempts=[CallAttempt(id=f"att-{key}", status="COMPLETED",
                                   recording_url=f"https://recordings.example/{key}.mp3")],
    )


PEOPLE = {
    "ada": ("Ada", "Lovelace", "SCREENING", 91),
    "ben": ("Ben", "Okafor", "OUTREACH", 64),
    "cleo": ("Cleo", "Marsh", "GENERIC", 77),
    "dan": ("Dan", "Novak", "LANGUAGE_TEST", 58),
}


def fill(store: Store) -> None:
    with store.transaction():
        store.save_agents(AGENTS.values())
        store.save_jobs([JOB])
        named = [candidate(key, first, last) for key, (first, last, _, _) in PEOPLE.items()]
        store.save_candidates([
            *named, candidate("eva", "Eva", "Pending"), candidate("finn", "Finn", "Unsynced"),
            candidate("mark", "Mark", "Up"), candidate("odd", "Odd", "Fields")])
        store.save_interviews(
            [interview(k, focus, rating=rating) for k, (_, _, focus, rating) in PEOPLE.items()]
            + [interview("eva", "SCREENING", status=AnalysisStatus.PROCESSING),
               interview("finn", "SCREENING", transcript=False),
               interview("mark", "SCREENING", strong=["[red]bold claim[/red] and [link=x]y"]),
               interview("odd", "SCREENING",
                         specific={"stressTest": {"score": 7, "notes": ["calm", "quick"]}})])
