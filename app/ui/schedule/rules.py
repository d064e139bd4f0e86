"""Which job choices the form offers, and who may be chosen at all: pure functions of what is
chosen, so the form asks them afresh on every change (a hint never outlives its reason) and
tests ask them without a screen.

The request rules in `app.domain.requests` decide what may be sent; these decide what the form
offers, so the recruiter is not led into choices the rules will refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.enums import InterviewType, label
from app.domain.models import Agent, Candidate, Job

EXISTING, NEW, NONE = "existing", "new", "none"  # the job modes (and the candidate's first two)


@dataclass(frozen=True)
class JobChoice:
    """What the job part of the form offers now."""

    offered: tuple[Job, ...]  # the jobs the select lists
    preset: str | None  # the job to pick when none is picked: the candidate's only one
    modes: frozenset[str]  # the job modes that may be chosen
    mode: str  # the mode to show: the chosen one when allowed, else the first allowed
    note: str  # why some choices are not offered, or what is still missing


def job_choice(
    jobs: list[Job],
    *,
    agent: Agent | None,
    candidate: Candidate | None,
    bulk: bool,
    mode: str,
    job_id: str,
) -> JobChoice:
    """The job choices the rules allow for this agent and candidate (or marked candidates)."""
    if agent is not None and agent.focus == InterviewType.GENERIC:
        return JobChoice((), None, frozenset({NONE}), NONE,
                         "GENERIC interviews take no job; the candidate must have none.")
    their_jobs = candidate.all_job_ids if candidate is not None else []
    offered = tuple(job for job in jobs if job.id in their_jobs) if len(their_jobs) > 1 \
        else tuple(jobs)
    preset = their_jobs[0] if len(their_jobs) == 1 else None
    modes = {EXISTING} if bulk else {EXISTING, NEW}
    if agent is None:
        modes.add(NONE)
    shown = mode if mode in modes else EXISTING
    reasons = []
    if agent is not None and shown == EXISTING and not job_id and preset is None:
        reasons.append(f"A {label(agent.focus)} interview needs a job.")
    if bulk:
        reasons.append("For several candidates, pick an existing job (a new job would be "
                       "created once per candidate).")
    if len(their_jobs) > 1 and shown == EXISTING:
        reasons.append(f"Only this candidate's {len(their_jobs)} jobs are offered.")
    return JobChoice(offered, preset, frozenset(modes), shown, " ".join(reasons))


def why_not_schedulable(candidate: Candidate | None, *, today: date) -> str | None:
    """Why this candidate cannot be chosen for an interview, or None when they can.

    A candidate gone from the cache was deleted; one whose GDPR date has passed has had (or is
    about to have) their personal data purged: an interview would contact a person the company
    promised to forget."""
    if candidate is None:  # the cache withholds a candidate past their GDPR date too
        return "This candidate cannot be found: deleted, or their data purged (GDPR)."
    if candidate.gdpr_expiry_date is not None and candidate.gdpr_expiry_date < today:
        return (f"{candidate.full_name}'s data retention ended on "
                f"{candidate.gdpr_expiry_date:%Y-%m-%d}: their personal data is purged (GDPR).")
    if not (candidate.first_name or candidate.last_name or candidate.email
            or candidate.phone_number):
        return "This candidate's personal data was purged (GDPR)."
    return None
