"""What a first sync's time is made of, when the API sets no rate limit (issue 9; the figure it
fed, `sync_ingest_ratio`, is retired: see bench/first_sync.py), and the incremental sync's
requests.

The headline sync runs the sandbox in the desk's own process through `httpx.ASGITransport`,
which is how the desk syncs its sandbox. The same first sync is also timed against the sandbox
served by uvicorn in a second process on a loopback socket, which is how a server elsewhere is
reached. Three replays of the first sync's requests then split its time, so a miss can be read
off the run instead of argued:
- the sandbox answering them with no client;
- the client and the store syncing those answers, canned, with no sandbox;
- httpx alone fetching the canned answers, with no parsing and no store.
"""

from __future__ import annotations

import asyncio
import math
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlite_utils

from app.api.client import InterviewsClient
from app.config import SANDBOX_URL
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings, create_sandbox_app
from app.store import Store
from app.sync.replication import Replicator
from bench.data import Size
from bench.served import served
from bench.setting import frozen_clock

Scope = dict[str, Any]
Message = dict[str, Any]
Asgi = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
                Awaitable[None]]
RequestKey = tuple[str, str, bytes]  # method, path, query string
Answer = tuple[int, list[tuple[bytes, bytes]], bytes]  # status, headers, body


def sync(size: Size) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        figures = asyncio.run(_in_process(size, Path(scratch)))
        loopback_seconds, interviews = _over_loopback(size, Path(scratch))
    _same_interviews("over loopback", interviews, int(figures["sync_interviews"]))
    loopback_rate = interviews / loopback_seconds
    figures["sync_loopback_interviews_per_s"] = loopback_rate
    figures["sync_loopback_ingest_ratio"] = loopback_rate / figures["raw_interviews_per_s"]
    return figures


def raw_insert_seconds(store: Store) -> float:
    """A plain sqlite-utils insert_all of the rows the sync wrote (interviews, turns, points)."""
    tables = ("interviews", "transcript_turns", "analysis_points", "analyses", "call_attempts")
    rows = {table: [dict(row) for row in store.db[table].rows] for table in tables}
    with tempfile.TemporaryDirectory() as scratch:
        db = sqlite_utils.Database(Path(scratch) / "raw.sqlite3")
        started = time.perf_counter()
        with db.conn:
            for table, items in rows.items():
                if items:
                    db[table].insert_all(items, batch_size=500)
        return time.perf_counter() - started


def _sandbox_settings(size: Size, db_path: Path) -> SandboxSettings:
    return SandboxSettings(db_path=db_path, plan="unlimited", time_scale=0.0,
                           candidates=size.sync_candidates, interviews=size.sync_interviews)


async def _first_sync(client: InterviewsClient, store: Store,
                      clock: SandboxClock) -> tuple[float, int, int]:
    """Seconds for a first sync into an empty store, the interviews it holds after, and the
    requests it took."""
    started = time.perf_counter()
    summary = await Replicator(client, store, clock.now).sync()
    seconds = time.perf_counter() - started
    return seconds, store._value("SELECT COUNT(*) FROM interviews"), summary.requests


class Noting:
    """An ASGI app that notes every request it is asked before the sandbox answers it."""

    def __init__(self, app: Asgi) -> None:
        self.app = app
        self.scopes: list[Scope] = []

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        self.scopes.append(dict(scope))
        await self.app(scope, receive, send)


async def _in_process(size: Size, scratch: Path) -> dict[str, float]:
    clock = frozen_clock()
    sandbox = Noting(create_sandbox_app(_sandbox_settings(size, scratch / "sandbox.sqlite3"),
                                        clock))
    store = Store.open(scratch / "cache.sqlite3")
    try:
        async with InterviewsClient(SANDBOX_URL, DEMO_KEY, max_per_second=0,
                                    transport=httpx.ASGITransport(app=sandbox)) as client:
            seconds, interviews, requests = await _first_sync(client, store, clock)
            raw_seconds = raw_insert_seconds(store)
            parts = await _parts(sandbox.app, list(sandbox.scopes), clock, scratch, interviews)
            incremental = await _incremental(client, store, clock, size)
    finally:
        store.close()
    sync_rate = interviews / seconds
    raw_rate = interviews / raw_seconds
    return {
        "sync_ingest_ratio": sync_rate / raw_rate, "sync_interviews_per_s": sync_rate,  # detail
        "raw_interviews_per_s": raw_rate, "sync_interviews": interviews, "sync_s": seconds,
        "sync_raw_insert_s": raw_seconds,
        **parts, "sync_full_requests": requests, **incremental,
    }


