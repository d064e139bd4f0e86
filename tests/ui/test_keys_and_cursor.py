"""The keys a terminal user knows, and a cursor that stays where the recruiter left it (issue 19).

j k g G ctrl+d ctrl+u in the candidate page's interviews; Enter opens the row under the cursor;
a sync keeps the cursor on its record and a new filter starts at the top; the job view shows
the candidate it came from; [ and ] walk the list the recruiter came from; ctrl+c quits or
copies; c from the job view goes to the candidates.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input

from app.domain.models import Candidate
from app.ui.app import InterviewDeskApp
from app.ui.base import DeskScreen
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.candidate_detail import CandidateDetailScreen
from app.ui.screens.candidates import CandidatesScreen
from app.ui.screens.job import JobScreen
from tests.ui.analysis.world import JOB, fill, interview
from tests.ui.toasts import toasts
from widgets.virtual_table import VirtualTable

SIZE = (140, 45)


@pytest.fixture
def desk(make_context) -> InterviewDeskApp:
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)


def table(app: InterviewDeskApp) -> VirtualTable:
    return app.screen.query_one(VirtualTable)


def cursor_name(app: InterviewDeskApp) -> str:
    return table(app).cursor_row.name


async def open_row(app: InterviewDeskApp, pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    """Walk the cursor down to `name` with j, as a recruiter would, and press Enter."""
    for _ in range(table(app).row_count):
        if cursor_name(app) == name:
            break
        await pilot.press("j")
    assert cursor_name(app) == name
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


def header(app: InterviewDeskApp) -> str:
    return str(app.screen.query_one("#analysis-header").render())


async def test_the_candidate_pages_interviews_take_focus_and_the_vim_keys(desk) -> None:
    store = desk.context.store
    with store.transaction():  # Ada has four interviews, newest first on her page
        store.save_interviews([interview("ada", "SCREENING", rating=91)] + [
            interview(f"ada{n}", "SCREENING", rating=60 + n,
                      when=interview("ada", "SCREENING").scheduled_at - timedelta(days=n))
            .model_copy(update={"candidate_id": "cand-ada"}) for n in (1, 2, 3)])
    async with desk.run_test(size=SIZE) as pilot:
        await open_row(desk, pilot, "Ada Lovelace")
        screen = desk.screen
        assert isinstance(screen, CandidateDetailScreen)
        interviews = screen.query_one("#candidate-interviews", VirtualTable)
        assert interviews.has_focus and interviews.row_count == 4
        await pilot.press("G")
        assert interviews.cursor_index == 3
        await pilot.press("g")
        assert interviews.cursor_index == 0
        await pilot.press("j", "j")
        assert interviews.cursor_index == 2
        await pilot.press("k")
        assert interviews.cursor_index == 1
        await pilot.press("ctrl+d")
        assert interviews.cursor_index == 3
        await pilot.press("ctrl+u")
        assert interviews.cursor_index == 0
        await pilot.press("j")
        chosen = interviews.cursor_row_id
        desk.cache_written()  # a sync: the cursor stays on its interview
        await pilot.pause()
        assert interviews.cursor_row_id == chosen and interviews.cursor_index == 1
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(desk.screen, AnalysisScreen)
        assert desk.screen.interview_id == chosen == "int-ada1"


async def test_a_sync_keeps_the_cursor_on_its_candidate_and_a_filter_starts_at_the_top(
    desk,
) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j")
        assert cursor_name(desk) == "Dan Novak"
        store = desk.context.store
        with store.transaction():  # two new candidates sort above Dan
            store.save_candidates([
                Candidate(id=f"cand-new{n}", first_name="Aaron", last_name=f"New{n}",
                          job_ids=[JOB.id]) for n in (1, 2)])
        desk.cache_written()
        await pilot.pause()
        assert cursor_name(desk) == "Dan Novak" and table(desk).cursor_index == 5
        await pilot.press("slash", "d", "enter")  # Dan still matches, but the list is new
        await pilot.pause()
        assert table(desk).cursor_index == 0
        assert cursor_name(desk) == "Dan Novak"
        await pilot.press("escape")
        await pilot.pause()
        assert table(desk).cursor_index == 0 and cursor_name(desk) == "Aaron New1"


async def test_the_job_view_highlights_the_candidate_it_came_from_and_c_goes_back(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j")
        await pilot.press("J")
        await pilot.pause()
        assert isinstance(desk.screen, JobScreen)
        ranking = table(desk)
        assert ranking.has_focus and ranking.cursor_row_id == "cand-dan"
        assert ranking.cursor_index == ranking.row_count - 1  # Dan has the lowest rating
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(desk.screen, CandidatesScreen)
        assert cursor_name(desk) == "Dan Novak"


async def test_brackets_follow_the_sorted_list_skipping_candidates_without_analysis(
    desk,
) -> None:
    async with desk.run_test(size=SIZE, notifications=True) as pilot:
        table(desk).set_sort("latest_rating", descending=True)
        await pilot.pause()
        listed = [table(desk).row_at(i).id.replace("cand-", "int-")
                  for i in range(table(desk).row_count)]
        assert listed[:2] == ["int-ada", "int-cleo"] and listed[-1] == "int-eva"
        await open_row(desk, pilot, "Cleo Marsh")  # second by rating
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert desk.screen.interview_id == "int-cleo"
        assert "2 of 7 candidates in the list" in header(desk)
        seen = ["int-cleo"]
        for _ in range(5):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            await pilot.pause()
            seen.append(desk.screen.interview_id)
        # the list's order (the three rated 70, then Ben 64, Dan 58); Eva, unanalysed, never
        assert seen == listed[1:7] and "int-eva" not in seen
        assert "7 of 7 candidates in the list" in header(desk)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert desk.screen.interview_id == "int-dan"  # the end of the list: it stays
        assert any("last analysed one of the 7" in text for text in toasts(desk))
        await pilot.press("left_square_bracket")
        await pilot.pause()
        await pilot.pause()
        assert desk.screen.interview_id == "int-ben"


async def test_brackets_follow_a_filtered_list(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "o", "enter")  # Ben Okafor and Odd Fields
        await pilot.pause()
        names = [table(desk).row_at(i).name for i in range(table(desk).row_count)]
        await open_row(desk, pilot, names[0])
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert f"1 of {len(names)} candidates in the list" in header(desk)


async def test_brackets_follow_the_search_hits(desk) -> None:
    store = desk.context.store
    order = [i for i in store.search_interview_ids("ledger") if i != "int-eva"]
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"ledger", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert desk.screen.interview_id == order[0]
        assert f"1 of {len(order)} interviews found" in header(desk)
        seen = [order[0]]
        for _ in range(len(order) - 1):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            await pilot.pause()
            seen.append(desk.screen.interview_id)
        assert seen == order


async def test_ctrl_c_quits(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert desk._exit


async def test_ctrl_c_in_a_text_box_with_nothing_selected_quits(desk) -> None:
    """The box's own ctrl+c (copy) skips with nothing selected; the key must still reach the
    App's ctrl+c, which quits (a box that ran its keys itself once swallowed it)."""
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"ada")
        assert isinstance(desk.focused, Input)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert desk._exit


