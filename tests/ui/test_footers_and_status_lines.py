"""Footers show the keys that matter where they are, and status lines stay one line (issue 19):
no `s Schedule` on the scheduling form itself, whatever has the focus; the form's status line
is one line at 80 columns."""

from __future__ import annotations

import pytest

from app.ui.app import InterviewDeskApp
from app.ui.screens.schedule import ScheduleScreen
from tests.ui.analysis.world import fill
from widgets.footer import KeyFooter


async def test_the_scheduling_form_does_not_offer_to_open_itself(make_context) -> None:
    context = make_context()
    fill(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        assert "s" in [item.key for item in footer._fitting()]  # on the list: it does
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScheduleScreen)
        screen.set_focus(None)  # nothing that takes text has the focus: letters are commands
        await pilot.pause()
        await pilot.pause()
        keys = [item.key for item in screen.query_one(KeyFooter)._fitting()]
        assert "ctrl+r" in keys
        assert "s" not in keys


async def test_the_forms_status_is_one_line_at_80_columns(make_context) -> None:
    context = make_context()
    fill(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        status = app.screen.query_one("#schedule-status")
        assert "Not ready to send" in str(status.render())
        assert status.region.height == 1


async def test_the_offline_monitor_says_first_that_nothing_is_checked(make_context) -> None:
    from app.ui.status_bar import Connection
    from tests.ui.monitor.world import fill as fill_monitor

    context = make_context()
    fill_monitor(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        app.connection = Connection(backend="SANDBOX", online=False,
                                    offline_since=context.clock())
        await pilot.pause()
        info = app.screen.query_one("#monitor-info")
        assert str(info.render()).startswith(" OFFLINE  nothing is checked until the API answers")
        assert info.region.height == 1


@pytest.mark.parametrize(("world", "keys", "button"), [
    ("candidates", ("plus",), "#apply"),
    ("monitor", ("m", "slash"), "#filter-apply"),
])
async def test_at_80x24_a_long_dialog_scrolls_to_the_focused_field(
    make_context, world: str, keys: tuple[str, ...], button: str,
) -> None:
    from tests.ui.monitor.world import fill as fill_monitor

    context = make_context()
    (fill if world == "candidates" else fill_monitor)(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        dialog = app.screen.query_one(".dialog")
        target = app.screen.query_one(button)
        shown = dialog.scrollable_content_region
        assert not shown.contains_region(target.region)  # below the fold at first
        for _ in range(12):  # Tab through the fields, as a keyboard user does
            if app.focused is target:
                break
            await pilot.press("tab")
            await pilot.pause()
        assert app.focused is target
        await pilot.pause()
        assert dialog.scrollable_content_region.contains_region(target.region)  # in view


async def test_the_monitors_group_titles_are_one_line_at_80_columns(make_context) -> None:
    """A title that wrapped pushed its column names onto a second line below it, out of step
    with the rows; its end is cut with … instead."""
    from app.ui.monitor.rows import GroupHeading
    from tests.ui.monitor.world import fill as fill_monitor

    context = make_context()
    fill_monitor(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        heading = app.screen.query(GroupHeading).first()
        heading.show_count(1031, shown=200, later=1000)  # the longest title a busy day brings
        await pilot.pause()
        title, column_names = str(heading.render()).splitlines()
        assert len(title) > 80
        assert column_names.split()[:2] == ["status", "candidate"]
        assert heading.region.height == 2
