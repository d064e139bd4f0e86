"""What the walk of every screen (`test_hostile_screens.py`) does not reach, over a hostile
cache and a server whose every error message is hostile: the scheduling review (ctrl+r), a
refused send, the bulk review and its result rows, the form's candidate search, the command
palette, the review queue, and states and types no enum knows (an interview status, an
analysis status, an agent's focus). Nothing crashes, and nothing a terminal would obey
reaches the drawn screen.

Like the rest of the walk, these run with the app's last guard off (`unguarded`)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from textual.command import CommandList

from app.ui.app import InterviewDeskApp
from app.ui.modals import ConfirmScreen
from app.ui.schedule.bulk import BulkPanel
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.schedule import ScheduleScreen
from tests.ui.conftest import MakeContext
from tests.ui.hostile.test_hostile_screens import (
    SIZE,
    assert_clean,
    desk,
    expand_selects,
    settle,
    stand_in_server,
    unguarded,
)
from tests.ui.hostile.world import at, fill, hostile, wire_world
from tests.ui.schedule.form_filling import choose
from tests.ui.schedule.form_filling import fill as fill_form

__all__ = ["desk", "unguarded"]  # the fixtures, shared with the walk of every screen


async def form_for(app: InterviewDeskApp, pilot: Any, *candidate_ids: str) -> ScheduleScreen:
    """The form for these cached candidates, with the phone agent, the hostile job and a time
    tomorrow chosen: every rule holds, so ctrl+r reviews."""
    await app.action_schedule(list(candidate_ids))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ScheduleScreen)
    fill_form(screen, agent_id="agent-phone", job_id="job-evil")
    choose(screen, "when-later")
    fill_form(screen, day="tomorrow", at="10:00")
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


@pytest.mark.parametrize(("where", "typed", "offered"), [
    ("analysis", "cand", "The candidate list"),
    ("schedule", "cand", "The candidate list"),
    ("analysis", "job view", "Its rating histogram"),  # the title is server text
])
async def test_the_command_palette_over_server_text(desk: InterviewDeskApp, where: str,
                                                    typed: str, offered: str) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        if where == "analysis":
            await desk.push_screen(AnalysisScreen("int-a"))
        else:
            await form_for(desk, pilot, "cand-a")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert_clean(desk, f"the palette over the {where}")
        await pilot.press(*[key if key != " " else "space" for key in typed])
        matches = desk.screen.query_one(CommandList)
        for _ in range(100):  # the palette searches its providers in a worker
            if matches.option_count:
                break
            await pilot.pause(0.05)
        await settle(pilot)
        shown = assert_clean(desk, f"the palette's matches over the {where}")
        assert offered in shown


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


async def test_the_review_queue_and_its_filters(desk: InterviewDeskApp) -> None:
    """To review (w): the analysed interviews of hostile candidates, jobs and agents."""
    async with desk.run_test(size=SIZE) as pilot:
        await desk.switch_mode("review")
        await settle(pilot)
        shown = assert_clean(desk, "the review queue")
        assert "Ann" in shown and "Dee" in shown
        await expand_selects(desk, pilot, "the review queue")


def unknown_states_world() -> dict[str, list[dict[str, Any]]]:
    """The world plus what a server can still say in words of its own: an interview whose
    status no enum knows and without an analysis, and a finished one whose analysis status
    no enum knows."""
    world = wire_world()
    world["interviews"] += [
        {"id": "int-e", "candidateId": "cand-b", "agentId": "agent-online", "jobId": "job-evil",
         "status": hostile("ODD"), "scheduledAt": at(-30), "finishedDate": at(-20)},
        {"id": "int-f", "candidateId": "cand-c", "agentId": "agent-phone", "jobId": "job-evil",
         "status": "COMPLETED", "scheduledAt": at(-50), "finishedDate": at(-10),
         "analysis": {"general": {"status": hostile("WAIT")}}},
    ]
    return world


async def test_states_no_enum_knows_and_an_agent_of_an_unknown_type(
        make_context: MakeContext, unguarded: None) -> None:
    context = make_context(transport=httpx.MockTransport(stand_in_server))
    fill(context.store, unknown_states_world())
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode("monitor")
        await settle(pilot)
        assert "Bob" in assert_clean(app, "the monitor with unknown states")
        for interview_id in ("int-e", "int-f"):
            await app.push_screen(AnalysisScreen(interview_id))
            await settle(pilot)
            assert_clean(app, f"analysis {interview_id}")
            app.pop_screen()
        await app.switch_mode("schedule")
        await settle(pilot)
        screen = app.screen
        fill_form(screen, agent_id="agent-online")  # its focus is unknown
        await settle(pilot)  # no candidate, no job: the job note names the agent's focus
        shown = assert_clean(app, "the form's job note for that agent")
        assert "Focus" in shown and "interview needs a job" in shown
        await app.action_schedule(["cand-a"])
        await settle(pilot)
        fill_form(screen, job_id="job-evil")
        choose(screen, "when-later")
        fill_form(screen, day="tomorrow", at="10:00")
        await settle(pilot)
        assert "Otto" in assert_clean(app, "the form with an agent of an unknown type")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert_clean(app, "the review or the refusal for that agent")


async def test_the_question_before_a_drafts_candidate_changes_names_them_cleanly(
        desk: InterviewDeskApp) -> None:
    """Its buttons carry the name ("New draft for Ann…"): a button's label is text, too."""
    async with desk.run_test(size=SIZE) as pilot:
        await form_for(desk, pilot, "cand-a")
        await desk.action_schedule(["cand-b"])
        await settle(pilot)
        assert isinstance(desk.screen, ConfirmScreen)
        shown = assert_clean(desk, "the question before the draft's candidate changes")
        assert "New draft for Bob" in shown
        await pilot.press("n")
        await settle(pilot)
        await form_for(desk, pilot, "cand-a", "cand-b")
        await desk.action_schedule(["cand-c"])
        await settle(pilot)
        assert isinstance(desk.screen, ConfirmScreen)
        assert "Schedule Cid" in assert_clean(desk, "the question before a batch is left")
