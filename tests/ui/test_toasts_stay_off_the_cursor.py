"""A toast never covers the focused row (issue 19): at 80x24 with the cursor on the last rows
of a list, the toasts go to the top of the screen, and back down when the cursor goes up."""

from __future__ import annotations

from textual.geometry import Region

from app.ui.app import InterviewDeskApp
from app.ui.toasts import RACK_ID, toasts_at_top
from tests.ui.analysis.world import candidate, fill
from tests.ui.monitor.world import fill as fill_monitor

SHORT = "Saved exports/ada-lovelace.md"
LONG = ("This toast is long on purpose: it takes several lines of the screen, as the demo's "
        "first toast does, so that it reaches the rows above the footer.")


def toast_regions(app: InterviewDeskApp) -> list[Region]:
    rack = app.screen.get_widget_by_id(RACK_ID)
    return [toast.region for holder in rack.children for toast in holder.children]


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        await pilot.pause()


def covered(app: InterviewDeskApp) -> bool:
    cursor = app.focused.cursor_region  # type: ignore[union-attr]
    assert cursor is not None
    return any(region.overlaps(cursor) for region in toast_regions(app))


async def test_a_toast_moves_off_the_last_rows_and_back(make_context) -> None:
    context = make_context()
    fill(context.store)
    context.store.save_candidates(candidate(f"z{n}", "Zoe", f"Zed {n:02d}") for n in range(30))
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("G")  # the last candidate: a row just above the status line
        app.notify(LONG, title="Demo data")
        app.notify(SHORT, title="Exported")
        await settle(pilot)
        assert toast_regions(app)
        assert not covered(app)
        assert app.screen.has_class("-toasts-at-top")
        await pilot.press("g")  # the first row: now the top is where the cursor is
        await settle(pilot)
        assert not covered(app)
        assert not app.screen.has_class("-toasts-at-top")
        await pilot.press("G")  # toasts already up, the cursor goes down again
        await settle(pilot)
        assert not covered(app)


async def test_the_monitors_cursor_is_not_covered_either(make_context) -> None:
    context = make_context()
    fill_monitor(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("m")
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("G")
        app.notify(LONG)
        await settle(pilot)
        assert toast_regions(app)
        assert not covered(app)


def test_the_stack_goes_up_only_when_that_helps() -> None:
    row = Region(0, 20, 80, 1)
    assert toasts_at_top(24, 5, row)  # 18..22 at the bottom covers row 20; 1..5 does not
    assert not toasts_at_top(24, 5, Region(0, 3, 80, 1))  # a row near the top
    assert not toasts_at_top(24, 22, row)  # taller than the screen: nowhere helps
    assert not toasts_at_top(24, 5, None)  # no cursor row on this screen
    assert not toasts_at_top(24, 0, row)  # no toasts
