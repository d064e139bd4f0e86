"""Creating while offline is refused with a clear error and nothing reaches the API."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from app.api.client import InterviewsClient
from app.api.errors import OfflineError, OutcomeUnknownError
from app.config import load_settings
from app.domain.models import Agent, Candidate
from app.domain.requests import InterviewRequest
from app.factory import AppContext
from app.sandbox import DEMO_KEY, SandboxClock
from app.services.scheduling import schedule_interview
from app.store import Store
from app.sync.replication import Replicator
from tests.loopback import LoopbackSandbox
from tests.sync.conftest import no_sleep


def screening_request(store: Store, clock: SandboxClock) -> tuple[InterviewRequest, Agent,
                                                                  Candidate]:
    agent = next(a for a in store.agents()
                 if str(a.focus) == "SCREENING" and str(a.type) == "ONLINE")
    candidate = next(c for c in (store.candidate(i) for i in sorted(store.ids("candidates")))
                     if c is not None and c.all_job_ids)
    request = InterviewRequest(candidate_id=candidate.id, agent_id=agent.id,
                               job_id=candidate.all_job_ids[0],
                               schedule_time=clock.now() + timedelta(hours=2))
    return request, agent, candidate


def context_for(client: InterviewsClient, store: Store, clock: SandboxClock,
                tmp_path: Path) -> AppContext:
    settings = load_settings(data_dir=tmp_path / "data",
                             env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "none.toml")})
    return AppContext(settings, store, lambda: client, clock.now)


async def test_offline_create_raises_offline_and_sends_nothing(
    server: LoopbackSandbox, client: InterviewsClient, store: Store, clock: SandboxClock,
    replicator: Replicator, tmp_path: Path,
) -> None:
    await replicator.sync()
    request, agent, candidate = screening_request(store, clock)
    before = len(server.sandbox.storage.all("interviews"))
    server.stop()

    with pytest.raises(OfflineError, match="Cannot reach the API"):
        await schedule_interview(context_for(client, store, clock, tmp_path), request,
                                 agent=agent, candidate=candidate)

    with sqlite3.connect(server.settings.db_path) as sandbox_file:
        assert sandbox_file.execute("SELECT COUNT(*) FROM interviews").fetchone()[0] == before


async def test_a_lost_answer_that_cannot_be_checked_is_not_called_offline(
    server: LoopbackSandbox, store: Store, clock: SandboxClock, replicator: Replicator,
    tmp_path: Path,
) -> None:
    """The create went out and its answer was lost; then the network went: the recruiter must
    not be told that nothing was sent."""
    await replicator.sync()
    request, agent, candidate = screening_request(store, clock)

    def network(outgoing: httpx.Request) -> httpx.Response:
        if outgoing.method == "POST":
            raise httpx.ReadTimeout("answer lost", request=outgoing)
        raise httpx.ConnectError("network gone", request=outgoing)

    async with InterviewsClient(server.url, DEMO_KEY, transport=httpx.MockTransport(network),
                                sleep=no_sleep, max_per_second=0) as client:
        with pytest.raises(OutcomeUnknownError, match="before sending again"):
            await schedule_interview(context_for(client, store, clock, tmp_path), request,
                                     agent=agent, candidate=candidate)
