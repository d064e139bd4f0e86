"""The candidate page while a sync has yet to bring a candidate's interviews.

A first sync saves every candidate before listing their interviews, one candidate at a time at
the API's pace (an hour for 2,000 candidates on the starter plan). A page that said "No
interviews yet: press s to schedule one" for a candidate the API counts interviews for invited
the recruiter to schedule an interview the candidate may already have."""

from __future__ import annotations

from app.domain.models import Candidate
from app.ui.app import InterviewDeskApp
from tests.ui.candidates.world import fill, interviews
from widgets.virtual_table import VirtualTable

SIZE = (120, 36)


def waiting_candidate() -> Candidate:
    return Candidate(id="cand-fay", first_name="Fay", last_name="Waits", email="fay@example.com",
                     interview_count=2)


async def test_interviews_the_sync_has_yet_to_bring_are_never_called_none(make_context) -> None:
    context = make_context()
    store = context.store
    fill(store)
    with store.transaction():
        store.save_candidates([waiting_candidate()])  # as a first sync's candidate page does
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"fay", "enter", "enter")
        await pilot.pause()
        table = desk.screen.query_one("#candidate-interviews", VirtualTable)
        title = str(desk.screen.query_one("#candidate-interviews-title").render())
        assert table.row_count == 0
        assert "No interviews yet" not in table.empty_message
        assert "2" in table.empty_message and "sync" in table.empty_message
        assert "2" in title

        # One of the two arrives: the page says one is still to come.
        first, second = (interview.model_copy(update={"id": f"int-fay-{n}",
                                                   "candidate_id": "cand-fay"})
                         for n, interview in enumerate(interviews()[:2]))
        with store.transaction():
            store.save_interviews([first])
        desk.cache_written()
        await pilot.pause()
        assert table.row_count == 1
        assert "1 of 2" in str(desk.screen.query_one("#candidate-interviews-title").render())

        # Listed: the page is as the API has it, and a candidate with none can be scheduled.
        with store.transaction():
            store.save_interviews([second])
            store.mark_listed(["cand-fay"])
        desk.cache_written()
        await pilot.pause()
        assert table.row_count == 2
        assert str(desk.screen.query_one("#candidate-interviews-title").render()) == "Interviews"


async def test_a_listed_candidate_without_interviews_can_be_scheduled(make_context) -> None:
    context = make_context()
    store = context.store
    with store.transaction():
        store.save_candidates([waiting_candidate().model_copy(update={"interview_count": 0})])
        store.mark_listed(["cand-fay"])
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        table = desk.screen.query_one("#candidate-interviews", VirtualTable)
        assert table.empty_message == "No interviews yet: press s to schedule one."
