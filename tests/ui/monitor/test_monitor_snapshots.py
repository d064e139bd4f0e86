"""How the monitor looks with every status on it, offline, and in its dialogs."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot

from app.ui.app import InterviewDeskApp
from app.ui.status_bar import Connection
from tests.ui.monitor.world import START

SIZE = (120, 40)  # test_every_status is also tests/ui/test_screen_sizes.py's monitor at 120x40


async def monitor(pilot: Pilot) -> None:
    await pilot.press("m")
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


def test_every_status(snap_compare, cached_desk: InterviewDeskApp) -> None:
    assert snap_compare(cached_desk, terminal_size=SIZE, run_before=monitor)


def test_offline(snap_compare, cached_desk: InterviewDeskApp) -> None:
    async def offline(pilot: Pilot) -> None:
        await monitor(pilot)
        cached_desk.connection = Connection(
            backend="SANDBOX", online=False, last_synced_at=START - timedelta(minutes=12),
            offline_since=START - timedelta(minutes=3),
        )
        await pilot.pause()

    assert snap_compare(cached_desk, terminal_size=SIZE, run_before=offline)


def test_details_of_a_phone_interview(snap_compare, cached_desk: InterviewDeskApp) -> None:
    async def details(pilot: Pilot) -> None:
        await monitor(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(cached_desk, terminal_size=SIZE, run_before=details)


def test_confirm_deleting_a_running_interview(snap_compare, cached_desk: InterviewDeskApp) -> None:
    async def confirm(pilot: Pilot) -> None:
        await monitor(pilot)
        await pilot.press("down", "down", "d")
        await pilot.pause()

    assert snap_compare(cached_desk, terminal_size=SIZE, run_before=confirm)


def test_call_keys_dimmed_on_an_online_interview(
    snap_compare, cached_desk: InterviewDeskApp
) -> None:
    async def online(pilot: Pilot) -> None:
        await monitor(pilot)
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(cached_desk, terminal_size=SIZE, run_before=online)
