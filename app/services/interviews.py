"""Deleting an interview and re-reading one: the API first, then the cache, each in one
transaction, so every screen sees the result on its next read."""

from __future__ import annotations

import logging

from app.api.errors import NotFoundError
from app.domain.models import Interview
from app.factory import AppContext

log = logging.getLogger(__name__)


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
