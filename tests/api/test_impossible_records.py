"""Ids, numbers and times come from the server: a record holding an impossible one is skipped
and counted on the way in, and every id goes out as exactly one URL path segment (issue 20.3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

import httpx
import pytest

from app.api.client import InterviewsClient, api_path
from app.api.errors import NotFoundError, ServerError, UnreadableAnswerError
from app.api.wire import parse_page
from app.domain.models import Candidate, Interview
from app.store import Store
from app.sync.watcher import LiveWatcher

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
IMPOSSIBLE = ["x\x01y", "../../billing/usage?x=1", "a/b", "a b", "", ".", "..", "é", "x" * 129,
              "id#frag", "50%"]


def candidates_page(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {"items": records, "pagination": {"total": len(records), "page": 1, "limit": 100}}


@pytest.mark.parametrize("bad", IMPOSSIBLE)
def test_a_record_with_an_impossible_id_is_skipped_and_counted(bad: str) -> None:
    page = parse_page(Candidate, candidates_page([
        {"id": "c-1", "firstName": "Ann"}, {"id": bad, "firstName": "Bob"},
        {"id": "c-3", "firstName": "Cid", "jobIds": ["job-1", bad]},
    ]), page=1, limit=100)
    assert [c.id for c in page.items] == ["c-1"]
    assert page.skipped == 2


def test_ids_a_record_points_to_are_checked_too() -> None:
    good = {"id": "i-1", "candidateId": "c-1", "agentId": "a-1", "jobId": "j-1",
            "callAttempts": [{"id": "att-1"}]}
    page = parse_page(Interview, candidates_page([
        good, {**good, "id": "i-2", "candidateId": "../c"}, {**good, "id": "i-3", "jobId": "j\n"},
        {**good, "id": "i-4", "callAttempts": [{"id": "att/../x"}]},
        {**good, "id": "550e8400-e29b-41d4-a716-446655440000"},
    ]), page=1, limit=100)
    assert [i.id for i in page.items] == ["i-1", "550e8400-e29b-41d4-a716-446655440000"]
    assert page.skipped == 3


@pytest.mark.parametrize(("field", "value"), [
    ("analysisCount", 10 ** 30),  # failed every sync at the insert (SQLite has 64 bits)
    ("interviewCount", -(2 ** 63) - 1),
    ("overallRating", float("nan")), ("overallRating", float("inf")),
    ("createdAt", "0001-01-01T00:00:00+01:00"),  # before the calendar, in UTC
    ("updatedAt", "9999-12-31T23:59:59-01:00"),  # after it
    ("createdAt", "2026-12-01T10:00:00"),  # no zone: the API always gives Z or an offset
])
def test_a_record_with_an_impossible_number_or_time_is_skipped_and_counted(
        field: str, value: object) -> None:
    page = parse_page(Candidate, candidates_page([
        {"id": "c-1", "overallRating": 99.5, "analysisCount": 2 ** 63 - 1,
         "createdAt": "2026-12-01T10:00:00+14:00"},
        {"id": "c-2", field: value}]), page=1, limit=100)
    assert [c.id for c in page.items] == ["c-1"]
    assert page.skipped == 1


def test_every_id_is_one_path_segment() -> None:
    assert api_path("interviews", "../../billing/usage?x=1") == \
        "/interviews/..%2F..%2Fbilling%2Fusage%3Fx%3D1"
    assert api_path("interviews", "x\x01y", "call-attempts") == "/interviews/x%01y/call-attempts"
    for step in (".", "..", ""):
        with pytest.raises(NotFoundError):
            api_path("interviews", step)


def stand_in(seen: list[httpx.Request]) -> httpx.MockTransport:
    """Answers every interview asked for, under the id it was asked for."""
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        asked = unquote(request.url.raw_path.decode().rsplit("/", 1)[-1])
        return httpx.Response(200, json={"id": asked, "status": "IN_PROGRESS"})
    return httpx.MockTransport(answer)


async def test_an_answer_with_an_impossible_id_is_an_error_not_a_record() -> None:
    def answer(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": "../x", "status": "COMPLETED"})

    async with InterviewsClient("https://api.example.com", "sk_test_key_0000000000000000",
                                max_per_second=0, transport=httpx.MockTransport(answer)) as client:
        with pytest.raises(ServerError, match="impossible id: "):
            await client.get_interview("i-1")


async def test_the_client_never_leaves_the_path_it_means() -> None:
    seen: list[httpx.Request] = []
    async with InterviewsClient("https://api.example.com", "sk_test_key_0000000000000000",
                                max_per_second=0, transport=stand_in(seen)) as client:
        for impossible in ("../../billing/usage?x=1", "x\x01y"):
            with pytest.raises(UnreadableAnswerError):  # asked for safely, answer refused
                await client.get_interview(impossible)
        with pytest.raises(NotFoundError):
            await client.delete_interview("..")
    assert [request.url.raw_path for request in seen] == [
        b"/interviews/..%2F..%2Fbilling%2Fusage%3Fx%3D1", b"/interviews/x%01y"]


async def test_a_cached_impossible_id_does_not_stop_the_live_watcher(store: Store) -> None:
    """A cache written before ids were checked may hold one; the watcher polls past it."""
    with store.transaction():
        store.save_interviews([
            Interview(id=bad, candidate_id="c-1", status="IN_PROGRESS",
                      scheduled_at=NOW - timedelta(minutes=5))
            for bad in ("x\x01y", "../../billing/usage?x=1", "i-ok")])
    seen: list[httpx.Request] = []
    async with InterviewsClient("https://api.example.com", "sk_test_key_0000000000000000",
                                max_per_second=0, transport=stand_in(seen)) as client:
        result = await LiveWatcher(client, store, lambda: NOW).poll_once()
    assert len(seen) == 3 and all(request.url.path.startswith("/interviews/") for request in seen)
    assert all(request.url.raw_path.count(b"/") == 2 for request in seen)
    assert result.polled == 3 and store.interview("i-ok") is not None
