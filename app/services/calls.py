"""A phone interview's calls, from the monitor: call again (now or at a time), move the
waiting call, cancel it. Each re-reads the interview afterwards, because the API derives its
status and attempts from the calls."""

from __future__ import annotations

from datetime import datetime

from app.domain.models import CallAttempt
from app.factory import AppContext
from app.services.interviews import refresh_interview


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
    """Move the waiting call to another time."""
    await context.client.reschedule_call_attempt(interview_id, attempt_id, at)
    await refresh_interview(context, interview_id)


async def cancel_call(context: AppContext, interview_id: str, attempt_id: str) -> None:
    """Cancel the waiting call; the interview stays."""
    await context.client.delete_call_attempt(interview_id, attempt_id)
    await refresh_interview(context, interview_id)
