"""The first sync of a real account (issue 22): usable in seconds, complete at the API's limit.

The API lists interviews one candidate at a time, so what a recruiter feels on a first sync is
the rate limit, not the CPU. Against the sandbox served by uvicorn in a second process over a
loopback socket, on the `scale` plan (600 requests a minute, fixed windows per key as the real
API counts them), seeded with a company of whom some candidates have no interviews:

- `first_rows_s`: the desk on an empty cache (`python -m bench.probe first-rows`), seconds
  from spawning it until the candidate list shows its first page of candidates;
- `first_sync_request_ratio`: the requests of a first sync ÷ the minimum (candidate, agent and
  job pages, and one listing per candidate the API says has interviews, leaving out those past
  their GDPR date, whose data may not be fetched at all);
- `first_sync_pace_ratio`: that sync's wall time ÷ (its requests ÷ the plan's rate), started
  at the turn of the API's minute (a sync started late in a minute may spend that minute's
  unspent budget in a burst, which measures the clock, not the pace); with `first_sync_429s`;
- `recent_first_share`: of the 50 most recently updated candidates, the share whose interviews
  were in the cache after the first 20% of the sync's listings.

The two runs use two keys, so the desk's sync does not spend the measured sync's budget.
"""

from __future__ import annotations

import asyncio
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from app.api.client import PAGE_LIMIT, InterviewsClient
from app.api.limiter import RateLimiter
from app.sandbox import PLANS, SandboxSettings
from app.store import Store
from app.sync.replication import Replicator
from bench.data import Size
from bench.measure import ROOT, probe_env
from bench.served import served
from bench.setting import frozen_clock

PLAN = "scale"
SYNC_KEY = "sk_benchsync00000000000000000000000000000000000"
DESK_KEY = "sk_benchdesk00000000000000000000000000000000000"
RECENT = 50  # the most recently updated candidates that must come first
EARLY_SHARE = 0.2  # ... within this share of the listings
COMPANY = 2_000  # the README's question: a first sync of 2,000 candidates on each plan


def first_sync(size: Size) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        settings = SandboxSettings(
            db_path=Path(scratch) / "sandbox.sqlite3", plan=PLAN, time_scale=0.0,
            keys={SYNC_KEY: "*", DESK_KEY: "*"}, candidates=size.first_sync_candidates,
            interviews=size.first_sync_interviews)
        with served(settings) as url:
            rows_s = _first_rows(url, Path(scratch) / "desk")
            figures = asyncio.run(_paced_sync(url, Path(scratch) / "cache.sqlite3",
                                              aligned=size.first_sync_aligned))
    figures["first_rows_s"] = rows_s
    figures.update(company_minutes(figures["first_sync_request_ratio"],
                                   figures["first_sync_pace_ratio"]))
    return figures


def _first_rows(url: str, data_dir: Path) -> float:
    """Seconds from spawning the desk on an empty cache to its list showing candidates."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "bench.probe", "first-rows", str(data_dir), url, DESK_KEY],
        cwd=ROOT, env=probe_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"the first-rows probe failed ({result.returncode}): "
                           f"{result.stderr[-2000:]}")
    return seconds


async def _paced_sync(url: str, cache: Path, *, aligned: bool) -> dict[str, float]:
    refused = 0

    async def count_refusals(response: httpx.Response) -> None:
        nonlocal refused
        refused += response.status_code == 429

    store = Store.open(cache)
    try:
        async with InterviewsClient(url, SYNC_KEY) as client:
            client._http.event_hooks["response"].append(count_refusals)
            listed: list[str] = []
            listing = client.list_interviews

            async def noted(candidate_id: str, **kwargs: Any) -> Any:
                listed.append(candidate_id)
                return await listing(candidate_id, **kwargs)

            client.list_interviews = noted  # type: ignore[method-assign]
            if aligned:
                await asyncio.sleep(60 - time.time() % 60 + 0.05)
            started = time.perf_counter()
            summary = await Replicator(client, store, frozen_clock().now).sync()
            seconds = time.perf_counter() - started
            client.list_interviews = listing  # type: ignore[method-assign]
            minimum = await _minimum_requests(client, store)
    finally:
        store.close()
    per_second = PLANS[PLAN].per_minute / 60  # type: ignore[operator]
    return {
        "first_sync_request_ratio": summary.requests / minimum,
        "first_sync_pace_ratio": seconds / (summary.requests / per_second),
        "first_sync_429s": float(refused),
        "recent_first_share": _recent_share(cache, listed),
        "first_sync_requests": float(summary.requests),
        "first_sync_minimum_requests": float(minimum),
        "first_sync_s": seconds,
    }


async def _minimum_requests(client: InterviewsClient, store: Store) -> int:
    """Candidate, agent and job pages, and one listing per candidate with interviews whose
    data may be kept (the sync may not fetch anything of one past its GDPR date)."""
    totals = [(await listing(page=1, limit=1)).total or 0
              for listing in (client.list_candidates, client.list_agents, client.list_jobs)]
    pages = sum(max(1, math.ceil(total / PAGE_LIMIT)) for total in totals)
    listings = store._value("SELECT COUNT(*) FROM candidates WHERE api_interview_count > 0")
    return pages + listings


def _recent_share(cache: Path, listed: list[str]) -> float:
    """Of the RECENT most recently updated candidates, the share whose interviews were in the
    cache once EARLY_SHARE of the listings were made (one without interviews needs none)."""
    store = Store.open(cache)
    try:
        recent = store._rows("SELECT id, api_interview_count FROM candidates "
                             "ORDER BY updated_at DESC, id LIMIT ?", (RECENT,))
    finally:
        store.close()
    early = set(listed[:math.ceil(len(listed) * EARLY_SHARE)])
    there = sum(1 for row in recent if row["api_interview_count"] == 0 or row["id"] in early)
    return there / len(recent) if recent else 1.0


def company_minutes(request_ratio: float, pace_ratio: float) -> dict[str, float]:
    """Minutes a first sync of COMPANY candidates, every one with interviews, takes on each
    plan: its minimum requests times the measured request ratio, at the pace each plan's
    budget allows (minute rate less the reserve, the hour's quota), the time spent sending
    stretched by the measured pace ratio."""
    requests = math.ceil((math.ceil(COMPANY / PAGE_LIMIT) + 2 + COMPANY) * request_ratio)
    minutes: dict[str, float] = {}
    for name, plan in PLANS.items():
        if plan.per_minute is None or plan.per_hour is None:
            continue
        limiter = RateLimiter(wall_clock=lambda: 0.0)
        limiter.observe(httpx.Headers({
            "X-RateLimit-Limit-Minute": str(plan.per_minute),
            "X-RateLimit-Remaining-Minute": str(plan.per_minute),
            "X-RateLimit-Reset-Minute": "60", "X-RateLimit-Limit-Hour": str(plan.per_hour),
            "X-RateLimit-Remaining-Hour": str(plan.per_hour), "X-RateLimit-Reset-Hour": "3600"}))
        sending = requests / (limiter.per_minute() or 1) * 60  # the waits for the hour are exact
        seconds = (limiter.seconds_for(requests) or 0.0) + sending * (pace_ratio - 1)
        minutes[f"first_sync_{COMPANY}_{name}_min"] = seconds / 60
    return minutes
