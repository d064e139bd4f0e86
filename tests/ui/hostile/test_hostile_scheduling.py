"""The scheduling review (ctrl+r), the bulk panel and the command palette over a hostile cache
and a server whose every error message is hostile: nothing crashes, and nothing a terminal
would obey reaches the drawn screen. The walk of `test_hostile_screens.py` stops at the form's
first view; these go on to what the form shows after it (the review, a refusal, a bulk run's
result rows) and to the palette opened over a screen of server text.

Like the rest of the walk, these run with the app's last guard off (`unguarded`)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.command import CommandList

from app.ui.app import InterviewDeskApp
from app.ui.modals import ConfirmScreen
from app.ui.schedule.bulk import BulkPanel
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.schedule import ScheduleScreen
from tests.ui.hostile.test_hostile_screens import SIZE, assert_clean, desk, settle, unguarded
from tests.ui.schedule.conftest import choose, fill

__all__ = ["desk", "unguarded"]  # the fixtures, shared with the walk of every screen


async def form_for(app: InterviewDeskApp, pilot: Any, *candidate_ids: str) -> ScheduleScreen:
    """The form for these cached candidates, with the phone agent, the hostile job and a time
    tomorrow chosen: every rule holds, so ctrl+r reviews."""
    await app.action_schedule(list(candidate_ids))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ScheduleScreen)
    fill(screen, agent_id="agent-phone", job_id="job-evil")
    choose(screen, "when-later")
    fill(screen, day="tomorrow", at="10:00")
    await settle(pilot)
    return screen


async def test_the_review_and_the_servers_refusal_of_one_interview(desk: InterviewDeskApp,
                                                                  ) -> None:
    async with desk.run_test(size=SIZE, notifications=True) as pilot:
        screen = await form_for(desk, pilot, "cand-a")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(desk.screen, ConfirmScreen), "the form was not ready to review"
        shown = assert_clean(desk, "the review")
        assert "Ann" in shown and "Job" in shown and "Paula" in shown
        await pilot.press("enter")  # send: the stand-in refuses with a hostile message
        await desk.workers.wait_for_complete()
        await settle(pilot)
        assert desk.is_running
        shown = assert_clean(desk, "the refusal of a send")
        assert "Server says" in shown
        assert desk.screen is screen


async def test_the_bulk_review_its_refusals_and_its_result_rows(desk: InterviewDeskApp) -> None:
    async with desk.run_test(size=SIZE, notifications=True) as pilot:
        screen = await form_for(desk, pilot, "cand-a", "cand-b", "cand-c")
        assert screen.bulk_ids == ["cand-a", "cand-b", "cand-c"]
        shown = assert_clean(desk, "the bulk form")
        assert "Ann" in shown and "Bob" in shown and "Cid" in shown
        await pilot.press("ctrl+r")
        await desk.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(desk.screen, ConfirmScreen), "the batch was not reviewed"
        shown = assert_clean(desk, "the bulk review (the plan's minutes refused by the API)")
        assert "3 interviews" in shown and "Server says" in shown
        await pilot.press("enter")  # send all: each create is refused with a hostile message
        await desk.workers.wait_for_complete()
        await settle(pilot)
        panel = screen.query_one(BulkPanel)
        assert [row.state for row in panel.rows] == ["failed"] * 3
        shown = assert_clean(desk, "the bulk panel's result rows")
        assert "Server says" in shown and "3 failed" in shown


@pytest.mark.parametrize("where", ["analysis", "schedule"])
async def test_the_command_palette_over_server_text(desk: InterviewDeskApp, where: str) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        if where == "analysis":
            await desk.push_screen(AnalysisScreen("int-a"))
        else:
            await form_for(desk, pilot, "cand-a")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert_clean(desk, f"the palette over the {where}")
        await pilot.press(*"cand")
        matches = desk.screen.query_one(CommandList)
        for _ in range(100):  # the palette searches its providers in a worker
            if matches.option_count:
                break
            await pilot.pause(0.05)
        await settle(pilot)
        shown = assert_clean(desk, f"the palette's matches over the {where}")
        assert "The candidate list" in shown


async def test_the_forms_candidate_search_lists_hostile_names_cleanly(
        desk: InterviewDeskApp) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await desk.switch_mode("schedule")
        await settle(pilot)
        desk.screen.query_one("#candidate-search").focus()
        await pilot.press(*"ann")
        await settle(pilot)
        shown = assert_clean(desk, "the candidate search's matches")
        assert "Ann" in shown and "a@example.com" in shown and "Job" in shown
