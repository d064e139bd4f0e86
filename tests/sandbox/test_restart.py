"""The sandbox across restarts: its clock never goes back, no stored time breaks a read, and the
embedded demo keeps the wall clock's time and keeps interviewing (issue 17, point 2)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.config import load_settings
from app.domain.requests import CandidateDraft, InterviewRequest
from app.factory import build_context
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings, create_sandbox_app
from app.sandbox.lifecycle import interview_view, timeline
from app.sandbox.traffic import CALL_MINUTES
from tests.loopback import free_port

ROOT = Path(__file__).resolve().parents[2]
AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}
PERSON = {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
          "phoneNumber": "+421900000001", "gdprExpiryDate": "2030-06-30"}


def stamp(response: httpx.Response) -> datetime:
    return datetime.fromisoformat(response.json()["timestamp"].replace("Z", "+00:00"))


@contextmanager
def served_by_the_command(data_dir: Path, port: int, scale: float) -> Iterator[httpx.Client]:
    """`interview-desk sandbox` in its own process; stopped with SIGTERM as Ctrl-C would."""
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "sandbox", "--port",
         str(port), "--time-scale", str(scale), "--empty"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT),
                       "INTERVIEW_DESK_CONFIG": str(data_dir / "none.toml")},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "the sandbox never listened"
                time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=AUTH) as http:
            yield http
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_served_sandbox_reads_everything_after_a_restart_at_a_high_time_scale(
    tmp_path: Path,
) -> None:
    port = free_port()
    with served_by_the_command(tmp_path, port, scale=3000) as http:
        generic = next(a for a in http.get("/agents").json()["data"]["items"]
                       if a["focus"] == "GENERIC")
        made = http.post("/interviews", json={"agentId": generic["id"], "candidate": PERSON})
        assert made.status_code == 201, made.text
        interview = made.json()["data"]
        deadline = time.monotonic() + 30
        while True:  # a 12-minute call: a quarter of a second at 3000 times real time
            seen = http.get(f"/interviews/{interview['id']}")
            if seen.json()["data"]["status"] in ("COMPLETED", "FAILED"):
                break
            assert time.monotonic() < deadline, seen.text
            time.sleep(0.02)
        last_seen = stamp(seen)
    with served_by_the_command(tmp_path, port, scale=3000) as http:
        reads = [http.get(f"/interviews?candidateId={interview['candidateId']}"),
                 http.get(f"/interviews/{interview['id']}"),
                 http.get(f"/candidates/{interview['candidateId']}"),
                 http.get("/candidates"), http.get("/billing/usage")]
        assert [read.status_code for read in reads] == [200] * 5, [r.text for r in reads]
        assert min(stamp(read) for read in reads) >= last_seen  # the clock never went back
        assert reads[1].json()["data"]["status"] in ("COMPLETED", "FAILED")


@pytest.mark.parametrize("ahead", [timedelta(seconds=1), timedelta(hours=5), timedelta(days=40)])
@pytest.mark.parametrize("is_test", [False, True])
def test_no_stored_time_ahead_of_the_clock_fails_a_read(ahead: timedelta, is_test: bool) -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    later = (now + ahead).isoformat()
    doc: dict[str, Any] = {
        "id": "i-1", "candidateId": "c-1", "agentId": "a-1", "scheduledAt": later,
        "createdAt": later, "changedAt": later, "durationMinutes": 3, "isTest": is_test,
        "attempts": [{"id": "t-1", "scheduledAt": later}], "channel": "PHONE"}
    view = interview_view(doc, now, seed=7, lookup=lambda table, _id: None)
    assert view["updatedAt"] == later.replace("+00:00", "Z")
    assert view["status"] == ("COMPLETED" if is_test else "SCHEDULED")


async def test_the_demo_restarts_at_the_wall_clock_after_its_world_ran_ahead(
    tmp_path: Path,
) -> None:
    """A demo that ran ahead of the wall clock (the old 30x demo did, by hours) and had an
    interview made at its "now": the next start moves its world back to the wall clock, every
    read works, and the desk's clock is the wall clock."""
    settings = load_settings(data_dir=tmp_path / "data",
                             env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "none.toml")})
    ahead = SandboxClock(start=datetime.now(UTC) + timedelta(hours=7), scale=1.0)
    first = build_context(settings, sandbox_clock=ahead)
    agents = [agent async for agent in first.client.iter_agents()]
    generic = next(agent for agent in agents if str(agent.focus) == "GENERIC")
    made = await first.client.create_interview(InterviewRequest(
        agent_id=generic.id, candidate=CandidateDraft.model_validate(PERSON)))
    await first.aclose()

    second = build_context(settings)
    try:
        assert abs(second.clock() - datetime.now(UTC)) < timedelta(seconds=5)
        again = await second.client.get_interview(made.id)
        assert again.scheduled_at is not None
        assert abs(again.scheduled_at - datetime.now(UTC)) < timedelta(minutes=2)
        assert (await second.client.get_candidate(made.candidate_id)).id == made.candidate_id
        assert [i.id async for i in second.client.iter_interviews(made.candidate_id)] == [
            made.id]
    finally:
        await second.aclose()
    # The real command on the same data dir, twice: each sync works and says so.
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", str(settings.data_dir), "sync"],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT),
                           "INTERVIEW_DESK_CONFIG": str(tmp_path / "none.toml")},
            capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "requests" in done.stdout


