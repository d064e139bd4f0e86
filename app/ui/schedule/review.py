"""The last look before sending, in words: who, by which agent, for which job, and when in the
recruiter's and the candidate's zones. No ids, no ISO times, no API paths: a recruiter checks
this against what they meant, so it reads the way they would say it."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from app.domain.enums import label
from app.domain.models import Agent, Candidate, Job
from app.ui.schedule.draft import ScheduleDraft
from app.ui.schedule.rules import EXISTING, NEW
from app.ui.schedule.when import speak
from widgets.text import plain_line


def agent_words(agent: Agent | None) -> str:
    if agent is None:
        return "—"
    return plain_line(f"{agent.name} ({label(agent.type)}, {agent.duration or '?'} minutes)")


def interview_words(agent: Agent | None, is_test: bool) -> str:
    kind = plain_line(f"{label(agent.focus)} interview") if agent is not None else "interview"
    return f"{kind}, a test (completes at once, uses no minutes)" if is_test else kind


def job_words(draft: ScheduleDraft, job: Job | None) -> str:
    if draft.job_mode == NEW:
        skills = len(draft.required_skills) + len(draft.nice_skills)
        return plain_line(f"{draft.title.strip()} (new, {skills} skills; created and kept)")
    if draft.job_mode == EXISTING and job is not None:
        return plain_line(job.title)
    if draft.job_mode == EXISTING:
        # Ready without a chosen job: the rules let a candidate's only job stand (the API
        # takes it), which in a batch is each candidate's own.
        return "each candidate's own (they have one job each)"
    return "none"


def _line(text: Text, name: str, value: str) -> None:
    text.append(f"{name:<11}", style="bold").append(value + "\n")


def review(
    draft: ScheduleDraft,
    *,
    agent: Agent | None,
    candidate: Candidate | None,
    job: Job | None,
    now: datetime,
    zone: str | None,
    warnings: tuple[str, ...] = (),
) -> Text:
    """What one interview will be, line by line."""
    text = Text()
    if draft.candidate_mode == NEW:
        who = plain_line(f"{draft.first_name.strip()} {draft.last_name.strip()} (new) · "
                         f"{draft.email.strip()} · {draft.phone.strip()}")
        _line(text, "Candidate", who)
        _line(text, "Data kept", f"until {draft.gdpr_expiry.strip()}")
    elif candidate is not None:
        contact = candidate.email or candidate.phone_number or "no email or phone"
        _line(text, "Candidate", plain_line(f"{candidate.full_name} · {contact}"))
    _line(text, "Job", job_words(draft, job))
    _line(text, "Agent", agent_words(agent))
    _line(text, "Interview", interview_words(agent, draft.is_test))
    when, _ = draft.start_time(now.astimezone().date())
    _line(text, "When", speak(when, now=now, zone=zone).text)
    for warning in warnings:
        text.append(f"Note: {warning}\n", style="bold")
    text.rstrip()
    return text
