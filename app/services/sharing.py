"""Sharing verdicts with the team: the desk and `interview-desk share` both go through here.

Explicit and offline-first: `queue_unshared` puts every verdict changed since it was last
shared in the queue (in the verdict file, so it survives a restart), and `send_queued` sends
what waits when the API answers; offline, it stays queued for the next try.

For each candidate and job the desk reads the candidate fresh, writes its verdict into their
`metadata` (app/domain/shared_verdicts.py) with `PATCH /candidates/{id}`, and keeps the
answer in the cache. It never replaces a newer verdict from someone else without asking:
when the candidate's `updatedAt` moved since the desk saw it and the team's verdict there is
not the one the desk knew, or theirs was decided after this one, `ask` decides (the desk asks
the recruiter); without `ask` (the command line) the share waits for the desk to ask. A server
that refuses (a 4xx: metadata limits, a missing scope, a candidate gone) leaves the verdict on
this desk only; the report says so, once, and it is not sent again until it changes.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.api.errors import (
    ApiError,
    AuthenticationError,
    OfflineError,
    OutcomeUnknownError,
    RateLimitedError,
    ServerError,
)
from app.domain.models import Candidate
from app.domain.shared_verdicts import (
    NAMESPACE,
    TeamVerdict,
    job_key,
    merged_metadata,
    metadata_patch,
    metadata_problem,
    overrides_someone,
    team_verdicts,
)
from app.factory import AppContext
from app.store.shares import QueuedShare, ShareState
from app.store.verdicts import Decision

# Trouble that passes: the share stays queued and is tried again later.
NOT_NOW = (OfflineError, ServerError, RateLimitedError, OutcomeUnknownError, AuthenticationError)


@dataclass(frozen=True)
class Conflict:
    """Someone else's newer verdict on the server, where this desk's would go."""

    candidate_name: str
    job_title: str
    theirs: TeamVerdict
    mine: Decision


Ask = Callable[[Conflict], Awaitable[bool]]


@dataclass
class ShareReport:
    shared: int = 0
    kept_theirs: int = 0
    waiting: int = 0  # still queued: offline, or the API could not take them now
    asking: list[Conflict] = field(default_factory=list)  # left for the desk to ask about
    refused: list[str] = field(default_factory=list)  # why, one per verdict
    trouble: str | None = None  # why the rest waits (offline, the key, the server)

    @property
    def anything(self) -> bool:
        return bool(self.shared or self.kept_theirs or self.waiting or self.asking
                    or self.refused)

    def line(self) -> str:
        """What happened, in one line for a toast or the command line."""
        parts = []
        if self.shared:
            parts.append(f"Shared {_verdicts(self.shared)} with the team.")
        if self.kept_theirs:
            parts.append(f"Kept the team's newer verdict for {self.kept_theirs}.")
        if self.asking:
            parts.append(f"{_verdicts(len(self.asking))} wait: someone else shared a newer "
                         "one; the desk asks which to keep (S).")
        if self.refused:
            parts.append(f"{_verdicts(len(self.refused))} stay on this desk only: the server "
                         f"refused them ({self.refused[0]}).")
        if self.waiting:
            parts.append(f"{_verdicts(self.waiting)} queued: "
                         f"{self.trouble or 'not sent yet'}; they go when the API answers.")
        return " ".join(parts) or "Nothing new to share."


def _verdicts(count: int) -> str:
    return f"{count} verdict{'s' if count != 1 else ''}"


def queue_unshared(context: AppContext) -> int:
    """Queue every verdict changed since it was last shared, with what the cache knows of
    the candidate now; the number queued."""
    store = context.store
    unshared = store.shares.unshared()
    for decision in unshared:
        cached = store.candidate(decision.candidate_id)
        seen = (team_verdicts(cached.metadata).get(job_key(decision.job_id))
                if cached else None)
        store.shares.queue(decision, seen_updated_at=cached.updated_at if cached else None,
                           seen_entry=json.dumps(seen.as_wire()) if seen else None,
                           at=context.clock())
    return len(unshared)


async def send_queued(context: AppContext, *, ask: Ask | None,
                      include_asking: bool = True) -> ShareReport:
    """Send the queue, oldest first; stop at the first sign the API cannot take it now."""
    report = ShareReport()
    waiting = context.store.shares.waiting(asking=include_asking and ask is not None)
    for index, share in enumerate(waiting):
        try:
            await _send_one(context, share, ask, report)
        except NOT_NOW as error:
            report.waiting = len(waiting) - index
            report.trouble = ("offline" if isinstance(error, OfflineError)
                              else f"the API said: {error}")
            break
    return report


async def _send_one(context: AppContext, share: QueuedShare, ask: Ask | None,
                    report: ShareReport) -> None:
    store, shares = context.store, context.store.shares
    me = store.verdicts.reviewer
    decision = store.verdicts.current(share.candidate_id, share.job_id or None)
    if decision is None:  # its candidate withheld under GDPR since: nothing to share
        return
    key = job_key(decision.job_id)

    def settle(state: ShareState, reason: str = "") -> None:
        shares.settle(share.candidate_id, share.job_id, state, row=decision.row, reason=reason)

    def refuse(reason: str) -> None:
        report.refused.append(reason)
        settle(ShareState.REFUSED, reason)

    try:
        fresh = await context.client.get_candidate(share.candidate_id)
    except NOT_NOW:
        raise
    except ApiError as error:
        refuse(str(error))
        return
    store.save_candidates([fresh])  # what the desk has now seen of the team's verdicts
    theirs = team_verdicts(fresh.metadata).get(key)
    if decision.verdict is None and (theirs is None or theirs.by != me):
        settle(ShareState.SHARED)  # nothing of this desk's on the server to take back
        return
    if overrides_someone(theirs, decision.decided_at, me=me, seen=_seen(share, key),
                         changed_since_seen=_changed(fresh, share.seen_updated_at)):
        assert theirs is not None
        conflict = Conflict(fresh.full_name, _job_title(context, decision.job_id), theirs,
                            decision)
        if ask is None:
            report.asking.append(conflict)
            settle(ShareState.ASKING, f"{theirs.by} shared a newer verdict")
            return
        if not await ask(conflict):
            report.kept_theirs += 1
            settle(ShareState.KEPT)
            return
    entry = TeamVerdict(key, decision.verdict.value if decision.verdict else None,
                        decision.note, me, decision.decided_at)
    patch = metadata_patch(fresh.metadata, entry)
    problem = metadata_problem(merged_metadata(fresh.metadata, patch))
    if problem is not None:  # the server would refuse it: not sent at all
        refuse(problem)
        return
    try:
        updated = await context.client.update_candidate(share.candidate_id,
                                                        {"metadata": patch})
    except NOT_NOW:
        raise
    except ApiError as error:
        refuse(str(error))
        return
    store.save_candidates([updated])  # the cache shows the team's verdict at once
    report.shared += 1
    settle(ShareState.SHARED)


def _seen(share: QueuedShare, key: str) -> TeamVerdict | None:
    """The team's verdict the cache held when the share was queued."""
    if share.seen_entry is None:
        return None
    try:
        entry = json.loads(share.seen_entry)
    except ValueError:
        return None
    return team_verdicts({NAMESPACE: {"verdicts": {key: entry}}}).get(key)


def _changed(fresh: Candidate, seen_updated_at: str | None) -> bool:
    """Whether the candidate changed on the server since the desk saw it (unknown: yes)."""
    if fresh.updated_at is None or seen_updated_at is None:
        return True
    try:
        return fresh.updated_at > datetime.fromisoformat(seen_updated_at)
    except (ValueError, TypeError):
        return True


def _job_title(context: AppContext, job_id: str) -> str:
    job = context.store.job(job_id) if job_id else None
    return job.title if job else "no job"
