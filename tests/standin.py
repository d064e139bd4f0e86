"""A stand-in Interviews API written from API.md, served through httpx.MockTransport, for
answers the sandbox never gives: broken lists, impossible rate-limit headers, wrong records.

`patch_cli` makes the real `interview-desk sync` (app.cli.main, in this process) talk to it
with a fake clock, so a rate-limit wait costs no real time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from app.api.client import InterviewsClient

KEY = "sk_standin0000000000000000000000000000000000secret"
URL = "https://api.standin.test"
Answer = Callable[[httpx.Request], httpx.Response | None]


def listing(items: list[dict[str, Any]], page: int = 1, limit: int = 100,
            total: int | None = None) -> httpx.Response:
    """Shape 1 of API.md: wrapped items with their pagination."""
    chunk = items[(page - 1) * limit: page * limit]
    total = len(items) if total is None else total
    return httpx.Response(200, json={"success": True, "timestamp": "2026-12-01T09:00:00Z",
                                     "error": None, "data": {"items": chunk, "pagination": {
                                         "total": total, "page": page, "limit": limit,
                                         "hasNextPage": page * limit < total}}})


@dataclass
class FakeTime:
    """A monotonic clock that moves only when the client sleeps."""

    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass
class StandIn:
    """A small company: `candidates` with one job and one agent, no interviews. `answer`, when
    set, may replace any response (return None to let the normal one through); `headers` are
    added to every response."""

    candidates: list[dict[str, Any]] = field(default_factory=lambda: [
        {"id": f"c{n}", "firstName": f"Cand{n}", "lastName": "Doe",
         "email": f"cand{n}@example.com", "jobIds": ["j1"], "interviewCount": 0,
         "analysisCount": 0, "updatedAt": "2026-11-30T10:00:00Z"} for n in range(30)])
    jobs: list[dict[str, Any]] = field(default_factory=lambda: [{"id": "j1", "title": "Cook"}])
    agents: list[dict[str, Any]] = field(default_factory=lambda: [
        {"id": "a1", "name": "Screener", "type": "PHONE", "focus": "SCREENING"}])
    answer: Answer | None = None
    headers: Callable[[], dict[str, str]] = dict
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        response = (self.answer(request) if self.answer else None) or self._normal(request)
        response.headers.update(self.headers())
        return response

    def _normal(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        params = request.url.params
        page, limit = int(params.get("page", 1)), int(params.get("limit", 20))
        if path == "/candidates":
            return listing(self.candidates, page, limit)
        if path == "/jobs":
            return listing(self.jobs, page, limit)
        if path == "/agents":
            return listing(self.agents, page, limit)
        if path == "/interviews":
            return listing([], page, limit)
        return httpx.Response(404, json={"statusCode": 404, "message": "Not found"})

    def client(self, time: FakeTime | None = None) -> InterviewsClient:
        time = time or FakeTime()
        return InterviewsClient(URL, KEY, transport=httpx.MockTransport(self), sleep=time.sleep,
                                clock=time.monotonic, max_per_second=0)


def patch_cli(monkeypatch: pytest.MonkeyPatch, standin: StandIn,
              time: FakeTime | None = None) -> list[str]:
    """Point the real `sync` command at `standin`; returns the argv prefix to use."""
    from app import factory
    from app.commands import sync as cli

    def build(settings: Any, **kwargs: Any) -> factory.AppContext:
        context = factory.build_context(settings, **kwargs)
        context.connect = lambda: standin.client(time)
        return context

    monkeypatch.setattr(cli, "build_context", build)
    return ["--api-url", URL, "--api-key", KEY]
