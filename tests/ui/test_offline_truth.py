"""The state shown is the true one (issue 19): offline is noticed at the first request and said
for as long as it lasts, the monitor claims no live checks while nothing can be checked, a PDF
asked for offline is answered at once, and live events that arrive together are one toast."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from app.config import load_settings
from app.factory import build_context
from app.sandbox import SandboxClock
from app.sync.watcher import InterviewEvent
from app.ui.app import InterviewDeskApp
from app.ui.live_news import live_news
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.monitor import MonitorScreen
from tests.loopback import free_port
from tests.standin import StandIn
from tests.ui.analysis.world import fill
from tests.ui.candidates.world import fill as fill_finished
from tests.ui.conftest import MakeContext
from tests.ui.start_up import until_the_start_up_sync_ended
from tests.ui.toasts import titled
from widgets.virtual_table import VirtualTable

SIZE = (120, 30)


@pytest.fixture(params=["analysis pending", "nothing live"])
def offline_desk(request, tmp_path: Path, clock: SandboxClock):  # type: ignore[no-untyped-def]
    """A desk with a key for an API URL where nothing listens (a real loopback port), and a
    cache from an earlier sync: with an analysis still being written (the live poll asks the
    API about it), or with nothing live (the poll asks nothing, which proves nothing)."""
    settings = load_settings(data_dir=tmp_path / "data", env={
        "INTERVIEW_DESK_CONFIG": str(tmp_path / "config.toml"),
        "INSTAVIEW_API_URL": f"http://127.0.0.1:{free_port()}",
        "INSTAVIEW_API_KEY": "sk_test" + "0" * 40,
    })
    context = build_context(settings)
    context.clock = clock.now  # a real service runs on the real time; the test's stands still
    (fill if request.param == "analysis pending" else fill_finished)(context.store)
    context.store.set_last_synced_at(clock.now().replace(hour=7, minute=31))
    yield InterviewDeskApp(context)
    context.store.close()


def header(app: InterviewDeskApp) -> str:
    return str(app.screen.query_one("#status-bar").render())


async def test_an_offline_start_says_so_in_the_header_at_the_first_request(offline_desk) -> None:
    app = offline_desk
    async with app.run_test(size=SIZE) as pilot:
        # one request, no retries of a refused connection
        assert await until_the_start_up_sync_ended(app, pilot) == 1
        assert "OFFLINE" in header(app)
        assert "offline since 09:00 · cache from 07:31" in header(app)
        assert "synced" not in header(app)
        await pilot.press("m")
        await app.poll_live()
        await pilot.pause()
        info = str(app.screen.query_one("#monitor-info").render())
        assert isinstance(app.screen, MonitorScreen)
        assert "OFFLINE" in info and "LIVE" not in info and "checks every" not in info
        assert "offline since 09:00" in header(app)  # still true, still said


async def test_a_pdf_asked_for_offline_is_answered_at_once(offline_desk) -> None:
    app = offline_desk
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for _ in range(3):  # the start's sync, then the first live poll, both refused
            await pilot.pause()
            await app.workers.wait_for_complete()
        assert "OFFLINE" in header(app)
        sent = app.context.client.requests_sent
        await app.push_screen(AnalysisScreen("int-ada"))  # in both worlds
        await pilot.pause()
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.context.client.requests_sent == sent  # known offline: no request at all
        told = titled(app, "No PDF offline")
        assert told and "Markdown" in told[0]
        assert not list((app.context.settings.data_dir / "exports").glob("*.pdf"))


def event(kind: str, status: str | None, who: str = "Ada") -> InterviewEvent:
    return InterviewEvent(kind=kind, interview_id=f"int-{who}", candidate_name=who,
                          old_status=None, new_status=status)


def test_events_that_arrive_together_are_one_toast() -> None:
    news = live_news([event("status_changed", "COMPLETED", "Ada"),
                      event("status_changed", "COMPLETED", "Ben"),
                      event("status_changed", "COMPLETED", "Cleo"),
                      event("analysis_ready", "COMPLETED", "Dan"),
                      event("analysis_ready", "COMPLETED", "Eva"),
                      event("status_changed", "SCHEDULED", "Finn")])
    assert news is not None
    assert news.message == "3 interviews completed, 2 analyses ready"
    assert news.severity == "information"


def test_one_event_is_told_with_the_name_and_a_failure_stands_out() -> None:
    one = live_news([event("status_changed", "FAILED", "[b]Ada[/b]")])
    assert one == ("Interview failed", "[b]Ada[/b]: the interview failed.", "error")
    assert live_news([event("status_changed", "SCHEDULED")]) is None
    mixed = live_news([event("status_changed", "IN_PROGRESS"), event("status_changed", "FAILED")])
    assert mixed is not None and mixed.message == "1 interview started, 1 interview failed"
    assert mixed.severity == "error"


async def test_a_first_sync_the_api_refuses_is_not_loading_for_ever(
    make_context: MakeContext,
) -> None:
    """A key the API refuses: the empty list said "Loading candidates from the API…" for as
    long as the desk stayed open, after a toast that went in 12 seconds. It says why nothing
    came, and how to try again."""
    refused = httpx.Response(401, json={"success": False, "data": None, "error": {
        "code": "UNAUTHORIZED", "message": "Invalid [b]API[/b] key"}})
    context = make_context(transport=httpx.MockTransport(StandIn(answer=lambda _: refused)))
    desk = InterviewDeskApp(context)
    async with desk.run_test(size=SIZE) as pilot:
        await until_the_start_up_sync_ended(desk, pilot)
        message = desk.screen.query_one(VirtualTable).empty_message
        assert "Loading" not in message
        assert "Invalid [b]API[/b] key" in message and "r tries again" in message
