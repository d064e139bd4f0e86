"""The monitor over a cache with one interview in every status: groups, cursor, keys, filters.

No network is needed here: the screen reads the cache, and the App's connection state is what
the status line and the offline notice show."""

from __future__ import annotations

import io
from datetime import timedelta

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Select, Static

from app.domain.enums import InterviewStatus
from app.sandbox import SandboxClock
from app.ui.app import InterviewDeskApp
from app.ui.modals import ConfirmScreen
from app.ui.monitor.board import MonitorBoard
from app.ui.monitor.details import InterviewDetailsScreen
from app.ui.monitor.filters import MonitorFilterScreen
from app.ui.screens.monitor import MonitorScreen
from app.ui.status_bar import Connection
from tests.ui.monitor.world import interviews
from tests.ui.toasts import toasts

SIZE = (120, 40)
ORDER = [
    "int-scheduled-phone",
    "int-scheduled-online",
    "int-running",
    "int-analysing",
    "int-completed",
    "int-failed",
    "int-cancelled",
]


async def open_monitor(app: InterviewDeskApp, pilot: Pilot) -> MonitorScreen:
    await pilot.press("m")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MonitorScreen)
    return screen


async def put_cursor_on(pilot: Pilot, screen: MonitorScreen, interview_id: str) -> None:
    while screen.board.cursor_id != interview_id:
        await pilot.press("down")
    await pilot.pause()


def plain(content: object) -> str:
    """What a Static shows, as plain text (rich tables included)."""
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


async def test_three_groups_in_order(cached_desk: InterviewDeskApp) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        assert screen.board.interview_ids == ORDER
        assert screen.board.cursor_id == ORDER[0]
        assert isinstance(cached_desk.focused, MonitorBoard)


async def test_countdown_moves_with_the_clock_without_reading_the_store(
    cached_desk: InterviewDeskApp, clock: SandboxClock, monkeypatch
) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        row = screen.board.row("int-scheduled-phone")
        assert row is not None
        assert "in 25 min 30 s" in str(row.render())
        reads: list[object] = []
        store = cached_desk.context.store
        original = store.monitor_entries
        monkeypatch.setattr(store, "monitor_entries",
                            lambda now: reads.append(now) or original(now))
        clock.advance(timedelta(minutes=1))
        for _ in range(50):  # wait for the one-second tick (a loaded machine may run it late)
            await pilot.pause(0.1)
            if "in 24 min 30 s" in str(row.render()):
                break
        assert "in 24 min 30 s" in str(row.render())
        assert reads == []


async def test_an_update_keeps_the_cursor_and_focus_and_flashes_the_changed_row(
    cached_desk: InterviewDeskApp,
) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        await put_cursor_on(pilot, screen, "int-completed")
        started = next(i for i in interviews() if i.id == "int-scheduled-phone")
        started.status = InterviewStatus.IN_PROGRESS
        store = cached_desk.context.store
        with store.transaction():
            store.save_interviews([started])
        cached_desk.cache_written()
        await pilot.pause()
        assert screen.board.cursor_id == "int-completed"
        assert isinstance(cached_desk.focused, MonitorBoard)
        moved = screen.board.row("int-scheduled-phone")
        assert moved is not None and moved.has_class("-changed")
        assert screen.board.interview_ids.index("int-scheduled-phone") > ORDER.index(
            "int-scheduled-online"
        )
        untouched = screen.board.row("int-failed")
        assert untouched is not None and not untouched.has_class("-changed")


async def test_online_interview_has_call_keys_disabled_and_says_why(
    cached_desk: InterviewDeskApp,
) -> None:
    async with cached_desk.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        assert screen.active_bindings["n"].enabled
        await put_cursor_on(pilot, screen, "int-scheduled-online")
        for key in "ntx":
            assert not screen.active_bindings[key].enabled
        await pilot.press("n")
        await pilot.pause()
        assert any("only for phone interviews" in text for text in toasts(cached_desk))
        assert cached_desk.screen is screen


async def test_enter_shows_details_of_a_scheduled_interview(
    cached_desk: InterviewDeskApp,
) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        await open_monitor(cached_desk, pilot)
        await pilot.press("enter")
        await pilot.pause()
        details = cached_desk.screen
        assert isinstance(details, InterviewDetailsScreen)
        text = "\n".join(plain(static.content) for static in details.query(Static))
        assert "Ada Lovelace" in text and "Paula · phone" in text and "#1" in text