def lively_demo(tmp_path: Path, clock: SandboxClock) -> httpx.AsyncClient:
    app = create_sandbox_app(SandboxSettings(
        db_path=tmp_path / "demo.sqlite3", plan="unlimited", time_scale=0.0,
        follows_wall_clock=True, lively=True), clock)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                             base_url="http://sandbox.invalid", headers=AUTH)


async def test_the_demo_starts_and_finishes_an_interview_every_minute_or_two(
    tmp_path: Path,
) -> None:
    start = datetime(2026, 12, 1, 9, 0, 30, tzinfo=UTC)
    clock = SandboxClock(start=start, scale=0.0)
    async with lively_demo(tmp_path, clock) as http:
        made = await http.post("/interviews", json={
            "agentId": next(a["id"] for a in (await http.get("/agents")).json()["data"]["items"]
                            if a["focus"] == "GENERIC"), "candidate": PERSON})
        mine = made.json()["data"]
        for _minute in range(30):  # half an hour with the desk polling
            clock.advance(timedelta(minutes=1))
            assert (await http.get("/agents")).status_code == 200
        docs = http._transport.app.state.sandbox.storage.all("interviews")  # type: ignore[attr-defined]
        for moments in ([timeline(doc)[0] for doc in docs], [timeline(doc)[1] for doc in docs]):
            within = sorted(m for m in moments if start <= m <= clock.now())
            gaps = [b - a for a, b in zip([start, *within], within, strict=False)]
            assert max(gaps) <= timedelta(minutes=2)
        # The calls the seed put around its "now" are short too (not a quarter of an hour).
        around = [doc for doc in docs
                  if abs(timeline(doc)[0] - start) <= timedelta(minutes=2)]
        assert len(around) >= 5
        assert all(doc["durationMinutes"] <= max(CALL_MINUTES) for doc in around)
        # The recruiter's own "start now" is a short demo call too, and their candidate is
        # never given interviews they did not schedule.
        assert mine["durationMinutes"] <= max(CALL_MINUTES)
        own = [d["id"] for d in docs if d["candidateId"] == mine["candidateId"]]
        assert own == [mine["id"]]


async def test_the_demo_never_interviews_a_candidate_past_its_gdpr_date(tmp_path: Path) -> None:
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    clock = SandboxClock(start=start, scale=0.0)
    async with lively_demo(tmp_path, clock) as http:
        for _minute in range(60):
            clock.advance(timedelta(minutes=1))
            await http.get("/agents")
        sandbox = http._transport.app.state.sandbox  # type: ignore[attr-defined]
        expired = {doc["id"] for doc in sandbox.storage.all("candidates")
                   if doc["gdprExpiryDate"] <= clock.now().date().isoformat()}
        assert expired
        fresh = [doc for doc in sandbox.storage.all("interviews")
                 if doc["createdAt"] > start.isoformat()]
        assert len(fresh) >= 50
        assert not [doc for doc in fresh if doc["candidateId"] in expired]
