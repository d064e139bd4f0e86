"""A desk left open keeps up with the server by itself: it syncs again a while after each
sync, sooner while the API cannot be reached, so interviews scheduled elsewhere reach its
monitor and a network that comes back is noticed without the recruiter pressing r.

Over a real loopback socket: the server is a sandbox served by uvicorn in a thread, started
after the desk (the network comes back) or changed by a second client (a colleague)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from textual.pilot import Pilot

import app.ui.app as desk_app
from app.config import load_settings
from app.factory import AppContext, build_context
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings
from app.ui.app import InterviewDeskApp
from app.ui.screens.monitor import MonitorScreen
from tests.loopback import LoopbackSandbox, free_port
from tests.ui.start_up import until_the_start_up_sync_ended
from tests.ui.toasts import titled

SIZE = (120, 30)
SOON = 0.2  # seconds: the desk's own syncs, shortened for the test


@pytest.fixture(autouse=True)
def syncs_soon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(desk_app, "SYNC_AGAIN_SECONDS", SOON)
    monkeypatch.setattr(desk_app, "SYNC_RETRY_OFFLINE_SECONDS", SOON)


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def context(tmp_path: Path, clock: SandboxClock, port: int) -> Iterator[AppContext]:
    settings = load_settings(data_dir=tmp_path / "data", env={
        "INTERVIEW_DESK_CONFIG": str(tmp_path / "config.toml"),
        "INSTAVIEW_API_URL": f"http://127.0.0.1:{port}",
        "INSTAVIEW_API_KEY": DEMO_KEY,
    })
    made = build_context(settings)
    made.clock = clock.now  # a real service runs on the real time; the test's stands still
    yield made
    made.store.close()


@pytest.fixture
def server(tmp_path: Path, clock: SandboxClock, port: int) -> Iterator[LoopbackSandbox]:
    """Not serving until a test starts it."""
    served = LoopbackSandbox(SandboxSettings(db_path=tmp_path / "sandbox.sqlite3", candidates=20,
                                             interviews=0, time_scale=0.0), clock, port)
    yield served
    served.stop()


def header(desk: InterviewDeskApp) -> str:
    return str(desk.screen.query_one("#status-bar").render())


async def until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the desk did not get there by itself")


async def test_the_network_coming_back_is_noticed_without_r(
    context: AppContext, server: LoopbackSandbox
) -> None:
    desk = InterviewDeskApp(context)
    async with desk.run_test(size=SIZE, notifications=True) as pilot:
        await until_the_start_up_sync_ended(desk, pilot)
        assert "OFFLINE" in header(desk)
        await pilot.pause(3 * SOON)  # tries again, quietly: one Offline toast, not one a try
        assert len(titled(desk, "Offline")) == 1
        server.start()
        await until(pilot, lambda: "OFFLINE" not in header(desk)
                    and "synced just now" in header(desk))
        today = context.clock().date().isoformat()
        served = {c["id"] for c in server.sandbox.storage.all("candidates")
                  if c["gdprExpiryDate"] >= today}  # the seed's expired ones are never cached
        assert context.store.ids("candidates") == served


async def test_an_interview_scheduled_elsewhere_reaches_the_open_monitor(
    context: AppContext, server: LoopbackSandbox, clock: SandboxClock
) -> None:
    server.start()
    desk = InterviewDeskApp(context)
    async with desk.run_test(size=SIZE) as pilot:
        await until_the_start_up_sync_ended(desk, pilot)
        await pilot.press("m")
        monitor = desk.screen
        assert isinstance(monitor, MonitorScreen)
        assert monitor.board.interview_ids == []
        # A colleague schedules an interview for the afternoon, from their own desk.
        agents = server.sandbox.storage.all("agents")
        generic = next(a for a in agents if a["focus"] == "GENERIC")
        async with httpx.AsyncClient(base_url=server.url,
                                     headers={"Authorization": f"Bearer {DEMO_KEY}"}) as other:
            answer = await other.post("/interviews", json={
                "agentId": generic["id"],
                "candidate": {"firstName": "Colleague's", "lastName": "Pick",
                              "email": "pick@example.com", "phoneNumber": "+421915123456",
                              "gdprExpiryDate": "2027-12-01"},
                "scheduleTime": (clock.now() + timedelta(hours=4)).isoformat(),
            })
        assert answer.status_code == 201, answer.text
        created = answer.json()["data"]["id"]
        await until(pilot, lambda: created in monitor.board.interview_ids)
