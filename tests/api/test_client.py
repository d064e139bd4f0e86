"""The API client against httpx.MockTransport: every envelope and list shape, every error
status, retries and backoff, the never-resend rule for creates, pacing, and key hygiene."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from app.api.client import InterviewsClient
from app.api.errors import (
    AuthenticationError,
    BillingLimitError,
    ConflictError,
    ForbiddenError,
    MissingScopeError,
    NotFoundError,
    OfflineError,
    OutcomeUnknownError,
    RequestRejected,
    ServerError,
)
from app.api.limiter import RateLimiter
from tests.loopback import free_port

KEY = "sk_live_SECRETSECRETSECRET1234"
CANDIDATES = [{"id": f"c{n}", "firstName": f"N{n}", "jobIds": None} for n in range(5)]
Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    def __init__(self) -> None:
        self.sleeps: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def client_for(handler: Handler, recorder: Recorder | None = None,
               **kwargs: Any) -> tuple[InterviewsClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    recorder = recorder or Recorder()
    client = InterviewsClient("https://api.example.com", KEY, max_per_second=0,
                              transport=httpx.MockTransport(record), sleep=recorder.sleep,
                              **kwargs)
    return client, seen


def wrapped(data: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json={"success": True, "data": data, "error": None,
                                        "timestamp": "2026-12-01T09:00:00Z"})


SHAPES = {
    "wrapped": lambda page, items: wrapped({"items": items, "pagination": {
        "total": 5, "page": page, "limit": 2, "totalPages": 3,
        "hasNextPage": page < 3, "hasPreviousPage": page > 1}}),
    "bare": lambda page, items: httpx.Response(200, json={
        "data": items, "total": 5, "page": page, "limit": 2, "totalPages": 3}),
    "partial": lambda page, items: httpx.Response(200, json={
        "data": {"items": items, "pagination": {"total": 5}}}),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
async def test_every_list_shape_pages_to_the_same_candidates(shape: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        return SHAPES[shape](page, CANDIDATES[(page - 1) * 2 : page * 2])

    client, seen = client_for(handler)
    names = [c.first_name async for page in client.iter_candidate_pages(limit=2)
             for c in page.items]
    assert names == ["N0", "N1", "N2", "N3", "N4"]
    assert len(seen) == 3  # stops after the third page by hasNextPage, totalPages or short page
    assert seen[0].headers["authorization"] == f"Bearer {KEY}"


async def test_a_bare_object_and_a_bare_true_are_read() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "DELETE":
            return httpx.Response(200, json=True)
        return httpx.Response(200, json={"id": "i1", "status": "in_progress"})

    client, _ = client_for(handler)
    assert (await client.get_interview("i1")).status == "IN_PROGRESS"
    await client.delete_interview("i1")


async def test_a_bad_record_is_skipped_and_counted() -> None:
    items = [CANDIDATES[0], {"firstName": "no id"}, {"id": 5, "jobIds": "x"}, CANDIDATES[1]]
    client, _ = client_for(lambda request: wrapped({"items": items, "pagination": {"total": 4}}))
    page = await client.list_candidates(limit=100)
    assert [c.id for c in page.items] == ["c0", "c1"] and page.skipped == 2


def error(status: int, body: Any, headers: dict[str, str] | None = None) -> Handler:
    return lambda request: httpx.Response(status, json=body, headers=headers or {})


def envelope(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"success": False, "data": None, "error": {"code": code, "message": message,
                                                      "details": details}}


@pytest.mark.parametrize(("status", "body", "kind"), [
    (401, envelope("INVALID_API_KEY", "Invalid API key"), AuthenticationError),
    (403, envelope("FORBIDDEN", "Belongs to another company"), ForbiddenError),
    (404, envelope("RESOURCE_NOT_FOUND", "Interview not found",
                   {"resourceType": "Interview", "resourceId": "x"}), NotFoundError),
    (409, envelope("CONFLICT", "Already running"), ConflictError),
    (402, envelope("BILLING_LIMIT_REACHED", "Company billing limit reached"), BillingLimitError),
    (422, {"statusCode": 422, "message": "The billing limit is reached"}, BillingLimitError),
])
async def test_each_error_status_has_its_type(status: int, body: Any, kind: type) -> None:
    client, _ = client_for(error(status, body))
    with pytest.raises(kind):
        await client.get_interview("x")


async def test_a_missing_scope_is_named() -> None:
    body = envelope("INSUFFICIENT_PERMISSIONS",
                    "This API key does not have the required scope: write:interviews")
    client, _ = client_for(error(403, body))
    with pytest.raises(MissingScopeError) as raised:
        await client.create_interview({"candidateId": "c", "agentId": "a"})
    assert raised.value.scope == "write:interviews"
    assert "scheduling interviews is unavailable" in str(raised.value)


async def test_validation_problems_keep_their_field_paths_in_both_shapes() -> None:
    ours = envelope("VALIDATION_ERROR", "Validation failed",
                    {"fields": [{"field": "job.title", "message": "too short"}]})
    nest = {"statusCode": 400, "error": "Bad Request",
            "message": ["job.requiredSkills[3] must not be empty", "something general"]}
    for body, expected in ((ours, ["job.title"]), (nest, ["job.requiredSkills[3]", ""])):
        client, _ = client_for(error(400, body))
        with pytest.raises(RequestRejected) as raised:
            await client.create_interview({})
        assert [p.field for p in raised.value.problems] == expected


async def test_reads_retry_5xx_with_growing_backoff_then_succeed() -> None:
    answers = iter([503, 500, 503, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(answers)
        return wrapped({"id": "i1"}) if status == 200 else httpx.Response(status, json={})

    recorder = Recorder()
    client, seen = client_for(handler, recorder, max_retries=4)
    assert (await client.get_interview("i1")).id == "i1"
    assert len(seen) == 4
    assert recorder.sleeps[0] < recorder.sleeps[2] and len(recorder.sleeps) == 3


async def test_reads_give_up_after_max_retries() -> None:
    client, seen = client_for(error(503, {}), max_retries=2)
    with pytest.raises(ServerError):
        await client.get_interview("i1")
    assert len(seen) == 3


async def test_a_create_is_never_resent_after_a_5xx() -> None:
    client, seen = client_for(error(503, {}), max_retries=4)
    with pytest.raises(OutcomeUnknownError):
        await client.create_interview({"candidateId": "c", "agentId": "a"})
    assert len(seen) == 1


async def test_a_create_whose_answer_times_out_is_never_resent() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("lost", request=request)

    client, seen = client_for(handler)
    with pytest.raises(OutcomeUnknownError):
        await client.create_interview({"candidateId": "c", "agentId": "a"})
    assert len(seen) == 1


async def test_a_create_that_never_connected_is_offline_and_safe() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route", request=request)

    client, _ = client_for(handler, max_retries=1)
    with pytest.raises(OfflineError):
        await client.create_interview({"candidateId": "c", "agentId": "a"})


async def test_a_429_is_retried_after_its_retry_after_even_for_a_create() -> None:
    answers = iter([429, 201])

    def handler(request: httpx.Request) -> httpx.Response:
        if next(answers) == 429:
            return httpx.Response(429, headers={"Retry-After": "7"}, json={
                "statusCode": 429, "message": "Rate limit exceeded", "retryAfter": 7})
        return wrapped({"id": "new"}, 201)

    recorder = Recorder()
    client, seen = client_for(handler, recorder)
    assert (await client.create_interview({"candidateId": "c", "agentId": "a"})).id == "new"
    assert len(seen) == 2
    assert any(6.5 <= pause <= 7.5 for pause in recorder.sleeps)


async def test_the_limiter_spreads_the_remaining_budget_over_the_window() -> None:
    recorder = Recorder()
    now = [1000.0]
    limiter = RateLimiter(max_per_second=5, clock=lambda: now[0], wall_clock=lambda: now[0],
                          sleep=recorder.sleep)
    limiter.observe(httpx.Headers({"X-RateLimit-Remaining-Minute": "5",
                                   "X-RateLimit-Reset-Minute": "1030",
                                   "X-RateLimit-Limit-Minute": "60"}))
    await limiter.wait()
    await limiter.wait()
    assert recorder.sleeps and recorder.sleeps[0] == pytest.approx(30 / 3)
    assert limiter.state.remaining_minute == 5


def hour_limited(remaining_hour: int) -> RateLimiter:
    """A key with plenty left this minute (60 of 60, reset in 30 s) and `remaining_hour` of
    its hour (reset in 3,000 s)."""
    limiter = RateLimiter(max_per_second=0, wall_clock=lambda: 1000.0)
    limiter.observe(httpx.Headers({
        "X-RateLimit-Limit-Minute": "60", "X-RateLimit-Remaining-Minute": "60",
        "X-RateLimit-Reset-Minute": "1030", "X-RateLimit-Remaining-Hour": str(remaining_hour),
        "X-RateLimit-Reset-Hour": "4000"}))
    return limiter


def test_the_hour_does_not_slow_requests_while_a_minute_of_it_is_left() -> None:
    # 62 left, 2 kept back: exactly a minute's allowance; only the minute paces (30 s / 58)
    assert hour_limited(62).gap() == pytest.approx(30 / 58)


def test_the_hour_spreads_its_last_minute_of_budget_over_what_is_left_of_it() -> None:
    assert hour_limited(61).gap() == pytest.approx(3000 / 59)


async def test_the_key_never_leaks(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client, _ = client_for(error(401, envelope("INVALID_API_KEY", "Invalid API key")))
    with pytest.raises(AuthenticationError) as raised:
        await client.get_job("j")
    for text in (repr(client), str(raised.value), caplog.text, json.dumps(raised.value.args)):
        assert KEY not in text
    assert "sk_…1234" in str(raised.value)


async def test_invalid_utf8_in_one_record_spoils_only_that_text() -> None:
    body = json.dumps({"data": [{"id": "c1", "firstName": "PLACEHOLDER"},
                                {"id": "c2", "firstName": "Fine"}], "total": 2}).encode()
    body = body.replace(b"PLACEHOLDER", b"Bad\xff\xfeName")
    client, _ = client_for(lambda request: httpx.Response(
        200, content=body, headers={"content-type": "application/json"}))
    page = await client.list_candidates()
    assert [c.id for c in page.items] == ["c1", "c2"]
    assert "\ufffd" in page.items[0].first_name and page.items[1].first_name == "Fine"


async def test_a_huge_transcript_with_control_characters_is_read_whole() -> None:
    turns = [{"speaker": "AGENT" if n % 2 else "CANDIDATE",
              "text": f"turn {n} \x1b[31mred\x1b[0m [bold]x[/bold]", "startSeconds": n}
             for n in range(5000)]
    client, _ = client_for(lambda request: wrapped({"id": "i1", "status": "COMPLETED",
                                                    "transcript": turns}))
    interview = await client.get_interview("i1")
    assert len(interview.turns) == 5000
    assert interview.turns[4999].text.endswith("[bold]x[/bold]")


async def test_a_refused_connection_is_offline_at_once_without_retries() -> None:
    """A real loopback port where nothing listens: one try, no backoff, offline."""
    recorder = Recorder()
    client = InterviewsClient(f"http://127.0.0.1:{free_port()}", KEY, max_per_second=0,
                              max_retries=4, sleep=recorder.sleep)
    async with client:
        with pytest.raises(OfflineError, match="Cannot reach the API"):
            await client.list_jobs()
    assert client.requests_sent == 1 and recorder.sleeps == []


async def test_a_connect_timeout_is_still_retried() -> None:
    answers = iter(["timeout", 200])

    def handler(request: httpx.Request) -> httpx.Response:
        if next(answers) == "timeout":
            raise httpx.ConnectTimeout("slow", request=request)
        return httpx.Response(200, json={"data": [], "pagination": {"page": 1, "limit": 100,
                                                                    "total": 0}})

    client, seen = client_for(handler, max_retries=4)
    await client.list_jobs()
    assert len(seen) == 2