async def test_enter_on_a_finished_interview_opens_its_analysis(
    cached_desk: InterviewDeskApp,
) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        await put_cursor_on(pilot, screen, "int-completed")
        await pilot.press("enter")
        await pilot.pause()
        assert type(cached_desk.screen).__name__ == "AnalysisScreen"


async def test_filter_by_status_and_show_all_again(cached_desk: InterviewDeskApp) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(cached_desk.screen, MonitorFilterScreen)
        cached_desk.screen.query_one("#filter-status", Select).value = "COMPLETED"
        await pilot.click("#filter-apply")
        await pilot.pause()
        assert screen.board.interview_ids == ["int-analysing", "int-completed"]
        await pilot.press("escape")
        await pilot.pause()
        assert screen.board.interview_ids == ORDER


async def test_scheduled_beyond_a_day_shows_only_when_asked_for(
    cached_desk: InterviewDeskApp,
) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        assert "int-next-week" not in screen.board.interview_ids
        await pilot.press("slash")
        await pilot.pause()
        cached_desk.screen.query_one("#filter-status", Select).value = "SCHEDULED"
        await pilot.click("#filter-apply")
        await pilot.pause()
        assert screen.board.interview_ids == [
            "int-scheduled-phone",
            "int-scheduled-online",
            "int-next-week",
        ]


async def test_filter_by_job_and_agent(cached_desk: InterviewDeskApp) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        await pilot.press("slash")
        await pilot.pause()
        dialog = cached_desk.screen
        dialog.query_one("#filter-job", Select).value = "job-backend"
        dialog.query_one("#filter-agent", Select).value = "agent-phone"
        await pilot.click("#filter-apply")
        await pilot.pause()
        assert screen.board.interview_ids == ["int-scheduled-phone", "int-running", "int-failed"]


async def test_highlight_interview_moves_the_cursor_even_past_a_filter(
    cached_desk: InterviewDeskApp,
) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        await pilot.press("slash")
        await pilot.pause()
        cached_desk.screen.query_one("#filter-status", Select).value = "FAILED"
        await pilot.click("#filter-apply")
        await pilot.pause()
        screen.highlight_interview("int-running")
        await pilot.pause()
        assert screen.board.cursor_id == "int-running"
        assert screen.board.interview_ids == ORDER


async def test_after_scheduling_the_monitor_opens_on_the_new_interview(
    cached_desk: InterviewDeskApp,
) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        assert not isinstance(cached_desk.screen, MonitorScreen)
        await cached_desk.show_interview("int-failed")
        await pilot.pause()
        screen = cached_desk.screen
        assert isinstance(screen, MonitorScreen)
        assert screen.board.cursor_id == "int-failed"
        row = screen.board.row("int-failed")
        assert row is not None and row.has_class("-cursor")


async def test_pause_key_stops_live_updates_and_says_so(cached_desk: InterviewDeskApp) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert cached_desk.watching is False
        assert "PAUSED" in str(screen.query_one("#monitor-info").render())
        await pilot.press("p")
        assert cached_desk.watching is True


async def test_a_watch_tick_while_the_desk_closes_ends_quietly(
    cached_desk: InterviewDeskApp,
) -> None:
    """Resuming arms a watch tick at once; quitting at that moment let the tick read a screen
    after Textual had taken them all down, and the desk closed on a ScreenStackError."""
    async with cached_desk.run_test(size=SIZE) as pilot:
        await open_monitor(cached_desk, pilot)
        await pilot.press("p", "p")
    assert cached_desk.screen_stack == []
    armed = cached_desk._watch_timer
    await InterviewDeskApp._watch_once.__wrapped__(cached_desk)  # type: ignore[attr-defined]
    assert cached_desk._watch_timer is armed  # nothing polled, nothing re-armed


async def test_offline_shows_the_last_known_state_and_says_so(
    cached_desk: InterviewDeskApp,
) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        cached_desk.connection = Connection(backend="SANDBOX", online=False)
        await pilot.pause()
        assert "OFFLINE" in str(screen.query_one("#monitor-info").render())
        assert screen.board.interview_ids == ORDER


async def test_delete_asks_first_and_keeps_the_interview_when_refused(
    cached_desk: InterviewDeskApp,
) -> None:
    async with cached_desk.run_test(size=SIZE) as pilot:
        screen = await open_monitor(cached_desk, pilot)
        await put_cursor_on(pilot, screen, "int-running")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(cached_desk.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert screen.board.interview_ids == ORDER
        assert cached_desk.context.store.interview("int-running") is not None
