"""What a recruiter can do, as functions the UI, the CLI and the tests share.

Every action validates with the domain rules before anything is sent, talks to the API through
the client, and writes what the API answered into the cache in one transaction, so every
screen sees the result on its next read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.api.errors import NotFoundError, OfflineError, OutcomeUnknownError, ServerError
from app.domain.models import Agent, CallAttempt, Candidate, Interview
from app.domain.requests import InterviewRequest
from app.factory import AppContext

log = logging.getLogger(__name__)

RECONCILE_WINDOW = timedelta(minutes=2)


@dataclass(frozen=True)
class Scheduled:
    """A created interview; `reconciled` when the response was lost but the interview exists."""

    interview: Interview
    reconciled: bool = False


class Withheld(Exception):
    """The candidate's data is gone under GDPR: nothing more about them is fetched or kept."""


class NotCreated(Exception):
    """The response to a create was lost, and the API shows no such interview: the recruiter may
    safely send it again."""


async def schedule_interview(
    context: AppContext,
    request: InterviewRequest,
    *,
    agent: Agent | None,
    candidate: Candidate | None,
) -> Scheduled:
    """Create the interview, never twice.

    Raises `RuleViolation` before sending when a rule is broken, the client's typed errors when
    the API refuses, and `NotCreated` when a lost response turned out to create nothing.
    `OfflineError` means nothing was sent (creating offline is refused, see app.sync); a lost
    answer that cannot be checked for want of a connection is `OutcomeUnknownError`.
    """
    sent_at = context.clock()
    request.validated(now=sent_at, agent=agent, candidate=candidate)
    try:
        interview = await context.client.create_interview(request)
        reconciled = False
    except OutcomeUnknownError:
        try:
            found = await find_created_interview(context, request, sent_after=sent_at)
        except (OfflineError, ServerError):
            # Not "nothing sent": it was sent, so sending again could make two.
            raise OutcomeUnknownError(
                "The interview was sent but its answer was lost, and the API cannot be reached "
                "to check whether it was created. Sync when the connection is back and look "
                "for it before sending again."
            ) from None
        if found is None:
            raise NotCreated(
                "The API did not answer, and it shows no new interview: nothing was created. "
                "You can send it again safely."
            ) from None
        interview, reconciled = found, True
    await remember_interview(context, interview)
    return Scheduled(interview, reconciled)


async def find_created_interview(
    context: AppContext, request: InterviewRequest, *, sent_after: datetime
) -> Interview | None:
    """The interview a lost create made, looked up through the candidate's interviews.

    Listing can itself fail; then the error propagates and nothing is re-sent.
    """
    candidate_id = request.candidate_id
    if candidate_id is None and request.candidate is not None:
        email = request.candidate.email.lower()
        page = await context.client.list_candidates(search=request.candidate.email, limit=100)
        matches = [c for c in page.items if (c.email or "").lower() == email]
        if not matches:
            return None
        candidate_id = matches[0].id
    if candidate_id is None:
        return None
    earliest = sent_after - RECONCILE_WINDOW
    async for interview in context.client.iter_interviews(candidate_id):
        if interview.agent_id != request.agent_id:
            continue
        if request.schedule_time is not None and interview.scheduled_at is not None:
            if abs(interview.scheduled_at - request.schedule_time) <= timedelta(minutes=1):
                return interview
        elif interview.created_at is not None and interview.created_at >= earliest:
            return interview
    return None


async def remember_interview(context: AppContext, interview: Interview) -> None:
    """Cache the interview with its (possibly new) candidate and job, in one transaction."""
    candidate = await _get_or_none(context.client.get_candidate, interview.candidate_id)
    job = await _get_or_none(context.client.get_job, interview.job_id)
    with context.store.transaction():
        if candidate is not None:
            context.store.save_candidates([candidate])
        if job is not None:
            context.store.save_jobs([job])
        context.store.save_interviews([interview])


async def _get_or_none(getter, resource_id: str | None):  # type: ignore[no-untyped-def]
    if resource_id is None:
        return None
    try:
        return await getter(resource_id)
    except NotFoundError:
        return None


async def analysis_pdf(context: AppContext, interview_id: str) -> bytes:
    """The analysis PDF of a cached interview, to be written to a file; `Withheld` when its
    candidate is past the GDPR date, asked before the download and again after it (a purge
    can land meanwhile), so no file of a purged candidate is ever written."""
    message = ("This interview's candidate is past their GDPR date: their data is removed, "
               "so no PDF is made.")
    if not context.store.holds_interview(interview_id):
        raise Withheld(message)
    pdf = await context.client.analysis_pdf(interview_id)
    if not context.store.holds_interview(interview_id):
        raise Withheld(message)
    return pdf


async def delete_interview(context: AppContext, interview_id: str) -> None:
    """Delete on the API, then from the cache (a 404 means it is already gone: same result)."""
    try:
        await context.client.delete_interview(interview_id)
    except NotFoundError:
        log.info("interview %s was already deleted", interview_id)
    with context.store.transaction():
        context.store.delete_interview(interview_id)


async def refresh_interview(context: AppContext, interview_id: str) -> Interview | None:
    """Re-read one interview into the cache; None (and removed locally) when it is gone."""
    try:
        interview = await context.client.get_interview(interview_id)
    except NotFoundError:
        with context.store.transaction():
            context.store.delete_interview(interview_id)
        return None
    with context.store.transaction():
        context.store.save_interviews([interview])
    return interview


async def call_again(
    context: AppContext, interview_id: str, at: datetime | None = None
) -> CallAttempt:
    """A new call attempt for a phone interview: now (`at` None) or at a time."""
    attempt = await context.client.create_call_attempt(interview_id, at)
    await refresh_interview(context, interview_id)
    return attempt


async def reschedule_call(
    context: AppContext, interview_id: str, attempt_id: str, at: datetime
) -> None:
    await context.client.reschedule_call_attempt(interview_id, attempt_id, at)
    await refresh_interview(context, interview_id)


async def cancel_call(context: AppContext, interview_id: str, attempt_id: str) -> None:
    await context.client.delete_call_attempt(interview_id, attempt_id)
    await refresh_interview(context, interview_id)
