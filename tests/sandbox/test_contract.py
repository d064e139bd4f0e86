"""The real API client against the sandbox over a loopback socket: the contract of API.md."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from app.api.client import InterviewsClient
from app.api.errors import (
    AuthenticationError,
    BillingLimitError,
    MissingScopeError,
    NotFoundError,
    RequestRejected,
)
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings
from tests.loopback import LoopbackSandbox, free_port
from tests.sync.conftest import FROZEN_AT, no_sleep

READER = "sk_reader_0000000000000000000001"
CANDIDATE = {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
             "phoneNumber": "+421900000001", "gdprExpiryDate": "2027-06-30"}


def served(tmp_path: Path, clock: SandboxClock, **settings) -> LoopbackSandbox:  # type: ignore[no-untyped-def]
    options = {"db_path": tmp_path / "sandbox.sqlite3", "empty": True, "time_scale": 0.0,
               "plan": "unlimited", "keys": {DEMO_KEY: "*", READER: frozenset(
                   {"read:interviews", "read:candidates", "read:agents", "read:jobs"})}}
    server = LoopbackSandbox(SandboxSettings(**{**options, **settings}), clock, free_port())
    server.start()
    return server


@pytest.fixture
def clock() -> SandboxClock:
    return SandboxClock(start=FROZEN_AT, scale=0.0)


@pytest.fixture
def server(tmp_path: Path, clock: SandboxClock) -> Iterator[LoopbackSandbox]:
    running = served(tmp_path, clock)
    yield running
    running.stop()


@pytest.fixture
async def api(server: LoopbackSandbox) -> AsyncIterator[InterviewsClient]:
    async with InterviewsClient(server.url, DEMO_KEY, sleep=no_sleep, max_per_second=0,
                                timeout=5) as client:
        yield client


async def agent_of(api: InterviewsClient, focus: str, channel: str = "ONLINE"):  # type: ignore[no-untyped-def]
    return next(a for a in [a async for a in api.iter_agents()]
                if str(a.focus) == focus and str(a.type) == channel)


async def a_job(api: InterviewsClient):  # type: ignore[no-untyped-def]
    jobs = [j async for j in api.iter_jobs()]
    return jobs[0]


async def test_candidates_and_jobs_round_trip(api: InterviewsClient) -> None:
    job = await api.create_job({"title": "Night Nurse", "requiredSkills": ["Care"]})
    created = await api.create_candidate({**CANDIDATE, "jobIds": [job.id]})
    assert (await api.get_candidate(created.id)).all_job_ids == [job.id]
    found = await api.list_candidates(search="lovel")
    assert [c.id for c in found.items] == [created.id]
    assert [c.id for c in (await api.list_candidates(job_id=job.id)).items] == [created.id]
    updated = await api.update_candidate(created.id, {"status": "HIRED"})
    assert updated.status == "HIRED"
    await api.delete_candidate(created.id)
    with pytest.raises(NotFoundError):
        await api.get_candidate(created.id)


async def test_the_four_create_variants(api: InterviewsClient) -> None:
    screening = await agent_of(api, "SCREENING")
    job = await a_job(api)
    existing = await api.create_candidate({**CANDIDATE, "jobIds": [job.id]})
    first = await api.create_interview({"candidateId": existing.id, "agentId": screening.id})
    assert first.job_id == job.id  # the candidate's only job is resolved
    second = await api.create_interview({"candidate": {**CANDIDATE, "email": "b@example.com",
                                                       "jobId": job.id},
                                         "agentId": screening.id})
    assert second.job_id == job.id
    third = await api.create_interview({"candidateId": existing.id, "agentId": screening.id,
                                        "job": {"title": "Brand new role"}})
    assert (await api.get_job(third.job_id)).title == "Brand new role"
    assert third.job_id in (await api.get_candidate(existing.id)).all_job_ids
    fourth = await api.create_interview({"candidate": {**CANDIDATE, "email": "c@example.com"},
                                         "agentId": screening.id,
                                         "job": {"jobTitle": "Guide spelling title"}})
    new_candidate = await api.get_candidate(fourth.candidate_id)
    assert new_candidate.all_job_ids == [fourth.job_id]


@pytest.mark.parametrize(("change", "field"), [
    ({"job": {"title": "Dev"}}, "job.title"),
    ({"job": {"title": "Valid title", "requiredSkills": [f"s{n}" for n in range(6)],
              "niceToHaveSkills": [f"n{n}" for n in range(5)]}}, "job.niceToHaveSkills"),
    ({"scheduleTime": (FROZEN_AT + timedelta(days=31)).isoformat()}, "scheduleTime"),
    ({"scheduleTime": "2026-12-02T09:00:00"}, "scheduleTime"),
    ({"jobId": "JOB", "job": {"title": "Valid title"}}, "jobId"),
])
async def test_rules_are_rejected_with_their_field_path(api, change, field) -> None:
    screening = await agent_of(api, "SCREENING")
    job = await a_job(api)
    body = {"candidate": {**CANDIDATE, "jobId": job.id}, "agentId": screening.id, **change}
    if "job" in change or "jobId" in change:
        body["candidate"] = dict(CANDIDATE)
    if body.get("jobId") == "JOB":
        body["jobId"] = job.id
    with pytest.raises(RequestRejected) as raised:
        await api.create_interview(body)
    assert field in [p.field for p in raised.value.problems]


async def test_generic_takes_no_job_and_lists_need_a_candidate(api) -> None:
    generic = await agent_of(api, "GENERIC")
    with pytest.raises(RequestRejected) as raised:
        await api.create_interview({"candidate": dict(CANDIDATE), "agentId": generic.id,
                                    "job": {"title": "Not allowed"}})
    assert [p.field for p in raised.value.problems] == ["job"]
    with pytest.raises(RequestRejected) as raised:
        await api._request("GET", "/interviews")
    assert raised.value.problems[0].field == "candidateId"


async def test_lifecycle_follows_the_clock(api, clock) -> None:
    screening = await agent_of(api, "SCREENING")
    job = await a_job(api)
    start = FROZEN_AT + timedelta(minutes=10)
    made = await api.create_interview({"candidate": {**CANDIDATE, "jobId": job.id},
                                       "agentId": screening.id,
                                       "scheduleTime": start.isoformat()})
    assert str(made.status) == "SCHEDULED"
    with pytest.raises(NotFoundError):
        await api.analysis_pdf(made.id)
    clock.set(start + timedelta(minutes=1))
    assert str((await api.get_interview(made.id)).status) == "IN_PROGRESS"
    clock.set(start + timedelta(minutes=screening.duration, seconds=1))
    done = await api.get_interview(made.id)
    assert str(done.status) in ("COMPLETED", "FAILED")
    if str(done.status) == "COMPLETED":
        assert str(done.analysis.status) == "PENDING" and done.turns
        clock.set(start + timedelta(minutes=screening.duration + 4))
        ready = await api.get_interview(made.id)
        assert ready.analysis.is_ready and ready.analysis.general.overall_rating is not None
        pdf = await api.analysis_pdf(made.id)
        assert pdf.startswith(b"%PDF-") and b"xref" in pdf and pdf.rstrip().endswith(b"%%EOF")


async def test_delete_then_404_and_gone_from_the_list(api) -> None:
    generic = await agent_of(api, "GENERIC")
    made = await api.create_interview({"candidate": dict(CANDIDATE), "agentId": generic.id})
    await api.delete_interview(made.id)
    with pytest.raises(NotFoundError):
        await api.get_interview(made.id)
    assert [i async for i in api.iter_interviews(made.candidate_id)] == []


async def test_call_attempts_only_for_phone_interviews(api, clock) -> None:
    phone = await agent_of(api, "GENERIC", "PHONE")
    online = await agent_of(api, "GENERIC", "ONLINE")
    later = (FROZEN_AT + timedelta(hours=2)).isoformat()
    call = await api.create_interview({"candidate": dict(CANDIDATE), "agentId": phone.id,
                                       "scheduleTime": later})
    attempt = await api.create_call_attempt(call.id, FROZEN_AT + timedelta(hours=1))
    assert str(attempt.status) == "SCHEDULED"
    await api.reschedule_call_attempt(call.id, attempt.id, FROZEN_AT + timedelta(hours=3))
    moved = await api.get_interview(call.id)
    assert moved.scheduled_at == FROZEN_AT + timedelta(hours=3)
    await api.delete_call_attempt(call.id, attempt.id)
    web = await api.create_interview({"candidate": {**CANDIDATE, "email": "w@example.com"},
                                      "agentId": online.id, "scheduleTime": later})
    with pytest.raises(RequestRejected):
        await api.create_call_attempt(web.id, None)


async def test_scopes_and_keys(server: LoopbackSandbox, api) -> None:
    generic = await agent_of(api, "GENERIC")
    async with InterviewsClient(server.url, READER, sleep=no_sleep, max_per_second=0) as reader:
        assert (await reader.list_agents()).items
        with pytest.raises(MissingScopeError) as raised:
            await reader.create_interview({"candidate": dict(CANDIDATE), "agentId": generic.id})
        assert raised.value.scope == "write:interviews"
        with pytest.raises(MissingScopeError) as raised:
            await reader.billing_usage()
        assert raised.value.scope == "read:billing"
    async with InterviewsClient(server.url, "sk_unknown_000000000", sleep=no_sleep) as stranger:
        with pytest.raises(AuthenticationError):
            await stranger.list_jobs()


async def test_rate_limit_headers_and_the_429(tmp_path: Path, clock) -> None:
    server = served(tmp_path, clock, plan="trial")
    try:
        with httpx.Client(base_url=server.url,
                          headers={"Authorization": f"Bearer {DEMO_KEY}"}) as http:
            answers = [http.get("/agents") for _ in range(31)]
        for name in ("Limit-Minute", "Limit-Hour", "Remaining-Minute", "Remaining-Hour",
                     "Reset-Minute", "Reset-Hour"):
            assert f"X-RateLimit-{name}".lower() in answers[0].headers
        refused = [a for a in answers if a.status_code == 429]
        assert refused and int(refused[0].headers["Retry-After"]) >= 1
        assert refused[0].json()["message"] == "Rate limit exceeded"
    finally:
        server.stop()


async def test_billing_limit_and_test_interviews(tmp_path: Path, clock) -> None:
    server = served(tmp_path, clock, plan="trial")  # 300 minutes
    try:
        async with InterviewsClient(server.url, DEMO_KEY, sleep=no_sleep, max_per_second=0,
                                    max_retries=0) as api:
            generic = await agent_of(api, "GENERIC")
            usage = await api.billing_usage()
            assert usage.max_interview_minutes == 300
            made = 0
            with pytest.raises(BillingLimitError):
                for number in range(100):
                    await api.create_interview({
                        "candidate": {**CANDIDATE, "email": f"b{number}@example.com"},
                        "agentId": generic.id})
                    made += 1
            assert made == 300 // generic.duration
            free = await api.create_interview({"candidate": {**CANDIDATE, "email": "t@example.com"},
                                               "agentId": generic.id, "isTest": True})
            assert free.is_test and str(free.status) == "COMPLETED"
    finally:
        server.stop()


async def test_both_dialects_give_the_same_resources(tmp_path: Path, clock) -> None:
    """Two sandboxes with the same seed, one per dialect: the same company, down to the
    generated transcripts and analyses, read the same through the client."""
    read = {}
    for dialect in ("wrapped", "bare"):
        server = served(tmp_path / dialect, clock, dialect=dialect, empty=False, candidates=30,
                        interviews=40)
        try:
            async with InterviewsClient(server.url, DEMO_KEY, sleep=no_sleep,
                                        max_per_second=0) as api:
                candidates = [c async for p in api.iter_candidate_pages(limit=7) for c in p.items]
                interviews = [i async for i in api.iter_interviews(candidates[0].id)]
                read[dialect] = ([c.model_dump() for c in candidates],
                                 [i.model_dump() for i in interviews])
        finally:
            server.stop()
    assert read["wrapped"] == read["bare"]
    assert len(read["wrapped"][0]) == 30
