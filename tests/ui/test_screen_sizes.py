"""Every screen and every dialog at 80x24 and at 120x40 (issue 19): usable without scrolling
sideways.

At 80 columns the candidate list keeps name, interview status, rating and GDPR days and leaves
out the lower-priority columns; the monitor keeps its start and elapsed column; the footers and
status lines stay on one line. Pilot checks the rules; the snapshots show the rest (the
monitor's at 120x40 is its own file's, tests/ui/monitor/test_monitor_snapshots.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from app.ui.app import InterviewDeskApp
from app.ui.candidates.columns import CANDIDATE_COLUMNS
from app.ui.screens.monitor import MonitorScreen
from tests.ui.analysis.world import fill
from tests.ui.monitor.world import fill as fill_monitor
from widgets.virtual_table import VirtualTable

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def steps(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    async def run(pilot: Pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run


SCREENS = {
    "candidates": steps(),
    "candidate": steps("enter"),
    "analysis": steps("enter", "enter"),
    "job": steps("J"),
    "search": steps("f", *"ledger", "enter"),
    "compare": steps("space", "space", "space", "v"),
    "help": steps("question_mark"),
    "schedule": steps("s"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen(snap_compare, make_context, screen: str, size: str) -> None:
    context = make_context()
    fill(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    assert snap_compare(app, run_before=SCREENS[screen], terminal_size=SIZES[size])


def error_report(pilot: Pilot) -> Awaitable[None]:
    pilot.app.show_error("Unexpected answer from the API",  # type: ignore[attr-defined]
                         "GET /interviews answered 502 Bad Gateway\n"
                         "The request was not retried: its answer may have been partial.")
    return steps()(pilot)


# Every dialog (ModalScreen), over the screen it opens from; help is above, with the screens.
DIALOGS = {
    "candidate-filters": (fill, steps("plus")),
    "error": (fill, error_report),
    "confirm": (fill_monitor, steps("m", "down", "down", "d")),
    "monitor-filter": (fill_monitor, steps("m", "slash")),
    "call-time": (fill_monitor, steps("m", "t")),
    "details": (fill_monitor, steps("m", "enter")),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("dialog", DIALOGS)
def test_every_dialog(snap_compare, make_context, dialog: str, size: str) -> None:
    context = make_context()
    world, open_it = DIALOGS[dialog]
    world(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    assert snap_compare(app, run_before=open_it, terminal_size=SIZES[size])


def test_the_monitor_at_80x24(snap_compare, make_context) -> None:
    """At 120x40 the monitor is tests/ui/monitor/test_monitor_snapshots.py::test_every_status:
    the same world, keys and size made the same SVG byte for byte, so it is taken once, there."""
    context = make_context()
    fill_monitor(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    assert snap_compare(app, run_before=steps("m"), terminal_size=SIZES["80x24"])


def shown_titles(app: InterviewDeskApp) -> list[str]:
    return [column.title for column in app.screen.query_one(VirtualTable).shown_columns]


async def test_at_80_columns_the_list_keeps_what_matters_and_needs_no_sideways_scroll(
    make_context,
) -> None:
    context = make_context()
    fill(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        titles = shown_titles(app)
        assert {"Name", "Interview", "Rating", "Verdict", "GDPR"} <= set(titles)
        assert "Intvw" not in titles and "Status" not in titles
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.max_scroll_x == 0
        await pilot.press("enter")
        await pilot.pause()
        interviews = app.screen.query_one(VirtualTable)
        assert {"When", "Status", "Rating"} <= set(shown_titles(app))
        assert interviews.max_scroll_x == 0
    wide = InterviewDeskApp(context, sync_on_start=False)
    async with wide.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert shown_titles(wide) == [column.title for column in CANDIDATE_COLUMNS]  # all


async def test_at_80_columns_the_monitor_keeps_the_time_column(make_context) -> None:
    context = make_context()
    fill_monitor(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MonitorScreen)
        for interview_id in screen.board.interview_ids:
            row = screen.board.row(interview_id)
            assert row is not None
            text = str(row.render())
            assert len(text) <= screen.board.scrollable_content_region.width
            assert any(word in text for word in ("in ", "/ 15 min", "ago", "starting"))


async def test_at_80_columns_the_footer_gives_the_apps_keys_up_for_the_screens(
    make_context,
) -> None:
    from widgets.footer import KeyFooter

    context = make_context()
    fill(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        keys = [item.key for item in footer._fitting()]
        # The verdict keys (issue 23), then Markdown; the other exports are in ? and the palette.
        assert keys[-7:] == ["a", "h", "x", "u", "t", "e", "question_mark"]  # help stays
        assert "s" not in keys  # the app's Schedule key gives way
        shown = sum(footer._item_text(item).cell_len for item in footer._fitting())
        assert shown <= 80
