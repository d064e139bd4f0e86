"""The review queue with Pilot: its order and count, a verdict by one key moving on to the
next undecided analysis ("2 of 4"), undo, the note field that keeps letters as text, the
filters, and the palette and key that reach it."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from app.store.verdicts import Verdict
from app.ui.app import InterviewDeskApp
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.review import ReviewScreen
from tests.textual_hooks import drawn
from tests.ui.review.world import QUEUE, fill
from widgets.virtual_table import VirtualTable

SIZE = (120, 40)


@pytest.fixture
def desk(make_context) -> InterviewDeskApp:
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)


def rendered(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector).render())


def queue_ids(screen: ReviewScreen) -> list[str]:
    source = screen.query_one(VirtualTable).source
    return [row["id"] for row in source.rows(0, source.count())]


async def open_queue(desk: InterviewDeskApp, pilot) -> ReviewScreen:  # type: ignore[no-untyped-def]
    await pilot.press("w")
    await pilot.pause()
    assert isinstance(desk.screen, ReviewScreen)
    return desk.screen


async def test_the_queue_lists_undecided_analyses_newest_first_with_a_count(desk) -> None:
    desk.context.store.verdicts.decide("cand-cleo", "job-data", Verdict.HOLD)
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_queue(desk, pilot)
        assert queue_ids(screen) == ["int-ada", "int-ben", "int-dan"]
        assert rendered(screen, "#review-title").startswith("3 to review")


async def test_a_verdict_moves_to_the_next_undecided_and_undo_goes_back(desk) -> None:
    verdicts = desk.context.store.verdicts
    verdicts.decide("cand-ben", "job-data", Verdict.REJECT)  # decided before: skipped
    async with desk.run_test(size=SIZE) as pilot:
        queue = await open_queue(desk, pilot)
        assert queue_ids(queue) == ["int-ada", "int-cleo", "int-dan"]
        await pilot.press("enter")
        await pilot.pause()
        assert desk.screen.interview_id == "int-ada"
        assert "1 of 3 to review" in rendered(desk.screen, "#analysis-header")

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(desk.screen, AnalysisScreen)
        assert desk.screen.interview_id == "int-cleo"
        assert "2 of 3 to review" in rendered(desk.screen, "#analysis-header")
        assert verdicts.current("cand-ada", "job-data").verdict is Verdict.ADVANCE

        await pilot.press("x")
        await pilot.pause()
        assert desk.screen.interview_id == "int-dan"
        assert "3 of 3 to review" in rendered(desk.screen, "#analysis-header")

        await pilot.press("u")  # Cleo's reject undone: back on Cleo, undecided
        await pilot.pause()
        assert desk.screen.interview_id == "int-cleo"
        assert verdicts.current("cand-cleo", "job-data").verdict is None
        assert "undecided" in rendered(desk.screen, "#analysis-verdict")

        await pilot.press("h")  # round the queue: Dan is the next undecided
        await pilot.pause()
        assert desk.screen.interview_id == "int-dan"
        await pilot.press("h")  # the last one: stays, says so
        await pilot.pause()
        assert desk.screen.interview_id == "int-dan"
        assert "hold" in rendered(desk.screen, "#analysis-verdict")

        await pilot.press("escape")
        await pilot.pause()
        assert desk.screen is queue
        assert queue_ids(queue) == []
        assert rendered(queue, "#review-title").startswith("0 to review")


async def test_the_note_takes_letters_as_text_and_enter_saves_it(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await open_queue(desk, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = desk.screen
        await pilot.press("t")
        assert screen.query_one("#verdict-note", Input).has_focus
        await pilot.press(*"ahxuw q", "enter")
        await pilot.pause()
        assert desk.screen is screen  # no verdict, no other section: letters were text
        decision = desk.context.store.verdicts.current("cand-ada", "job-data")
        assert decision.note == "ahxuw q" and decision.verdict is None
        await pilot.press("a")  # the note goes with the verdict
        await pilot.pause()
        decision = desk.context.store.verdicts.current("cand-ada", "job-data")
        assert decision.verdict is Verdict.ADVANCE and decision.note == "ahxuw q"


async def test_a_note_left_with_escape_is_kept_through_a_sync(desk) -> None:
    """Esc leaves the note with its words still in the field, as if kept: the next sync's
    reload emptied the field and the note was gone, and a verdict then went without it."""
    async with desk.run_test(size=SIZE) as pilot:
        await open_queue(desk, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = desk.screen
        await pilot.press("t", *"call back monday", "escape")
        await pilot.pause()
        desk.cache_written()  # what a sync or the live watcher says when it wrote
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one("#verdict-note", Input).value == "call back monday"
        decision = desk.context.store.verdicts.current("cand-ada", "job-data")
        assert decision is not None and decision.note == "call back monday"
        await pilot.press("h")
        await pilot.pause()
        decision = desk.context.store.verdicts.current("cand-ada", "job-data")
        assert decision.verdict is Verdict.HOLD and decision.note == "call back monday"


async def test_a_note_being_written_is_kept_when_the_desk_quits(desk) -> None:
    """ctrl+c quits from inside the field: what was typed there is the recruiter's note."""
    async with desk.run_test(size=SIZE) as pilot:
        await open_queue(desk, pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("t", *"strong on SQL", "ctrl+c")
        await pilot.pause()
    decision = desk.context.store.verdicts.current("cand-ada", "job-data")
    assert decision is not None and decision.note == "strong on SQL"


async def test_typing_into_a_kept_note_adds_to_it(desk) -> None:
    """t on a note already kept selected all of it, so the first letter typed replaced the
    recruiter's note; the cursor goes to its end instead (ctrl+u still clears it)."""
    desk.context.store.verdicts.note("cand-ada", "job-data", "call back monday")
    async with desk.run_test(size=SIZE) as pilot:
        await open_queue(desk, pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("t", *" and tuesday", "enter")
        await pilot.pause()
        decision = desk.context.store.verdicts.current("cand-ada", "job-data")
        assert decision.note == "call back monday and tuesday"


async def test_what_is_typed_into_the_note_and_the_filters_stays_in_sight(desk) -> None:
    """The focus frame of a text box drew over the one-line note beside the verdict and the
    queue's filters: the recruiter typed the note blind, and a focused filter hid its job."""
    async with desk.run_test(size=(80, 24)) as pilot:
        screen = await open_queue(desk, pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert screen.query_one("#review-job", Select).has_focus
        assert "any job" in drawn(desk)
        await pilot.press("escape", "enter")
        await pilot.pause()
        await pilot.press("t", *"strong on sql")
        await pilot.pause()
        assert desk.screen.query_one("#verdict-note", Input).has_focus
        assert "strong on sql" in drawn(desk)


async def test_the_queue_filters_by_interview_type_and_job(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_queue(desk, pilot)
        screen.query_one("#review-type", Select).value = "SCREENING"
        await pilot.pause()
        assert queue_ids(screen) == ["int-ada", "int-cleo"]
        assert rendered(screen, "#review-title").startswith("2 to review")
        screen.query_one("#review-job", Select).value = "job-data"
        await pilot.pause()
        assert queue_ids(screen) == ["int-ada", "int-cleo"]
        screen.query_one("#review-type", Select).clear()
        await pilot.pause()
        assert queue_ids(screen) == QUEUE


async def test_the_palette_offers_the_queue(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in desk.get_system_commands(desk.screen)]
        assert "To review" in titles
        next(c for c in desk.get_system_commands(desk.screen) if c.title == "To review"
             ).callback()
        await pilot.pause()
        assert isinstance(desk.screen, ReviewScreen)
