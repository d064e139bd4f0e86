"""Sending interviews, never twice: the one home of the README's first promise for the form
and for bulk scheduling.

- A draft is marked as sent (on disk, with the time) before its request goes, and the mark is
  removed only on a definite answer: a desk killed while waiting finds the mark on its next
  start and looks for the interview (`recover_interrupted_send`) instead of sending again.
- A create whose answer is lost is looked up before anything is re-sent
  (`app.actions.schedule_interview`).
- A batch sends one request per candidate through the same path, one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.actions import (
    NotCreated,
    Scheduled,
    find_created_interview,
    remember_interview,
    schedule_interview,
)
from app.api.errors import ApiError, BillingLimitError, OutcomeUnknownError
from app.domain.models import Agent, Candidate, Interview
from app.domain.requests import InterviewRequest, RuleViolation
from app.drafts import Drafts
from app.factory import AppContext

SENT_AT = "sent_at"  # in a draft: when it was sent without an answer yet


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