async def _parts(sandbox: Asgi, scopes: list[Scope], clock: SandboxClock, scratch: Path,
                 interviews: int) -> dict[str, float]:
    """The first sync's requests replayed three ways (see the module's docstring)."""
    sandbox_seconds, answers = await _answers(sandbox, scopes)

    def canned(request: httpx.Request) -> httpx.Response:
        status, headers, body = answers[request.method, request.url.path, request.url.query]
        return httpx.Response(status, headers=headers, content=body)

    store = Store.open(scratch / "canned.sqlite3")
    try:
        async with InterviewsClient(SANDBOX_URL, DEMO_KEY, max_per_second=0,
                                    transport=httpx.MockTransport(canned)) as client:
            without_sandbox, replayed, _ = await _first_sync(client, store, clock)
    finally:
        store.close()
    _same_interviews("from canned answers", replayed, interviews)

    async with httpx.AsyncClient(base_url=SANDBOX_URL, transport=httpx.MockTransport(canned),
                                 headers={"Authorization": f"Bearer {DEMO_KEY}"}) as http:
        started = time.perf_counter()
        for scope in scopes:
            await http.request(scope["method"], httpx.URL(path=scope["path"],
                                                          query=scope["query_string"]))
        httpx_seconds = time.perf_counter() - started
    return {"sync_sandbox_alone_s": sandbox_seconds,
            "sync_without_sandbox_s": without_sandbox, "sync_httpx_alone_s": httpx_seconds}


def _same_interviews(how: str, written: int, expected: int) -> None:
    """A replay that wrote other interviews than the first sync did would time something else."""
    if written != expected:
        raise RuntimeError(f"the sync {how} wrote {written} interviews, the first sync {expected}")


class _Reply:
    """What an ASGI app sends back for one request."""

    def __init__(self) -> None:
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.body: list[bytes] = []

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = list(message.get("headers", []))
        else:
            self.body.append(message.get("body", b""))


async def _answers(sandbox: Asgi, scopes: list[Scope]) -> tuple[float, dict[RequestKey, Answer]]:
    """The sandbox answering the noted requests straight through ASGI, with no client: the
    seconds that took, and the answers. Its caches are warm from the first sync (a finished
    interview's transcript is composed once), so the seconds are a lower bound."""
    answers: dict[RequestKey, Answer] = {}

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    started = time.perf_counter()
    for scope in scopes:
        reply = _Reply()
        await sandbox(dict(scope), receive, reply.send)
        answers[scope["method"], scope["path"], scope["query_string"]] = (
            reply.status, reply.headers, b"".join(reply.body))
    seconds = time.perf_counter() - started
    refused = [key for key, (status, _, _) in answers.items() if not 200 <= status < 300]
    if refused:
        raise RuntimeError(f"the sandbox refused {len(refused)} replayed requests: {refused[0]}")
    return seconds, answers


async def _incremental(client: InterviewsClient, store: Store, clock: SandboxClock,
                       size: Size) -> dict[str, float]:
    """1% of the candidates change remotely, then an incremental sync: its requests against
    the minimum the API allows."""
    # The API refuses edits to a candidate whose GDPR date has passed: change live ones.
    editable = sorted(row["id"] for row in store._rows(
        "SELECT id FROM candidates WHERE gdpr_expiry_date > ?",
        (clock.now().date().isoformat(),)))
    changed = random.Random(9).sample(editable, max(1, size.sync_candidates // 100))
    for candidate_id in changed:
        await client.update_candidate(candidate_id, {"status": "INTERVIEWING"})
    clock.advance(timedelta(seconds=1))
    second = await Replicator(client, store, clock.now).sync()
    pages = math.ceil(size.sync_candidates / 100)  # the API lists every candidate
    minimum = pages + len(changed)
    return {"sync_request_ratio": second.requests / minimum,
            "sync_incremental_requests": second.requests, "sync_minimum_requests": minimum}


# ── over a loopback socket, the sandbox in a second process ─────────────────────────────

def _over_loopback(size: Size, scratch: Path) -> tuple[float, int]:
    """Seconds for the same first sync from a sandbox in another process, and its interviews."""
    with served(_sandbox_settings(size, scratch / "served.sqlite3")) as url:
        return asyncio.run(_loopback_sync(url, scratch))


async def _loopback_sync(url: str, scratch: Path) -> tuple[float, int]:
    store = Store.open(scratch / "loopback.sqlite3")
    try:
        async with InterviewsClient(url, DEMO_KEY, max_per_second=0) as client:
            seconds, interviews, _ = await _first_sync(client, store, frozen_clock())
    finally:
        store.close()
    return seconds, interviews