async def test_ctrl_c_copies_a_selection_instead(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"ada")
        field = desk.screen.query_one("#candidate-filter", Input)
        field.select_all()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert desk.clipboard == "ada"
        assert not desk._exit


async def test_ctrl_c_copies_words_selected_in_the_transcript(desk) -> None:
    from widgets.transcript_view import TranscriptView

    async with desk.run_test(size=SIZE) as pilot:
        await desk.push_screen(AnalysisScreen("int-ada"))
        await pilot.pause()
        view = desk.screen.query_one(TranscriptView)
        line = view.line_of_turn(1) + 1  # the first line of the candidate's words
        # A mouse drag over "I have written", as a recruiter selects a quote.
        await pilot.mouse_down(view, offset=(2, line))
        await pilot.hover(view, offset=(15, line))
        await pilot.mouse_up(view, offset=(15, line))
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert desk.clipboard == "I have written"
        assert not desk._exit
        desk.screen.clear_selection()
        await pilot.press("ctrl+c")  # nothing selected: ctrl+c quits
        await pilot.pause()
        assert desk._exit


# One path for "the cache changed": `InterviewDeskApp.cache_written()` makes every open section
# re-read exactly once, the one on screen and one under it alike (a section whose `on_mount`
# ran twice re-read twice).

def count_rereads(screen: DeskScreen, counts: dict[str, int]) -> None:
    name = type(screen).__name__
    reread = screen.on_cache_changed

    def counted() -> None:
        counts[name] = counts.get(name, 0) + 1
        reread()

    screen.on_cache_changed = counted  # type: ignore[method-assign]


async def test_each_open_section_rereads_once_per_write(desk: InterviewDeskApp) -> None:
    counts: dict[str, int] = {}
    async with desk.run_test(size=SIZE) as pilot:
        candidates = desk.screen
        assert isinstance(candidates, CandidatesScreen)
        count_rereads(candidates, counts)
        listed = candidates.query_one(VirtualTable).row_count
        await pilot.press("J")  # the job view of the candidate under the cursor
        await pilot.pause()
        job = desk.screen
        assert isinstance(job, JobScreen)
        count_rereads(job, counts)
        with desk.context.store.transaction():
            desk.context.store.save_candidates([Candidate(
                id="cand-new", first_name="Aaron", last_name="New", job_ids=[JOB.id])])
        desk.cache_written()
        await pilot.pause()
        assert counts == {"CandidatesScreen": 1, "JobScreen": 1}
        await pilot.press("escape")
        await pilot.pause()
        assert desk.screen is candidates
        assert candidates.query_one(VirtualTable).row_count == listed + 1
