"""Sending interviews, never twice: the one home of the README's first promise for the form
and for bulk scheduling.

- A create whose answer is lost is looked up before anything is re-sent
  (`schedule_interview`): found, it is the interview; not found, nothing was created.
- A draft is marked as sent (on disk, with the time) before its request goes, and the mark is
  removed only on a definite answer: a desk killed while waiting finds the mark on its next
  start and looks for the interview (`recover_interrupted_send`) instead of sending again.
- A batch sends one request per candidate through the same path, one at a time.

Every send validates with the domain rules before anything goes, and writes what the API
answered into the cache in one transaction, so every screen sees it on its next read.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from app.api.errors import (
    ApiError,
    BillingLimitError,
    NotFoundError,
    OfflineError,
    OutcomeUnknownError,
    ServerError,
)
from app.domain.models import Agent, Candidate, Interview
from app.domain.requests import InterviewRequest, RuleViolation
from app.drafts import Drafts
from app.factory import AppContext

RECONCILE_WINDOW = timedelta(minutes=2)
SENT_AT = "sent_at"  # in a draft: when it was sent without an answer yet


@dataclass(frozen=True)
class Scheduled:
    """A created interview; `reconciled` when the response was lost but the interview exists."""

    interview: Interview
    reconciled: bool = False


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


Found = TypeVar("Found")


async def _get_or_none(
    getter: Callable[[str], Awaitable[Found]], resource_id: str | None
) -> Found | None:
    """The record, or None when there is no id or the API no longer has it."""
    if resource_id is None:
        return None
    try:
        return await getter(resource_id)
    except NotFoundError:
        return None


async def send_draft(
    context: AppContext,
    drafts: Drafts,
    values: dict[str, Any],
    request: InterviewRequest,
    *,
    agent: Agent | None,
    candidate: Candidate | None,
) -> Scheduled:
    """Send one draft's interview. The draft is gone once the interview exists; on a definite
    refusal it stays without the sent mark; when the outcome is unknown the mark stays, so the
    next start looks before anything is sent again."""
    drafts.save({**values, SENT_AT: context.clock().isoformat()})
    try:
        result = await schedule_interview(context, request, agent=agent, candidate=candidate)
    except OutcomeUnknownError:
        raise  # it may exist: the mark stays
    except Exception:
        drafts.save(values)  # a definite "no": the draft stays, without the mark
        raise
    drafts.discard()
    return result


async def recover_interrupted_send(
    context: AppContext, drafts: Drafts, values: dict[str, Any], request: InterviewRequest,
    sent_at: str,
) -> Interview | None:
    """The desk stopped while this draft was on the wire: the interview it made (cached, the
    draft gone), or None when nothing arrived (the draft kept, without the mark). `ApiError`
    when the API cannot be asked: then the mark stays."""
    found = await find_created_interview(context, request,
                                         sent_after=datetime.fromisoformat(sent_at))
    if found is None:
        drafts.save({key: value for key, value in values.items() if key != SENT_AT})
        return None
    await remember_interview(context, found)
    drafts.discard()
    return found


@dataclass(frozen=True)
class BulkResult:
    """One candidate's outcome in a batch: scheduled (maybe reconciled), or why not."""

    candidate_id: str
    scheduled: Scheduled | None = None
    error: Exception | None = None
    stops_the_batch: bool = False  # the plan's minutes are spent: the rest would fail too


async def send_one_of_batch(
    context: AppContext, body: dict[str, Any], candidate_id: str, *, agent: Agent | None
) -> BulkResult:
    """One interview of a batch, through the same never-twice path as a single send."""
    request = InterviewRequest.model_validate({**body, "candidateId": candidate_id})
    try:
        scheduled = await schedule_interview(context, request, agent=agent,
                                             candidate=context.store.candidate(candidate_id))
    except BillingLimitError as error:
        return BulkResult(candidate_id, error=error, stops_the_batch=True)
    except (RuleViolation, ApiError, NotCreated) as error:
        return BulkResult(candidate_id, error=error)
    return BulkResult(candidate_id, scheduled=scheduled)


@dataclass(frozen=True)
class Minutes:
    """The plan's interview minutes: used, the allowance (None when unknown) and what is left."""

    used: float
    allowance: float | None

    @property
    def left(self) -> float | None:
        return None if self.allowance is None else max(0.0, self.allowance - self.used)


async def minutes_left(context: AppContext) -> Minutes:
    """What the plan has left, from the API (or the configured allowance when the API does not
    say). `ApiError` when it cannot be asked."""
    usage = await context.client.billing_usage()
    allowance = usage.max_interview_minutes or context.settings.plan_minutes
    return Minutes(usage.total_minutes_used or 0.0, allowance)


def minutes_text(minutes: float) -> str:
    """Minutes as a person reads them: `1,000,000`, `7.5`, never `1e+06`."""
    return f"{minutes:,.0f}" if float(minutes).is_integer() else f"{minutes:,.1f}"
